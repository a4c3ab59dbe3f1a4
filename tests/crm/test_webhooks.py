"""Webhooks to CRMs: signed, sent by the background worker after the request, retried with backoff."""

import hashlib
import hmac
import json
import threading
import uuid
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from buyingstages.audience import scoring
from buyingstages.audience.models import Lead, LeadState, ProfilingSettings, VisitorProfile
from buyingstages.crm import webhooks
from buyingstages.crm.models import DeliveryState, WebhookDelivery, WebhookEndpoint
from buyingstages.crm.tasks import deliver_webhook
from tests.factories import AssetPageFactory
from tests.listings import listing_rows
from tests.people import reading_event

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class Receiver:
    """A CRM on loopback that fails the first `failures` deliveries, then accepts them."""

    def __init__(self, failures=0):
        self.failures, self.requests = failures, []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((dict(self.headers), body))
                failing = len(receiver.requests) <= receiver.failures
                self.send_response(500 if failing else 204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks/masthead"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def verify(secret, headers, body):
    """What a receiver does with X-Masthead-Signature: any v1 made with its secret will do."""
    parts = [part.split("=", 1) for part in headers["X-Masthead-Signature"].split(",")]
    (timestamp,) = [value for key, value in parts if key == "t"]
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return any(
        hmac.compare_digest(value, expected.hexdigest()) for key, value in parts if key == "v1"
    )


def test_signature_is_hmac_sha256_of_timestamp_and_body():
    body = b'{"event": "lead.sales_ready"}'
    header = webhooks.sign("s3cret", body, 1_700_000_000)
    assert verify("s3cret", {"X-Masthead-Signature": header}, body)
    assert not verify("other", {"X-Masthead-Signature": header}, body)
    assert not verify("s3cret", {"X-Masthead-Signature": header}, body + b" ")


@override_settings(MASTHEAD_WEBHOOK_RETRY_DELAYS=[60, 300])
def test_backoff_grows_then_gives_up():
    assert [webhooks.retry_delay(n) for n in (1, 2, 3)] == [
        webhooks.timedelta(seconds=60),
        webhooks.timedelta(seconds=300),
        None,
    ]


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_TASKS, MASTHEAD_WEBHOOK_RETRY_DELAYS=[0, 0, 0])
def test_sales_ready_lead_is_posted_by_the_worker_with_retries(
    client, library, stages, django_capture_on_commit_callbacks, monkeypatch
):
    """The beacon request only queues the delivery; the worker sends it and retries failures."""
    ProfilingSettings.objects.create(strong_signal_weight=30)
    signal = AssetPageFactory(parent=library, stage=stages[3], title="Pricing", signal_weight=40)
    lead = Lead.objects.create(name="Ana Ruiz", email="ana@example.com")
    visitor = uuid.uuid4()
    VisitorProfile.objects.create(visitor_id=visitor, lead=lead, last_seen_at=lead.created_at)

    with Receiver(failures=2) as crm:
        endpoint = WebhookEndpoint.objects.create(name="CRM", url=crm.url)
        # The test runs in one transaction; run what would happen on commit, as a real request does.
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                "/t/",
                json.dumps(reading_event(signal.pk, "read", visitor, s=1, n=1)),
                content_type="application/json",
                HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0",
            )
        assert response.status_code == 204
        lead.refresh_from_db()
        assert lead.state == LeadState.SALES_READY
        # Nothing was sent while the visitor's request ran: it is queued for the worker.
        assert crm.requests == []
        delivery = WebhookDelivery.objects.get()
        assert (delivery.state, delivery.attempts) == (DeliveryState.PENDING, 0)
        assert DBTaskResult.objects.filter(task_path__endswith=".deliver_webhook").count() == 1

        # The real worker, inside the test's transaction: it must not recycle the test's connection.
        monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
        for _ in range(3):
            call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
            if WebhookDelivery.objects.get().state != DeliveryState.PENDING:
                break

    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.last_error) == (
        DeliveryState.DELIVERED,
        3,
        "",
    )
    assert len(crm.requests) == 3
    for headers, body in crm.requests:
        assert verify(endpoint.secret, headers, body)
        assert headers["X-Masthead-Event"] == "lead.sales_ready"
    payload = json.loads(crm.requests[-1][1])
    assert payload["lead"]["email"] == "ana@example.com"
    assert payload["lead"]["reason"] == "Strong signal: opened “Pricing”"


