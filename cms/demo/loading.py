"""Load the Keelstone demo from the JSON files in cms/demo/data/.

Each load_* step creates what is missing and leaves alone what exists (an editor may have changed
it), so loading twice changes nothing. Each returns one line saying what is there, for seed_demo.
Hero images and PDFs are drawn locally (cms/demo/artwork.py); nothing is fetched.
"""

import datetime
import io
import json
import uuid
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from buyingstages.audience import scoring
from buyingstages.audience.models import (
    EventKind,
    Lead,
    LeadState,
    Organisation,
    OrganisationDomain,
    ProfilingSettings,
    Subscription,
    VisitorProfile,
)
from buyingstages.common.addresses import public_host_and_port
from buyingstages.library.models import AssetDownload, AssetIndexPage, AssetPage
from buyingstages.sales.models import AssetFeedback, FieldNote, ShareLink
from buyingstages.taxonomy.models import BuyingStage, Campaign, Persona, Segment, Topic
from cms.demo import artwork
from cms.home.models import BrandSettings, HomePage, HomePageFeaturedAsset, StandardPage
from publishing.calendar import recurrence
from publishing.calendar.models import CalendarEntry, EntryType, Status

DATA_DIR = Path(__file__).resolve().parent / "data"


def read(name):
    """The parsed contents of data/<name>.json, fresh on each call."""
    return json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))


def paragraphs_html(paragraphs):
    return "".join(f"<p>{escape(text)}</p>" for text in paragraphs)


def working_day(day):
    """`day`, or the nearest weekday when it falls on a weekend (Saturday's Friday, Sunday's Monday):
    a team plans its work on weekdays."""
    return day + datetime.timedelta(days={5: -1, 6: 1}.get(day.weekday(), 0))


def at_nine(date):
    """9:00 on `date` (a date or an ISO string) in the site's time zone."""
    if isinstance(date, str):
        date = datetime.date.fromisoformat(date)
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(9, 0)))


def by_slug(model, slugs=None):
    objects = model.objects.all() if slugs is None else model.objects.filter(slug__in=slugs)
    return {obj.slug: obj for obj in objects}


# Taxonomy and site --------------------------------------------------------------------------------


@transaction.atomic
def load_taxonomy():
    data = read("taxonomy")
    for model, key in ((BuyingStage, "stages"), (Persona, "personas"), (Segment, "segments")):
        for order, item in enumerate(data[key]):
            fields = {name: value for name, value in item.items() if name != "slug"}
            model.objects.get_or_create(slug=item["slug"], defaults={**fields, "sort_order": order})
    for item in data["topics"]:
        fields = {name: value for name, value in item.items() if name != "slug"}
        Topic.objects.get_or_create(slug=item["slug"], defaults=fields)
    counts = ", ".join(
        f"{len(data[key])} {key}" for key in ("stages", "personas", "segments", "topics")
    )
    return f"Taxonomy: {counts}"


@transaction.atomic
def load_site():
    """The home page as the default site's root, with the library and an About page under it."""
    company = read("site")
    home = HomePage.objects.first()
    if home is None:
        home = Page.get_first_root_node().add_child(
            instance=HomePage(
                title="Home",
                slug="home-" + company["name"].lower(),
                hero_heading=company["tagline"],
                hero_intro=company["intro"],
            )
        )
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            hostname, port = public_host_and_port()
            Site.objects.create(
                hostname=hostname,
                port=port,
                root_page=home,
                is_default_site=True,
                site_name=company["name"],
            )
        else:
            # Wagtail's own "Welcome" page goes once nothing points at it.
            welcome = site.root_page
            site.root_page, site.site_name = home, company["name"]
            site.save()
            if welcome.specific_class is Page and not welcome.get_children():
                welcome.delete()
    if not AssetIndexPage.objects.exists():
        home.add_child(
            instance=AssetIndexPage(
                title="Library",
                slug="library",
                show_in_menus=True,
                intro=paragraphs_html([company["library_intro"]]),
            )
        )
    if not StandardPage.objects.filter(slug="about").exists():
        about = {"heading": company["about_heading"], "content": paragraphs_html(company["about"])}
        home.add_child(
            instance=StandardPage(
                title="About " + company["name"],
                slug="about",
                show_in_menus=True,
                intro=company["tagline"],
                body=[{"type": "section", "value": about}],
            )
        )
    brand = BrandSettings.for_site(Site.objects.get(root_page=home))
    if brand.organisation_name == BrandSettings._meta.get_field("organisation_name").default:
        brand.organisation_name, brand.strapline = company["name"], company["tagline"]
        brand.save()
    return f"Site: {company['name']} home page, Library and About pages"


