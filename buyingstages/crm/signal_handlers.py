from django.db import transaction

from buyingstages.audience.models import Lead
from buyingstages.audience.signals import lead_erased, lead_sales_ready
from buyingstages.crm.models import WebhookDelivery, WebhookEndpoint
from buyingstages.crm.tasks import deliver_webhook
from buyingstages.crm.webhooks import ERASED, SALES_READY, erased_payload, lead_payload


def queue(event, payload, lead=None):
    """One delivery per active endpoint; each is sent by the worker after this commits."""
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(endpoint=endpoint, lead=lead, event=event, payload=payload)
        for endpoint in WebhookEndpoint.objects.filter(active=True)
    )
    for delivery in deliveries:
        transaction.on_commit(lambda pk=delivery.pk: deliver_webhook.enqueue(pk))
    return deliveries


def announce_sales_ready(sender, lead, **kwargs):
    return queue(SALES_READY, lead_payload(lead), lead)


def announce_erased(sender, lead_id, **kwargs):
    """Kept apart from the lead, which is about to go with everything queued about it."""
    return queue(ERASED, erased_payload(lead_id))


def connect():
    lead_sales_ready.connect(announce_sales_ready, sender=Lead, dispatch_uid="sales-ready-webhooks")
    lead_erased.connect(announce_erased, sender=Lead, dispatch_uid="erased-webhooks")
