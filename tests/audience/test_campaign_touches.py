"""A reader arriving through a campaign's link: the campaign is recorded on their profile first-party,
like any other event, through the buffered beacon; anything else in utm_campaign is ignored, never kept."""

import datetime
import json
import math
import uuid

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from buyingstages.audience import event_buffer, privacy, subscriptions
from buyingstages.audience.models import (
    BufferedEvent,
    ContentEvent,
    ProfileCampaignTouch,
    VisitorProfile,
)
from buyingstages.taxonomy.models import Campaign
from tests.factories import AssetPageFactory, CampaignFactory, TopicFactory
from tests.people import reading_event, send_beacon, subscribe_and_confirm

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("buffered_beacon")]


@pytest.fixture
def asset(library, stages):
    return AssetPageFactory(parent=library, stage=stages[0])


@pytest.fixture
def campaign():
    return CampaignFactory(name="Spring resilience push", slug="spring-resilience")


def arrive(client, asset, visitor, campaign_value, kind="view", **fields):
    return send_beacon(client, reading_event(asset.pk, kind, visitor, u=campaign_value, **fields))


def test_a_reader_arriving_through_a_campaign_link_has_the_campaign_on_their_profile(
    client, asset, campaign
):
    visitor = uuid.uuid4()
    assert arrive(client, asset, visitor, "spring-resilience").status_code == 204
    assert arrive(client, asset, visitor, "spring-resilience", "read", s=2, n=2).status_code == 204
    assert not ProfileCampaignTouch.objects.exists()  # the worker records it, not the request

    event_buffer.fold_all()

    touch = ProfileCampaignTouch.objects.get()
    assert (touch.profile.visitor_id, touch.campaign) == (visitor, campaign)
    assert touch.first_at <= touch.last_at
    assert ContentEvent.objects.filter(profile=touch.profile).count() == 2


def test_a_later_arrival_moves_the_last_touch_and_keeps_the_first(client, asset, campaign):
    visitor = uuid.uuid4()
    arrive(client, asset, visitor, campaign.slug)
    event_buffer.fold_all()
    first = ProfileCampaignTouch.objects.get().first_at
    later = timezone.now() + datetime.timedelta(days=3)
    BufferedEvent.objects.append(
        {**reading_as_buffered(visitor, asset, campaign), "event_id": str(uuid.uuid4())}, later
    )
    event_buffer.fold_all()

    touch = ProfileCampaignTouch.objects.get()
    assert (touch.first_at, touch.last_at) == (first, later)


@pytest.mark.parametrize("batch_size", [1, event_buffer.BATCH_SIZE])
def test_events_folded_newest_first_keep_the_first_and_the_last_arrival(
    client, asset, campaign, batch_size
):
    """Two web processes stamp their events a moment apart but the later one's row lands in the
    buffer first (or two workers fold neighbouring batches): the touch still spans both arrivals."""
    visitor = uuid.uuid4()
    arrive(client, asset, visitor, campaign.slug)
    arrive(client, asset, visitor, campaign.slug, "read", s=1, n=2)
    newer, older = BufferedEvent.objects.order_by("pk")
    earlier = newer.received_at - datetime.timedelta(minutes=5)
    BufferedEvent.objects.filter(pk=older.pk).update(received_at=earlier)

    assert event_buffer.fold_all(batch_size=batch_size) == 2

    touch = ProfileCampaignTouch.objects.get()
    assert (touch.first_at, touch.last_at) == (earlier, newer.received_at)
    assert ContentEvent.objects.filter(profile=touch.profile).count() == 2


def test_a_late_fold_of_an_older_arrival_widens_only_its_own_touch(client, asset, campaign):
    """The bounds widen per reader: another reader of the campaign, folded in the same batch, keeps
    their own first and last arrival."""
    reader, other = uuid.uuid4(), uuid.uuid4()
    arrive(client, asset, reader, campaign.slug)
    arrive(client, asset, other, campaign.slug)
    event_buffer.fold_all()
    before = {
        touch.profile.visitor_id: (touch.first_at, touch.last_at)
        for touch in ProfileCampaignTouch.objects.select_related("profile")
    }
    earlier = before[reader][0] - datetime.timedelta(hours=1)
    BufferedEvent.objects.append(
        {**reading_as_buffered(reader, asset, campaign), "event_id": str(uuid.uuid4())}, earlier
    )
    event_buffer.fold_all()

    after = {
        touch.profile.visitor_id: (touch.first_at, touch.last_at)
        for touch in ProfileCampaignTouch.objects.select_related("profile")
    }
    assert after == {reader: (earlier, before[reader][1]), other: before[other]}


