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


REFERENCE_SLUG = "reference-blog"


def seed_reference():
    """A stock Wagtail blog (bench/reference/, installed by bench.settings only) under the home page.

    The measured post has a hero image, two authors with photos, three tags, a sibling post's card or
    three, and a body about as long as the first demo asset's: its section headings and paragraphs as
    heading and paragraph blocks, two captioned images and a quote. Returns the measured post's URL;
    running it again adds nothing.
    """
    from wagtail.models import Site

    from bench.reference.models import (
        BlogIndexPage,
        BlogPage,
        BlogPersonRelationship,
        FooterText,
        GenericSettings,
        Person,
        SiteSettings,
    )

    existing = BlogPage.objects.live().filter(slug=f"{REFERENCE_SLUG}-post-1").first()
    if existing:
        return existing.url
    site = Site.objects.get(is_default_site=True)
    home = site.root_page
    asset = AssetPage.objects.live().public().order_by("path").first()
    image_number = iter(range(1, 100))

    def image(title):
        number = next(image_number)
        drawing = artwork.hero_image(number % 7, f"{REFERENCE_SLUG}-{number}")
        return loading.make_image(title, f"{REFERENCE_SLUG}-{number}.png", drawing)

    people = []
    for first, last, job in (("Ada", "Baker", "Head baker"), ("Ben", "Crumb", "Pastry chef")):
        person = Person(first_name=first, last_name=last, job_title=job, image=image(first))
        person.save()
        person.save_revision().publish()
        people.append(person)
    footer = FooterText(body="<p>Copyright The Wagtail Bakery. All rights reserved.</p>")
    footer.save()
    footer.save_revision().publish()
    SiteSettings.for_site(site).save()
    settings = GenericSettings.load()
    settings.github_url = "https://github.com/wagtail/bakerydemo"
    settings.save()

    index = home.add_child(
        instance=BlogIndexPage(
            title="Blog", slug=REFERENCE_SLUG, introduction="Stories from the bakery."
        )
    )
    index.save_revision().publish()
    sections = [block.value for block in asset.body if block.block_type == "section"]
    body = []
    for number, section in enumerate(sections):
        body.append(
            {"type": "heading_block", "value": {"heading_text": section["heading"], "size": "h2"}}
        )
        body.append({"type": "paragraph_block", "value": section["content"].source})
        if number in (0, 2):
            picture = image(f"Figure {number}")
            caption = {"image": picture.pk, "caption": section["heading"], "attribution": "Ada"}
            body.append({"type": "image_block", "value": caption})
    quote = {"text": asset.summary, "attribute_name": "Ben Crumb", "settings": {}}
    body.insert(len(body) // 2, {"type": "block_quote", "value": quote})
    url = None
    for number in range(4, 0, -1):  # the measured post last: it is the newest
        post = BlogPage(
            title=f"{asset.title} ({number})" if number > 1 else asset.title,
            slug=f"{REFERENCE_SLUG}-post-{number}",
            subtitle="A stock Wagtail blog page",
            introduction=asset.summary,
            image=image(f"Hero {number}"),
            body=body,
            date_published=datetime.date(2026, 12, 5) - datetime.timedelta(days=number),
        )
        post.blog_person_relationship = [BlogPersonRelationship(person=p) for p in people]
        post.tags.add("bread", "baking", f"post-{number}")
        index.add_child(instance=post)
        post.save_revision().publish()
        url = post.url
    return url
