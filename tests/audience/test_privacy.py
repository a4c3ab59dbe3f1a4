import datetime
import io
import json
import re
import uuid

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from buyingstages.audience import event_buffer
from buyingstages.audience.models import (
    ContentEvent,
    Lead,
    LeadTransition,
    MinimalFormPage,
    ProfilingSettings,
    Subscription,
    VisitorProfile,
)
from buyingstages.audience.scoring import Reading, record
from buyingstages.crm.models import WebhookDelivery, WebhookEndpoint
from buyingstages.sales.models import ShareLink
from tests.factories import AssetPageFactory, TopicFactory
from tests.people import as_a_person, reading_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(library, stages):
    topic = TopicFactory()
    lead = Lead.objects.create(email="ana@example.com", name="Ana Ruiz")
    Subscription.objects.create(
        lead=lead, consent_text="Yes please", consented_at=timezone.now()
    ).topics.add(topic)
    visitor = uuid.uuid4()
    VisitorProfile.objects.create(visitor_id=visitor, lead=lead, last_seen_at=timezone.now())
    asset = AssetPageFactory(parent=library, title="Coverage map", stage=stages[3], topics=[topic])
    record(Reading(str(visitor), "download", asset.pk))
    lead.mark_sales_ready("test")
    return lead, visitor


def ask(client, email, action):
    response = client.post("/privacy/", as_a_person({"email": email, "action": action}))
    assert response.status_code == 200
    if not mail.outbox:
        return None
    return re.search(r"http://testserver(/privacy/\w+/[^/\s]+/)", mail.outbox[-1].body).group(1)


def test_export_by_verified_link(client, person):
    url = ask(client, "ANA@example.com", "export")
    response = client.get(url)
    data = json.loads(response.content)
    assert response.status_code == 200
    assert data["email"] == "ana@example.com" and data["name"] == "Ana Ruiz"
    assert [event["asset"] for event in data["reading"]] == ["Coverage map"]
    assert data["browsers"] == [str(person[1])]
    assert data["told_crm"] == []
    assert "erase" not in url


def test_export_says_whose_share_link_brought_them_and_what_the_crm_was_told(client, person):
    lead, _ = person
    event = ContentEvent.objects.get()
    seller = get_user_model().objects.create_user("sam", first_name="Sam", last_name="Seller")
    event.share_link = ShareLink.for_owner(event.asset, seller)
    event.save()
    endpoint = WebhookEndpoint.objects.create(name="CRM", url="http://crm.example/")
    WebhookDelivery.objects.create(
        endpoint=endpoint, lead=lead, event="lead.sales_ready", payload={"email": lead.email}
    )
    data = json.loads(client.get(ask(client, "ana@example.com", "export")).content)
    assert data["reading"][0]["via_share_link_of"] == "Sam Seller"
    assert [(item["system"], item["event"]) for item in data["told_crm"]] == [
        ("CRM", "lead.sales_ready")
    ]


def test_export_carries_what_the_crm_reported_about_them(client, person):
    lead, _ = person
    assert (
        json.loads(client.get(ask(client, "ana@example.com", "export")).content)["outcome"] is None
    )
    lead.report_outcome("disqualified", note="Ana said the budget went to another plant")
    data = json.loads(client.get(ask(client, "ana@example.com", "export")).content)
    assert data["outcome"]["outcome"] == "Disqualified"
    assert data["outcome"]["note"] == "Ana said the budget went to another plant"


def every_stored_value():
    """Every row of every model, as text."""
    return "\n".join(str(list(model.objects.values())) for model in apps.get_models())


