import re

import pytest
import wagtail_factories
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from buyingstages.library.formats import AssetFormat
from buyingstages.library.models import AssetDownload, AssetPage
from tests.factories import AssetPageFactory, PersonaFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def journey(library, stages):
    """A topic covered at Epiphany and Awareness, and an unrelated asset."""
    topic = TopicFactory(name="Plant data integration", slug="plant-data-integration")
    cio = PersonaFactory(name="Transformational Leader", slug="transformational-leader")
    first = AssetPageFactory(
        parent=library,
        title="The cost of untrusted numbers",
        stage=stages[0],
        personas=[cio],
        topics=[topic],
    )
    second = AssetPageFactory(
        parent=library, title="How peers connect plant data", stage=stages[1], topics=[topic]
    )
    other = AssetPageFactory(parent=library, title="Unrelated piece", stage=stages[1])
    return {"topic": topic, "persona": cio, "first": first, "second": second, "other": other}


def test_asset_page_shows_stage_personas_topics_and_next_step(client, journey):
    response = client.get(journey["first"].url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "What do we ask at Epiphany?" in html
    assert 'href="/library/stage/epiphany/"' in html
    assert "Transformational Leader" in html
    assert 'href="/library/topic/plant-data-integration/"' in html
    next_step = html.split('id="next-steps-heading"', 1)[1]
    assert "Your next step: Awareness" in next_step
    assert journey["second"].title in next_step
    assert journey["other"].title not in next_step


def test_assets_and_their_downloads_are_never_gated(client, journey):
    document = get_document_model()(title="The full report")
    document.file.save("report.pdf", ContentFile(b"%PDF-1.4 report"), save=True)
    asset = journey["first"]
    AssetDownload.objects.create(page=asset, document=document, label="The full report (PDF)")

    html = client.get(asset.url).content.decode()
    forms = re.findall(r"<form[^>]*>", html)
    assert all('role="search"' in form for form in forms), forms
    assert "The full report (PDF)" in html

    download = client.get(document.url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 report"


def test_a_draft_shows_its_own_personas_topics_and_downloads(client, editor_client, journey):
    """The live page reads them from the database; an editor's view of the draft shows the draft's."""
    asset = journey["first"]
    document = get_document_model()(title="Draft appendix")
    document.file.save("appendix.pdf", ContentFile(b"%PDF-1.4 appendix"), save=True)
    draft = AssetPage.objects.get(pk=asset.pk)
    draft.personas = [PersonaFactory(name="Plant Manager")]
    draft.topics.set([TopicFactory(name="Predictive maintenance")])
    draft.downloads = [AssetDownload(document=document, label="Draft appendix (PDF)")]
    draft.save_revision()

    preview = editor_client.get(f"/admin/pages/{asset.pk}/view_draft/").content.decode()
    live = client.get(asset.url).content.decode()

    assert "Plant Manager" in preview and "Transformational Leader" not in preview
    assert "Predictive maintenance" in preview
    assert "Draft appendix (PDF)" in preview
    assert "Transformational Leader" in live and "Plant Manager" not in live
    assert "Plant data integration" in live and "Predictive maintenance" not in live
    assert "Draft appendix" not in live


def test_hero_and_card_images_are_rendered_once_and_reused(client, journey, settings):
    settings.MASTHEAD_PAGE_CACHE_SECONDS = 0
    first, second = journey["first"], journey["second"]
    first.hero_image = wagtail_factories.ImageFactory(title="Hero")
    first.save_revision().publish()
    second.hero_image = wagtail_factories.ImageFactory(title="Card")
    second.save_revision().publish()
    rendition_model = get_image_model().get_rendition_model()

    client.get(first.url)  # the first view makes all three renditions
    assert set(rendition_model.objects.values_list("filter_spec", flat=True)) == {
        "fill-1200x480",  # the hero
        "fill-640x336",  # the next step's card
        "fill-1200x630",  # the picture a shared link shows
    }
    html = client.get(first.url).content.decode()
    hero = html.split('class="asset__hero', 1)[1].split("</figure>", 1)[0]
    assert re.search(r'<img alt="" [^>]*src="/media/images/[^"]+\.fill-1200x480\.\w+"', hero)
    card = html.split('id="next-steps-heading"', 1)[1]
    assert re.search(
        r'<img alt="" class="card__image" [^>]*src="/media/images/[^"]+\.fill-640x336\.', card
    )
    assert rendition_model.objects.count() == 3


def test_case_study_renders_outcome_first(client, library, stages):
    from tests.library.test_models import CASE_STUDY

    study = AssetPageFactory(
        parent=library, stage=stages[3], format=AssetFormat.CASE_STUDY, body=[CASE_STUDY]
    )
    html = client.get(study.url).content.decode()
    order = [
        html.index(marker) for marker in ("The outcome", "Before", "After:", "Closing the loop")
    ]
    assert order == sorted(order)
    assert "31%" in html and "We argue about decisions now, not data." in html


def test_draft_assets_are_not_public(client, journey):
    draft = journey["second"]
    draft.unpublish()
    assert client.get("/library/how-peers-connect-plant-data/").status_code == 404
    hub = client.get("/library/topic/plant-data-integration/").content.decode()
    assert draft.title not in hub


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("stage=epiphany", {"The cost of untrusted numbers"}),
        ("stage=awareness", {"How peers connect plant data", "Unrelated piece"}),
        ("persona=transformational-leader", {"The cost of untrusted numbers"}),
        (
            "topic=plant-data-integration",
            {"The cost of untrusted numbers", "How peers connect plant data"},
        ),
        ("topic=plant-data-integration&stage=awareness", {"How peers connect plant data"}),
        ("format=case_study", set()),
    ],
)
def test_library_filters(client, journey, query, expected):
    response = client.get(f"/library/?{query}")
    titles = {asset.title for asset in response.context["assets"]}
    assert response.status_code == 200
    assert titles == expected