# Assets -------------------------------------------------------------------------------------------


def asset_body(item):
    """The asset page's StreamField blocks: case study, figures, sections, then the FAQ."""
    body = []
    if "case_study" in item:
        study = item["case_study"]
        body.append(
            {
                "type": "case_study",
                "value": {
                    **study,
                    "before": paragraphs_html(study["before"]),
                    "after": paragraphs_html(study["after"]),
                    "close_the_loop": paragraphs_html(study["close_the_loop"]),
                },
            }
        )
    if "figures" in item:
        body.append({"type": "metrics", "value": {"heading": "", "metrics": item["figures"]}})
    for section in item.get("sections", []):
        content = paragraphs_html(section["paragraphs"])
        body.append(
            {"type": "section", "value": {"heading": section["heading"], "content": content}}
        )
    if "faq" in item:
        questions = [
            {"question": qa["question"], "answer": paragraphs_html([qa["answer"]])}
            for qa in item["faq"]
        ]
        faq = {"heading": "Frequently asked questions", "questions": questions}
        body.append({"type": "faq", "value": faq})
    return body


def make_image(title, filename, data):
    image = get_image_model()(title=title, file=ImageFile(io.BytesIO(data), name=filename))
    image.save()
    return image


def make_pdf(slug, download):
    document = get_document_model()(title=download["title"])
    data = artwork.pdf_document(download["title"], download["pages"], footer=read("site")["name"])
    document.file.save(f"{slug}.pdf", ContentFile(data), save=False)
    document.save()
    return AssetDownload(document=document, label=f"{download['title']} (PDF)")


def taxonomy():
    """Every stage, persona, segment and topic by slug, for create_asset."""
    return {model: by_slug(model) for model in (BuyingStage, Persona, Segment, Topic)}


@transaction.atomic
def create_asset(library, item, terms=None, image=None):
    """One published asset page from an assets.json item, with its hero image and PDF.

    `terms` is taxonomy() (looked up when not given); `image` replaces the generated hero image.
    """
    terms = terms or taxonomy()
    stage = terms[BuyingStage][item["stage"]]
    if image is None:
        drawing = artwork.hero_image(stage.sort_order, item["slug"])
        image = make_image(item["title"], f"{item['slug']}.png", drawing)
    page = AssetPage(
        title=item["title"],
        slug=item["slug"],
        format=item["format"],
        summary=item["summary"],
        hero_image=image,
        stage=stage,
        body=asset_body(item),
        review_by=datetime.date.fromisoformat(item["review_by"]) if "review_by" in item else None,
        signal_weight=item.get("signal_weight", 0),
    )
    page.personas = [terms[Persona][slug] for slug in item["personas"]]
    page.segments = [terms[Segment][slug] for slug in item.get("segments", [])]
    page.topics.add(*(terms[Topic][slug] for slug in item["topics"]))
    if item.get("download"):
        page.downloads = [make_pdf(item["slug"], item["download"])]
    library.add_child(instance=page)
    page.save_revision().publish()
    if item.get("published"):
        published = at_nine(item["published"])
        AssetPage.objects.filter(pk=page.pk).update(
            first_published_at=published, last_published_at=published
        )
    return page


def load_assets():
    """Each demo asset not there yet (one transaction each), then the home page's featured picks."""
    items = read("assets")
    library = AssetIndexPage.objects.first()
    existing = set(AssetPage.objects.values_list("slug", flat=True))
    terms = taxonomy()
    new = [create_asset(library, item, terms) for item in items if item["slug"] not in existing]
    home = HomePage.objects.first()
    if not home.featured_assets.exists():
        featured = by_slug(AssetPage, read("site")["featured"])
        for order, slug in enumerate(read("site")["featured"]):
            HomePageFeaturedAsset.objects.create(page=home, asset=featured[slug], sort_order=order)
    pdfs, featured = sum(1 for item in items if "download" in item), home.featured_assets.count()
    return f"Assets: {len(items)} ({len(new)} new), {pdfs} with a PDF, {featured} on the home page"


