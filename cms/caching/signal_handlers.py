"""What changes a public page, announced by Wagtail and Django, and the pages each change drops."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from buyingstages.audience.models import ProfilingSettings, ReaderSurvey
from buyingstages.taxonomy.models import BuyingStage, Persona, Segment, Topic
from cms.caching import invalidation
from cms.home.models import BrandSettings
from publishing.messaging.models import Message, MessageRelease

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


def page_changed(sender, instance, update_fields=None, **kwargs):
    """Published, withdrawn, deleted, or its live row saved directly (not a draft)."""
    if kwargs.get("raw"):
        return  # loading a fixture or a backup, which drops everything after
    if update_fields and set(update_fields) <= DRAFT_BOOKKEEPING:
        return
    if (
        instance.depth <= invalidation.MENU_DEPTH
    ):  # the home page or one in the menu every page shows
        invalidation.drop_everything(f"page {instance.pk} in the site's frame changed")
    else:
        invalidation.drop(invalidation.pages_showing(instance))


def page_moved(sender, instance, **kwargs):
    invalidation.drop_everything(f"page {instance.pk} moved")


def shown_everywhere_changed(sender, instance, created=False, **kwargs):
    if kwargs.get("raw"):
        return  # loading a fixture or a backup, which drops everything after
    if created and sender in SETTINGS:
        return  # made with its defaults on first read, which is what pages already show
    invalidation.drop_everything(f"{sender.__name__} {instance.pk} changed")


def message_changed(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return  # loading a fixture or a backup, which drops everything after
    message = instance.message if isinstance(instance, MessageRelease) else instance
    invalidation.drop(invalidation.referring_pages(message))


def survey_changed(sender, instance, **kwargs):
    """A survey asked on some assets, or an asset's surveys changed from its side."""
    if kwargs.get("raw"):
        return  # loading a fixture or a backup, which drops everything after
    if isinstance(instance, ReaderSurvey):
        invalidation.drop(instance.pages.live().specific(defer=True))
    else:
        invalidation.drop([instance])


def restriction_changed(sender, instance, **kwargs):
    """A section made private, or public again: its pages must stop, or start, being stored."""
    if kwargs.get("raw"):
        return  # loading a fixture or a backup, which drops everything after
    page_id = getattr(instance, "page_id", None)  # a Group, when changed from the group's side
    page = Page.objects.filter(pk=page_id).first() if page_id else None
    if page is None:
        invalidation.drop_everything("view restrictions changed")
        return
    invalidation.drop(page.get_descendants(inclusive=True).live().specific(defer=True))


def file_changed(sender, instance, update_fields=None, **kwargs):
    if kwargs.get("raw"):
        return  # loading a fixture or a backup, which drops everything after
    if update_fields and set(update_fields) <= {"file_size", "file_hash"}:
        return  # measured on first use, while a page renders: nothing shown changes
    invalidation.drop(invalidation.referring_pages(instance))


def connect():
    for page_model in get_page_models():
        post_save.connect(page_changed, sender=page_model)
        post_delete.connect(page_changed, sender=page_model)
    page_published.connect(page_changed)
    page_unpublished.connect(page_changed)
    post_page_move.connect(page_moved)
    for model in SHOWN_EVERYWHERE:
        post_save.connect(shown_everywhere_changed, sender=model)
        post_delete.connect(shown_everywhere_changed, sender=model)
    for model in (Message, MessageRelease):
        post_save.connect(message_changed, sender=model)
        post_delete.connect(message_changed, sender=model)
    post_save.connect(survey_changed, sender=ReaderSurvey)
    m2m_changed.connect(survey_changed, sender=ReaderSurvey.pages.through)
    pre_delete.connect(survey_changed, sender=ReaderSurvey)
    post_save.connect(restriction_changed, sender=PageViewRestriction)
    post_delete.connect(restriction_changed, sender=PageViewRestriction)
    m2m_changed.connect(restriction_changed, sender=PageViewRestriction.groups.through)
    for model in (get_document_model(), get_image_model()):
        post_save.connect(file_changed, sender=model)
        post_delete.connect(file_changed, sender=model)
