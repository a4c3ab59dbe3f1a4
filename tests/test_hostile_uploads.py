"""Hostile input for the endpoints added with the Sales area, decks and surveys: never a 500, nothing
written on refusal."""

import io
import uuid
import zipfile

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buyingstages.audience.models import AssetVote, ReaderSurvey, SurveyAnswer
from publishing.messaging.models import DeckTemplate
from tests.factories import AssetPageFactory

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36"


def zipped(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


uploads = st.binary(max_size=2000) | st.dictionaries(
    st.sampled_from(["[Content_Types].xml", "ppt/presentation.xml", "docProps/core.xml", "x.txt"]),
    st.binary(max_size=300),
    max_size=4,
).map(zipped)


@FUZZ
@given(content=uploads, name=st.text(min_size=1, max_size=40))
def test_deck_check_answers_any_upload_with_a_clear_4xx_or_a_verdict(
    client, make_user, content, name
):
    cache.clear()
    if not hasattr(client, "masthead_signed_in"):
        client.force_login(make_user("Sales", f"s-{uuid.uuid4().hex[:8]}"))
        client.masthead_signed_in = True
    response = client.post(
        "/admin/deck-check/", {"file": SimpleUploadedFile(name.replace("\x00", "") or "x", content)}
    )
    assert response.status_code in (200, 400)
    assert "Traceback" not in response.content.decode()


@FUZZ
@given(content=uploads)
def test_brand_template_refuses_any_broken_upload_and_writes_nothing(client, make_user, content):
    if not hasattr(client, "masthead_signed_in"):
        client.force_login(make_user("Editors", f"e-{uuid.uuid4().hex[:8]}"))
        client.masthead_signed_in = True
    response = client.post(
        "/admin/deck-templates/add/",
        {"name": "Fuzzed", "file": SimpleUploadedFile("brand.pptx", content)},
    )
    assert response.status_code == 200  # the form again, with the reason
    assert not DeckTemplate.objects.exists()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=40),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


@FUZZ
@given(body=json_values | st.binary(max_size=200).map(lambda raw: raw))
def test_votes_and_survey_answers_refuse_garbage(client, library, stages, body):
    import json

    cache.clear()
    asset = AssetPageFactory(parent=library, stage=stages[0])
    survey = ReaderSurvey.objects.create(question="Next?", choices="A\nB")
    survey.pages.add(asset)
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    for url in ("/t/vote/", "/t/survey/"):
        response = client.post(url, raw, content_type="application/json", HTTP_USER_AGENT=BROWSER)
        assert response.status_code in (204, 400, 409, 429), (url, response.status_code)
    assert AssetVote.objects.count() <= 1
    assert SurveyAnswer.objects.count() <= 1
