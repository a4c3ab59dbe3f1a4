"""A campaign end to end in real Chromium: an editor creates a campaign and plans a weekly webinar
series in it on the calendar, copies a campaign link for an asset, a new reader arrives through it and
subscribes (confirming by the e-mail's link), and the campaign report shows the subscription."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from buyingstages.audience.models import ProfileCampaignTouch
from buyingstages.common.bots import MIN_SECONDS
from buyingstages.library.models import AssetPage
from buyingstages.taxonomy.models import Campaign
from publishing.calendar.models import CalendarEntry
from tests.browser import test_profiling_journey as journey
from tests.browser.signing_in import EDITOR_PASSWORD, EDITOR_USERNAME, log_in
from tests.browser.test_profiling_journey import follow, wait_until

pytestmark = pytest.mark.browser

# A reader's browser that does not say "HeadlessChrome" (which the beacon ignores as a bot).
reader_browser, reader_page = journey.reader_browser, journey.reader_page

ASSET = "operations-data-platform-buyers-primer"
EMAIL = "lena.berg@example.com"


@pytest.fixture
def buffered_beacon(settings):
    """The beacon as in production: events buffered, then folded by the worker (the test settings'
    immediate task backend folds as soon as the beacon's request commits)."""
    settings.MASTHEAD_BEACON_BUFFER_SECONDS = 1


def test_a_campaign_link_brings_a_reader_who_subscribes_and_the_report_shows_it(
    page, reader_page, demo_site, editor, buffered_beacon
):
    log_in(page, demo_site, EDITOR_USERNAME, EDITOR_PASSWORD)

    # The editor creates a campaign.
    assert page.goto(f"{demo_site}/admin/taxonomy/campaigns/add/").ok
    page.locator("#id_name").fill("Autumn uptime push")
    page.locator("#id_slug").fill("autumn-uptime")
    page.locator("#id_goal").fill("Bring operations leaders to the buyer's primer.")
    page.locator("#id_stages").get_by_label("Interest", exact=True).check()
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/taxonomy/campaigns/$"))
    campaign = Campaign.objects.get(slug="autumn-uptime")

    # …and plans a weekly webinar series in it, starting today.
    today = timezone.localdate()
    assert page.goto(f"{demo_site}/admin/calendar/entries/new/").ok
    page.locator("#id_title").fill("Uptime clinic")
    page.locator("#id_campaign").select_option(label="Autumn uptime push")
    page.locator("#id_entry_type").select_option(label="Webinar")
    page.locator("#id_start_time").fill("15:30")
    page.locator("#id_registration_url").fill("https://events.example.com/uptime-clinic")
    page.locator("#id_repeat").select_option(label="Every week")
    page.locator("#id_publish_at").fill(f"{today:%Y-%m-%d} 09:00")
    page.get_by_role("button", name="Create", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/calendar/entries/$"))
    entry = CalendarEntry.objects.get(title="Uptime clinic")
    assert entry.campaign == campaign and entry.entry_type.slug == "webinar"
    assert entry.repeat == "weekly"
    assert timezone.localtime(entry.publish_at).date() == today

    # On the week view of the calendar, filtered by the campaign, this week's and next week's
    # webinars are there, in the campaign's colour; the gaps panel answers for the campaign.
    assert page.goto(f"{demo_site}/admin/calendar/?campaign={campaign.pk}").ok
    expect(page.locator("[data-gaps]")).to_contain_text("For the campaign “Autumn uptime push”")
    for week in (0, 1):
        if week:
            page.locator(".fc-next-button").click()
        else:
            page.get_by_role("button", name="Week", exact=True).click()
        event = page.locator(".fc-event.has-campaign.recurring").filter(has_text="Uptime clinic")
        expect(event).to_have_count(1)
        expect(event).to_contain_text("15:30")

    # A campaign link for an asset, from the Sales library.
    asset = AssetPage.objects.get(slug=ASSET)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=demo_site)
    assert page.goto(f"{demo_site}/admin/sales/library/{asset.pk}/campaign-link/").ok
    page.locator("#id_campaign").select_option(label="Autumn uptime push")
    page.locator("#id_medium").select_option(label="E-mail")
    page.locator("#id_source").fill("newsletter")
    follow(page, page.get_by_role("button", name="Make the link"))
    page.get_by_role("button", name="Copy link").click()
    expect(page.locator("[data-copy-status]")).to_have_text("Copied.")
    link = page.evaluate("() => navigator.clipboard.readText()")
    # The link is on the site's public address; the test's server stands in for it.
    tail = f"{asset.url}?utm_source=newsletter&utm_medium=email&utm_campaign=autumn-uptime"
    assert link == asset.full_url.removesuffix(asset.url) + tail

    # A reader new to the site arrives through it: the campaign is on their profile.
    assert reader_page.goto(demo_site + tail).ok
    touch = wait_until(
        lambda: ProfileCampaignTouch.objects.filter(campaign=campaign).first(), "the touch"
    )

    # They subscribe, and confirm by the e-mail's link.
    follow(
        reader_page, reader_page.locator("footer").get_by_role("link", name="Subscribe", exact=True)
    )
    reader_page.get_by_label("Name", exact=True).fill("Lena Berg")
    reader_page.get_by_label("Email", exact=True).fill(EMAIL)
    reader_page.get_by_role("group", name="Topics").get_by_role("checkbox").first.check()
    reader_page.get_by_role("checkbox", name=re.compile(r"^E-mail me new pieces")).check()
    reader_page.wait_for_timeout(MIN_SECONDS * 1000 + 500)
    follow(reader_page, reader_page.get_by_role("button", name="Subscribe", exact=True))
    message = wait_until(
        lambda: next((m for m in mail.outbox if m.to == [EMAIL]), None), "the confirmation e-mail"
    )
    base = re.escape(settings.WAGTAILADMIN_BASE_URL.rstrip("/"))
    path = re.search(rf"Confirm: {base}(/subscribe/confirm/\S+/)", message.body).group(1)
    assert reader_page.goto(demo_site + path).ok
    follow(reader_page, reader_page.get_by_role("button", name="Confirm my subscription"))
    expect(reader_page.locator("h1")).to_have_text("You are subscribed")
    touch.profile.refresh_from_db()
    assert touch.profile.lead.email == EMAIL

    # The campaign report shows the reader and the subscription, first touch and any touch.
    assert page.goto(f"{demo_site}/admin/reports/campaigns/").ok
    row = page.locator("tr[data-campaign='autumn-uptime']")
    expect(row.locator("[data-readers]")).to_have_text("1")
    expect(row.locator("[data-subscribed]")).to_have_text("1 · 1")
    bar = page.locator("[data-chart='campaign-subscribed'] rect[data-label='Autumn uptime push']")
    expect(bar).to_have_attribute("data-value", "1")
