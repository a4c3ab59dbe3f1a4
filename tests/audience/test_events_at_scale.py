"""The events table at scale: its indexes, the incremental rollup and the purge in batches."""

import datetime
import io
import uuid

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from buyingstages.audience import privacy
from buyingstages.audience import stats as insight
from buyingstages.audience.models import (
    AssetStats,
    ContentEvent,
    EventKind,
    Lead,
    RollupWatermark,
    VisitorProfile,
)
from buyingstages.audience.stats import asset_figures, refresh_asset_stats, update_asset_stats
from tests.factories import AssetPageFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()
FIGURES = ("views", "viewers", "readers_through", "downloads", "leads_influenced")


def ago(minutes):
    return NOW - datetime.timedelta(minutes=minutes)


def profile(last_seen=NOW, lead=None):
    return VisitorProfile.objects.create(visitor_id=uuid.uuid4(), last_seen_at=last_seen, lead=lead)


def event(reader, asset, kind, minutes_ago, seen=None, total=None):
    return ContentEvent.objects.create(
        profile=reader,
        asset=asset,
        kind=kind,
        sections_seen=seen,
        sections_total=total,
        created_at=ago(minutes_ago),
    )


def rollup():
    """{asset id: figures} as stored, without rows whose figures are all zero."""
    return {
        row["asset_id"]: {name: row[name] for name in FIGURES}
        for row in AssetStats.objects.values("asset_id", *FIGURES)
        if any(row[name] for name in FIGURES)
    }


def recomputed():
    """What a full pass over every event gives, in the same shape."""
    return {
        asset_id: figures for asset_id, figures in asset_figures().items() if any(figures.values())
    }


@pytest.fixture
def assets(library, stages):
    return (
        AssetPageFactory(parent=library, title="Guide", stage=stages[3]),
        AssetPageFactory(parent=library, title="Brief", stage=stages[1]),
    )


@pytest.fixture
def folded(assets):
    """Two readers' history, folded into the rollup by a full rebuild at NOW."""
    guide, brief = assets
    one, two = profile(), profile()
    event(one, guide, EventKind.VIEW, 300)
    event(one, guide, EventKind.READ, 299, seen=3, total=4)
    event(two, guide, EventKind.VIEW, 200)
    event(two, brief, EventKind.DOWNLOAD, 199)
    refresh_asset_stats(now=NOW)
    return one, two


# Indexes ---------------------------------------------------------------------------------------------


def event_indexes():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "audience_contentevent")
    return {
        tuple(info["columns"])
        for info in constraints.values()
        if info["index"] and not info["primary_key"]
    }


def test_events_have_the_indexes_the_reports_and_scoring_use_and_no_redundant_ones():
    indexes = event_indexes()
    assert ("profile_id", "asset_id", "kind") in indexes  # scoring, timelines, the purge
    assert ("asset_id", "kind") in indexes  # share arrivals per asset in the sales area
    assert ("created_at",) in indexes
    # Covered by the composites: a plain index on them only slows every beacon write.
    assert ("profile_id",) not in indexes
    assert ("asset_id",) not in indexes


def test_share_links_are_indexed_only_where_an_event_has_one():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "audience_contentevent")
    assert constraints["contentevent_share_link"]["columns"] == ["share_link_id"]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = %s", ["contentevent_share_link"]
            )
        else:
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE name = %s", ["contentevent_share_link"]
            )
        assert "IS NOT NULL" in cursor.fetchone()[0]


# The incremental rollup ------------------------------------------------------------------------------