def demo_assets():
    """The live demo asset pages by slug (not the benchmark ones)."""
    slugs = [item["slug"] for item in read("assets")]
    return {page.slug: page for page in AssetPage.objects.live().filter(slug__in=slugs)}


# Messages and decks -------------------------------------------------------------------------------


def create_message(item):
    """A message from messages.json, published and released as an editor would."""
    from publishing.messaging import sync
    from publishing.messaging.models import Message

    message = Message(**item)
    message.save()
    revision = message.save_revision()
    revision.publish()
    sync.release(message, revision)
    return message


def slide_block(slide, messages, assets):
    if slide["type"] == "message":
        value = {"message": messages[slide["message"]].pk, "parts": slide["parts"]}
        return {"type": "message_slide", "value": value}
    if slide["type"] == "asset":
        return {"type": "asset_slide", "value": {"asset": assets[slide["asset"]].pk}}
    return {"type": "text_slide", "value": {"title": slide["title"], "text": slide["text"]}}


def load_messages():
    """The canonical messages (published and released), the home page's story, the sales decks."""
    from publishing.messaging.models import Message, SalesDeck
    from publishing.messaging.tasks import render_deck

    messages = {}
    for item in read("messages"):
        message = Message.objects.filter(name=item["name"]).first()
        messages[item["name"]] = message or create_message(item)
    home = HomePage.objects.first()
    if not home.story:
        story = {"message": messages[read("site")["story"]].pk, "parts": []}
        home.story = [{"type": "message", "value": story}]
        home.save_revision().publish()
    assets = demo_assets()
    for item in read("decks"):
        if SalesDeck.objects.filter(slug=item["slug"]).exists():
            continue
        slides = [slide_block(slide, messages, assets) for slide in item["slides"]]
        deck = SalesDeck.objects.create(
            slug=item["slug"], title=item["title"], audience=item["audience"], slides=slides
        )
        render_deck.call(deck.pk)
    return f"Messages: {len(messages)}, sales decks: {len(read('decks'))}"


# People and plans ---------------------------------------------------------------------------------


@transaction.atomic
def load_users():
    """Demo logins with known passwords, for local use only. Existing users are left as they are."""
    User = get_user_model()
    new = 0
    for item in read("users"):
        user, created = User.objects.get_or_create(
            username=item["username"],
            defaults={
                "email": item["email"],
                "is_superuser": item["superuser"],
                "is_staff": item["superuser"],
            },
        )
        if created:
            new += 1
            user.set_password(item["password"])
            user.save()
            user.groups.add(Group.objects.get(name=item["group"]))
    names = ", ".join(item["username"] for item in read("users"))
    return f"Users: {names} ({new} new)"


def demo_logins():
    """(group, username, password) for each demo login."""
    return [(item["group"], item["username"], item["password"]) for item in read("users")]


def deadline(publish_at, days_before):
    return publish_at and (publish_at - datetime.timedelta(days=days_before)).date()


