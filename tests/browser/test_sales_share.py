"""A salesperson's tracked share link, end to end in real browsers.

The salesperson filters the Sales library to one stage and persona with Wagtail's filter drilldown,
copies a share link, and a known prospect opens it in their own browser; the arrival is recorded by
the first-party reading script and shows on the prospect's timeline in the inbox, attributed to the
salesperson. Runs against the real demo content (seed_demo).
"""

import re
import uuid
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from buyingstages.audience import readers
from buyingstages.audience.models import (
    ContentEvent,
    EventKind,
    Lead,
    LeadState,
    ProfilingSettings,
    VisitorProfile,
)
from buyingstages.library.models import AssetPage
from buyingstages.sales.models import ShareLink
from buyingstages.taxonomy.models import BuyingStage, Persona
from cms.demo import loading
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, DEFAULT_TIMEOUT_MS
from tests.browser.signing_in import log_in
from tests.browser.test_profiling_journey import browser_like_user_agent, wait_until

pytestmark = pytest.mark.browser

STAGE = "evaluation"
# Two Evaluation assets in the demo content name this persona: few enough to list, and each also
# names other personas, so a filter that ignored the stage or the persona would list more.
PERSONA = "transformational-leader"
TAXONOMY = loading.read("taxonomy")
STAGE_NAME = {item["slug"]: item["name"] for item in TAXONOMY["stages"]}[STAGE]
PERSONA_NAME = {item["slug"]: item["name"] for item in TAXONOMY["personas"]}[PERSONA]

# The demo's Sales login (seed_demo --users); demo_site seeds without users, so the test makes it.
SALES_USERNAME, SALES_PASSWORD = "sales", "masthead-sales"
SALES_FIRST, SALES_LAST = "Sam", "Seller"
# Not one of the demo leads (cms/demo/data/sales.json), which seed_demo makes when the users exist.
PROSPECT_NAME, PROSPECT_EMAIL = "Jonas Lindqvist", "jonas.lindqvist@example.com"
VISITOR_KEY = "masthead.visitor"


@pytest.fixture(scope="module")
def reader_browser(browser):
    """A second Chromium with a desktop Chrome user agent, so the beacon does not drop it as a bot.

    As in test_profiling_journey: the command-line switch covers every request the page sends.
    """
    reader = browser.browser_type.launch(
        executable_path=str(CHROMIUM),
        args=[*CHROMIUM_ARGS, f"--user-agent={browser_like_user_agent(browser)}"],
        headless=True,
    )
    yield reader
    reader.close()