def test_update_folds_new_events_into_the_same_figures_as_a_full_rebuild(assets, folded):
    guide, brief = assets
    one, two = folded
    three = profile()
    event(one, guide, EventKind.VIEW, 100)  # a second view by a counted viewer: one more view only
    event(two, guide, EventKind.READ, 99, seen=4, total=4)  # two now read it through
    event(one, guide, EventKind.READ, 98, seen=4, total=4)  # one had already: no new reader
    event(three, guide, EventKind.VIEW, 97)  # a new viewer
    event(three, brief, EventKind.VIEW, 96)
    event(three, brief, EventKind.DOWNLOAD, 95)

    update_asset_stats(now=NOW)

    assert rollup()[guide.pk] == {
        "views": 4,
        "viewers": 3,
        "readers_through": 2,
        "downloads": 0,
        "leads_influenced": 0,
    }
    assert rollup()[brief.pk] == {
        "views": 1,
        "viewers": 1,
        "readers_through": 0,
        "downloads": 2,
        "leads_influenced": 0,
    }
    assert rollup() == recomputed()


def test_update_reads_only_events_newer_than_the_watermark(assets, folded):
    guide, _ = assets
    # An old event vanishing behind the rollup's back is not seen by an update (it does not rescan)...
    ContentEvent.objects.filter(asset=guide, kind=EventKind.READ).delete()
    event(profile(), guide, EventKind.VIEW, 50)
    update_asset_stats(now=NOW)
    assert rollup()[guide.pk]["views"] == 3
    assert rollup()[guide.pk]["readers_through"] == 1
    # ...and a full rebuild, which does, agrees with the events again.
    refresh_asset_stats(now=NOW)
    assert rollup()[guide.pk]["readers_through"] == 0
    assert RollupWatermark.objects.get().last_event_id == ContentEvent.objects.latest("pk").pk


def test_events_younger_than_the_settling_time_wait_for_the_next_update(assets, folded):
    guide, _ = assets
    event(profile(), guide, EventKind.VIEW, 0)  # written at NOW: its transaction may still be open
    update_asset_stats(now=NOW)
    assert rollup()[guide.pk]["views"] == 2
    update_asset_stats(now=NOW + insight.SETTLE)
    assert rollup()[guide.pk]["views"] == 3
    update_asset_stats(now=NOW + 2 * insight.SETTLE)  # and it is folded in only once
    assert rollup()[guide.pk]["views"] == 3


def test_the_first_update_rebuilds_and_later_ones_add(assets):
    guide, _ = assets
    reader = profile()
    event(reader, guide, EventKind.VIEW, 10)
    assert update_asset_stats(now=NOW) == 1
    assert RollupWatermark.objects.get().refreshed_at == NOW
    event(reader, guide, EventKind.VIEW, 5)
    assert update_asset_stats(now=NOW) == 1
    assert update_asset_stats(now=NOW) == 0  # nothing new: nothing rewritten
    assert rollup()[guide.pk]["views"] == 2


def test_update_recounts_leads_as_they_become_sales_ready(assets, folded):
    guide, brief = assets
    lead = Lead.objects.create(name="Ana", email="ana@example.com")
    reader = profile(lead=lead)
    event(reader, guide, EventKind.VIEW, 150)
    event(reader, brief, EventKind.VIEW, 20)
    update_asset_stats(now=NOW)
    assert rollup()[guide.pk]["leads_influenced"] == 0  # still nurturing

    Lead.objects.filter(pk=lead.pk).update(state="sales_ready", sales_ready_at=ago(60))
    update_asset_stats(now=NOW)  # no new events: the lead's own change is enough
    assert rollup()[guide.pk]["leads_influenced"] == 1
    assert rollup()[brief.pk]["leads_influenced"] == 0  # read after becoming sales-ready
    assert rollup() == recomputed()


def test_refresh_command_updates_by_default_and_rebuilds_with_full(assets, folded):
    guide, _ = assets
    event(profile(), guide, EventKind.VIEW, 30)
    out = io.StringIO()
    call_command("refresh_asset_stats", stdout=out)
    assert "Figures updated for 1 assets." in out.getvalue()
    call_command("refresh_asset_stats", "--full", stdout=out)
    assert "Figures rebuilt for 2 assets." in out.getvalue()
    assert rollup() == recomputed()


