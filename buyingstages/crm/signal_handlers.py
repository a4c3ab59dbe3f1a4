from django.db import transaction

from buyingstages.audience.models import Lead
from buyingstages.audience.signals import lead_sales_ready
from buyingstages.crm.models import WebhookDelivery, WebhookEndpoint
from buyingstages.crm.tasks import deliver_webhook
from buyingstages.crm.webhooks import SALES_READY, lead_payload


def announce_sales_ready(sender, lead, **kwargs):
    """Queue one delivery per active endpoint; each is sent by the worker after this commits."""
    payload = lead_payload(lead)
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(endpoint=endpoint, lead=lead, event=SALES_READY, payload=payload)
        for endpoint in WebhookEndpoint.objects.filter(active=True)
    )
    for delivery in deliveries:
        transaction.on_commit(lambda pk=delivery.pk: deliver_webhook.enqueue(pk))
    return deliveries


def connect():
    lead_sales_ready.connect(announce_sales_ready, sender=Lead, dispatch_uid="sales-ready-webhooks")
