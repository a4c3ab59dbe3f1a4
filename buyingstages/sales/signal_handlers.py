from django.db import transaction

from buyingstages.audience.models import Lead
from buyingstages.audience.signals import lead_sales_ready
from buyingstages.sales.tasks import notify_sales_ready


def email_sales(sender, lead, **kwargs):
    """Tell Sales, once per organisation: a person shown on an organisation Sales already talk to
    (``Lead.shown_on_organisation``) is seen there, not e-mailed about again."""
    if lead.shown_on_organisation:
        return
    transaction.on_commit(lambda: notify_sales_ready.enqueue(lead.pk))


def connect():
    lead_sales_ready.connect(email_sales, sender=Lead, dispatch_uid="sales-ready-email")
