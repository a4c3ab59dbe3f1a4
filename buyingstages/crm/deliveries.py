"""Queueing webhooks: one delivery per active endpoint, written in the caller's transaction (so a
change that rolls back tells no one) and sent by the worker after it commits."""

from django.db import transaction

from buyingstages.crm.models import WebhookDelivery, WebhookEndpoint
from buyingstages.crm.tasks import deliver_webhook


def queue(event, payload, lead=None):
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(endpoint=endpoint, lead=lead, event=event, payload=payload)
        for endpoint in WebhookEndpoint.objects.filter(active=True)
    )
    for delivery in deliveries:
        transaction.on_commit(lambda pk=delivery.pk: deliver_webhook.enqueue(pk))
    return deliveries