@transaction.atomic
def load_calendar():
    """Planned entries over the next eight weeks (days counted from today), open slots and ideas."""
    items = read("calendar")
    stages, personas, topics = by_slug(BuyingStage), by_slug(Persona), by_slug(Topic)
    owner = get_user_model().objects.filter(username="editor").first()
    today = timezone.localdate()
    for item in items:  # an entry retitled since an earlier load keeps its row
        if "formerly" in item:
            # As any change of title: calendar apps subscribed to the feed are told (SEQUENCE).
            CalendarEntry.objects.filter(title=item["formerly"]).update(
                title=item["title"],
                updated_at=timezone.now(),
                sequence=F("sequence") + 1,
                version=F("version") + 1,
            )
    existing = set(CalendarEntry.objects.values_list("title", flat=True))
    new = [item for item in items if item["title"] not in existing]
    for item in new:
        publish_at = None
        if item["in_days"] is not None:
            publish_at = at_nine(working_day(today + datetime.timedelta(days=item["in_days"])))
        entry = CalendarEntry.objects.create(
            title=item["title"],
            brief=item["brief"],
            stage=stages[item["stage"]],
            format=item["format"],
            length=item["length"],
            owner=owner,
            publish_at=publish_at,
            # A repeating entry has no one draft or review: its deadlines are left out.
            draft_due=deadline(publish_at, 10) if not item.get("repeat") else None,
            review_due=deadline(publish_at, 4) if not item.get("repeat") else None,
            is_open_slot=item.get("open_slot", False),
            status=Status.objects.get(slug="planned" if publish_at else "idea"),
            # The kinds of work beyond asset pages: a weekly event, a webinar, a social post.
            entry_type=EntryType.objects.filter(slug=item.get("type", "")).first(),
            start_time=datetime.time.fromisoformat(item["start_time"])
            if item.get("start_time")
            else None,
            registration_url=item.get("registration_url", ""),
            network=item.get("network", ""),
            post_text=item.get("post_text", ""),
            repeat=item.get("repeat", ""),
        )
        entry.personas.set(personas[slug] for slug in item["personas"])
        entry.topics.set(topics[slug] for slug in item["topics"])
    for item in items:
        if "skip_week_of" in item:
            skip_week_of(CalendarEntry.objects.get(title=item["title"]), item["skip_week_of"])
    return f"Calendar: {len(items)} entries ({len(new)} new)"


def skip_week_of(entry, month_day):
    """Skip the series' occurrence in the first week (Monday to Sunday) holding ``month_day``
    ("12-25") since the series began, once: a rerun finds it skipped and changes nothing."""
    month, day = (int(part) for part in month_day.split("-"))
    start = timezone.localtime(entry.publish_at).date()
    for year in (start.year, start.year + 1):
        marked = datetime.date(year, month, day)
        monday = marked - datetime.timedelta(days=marked.weekday())
        if monday + datetime.timedelta(days=6) >= start:
            break
    skipped = entry.occurrence_changes.filter(
        skipped=True, original_date__range=(monday, monday + datetime.timedelta(days=6))
    )
    if skipped.exists():
        return
    for occurrence in recurrence.occurrences(entry, monday, monday + datetime.timedelta(days=7)):
        entry.skip_occurrence(occurrence.original)


def load_sales():
    """The salesperson's field notes and asset reports, and leads with reading histories.

    Needs the demo "sales" user (seed_demo --users); without it, nothing is made.
    """
    data = read("sales")
    seller = get_user_model().objects.filter(username="sales").first()
    if seller is None:
        return "Sales: skipped (no 'sales' user; add --users)"
    assets = demo_assets()
    for item in data["field_notes"]:
        note, created = FieldNote.objects.get_or_create(
            text=item["text"], defaults={"author": seller}
        )
        if created:
            note.topics.set(Topic.objects.filter(slug__in=item["topics"]))
    for item in data["asset_feedback"]:
        AssetFeedback.objects.get_or_create(
            asset=assets[item["asset"]],
            author=seller,
            note=item["note"],
            defaults={"helped": item["helped"]},
        )
    for item in data["leads"]:
        if not Lead.objects.filter(email=item["email"]).exists():
            create_lead(item, seller, assets)
        if item.get("accepted"):  # one lead already taken, so the inbox shows both kinds
            for lead in Lead.objects.filter(email=item["email"], state=LeadState.SALES_READY):
                lead.accept(seller)
    notes, reports, leads = data["field_notes"], data["asset_feedback"], data["leads"]
    return f"Sales: {len(notes)} field notes, {len(reports)} asset reports, {len(leads)} leads"


