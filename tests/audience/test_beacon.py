import json
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from buyingstages.audience.models import ContentEvent, ProfilingSettings, VisitorProfile
from tests.factories import AssetPageFactory
from tests.people import reading_event

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36"


@pytest.fixture
def asset(library, stages):
    return AssetPageFactory(parent=library, stage=stages[0])


def send(client, body, raw=None, **headers):
    return client.post(
        "/t/",
        raw if raw is not None else json.dumps(body),
        content_type="application/json",
        headers={"User-Agent": BROWSER, **headers},
    )


def event(asset, visitor=None, **extra):
    return reading_event(asset.pk, visitor=visitor, **extra)


def test_an_event_is_stored_and_answered_204(client, asset):
    response = send(client, event(asset))
    assert response.status_code == 204
    assert ContentEvent.objects.count() == 1


@pytest.mark.parametrize(
    "body",
    [
        {"v": "not-a-uuid", "e": "view"},
        {"v": None},
        {"e": "stare"},
        {"p": -1},
        {"p": "1"},
        {"e": "read"},
        {"e": "read", "s": -1, "n": 3},
        {"e": "read", "s": 4, "n": 3},
        {"e": "read", "s": 1, "n": 100000},
        {"e": "share", "c": "<script>"},
        {"e": "share"},
    ],
)
def test_bad_events_are_400_and_write_nothing(client, asset, body):
    response = send(client, {**event(asset), **body})
    assert response.status_code == 400
    assert response.json()["error"]
    assert not VisitorProfile.objects.exists() and not ContentEvent.objects.exists()


@pytest.mark.parametrize("raw", ["not json", "[1]", "x" * 1_000_000, "\xff\xfe"])
def test_malformed_bodies_are_400(client, asset, raw):
    assert send(client, None, raw=raw).status_code == 400
    assert not ContentEvent.objects.exists()


def test_unknown_pages_are_400(client, asset):
    response = send(client, event(asset, p=asset.pk + 1000))
    assert response.status_code == 400
    assert not VisitorProfile.objects.exists()


def test_only_post_is_accepted(client):
    assert client.get("/t/").status_code == 405


@pytest.mark.parametrize(
    "headers", [{"DNT": "1"}, {"Sec-GPC": "1"}, {"User-Agent": "Googlebot/2.1"}, {"User-Agent": ""}]
)
def test_do_not_track_privacy_control_and_bots_record_nothing(client, asset, headers):
    assert send(client, event(asset), **headers).status_code == 204
    assert not ContentEvent.objects.exists()


def test_without_consent_nothing_is_recorded_where_consent_is_required(client, asset):
    rules = ProfilingSettings.load()
    rules.consent_required = True
    rules.save()
    assert send(client, event(asset)).status_code == 204
    assert not ContentEvent.objects.exists()
    assert send(client, event(asset, consent=True)).status_code == 204
    assert ContentEvent.objects.count() == 1


def test_events_are_rate_limited_per_visitor(client, asset):
    rules = ProfilingSettings.load()
    rules.events_per_minute = 3
    rules.save()
    visitor = uuid.uuid4()
    statuses = [send(client, event(asset, visitor=visitor)).status_code for _ in range(4)]
    assert statuses == [204, 204, 204, 429]
    assert ContentEvent.objects.count() == 3
    assert send(client, event(asset)).status_code == 204


def test_no_ip_or_user_agent_is_stored(client, asset):
    send(client, event(asset), **{"X-Forwarded-For": "203.0.113.9"})
    for model in (VisitorProfile, ContentEvent):
        for row in model.objects.values():
            assert "203.0.113.9" not in str(row) and "Mozilla" not in str(row)


def test_the_beacon_does_constant_work_per_event(client, asset):
    visitor = uuid.uuid4()

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert send(client, event(asset, visitor=visitor)).status_code == 204
        return len(captured)

    send(client, event(asset, visitor=visitor))
    few = queries()
    for _ in range(40):
        send(client, event(asset, visitor=visitor))
    assert queries() == few
