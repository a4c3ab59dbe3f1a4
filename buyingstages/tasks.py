"""Background work for profiling, run by the django-tasks worker (immediately in development)."""

import smtplib
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

# Seconds to wait before trying again after the 1st, 2nd, ... failed attempt; then give up.
EMAIL_RETRY_DELAYS = (60, 600, 3600)


def retry_later(task_function, attempt, *args, delays=EMAIL_RETRY_DELAYS):
    """Queue attempt `attempt + 1` of a task after its delay; False when the attempts are used up."""
    if attempt > len(delays):
        return False
    later = task_function
    if later.get_backend().supports_defer:
        later = later.using(run_after=timezone.now() + timedelta(seconds=delays[attempt - 1]))
    later.enqueue(*args, attempt=attempt + 1)
    return True


@task()
def notify_sales_ready(lead_id, attempt=1):
    """E-mail everyone in the Sales group that a lead is ready, and why.

    A mail server that is down or refuses for now is tried again later, a few times, then the task
    fails (and the worker records why); the lead is in the sales inbox either way.
    """
    from .models import ContentEvent, Lead

    lead = Lead.objects.filter(pk=lead_id).first()
    if lead is None:
        return 0
    recipients = list(
        get_user_model()
        .objects.filter(groups__name="Sales", is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    if not recipients:
        return 0
    context = {
        "lead": lead,
        # Every browser they read on, newest first.
        "events": list(
            ContentEvent.objects.filter(profile__lead=lead)
            .select_related("asset")
            .order_by("-created_at")[:20]
        ),
        "admin_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_home"),
    }
    try:
        send_mail(
            subject=f"Sales-ready: {lead.name}",
            message=render_to_string("buyingstages/email/sales_ready.txt", context),
            from_email=None,
            recipient_list=recipients,
        )
    except (smtplib.SMTPException, OSError):
        if retry_later(notify_sales_ready, attempt, lead_id):
            return None
        raise
    return len(recipients)


@task()
def deliver_webhook(delivery_id):
    """Send one webhook delivery; on failure, queue the next attempt after a growing delay."""
    from . import webhooks
    from .models import DeliveryState, WebhookDelivery

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


@task()
def refresh_asset_stats():
    """The content audit's rollup, brought up to date by the worker (only events new since last time)."""
    from . import insight

    return insight.update_asset_stats()


@task()
def fold_buffered_events():
    """Score what the beacon buffered; if there was any, look again shortly for the tail of a burst."""
    from . import event_buffer

    folded = event_buffer.fold_all()
    if folded:
        event_buffer.schedule_fold()
    return folded
