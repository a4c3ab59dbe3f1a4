"""What the audience app announces to the apps above it."""

from django.dispatch import Signal

# A lead moved from nurturing to sales-ready; sent inside the transaction that moved it, with
# ``lead``. The Sales area e-mails Sales, the CRM app queues webhooks.
lead_sales_ready = Signal()

# A sales-ready lead who was shown on their organisation went to the Sales inbox (the conversation
# there ended, or they left the organisation); sent inside that transaction, with ``lead``. The Sales
# area e-mails Sales, as for any lead new in the inbox.
lead_surfaced = Signal()

# A reader's data was erased at their request; sent inside that transaction, before the lead row goes,
# with ``lead_id``. The CRM app tells every webhook (``lead.erased``).
lead_erased = Signal()
