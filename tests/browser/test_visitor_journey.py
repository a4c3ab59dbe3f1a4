"""A visitor's journey through the Keelstone demo site in a real browser.

Everything here runs against the real demo content (seed_demo), so the paths below are named by
the slugs in cms/demo/data/; titles, stage and persona names are read from the same data files.
"""

import re

import pytest
from playwright.sync_api import expect

from buyingstages.library.models import AssetPage
from buyingstages.taxonomy.models import BuyingStage
from cms.demo import loading

pytestmark = pytest.mark.browser

ASSETS = {item["slug"]: item for item in loading.read("assets")}
TAXONOMY = loading.read("taxonomy")
STAGE_NAMES = {item["slug"]: item["name"] for item in TAXONOMY["stages"]}
PERSONA_NAMES = {item["slug"]: item["name"] for item in TAXONOMY["personas"]}
TOPIC_NAMES = {item["slug"]: item["name"] for item in TAXONOMY["topics"]}

# The journey: an Awareness piece on the legacy-modernisation topic whose next step (the nearest
# later stage with an asset on the same topic) is an Interest-stage primer with a PDF download.
JOURNEY_TOPIC = "legacy-modernisation"
JOURNEY_START = "retire-wrap-or-replace-legacy-mes"
JOURNEY_NEXT = "operations-data-platform-buyers-primer"

# A word that, in the demo content, only appears in this asset's body (not its title or summary).
SEARCH_WORD = "Modbus"
SEARCH_ASSET = "connector-coverage-plant-erp-logistics"

FILTER_STAGE = "evaluation"
FILTER_TOPIC = "data-governance-security"


def follow(page, locator):
    """Click a link or button that navigates, and check the new page loaded without error."""
    with page.expect_navigation() as navigation:
        locator.click()
    response = navigation.value
    assert response is not None and response.ok, (
        f"{page.url} answered {response and response.status}"
    )
    return response


def assert_ungated(page):
    """No sign-up or login on the way: no email or password fields, no form but site search."""
    assert page.locator("form[role=search]").count() >= 1, f"{page.url} has no site search form"
    assert page.locator("input[type=email]").count() == 0, f"{page.url} asks for an email address"
    assert page.locator("input[type=password]").count() == 0, f"{page.url} asks for a password"
    other_forms = page.locator("form:not([role=search])")
    assert other_forms.count() == 0, (
        f"{page.url} has a form other than search: {other_forms.first.evaluate('f => f.outerHTML')}"
    )
    assert not re.search(r"/(admin|login|accounts|signup|register)\b", page.url), page.url


def fact(page, term):
    """The <dd> for a term in the asset page's facts list."""
    row = page.locator(".asset__facts > div").filter(
        has=page.locator("dt", has_text=re.compile(rf"^\s*{re.escape(term)}\s*$"))
    )
    expect(row).to_have_count(1)
    return row.locator("dd")


def badge_texts(locator):
    """Badge text as written (inner_text would give the CSS upper-cased form)."""
    return [" ".join(text.split()) for text in locator.all_text_contents()]


def shown_stage(page):
    """The BuyingStage the current asset page says it is for."""
    [name] = badge_texts(fact(page, "Buying stage").locator(".badge--stage"))
    return BuyingStage.objects.get(name=name)


def test_visitor_reads_from_topic_to_next_stage_and_downloads_a_pdf(page, demo_site):
    start, nxt = ASSETS[JOURNEY_START], ASSETS[JOURNEY_NEXT]
    topic_name = TOPIC_NAMES[JOURNEY_TOPIC]
    assert JOURNEY_TOPIC in start["topics"] and JOURNEY_TOPIC in nxt["topics"]
    assert nxt.get("download"), "the journey should end on an asset with a download"

    # Home page: pick a topic.
    response = page.goto(demo_site + "/")
    assert response.ok
    assert_ungated(page)
    topics = page.get_by_role("region", name="Topics")
    follow(page, topics.get_by_role("link", name=topic_name, exact=True))

    # Topic hub: the assets on that topic, grouped by stage.
    assert page.url.endswith(f"/library/topic/{JOURNEY_TOPIC}/"), page.url
    expect(page.locator("h1")).to_have_text(topic_name)
    assert_ungated(page)
    card = page.locator(".card").filter(
        has=page.get_by_role("link", name=start["title"], exact=True)
    )
    assert badge_texts(card.locator(".badge--stage")) == [STAGE_NAMES[start["stage"]]]
    follow(page, card.get_by_role("link", name=start["title"], exact=True))

    # Asset page: stage, who it is written for, topics.
    expect(page.locator("h1")).to_have_text(start["title"])
    assert_ungated(page)
    expect(fact(page, "Buying stage")).to_contain_text(STAGE_NAMES[start["stage"]])
    written_for = fact(page, "Written for").locator("li").all_inner_texts()
    assert sorted(written_for) == sorted(PERSONA_NAMES[slug] for slug in start["personas"])
    shown_topics = fact(page, "Topics").locator("li").all_inner_texts()
    assert sorted(shown_topics) == sorted(TOPIC_NAMES[slug] for slug in start["topics"])
    first_stage = shown_stage(page)
    assert first_stage.slug == start["stage"]

    # "Your next step": every card is for one later stage; follow the one with a download.
    next_steps = page.get_by_role("complementary").filter(
        has=page.get_by_role("heading", name=re.compile(r"^Your next step"))
    )
    expect(next_steps).to_have_count(1)
    step_badges = badge_texts(next_steps.locator(".card .badge--stage"))
    assert step_badges, "the next-step section shows no assets"
    step_stages = {BuyingStage.objects.get(name=name) for name in step_badges}
    assert len(step_stages) == 1 and step_stages.pop().sort_order > first_stage.sort_order
    follow(page, next_steps.get_by_role("link", name=nxt["title"], exact=True))

    # The next asset is later in the journey.
    expect(page.locator("h1")).to_have_text(nxt["title"])
    assert_ungated(page)
    second_stage = shown_stage(page)
    assert second_stage.sort_order > first_stage.sort_order, (first_stage, second_stage)

    # Download the PDF: no form, no login, straight to the file.
    downloads = page.get_by_role("region", name="Download")
    expect(downloads.get_by_role("heading", name="Download")).to_be_visible()
    link = downloads.get_by_role("link").first
    expect(link).to_contain_text(nxt["download"]["title"])
    asset_url = page.url
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.failure() is None
    assert download.suggested_filename.endswith(".pdf"), download.suggested_filename
    with open(download.path(), "rb") as file:
        data = file.read()
    assert data.startswith(b"%PDF"), data[:20]
    assert page.url == asset_url
    assert_ungated(page)


