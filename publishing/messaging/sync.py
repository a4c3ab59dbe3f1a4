"""Moving the site and every deck to a new message revision together.

1. Render every deck that shows the message with the new revision (slow; in the background worker).
2. In one transaction, release the revision and make the new renderings live from the same moment.

Before that moment every reader, page and download gets the old text; from it, all get the new. A
scheduled revision is prepared ahead, with its moment set to the go-live time, so it flips exactly then.
A deck that fails to render keeps its previous rendering and the failure is reported.
"""

import difflib

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from buyingstages.common.people import sales_emails
from buyingstages.common.text import one_line
from publishing.messaging import rendering as decks
from publishing.messaging.models import (
    DeckRendering,
    Message,
    MessageRelease,
    RenderStatus,
    SalesDeck,
)


def release(message, revision, live_from=None):
    """Render, then switch. Returns (release, renderings). Safe to repeat for the same revision."""
    existing = MessageRelease.objects.filter(message=message, revision=revision).first()
    if existing is not None:
        return existing, []
    new_version = revision.as_object()
    template = decks.brand_template()
    renderings = [
        decks.render(
            deck,
            overrides={message.pk: (revision.pk, new_version)},
            now=live_from,
            template=template,
        )
        for deck in SalesDeck.objects.using_message(message)
    ]
    with transaction.atomic():
        moment = live_from or timezone.now()
        previous = message.releases.current(moment).select_related("revision").first()
        made = MessageRelease.objects.create(message=message, revision=revision, live_from=moment)
        good = [rendering for rendering in renderings if rendering.status == RenderStatus.OK]
        DeckRendering.objects.filter(pk__in=[rendering.pk for rendering in good]).update(
            live_from=moment
        )
    if not message.is_test_variant:
        transaction.on_commit(lambda: notify_sales(message, previous, new_version, renderings))
    return made, renderings


def withdraw_schedule(message):
    """An unscheduled revision must not go live: drop its prepared release and renderings."""
    now = timezone.now()
    future = message.releases.filter(live_from__gt=now)
    deck_ids = SalesDeck.objects.using_message(message).values_list("pk", flat=True)
    with transaction.atomic():
        DeckRendering.objects.filter(deck_id__in=deck_ids, live_from__gt=now).update(live_from=None)
        future.delete()


def render_all():
    """Re-render every deck with what is released now (after a new brand template)."""
    moment = timezone.now()
    template = decks.brand_template()
    renderings = [
        decks.render(deck, now=moment, template=template) for deck in SalesDeck.objects.all()
    ]
    DeckRendering.objects.filter(
        pk__in=[rendering.pk for rendering in renderings if rendering.status == RenderStatus.OK]
    ).update(live_from=moment)
    return renderings


def text_diff(old, new):
    return "\n".join(
        difflib.unified_diff(
            old.splitlines(), new.splitlines(), "before", "after", lineterm="", n=0
        )
    )


def notify_sales(message, previous, new_version, renderings):
    """Tell everyone in Sales which decks changed, and how the message's text changed."""
    changed = [rendering for rendering in renderings if rendering.status == RenderStatus.OK]
    failed = [rendering for rendering in renderings if rendering.status == RenderStatus.FAILED]
    if not changed and not failed:
        return 0
    recipients = sales_emails()
    if not recipients:
        return 0
    old_text = previous.as_message().as_text() if previous else ""
    when = changed[0].live_from if changed and changed[0].live_from else timezone.now()
    lines = [
        f"The message “{message.name}” changes on {timezone.localtime(when):%d %b %Y %H:%M}.",
        "",
        "Decks now carrying the new text (download them again):",
        *(f"  - {r.deck.title}: {r.deck.get_download_url()}" for r in changed),
    ]
    if failed:
        lines += ["", "Decks still showing the old text (editors are told):"]
        lines += [f"  - {r.deck.title}" for r in failed]
    lines += ["", "What changed:", text_diff(old_text, new_version.as_text()) or "(wording only)"]
    send_mail(
        subject=f"Decks updated: {one_line(message.name)}",
        message="\n".join(lines),
        from_email=None,
        recipient_list=recipients,
    )
    return len(recipients)


def is_current(manifest, now=None):
    """Compare a deck file's manifest with what is released now.

    Returns [(message, revision id in the file, message as released now)] for each message that changed.
    """
    from publishing.messaging.models import released_version

    changed = []
    recorded = manifest["messages"]
    messages = Message.objects.in_bulk([int(pk) for pk in recorded if str(pk).isdigit()])
    for pk, revision_id in recorded.items():
        message = messages.get(int(pk)) if str(pk).isdigit() else None
        if message is None:
            continue
        current_revision, current = released_version(message, now)
        if current_revision is not None and current_revision != revision_id:
            changed.append((message, revision_id, current))
    return changed


def next_public_switch(now=None):
    """The next moment the site changes by itself: a scheduled release going live or an embargo ending."""
    now = now or timezone.now()
    moments = [
        MessageRelease.objects.filter(live_from__gt=now).aggregate(moment=Min("live_from")),
        Message.objects.filter(embargo_until__gt=now).aggregate(moment=Min("embargo_until")),
    ]
    return min((found["moment"] for found in moments if found["moment"]), default=None)
