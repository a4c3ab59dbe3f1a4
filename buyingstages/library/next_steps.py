"""Which assets offer a given asset as the reader's next step: ``AssetPage.next_steps`` run backwards.

A page renders its own next steps (``AssetPage.next_steps``). When an asset is published, changed or
withdrawn, the page cache needs the reverse: the few earlier-stage pages whose next-step cards show it,
so it drops those and not every earlier asset that shares a topic. The answer is worked out for the
whole library in two queries and in memory, by the same rule as ``next_steps``. Where the database's
order is not fixed (stages sharing a sort order, assets without a first-publication time) it counts
the asset as shown, so a page is dropped once too often rather than kept stale.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from buyingstages.library.models import NEXT_STEP_CARDS, AssetPage


@dataclass
class Shelf:
    """What ``next_steps`` looks at for one live asset."""

    pk: int
    stage_id: int | None
    stage_order: int | None
    first_published_at: object
    public: bool = False
    topic_ids: set = field(default_factory=set)

    def ahead_of(self, other):
        """Whether this asset's card certainly comes before ``other``'s (newest first, then by id)."""
        if self.first_published_at is None or other.first_published_at is None:
            return False
        return (-self.first_published_at.timestamp(), self.pk) < (
            -other.first_published_at.timestamp(),
            other.pk,
        )


def live_shelves():
    live = AssetPage.objects.live()
    shelves = {}
    rows = live.values_list(
        "pk", "stage_id", "stage__sort_order", "first_published_at", "tagged_topics__tag_id"
    )
    for pk, stage_id, stage_order, first_published_at, topic_id in rows:
        shelf = shelves.setdefault(pk, Shelf(pk, stage_id, stage_order, first_published_at))
        if topic_id is not None:
            shelf.topic_ids.add(topic_id)
    for pk in live.public().values_list("pk", flat=True):
        shelves[pk].public = True
    return shelves


def offering(asset_id):
    """The ids of the live assets whose next-step cards show ``asset_id`` as the database is now."""
    shelves = live_shelves()
    shown = shelves.get(asset_id)
    if shown is None or not shown.public or shown.stage_order is None:
        return set()
    offered_on_topic = defaultdict(list)
    for shelf in shelves.values():
        if shelf.public and shelf.stage_order is not None:
            for topic_id in shelf.topic_ids:
                offered_on_topic[topic_id].append(shelf)
    pages = set()
    for page in shelves.values():
        if (
            page.pk == asset_id
            or page.stage_order is None
            or page.stage_order >= shown.stage_order
            or not page.topic_ids & shown.topic_ids
        ):
            continue
        later = {
            offer.pk: offer
            for topic_id in page.topic_ids
            for offer in offered_on_topic[topic_id]
            if offer.stage_order > page.stage_order and offer.pk != page.pk
        }
        if shown.stage_order != min(offer.stage_order for offer in later.values()):
            continue
        ahead = sum(
            1
            for offer in later.values()
            if offer.stage_id == shown.stage_id and offer.ahead_of(shown)
        )
        if ahead < NEXT_STEP_CARDS:
            pages.add(page.pk)
    return pages