def test_erase_leaves_no_row_with_the_email_or_the_visitor_id(client, person, home):
    lead, visitor = person
    form_page = home.add_child(
        instance=MinimalFormPage(title="E-mail me this", slug="email-me-this")
    )
    client.post(
        form_page.url,
        as_a_person({"name": "Ana Ruiz", "email": "Ana@Example.com", "consent": "on"}),
    )
    assert FormSubmission.objects.count() == 1
    WebhookDelivery.objects.create(
        endpoint=WebhookEndpoint.objects.create(name="CRM", url="http://crm.example/"),
        lead=lead,
        event="lead.sales_ready",
        payload={"lead": {"email": lead.email, "name": lead.name}},
    )
    url = ask(client, "ana@example.com", "erase")
    assert client.get(url).status_code == 200  # a confirmation page; nothing erased yet
    assert Lead.objects.exists()
    response = client.post(url)
    assert response.status_code == 200
    stored = every_stored_value()
    assert (
        "ana@example.com" not in stored and str(visitor) not in stored and visitor.hex not in stored
    )
    for model in (Lead, Subscription, VisitorProfile, ContentEvent, LeadTransition, FormSubmission):
        assert not model.objects.exists()
    assert client.post(url).status_code == 400


def test_unknown_addresses_get_the_same_answer_and_no_mail(client, person):
    assert ask(client, "nobody@example.com", "erase") is None


def test_links_are_tied_to_their_action_and_cannot_be_forged(client, person):
    url = ask(client, "ana@example.com", "export")
    assert client.get(url.replace("/export/", "/erase/")).status_code == 400
    assert client.get("/privacy/export/forged/").status_code == 400
    assert (
        client.post("/privacy/", as_a_person({"email": "x" * 300, "action": "export"})).status_code
        == 400
    )


def test_old_anonymous_profiles_are_purged_but_leads_kept(person):
    lead, visitor = person
    old = timezone.now() - datetime.timedelta(days=400)
    VisitorProfile.objects.create(visitor_id=uuid.uuid4(), last_seen_at=old)
    VisitorProfile.objects.create(visitor_id=uuid.uuid4(), last_seen_at=timezone.now())
    VisitorProfile.objects.filter(visitor_id=visitor).update(last_seen_at=old)
    out = io.StringIO()
    call_command("purge_profiles", stdout=out)
    assert "Deleted 1 anonymous profile." in out.getvalue()
    assert VisitorProfile.objects.count() == 2
    assert VisitorProfile.objects.filter(visitor_id=visitor).exists()


def test_the_privacy_page_opens_with_what_is_kept_why_and_for_how_long(client, home):
    rules = ProfilingSettings.load()
    rules.anonymous_retention_days = 45
    rules.save()

    html = client.get("/privacy/").content.decode()

    start, form = html.index('<section class="privacy-notice"'), html.index('name="action"')
    assert start < form  # the page opens with the notice, the request form comes after
    notice = html[start : html.index("</section>", start)]
    assert "What we keep, why, and for how long" in notice
    assert "45 days" in notice
    for promise in ("no cookie", "IP address", "Do Not Track", "Global Privacy Control", "erase"):
        assert promise in notice, promise


BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0"


@pytest.mark.parametrize("path", ["scored in the request", "buffered, folded by the worker"])
def test_after_erasure_the_browser_id_they_kept_rebuilds_nothing(
    client, person, settings, path, django_capture_on_commit_callbacks
):
    lead, visitor = person
    asset = ContentEvent.objects.filter(profile__visitor_id=visitor).first().asset
    url = ask(client, "ana@example.com", "erase")
    client.post(url)
    assert not VisitorProfile.objects.exists()

    settings.MASTHEAD_BEACON_BUFFER_SECONDS = 1 if path.startswith("buffered") else 0
    for kind in ("view", "download"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                "/t/",
                json.dumps(reading_event(asset.pk, kind, visitor)),
                content_type="application/json",
                HTTP_USER_AGENT=BROWSER,
            )
        assert response.status_code == 204
    event_buffer.fold_all()

    assert not VisitorProfile.objects.exists() and not ContentEvent.objects.exists()
    # A new browser id is a new, anonymous reader, as anyone's would be.
    client.post(
        "/t/",
        json.dumps(reading_event(asset.pk)),
        content_type="application/json",
        HTTP_USER_AGENT=BROWSER,
    )
    event_buffer.fold_all()
    assert VisitorProfile.objects.filter(lead__isnull=True).count() == 1


def test_the_erasure_page_tells_the_browser_to_forget_its_ids(client, person):
    url = ask(client, "ana@example.com", "erase")
    html = client.post(url).content.decode()
    assert 'data-forget-reader="true"' in html
