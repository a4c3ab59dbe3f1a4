"""Benchmark volumes on top of the demo: generated asset pages and reading events.

Used by `seed_demo --scale N --events M` (which imports this module only when asked) and by the
benchmarks directly. Both top up to a total, so running them again adds nothing.
"""

import datetime
import uuid

from django.utils import timezone

from buyingstages.audience.models import ContentEvent, EventKind, VisitorProfile
from buyingstages.library.models import AssetPage
from buyingstages.taxonomy.models import BuyingStage
from cms.demo import artwork, loading

SCALE_SLUG_PREFIX = "scale-"


def seed_scale(library, count, progress=None):
    """Top up generated benchmark assets to `count`, reusing demo text and one image per stage.

    Each is a real published page (revision and all), made by the demo's own create_asset.
    Returns how many were added.
    """
    existing = AssetPage.objects.filter(slug__startswith=SCALE_SLUG_PREFIX).count()
    templates = loading.read("assets")
    terms = loading.taxonomy()
    images = {}
    for number in range(existing + 1, count + 1):
        template = templates[number % len(templates)]
        item = {
            **{
                key: value
                for key, value in template.items()
                if key not in ("download", "signal_weight")
            },
            "slug": f"{SCALE_SLUG_PREFIX}{number}",
            "title": f"{template['title']} (edition {number})",
        }
        stage = terms[BuyingStage][item["stage"]]
        if stage.slug not in images:
            drawing = artwork.hero_image(stage.sort_order, f"{SCALE_SLUG_PREFIX}{stage.slug}")
            images[stage.slug] = loading.make_image(
                f"{stage.name} illustration", f"scale-{stage.slug}.png", drawing
            )
        loading.create_asset(library, item, terms, image=images[stage.slug])
        if progress:
            progress(item["title"])
    return max(count - existing, 0)


def seed_events(count, progress=None):
    """Top up reading events to `count`, spread over every live asset and the last year.

    One anonymous profile per 50 events; views, reads (some all the way through) and downloads; bulk
    inserted, then the content audit's rollup is refreshed. Returns how many were added.
    """
    from buyingstages.audience.stats import refresh_asset_stats

    existing = ContentEvent.objects.count()
    missing = count - existing
    if missing <= 0:
        return 0
    asset_ids = list(AssetPage.objects.live().values_list("pk", flat=True))
    if not asset_ids:
        return 0
    now = timezone.now()
    batch = 5000
    kinds = (EventKind.VIEW, EventKind.READ, EventKind.VIEW, EventKind.READ, EventKind.DOWNLOAD)
    for start in range(0, missing, batch):
        size = min(batch, missing - start)
        profiles = VisitorProfile.objects.bulk_create(
            VisitorProfile(visitor_id=uuid.uuid4(), last_seen_at=now) for _ in range(size // 50 + 1)
        )
        events = []
        for offset in range(size):
            number = existing + start + offset
            kind = kinds[number % len(kinds)]
            events.append(
                ContentEvent(
                    profile=profiles[offset // 50],
                    asset_id=asset_ids[(number * 7919) % len(asset_ids)],
                    kind=kind,
                    sections_seen=(number % 5) if kind == EventKind.READ else None,
                    sections_total=4 if kind == EventKind.READ else None,
                    points=1,
                    created_at=now - datetime.timedelta(minutes=number % (365 * 24 * 60)),
                )
            )
        ContentEvent.objects.bulk_create(events, batch_size=batch)
        if progress:
            progress(f"{start + size:,} events")
    refresh_asset_stats()
    return missing


def tree_path(parent, position):
    """The materialised path of ``parent``'s child number ``position`` (1-based), as Wagtail's page
    tree writes it: the parent's path and the position in base 36, ``Page.steplen`` digits long."""
    digits = ""
    while position:
        position, digit = divmod(position, len(parent.alphabet))
        digits = parent.alphabet[digit] + digits
    return parent.path + digits.rjust(parent.steplen, parent.alphabet[0])
