"""Load the Keelstone demo content: idempotent, local only (images and PDFs drawn with Pillow)."""

import colorsys
import datetime
import hashlib
import io
import textwrap
import uuid

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from buyingstages import scoring
from buyingstages.models import (
    AssetDownload,
    AssetFeedback,
    AssetIndexPage,
    AssetPage,
    BuyingStage,
    ContentEvent,
    EventKind,
    FieldNote,
    Lead,
    LeadState,
    Persona,
    ProfilingSettings,
    Segment,
    ShareLink,
    Topic,
    VisitorProfile,
)
from cms.models import BrandSettings, HomePage, HomePageFeaturedAsset, StandardPage
from publishing.models import CalendarEntry, EntryStatus

from . import content

DEMO_USERS = [
    # username, password, group, superuser
    ("editor", "masthead-editor", "Editors", False),
    ("sales", "masthead-sales", "Sales", False),
    ("admin", "masthead-admin", "Administrators", True),
]
SCALE_SLUG_PREFIX = "scale-"
STAGE_HUES = [0.72, 0.6, 0.5, 0.3, 0.1, 0.03, 0.9]


def paragraphs_html(paragraphs):
    return "".join(f"<p>{escape(text)}</p>" for text in paragraphs)


@transaction.atomic
def seed_taxonomy():
    for order, item in enumerate(content.STAGES):
        BuyingStage.objects.get_or_create(
            slug=item["slug"],
            defaults={
                "name": item["name"],
                "question": item["question"],
                "description": item["description"],
                "policy": item["policy"],
                "sort_order": order,
            },
        )
    for model, items in ((Persona, content.PERSONAS), (Segment, content.SEGMENTS)):
        for order, item in enumerate(items):
            defaults = {
                "name": item["name"],
                "description": item["description"],
                "sort_order": order,
            }
            if "dimension" in item:
                defaults["dimension"] = item["dimension"]
            model.objects.get_or_create(slug=item["slug"], defaults=defaults)
    for item in content.TOPICS:
        Topic.objects.get_or_create(
            slug=item["slug"],
            defaults={
                "name": item["name"],
                "description": item["description"],
                "cycle_weeks": content.TOPIC_CYCLES.get(item["slug"]),
            },
        )


