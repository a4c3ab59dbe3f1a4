"""Aggregating what readers do with each asset: one GROUP BY over the events, stored as a rollup.

The worker refreshes the rollup (`python manage.py refresh_asset_stats`, daily or more often); reports
read the rollup, so they cost the same whatever the number of events.
"""

from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from .models import AssetStats, ContentEvent, EventKind


def asset_figures():
    """{asset id: figures} for every asset with events, computed by the database in one query."""
    rows = (
        ContentEvent.objects.values("asset_id")
        .annotate(
            views=Count("pk", filter=Q(kind=EventKind.VIEW)),
            viewers=Count("profile_id", filter=Q(kind=EventKind.VIEW), distinct=True),
            readers_through=Count(
                "profile_id",
                filter=Q(kind=EventKind.READ, sections_seen__gt=F("sections_total") * 0.5),
                distinct=True,
            ),
            downloads=Count("pk", filter=Q(kind=EventKind.DOWNLOAD)),
            leads_influenced=Count(
                "profile__lead_id",
                filter=Q(created_at__lte=F("profile__lead__sales_ready_at")),
                distinct=True,
            ),
        )
        .order_by()
    )
    return {row.pop("asset_id"): row for row in rows}


@transaction.atomic
def refresh_asset_stats(now=None):
    """Replace the rollup with fresh figures. Returns how many assets have figures."""
    now = now or timezone.now()
    figures = asset_figures()
    AssetStats.objects.all().delete()
    AssetStats.objects.bulk_create(
        [AssetStats(asset_id=pk, refreshed_at=now, **values) for pk, values in figures.items()],
        batch_size=500,
    )
    return len(figures)
