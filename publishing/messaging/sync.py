"""Moving the site and every deck to a new message revision together, and decks along with assets.

1. Render every deck that shows the message with the new revision (slow; in the background worker).
2. In one transaction, release the revision and make the new renderings live from the same moment.

Before that moment every reader, page and download gets the old text; from it, all get the new. A
scheduled revision is prepared ahead, with its moment set to the go-live time, so it flips exactly then.
An asset published, edited or unpublished re-renders the decks that show it the same way. A deck that
fails to render keeps its previous rendering and the failure is reported. Sales are told in words what
changed, with links to the new decks and to the deck check, and, when the new wording won a story
test, its result.
"""

from difflib import SequenceMatcher
from itertools import zip_longest

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Min
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from buyingstages.common.addresses import absolute_url
from buyingstages.common.people import sales_emails
from buyingstages.common.text import one_line
from publishing.messaging import checking, story_tests
from publishing.messaging import rendering as decks
from publishing.messaging.models import (
    DeckRendering,
    Message,
    MessagePart,
    MessageRelease,
    RenderStatus,
    SalesDeck,
)

PUBLISHED, UNPUBLISHED = "published", "unpublished"


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
        make_live(renderings, moment)
        story_tests.stop_if_superseded(message, revision)
    if not message.is_test_variant:
        if new_version.is_embargoed(moment):
            changes = [
                "The new wording is under embargo until "
                f"{timezone.localtime(new_version.embargo_until):%d %b %Y %H:%M}; the decks can be "
                "downloaded then."
            ]
        else:
            changes = message_changes(previous.as_message() if previous else None, new_version)
        summary = (
            f"The message “{message.name}” changes on {timezone.localtime(moment):%d %b %Y %H:%M}."
        )
        why = story_tests.result_in_words(message, revision)
        if why:
            summary = f"{summary}\n\n{why}"
        transaction.on_commit(
            lambda: notify_sales(f"Decks updated: {message.name}", summary, changes, renderings),
            robust=True,  # a mail server that is down does not undo the switch
        )
    return made, renderings


def make_live(renderings, moment):
    """The good renderings go live at `moment`; a failed one leaves its deck's previous one live."""
    DeckRendering.objects.filter(
        pk__in=[rendering.pk for rendering in renderings if rendering.status == RenderStatus.OK]
    ).update(live_from=moment)


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
    make_live(renderings, moment)
    return renderings


def follow_asset(asset_id, change, title, link):
    """Re-render the decks that show an asset, as it is published now, and switch them together.

    `change` is PUBLISHED (a first publish, an edit, a scheduled publish going live) or UNPUBLISHED
    (the asset's slide leaves the decks); `title` and `link` name the asset's slide, even once the
    page is gone. A rendering prepared for a scheduled message release is made again too, or it
    would bring the old asset back at its go-live. Returns the renderings made for now.
    """
    moment = timezone.now()
    template = decks.brand_template()
    showing = list(SalesDeck.objects.using_asset(asset_id))
    before = [deck.current_rendering(moment) for deck in showing]
    renderings = [decks.render(deck, now=moment, template=template) for deck in showing]
    for deck in showing:
        render_ahead(deck, moment, template)
    make_live(renderings, moment)
    changed, changes = [], []
    for previous, rendering in zip(before, renderings, strict=True):
        found = asset_slide_changes(previous, rendering, change, title, link)
        if found or rendering.status == RenderStatus.FAILED:
            changed.append(rendering)
        changes += [words for words in found if words not in changes]
    if changed and not changes:  # only failures: say what the new rendering was for
        changes = [
            f"Asset slide {quoted(title)} removed: the asset was unpublished"
            if change == UNPUBLISHED
            else f"The asset {quoted(title)} was edited"
        ]
    if changed:
        verb = "was unpublished" if change == UNPUBLISHED else "was published"
        summary = f"The asset “{title}” {verb} on {timezone.localtime(moment):%d %b %Y %H:%M}."
        transaction.on_commit(
            lambda: notify_sales(f"Decks updated: asset “{title}”", summary, changes, changed),
            robust=True,
        )
    return renderings


