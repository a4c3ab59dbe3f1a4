"""Profiling in a real browser: reading.js reports reading, a subscriber's history joins them, and
sales hear about a lead when it is ready.

Runs against the real demo content (seed_demo). The reading script sends its events with
navigator.sendBeacon, which is asynchronous, so the tests wait for them in the database.
"""

import re
import time

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from buyingstages.audience import readers
from buyingstages.audience.models import (
    ContentEvent,
    EventKind,
    Lead,
    LeadState,
    LeadTransition,
    ProfilingSettings,
    Subscription,
    VisitorProfile,
)
from buyingstages.common.bots import MIN_SECONDS
from buyingstages.library.models import AssetPage
from cms.demo import loading
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, DEFAULT_TIMEOUT_MS

pytestmark = pytest.mark.browser

ASSETS = {item["slug"]: item for item in loading.read("assets")}
TOPIC_NAMES = {item["slug"]: item["name"] for item in loading.read("taxonomy")["topics"]}

# Two assets read in full (the second is the first one's "next step"), then a signal asset whose
# PDF the visitor downloads: reading up on security architecture and data residency is what a
# buyer does when checking fit.
FIRST = "retire-wrap-or-replace-legacy-mes"
SECOND = "operations-data-platform-buyers-primer"
SIGNAL = "security-architecture-and-data-residency"

# The rules for the journey. Without the signal the journey earns at most 3 views, 3 full reads
# and 1 download: 3 * 1 + 3 * 4 + 6 = 21 points, well under the threshold; the signal adds 25.
# The weight stays under strong_signal_weight, so the threshold decides, not the strong-signal rule.
RULES = {
    "sales_ready_threshold": 30,
    "strong_signal_weight": 50,
    "score_half_life_days": 30,
    "view_points": 1,
    "read_points": 4,
    "download_points": 6,
    "share_arrival_points": 3,
    "consent_required": False,
    "events_per_minute": 60,
}
SIGNAL_WEIGHT = 25

NAME, EMAIL = "Ana Ruiz", "ana.ruiz@example.com"
SALES_EMAIL = "seller@example.com"
BEACON_TIMEOUT_S = 10


def browser_like_user_agent(browser):
    """Headless Chromium says "HeadlessChrome", which the beacon rightly ignores as a bot."""
    major = browser.version.split(".")[0]
    return (
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        f"Chrome/{major}.0.0.0 Safari/537.36"
    )


@pytest.fixture(scope="module")
def reader_browser(browser):
    """A second Chromium whose user agent is a desktop Chrome's, set by command-line switch.

    Playwright's per-context user_agent does not reach the beacons a page sends while it unloads
    (pagehide), which go out with "HeadlessChrome" and are dropped as a bot's; the switch covers
    every request. Depends on `browser`, so a missing Chromium skips (or on CI fails) as there.
    """
    reader = browser.browser_type.launch(
        executable_path=str(CHROMIUM),
        args=[*CHROMIUM_ARGS, f"--user-agent={browser_like_user_agent(browser)}"],
        headless=True,
    )
    yield reader
    reader.close()