@pytest.mark.django_db
@override_settings(MASTHEAD_WEBHOOK_RETRY_DELAYS=[0])
def test_delivery_gives_up_after_the_last_retry_and_says_why():
    lead = Lead.objects.create(name="Bo Li", email="bo@example.com", state=LeadState.SALES_READY)
    with Receiver(failures=10) as crm:
        endpoint = WebhookEndpoint.objects.create(name="CRM", url=crm.url)
        delivery = WebhookDelivery.objects.create(
            endpoint=endpoint, lead=lead, event="lead.sales_ready", payload={"lead": {}}
        )
        deliver_webhook.call(delivery.pk)  # the immediate backend retries at once
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.last_error) == (
        DeliveryState.FAILED,
        2,
        "HTTP 500",
    )


@pytest.mark.django_db
@override_settings(MASTHEAD_WEBHOOK_RETRY_DELAYS=[])
def test_unreachable_endpoint_is_recorded_not_raised():
    lead = Lead.objects.create(name="Cy", email="cy@example.com")
    endpoint = WebhookEndpoint.objects.create(name="Gone", url="http://127.0.0.1:9/nothing")
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, lead=lead, event="lead.sales_ready", payload={}
    )
    assert webhooks.attempt(delivery) is None
    assert delivery.state == DeliveryState.FAILED
    assert "could not reach" in delivery.last_error


@pytest.mark.django_db
def test_inactive_endpoints_are_not_told(library, stages):
    WebhookEndpoint.objects.create(name="Off", url="http://127.0.0.1:9/", active=False)
    lead = Lead.objects.create(name="Di", email="di@example.com")
    assert scoring.check_sales_ready(lead, ProfilingSettings(), lead.created_at, "Pricing")
    assert not WebhookDelivery.objects.exists()


@pytest.mark.django_db
def test_erasing_a_lead_erases_its_deliveries():
    lead = Lead.objects.create(name="Eve", email="eve@example.com")
    endpoint = WebhookEndpoint.objects.create(name="CRM", url="http://127.0.0.1:9/")
    WebhookDelivery.objects.create(
        endpoint=endpoint, lead=lead, event="lead.sales_ready", payload={"email": lead.email}
    )
    lead.delete()
    assert not WebhookDelivery.objects.exists()


@pytest.mark.django_db
@override_settings(TASKS=DATABASE_TASKS)
def test_an_erased_lead_is_announced_to_the_crm_by_id_only(django_capture_on_commit_callbacks):
    from buyingstages.audience import privacy

    lead = Lead.objects.create(name="Eve", email="eve@example.com")
    lead_id = lead.pk
    with Receiver() as crm:
        endpoint = WebhookEndpoint.objects.create(name="CRM", url=crm.url)
        WebhookDelivery.objects.create(
            endpoint=endpoint, lead=lead, event="lead.sales_ready", payload={"email": lead.email}
        )
        with django_capture_on_commit_callbacks(execute=True):
            privacy.erase(lead)
        delivery = WebhookDelivery.objects.get()  # what was queued about Eve went with her
        assert (delivery.event, delivery.lead, delivery.payload) == (
            "lead.erased",
            None,
            {"event": "lead.erased", "lead": {"id": lead_id}},
        )
        deliver_webhook.call(delivery.pk)

    ((headers, body),) = crm.requests
    assert verify(endpoint.secret, headers, body)
    assert headers["X-Masthead-Event"] == "lead.erased"
    assert json.loads(body) == {"event": "lead.erased", "lead": {"id": lead_id}}
    assert b"eve@example.com" not in body and b"Eve" not in body


