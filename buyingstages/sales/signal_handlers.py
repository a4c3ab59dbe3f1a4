from django.db import transaction

from buyingstages.audience.models import Lead
from buyingstages.audience.signals import lead_sales_ready, lead_surfaced
from buyingstages.sales.tasks import notify_sales_ready


def email_sales(sender, lead, **kwargs):
    """Tell Sales of a lead new in their inbox, once each time it becomes sales-ready. A person shown
    on an organisation Sales already talk to (``Lead.shown_on_organisation``) is seen there, not
    e-mailed about, until the conversation there ends and they come to the inbox themselves."""
    if Lead.objects.filter(pk=lead.pk).claim_sales_notice():
        transaction.on_commit(lambda: notify_sales_ready.enqueue(lead.pk))


def connect():
    lead_sales_ready.connect(email_sales, sender=Lead, dispatch_uid="sales-ready-email")
    lead_surfaced.connect(email_sales, sender=Lead, dispatch_uid="surfaced-email")