def render_ahead(deck, moment, template):
    """Make again the deck's renderings prepared for a later moment, with what is released then."""
    prepared = (
        deck.renderings.filter(status=RenderStatus.OK, live_from__gt=moment)
        .order_by()
        .values_list("live_from", flat=True)
        .distinct()
    )
    for when in list(prepared):
        make_live([decks.render(deck, now=when, template=template)], when)


# What changed, in words -----------------------------------------------------------------------


def quoted(text):
    return f"“{text}”"


def message_changes(old, new):
    """Each changed line of a message, in words: Headline value statement: “a” → “b”."""
    before = {part: text for part, _, text in old.parts_text()} if old else {}
    after = {part: text for part, _, text in new.parts_text()}
    words = []
    for part in MessagePart:
        old_lines = before.get(part.value, "").splitlines()
        new_lines = after.get(part.value, "").splitlines()
        matcher = SequenceMatcher(None, old_lines, new_lines, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            pairs = zip_longest(old_lines[i1:i2], new_lines[j1:j2], fillvalue="")
            words += [in_words(part.label, was, now) for was, now in pairs]
    return words


def in_words(label, was, now):
    if was and now:
        return f"{label}: {quoted(was)} → {quoted(now)}"
    if now:
        return f"{label} added: {quoted(now)}"
    return f"{label} removed (it said {quoted(was)})"


def asset_slide_changes(previous, rendering, change, title, link):
    """How the asset's slide changed between a deck's previous rendering and its new one, in words."""
    if previous is None or rendering.status != RenderStatus.OK:
        return []
    try:
        slide_changes = checking.compare(
            checking.rendering_slides(previous), checking.rendering_slides(rendering)
        )
    except checking.CannotCheck:
        return []
    words = []
    for slide in slide_changes:
        if not checking.shows_asset(slide, title, link):
            continue
        if slide.kind == checking.EXTRA:
            reason = (
                "the asset was unpublished" if change == UNPUBLISHED else "it is no longer shown"
            )
            words.append(f"Asset slide {quoted(slide.yours.heading)} removed: {reason}")
        elif slide.kind == checking.MISSING:
            words.append(
                f"Asset slide {quoted(slide.approved.heading)} added: the asset was published"
            )
        else:
            label = f"Asset slide {quoted(slide.approved.heading)}"
            words += [
                in_words(f"{label}, {line.label.lower()}", line.yours, line.approved)
                for line in slide.lines
            ]
    return words


def notify_sales(subject, summary, changes, renderings):
    """E-mail Sales what changed, in words, with links to download each changed deck and to check a
    copy they hold. Draft decks are left out: Sales cannot open them."""
    shown = [rendering for rendering in renderings if not rendering.deck.is_draft]
    changed = [rendering for rendering in shown if rendering.status == RenderStatus.OK]
    failed = [rendering for rendering in shown if rendering.status == RenderStatus.FAILED]
    if not changed and not failed:
        return 0
    recipients = sales_emails()
    if not recipients:
        return 0
    subject = one_line(subject)
    context = {
        "subject": subject,
        "summary": summary,
        "changes": changes,
        "decks": [
            {"title": r.deck.title, "url": absolute_url(r.deck.get_download_url())} for r in changed
        ],
        "failed": [rendering.deck.title for rendering in failed],
        "check_url": absolute_url(reverse("deck_check")),
    }
    email = EmailMultiAlternatives(
        subject, render_to_string("messaging/email/decks_updated.txt", context), to=recipients
    )
    email.attach_alternative(
        render_to_string("messaging/email/decks_updated.html", context), "text/html"
    )
    email.send()
    return len(recipients)


def next_public_switch(now=None):
    """The next moment the site changes by itself: a scheduled release going live or an embargo ending."""
    now = now or timezone.now()
    moments = [
        MessageRelease.objects.filter(live_from__gt=now).aggregate(moment=Min("live_from")),
        Message.objects.filter(embargo_until__gt=now).aggregate(moment=Min("embargo_until")),
    ]
    return min((found["moment"] for found in moments if found["moment"]), default=None)