# Every change of state -------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_change_of_state_is_announced(make_user, django_capture_on_commit_callbacks):
    seller = make_user("Sales", "seller")
    WebhookEndpoint.objects.create(name="CRM", url="http://127.0.0.1:9/")
    lead = Lead.objects.create(name="Ana Ruiz", email="ana@example.com")
    with django_capture_on_commit_callbacks() as enqueued:
        lead.mark_sales_ready("Interest score 41 reached the threshold of 40")
        lead.accept(seller)
        lead.return_to_nurturing(seller, "No budget this year")
    deliveries = list(WebhookDelivery.objects.order_by("pk"))
    assert [d.event for d in deliveries] == ["lead.sales_ready", "lead.accepted", "lead.returned"]
    assert len(enqueued) == 3  # each sent by the worker once the move commits
    ready, accepted, returned = (d.payload for d in deliveries)
    assert (ready["lead"]["state"], ready["lead"]["reason"]) == (
        "sales_ready",
        "Interest score 41 reached the threshold of 40",
    )
    assert ready["lead"]["sales_ready_at"] == ready["occurred_at"]
    assert (accepted["lead"]["state"], accepted["transition"]["by"]) == ("accepted", "seller")
    assert returned["transition"] == {
        "from": "accepted",
        "to": "nurturing",
        "reason": "No budget this year",
        "by": "seller",
    }
    assert all(d.lead_id == lead.pk for d in deliveries)


@pytest.mark.django_db
def test_a_move_that_rolls_back_tells_no_one():
    WebhookEndpoint.objects.create(name="CRM", url="http://127.0.0.1:9/")
    lead = Lead.objects.create(name="Bo Li", email="bo@example.com")
    with pytest.raises(RuntimeError), transaction.atomic():
        lead.mark_sales_ready("Strong signal")
        raise RuntimeError("the request failed after the move")
    assert not WebhookDelivery.objects.exists()


# Two secrets during a rotation -----------------------------------------------------------------


def deliver_one(endpoint, lead):
    """Send one signed delivery to ``endpoint`` now."""
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, lead=lead, event="lead.accepted", payload={"lead": {"id": lead.pk}}
    )
    deliver_webhook.call(delivery.pk)


@pytest.mark.django_db
def test_a_rotated_endpoint_signs_with_the_new_and_the_previous_secret():
    lead = Lead.objects.create(name="Cy", email="cy@example.com")
    with Receiver() as crm:
        endpoint = WebhookEndpoint.objects.create(name="CRM", url=crm.url)
        old = endpoint.secret
        new = endpoint.rotate_secret()
        deliver_one(endpoint, lead)
        endpoint.previous_secret_expires_at = timezone.now()  # the grace period is over
        endpoint.save()
        deliver_one(endpoint, lead)

    (during, during_body), (after, after_body) = crm.requests
    assert new != old
    assert during["X-Masthead-Signature"].count("v1=") == 2
    assert verify(new, during, during_body) and verify(old, during, during_body)
    assert not verify("someone else's", during, during_body)
    assert after["X-Masthead-Signature"].count("v1=") == 1
    assert verify(new, after, after_body) and not verify(old, after, after_body)


