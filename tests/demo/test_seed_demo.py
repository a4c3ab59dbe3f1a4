import collections
import datetime
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from PIL import Image
from taggit.models import TaggedItem
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from buyingstages.audience.models import (
    AssetVote,
    ContentEvent,
    Lead,
    LeadState,
    Organisation,
    ProfileCampaignTouch,
    SurveyAnswer,
)
from buyingstages.library.formats import AssetFormat
from buyingstages.library.models import AssetDownload, AssetPage, AssetTopic
from buyingstages.sales.models import AssetFeedback, FieldNote
from buyingstages.taxonomy.models import BuyingStage, Campaign, Persona, Segment, Topic
from cms.demo import artwork, loading
from cms.home.models import HomePage
from publishing.calendar import recurrence
from publishing.calendar.models import CalendarEntry, EntryOccurrence
from publishing.messaging.models import Message, SalesDeck
from tests.factories import CalendarEntryFactory

COUNTED = [
    Page, AssetPage, Revision, BuyingStage, Persona, Segment, Topic, AssetTopic, TaggedItem,
    AssetDownload, get_image_model(), get_document_model(), get_user_model(), Site, CalendarEntry,
    Message, SalesDeck, FieldNote, AssetFeedback, Lead, ContentEvent, SurveyAnswer, AssetVote,
    Campaign, ProfileCampaignTouch, EntryOccurrence,
]  # fmt: skip


def counts():
    return {model.__name__: model.objects.count() for model in COUNTED}


def seed(*args):
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_every_data_file_parses_and_its_references_resolve():
    """Without a database: each slug a data file names is defined in the file it points to."""
    assert sorted(path.stem for path in loading.DATA_DIR.glob("*.json")) == sorted(
        [
            "assets",
            "calendar",
            "campaigns",
            "decks",
            "feedback",
            "messages",
            "organisations",
            "sales",
            "site",
            "taxonomy",
            "users",
        ]
    )
    for path in loading.DATA_DIR.glob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))
    taxonomy = {
        key: {item["slug"] for item in items} for key, items in loading.read("taxonomy").items()
    }
    assets = loading.read("assets")
    slugs = {item["slug"] for item in assets}
    assert len(slugs) == len(assets)
    for item in [*assets, *loading.read("calendar")]:
        assert item["stage"] in taxonomy["stages"]
        assert set(item["personas"]) <= taxonomy["personas"]
        assert set(item.get("segments", [])) <= taxonomy["segments"]
        assert set(item["topics"]) <= taxonomy["topics"]
    assert {item["format"] for item in assets} == set(AssetFormat.values)
    messages = {item["name"] for item in loading.read("messages")}
    assert loading.read("site")["story"] in messages
    assert set(loading.read("site")["featured"]) <= slugs
    for deck in loading.read("decks"):
        for slide in deck["slides"]:
            assert slide.get("message", next(iter(messages))) in messages
            assert slide.get("asset", next(iter(slugs))) in slugs
    sales, feedback = loading.read("sales"), loading.read("feedback")
    groups = loading.read("organisations")
    for group in groups["organisations"]:
        assert set(group["segments"]) <= taxonomy["segments"]
    calendar_titles = {item["title"] for item in loading.read("calendar")}
    for title, segments in groups["calendar_segments"].items():
        assert title in calendar_titles and set(segments) <= taxonomy["segments"]
    named = [
        *(
            reading["asset"]
            for group in groups["organisations"]
            for person in group["people"]
            for reading in person["readings"]
        ),
        *(item["asset"] for item in sales["asset_feedback"]),
        *(reading["asset"] for lead in sales["leads"] for reading in lead["readings"]),
        *feedback["survey"]["pages"],
        *(item["asset"] for item in feedback["useful_votes"]),
    ]
    assert set(named) <= slugs
    entries = {item["title"] for item in loading.read("calendar")}
    emails = {lead["email"] for lead in sales["leads"]}
    for campaign in loading.read("campaigns"):
        assert set(campaign["stages"]) <= taxonomy["stages"]
        assert set(campaign["personas"]) <= taxonomy["personas"]
        assert set(campaign["entries"]) <= entries
        assert set(campaign["assets"]) <= slugs
        assert {arrival["asset"] for arrival in campaign["arrivals"]} <= slugs
        assert {lead["asset"] for lead in campaign["leads"]} <= slugs
        assert {lead["email"] for lead in campaign["leads"]} <= emails
        for subscriber in campaign.get("subscribers", []):
            assert set(subscriber["topics"]) <= taxonomy["topics"]
            assert subscriber["reader"] < max(
                arrival["readers"] for arrival in campaign["arrivals"]
            )


