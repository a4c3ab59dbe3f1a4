"""Every change that can show on a public page drops the page cache (and, when configured, the CDN's)."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from buyingstages.models import (
    BuyingStage,
    Persona,
    ProfilingSettings,
    ReaderSurvey,
    Segment,
    Topic,
)
from publishing.models import Message, MessageRelease

from .models import BrandSettings
from .page_cache import invalidate_pages

# Saving a draft or taking a lock updates only these columns of the live page row.
DRAFT_BOOKKEEPING = {
    "draft_title",
    "has_unpublished_changes",
    "latest_revision",
    "latest_revision_created_at",
    "locked",
    "locked_at",
    "locked_by",
}
SETTINGS = (BrandSettings, ProfilingSettings)
SHOWN_EVERYWHERE = (*SETTINGS, Site, BuyingStage, Persona, Segment, Topic)


def on_commit_invalidate(reason, purge=None):
    """Drop the pages now, and again after the commit: a page rendered from the old rows in between
    cannot outlive the transaction. The CDN is purged once, after the commit."""
    invalidate_pages(reason)
    transaction.on_commit(lambda: invalidate_pages(reason, purge=purge))


def page_saved(sender, instance, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= DRAFT_BOOKKEEPING:
        return
    on_commit_invalidate(f"page {instance.pk} saved")


def page_deleted(sender, instance, **kwargs):
    on_commit_invalidate(f"page {instance.pk} deleted")


def page_moved(sender, instance, **kwargs):
    on_commit_invalidate(f"page {instance.pk} moved", purge="all")


def page_went_live_or_off(sender, instance, **kwargs):
    """Listings above the page change with it; Wagtail's own handler purges the page itself."""
    on_commit_invalidate(
        f"page {instance.pk} published or unpublished",
        purge=lambda: [page.specific_deferred for page in instance.get_ancestors().live()],
    )


def shown_everywhere_changed(sender, instance, created=False, **kwargs):
    if created and sender in SETTINGS:
        return  # made with its defaults on first read, which is what pages already show
    on_commit_invalidate(f"{sender.__name__} {instance.pk} changed", purge="all")


def message_released(sender, instance, **kwargs):
    message_id = instance.message_id if isinstance(instance, MessageRelease) else instance.pk
    on_commit_invalidate(f"message {message_id} changed", purge=lambda: pages_showing(message_id))


def pages_showing(message_id):
    """The live pages that place this message, from Wagtail's reference index."""
    from wagtail.models import ReferenceIndex

    message = Message.objects.filter(pk=message_id).first()
    if message is None:
        return []
    references = ReferenceIndex.get_references_to(message).filter(
        base_content_type__model="page", base_content_type__app_label="wagtailcore"
    )
    page_ids = references.values_list("object_id", flat=True)
    return list(Page.objects.live().filter(pk__in=[int(pk) for pk in page_ids]).specific())


def survey_changed(sender, instance, **kwargs):
    on_commit_invalidate(f"reader survey {instance.pk} changed")


def restriction_changed(sender, instance, **kwargs):
    """A section made private, or public again: its pages must stop, or start, being served to all."""
    # The instance is a Group when restrictions are changed from the group's side.
    page_id = getattr(instance, "page_id", None)
    if page_id is None:
        on_commit_invalidate("view restrictions changed", purge="all")
        return
    on_commit_invalidate(
        f"view restriction on page {page_id} changed", purge=lambda: restricted_section(page_id)
    )


def restricted_section(page_id):
    """The live pages that a restriction on this page covers."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return []  # deleted with its pages, whose deletion purged them
    return list(page.get_descendants(inclusive=True).live().specific(defer=True))


def file_changed(sender, instance, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= {"file_size", "file_hash"}:
        return  # measured on first use, while a page renders: nothing shown changes
    on_commit_invalidate(f"{sender.__name__} {instance.pk} changed")


def connect():
    for page_model in get_page_models():
        post_save.connect(page_saved, sender=page_model)
        post_delete.connect(page_deleted, sender=page_model)
    page_published.connect(page_went_live_or_off)
    page_unpublished.connect(page_went_live_or_off)
    post_page_move.connect(page_moved)
    for model in SHOWN_EVERYWHERE:
        post_save.connect(shown_everywhere_changed, sender=model)
        post_delete.connect(shown_everywhere_changed, sender=model)
    for model in (Message, MessageRelease):
        post_save.connect(message_released, sender=model)
        post_delete.connect(message_released, sender=model)
    post_save.connect(survey_changed, sender=ReaderSurvey)
    post_delete.connect(survey_changed, sender=ReaderSurvey)
    m2m_changed.connect(survey_changed, sender=ReaderSurvey.pages.through)
    post_save.connect(restriction_changed, sender=PageViewRestriction)
    post_delete.connect(restriction_changed, sender=PageViewRestriction)
    m2m_changed.connect(restriction_changed, sender=PageViewRestriction.groups.through)
    for model in (get_document_model(), get_image_model()):
        post_save.connect(file_changed, sender=model)
        post_delete.connect(file_changed, sender=model)