@pytest.fixture
def prospect_context(reader_browser):
    """A fresh context of the reader browser: the prospect's own browser, nothing shared."""
    context = reader_browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def salesperson(demo_site, make_user):
    """The demo's Sales login, in the Sales group, with a full name for the timeline to show."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=SALES_USERNAME).first()
    user = user or make_user("Sales", SALES_USERNAME)
    assert user.groups.filter(name="Sales").exists()
    user.set_password(SALES_PASSWORD)
    user.first_name, user.last_name = SALES_FIRST, SALES_LAST
    user.save()
    return user


@pytest.fixture
def known_prospect(demo_site):
    """A sales-ready lead whose browser we know: a profile with its anonymous visitor id."""
    lead = Lead.objects.create(name=PROSPECT_NAME, email=PROSPECT_EMAIL)
    lead.mark_sales_ready("Asked for a demo at the Hanover trade fair")
    profile = VisitorProfile.objects.create(
        visitor_id=uuid.uuid4(), lead=lead, last_seen_at=timezone.now()
    )
    return lead, profile


def listed_titles(page):
    return sorted(
        title.strip()
        for title in page.locator("#listing-results table tbody tr td.title a").all_inner_texts()
    )


def check_filter(page, filter_label, option):
    """Open the filter drilldown, open one filter, tick one option; the listing updates in place."""
    toggle = page.get_by_role("button", name="Show filters")
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    drilldown = page.locator(".w-drilldown__contents")
    drilldown.locator("button.w-drilldown__toggle", has_text=filter_label).click()
    submenu = drilldown.locator(".w-drilldown__submenu:visible")
    submenu.get_by_role("checkbox", name=option, exact=True).check()
    back = submenu.get_by_role("button", name="Back")
    back.click()


def wait_for_query(page, query):
    page.wait_for_url(lambda url: parse_qs(urlsplit(url).query) == query)


def test_salesperson_shares_a_filtered_asset_and_sees_the_prospect_arrive(
    page, prospect_context, demo_site, salesperson, known_prospect
):
    """The library filtered to Evaluation + one persona lists exactly those assets; a link copied
    from it brings a known prospect to the asset, ungated, and the lead's timeline says whose link.
    """
    lead, profile = known_prospect
    assert not ProfilingSettings.load().consent_required, "the demo asks no consent by default"
    stage = BuyingStage.objects.get(slug=STAGE)
    persona = Persona.objects.get(slug=PERSONA)
    expected = sorted(
        AssetPage.objects.live()
        .public()
        .filter(stage=stage, personas=persona)
        .values_list("title", flat=True)
    )
    assert len(expected) >= 2, f"the demo content should have Evaluation assets for {PERSONA_NAME}"
    all_live = AssetPage.objects.live().public().count()
    assert all_live > len(expected)
    title = expected[0]
    asset = AssetPage.objects.get(title=title)
    assert not ShareLink.objects.filter(asset=asset, owner=salesperson).exists()

    # The salesperson signs in and opens the library: every live asset, a page at a time.
    log_in(page, demo_site, SALES_USERNAME, SALES_PASSWORD)
    assert page.goto(f"{demo_site}/admin/sales/library/").ok
    expect(page.get_by_role("heading", level=1)).to_have_text("Sales library")
    rows = page.locator("#listing-results table tbody tr")
    expect(rows).to_have_count(min(all_live, 20))

    # Filter to Evaluation and the persona with the real drilldown; each tick updates the listing
    # in place and reflects the filters in the address.
    check_filter(page, "Stage", STAGE_NAME)
    wait_for_query(page, {"stage": [str(stage.pk)]})
    check_filter(page, "Persona", PERSONA_NAME)
    wait_for_query(page, {"stage": [str(stage.pk)], "personas": [str(persona.pk)]})
    # Close the drilldown, as a person would before working with the rows below it.
    page.keyboard.press("Escape")
    expect(page.locator(".w-drilldown__contents")).to_be_hidden()
    expect(rows).to_have_count(len(expected))
    assert listed_titles(page) == expected, (
        f"the library filtered to {STAGE_NAME} + {PERSONA_NAME} should list exactly "
        f"{expected}, not {listed_titles(page)}"
    )
    for row in rows.all():
        expect(row.locator("td").nth(1)).to_have_text(STAGE_NAME)

    # Copy a share link from one row; the page writes it into that row.
    row = rows.filter(has=page.get_by_role("link", name=title, exact=True))
    expect(row).to_have_count(1)
    output = row.locator("output[data-share-url]")
    expect(output).to_have_text("")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=demo_site)
    row.get_by_role("button", name="Copy share link").click()
    expect(output).to_have_text(re.compile(r"^\S+/s/[\w-]+ \(copied\)$"))
    share_url = output.inner_text().removesuffix(" (copied)")
    link = ShareLink.objects.get(asset=asset, owner=salesperson)
    assert share_url == f"{demo_site}/s/{link.code}", f"{share_url} is not the new ShareLink's"
    clipboard = page.evaluate("() => navigator.clipboard.readText()")
    assert clipboard == share_url, f"the clipboard holds {clipboard!r}, not the link"
    assert page.url.startswith(f"{demo_site}/admin/sales/library/"), "the copy must not navigate"

    # The prospect, in their own browser (known to us as the lead's), opens the link.
    prospect_context.add_init_script(
        f"window.localStorage.getItem({VISITOR_KEY!r}) || "
        f"window.localStorage.setItem({VISITOR_KEY!r}, {str(profile.visitor_id)!r});"
    )
    profiles_before = VisitorProfile.objects.count()
    prospect = prospect_context.new_page()
    response = prospect.goto(share_url)
    assert response is not None and response.ok, response and response.status
    hop = response.request.redirected_from
    assert hop is not None and hop.url == share_url, "the share link should redirect"
    assert hop.response().status == 302
    expect(prospect.locator("h1")).to_have_text(title)
    assert urlsplit(response.url).path == asset.url, response.url
    # Nothing is asked of them: no field to fill in (bar the site search), no consent banner.
    fields = prospect.locator(":is(input, textarea, select):visible:not(form[role=search] *)")
    expect(fields).to_have_count(0)
    expect(prospect.locator("[data-consent-banner]")).to_have_count(0)
    # The script reports the arrival once, and takes the code out of the address bar.
    expect(prospect).to_have_url(re.compile(r"^[^?]*$"))

    arrivals = ContentEvent.objects.filter(kind=EventKind.SHARE_ARRIVAL, share_link=link)
    arrival = wait_until(arrivals.first, "the share arrival by the salesperson's link")
    # The id the browser held from before is now one the site signed: still the lead's reader.
    held = prospect.evaluate(f"() => localStorage.getItem({VISITOR_KEY!r})")
    assert readers.reader_of(held) == str(profile.visitor_id)
    assert arrival.profile_id == profile.pk, "the arrival should be on the lead's browser profile"
    assert arrival.asset_id == asset.pk
    assert arrivals.count() == 1, "one visit through the link is one arrival"
    assert VisitorProfile.objects.count() == profiles_before, (
        "the prospect's browser should be the lead's profile, not a new anonymous one"
    )

    # Back as the salesperson: the inbox lists the lead; their page shows how they arrived.
    assert page.goto(f"{demo_site}/admin/sales/inbox/").ok
    lead.refresh_from_db()
    assert lead.state == LeadState.SALES_READY
    with page.expect_navigation():
        page.locator("#listing-results").get_by_role("link", name=PROSPECT_NAME).click()
    assert page.url == f"{demo_site}/admin/sales/inbox/inspect/{lead.pk}/", page.url
    timeline = page.locator("ol[data-timeline]")
    entry = timeline.locator("li").filter(has_text="Arrived by a share link")
    expect(entry).to_have_count(1)
    expect(entry).to_contain_text(title)
    expect(entry).to_contain_text(f"via {SALES_FIRST} {SALES_LAST}'s share link")
    expect(entry.get_by_role("link", name=title, exact=True)).to_have_attribute(
        "href", re.compile(re.escape(asset.url) + "$")
    )
