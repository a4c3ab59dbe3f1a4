"""Telling CRMs about leads (sales-ready, erased): signed POSTs, retried with backoff by the worker.

The receiver checks `X-Masthead-Signature: t=<unix time>,v1=<hex>`, where the hex is
HMAC-SHA256(secret, "<unix time>.<body>"), and rejects old timestamps to stop replays.
"""

import hashlib
import hmac
import json
import time
from datetime import timedelta

import requests
from django.conf import settings
from django.utils import timezone

from buyingstages.crm.models import DeliveryState

SALES_READY = "lead.sales_ready"
ERASED = "lead.erased"


def sign(secret, body, timestamp):
    message = f"{timestamp}.".encode() + body
    digest = hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def lead_payload(lead):
    return {
        "event": SALES_READY,
        "lead": {
            "id": lead.pk,
            "name": lead.name,
            "email": lead.email,
            "state": lead.state,
            "sales_ready_at": lead.sales_ready_at.isoformat() if lead.sales_ready_at else None,
            "reason": lead.ready_reason,
        },
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
        "X-Masthead-Signature": sign(delivery.endpoint.secret, body, int(time.time())),
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