@pytest.mark.parametrize("readers", [2, 40, 300])
def test_recording_touches_costs_the_same_queries_however_many_readers(
    readers, campaign, django_assert_num_queries
):
    now = timezone.now()
    profiles = VisitorProfile.objects.bulk_create(
        [VisitorProfile(last_seen_at=now) for _ in range(readers)]
    )
    ProfileCampaignTouch.objects.record((p.pk, campaign.pk, now) for p in profiles[::2])
    earlier, later = now - datetime.timedelta(days=1), now + datetime.timedelta(days=1)
    # Campaigns, insert the new, widen the known; SQLite inserts 249 rows a query (999 parameters).
    queries = 2 + (math.ceil(readers / 249) if connection.vendor == "sqlite" else 1)

    with django_assert_num_queries(queries):
        ProfileCampaignTouch.objects.record(
            [(p.pk, campaign.pk, earlier) for p in profiles]
            + [(p.pk, campaign.pk, later) for p in profiles]
        )

    assert set(ProfileCampaignTouch.objects.values_list("first_at", "last_at")) == {
        (earlier, later)
    }


def test_widening_rewrites_only_the_touches_of_the_batch(campaign):
    """A batch with Ana's arrival by one campaign and Ben's by another leaves Ana's touch of the
    other campaign, and Ben's of the first, unwritten (and, on PostgreSQL, unlocked)."""
    other = CampaignFactory(name="Autumn webinar", slug="autumn-webinar")
    now = timezone.now()
    ana, ben = VisitorProfile.objects.bulk_create(
        [VisitorProfile(last_seen_at=now), VisitorProfile(last_seen_at=now)]
    )
    ProfileCampaignTouch.objects.record(
        (reader.pk, each.pk, now) for reader in (ana, ben) for each in (campaign, other)
    )
    later = now + datetime.timedelta(days=1)
    written = []

    def count_updated(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if sql.lstrip().upper().startswith("UPDATE"):
            written.append(context["cursor"].rowcount)
        return result

    with connection.execute_wrapper(count_updated):
        ProfileCampaignTouch.objects.record(
            [(ana.pk, campaign.pk, later), (ben.pk, other.pk, later)]
        )

    assert written == [2]
    assert {
        (touch.profile_id, touch.campaign_id): touch.last_at
        for touch in ProfileCampaignTouch.objects.all()
    } == {
        (ana.pk, campaign.pk): later,
        (ana.pk, other.pk): now,
        (ben.pk, campaign.pk): now,
        (ben.pk, other.pk): later,
    }


def reading_as_buffered(visitor, asset, campaign):
    return {
        "visitor_id": str(visitor),
        "kind": "view",
        "asset_id": asset.pk,
        "campaign_id": campaign.pk,
    }


@pytest.mark.parametrize(
    "value",
    [
        "no-such-campaign",
        "spring resilience",
        "<script>alert(1)</script>",
        "x" * 101,
        "spring-resilience\n",
        "spring-resilience'; DROP TABLE x; --",
        "ümlaut",
        5,
        True,
        None,
        ["spring-resilience"],
        {"slug": "spring-resilience"},
    ],
)
def test_unknown_or_malformed_campaigns_are_ignored_and_never_stored(
    client, asset, campaign, value
):
    visitor = uuid.uuid4()
    assert arrive(client, asset, visitor, value).status_code == 204

    buffered = json.dumps([event.reading for event in BufferedEvent.objects.all()])
    assert BufferedEvent.objects.count() == 1  # the reading itself still counts
    if isinstance(value, str) and len(value) > 3:
        assert value not in buffered and json.dumps(value)[1:-1] not in buffered
    event_buffer.fold_all()
    assert ContentEvent.objects.filter(profile__visitor_id=visitor).count() == 1
    assert not ProfileCampaignTouch.objects.exists()


def test_only_the_campaign_id_is_buffered_never_the_text_the_browser_sent(client, asset, campaign):
    arrive(client, asset, uuid.uuid4(), "spring-resilience")
    reading = BufferedEvent.objects.get().reading
    assert reading["campaign_id"] == campaign.pk
    assert "spring-resilience" not in json.dumps(reading)


@pytest.mark.parametrize("header", [{"DNT": "1"}, {"Sec-GPC": "1"}])
def test_do_not_track_and_gpc_store_nothing_for_a_campaign_arrival(client, asset, campaign, header):
    assert (
        send_beacon(
            client, reading_event(asset.pk, "view", uuid.uuid4(), u=campaign.slug), **header
        )
    ).status_code == 204
    event_buffer.fold_all()
    assert not BufferedEvent.objects.exists()
    assert not VisitorProfile.objects.exists()
    assert not ProfileCampaignTouch.objects.exists()


def test_a_campaign_made_after_the_beacon_cached_its_facts_is_recognised(client, asset):
    arrive(client, asset, uuid.uuid4(), "autumn")  # the facts are now in the cache
    CampaignFactory(name="Autumn", slug="autumn")
    visitor = uuid.uuid4()
    arrive(client, asset, visitor, "autumn")
    event_buffer.fold_all()
    assert ProfileCampaignTouch.objects.get().profile.visitor_id == visitor


def test_a_campaign_deleted_before_the_fold_leaves_the_reading_scored_without_it(
    client, asset, campaign
):
    visitor = uuid.uuid4()
    arrive(client, asset, visitor, campaign.slug)
    campaign.delete()
    assert event_buffer.fold_all() == 1
    assert ContentEvent.objects.filter(profile__visitor_id=visitor).exists()
    assert not ProfileCampaignTouch.objects.exists()


def test_a_share_arrival_scored_in_the_request_records_the_campaign_too(
    client, asset, campaign, make_user
):
    from buyingstages.sales.models import ShareLink

    link = ShareLink.for_owner(asset, make_user("Sales", "sam"))
    visitor = uuid.uuid4()
    assert arrive(client, asset, visitor, campaign.slug, "share", c=link.code).status_code == 204
    assert ProfileCampaignTouch.objects.get().profile.visitor_id == visitor


def test_a_reader_who_subscribes_keeps_their_campaign_touches(
    client, asset, campaign, django_capture_on_commit_callbacks
):
    visitor = uuid.uuid4()
    arrive(client, asset, visitor, campaign.slug)
    event_buffer.fold_all()
    lead = subscribe_and_confirm(
        client, TopicFactory(name="Uptime"), visitor, django_capture_on_commit_callbacks
    )
    assert list(
        ProfileCampaignTouch.objects.filter(profile__lead=lead).values_list("campaign", flat=True)
    ) == [campaign.pk]


def test_campaign_touches_are_in_the_export_and_gone_after_erasure(
    client, asset, campaign, django_capture_on_commit_callbacks
):
    visitor = uuid.uuid4()
    arrive(client, asset, visitor, campaign.slug)
    event_buffer.fold_all()
    lead = subscribe_and_confirm(
        client, TopicFactory(name="Uptime"), visitor, django_capture_on_commit_callbacks
    )

    exported = privacy.export(lead)
    assert [entry["campaign"] for entry in exported["campaigns"]] == ["Spring resilience push"]
    json.dumps(exported)  # plain data

    privacy.erase(lead)
    assert not ProfileCampaignTouch.objects.exists()
    assert Campaign.objects.filter(pk=campaign.pk).exists()  # the campaign is not theirs


def test_the_purge_of_old_anonymous_profiles_takes_their_touches(client, asset, campaign):
    arrive(client, asset, uuid.uuid4(), campaign.slug)
    event_buffer.fold_all()
    later = timezone.now() + datetime.timedelta(days=365)
    assert privacy.purge_anonymous(now=later) == 1
    assert not ProfileCampaignTouch.objects.exists()


def test_digest_links_carry_the_digests_campaign(
    client, library, stages, django_capture_on_commit_callbacks
):
    topic = TopicFactory(name="Uptime")
    subscribe_and_confirm(client, topic, uuid.uuid4(), django_capture_on_commit_callbacks)
    mail.outbox.clear()
    asset = AssetPageFactory(parent=library, stage=stages[0], topics=[topic], slug="uptime-101")

    assert subscriptions.send_digests() == 1

    digest = Campaign.objects.get(slug="weekly-digest")
    message = mail.outbox[0]
    link = f"{asset.full_url}?utm_source=digest&utm_medium=email&utm_campaign=weekly-digest"
    assert link in message.body
    assert link.replace("&", "&amp;") in message.alternatives[0][0]
    # A second digest reuses the campaign.
    later = timezone.now() + datetime.timedelta(days=8)
    AssetPageFactory(parent=library, stage=stages[0], topics=[topic], slug="uptime-102")
    assert subscriptions.send_digests(now=later) == 1
    assert Campaign.objects.filter(slug="weekly-digest").count() == 1
    assert digest.name == "Weekly digest"