@pytest.mark.django_db
@pytest.mark.usefixtures("fast_demo_files")
def test_the_energy_baseline_webinar_offers_the_slides_it_promises(client):
    """Its page promised slides "linked beneath the video" and had neither: now the slides are its
    PDF, and the text promises no video the page does not show."""
    loading.load_taxonomy()
    loading.load_site()
    loading.load_assets()
    page = AssetPage.objects.get(slug="energy-baseline-auditors-will-accept")
    html = client.get(page.url).content.decode()
    assert (
        "slides, with a one-page baseline documentation template, are the PDF to download" in html
    )
    (download,) = page.download_list
    assert "the slides" in str(download)
    assert str(download) in html and download.document.url in html
    assert "beneath the video" not in html and "recording is free to watch" not in html.lower()


def test_hero_images_are_drawn_the_same_each_time_and_differ_by_slug():
    first = artwork.hero_image(2, "an-asset")
    assert first == artwork.hero_image(2, "an-asset")
    assert first != artwork.hero_image(2, "another-asset")
    assert Image.open(io.BytesIO(first)).size == (1200, 630)


@pytest.mark.django_db
@pytest.mark.usefixtures("fast_demo_files")
def test_seed_demo_twice_leaves_identical_counts():
    output = seed("--users")
    first = counts()
    again = seed("--users")
    assert counts() == first
    assert "Assets: 45 (45 new)" in output and "Assets: 45 (0 new)" in again
    assert "Users: editor, sales, admin (0 new)" in again
    assert "Calendar: 21 entries (0 new)" in again
    # The calendar shows more than asset pages: a weekly series, a webinar and a social post.
    from publishing.calendar.models import CalendarEntry

    assert CalendarEntry.objects.filter(repeat="weekly", entry_type__slug="event").exists()
    webinar = CalendarEntry.objects.get(entry_type__slug="webinar")
    post = CalendarEntry.objects.get(entry_type__slug="social-post")
    assert webinar.start_time and webinar.registration_url and not webinar.type_problems()
    assert post.network == "linkedin" and post.post_text and not post.type_problems()


@pytest.mark.django_db
@pytest.mark.usefixtures("fast_demo_files")
def test_demo_content_is_what_the_data_files_hold():
    seed("--users")
    data = loading.read("assets")
    assets = AssetPage.objects.live()
    assert sorted(assets.values_list("slug", flat=True)) == sorted(item["slug"] for item in data)
    per_format = collections.Counter(assets.values_list("format", flat=True))
    assert per_format == collections.Counter(item["format"] for item in data)
    assert set(per_format) == set(AssetFormat.values)
    taxonomy = loading.read("taxonomy")
    assert BuyingStage.objects.count() == len(taxonomy["stages"]) == 7
    assert Persona.objects.count() == len(taxonomy["personas"])
    assert Segment.objects.count() == len(taxonomy["segments"])
    assert Topic.objects.count() == len(taxonomy["topics"]) == 8
    assert not BuyingStage.objects.filter(assets__isnull=True).exists()
    assert not Persona.objects.filter(assets__isnull=True).exists()
    assert AssetDownload.objects.count() == sum(1 for item in data if item.get("download"))
    assert all(asset.hero_image_id for asset in assets)
    weights = {item["slug"]: item["signal_weight"] for item in data if "signal_weight" in item}
    assert dict(assets.filter(signal_weight__gt=0).values_list("slug", "signal_weight")) == weights

    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    featured = home.featured_assets.order_by("sort_order").values_list("asset__slug", flat=True)
    assert list(featured) == loading.read("site")["featured"]
    assert home.story[0].value["message"].name == loading.read("site")["story"]
    assert Message.objects.count() == len(loading.read("messages"))
    assert SalesDeck.objects.count() == len(loading.read("decks"))
    assert CalendarEntry.objects.count() == len(loading.read("calendar"))
    assert CalendarEntry.objects.backlog().exists() and CalendarEntry.objects.open_slots().exists()
    groups = loading.read("organisations")["organisations"]
    subscribers = [
        person for item in loading.read("campaigns") for person in item.get("subscribers", [])
    ]
    assert Lead.objects.count() == len(loading.read("sales")["leads"]) + sum(
        len(item["people"]) for item in groups
    ) + len(subscribers)
    # One buying group Sales already talk to, with a second person ready there and not in the inbox.
    ashby = Organisation.objects.get(name="Ashby Drives")
    assert ashby.domains.count() == 2 and ashby.in_conversation_with.username == "sales"
    assert ashby.people.filter(state=LeadState.SALES_READY, shown_on_organisation=True).exists()
    assert CalendarEntry.objects.filter(segments__isnull=False).exists()
    assert SurveyAnswer.objects.count() == sum(
        choice["answers"] for choice in loading.read("feedback")["survey"]["choices"]
    )