@pytest.mark.django_db
def test_stripe_verifies_our_signatures_with_the_old_and_the_new_secret():
    """Receivers can check us with Stripe's own verifier: same header, same scheme, several v1."""
    stripe = pytest.importorskip("stripe")
    lead = Lead.objects.create(name="Di", email="di@example.com")
    with Receiver() as crm:
        endpoint = WebhookEndpoint.objects.create(name="CRM", url=crm.url)
        old = endpoint.secret
        deliver_one(endpoint, lead)
        new = endpoint.rotate_secret()
        deliver_one(endpoint, lead)

    (before, before_body), (during, during_body) = crm.requests

    def stripe_accepts(secret, headers, body):
        try:
            return stripe.WebhookSignature.verify_header(
                body, headers["X-Masthead-Signature"], secret, tolerance=300
            )
        except stripe.SignatureVerificationError:
            return False

    assert stripe_accepts(old, before, before_body)
    assert not stripe_accepts(new, before, before_body)
    assert stripe_accepts(old, during, during_body) and stripe_accepts(new, during, during_body)
    assert not stripe_accepts("whsec_not_ours", during, during_body)
    assert not stripe_accepts(new, during, during_body + b" ")


@pytest.mark.django_db
def test_changing_the_secret_in_the_admin_keeps_the_old_one_signing(client, make_user):
    client.force_login(make_user("Administrators", "admin"))
    endpoint = WebhookEndpoint.objects.create(name="CRM", url="https://crm.example/hooks")
    old = endpoint.secret
    form = {"name": "CRM", "url": "https://crm.example/hooks", "active": "on"}
    edit = f"/admin/integrations/webhooks/edit/{endpoint.pk}/"

    assert client.post(edit, {**form, "secret": old}).status_code == 302
    endpoint.refresh_from_db()
    assert endpoint.signing_secrets() == [old]  # saved unchanged: no rotation

    assert client.post(edit, {**form, "secret": ""}).status_code == 302  # empty: make one
    endpoint.refresh_from_db()
    assert endpoint.secret not in ("", old)
    assert endpoint.signing_secrets() == [endpoint.secret, old]
    assert endpoint.previous_secret_expires_at > timezone.now() + timedelta(hours=23)


def test_lead_events_carry_the_organisation_domain_and_whether_shown_on_it(make_user):
    """A CRM can keep one conversation per organisation too: each lead event says the domain of the
    person's own address when grouped, and whether they wait on the organisation."""
    from buyingstages.audience.models import Subscription

    WebhookEndpoint.objects.create(name="CRM", url="http://127.0.0.1:9/hooks")
    seller, now = make_user("Sales", "seller"), timezone.now()
    people = []
    for email in ("ana@harlow.com", "ben@harlow.com", "cleo@gmail.com"):
        lead = Lead.objects.create(email=email, name=email.split("@")[0])
        Subscription.objects.create(
            lead=lead, consent_text="E-mail me", consented_at=now, confirmed_at=now
        )
        lead.refresh_from_db()
        people.append(lead)
    ana, ben, cleo = people
    ana.mark_sales_ready("Read the pricing page")
    ana.accept(seller)
    ben.mark_sales_ready("Read the pricing page")
    cleo.mark_sales_ready("Read the pricing page")
    ben.refresh_from_db()
    ben.return_to_nurturing(seller, "Not now")

    def sent(lead, event):
        return WebhookDelivery.objects.get(lead=lead, event=event).payload["lead"]

    assert sent(ana, "lead.accepted")["organisation"] == "harlow.com"
    ready = sent(ben, "lead.sales_ready")
    assert (ready["organisation"], ready["shown_on_organisation"]) == ("harlow.com", True)
    returned = sent(ben, "lead.returned")
    assert (returned["organisation"], returned["shown_on_organisation"]) == ("harlow.com", False)
    alone = sent(cleo, "lead.sales_ready")
    assert (alone["organisation"], alone["shown_on_organisation"]) == (None, False)


@pytest.mark.django_db
def test_the_webhooks_listing_says_whether_each_is_active(client, make_user):
    client.force_login(make_user("Administrators", "admin"))
    WebhookEndpoint.objects.create(name="CRM", url="https://crm.example/hooks")
    WebhookEndpoint.objects.create(name="Old CRM", url="https://old.example/hooks", active=False)
    rows = listing_rows(client.get("/admin/integrations/webhooks/"))
    assert {row["Name"]: row["Active"] for row in rows} == {"CRM": "Yes", "Old CRM": "No"}