# The purge in batches --------------------------------------------------------------------------------

OLD = NOW - datetime.timedelta(days=400)


@pytest.fixture
def population(assets):
    """23 anonymous profiles past retention, 4 recent ones and 2 old ones that belong to a lead."""
    guide, brief = assets
    due = [profile(last_seen=OLD) for _ in range(23)]
    recent = [profile() for _ in range(4)]
    lead = Lead.objects.create(name="Ana", email="ana@example.com")
    leads = [profile(last_seen=OLD, lead=lead) for _ in range(2)]
    for n, reader in enumerate(due + recent + leads):
        event(reader, guide, EventKind.VIEW, 600 + n)
        if n % 2:
            event(reader, brief, EventKind.READ, 500 + n, seen=4, total=4)
    return due, recent + leads


def test_purge_deletes_everything_due_over_several_batches_and_keeps_the_rest(population):
    due, kept = population
    kept_events = set(ContentEvent.objects.filter(profile__in=kept).values_list("pk", flat=True))
    batches = []

    deleted = privacy.purge_anonymous(now=NOW, batch_size=5, progress=batches.append)

    assert deleted == 23
    assert batches == [5, 5, 5, 5, 3]
    assert not VisitorProfile.objects.filter(pk__in=[reader.pk for reader in due]).exists()
    assert not ContentEvent.objects.filter(profile_id__in=[reader.pk for reader in due]).exists()
    assert set(VisitorProfile.objects.values_list("pk", flat=True)) == {r.pk for r in kept}
    assert set(ContentEvent.objects.values_list("pk", flat=True)) == kept_events
    assert privacy.purge_anonymous(now=NOW, batch_size=5) == 0


def test_each_purge_batch_is_its_own_transaction(population, monkeypatch):
    """A failure in the third batch undoes that batch only: no transaction spans the whole purge."""
    due, _ = population
    calls = []
    real = privacy.forget_profiles

    def failing_third_time(profile_ids):
        calls.append(len(profile_ids))
        if len(calls) == 3:
            raise RuntimeError("database went away")
        real(profile_ids)

    monkeypatch.setattr(privacy, "forget_profiles", failing_third_time)
    with pytest.raises(RuntimeError):
        privacy.purge_anonymous(now=NOW, batch_size=5)
    assert VisitorProfile.objects.filter(pk__in=[reader.pk for reader in due]).count() == 23 - 10


def test_purged_readers_leave_the_rollup_as_a_rebuild_would(assets, population):
    guide, brief = assets
    update_asset_stats(now=NOW)
    assert rollup()[guide.pk]["viewers"] == 29

    privacy.purge_anonymous(now=NOW, batch_size=7)

    assert rollup()[guide.pk] == {
        "views": 6,
        "viewers": 6,
        "readers_through": 0,
        "downloads": 0,
        "leads_influenced": 0,
    }
    assert rollup()[brief.pk]["readers_through"] == 3
    assert rollup() == recomputed()
    update_asset_stats(now=NOW)  # and a later update does not bring them back
    assert rollup() == recomputed()


def test_erasure_takes_the_persons_reading_out_of_the_rollup(assets, folded):
    guide, _ = assets
    lead = Lead.objects.create(name="Ana", email="ana@example.com")
    event(profile(lead=lead), guide, EventKind.VIEW, 40)
    update_asset_stats(now=NOW)
    assert rollup()[guide.pk]["viewers"] == 3
    privacy.erase(lead)
    assert rollup()[guide.pk]["viewers"] == 2
    assert rollup() == recomputed()


def test_purge_command_takes_a_batch_size(population):
    out = io.StringIO()
    call_command("purge_profiles", "--batch-size", "10", "-v", "2", stdout=out)
    assert out.getvalue().count("  - ") == 3
    assert "Deleted 23 anonymous profiles." in out.getvalue()
