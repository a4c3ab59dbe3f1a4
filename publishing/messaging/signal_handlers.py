"""Wagtail announces publishing and scheduling; these queue the synchronized switch, the
re-rendering of decks when an asset they show is published or unpublished, and finding again the
pages of running story tests."""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save, pre_delete
from wagtail.models import Revision
from wagtail.signals import page_published, page_unpublished, published

from buyingstages.common.addresses import absolute_url
from buyingstages.library.models import AssetPage
from publishing.messaging import splitting, story_tests
from publishing.messaging.models import (
    DeckRendering,
    DeckTemplate,
    Message,
    RenderStatus,
    SalesDeck,
)
from publishing.messaging.sync import PUBLISHED, UNPUBLISHED
from publishing.messaging.tasks import (
    follow_asset,
    make_deck_pdf,
    release_message,
    render_all_decks,
    render_deck,
    withdraw_message_schedule,
)


def message_published(sender, instance, revision=None, **kwargs):
    if revision is None or instance.releases.filter(revision=revision).exists():
        return  # prepared ahead by the schedule
    transaction.on_commit(lambda: release_message.enqueue(instance.pk, revision.pk))


def revision_scheduled(sender, instance, update_fields=None, **kwargs):
    """A message revision given a go-live time is prepared now; a cancelled one is withdrawn."""
    if not update_fields or "approved_go_live_at" not in update_fields:
        return
    if instance.base_content_type.model_class() is not Message:
        return
    message_id = int(instance.object_id)
    if instance.approved_go_live_at is None:
        transaction.on_commit(lambda: withdraw_message_schedule.enqueue(message_id))
    else:
        live_from = instance.approved_go_live_at.isoformat()
        transaction.on_commit(lambda: release_message.enqueue(message_id, instance.pk, live_from))


def deck_saved(sender, instance, **kwargs):
    transaction.on_commit(lambda: render_deck.enqueue(instance.pk))


def template_saved(sender, instance, created, **kwargs):
    transaction.on_commit(render_all_decks.enqueue)


def asset_changed(asset, change):
    """Queue the decks showing the asset (none: nothing to do), naming its slide while it exists."""
    if not SalesDeck.objects.using_asset(asset).exists():
        return
    asset_id, title = asset.pk, asset.title
    link = absolute_url(asset.url) if asset.url else ""
    transaction.on_commit(lambda: follow_asset.enqueue(asset_id, change, title, link))


def asset_published(sender, instance, **kwargs):
    """Published now, edited and published, or a scheduled publish gone live."""
    asset_changed(instance, PUBLISHED)


def asset_unpublished(sender, instance, **kwargs):
    """Unpublished, expired, or about to be deleted (Wagtail unpublishes a page before deleting it)."""
    asset_changed(instance, UNPUBLISHED)


def rendering_saved(sender, instance, update_fields=None, **kwargs):
    """A rendering whose .pptx was just stored OK gets its PDF made in the worker (once: saves that
    leave the file alone, such as the switch setting live_from, queue nothing)."""
    if not settings.MASTHEAD_DECK_PDFS:
        return  # a test run that does not look at PDFs can spare LibreOffice's seconds per deck
    if update_fields is not None and "file" not in update_fields:
        return
    if instance.status != RenderStatus.OK or not instance.file or instance.pdf:
        return
    rendering_id = instance.pk
    # robust: the PDF is an extra, so queueing it must never fail what saved the rendering.
    transaction.on_commit(lambda: make_deck_pdf.enqueue(rendering_id), robust=True)


def page_changed(sender, instance, **kwargs):
    """A page published or withdrawn while a story test runs may show (or stop showing) its message:
    the running tests' pages are found again."""
    if splitting.running_tests():
        splitting.publish_snapshot_on_commit()


def revision_deleted(sender, instance, **kwargs):
    story_tests.challenger_deleted(instance)


def connect():
    published.connect(message_published, sender=Message)
    page_published.connect(asset_published, sender=AssetPage)
    page_unpublished.connect(asset_unpublished, sender=AssetPage)
    page_published.connect(page_changed)
    page_unpublished.connect(page_changed)
    post_save.connect(revision_scheduled, sender=Revision)
    pre_delete.connect(revision_deleted, sender=Revision)
    post_save.connect(deck_saved, sender=SalesDeck)
    post_save.connect(template_saved, sender=DeckTemplate)
    post_save.connect(rendering_saved, sender=DeckRendering)
