"""Reader surveys: one anonymous answer per reader, shown in place of the subscribe offer."""

import json
import uuid

import pytest

from buyingstages.audience.models import ReaderSurvey, SurveyAnswer
from tests.factories import AssetPageFactory
from tests.listings import listing_rows

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0"


@pytest.fixture
def survey(library, stages):
    asset = AssetPageFactory(parent=library, stage=stages[1], slug="primer")
    survey = ReaderSurvey.objects.create(
        question="What should we write about next?",
        choices="Data residency\nImplementation effort\nPricing",
    )
    survey.pages.add(asset)
    return survey


def answer(client, survey_id, voter, choice, agent=BROWSER):
    return client.post(
        "/t/survey/",
        json.dumps({"survey": survey_id, "voter": str(voter), "choice": choice}),
        content_type="application/json",
        HTTP_USER_AGENT=agent,
    )


def test_the_survey_replaces_the_subscribe_offer_on_chosen_assets(client, survey, library, stages):
    html = client.get(survey.pages.get().url).content.decode()
    assert "What should we write about next?" in html
    assert html.count("data-choice=") == 3
    other = AssetPageFactory(parent=library, stage=stages[1], slug="other")
    assert "data-survey" not in client.get(other.url).content.decode()


def test_answers_are_counted_per_choice(client, survey):
    for choice in (0, 2, 2):
        assert answer(client, survey.pk, uuid.uuid4(), choice).status_code == 204
    assert survey.results() == [("Data residency", 1), ("Implementation effort", 0), ("Pricing", 2)]


def test_one_answer_per_reader(client, survey):
    voter = uuid.uuid4()
    assert answer(client, survey.pk, voter, 0).status_code == 204
    assert answer(client, survey.pk, voter, 1).status_code == 409
    assert list(SurveyAnswer.objects.values_list("choice", flat=True)) == [0]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"survey": "1", "voter": str(uuid.uuid4()), "choice": 0}, 400),
        ({"survey": 1, "voter": "forged", "choice": 0}, 400),
        ({"survey": 1, "voter": str(uuid.uuid4()), "choice": -1}, 400),
        ({"survey": 1, "voter": str(uuid.uuid4()), "choice": True}, 400),
    ],
)
def test_malformed_answers_are_refused(client, survey, body, status):
    response = client.post(
        "/t/survey/", json.dumps(body), content_type="application/json", HTTP_USER_AGENT=BROWSER
    )
    assert response.status_code == status
    assert not SurveyAnswer.objects.exists()


def test_answers_to_closed_surveys_or_missing_choices_are_refused(client, survey):
    assert answer(client, survey.pk, uuid.uuid4(), 3).status_code == 400
    survey.active = False
    survey.save()
    assert answer(client, survey.pk, uuid.uuid4(), 0).status_code == 400
    assert answer(client, survey.pk + 100, uuid.uuid4(), 0).status_code == 400
    assert not SurveyAnswer.objects.exists()


def test_bots_do_not_answer(client, survey):
    assert answer(client, survey.pk, uuid.uuid4(), 0, agent="Googlebot/2.1").status_code == 204
    assert not SurveyAnswer.objects.exists()


def test_the_surveys_listing_says_whether_each_is_active(editor_client, survey):
    ReaderSurvey.objects.create(question="Closed?", choices="Yes\nNo", active=False)
    rows = listing_rows(editor_client.get("/admin/reader-surveys/"))
    assert {row["Question"]: row["Active"] for row in rows} == {
        survey.question: "Yes",
        "Closed?": "No",
    }
