from django.db.models.signals import post_save

from buyingstages.audience.models import Lead, LeadTransition
from buyingstages.audience.signals import lead_erased
from buyingstages.crm.deliveries import queue
from buyingstages.crm.webhooks import ERASED, erased_payload, transition_payload


def announce_transition(sender, instance, created, raw=False, **kwargs):
    """Every change of a lead's state is logged as a transition, in the move's own transaction: so
    every one is announced (sales-ready, accepted, returned), and only if the move commits."""
    if not created or raw:
        return None
    payload = transition_payload(instance)
    return queue(payload["event"], payload, instance.lead)


def announce_erased(sender, lead_id, **kwargs):
    """Kept apart from the lead, which is about to go with everything queued about it."""
    return queue(ERASED, erased_payload(lead_id))


def connect():
    post_save.connect(announce_transition, sender=LeadTransition, dispatch_uid="lead-webhooks")
    lead_erased.connect(announce_erased, sender=Lead, dispatch_uid="erased-webhooks")
