"""Background work for messages and decks, run by the django-tasks worker."""

from datetime import datetime

from django_tasks import task


@task()
def release_message(message_id, revision_id, live_from=None):
    """Render the decks that show a message with a new revision, then switch site and decks to it."""
    from wagtail.models import Revision

    from . import sync
    from .models import Message

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
    from . import sync
    from .models import Message

    message = Message.objects.filter(pk=message_id).first()
    if message is not None:
        sync.withdraw_schedule(message)


@task()
def render_deck(deck_id):
    """Re-render one deck with what is released now, and make it live if it rendered."""
    from django.utils import timezone

    from . import decks
    from .models import RenderStatus, SalesDeck

    deck = SalesDeck.objects.filter(pk=deck_id).first()
    if deck is None:
        return None
    rendering = decks.render(deck)
    if rendering.status == RenderStatus.OK:
        rendering.live_from = timezone.now()
        rendering.save(update_fields=["live_from"])
    return rendering.status


@task()
def render_all_decks():
    from . import sync

    return len(sync.render_all())