@pytest.fixture
def reader_page(reader_browser):
    """A page in a fresh desktop context of the reader browser, closed after the test."""
    context = reader_browser.new_context(
        viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    yield context.new_page()
    context.close()


def wait_until(check, what, timeout=BEACON_TIMEOUT_S):
    """Poll `check` (e.g. a database query) until it returns something truthy; fail after timeout."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.1)


# The demo holds readers of its own (campaign arrivals, organisations): each test looks only at what
# its reader did after the demo was loaded.
DEMO = {"last_event": 0, "profiles": frozenset()}


@pytest.fixture(autouse=True)
def after_the_demo(demo_site):
    DEMO["last_event"] = (
        ContentEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    )
    DEMO["profiles"] = frozenset(VisitorProfile.objects.values_list("pk", flat=True))


def new_events():
    return ContentEvent.objects.filter(pk__gt=DEMO["last_event"])


def new_profiles():
    return VisitorProfile.objects.exclude(pk__in=DEMO["profiles"])


def events_for(slug, kind):
    return new_events().filter(asset__slug=slug, kind=kind)


def wait_for_event(slug, kind):
    return wait_until(lambda: events_for(slug, kind).first(), f"a {kind} event for {slug}")


def follow(page, locator):
    with page.expect_navigation() as navigation:
        locator.click()
    response = navigation.value
    assert response is not None and response.ok, f"{page.url}: {response and response.status}"


def open_asset(page, base_url, slug):
    asset = AssetPage.objects.get(slug=slug)
    assert page.goto(base_url + asset.url).ok
    expect(page.locator("h1")).to_have_text(ASSETS[slug]["title"])


def next_frame(page):
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def read_through(page):
    """Scroll the asset body from top to bottom with the mouse wheel, a reader's pace at a time."""
    sections = page.locator("[data-section]")
    assert sections.count() > 0
    page.mouse.move(640, 450)
    while page.evaluate(
        """() => {
            const body = document.querySelector(".asset__body").getBoundingClientRect();
            return body.bottom > window.innerHeight;
        }"""
    ):
        page.mouse.wheel(0, 250)
        next_frame(page)
    next_frame(page)
    return sections.count()


def test_reader_subscribes_after_a_signal_download_and_is_sales_ready(
    reader_page, demo_site, make_user
):
    """Threshold rule: the download of a signal asset (weight 25, under the strong-signal weight of
    50) takes the visitor's anonymous score over the threshold of 30; on confirming the
    subscription that history joins the new lead, who becomes sales-ready and Sales are e-mailed.
    """
    page = reader_page
    rules = ProfilingSettings.load()
    for field, value in RULES.items():
        setattr(rules, field, value)
    rules.save()
    signal = AssetPage.objects.get(slug=SIGNAL)
    assert signal.downloads.exists()
    AssetPage.objects.update(signal_weight=0)  # only this journey's signal counts
    assert AssetPage.objects.filter(pk=signal.pk).update(signal_weight=SIGNAL_WEIGHT) == 1
    assert not AssetPage.objects.exclude(pk=signal.pk).filter(signal_weight__gt=0).exists()
    seller = make_user("Sales", "seller")
    seller.email = SALES_EMAIL
    seller.save()

    # First asset: viewed on load, read section by section.
    open_asset(page, demo_site, FIRST)
    wait_for_event(FIRST, EventKind.VIEW)
    first_sections = read_through(page)

    # Its next step; leaving the first page reports how far it was read.
    next_steps = page.get_by_role("complementary").filter(
        has=page.get_by_role("heading", name=re.compile(r"^Your next step"))
    )
    follow(page, next_steps.get_by_role("link", name=ASSETS[SECOND]["title"], exact=True))
    expect(page.locator("h1")).to_have_text(ASSETS[SECOND]["title"])
    first_read = wait_for_event(FIRST, EventKind.READ)
    assert (first_read.sections_seen, first_read.sections_total) == (first_sections,) * 2
    wait_for_event(SECOND, EventKind.VIEW)
    second_sections = read_through(page)

    # The signal asset: read it, then download its PDF.
    open_asset(page, demo_site, SIGNAL)
    second_read = wait_for_event(SECOND, EventKind.READ)
    assert (second_read.sections_seen, second_read.sections_total) == (second_sections,) * 2
    wait_for_event(SIGNAL, EventKind.VIEW)
    signal_sections = read_through(page)
    link = page.get_by_role("region", name="Download").locator("a[data-download]")
    expect(link).to_have_count(1)
    with page.expect_download() as download_info:
        link.click()
    assert download_info.value.failure() is None
    download = wait_for_event(SIGNAL, EventKind.DOWNLOAD)
    assert download.points == RULES["download_points"] + SIGNAL_WEIGHT

    # Subscribe from the footer; leaving the signal asset reports its read (no second signal).
    follow(page, page.locator("footer").get_by_role("link", name="Subscribe", exact=True))
    expect(page.locator("h1")).to_have_text("Get new pieces by e-mail")
    signal_read = wait_for_event(SIGNAL, EventKind.READ)
    assert (signal_read.sections_seen, signal_read.sections_total) == (signal_sections,) * 2
    assert signal_read.points == RULES["read_points"]

    profile = new_profiles().get()
    assert profile.lead is None
    events = list(profile.events.order_by("created_at", "pk"))
    # A page's read is sent as it unloads, so it may land just after the next page's view.
    assert sorted((event.asset.slug, event.kind) for event in events) == sorted(
        [
            (FIRST, EventKind.VIEW),
            (FIRST, EventKind.READ),
            (FIRST, EventKind.NEXT_STEP),  # the click on its next step, worth no points
            (SECOND, EventKind.VIEW),
            (SECOND, EventKind.READ),
            (SIGNAL, EventKind.VIEW),
            (SIGNAL, EventKind.DOWNLOAD),
            (SIGNAL, EventKind.READ),
        ]
    )
    score = sum(event.points for event in events)
    assert score == pytest.approx(3 * 1 + 3 * 4 + 6 + SIGNAL_WEIGHT)
    assert score - SIGNAL_WEIGHT < RULES["sales_ready_threshold"] <= score
    # The reader id the site issued, kept by the browser and carried by the form.
    reader_id = page.evaluate("() => localStorage.getItem('masthead.visitor')")
    assert readers.reader_of(reader_id) == str(profile.visitor_id)
    expect(page.locator("input[name=visitor_id]")).to_have_value(reader_id)

    topic = TOPIC_NAMES[ASSETS[SIGNAL]["topics"][0]]
    page.get_by_label("Name", exact=True).fill(NAME)
    page.get_by_label("Email", exact=True).fill(EMAIL)
    page.get_by_role("group", name="Topics").get_by_label(topic, exact=True).check()
    page.get_by_role("group", name="Cadence").get_by_label("Weekly", exact=True).check()
    page.get_by_role("checkbox", name=re.compile(r"^E-mail me new pieces")).check()
    # A person takes a few seconds over a form; one sent back sooner is treated as a bot's.
    page.wait_for_timeout(MIN_SECONDS * 1000 + 500)
    follow(page, page.get_by_role("button", name="Subscribe", exact=True))
    expect(page.locator("h1")).to_have_text("Check your inbox")

    # The demo has subscribers of its own: this reader's is the one with their address.
    subscription = Subscription.objects.select_related("lead").get(lead__email=EMAIL)
    assert not subscription.is_active
    assert subscription.pending_visitor_id == profile.visitor_id
    assert [item.name for item in subscription.topics.all()] == [topic]
    assert subscription.cadence == "weekly"
    assert subscription.lead.state == LeadState.NURTURING

    # The confirmation e-mail goes out when the request's transaction commits.
    message = wait_until(
        lambda: next((m for m in mail.outbox if m.to == [EMAIL]), None), "the confirmation e-mail"
    )
    assert message.subject == "Please confirm your subscription"
    base = re.escape(settings.WAGTAILADMIN_BASE_URL.rstrip("/"))
    path = re.search(rf"Confirm: {base}(/subscribe/confirm/\S+/)", message.body).group(1)
    assert page.goto(
        demo_site + path
    ).ok  # opening the link (as a mail scanner would) confirms nothing
    expect(page.locator("h1")).to_contain_text("Confirm your subscription")
    assert not Subscription.objects.get(lead__email=EMAIL).is_active
    follow(page, page.get_by_role("button", name="Confirm my subscription"))
    expect(page.locator("h1")).to_have_text("You are subscribed")
    expect(page.locator(".lede")).to_contain_text(topic)

    # The anonymous history now belongs to the lead, who is sales-ready by the threshold rule.
    lead = Lead.objects.get(email=EMAIL)
    subscription.refresh_from_db()
    assert subscription.is_active and subscription.pending_visitor_id is None
    assert list(lead.profiles.all()) == [profile]
    assert lead.state == LeadState.SALES_READY
    threshold = RULES["sales_ready_threshold"]
    match = re.fullmatch(
        rf"Interest score (\d+) reached the threshold of {threshold}", lead.ready_reason
    )
    assert match, lead.ready_reason
    assert abs(int(match.group(1)) - score) <= 1
    assert lead.sales_ready_at is not None
    [transition] = LeadTransition.objects.filter(lead=lead)
    assert (transition.from_state, transition.to_state) == (
        LeadState.NURTURING,
        LeadState.SALES_READY,
    )

    # Sales are told, through the task queued when the confirmation committed.
    alert = wait_until(
        lambda: next((m for m in mail.outbox if m.to == [SALES_EMAIL]), None), "the sales e-mail"
    )
    assert alert.subject == f"Sales-ready: {NAME}"
    assert lead.ready_reason in alert.body
    assert f"downloaded: {ASSETS[SIGNAL]['title']}" in alert.body
    assert [m.to for m in mail.outbox] == [[EMAIL], [SALES_EMAIL]]

    # The first touch is when the reading began.
    assert lead.first_touch_at == min(event.created_at for event in events)


def test_do_not_track_records_nothing(reader_page, demo_site):
    """With Do Not Track on, the script says so in the console and sends nothing at all."""
    page = reader_page
    page.add_init_script(
        "Object.defineProperty(Navigator.prototype, 'doNotTrack', {get: () => '1'});"
    )
    console = []
    page.on("console", lambda message: console.append(message.text))
    beacons = []
    page.on("request", lambda request: "/t/" in request.url and beacons.append(request))

    open_asset(page, demo_site, FIRST)
    assert page.evaluate("() => navigator.doNotTrack") == "1"
    wait_until(lambda: any("Do Not Track" in text for text in console), "the console message")
    read_through(page)
    follow(page, page.locator("footer").get_by_role("link", name="Subscribe", exact=True))
    expect(page.locator("h1")).to_have_text("Get new pieces by e-mail")
    expect(page.locator("input[name=visitor_id]")).to_have_value("")

    assert beacons == []
    # A beacon sent while the asset page unloaded would not show above, and is stored
    # asynchronously: give one a moment to arrive before checking that nothing was stored.
    time.sleep(1)
    assert not new_events().exists()
    assert not new_profiles().exists()
    assert page.evaluate("() => localStorage.getItem('masthead.visitor')") is None


CASE_STUDY = "harlow-components-unplanned-downtime"


def test_reading_a_case_study_through_counts_as_a_read_in_the_audit(reader_page, demo_site):
    """A case study tells its story in one long section, taller than the screen: read to the end,
    it is read through, and the content audit says so."""
    from buyingstages.audience.models import AssetStats
    from buyingstages.audience.stats import SETTLE, refresh_asset_stats

    page = reader_page
    open_asset(page, demo_site, CASE_STUDY)
    tallest = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('[data-section]')].map(s => s.offsetHeight))"
    )
    assert tallest > 900 / 0.6  # taller than 60% of it can ever be on screen at once
    sections = read_through(page)
    open_asset(page, demo_site, FIRST)  # leaving the case study reports how far it was read

    read = wait_until(lambda: events_for(CASE_STUDY, "read").first(), "the case study's read")
    assert (read.sections_seen, read.sections_total) == (sections, sections)
    refresh_asset_stats(timezone.now() + SETTLE)  # the nightly rollup, once the events have settled
    stats = AssetStats.objects.get(asset__slug=CASE_STUDY)
    assert stats.read_through == 1.0
