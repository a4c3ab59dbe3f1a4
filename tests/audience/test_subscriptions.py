import datetime
import io
import re
import uuid

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from buyingstages.audience import readers, subscriptions
from buyingstages.audience.models import (
    Lead,
    LeadState,
    ProfilingSettings,
    Subscription,
    VisitorProfile,
)
from buyingstages.audience.scoring import Reading, record
from tests.factories import AssetPageFactory, TopicFactory
from tests.people import as_a_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic():
    return TopicFactory(name="Operational resilience", slug="operational-resilience")


def subscribe(client, topic, **extra):
    data = {
        "name": "Ana Ruiz",
        "email": "Ana@Example.com",
        "topics": [topic.pk],
        "cadence": "weekly",
        "consent": "on",
    }
    data.update(extra)
    return client.post(
        "/subscribe/", as_a_person({key: value for key, value in data.items() if value is not None})
    )


def link_in(message, name):
    return re.search(rf"http://testserver(/subscribe/{name}/[^/\s]+/)", message.body).group(1)


def confirm(client, message):
    """Press "Confirm my subscription" on the page the e-mail's link opens."""
    return client.post(link_in(message, "confirm"))


def test_subscribing_sends_only_a_confirmation_until_confirmed(
    client, topic, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = subscribe(client, topic)
    assert response.status_code == 200
    assert "Check your inbox" in response.content.decode()
    subscription = Subscription.objects.get()
    assert subscription.lead.email == "ana@example.com" and not subscription.is_active
    [message] = mail.outbox
    assert message.to == ["ana@example.com"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<http://testserver/subscribe/unsubscribe/"
    )

    page = client.get(link_in(message, "confirm"))
    assert page.status_code == 200 and "Confirm my subscription" in page.content.decode()
    assert not Subscription.objects.get().is_active  # a link scanner's GET confirms nothing
    confirmed = confirm(client, message)
    assert confirmed.status_code == 200 and "You are subscribed" in confirmed.content.decode()
    assert Subscription.objects.get().is_active
    again = confirm(client, message)
    assert again.status_code == 200 and "already subscribed" in again.content.decode()
    assert "already subscribed" in client.get(link_in(message, "confirm")).content.decode()


def test_the_confirmation_button_is_csrf_protected_like_the_other_public_forms(
    client, topic, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, topic)
    browser, url = Client(enforce_csrf_checks=True), link_in(mail.outbox[0], "confirm")
    page = browser.get(url).content.decode()
    assert "ana@example.com" in page and "Operational resilience" in page
    assert browser.post(url).status_code == 403
    assert not Subscription.objects.get().is_active

    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = browser.post(url, {"csrfmiddlewaretoken": token})
    assert response.status_code == 200 and "You are subscribed" in response.content.decode()
    assert Subscription.objects.get().is_active


def test_a_confirmation_link_after_unsubscribing_confirms_nothing(
    client, topic, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, topic)
    client.post(link_in(mail.outbox[0], "unsubscribe"))
    response = confirm(client, mail.outbox[0])
    assert response.status_code == 400 and "unsubscribed" in response.content.decode()
    assert Subscription.objects.get().confirmed_at is None


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"email": "not-an-email"}, "valid email"),
        ({"name": "x" * 10_000}, "at most 100"),
        ({"name": ""}, "required"),
        ({"topics": None}, "at least one topic"),
        ({"consent": None}, "agreement"),
        ({"cadence": "hourly"}, "valid choice"),
    ],
)
def test_bad_subscriptions_are_400_and_write_nothing(client, topic, extra, message):
    response = subscribe(client, topic, **extra)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Lead.objects.exists() and mail.outbox == []


def test_extra_fields_posted_are_never_stored(client, topic):
    subscribe(client, topic, company="Acme", phone="+44 1234", job_title="CIO", budget="1m")
    lead = Lead.objects.get()
    stored = str(list(Lead.objects.values())) + str(list(Subscription.objects.values()))
    for value in ("Acme", "+44 1234", "CIO", "1m"):
        assert value not in stored
    assert lead.name == "Ana Ruiz"