def test_skip_link_and_landmarks_on_home_page(page, demo_site):
    assert page.goto(demo_site + "/").ok

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_have_attribute("href", "#main")
    expect(skip).to_be_in_viewport()  # hidden off-screen until focused, then shown

    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    assert page.url.endswith("#main")

    expect(page.locator("h1")).to_have_count(1)
    expect(page.get_by_role("main")).to_have_count(1)
    expect(page.locator("main#main")).to_have_count(1)
    expect(page.locator("nav[aria-label=Main]")).to_have_count(1)
    expect(page.locator("footer")).to_have_count(1)

    images = page.locator("img")
    assert images.count() > 0, "the seeded home page should show asset images"
    without_alt = page.locator("img:not([alt])")
    assert without_alt.count() == 0, without_alt.evaluate_all("els => els.map(e => e.outerHTML)")


def test_library_filters_by_stage_and_topic_then_clears(page, demo_site):
    live = AssetPage.objects.live().public()
    total = live.count()
    expected = set(
        live.filter(stage__slug=FILTER_STAGE, tagged_topics__tag__slug=FILTER_TOPIC)
        .distinct()
        .values_list("title", flat=True)
    )
    assert 1 < len(expected) < total
    stage_name = STAGE_NAMES[FILTER_STAGE]
    results_count = page.locator(".results-count")

    assert page.goto(demo_site + "/library/").ok
    expect(results_count).to_have_text(f"{total} assets")

    stage_select = page.get_by_label("Stage", exact=True)
    # By name: the site labels this select "Tagged topics tag" (reported as a bug), not "Topic".
    topic_select = page.locator("form.filters select[name=topic]")
    stage_select.select_option(label=stage_name)
    topic_select.select_option(label=TOPIC_NAMES[FILTER_TOPIC])
    follow(page, page.get_by_role("button", name="Filter"))

    assert f"stage={FILTER_STAGE}" in page.url and f"topic={FILTER_TOPIC}" in page.url
    expect(results_count).to_have_text(f"{len(expected)} assets")
    expect(stage_select).to_have_value(FILTER_STAGE)
    expect(topic_select).to_have_value(FILTER_TOPIC)
    cards = page.locator(".card")
    expect(cards).to_have_count(len(expected))
    assert badge_texts(cards.locator(".badge--stage")) == [stage_name] * len(expected)
    assert set(cards.locator(".card__title").all_inner_texts()) == expected

    follow(page, page.locator("form.filters").get_by_role("link", name="Clear"))
    assert "?" not in page.url
    expect(results_count).to_have_text(f"{total} assets")
    expect(stage_select).to_have_value("")
    expect(topic_select).to_have_value("")
    expect(cards).to_have_count(min(total, 12))


def test_header_search_finds_an_asset_by_a_word_in_its_body(page, demo_site):
    asset = ASSETS[SEARCH_ASSET]
    body = " ".join(p for section in asset["sections"] for p in section["paragraphs"])
    assert SEARCH_WORD in body
    assert SEARCH_WORD.lower() not in (asset["title"] + asset["summary"]).lower()

    assert page.goto(demo_site + "/").ok
    box = page.locator("header form[role=search]").get_by_role("searchbox")
    box.fill(SEARCH_WORD)
    with page.expect_navigation() as navigation:
        box.press("Enter")
    assert navigation.value.ok
    assert re.search(rf"/search/\?q={SEARCH_WORD}$", page.url), page.url

    expect(page.locator("main h2")).to_contain_text(
        re.compile(rf"\d+ results? for .{SEARCH_WORD}.")
    )
    result = page.locator("ol.search-results").get_by_role("link", name=asset["title"], exact=True)
    expect(result).to_be_visible()
    follow(page, result)
    expect(page.locator("h1")).to_have_text(asset["title"])
    expect(page.locator(".asset__body")).to_contain_text(SEARCH_WORD)


@pytest.mark.parametrize(
    "path", ["/", "/library/", "/library/stage/evaluation/", "/search/?q=plant"]
)
def test_pages_have_no_horizontal_scroll_on_a_phone(new_page, demo_site, path):
    page = new_page(
        viewport={"width": 390, "height": 844},
        device_scale_factor=3,
        is_mobile=True,
        has_touch=True,
    )
    assert page.goto(demo_site + path, wait_until="load").ok
    expect(page.locator("h1")).to_be_visible()

    size = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
    )
    # A phone browser zooms out to fit over-wide content, which would hide the overflow.
    assert size["inner"] == 390, size
    assert size["scroll"] <= size["inner"], size
