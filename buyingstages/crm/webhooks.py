"""Telling CRMs about leads: signed POSTs, retried with backoff by the worker.

Events: ``lead.sales_ready``, ``lead.accepted``, ``lead.returned`` (every change of state),
``lead.outcome`` (a CRM reported what became of it) and ``lead.erased``.

The receiver checks `X-Masthead-Signature: t=<unix time>,v1=<hex>[,v1=<hex>]`, where each hex is
HMAC-SHA256(secret, "<unix time>.<body>") (Stripe's scheme), and rejects old timestamps to stop
replays. During a secret rotation there is one v1 for the new secret and one for the previous: a
receiver holding either finds a match.
"""

import hashlib
import hmac
import json
import time
from datetime import timedelta

import requests
from django.conf import settings
from django.utils import timezone

from buyingstages.audience.models import LeadState
from buyingstages.crm.models import DeliveryState

SALES_READY = "lead.sales_ready"
ACCEPTED = "lead.accepted"
RETURNED = "lead.returned"
OUTCOME = "lead.outcome"
ERASED = "lead.erased"

EVENT_FOR_STATE = {
    LeadState.SALES_READY: SALES_READY,
    LeadState.ACCEPTED: ACCEPTED,
    LeadState.NURTURING: RETURNED,
}


def sign(secrets, body, timestamp):
    """The signature header: one v1 for each secret (a string is one secret)."""
    if isinstance(secrets, str):
        secrets = [secrets]
    message = f"{timestamp}.".encode() + body
    digests = [hmac.new(secret.encode(), message, hashlib.sha256).hexdigest() for secret in secrets]
    return ",".join([f"t={timestamp}", *(f"v1={digest}" for digest in digests)])


def iso(value):
    return value.isoformat() if value else None


def lead_fields(lead, **changes):
    """What every lead.* event says of the lead; ``changes`` are what a move sets but has not
    saved yet. The CRM reads the rest (score, topics, reading) from the leads API."""
    fields = {
        "id": lead.pk,
        "name": lead.name,
        "email": lead.email,
        "state": lead.state,
        "sales_ready_at": iso(lead.sales_ready_at),
        "reason": lead.ready_reason,
        "outcome": lead.outcome or None,
        "outcome_note": lead.outcome_note,
        "outcome_at": iso(lead.outcome_at),
        # One conversation per organisation, for the CRM too: the domain of their own address when
        # grouped, and whether they wait on the organisation rather than as a lead to chase.
        "organisation": lead.organisation_domain,
        "shown_on_organisation": lead.shown_on_organisation,
    }
    return fields | changes


def transition_payload(transition):
    """A lead changed state; the transition is logged before the lead's own fields are saved."""
    lead, ready = transition.lead, transition.to_state == LeadState.SALES_READY
    changes = {"state": transition.to_state}
    if ready:
        changes.update(sales_ready_at=iso(transition.at), reason=transition.reason)
    elif transition.to_state == LeadState.NURTURING:
        changes.update(shown_on_organisation=False)  # back to nurturing: on nobody's list
    return {
        "event": EVENT_FOR_STATE[transition.to_state],
        "occurred_at": iso(transition.at),
        "lead": lead_fields(lead, **changes),
        "transition": {
            "from": transition.from_state,
            "to": transition.to_state,
            "reason": transition.reason,
            "by": transition.by.get_username() if transition.by else None,
        },
    }


def outcome_payload(lead):
    return {
        "event": OUTCOME,
        "occurred_at": iso(lead.outcome_at),
        "lead": lead_fields(lead),
        "source": lead.outcome_source,
    }


def erased_payload(lead_id):
    """Only the id the CRM was given: the person's data is gone, and the CRM should forget it too."""
    return {"event": ERASED, "lead": {"id": lead_id}}


def retry_delay(attempts):
    """How long to wait after this many failed attempts, or None to give up."""
    delays = settings.MASTHEAD_WEBHOOK_RETRY_DELAYS
    return timedelta(seconds=delays[attempts - 1]) if attempts <= len(delays) else None


def attempt(delivery):
    """Send once. Returns the time to try again, or None when delivered or given up."""
    body = json.dumps(delivery.payload, sort_keys=True).encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Masthead-Webhook/1",
        "X-Masthead-Event": delivery.event,
        "X-Masthead-Delivery": str(delivery.pk),
        "X-Masthead-Signature": sign(delivery.endpoint.signing_secrets(), body, int(time.time())),
    }
    try:
        response = requests.post(
            delivery.endpoint.url,
            data=body,
            headers=headers,
            timeout=settings.MASTHEAD_WEBHOOK_TIMEOUT,
            allow_redirects=False,
        )
        error = "" if 200 <= response.status_code < 300 else f"HTTP {response.status_code}"
    except requests.RequestException as exc:
        error = f"{type(exc).__name__}: could not reach the endpoint"
    now = timezone.now()
    delivery.attempts += 1
    delivery.last_error = error
    delivery.next_attempt_at = None
    if not error:
        delivery.state, delivery.delivered_at = DeliveryState.DELIVERED, now
    elif (delay := retry_delay(delivery.attempts)) is None:
        delivery.state = DeliveryState.FAILED
    else:
        delivery.next_attempt_at = now + delay
    delivery.save()
    return delivery.next_attempt_at
