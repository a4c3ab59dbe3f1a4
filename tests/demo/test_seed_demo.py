import collections
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from PIL import Image
from taggit.models import TaggedItem
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from buyingstages.audience.models import AssetVote, ContentEvent, Lead, SurveyAnswer
from buyingstages.library.formats import AssetFormat
from buyingstages.library.models import AssetDownload, AssetPage, AssetTopic
from buyingstages.sales.models import AssetFeedback, FieldNote
from buyingstages.taxonomy.models import BuyingStage, Persona, Segment, Topic
from cms.demo import artwork, loading
from cms.home.models import HomePage
from publishing.calendar.models import CalendarEntry
from publishing.messaging.models import Message, SalesDeck

COUNTED = [
    Page, AssetPage, Revision, BuyingStage, Persona, Segment, Topic, AssetTopic, TaggedItem,
    AssetDownload, get_image_model(), get_document_model(), get_user_model(), Site, CalendarEntry,
    Message, SalesDeck, FieldNote, AssetFeedback, Lead, ContentEvent, SurveyAnswer, AssetVote,
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
            "decks",
            "feedback",
            "messages",
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
    named = [
        *(item["asset"] for item in sales["asset_feedback"]),
        *(reading["asset"] for lead in sales["leads"] for reading in lead["readings"]),
        *feedback["survey"]["pages"],
        *(item["asset"] for item in feedback["useful_votes"]),
    ]
    assert set(named) <= slugs


def test_hero_images_are_drawn_the_same_each_time_and_differ_by_slug():
    first = artwork.hero_image(2, "an-asset")
    assert first == artwork.hero_image(2, "an-asset")
    assert first != artwork.hero_image(2, "another-asset")
    assert Image.open(io.BytesIO(first)).size == (1200, 630)


@pytest.mark.django_db
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
    assert Lead.objects.count() == len(loading.read("sales")["leads"])
    assert SurveyAnswer.objects.count() == sum(
        choice["answers"] for choice in loading.read("feedback")["survey"]["choices"]
    )


@pytest.mark.django_db
def test_demo_downloads_are_real_pdfs_anyone_can_fetch(client):
    seed()
    download = AssetDownload.objects.select_related("document").first()
    response = client.get(download.document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
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
def test_scale_and_events_top_up_benchmark_volumes_idempotently():
    output = seed("--scale", "5", "--events", "40")
    assert "Benchmark assets: 5 (5 new)" in output and "Reading events: 40 (40 new)" in output
    total = AssetPage.objects.count()
    seed("--scale", "5", "--events", "40")
    assert AssetPage.objects.count() == total
    assert AssetPage.objects.filter(slug__startswith="scale-").count() == 5
    assert not AssetPage.objects.filter(slug__startswith="scale-", signal_weight__gt=0).exists()
    assert ContentEvent.objects.count() == 40