def create_lead(item, seller, assets):
    """A subscribed reader whose readings, oldest first, are scored as the beacon scores them."""
    rules = ProfilingSettings.load()
    now = timezone.now()
    lead = Lead.objects.create(name=item["name"], email=item["email"], first_touch_at=now)
    visitor_id = uuid.uuid5(uuid.NAMESPACE_URL, f"masthead-demo:{item['email']}")
    VisitorProfile.objects.create(visitor_id=visitor_id, lead=lead, last_seen_at=now)
    for reading in sorted(item["readings"], key=lambda reading: -reading["days_ago"]):
        asset = assets[reading["asset"]]
        extra = (
            {"sections_seen": 3, "sections_total": 3} if reading["kind"] == EventKind.READ else {}
        )
        if reading["shared"]:
            extra["share_code"] = ShareLink.for_owner(asset, seller).code
        scoring.record(
            scoring.Reading(str(visitor_id), reading["kind"], asset.pk, **extra),
            rules,
            now=now - datetime.timedelta(days=reading["days_ago"], hours=2),
        )
    Lead.objects.filter(pk=lead.pk).update(first_touch_at=now - datetime.timedelta(days=30))


def load_organisations():
    """Two buying groups whose people subscribed and read: one Sales already talk to, with a second
    person ready there, and one that reads research. Calendar entries name the segments they serve.

    Needs the demo "sales" user (seed_demo --users); without it, nothing is made.
    """
    data = read("organisations")
    seller = get_user_model().objects.filter(username="sales").first()
    if seller is None:
        return "Organisations: skipped (no 'sales' user; add --users)"
    assets = demo_assets()
    for item in data["organisations"]:
        organisation = Organisation.objects.filter(domains__domain=item["domains"][0]).first()
        if organisation is None:
            organisation = Organisation.objects.create(name=item["name"])
        for domain in item["domains"]:
            OrganisationDomain.objects.get_or_create(
                domain=domain, defaults={"organisation": organisation}
            )
        organisation.segments.set(Segment.objects.filter(slug__in=item["segments"]))
        for person in item["people"]:
            if not Lead.objects.filter(email=person["email"]).exists():
                readings = [{**reading, "shared": False} for reading in person["readings"]]
                create_lead({**person, "readings": readings}, seller, assets)
                lead = Lead.objects.get(email=person["email"])
                Subscription.objects.create(
                    lead=lead,
                    consent_text="E-mail me new pieces on the topics I chose.",
                    consented_at=lead.created_at,
                    confirmed_at=lead.created_at,
                )
            if person.get("accepted"):
                for lead in Lead.objects.filter(email=person["email"], state=LeadState.SALES_READY):
                    lead.accept(seller)
        organisation.reconsider()  # its people were grouped as they subscribed, after they read
    for title, slugs in data["calendar_segments"].items():
        for entry in CalendarEntry.objects.filter(title=title):
            entry.segments.set(Segment.objects.filter(slug__in=slugs))
    return f"Organisations: {len(data['organisations'])} buying groups"


def load_reader_feedback():
    """A reader survey with some answers, and "Was this useful?" votes on a few assets."""
    from buyingstages.audience.models import AssetVote, ReaderSurvey, SurveyAnswer
    from buyingstages.audience.stats import refresh_asset_stats

    survey_data, votes = read("feedback")["survey"], read("feedback")["useful_votes"]
    if not ReaderSurvey.objects.filter(question=survey_data["question"]).exists():
        choices = survey_data["choices"]
        survey = ReaderSurvey.objects.create(
            question=survey_data["question"], choices="\n".join(c["text"] for c in choices)
        )
        survey.pages.set(AssetPage.objects.filter(slug__in=survey_data["pages"]))
        SurveyAnswer.objects.bulk_create(
            SurveyAnswer(survey=survey, choice=number, voter=uuid.uuid4())
            for number, choice in enumerate(choices)
            for _ in range(choice["answers"])
        )
    for item in votes:
        asset = AssetPage.objects.filter(slug=item["asset"]).first()
        if asset is None or AssetVote.objects.filter(asset=asset).exists():
            continue
        AssetVote.objects.bulk_create(
            AssetVote(asset=asset, voter=uuid.uuid4(), useful=useful)
            for useful, count in ((True, item["yes"]), (False, item["no"]))
            for _ in range(count)
        )
    refresh_asset_stats()
    return f"Reader feedback: 1 survey, votes on {len(votes)} assets"


