"""The beacon's facts (live assets, campaigns, the rules) are dropped whenever one of them changes."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from buyingstages.audience.event_buffer import forget_beacon_facts
from buyingstages.audience.models import ProfilingSettings
from buyingstages.library.models import AssetPage
from buyingstages.taxonomy.models import Campaign


def facts_changed(sender, **kwargs):
    if not kwargs.get("raw"):
        forget_beacon_facts()


def connect():
    for signal in (page_published, page_unpublished, post_save, post_delete):
        signal.connect(facts_changed, sender=AssetPage, dispatch_uid="beacon-facts-asset")
    for model in (ProfilingSettings, PageViewRestriction, Campaign):
        for signal in (post_save, post_delete):
            signal.connect(facts_changed, sender=model, dispatch_uid="beacon-facts-rules")
