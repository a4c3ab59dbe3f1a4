"""Telling Sales a lead is ready, in the background: the reader's request never waits for a mail server."""

import smtplib

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task

from buyingstages.audience.models import ContentEvent, Lead
from buyingstages.common.addresses import absolute_url
from buyingstages.common.people import sales_emails
from buyingstages.common.retry import retry_later
from buyingstages.common.text import one_line


@task()
def notify_sales_ready(lead_id, attempt=1):
    """E-mail everyone in the Sales group that a lead is ready, and why, with a link to the lead.

    A mail server that is down or refuses for now is tried again later, a few times, then the task
    fails (and the worker records why); the lead is in the sales inbox either way.
    """
    lead = Lead.objects.filter(pk=lead_id).first()
    if lead is None:
        return 0
    recipients = sales_emails()
    if not recipients:
        return 0
    subject = f"Sales-ready: {one_line(lead.name)}"
    context = {
        "subject": subject,
        "lead": lead,
        # Every browser they read on, newest first.
        "events": list(
            ContentEvent.objects.filter(profile__lead=lead)
            .select_related("asset")
            .order_by("-created_at")[:20]
        ),
        # Straight to the lead's own page in the inbox, where it can be accepted or returned.
        "lead_url": absolute_url(reverse("sales_inbox:inspect", args=[lead.pk])),
    }
    try:
        send_mail(
            subject=subject,
            message=render_to_string("sales/email/sales_ready.txt", context),
            from_email=None,
            recipient_list=recipients,
            html_message=render_to_string("sales/email/sales_ready.html", context),
        )
    except (smtplib.SMTPException, OSError):
        if retry_later(notify_sales_ready, attempt, lead_id):
            return None
        raise
    return len(recipients)
