"""Reading figures count each event once and each reader once: replays, made-up ids and rotated ids
cannot move what the content audit shows."""

import csv
import io
import json
import uuid

import pytest
from django.core.signing import Signer
from django.utils import timezone

from buyingstages.audience import readers
from buyingstages.audience.models import (
    AssetVote,
    ContentEvent,
    ErasedVisitor,
    VisitorProfile,
)
from buyingstages.audience.stats import SETTLE, refresh_asset_stats
from tests.factories import AssetPageFactory
from tests.people import reading_event

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36"


@pytest.fixture
def asset(library, stages):
    return AssetPageFactory(parent=library, stage=stages[0], title="Plant data in practice")


def post(client, url, body, address="198.51.100.7", **headers):
    return client.post(
        url,
        json.dumps(body),
        content_type="application/json",
        headers={"User-Agent": BROWSER, **headers},
        REMOTE_ADDR=address,
    )


def ask_for_id(client, held=None, **kwargs):
    return post(client, "/t/id/", {} if held is None else {"v": held}, **kwargs)


def audit_views(editor_client, title):
    """The asset's Views and Viewers as the content audit exports them."""
    refresh_asset_stats(now=timezone.now() + SETTLE)  # as the hourly refresh will, once settled
    response = editor_client.get("/admin/reports/content-audit/", {"export": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    row = next(row for row in csv.DictReader(io.StringIO(text)) if row["Title"] == title)
    return int(row["Views"]), int(row["Viewers"])


def test_the_site_issues_a_reader_id_and_recognises_it_again(client):
    response = ask_for_id(client)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    issued = response.json()["v"]
    uuid.UUID(readers.reader_of(issued))

    assert ask_for_id(client, issued).json()["v"] == issued


def test_a_browser_from_before_signed_ids_keeps_its_history(client):
    known = VisitorProfile.objects.create(last_seen_at="2026-11-01T10:00:00Z")
    assert readers.reader_of(ask_for_id(client, str(known.visitor_id)).json()["v"]) == str(
        known.visitor_id
    )

    unknown = str(uuid.uuid4())
    assert readers.reader_of(ask_for_id(client, unknown).json()["v"]) != unknown


def test_an_erased_readers_old_id_is_never_signed_again(client):
    erased = VisitorProfile.objects.create(last_seen_at="2026-11-01T10:00:00Z")
    ErasedVisitor.remember([erased.visitor_id])
    assert readers.reader_of(ask_for_id(client, str(erased.visitor_id)).json()["v"]) != str(
        erased.visitor_id
    )


@pytest.mark.parametrize("headers", [{"DNT": "1"}, {"Sec-GPC": "1"}, {"User-Agent": "Googlebot"}])
def test_no_id_for_do_not_track_privacy_control_or_bots(client, headers):
    response = ask_for_id(client, **headers)
    assert response.status_code == 204
    assert not response.content


def test_a_bad_request_for_an_id_is_400(client):
    response = client.post("/t/id/", "[", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]
    assert post(client, "/t/id/", {"v": 12}).status_code == 400


@pytest.mark.parametrize(
    "made_up",
    [
        str(uuid.uuid4()),  # a bare id, as scripts made before
        f"{uuid.uuid4()}:forged-signature",
        "not an id",
        Signer(salt="another.purpose").sign(str(uuid.uuid4())),  # signed, but not as a reader id
    ],
)
def test_events_with_ids_the_site_did_not_issue_are_refused(client, asset, made_up):
    body = {**reading_event(asset.pk), "v": made_up}
    response = post(client, "/t/", body)
    assert response.status_code == 400
    assert "issued" in response.json()["error"]
    assert not ContentEvent.objects.exists()


@pytest.mark.parametrize("event_id", [None, "", "1", 7])
def test_an_event_needs_its_own_id(client, asset, event_id):
    body = {**reading_event(asset.pk), "i": event_id}
    if event_id is None:
        del body["i"]
    response = post(client, "/t/", body)
    assert response.status_code == 400
    assert '"i"' in response.json()["error"]


def test_an_event_delivered_five_times_counts_once(client, asset):
    event = reading_event(asset.pk, "read", s=2, n=2)
    assert [post(client, "/t/", event).status_code for _ in range(5)] == [204] * 5

    assert ContentEvent.objects.count() == 1
    profile = VisitorProfile.objects.get()
    assert profile.score == pytest.approx(ContentEvent.objects.get().points)


def test_buffered_events_delivered_again_count_once(client, asset, settings):
    settings.MASTHEAD_BEACON_BUFFER_SECONDS = 5
    from buyingstages.audience import event_buffer

    first, second = reading_event(asset.pk), reading_event(asset.pk)
    for event in (first, second, first, second, first):
        assert post(client, "/t/", event).status_code == 204
    event_buffer.fold_all(batch_size=2)  # the repeats fall in later batches as well as in one
    assert post(client, "/t/", first).status_code == 204
    event_buffer.fold_all()

    assert ContentEvent.objects.count() == 2


def test_one_address_cannot_pose_as_a_crowd(client, editor_client, asset, settings):
    settings.MASTHEAD_NEW_READERS_PER_ADDRESS = "20/h"
    for _ in range(58):  # real readers, each from their own address
        address = f"203.0.113.{_ + 1}"
        reader = ask_for_id(client, address=address).json()["v"]
        assert post(client, "/t/", {**reading_event(asset.pk), "v": reader}, address).status_code
    assert audit_views(editor_client, asset.title) == (58, 58)

    issued = []
    for _ in range(150):  # one visitor asking for a new id before every view
        response = ask_for_id(client, address="198.51.100.7")
        if response.status_code == 200:
            issued.append(response.json()["v"])
        else:
            assert response.status_code == 429
    made_up = [str(uuid.uuid4()) for _ in range(150)]
    for reader in issued + made_up:
        view = {**reading_event(asset.pk), "v": reader}
        for _ in range(4):  # each view sent in a burst
            post(client, "/t/", view)

    assert len(issued) == 20
    assert audit_views(editor_client, asset.title) == (58 + 20, 58 + 20)


def test_answers_from_one_address_cannot_pose_as_a_crowd(client, asset):
    statuses = [
        post(client, "/t/vote/", {"voter": str(uuid.uuid4()), "p": asset.pk, "useful": False})
        for _ in range(8)
    ]
    assert [response.status_code for response in statuses] == [204] * 5 + [429] * 3
    assert AssetVote.objects.count() == 5
    other = post(
        client,
        "/t/vote/",
        {"voter": str(uuid.uuid4()), "p": asset.pk, "useful": True},
        address="203.0.113.50",
    )
    assert other.status_code == 204
