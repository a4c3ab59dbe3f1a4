"""What the Sales library shows beside each asset: reader ratings, sales use and one's own share link."""

from collections import defaultdict

from django.db.models import Count, Q
from django.urls import reverse

from buyingstages.audience.models import AssetVote, ContentEvent, EventKind
from buyingstages.sales.models import AssetFeedback, ShareLink


def with_sales_stats(assets, user):
    """Reader ratings, sales use and the user's own share link, for one page of assets.

    A fixed number of queries whatever the page size: one per kind of figure.
    """
    ids = [asset.pk for asset in assets]
    votes = dict.fromkeys(ids, (0, 0))
    for row in (
        AssetVote.objects.filter(asset_id__in=ids)
        .values("asset_id")
        .annotate(total=Count("pk"), useful=Count("pk", filter=Q(useful=True)))
    ):
        votes[row["asset_id"]] = (row["useful"], row["total"])
    feedback = dict.fromkeys(ids, (0, 0))
    for row in (
        AssetFeedback.objects.filter(asset_id__in=ids)
        .values("asset_id")
        .annotate(total=Count("pk"), helped=Count("pk", filter=Q(helped=True)))
    ):
        feedback[row["asset_id"]] = (row["helped"], row["total"])
    arrivals = defaultdict(
        int,
        ContentEvent.objects.filter(asset_id__in=ids, kind=EventKind.SHARE_ARRIVAL)
        .values("asset_id")
        .annotate(total=Count("pk"))
        .values_list("asset_id", "total"),
    )
    my_links = dict(
        ShareLink.objects.filter(asset_id__in=ids, owner=user).values_list("asset_id", "code")
    )
    for asset in assets:
        asset.useful_count, asset.vote_count = votes[asset.pk]
        asset.helped_count, asset.feedback_count = feedback[asset.pk]
        asset.share_arrivals = arrivals[asset.pk]
        code = my_links.get(asset.pk)
        asset.my_share_path = reverse("share_link", args=[code]) if code else ""
    return assets
