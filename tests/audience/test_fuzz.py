"""Hostile input for the beacon and the subscribe form: never a 500, never a partial write."""

import json

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from buyingstages.audience.models import ContentEvent, Lead, Subscription, VisitorProfile
from tests.factories import AssetPageFactory, TopicFactory
from tests.people import as_a_person, reading_event

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36"

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=10,
)
events = st.fixed_dictionaries(
    {},
    optional={
        "v": st.uuids().map(str) | st.text(max_size=40),
        "e": st.sampled_from(["view", "read", "download", "share", "stare", ""]),
        "p": st.integers(min_value=-5, max_value=10**12) | st.text(max_size=5),
        "s": st.integers(min_value=-3, max_value=10**6),
        "n": st.integers(min_value=-3, max_value=10**6),
        "c": st.text(max_size=80),
        "consent": json_values,
    },
)


@FUZZ
@given(body=events | json_values.map(lambda value: {"junk": value}))
def test_beacon_answers_every_json_body_with_204_or_a_clear_4xx(client, library, stages, body):
    before = (ContentEvent.objects.count(), VisitorProfile.objects.count())
    response = client.post(
        "/t/", json.dumps(body), content_type="application/json", headers={"User-Agent": BROWSER}
    )
    assert response.status_code in (204, 400, 429)
    if response.status_code != 204:
        assert response.json()["error"]
        assert (ContentEvent.objects.count(), VisitorProfile.objects.count()) == before


@FUZZ
@given(raw=st.binary(max_size=2048))
def test_beacon_survives_arbitrary_bytes(client, raw):
    response = client.post(
        "/t/", raw, content_type="application/json", headers={"User-Agent": BROWSER}
    )
    assert response.status_code in (204, 400)
    assert not ContentEvent.objects.exists()


@FUZZ
@given(
    name=st.text(max_size=300),
    email=st.text(max_size=300) | st.emails(),
    cadence=st.text(max_size=10) | st.sampled_from(["weekly", "monthly"]),
    consent=st.sampled_from(["on", "", "yes"]),
    extra=st.dictionaries(
        st.sampled_from(["company", "phone", "budget", "job_title"]), st.text(max_size=30)
    ),
)
def test_subscribe_form_never_errors_or_half_writes(client, name, email, cadence, consent, extra):
    cache.clear()  # each example is a fresh visitor, not the 11th post from one address
    topic = TopicFactory(slug="resilience")
    data = {
        "name": name,
        "email": email,
        "cadence": cadence,
        "consent": consent,
        "topics": [topic.pk],
        **extra,
    }
    before = Lead.objects.count()
    response = client.post("/subscribe/", as_a_person(data))
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert Lead.objects.count() == before
    # Every lead has its subscription: nothing half-written.
    assert Lead.objects.count() == Subscription.objects.count()


def test_a_valid_event_after_fuzzing_still_counts(client, library, stages):
    asset = AssetPageFactory(parent=library, stage=stages[0])
    body = reading_event(asset.pk)
    response = client.post(
        "/t/", json.dumps(body), content_type="application/json", headers={"User-Agent": BROWSER}
    )
    assert response.status_code == 204
    assert ContentEvent.objects.count() == 1
