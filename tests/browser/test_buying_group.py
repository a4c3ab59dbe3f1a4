"""One conversation per organisation, in a real browser: two readers at one company become
sales-ready through the beacon (buffered, then scored by the worker), a salesperson accepts the first
in the inbox, and the second shows on the organisation, with no second e-mail to Sales.
"""

import json
import time
import uuid

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from buyingstages.audience.models import (
    Lead,
    LeadState,
    ProfilingSettings,
    Subscription,
    VisitorProfile,
)
from buyingstages.library.models import AssetPage
from tests.browser.signing_in import log_in
from tests.people import reading_event

pytestmark = pytest.mark.browser

SALES_EMAIL = "seller@example.com"
DESKTOP_CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/140.0.0.0 Safari/537.36"
)


def wait_until(check, what, timeout=10):
    deadline = time.monotonic() + timeout
    while not (result := check()):
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.1)
    return result


def subscriber(email, name):
    """A reader who subscribed and confirmed, with the browser id their reading is sent under."""
    now = timezone.now()
    lead = Lead.objects.create(email=email, name=name, first_touch_at=now)
    Subscription.objects.create(
        lead=lead, consent_text="E-mail me", consented_at=now, confirmed_at=now
    )
    visitor = uuid.uuid4()
    VisitorProfile.objects.create(visitor_id=visitor, lead=lead, last_seen_at=now)
    return lead, visitor


def download_twice(page, base_url, asset, visitor):
    """What reading.js sends for two downloads: POST /t/ from a desktop browser, buffered and scored."""
    for _ in range(2):
        response = page.request.post(
            f"{base_url}/t/",
            data=json.dumps(reading_event(asset.pk, "download", visitor)),
            headers={"Content-Type": "application/json", "User-Agent": DESKTOP_CHROME},
        )
        assert response.status == 204, response.text()


def sales_emails():
    return [message for message in mail.outbox if message.to == [SALES_EMAIL]]


def test_two_readers_at_one_company_make_one_conversation(page, demo_site, make_user):
    rules = ProfilingSettings.load()
    rules.sales_ready_threshold, rules.download_points = 10, 6
    rules.strong_signal_weight, rules.contact_cadence_days = 100, 30
    rules.save()
    AssetPage.objects.update(signal_weight=0)
    asset = AssetPage.objects.live().get(slug="security-architecture-and-data-residency")
    seller = make_user("Sales", "seller")
    seller.email, seller.first_name, seller.last_name = SALES_EMAIL, "Sam", "Seller"
    seller.set_password("masthead-sales")
    seller.save()
    ana, ana_browser = subscriber("ana.ruiz@brantwood-eng.co.uk", "Ana Ruiz")
    ben, ben_browser = subscriber("ben.ode@brantwood-eng.co.uk", "Ben Ode")
    assert ana.organisation == ben.organisation

    # Both read until they are sales-ready: Ana first, then Ben.
    download_twice(page, demo_site, asset, ana_browser)
    wait_until(lambda: Lead.objects.get(pk=ana.pk).state == LeadState.SALES_READY, "Ana ready")
    wait_until(sales_emails, "the e-mail to Sales about Ana")
    download_twice(page, demo_site, asset, ben_browser)
    wait_until(lambda: Lead.objects.get(pk=ben.pk).state == LeadState.SALES_READY, "Ben ready")

    # The salesperson's inbox holds one lead for the company: Ana.
    log_in(page, demo_site, "seller", "masthead-sales")
    assert page.goto(f"{demo_site}/admin/sales/inbox/").ok
    inbox = page.get_by_role("table")
    expect(inbox.get_by_role("link", name="Ana Ruiz")).to_be_visible()
    expect(inbox.get_by_role("link", name="Ben Ode")).to_have_count(0)

    # They accept Ana.
    inbox.get_by_role("link", name="Ana Ruiz").click()
    expect(page.locator("[data-organisation]")).to_contain_text("Brantwood Eng")
    page.get_by_role("button", name="Accept: I'll take it").click()
    expect(page.get_by_text("Ana Ruiz is yours.")).to_be_visible()

    # Ben shows on the organisation, with who holds the conversation.
    assert page.goto(f"{demo_site}/admin/sales/organisations/").ok
    page.get_by_role("link", name="Brantwood Eng").click()
    expect(page.locator("[data-conversation]")).to_contain_text("In conversation with Sam Seller")
    waiting = page.locator("[data-waiting]")
    expect(waiting.get_by_role("link", name="Ben Ode")).to_be_visible()
    expect(page.locator("[data-people] tr[data-person]")).to_have_count(2)
    serious = [
        violation["id"]
        for violation in Axe().run(page).response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == []

    # No second e-mail went to Sales: one, about Ana.
    time.sleep(0.5)  # an e-mail queued on commit would have gone by now
    [only] = sales_emails()
    assert "Ana Ruiz" in only.subject
    ben.refresh_from_db()
    assert ben.shown_on_organisation and "Sam Seller holds the conversation" not in ben.ready_reason