def load_campaigns():
    """Campaigns grouping some planned entries and assets, and readers who arrived through their
    links (scored as the beacon scores them), so the campaign report has something to show.

    A campaign already there is left as it is, arrivals included. Run after load_sales (its leads).
    """
    items = read("campaigns")
    stages, personas, assets = by_slug(BuyingStage), by_slug(Persona), demo_assets()
    today, now, rules = timezone.localdate(), timezone.now(), ProfilingSettings.load()
    new = [item for item in items if not Campaign.objects.filter(slug=item["slug"]).exists()]
    for item in new:
        with transaction.atomic():
            campaign = Campaign.objects.create(
                slug=item["slug"],
                name=item["name"],
                goal=item["goal"],
                colour=item["colour"],
                starts_on=today + datetime.timedelta(days=item["starts_in_days"]),
                ends_on=today + datetime.timedelta(days=item["ends_in_days"]),
            )
            campaign.stages.set(stages[slug] for slug in item["stages"])
            campaign.personas.set(personas[slug] for slug in item["personas"])
            CalendarEntry.objects.filter(title__in=item["entries"], campaign=None).update(
                campaign=campaign
            )
            for slug in item["assets"]:
                asset = assets[slug]
                asset.campaigns.add(campaign)
                asset.save_revision().publish()
            for arrival in campaign_arrivals(item, assets):
                scoring.record(
                    scoring.Reading(**arrival["reading"], campaign_id=campaign.pk),
                    rules,
                    now=now - datetime.timedelta(days=arrival["days_ago"], hours=1),
                )
            for subscriber in item.get("subscribers", []):
                subscribe_arrival(item, subscriber, now)
    return f"Campaigns: {len(items)} ({len(new)} new)"


def subscribe_arrival(item, subscriber, now):
    """A reader who came by the campaign's link and subscribed an hour later, so the report shows
    a subscription the campaign brought."""
    if Lead.objects.filter(email=subscriber["email"]).exists():
        return
    visitor = uuid.uuid5(uuid.NAMESPACE_URL, f"masthead-demo:{item['slug']}:{subscriber['reader']}")
    profile = VisitorProfile.objects.get(visitor_id=visitor)
    subscribed_at = now - datetime.timedelta(days=subscriber["days_ago"])
    lead = Lead.objects.create(
        name=subscriber["name"],
        email=subscriber["email"],
        first_touch_at=subscribed_at - datetime.timedelta(hours=1),
    )
    profile.lead = lead
    profile.save(update_fields=["lead"])
    subscription = Subscription.objects.create(
        lead=lead,
        consent_text="E-mail me new pieces on the topics I chose.",
        consented_at=subscribed_at,
        confirmed_at=subscribed_at,
    )
    subscription.topics.set(Topic.objects.filter(slug__in=subscriber["topics"]))


def campaign_arrivals(item, assets):
    """The readings of readers who came by a campaign: anonymous readers (some reading to the end)
    and the demo leads the campaign reached."""
    for arrival in item["arrivals"]:
        asset = assets[arrival["asset"]]
        for number in range(arrival["readers"]):
            visitor = str(uuid.uuid5(uuid.NAMESPACE_URL, f"masthead-demo:{item['slug']}:{number}"))
            yield {
                "reading": {"visitor_id": visitor, "kind": EventKind.VIEW, "asset_id": asset.pk},
                "days_ago": arrival["days_ago"],
            }
            if number < arrival["read_through"]:
                yield {
                    "reading": {
                        "visitor_id": visitor,
                        "kind": EventKind.READ,
                        "asset_id": asset.pk,
                        "sections_seen": 3,
                        "sections_total": 3,
                    },
                    "days_ago": arrival["days_ago"],
                }
    for lead in item["leads"]:
        visitor = str(uuid.uuid5(uuid.NAMESPACE_URL, f"masthead-demo:{lead['email']}"))
        if not VisitorProfile.objects.filter(visitor_id=visitor).exists():
            continue  # the lead was not loaded (no sales user)
        yield {
            "reading": {
                "visitor_id": visitor,
                "kind": EventKind.VIEW,
                "asset_id": assets[lead["asset"]].pk,
            },
            "days_ago": lead["days_ago"],
        }