def test_library_explains_an_unknown_filter_value(client, journey):
    response = client.get("/library/?stage=nonsense&page=999")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_stage_hub_lists_only_that_stage(client, journey):
    response = client.get("/library/stage/awareness/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "What do we ask at Awareness?" in html
    assert journey["second"].title in html and journey["other"].title in html
    assert journey["first"].title not in html
    assert 'href="/library/stage/interest/"' in html


def test_topic_hub_walks_the_journey_in_stage_order(client, journey):
    html = client.get("/library/topic/plant-data-integration/").content.decode()
    assert html.index(journey["first"].title) < html.index(journey["second"].title)
    assert journey["other"].title not in html
    assert 'type="application/rss+xml"' in html


@pytest.mark.parametrize(
    "url", ["/library/stage/nope/", "/library/topic/nope/", "/library/topic/nope/feed/rss/"]
)
def test_unknown_hubs_are_404(client, journey, url):
    assert client.get(url).status_code == 404


def test_home_page_shows_the_journey_and_topics(client, journey):
    html = client.get("/").content.decode()
    assert 'href="/library/stage/epiphany/"' in html
    assert 'href="/library/topic/plant-data-integration/"' in html
    assert journey["second"].title in html


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


# Wagtail finds the site (1), walks the tree to the asset (5) and checks view restrictions (2); the
# site's branding and reading rules (2). The page's main content and the site's frame come from
# fragments kept until what they show changes (cms/caching/fragments.py).
ASSET_PAGE_QUERY_BUDGET = 10


def test_asset_page_query_count_is_small_and_constant(client, library, stages, settings):
    """The same budget with 10 and with 50 assets that all compete for "next step"."""
    settings.MASTHEAD_PAGE_CACHE_SECONDS = 0  # the rendering itself, not the page cache
    topic = TopicFactory()
    persona = PersonaFactory()
    image = wagtail_factories.ImageFactory()
    asset = AssetPageFactory(
        parent=library, stage=stages[0], personas=[persona], topics=[topic], hero_image=image
    )
    for number in range(9):
        AssetPageFactory(
            parent=library, stage=stages[1 + number % 3], topics=[topic], hero_image=image
        )
    client.get(asset.url)  # warm the site-root and rendition caches
    with_10 = count_queries(client, asset.url)
    cache.clear()  # and the first rendering, before its fragments are kept
    cold_10 = count_queries(client, asset.url)

    for number in range(40):
        page = AssetPage(
            title=f"Bulk {number}",
            slug=f"bulk-{number}",
            format=AssetFormat.ARTICLE,
            summary="Bulk.",
            stage=stages[1 + number % 6],
            hero_image=image,
        )
        library.add_child(instance=page)
        page.topics.add(topic)
        page.save()
    assert AssetPage.objects.count() == 50
    client.get(asset.url)  # content changed: the site's frame is read again, once
    with_50 = count_queries(client, asset.url)
    cache.clear()
    cold_50 = count_queries(client, asset.url)

    print(f"asset page: {with_10} queries with 10 assets, {with_50} with 50")  # noqa: T201
    assert with_10 == with_50
    assert cold_10 == cold_50
    assert with_50 <= ASSET_PAGE_QUERY_BUDGET


def test_home_and_hub_counts_leave_out_drafts(client, journey):
    journey["second"].unpublish()
    response = client.get("/")
    stages = {stage.slug: stage.asset_count for stage in response.context["stages"]}
    topics = {topic.slug: topic.asset_count for topic in response.context["topics"]}
    assert stages["awareness"] == 1  # "Unrelated piece" only
    assert topics["plant-data-integration"] == 1
    hub = client.get("/library/stage/awareness/")
    assert list(hub.context["topics"]) == []