@pytest.mark.parametrize("token", ["garbage", "WzEsIjIwMjYiXQ:1abc:def"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_forged_confirmation_links_are_400(client, token, method):
    response = getattr(client, method)(f"/subscribe/confirm/{token}/")
    assert response.status_code == 400
    assert "not valid" in response.content.decode()


def test_an_old_confirmation_link_is_replaced_by_a_new_request(
    client, topic, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, topic)
    old = link_in(mail.outbox[0], "confirm")
    Subscription.objects.update(consented_at=timezone.now() - datetime.timedelta(minutes=5))
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, topic)
    assert client.get(old).status_code == 400 and client.post(old).status_code == 400
    assert confirm(client, mail.outbox[-1]).status_code == 200
    assert Subscription.objects.get().is_active


def test_one_click_unsubscribe(client, topic, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, topic)
    confirm(client, mail.outbox[0])
    url = link_in(mail.outbox[0], "unsubscribe")
    assert client.get(url).status_code == 200
    assert Subscription.objects.get().is_active  # a GET (a link scanner) changes nothing
    response = client.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert Subscription.objects.get().unsubscribed_at is not None
    assert client.post("/subscribe/unsubscribe/forged/").status_code == 400


def test_on_confirmation_the_anonymous_history_joins_the_lead(
    client, library, stages, topic, django_capture_on_commit_callbacks
):
    rules = ProfilingSettings.load()
    rules.sales_ready_threshold = 10
    rules.save()
    visitor = uuid.uuid4()
    asset = AssetPageFactory(parent=library, stage=stages[3], topics=[topic])
    for _ in range(2):
        record(Reading(str(visitor), "download", asset.pk), rules)
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, topic, visitor_id=readers.sign(visitor))
    with django_capture_on_commit_callbacks(execute=True):
        confirm(client, mail.outbox[0])
    lead = Lead.objects.get()
    assert VisitorProfile.objects.get(visitor_id=visitor).lead == lead
    assert lead.state == LeadState.SALES_READY
    assert lead.first_touch_at <= VisitorProfile.objects.get().created_at + datetime.timedelta(
        seconds=1
    )


def test_digest_sends_new_assets_on_their_topics_once_per_cadence(
    client, library, stages, topic, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, topic)
    confirm(client, mail.outbox[0])
    mail.outbox.clear()
    AssetPageFactory(parent=library, title="On topic", stage=stages[0], topics=[topic])
    AssetPageFactory(parent=library, title="Off topic", stage=stages[0])

    call_command("send_digests", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    assert "On topic" in mail.outbox[0].body and "Off topic" not in mail.outbox[0].body
    assert "List-Unsubscribe" in mail.outbox[0].extra_headers

    AssetPageFactory(parent=library, title="Next day", stage=stages[0], topics=[topic])
    assert subscriptions.send_digests() == 0
    week_later = timezone.now() + datetime.timedelta(days=7, minutes=1)
    assert subscriptions.send_digests(now=week_later) == 1
    assert "Next day" in mail.outbox[-1].body and "On topic" not in mail.outbox[-1].body


@pytest.mark.parametrize("held", ["bare", "forged"])
def test_an_id_the_site_did_not_issue_joins_no_history_but_the_subscription_goes_ahead(
    client, library, stages, topic, held, django_capture_on_commit_callbacks
):
    visitor = uuid.uuid4()
    asset = AssetPageFactory(parent=library, stage=stages[3], topics=[topic])
    record(Reading(str(visitor), "download", asset.pk))
    sent = str(visitor) if held == "bare" else f"{visitor}:made-up"
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, topic, visitor_id=sent)
    with django_capture_on_commit_callbacks(execute=True):
        confirm(client, mail.outbox[0])
    assert Subscription.objects.get().is_active
    assert VisitorProfile.objects.get(visitor_id=visitor).lead is None


def test_a_strong_signal_read_before_subscribing_counts_on_confirmation(
    client, library, stages, topic, django_capture_on_commit_callbacks
):
    visitor = uuid.uuid4()
    pricing = AssetPageFactory(
        parent=library, title="Pricing detail", stage=stages[4], topics=[topic], signal_weight=90
    )
    record(Reading(str(visitor), "download", pricing.pk))
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, topic, visitor_id=readers.sign(visitor))
    with django_capture_on_commit_callbacks(execute=True):
        confirm(client, mail.outbox[0])
    lead = Lead.objects.get()
    assert lead.state == LeadState.SALES_READY
    assert "Pricing detail" in lead.ready_reason
    assert lead.first_touch_at == VisitorProfile.objects.get().events.get().created_at
