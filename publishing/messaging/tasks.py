"""Background work for messages and decks, run by the django-tasks worker."""

from datetime import datetime

from django_tasks import task


@task()
def release_message(message_id, revision_id, live_from=None):
    """Render the decks that show a message with a new revision, then switch site and decks to it."""
    from wagtail.models import Revision

    from publishing.messaging import sync
    from publishing.messaging.models import Message

    message = Message.objects.filter(pk=message_id).first()
    revision = Revision.objects.filter(pk=revision_id).first()
    if message is None or revision is None:
        return None
    if live_from:
        sync.withdraw_schedule(message)  # a newer schedule replaces an older one
    made, renderings = sync.release(
        message, revision, datetime.fromisoformat(live_from) if live_from else None
    )
    return made.pk


@task()
def withdraw_message_schedule(message_id):
    from publishing.messaging import sync
    from publishing.messaging.models import Message

    message = Message.objects.filter(pk=message_id).first()
    if message is not None:
        sync.withdraw_schedule(message)


# Seconds before rendering a deck again after its 1st and 2nd failure; the failure may be passing
# (storage, a template being replaced). Meanwhile the deck's previous rendering stays live.
DECK_RETRY_DELAYS = (60, 600)


@task()
def render_deck(deck_id, attempt=1):
    """Re-render one deck with what is released now, and make it live if it rendered."""
    from django.utils import timezone

    from buyingstages.common.retry import retry_later
    from publishing.messaging import rendering as decks
    from publishing.messaging import sync
    from publishing.messaging.models import RenderStatus, SalesDeck

    deck = SalesDeck.objects.filter(pk=deck_id).first()
    if deck is None:
        return None
    template = decks.brand_template()
    rendering = decks.render(deck, template=template)
    if rendering.status == RenderStatus.OK:
        rendering.live_from = timezone.now()
        rendering.save(update_fields=["live_from"])
        # A release scheduled for later was prepared from the deck as it was: make it again.
        sync.render_ahead(deck, rendering.live_from, template)
    else:
        retry_later(render_deck, attempt, deck_id, delays=DECK_RETRY_DELAYS)
    return rendering.status


@task()
def follow_asset(asset_id, change, title, link):
    """Re-render the decks that show an asset just published or unpublished, and switch them."""
    from publishing.messaging import sync

    return len(sync.follow_asset(asset_id, change, title, link))


@task()
def render_all_decks():
    from publishing.messaging import sync

    return len(sync.render_all())


@task()
def make_deck_pdf(rendering_id):
    """Give a rendering stored OK its PDF; a failure is logged and leaves the .pptx on its own."""
    from publishing.messaging import pdf
    from publishing.messaging.models import DeckRendering

    rendering = DeckRendering.objects.select_related("deck").filter(pk=rendering_id).first()
    return rendering is not None and pdf.add_pdf(rendering)