@pytest.mark.django_db
@pytest.mark.usefixtures("fast_demo_files")
def test_demo_downloads_are_real_pdfs_anyone_can_fetch(client):
    seed()
    download = AssetDownload.objects.select_related("document").first()
    response = client.get(download.document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
@pytest.mark.usefixtures("fast_demo_files")
def test_seed_demo_prints_a_line_per_step_and_logins_only_when_asked():
    output = seed()
    assert "masthead-editor" not in output
    assert not get_user_model().objects.exists()
    assert "." * 3 not in output
    assert output.splitlines()[0] == "Taxonomy: 7 stages, 6 personas, 8 segments, 8 topics"
    assert "Sales: skipped" in output
    assert seed("--verbosity", "0") == ""
    output = seed("--users")
    assert "editor" in output and "masthead-sales" in output
    assert output.splitlines()[-4] == "Demo logins (http://testserver/admin/):"
    editor = get_user_model().objects.get(username="editor")
    assert editor.check_password("masthead-editor")
    assert list(editor.groups.values_list("name", flat=True)) == ["Editors"]


@pytest.mark.django_db
@pytest.mark.usefixtures("fast_demo_files")
def test_scale_and_events_top_up_benchmark_volumes_idempotently():
    # The demo's campaign arrivals are reading events too: the benchmark tops up to the total.
    output = seed("--scale", "5", "--events", "200")
    demo_events = ContentEvent.objects.filter(profile__campaign_touches__isnull=False).count()
    assert "Benchmark assets: 5 (5 new)" in output
    assert f"Reading events: 200 ({200 - demo_events} new)" in output
    total = AssetPage.objects.count()
    again = seed("--scale", "5", "--events", "200")
    assert "Reading events: 200 (0 new)" in again
    assert AssetPage.objects.count() == total
    assert AssetPage.objects.filter(slug__startswith="scale-").count() == 5
    assert not AssetPage.objects.filter(slug__startswith="scale-", signal_weight__gt=0).exists()
    assert ContentEvent.objects.count() == 200


@pytest.mark.django_db
def test_the_demo_campaigns_group_work_and_fill_the_campaign_report():
    from publishing.insight.attribution import campaign_results

    seed("--users")
    results = {result.campaign.slug: result for result in campaign_results()}
    assert set(results) == {"resilience-spring", "plan-launch"}
    spring = results["resilience-spring"]
    # 14 readers (8 of them came back by its second link) and Priya, who read to the end after.
    assert (spring.readers, spring.read_through) == (15, 7)
    assert spring.sales_ready_any >= 1  # Priya, reached before she became sales-ready
    # Marta came by the launch's link and subscribed: the report shows what the campaign brought.
    assert (results["plan-launch"].subscribed_first, results["plan-launch"].subscribed_any) == (
        1,
        1,
    )
    assert CalendarEntry.objects.filter(campaign__slug="plan-launch").count() == 2
    assert AssetPage.objects.filter(campaigns__slug="resilience-spring").count() == 2


def load_calendar():
    """The demo calendar (and the taxonomy it names), without the rest of the demo."""
    loading.load_taxonomy()
    loading.load_calendar()


@pytest.mark.django_db
def test_the_weekly_office_hours_really_skip_the_week_of_25_december():
    """Its brief promises the year-end freeze off; the calendar must show that week empty."""
    load_calendar()
    office_hours = CalendarEntry.objects.get(title="Office hours: plant data questions, live")
    (skip,) = EntryOccurrence.objects.filter(entry=office_hours)
    assert skip.skipped and skip.moved_to is None
    start = timezone.localtime(office_hours.publish_at).date()
    assert skip.original_date.weekday() == start.weekday() and skip.original_date >= start
    christmas = datetime.date(skip.original_date.year, 12, 25)
    monday = christmas - datetime.timedelta(days=christmas.weekday())
    assert monday <= skip.original_date < monday + datetime.timedelta(days=7)
    assert recurrence.is_occurrence(office_hours, skip.original_date)  # the series' own day
    assert recurrence.occurrences(office_hours, monday, monday + datetime.timedelta(days=7)) == []
    week_before = monday - datetime.timedelta(days=7)
    assert len(recurrence.occurrences(office_hours, week_before, monday)) == (week_before >= start)
    version = office_hours.version

    load_calendar()
    office_hours.refresh_from_db()
    assert list(EntryOccurrence.objects.filter(entry=office_hours)) == [skip]
    assert office_hours.version == version  # nothing changed, so no calendar is told of a change


@pytest.mark.django_db
@pytest.mark.parametrize("weekday", range(7))
def test_the_demo_plans_work_on_weekdays_whatever_day_it_is_loaded(weekday, monkeypatch):
    """The demo counts days from today; a day that falls on a weekend moves to the nearest weekday."""
    monday = datetime.date(2027, 3, 1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: monday + datetime.timedelta(weekday))
    load_calendar()
    planned = CalendarEntry.objects.exclude(publish_at=None)
    assert planned.exists()
    assert {timezone.localtime(entry.publish_at).weekday() for entry in planned} <= set(range(5))


@pytest.mark.parametrize(
    ("starts", "skipped"),
    [
        (datetime.date(2026, 7, 2), datetime.date(2026, 12, 24)),  # Thursday of that week
        (datetime.date(2026, 12, 26), datetime.date(2026, 12, 26)),  # its first day is in it
        (datetime.date(2026, 12, 28), datetime.date(2027, 12, 20)),  # began after: next year's
    ],
)
def test_the_demo_skips_the_first_week_of_25_december_the_series_reaches(stages, starts, skipped):
    moment = timezone.make_aware(datetime.datetime.combine(starts, datetime.time(16)))
    entry = CalendarEntryFactory(stage=stages[1], publish_at=moment, repeat="weekly")
    loading.skip_week_of(entry, "12-25")
    assert list(entry.occurrence_changes.values_list("original_date", "skipped")) == [
        (skipped, True)
    ]


@pytest.mark.django_db
def test_open_slots_are_titled_without_the_prefix_the_calendar_adds():
    """The calendar shows an open slot as "Open slot: <title>"; a title with it read twice."""
    load_calendar()
    titles = CalendarEntry.objects.open_slots().values_list("title", flat=True)
    assert sorted(titles) == ["Late-quarter news", "Reserved for the scoop"]


@pytest.mark.django_db
def test_a_slot_retitled_since_an_earlier_load_is_renamed_not_added_again():
    load_calendar()
    CalendarEntry.objects.filter(title="Reserved for the scoop").update(
        title="Open slot: reserved for the scoop"
    )
    count = CalendarEntry.objects.count()
    before = CalendarEntry.objects.get(title="Open slot: reserved for the scoop").sequence
    load_calendar()
    assert CalendarEntry.objects.count() == count
    renamed = CalendarEntry.objects.get(title="Reserved for the scoop", is_open_slot=True)
    assert renamed.sequence == before + 1  # subscribed calendar apps take the new title


def test_a_calendar_load_that_fails_part_way_leaves_no_entries(stages, monkeypatch):
    """All the demo calendar or none of it: a rerun then starts from a clean slate."""
    entry = {
        "title": "Loaded first", "brief": "", "stage": stages[0].slug, "format": "article",
        "length": "", "in_days": 3, "personas": [], "topics": [],
    }  # fmt: skip
    broken = {**entry, "title": "Breaks the load", "stage": "no-such-stage"}
    monkeypatch.setattr(loading, "read", lambda name: [entry, broken])
    with pytest.raises(KeyError):
        loading.load_calendar()
    assert not CalendarEntry.objects.exists()
