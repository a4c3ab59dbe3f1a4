"""Webhook deliveries, sent by the worker and retried with backoff."""

from django_tasks import task

from buyingstages.crm import webhooks
from buyingstages.crm.models import DeliveryState, WebhookDelivery


@task()
def deliver_webhook(delivery_id):
    """Send one webhook delivery; on failure, queue the next attempt after a growing delay."""
    delivery = (
        WebhookDelivery.objects.select_related("endpoint")
        .filter(pk=delivery_id, state=DeliveryState.PENDING)
        .first()
    )
    if delivery is None:
        return None
    retry_at = webhooks.attempt(delivery)
    if retry_at is not None:
        retry = deliver_webhook
        if retry.get_backend().supports_defer:
            retry = retry.using(run_after=retry_at)
        retry.enqueue(delivery_id)
    return delivery.state
