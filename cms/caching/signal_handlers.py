"""What changes a public page, announced by Wagtail and Django, and the pages each change drops."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction, Site, get_page_models
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from buyingstages.audience.models import ProfilingSettings, ReaderSurvey
from buyingstages.library.models import AssetPage
from buyingstages.taxonomy.models import BuyingStage, Persona, Segment, Topic
from cms.caching import invalidation
from cms.caching.fragments import MENU_DEPTH
from cms.home.models import BrandSettings
from publishing.messaging.models import Message, MessageRelease, StoryTest

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


def changes_what_readers_see(update_fields, **kwargs):
    """Not a fixture or backup being loaded (which drops everything after), nor a draft saved."""
    if kwargs.get("raw"):
        return False
    return not (update_fields and set(update_fields) <= DRAFT_BOOKKEEPING)


# Who offered a page as a next step, and which hubs listed it, before its change: kept on the instance
# from pre_save or pre_delete to post_save or post_delete (an asset may leave where it was shown).
OFFERED_BEFORE = "masthead_offered_as_next_step_by"
LISTED_BEFORE = "masthead_listed_under"


def page_changing(sender, instance, update_fields=None, **kwargs):
    """Before the row changes: note who offers the page as a next step, and where it is listed."""
    if instance.pk is not None and changes_what_readers_see(update_fields, **kwargs):
        setattr(instance, OFFERED_BEFORE, invalidation.offering_as_next_step(instance))
        if isinstance(instance, AssetPage):
            setattr(instance, LISTED_BEFORE, instance.listed_under())


def page_changed(sender, instance, update_fields=None, **kwargs):
    """Published, withdrawn, deleted, or its live row saved directly (not a draft)."""
    if not changes_what_readers_see(update_fields, **kwargs):
        return
    if instance.depth <= MENU_DEPTH:  # the home page, or a page in the menu that every page shows
        invalidation.drop_everything(f"page {instance.pk} in the site's frame changed", [instance])
    else:
        offered_by = getattr(instance, OFFERED_BEFORE, ())
        routes = invalidation.listing_routes(instance, getattr(instance, LISTED_BEFORE, None))
        invalidation.drop(invalidation.pages_showing(instance, offered_by), routes=routes)


def page_moved(sender, instance, url_path_before, **kwargs):
    invalidation.drop_old_addresses(instance, url_path_before)
    invalidation.drop_everything(f"page {instance.pk} moved")


def slug_changed(sender, instance, instance_before, **kwargs):
    """The old addresses of the page and those under it stop answering with the kept page."""
    invalidation.drop_old_addresses(instance, instance_before.url_path)
    invalidation.drop(invalidation.pages_showing(instance))


def shown_everywhere_changed(sender, instance, created=False, **kwargs):
    if kwargs.get("raw"):
        return  # loading a fixture or a backup, which drops everything after
    if created and sender in SETTINGS:
        return  # made with its defaults on first read, which is what pages already show
    invalidation.drop_everything(f"{sender.__name__} {instance.pk} changed")


def message_changed(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return  # loading a fixture or a backup, which drops everything after
    # A release, or a story test starting or ending, changes what the message's pages show.
    message = instance.message if isinstance(instance, (MessageRelease, StoryTest)) else instance
    invalidation.drop(invalidation.referring_pages(message))


def showing_what_shows(pages):
    """The pages that show these pages (a card's image, a private page's listing)."""
    return [shown for page in pages for shown in invalidation.pages_showing(page)]


def survey_changed(sender, instance, **kwargs):
    """A survey asked on some assets, or an asset's surveys changed from its side."""
    if kwargs.get("raw"):
        return  # loading a fixture or a backup, which drops everything after
    if isinstance(instance, ReaderSurvey):
        invalidation.drop(instance.pages.live().specific(defer=True))
    else:
        invalidation.drop([instance])


def restriction_changed(sender, instance, **kwargs):
    """A section made private, or public again: its pages and every list that shows them."""
    if kwargs.get("raw"):
        return  # loading a fixture or a backup, which drops everything after
    invalidation.drop_everything("view restrictions changed")


def file_changed(sender, instance, update_fields=None, **kwargs):
    if kwargs.get("raw"):
        return  # loading a fixture or a backup, which drops everything after
    if update_fields and set(update_fields) <= {"file_size", "file_hash"}:
        return  # measured on first use, while a page renders: nothing shown changes
    invalidation.drop(showing_what_shows(invalidation.referring_pages(instance)))


def connect():
    for page_model in get_page_models():
        pre_save.connect(page_changing, sender=page_model)
        pre_delete.connect(page_changing, sender=page_model)
        post_save.connect(page_changed, sender=page_model)
        post_delete.connect(page_changed, sender=page_model)
    page_published.connect(page_changed)
    page_unpublished.connect(page_changed)
    post_page_move.connect(page_moved)
    page_slug_changed.connect(slug_changed)
    for model in SHOWN_EVERYWHERE:
        post_save.connect(shown_everywhere_changed, sender=model)
        post_delete.connect(shown_everywhere_changed, sender=model)
    for model in (Message, MessageRelease, StoryTest):
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
