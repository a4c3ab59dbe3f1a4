"""Aggregating what readers do with each asset into a rollup (AssetStats) that the reports read.

`update_asset_stats` folds in only the events written since its last run (run it hourly or daily:
`python manage.py refresh_asset_stats`); its cost follows the new events, not the table.
`refresh_asset_stats` rebuilds the rollup from every event in one GROUP BY (`--full`, weekly or after
a bulk change). The retention purge and erasure take the events they delete out of the rollup
(`forget_profiles`), so both ways give the same figures. Reports cost the same whatever the number of
events.
"""

import datetime

from django.db import transaction
from django.db.models import Count, Exists, F, Max, OuterRef, Q
from django.utils import timezone

from buyingstages.audience.models import AssetStats, ContentEvent, EventKind, RollupWatermark

# An event is folded in only once it is this old: by then the transaction that wrote it has long
# committed, so no event with a smaller id can still appear behind the watermark.
SETTLE = datetime.timedelta(minutes=1)
COUNTS = ("views", "viewers", "readers_through", "downloads")
FIGURES = (*COUNTS, "leads_influenced")
READ_THROUGH = Q(kind=EventKind.READ, sections_seen__gt=F("sections_total") * 0.5)


def event_counts(events, first_time=None):
    """{asset id: {views, viewers, readers_through, downloads}} for these events, in one GROUP BY.

    first_time: earlier events; a reader who is already among those counts no second time.
    """
    viewed, read_through = Q(kind=EventKind.VIEW), READ_THROUGH
    if first_time is not None:
        same_reader = first_time.filter(
            profile_id=OuterRef("profile_id"), asset_id=OuterRef("asset_id")
        )
        viewed &= ~Exists(same_reader.filter(kind=EventKind.VIEW))
        read_through &= ~Exists(same_reader.filter(READ_THROUGH))
    rows = (
        events.values("asset_id")
        .annotate(
            views=Count("pk", filter=Q(kind=EventKind.VIEW)),
            viewers=Count("profile_id", filter=viewed, distinct=True),
            readers_through=Count("profile_id", filter=read_through, distinct=True),
            downloads=Count("pk", filter=Q(kind=EventKind.DOWNLOAD)),
        )
        .order_by()
    )
    return {row.pop("asset_id"): row for row in rows}


def leads_influenced(events):
    """{asset id: leads who read it before they became sales-ready}, starting from the few leads."""
    rows = (
        events.filter(
            profile__lead__sales_ready_at__isnull=False,
            created_at__lte=F("profile__lead__sales_ready_at"),
        )
        .values("asset_id")
        .annotate(leads=Count("profile__lead_id", distinct=True))
        .order_by()
    )
    return {row["asset_id"]: row["leads"] for row in rows}


def asset_figures(events=None):
    """{asset id: figures} for every asset with events, computed by the database."""
    events = ContentEvent.objects.all() if events is None else events
    figures = event_counts(events)
    leads = leads_influenced(events)
    for asset_id, values in figures.items():
        values["leads_influenced"] = leads.get(asset_id, 0)
    return figures


def settled_event_id(now, after=0):
    """The newest event id that is safe to fold in at `now` (`after` when there is none)."""
    newest = ContentEvent.objects.filter(pk__gt=after, created_at__lte=now - SETTLE).aggregate(
        newest=Max("pk")
    )["newest"]
    return newest or after


def locked_watermark():
    """The rollup's watermark row, locked until the transaction ends: one writer at a time."""
    RollupWatermark.objects.get_or_create(pk=1)
    return RollupWatermark.objects.select_for_update().get(pk=1)


@transaction.atomic
def refresh_asset_stats(now=None):
    """Replace the rollup with fresh figures from every event. Returns how many assets have figures."""
    now = now or timezone.now()
    watermark = locked_watermark()
    upto = settled_event_id(now)
    figures = asset_figures(ContentEvent.objects.filter(pk__lte=upto))
    AssetStats.objects.all().delete()
    AssetStats.objects.bulk_create(
        [AssetStats(asset_id=pk, refreshed_at=now, **values) for pk, values in figures.items()],
        batch_size=500,
    )
    watermark.last_event_id, watermark.refreshed_at = upto, now
    watermark.save()
    return len(figures)


@transaction.atomic
def update_asset_stats(now=None):
    """Fold the events written since the last run into the rollup (the first run rebuilds it).

    Views and downloads grow by the new events; a reader counts as a new viewer (or reader through) of
    an asset only if none of their earlier events already did. Leads influenced are recounted from the
    leads' own events, as a lead's sales-ready time can move. Returns how many assets' figures changed.
    """
    now = now or timezone.now()
    watermark = locked_watermark()
    if watermark.refreshed_at is None:
        return refresh_asset_stats(now)
    since = watermark.last_event_id
    upto = settled_event_id(now, after=since)
    deltas = event_counts(
        ContentEvent.objects.filter(pk__gt=since, pk__lte=upto),
        first_time=ContentEvent.objects.filter(pk__lte=since),
    )
    leads = leads_influenced(ContentEvent.objects.filter(pk__lte=upto))
    stats = {row.asset_id: row for row in AssetStats.objects.all()}
    changed = []
    for asset_id in deltas.keys() | leads.keys() | stats.keys():
        row = stats.get(asset_id) or AssetStats(asset_id=asset_id, refreshed_at=now)
        before = [getattr(row, name) for name in FIGURES] if asset_id in stats else None
        for name, value in deltas.get(asset_id, {}).items():
            setattr(row, name, getattr(row, name) + value)
        row.leads_influenced = leads.get(asset_id, 0)
        if before != [getattr(row, name) for name in FIGURES]:
            changed.append(row)
    save(changed)
    AssetStats.objects.update(refreshed_at=now)
    watermark.last_event_id, watermark.refreshed_at = upto, now
    watermark.save()
    return len(changed)


def save(rows):
    """Insert or update these rollup rows, 500 to a statement (bulk_update's CASE is far slower)."""
    AssetStats.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["asset"], update_fields=FIGURES, batch_size=500
    )


def forget_profiles(profile_ids):
    """Take these profiles' folded events out of the rollup; call it just before deleting them.

    Exact because a profile goes with all its events: it was one viewer (or reader through) of each
    asset it viewed (or read through). Must run inside the transaction that deletes the profiles.
    """
    watermark = locked_watermark()
    if watermark.refreshed_at is None:
        return
    gone = event_counts(
        ContentEvent.objects.filter(profile_id__in=profile_ids, pk__lte=watermark.last_event_id)
    )
    rows = AssetStats.objects.in_bulk(list(gone))
    for asset_id, row in rows.items():
        for name in COUNTS:
            setattr(row, name, max(getattr(row, name) - gone[asset_id][name], 0))
    save(list(rows.values()))