@transaction.atomic
def seed_site():
    """The home page as the default site's root, with the library and an About page under it."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(
                title="Home",
                slug="home-" + content.COMPANY["name"].lower(),
                hero_heading=content.COMPANY["tagline"],
                hero_intro=content.COMPANY["intro"],
            )
        )
        site = Site.objects.filter(is_default_site=True).first()
        welcome = site.root_page if site else None
        if site:
            site.root_page = home
            site.site_name = content.COMPANY["name"]
            site.save()
        else:
            Site.objects.create(
                hostname="localhost",
                root_page=home,
                is_default_site=True,
                site_name=content.COMPANY["name"],
            )
        if welcome is not None and welcome.specific_class is Page and not welcome.get_children():
            welcome.delete()
    site = Site.objects.get(root_page=home)

    library = AssetIndexPage.objects.first()
    if library is None:
        library = home.add_child(
            instance=AssetIndexPage(
                title="Library",
                slug="library",
                show_in_menus=True,
                intro="<p>Research, guides, customer stories and technical detail for every stage "
                "of your decision. Everything is free to read and download: no forms.</p>",
            )
        )
    if not StandardPage.objects.filter(slug="about").exists():
        home.add_child(
            instance=StandardPage(
                title="About " + content.COMPANY["name"],
                slug="about",
                show_in_menus=True,
                intro=content.COMPANY["tagline"],
                body=[
                    {
                        "type": "section",
                        "value": {
                            "heading": "Who we are",
                            "content": paragraphs_html(content.COMPANY["about"]),
                        },
                    }
                ],
            )
        )
    brand = BrandSettings.for_site(site)
    if brand.organisation_name == BrandSettings._meta.get_field("organisation_name").default:
        brand.organisation_name = content.COMPANY["name"]
        brand.strapline = content.COMPANY["tagline"]
        brand.save()
    return home, library


def hero_image(title, stage_order, seed):
    """A generated 1200×630 illustration: stage colour, a few bands, the title."""
    hue = STAGE_HUES[stage_order % len(STAGE_HUES)]
    digest = hashlib.sha256(seed.encode()).digest()
    base = tuple(int(c * 255) for c in colorsys.hsv_to_rgb(hue, 0.55, 0.55))
    image = PILImage.new("RGB", (1200, 630), base)
    draw = ImageDraw.Draw(image)
    for i in range(6):
        light = tuple(int(c * 255) for c in colorsys.hsv_to_rgb(hue, 0.35, 0.6 + digest[i] / 850))
        x = digest[i + 6] * 5
        draw.polygon(
            [
                (x, 630),
                (x + 260 + digest[i + 12], 0),
                (x + 420 + digest[i + 12], 0),
                (x + 160, 630),
            ],
            fill=light,
        )
    font = ImageFont.load_default(size=54)
    lines = textwrap.wrap(title, width=30)[:4]
    y = 630 - 70 - len(lines) * 66
    draw.rectangle([(0, y - 30), (1200, 630)], fill=(15, 23, 32))
    for line in lines:
        draw.text((60, y), line, font=font, fill=(255, 255, 255))
        y += 66
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def make_image(title, filename, data):
    image = get_image_model()(title=title, file=ImageFile(io.BytesIO(data), name=filename))
    image.save()
    return image


def pdf_document(title, pages):
    """A small text PDF drawn page by page (A4 at 100 dpi)."""
    width, height, margin = 827, 1169, 70
    heading_font = ImageFont.load_default(size=30)
    body_font = ImageFont.load_default(size=17)
    rendered = []
    for page_number, page in enumerate([{"heading": title, "paragraphs": []}, *pages], start=1):
        image = PILImage.new("RGB", (width, height), "white")
        draw = ImageDraw.Draw(image)
        y = margin
        for line in textwrap.wrap(page["heading"], width=42):
            draw.text((margin, y), line, font=heading_font, fill=(11, 63, 83))
            y += 42
        y += 20
        for paragraph in page["paragraphs"]:
            for line in textwrap.wrap(paragraph, width=78):
                draw.text((margin, y), line, font=body_font, fill=(23, 33, 43))
                y += 26
            y += 16
        draw.text(
            (margin, height - margin),
            f"{content.COMPANY['name']} · {page_number}",
            font=body_font,
            fill=(90, 90, 90),
        )
        rendered.append(image)
    buffer = io.BytesIO()
    rendered[0].save(buffer, format="PDF", save_all=True, append_images=rendered[1:], title=title)
    return buffer.getvalue()


def asset_body(item):
    body = []
    if item.get("case_study"):
        study = item["case_study"]
        body.append(
            {
                "type": "case_study",
                "value": {
                    "customer": study["customer"],
                    "outcome": study["outcome"],
                    "outcome_metrics": study["outcome_metrics"],
                    "before": paragraphs_html(study["before"]),
                    "after": paragraphs_html(study["after"]),
                    "close_the_loop": paragraphs_html(study["close_the_loop"]),
                    "quotes": study["quotes"],
                },
            }
        )
    if item.get("figures"):
        body.append({"type": "metrics", "value": {"heading": "", "metrics": item["figures"]}})
    for section in item.get("sections", []):
        body.append(
            {
                "type": "section",
                "value": {
                    "heading": section["heading"],
                    "content": paragraphs_html(section["paragraphs"]),
                },
            }
        )
    if item.get("faq"):
        body.append(
            {
                "type": "faq",
                "value": {
                    "heading": "Frequently asked questions",
                    "questions": [
                        {"question": qa["question"], "answer": paragraphs_html([qa["answer"]])}
                        for qa in item["faq"]
                    ],
                },
            }
        )
    return body


def aware_date(value):
    date = datetime.date.fromisoformat(value)
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(9, 0)))


def create_asset(library, item, stages, personas, segments, topics, image=None):
    stage = stages[item["stage"]]
    if image is None:
        image = make_image(
            item["title"],
            f"{item['slug']}.png",
            hero_image(item["title"], stage.sort_order, item["slug"]),
        )
    page = AssetPage(
        title=item["title"],
        slug=item["slug"],
        format=item["format"],
        summary=item["summary"],
        hero_image=image,
        stage=stage,
        body=asset_body(item),
        review_by=datetime.date.fromisoformat(item["review_by"]) if item.get("review_by") else None,
        signal_weight=content.SIGNALS.get(item["slug"], 0),
    )
    page.personas = [personas[slug] for slug in item["personas"]]
    page.segments = [segments[slug] for slug in item.get("segments", [])]
    page.topics.add(*(topics[slug] for slug in item["topics"]))
    if item.get("download"):
        Document = get_document_model()
        download = item["download"]
        document = Document(title=download["title"])
        document.file.save(
            f"{item['slug']}.pdf",
            ContentFile(pdf_document(download["title"], download["pages"])),
            save=False,
        )
        document.save()
        page.downloads = [AssetDownload(document=document, label=f"{download['title']} (PDF)")]
    library.add_child(instance=page)
    page.save_revision().publish()
    if item.get("published"):
        published = aware_date(item["published"])
        AssetPage.objects.filter(pk=page.pk).update(
            first_published_at=published, last_published_at=published
        )
    return page


def lookups():
    return (
        {stage.slug: stage for stage in BuyingStage.objects.all()},
        {persona.slug: persona for persona in Persona.objects.all()},
        {segment.slug: segment for segment in Segment.objects.all()},
        {topic.slug: topic for topic in Topic.objects.all()},
    )


def seed_assets(library, progress=None):
    """Create each demo asset that does not exist yet; never touch one an editor may have edited."""
    existing = set(AssetPage.objects.values_list("slug", flat=True))
    stages, personas, segments, topics = lookups()
    created = []
    for item in content.ASSETS:
        if item["slug"] in existing:
            continue
        with transaction.atomic():
            created.append(create_asset(library, item, stages, personas, segments, topics))
        if progress:
            progress(item["title"])
    return created


def seed_featured(home):
    if home.featured_assets.exists():
        return
    picks = AssetPage.objects.filter(format="case_study").order_by("pk")[:1]
    picks = [*picks, *AssetPage.objects.filter(format="research_report").order_by("pk")[:1]]
    picks = [*picks, *AssetPage.objects.filter(format="technical_brief").order_by("pk")[:1]]
    for order, asset in enumerate(picks):
        HomePageFeaturedAsset.objects.create(page=home, asset=asset, sort_order=order)


def seed_scale(library, count, progress=None):
    """Top up generated benchmark assets to `count`, reusing demo text and one image per stage."""
    existing = AssetPage.objects.filter(slug__startswith=SCALE_SLUG_PREFIX).count()
    stages, personas, segments, topics = lookups()
    images = {}
    for number in range(existing + 1, count + 1):
        template = content.ASSETS[number % len(content.ASSETS)]
        item = {
            **template,
            "slug": f"{SCALE_SLUG_PREFIX}{number}",
            "title": f"{template['title']} (edition {number})",
            "download": None,
        }
        stage = stages[item["stage"]]
        if stage.slug not in images:
            images[stage.slug] = make_image(
                f"{stage.name} illustration",
                f"scale-{stage.slug}.png",
                hero_image(stage.name, stage.sort_order, stage.slug),
            )
        with transaction.atomic():
            create_asset(
                library, item, stages, personas, segments, topics, image=images[stage.slug]
            )
        if progress:
            progress(item["title"])
    return max(count - existing, 0)


@transaction.atomic
def seed_calendar():
    """Planned entries over the next eight weeks, open slots and a backlog of ideas."""
    stages, personas, _, topics = lookups()
    owner = get_user_model().objects.filter(username="editor").first()
    today = timezone.localdate()
    for (
        title,
        stage,
        persona_slugs,
        topic_slugs,
        asset_format,
        length,
        days,
        brief,
    ) in content.CALENDAR:
        if CalendarEntry.objects.filter(title=title).exists():
            continue
        publish_at = None
        if days is not None:
            publish_at = aware_date((today + datetime.timedelta(days=days)).isoformat())
        entry = CalendarEntry.objects.create(
            title=title,
            brief=brief,
            stage=stages[stage],
            format=asset_format,
            length=length,
            owner=owner,
            publish_at=publish_at,
            draft_due=publish_at and (publish_at - datetime.timedelta(days=10)).date(),
            review_due=publish_at and (publish_at - datetime.timedelta(days=4)).date(),
            is_open_slot=title.startswith("Open slot"),
            status=EntryStatus.PLANNED if publish_at else EntryStatus.IDEA,
        )
        entry.personas.set(personas[slug] for slug in persona_slugs)
        entry.topics.set(topics[slug] for slug in topic_slugs)


def seed_users():
    """Demo logins for local use only; returns (username, password, group) for each."""
    User = get_user_model()
    for username, password, group_name, superuser in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "email": f"{username}@example.com",
                "is_superuser": superuser,
                "is_staff": superuser,
            },
        )
        if created:
            user.set_password(password)
            user.save()
            user.groups.add(Group.objects.get(name=group_name))
    return [(username, password, group) for username, password, group, _ in DEMO_USERS]


def seed_sales():
    """What the demo salesperson has heard, used and shared, and three leads with reading histories.

    Needs the demo users (seed_demo --users). Idempotent: each lead, note and report is made once.
    """
    seller = get_user_model().objects.filter(username="sales").first()
    if seller is None:
        return
    assets = {page.slug: page for page in AssetPage.objects.live().filter(slug__in=demo_slugs())}
    for text, topic_slugs in content.FIELD_NOTES:
        note, created = FieldNote.objects.get_or_create(text=text, defaults={"author": seller})
        if created:
            note.topics.set(Topic.objects.filter(slug__in=topic_slugs))
    for slug, helped, note in content.SALES_FEEDBACK:
        AssetFeedback.objects.get_or_create(
            asset=assets[slug], author=seller, note=note, defaults={"helped": helped}
        )
    rules = ProfilingSettings.load()
    now = timezone.now()
    for name, email, readings in content.DEMO_LEADS:
        if Lead.objects.filter(email=email).exists():
            continue
        lead = Lead.objects.create(name=name, email=email, first_touch_at=now)
        profile_id = uuid.uuid5(uuid.NAMESPACE_URL, f"masthead-demo:{email}")
        VisitorProfile.objects.create(visitor_id=profile_id, lead=lead, last_seen_at=now)
        for slug, kind, days_ago, shared in sorted(readings, key=lambda reading: -reading[2]):
            asset = assets[slug]
            extra = {"sections_seen": 3, "sections_total": 3} if kind == EventKind.READ else {}
            if shared:
                extra["share_code"] = ShareLink.for_owner(asset, seller).code
            scoring.record(
                scoring.Reading(str(profile_id), kind, asset.pk, **extra),
                rules,
                now=now - datetime.timedelta(days=days_ago, hours=2),
            )
        Lead.objects.filter(pk=lead.pk).update(first_touch_at=now - datetime.timedelta(days=30))
    # One lead already taken, so the inbox shows both kinds.
    taken = Lead.objects.filter(email="hannah.okafor@example.com", state=LeadState.SALES_READY)
    for lead in taken:
        lead.accept(seller)


def demo_slugs():
    return {item["slug"] for item in content.ASSETS}


def seed_messages(home):
    """The canonical messages, published and released, the core story on the home page, two decks."""
    from publishing import sync
    from publishing.models import Message, SalesDeck
    from publishing.tasks import render_deck

    messages = {}
    for item in content.MESSAGES:
        message = Message.objects.filter(name=item["name"]).first()
        if message is None:
            message = Message(
                **{key: value for key, value in item.items() if key != "proof_points"},
                proof_points=[
                    {"type": kind, "value": value} for kind, value in item["proof_points"]
                ],
            )
            message.save()
            revision = message.save_revision()
            revision.publish()
            sync.release(message, revision)
        messages[message.name] = message
    if not home.story:
        home.story = [
            {"type": "message", "value": {"message": messages["Core story"].pk, "parts": []}}
        ]
        home.save_revision().publish()
    assets = {page.slug: page for page in AssetPage.objects.live().filter(slug__in=demo_slugs())}
    for slug, title, audience, slides in content.DECKS:
        if SalesDeck.objects.filter(slug=slug).exists():
            continue
        blocks = []
        for slide in slides:
            if slide[0] == "message":
                value = {"message": messages[slide[1]].pk, "parts": slide[2]}
                blocks.append({"type": "message_slide", "value": value})
            elif slide[0] == "asset":
                blocks.append({"type": "asset_slide", "value": {"asset": assets[slide[1]].pk}})
            else:
                blocks.append(
                    {"type": "text_slide", "value": {"title": slide[1], "text": slide[2]}}
                )
        deck = SalesDeck.objects.create(slug=slug, title=title, audience=audience, slides=blocks)
        render_deck.call(deck.pk)


def seed_events(count, progress=None):
    """Top up reading events to `count`, spread over every live asset and the last year.

    For benchmarks: one anonymous profile per 50 events; views, reads (some all the way through) and
    downloads; bulk inserted, then the content audit's rollup is refreshed.
    """
    from buyingstages.insight import refresh_asset_stats

    existing = ContentEvent.objects.count()
    missing = count - existing
    if missing <= 0:
        return 0
    asset_ids = list(AssetPage.objects.live().values_list("pk", flat=True))
    if not asset_ids:
        return 0
    now = timezone.now()
    batch = 5000
    for start in range(0, missing, batch):
        size = min(batch, missing - start)
        profiles = VisitorProfile.objects.bulk_create(
            VisitorProfile(visitor_id=uuid.uuid4(), last_seen_at=now) for _ in range(size // 50 + 1)
        )
        kinds = (EventKind.VIEW, EventKind.READ, EventKind.VIEW, EventKind.READ, EventKind.DOWNLOAD)
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


def seed_reader_feedback():
    """A reader survey with some answers, and "Was this useful?" votes on a few assets."""
    from buyingstages.insight import refresh_asset_stats
    from buyingstages.models import AssetVote, ReaderSurvey, SurveyAnswer

    question, answers, slugs, counts = content.SURVEY
    if not ReaderSurvey.objects.filter(question=question).exists():
        survey = ReaderSurvey.objects.create(question=question, choices="\n".join(answers))
        survey.pages.set(AssetPage.objects.filter(slug__in=slugs))
        SurveyAnswer.objects.bulk_create(
            SurveyAnswer(survey=survey, choice=choice, voter=uuid.uuid4())
            for choice, count in enumerate(counts)
            for _ in range(count)
        )
    for slug, yes, no in content.USEFUL_VOTES:
        asset = AssetPage.objects.filter(slug=slug).first()
        if asset is None or AssetVote.objects.filter(asset=asset).exists():
            continue
        AssetVote.objects.bulk_create(
            AssetVote(asset=asset, voter=uuid.uuid4(), useful=useful)
            for useful, count in ((True, yes), (False, no))
            for _ in range(count)
        )
    refresh_asset_stats()
