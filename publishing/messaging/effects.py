"""What publishing a message's draft would change: its parts, the live pages and the deck slides.

Editors see the whole effect before they publish, old beside new. The "old" side is what the public sees
now (the current release); the "new" side is the latest draft, or a chosen revision. Decks are compared
slide by slide, built once as they are and once with the draft in place, so a part no slide shows (or a
deck that shows other parts) does not appear as a change.
"""

import difflib
import re
from dataclasses import dataclass, field
from itertools import zip_longest

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.fields import StreamField
from wagtail.models import Page, ReferenceIndex

from publishing.messaging.models import MessagePart, SalesDeck, released_version
from publishing.messaging.rendering import build_slides, resolve_messages

WORDS = re.compile(r"\n|\S+")  # words, and line breaks kept as words so lines stay lines


def word_diff(old, new):
    """(old, new) as escaped HTML, the words that differ wrapped in <del> and <ins>."""
    old_words, new_words = WORDS.findall(old), WORDS.findall(new)
    old_html, new_html = [], []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        removed = escape(" ".join(old_words[a1:a2]))
        added = escape(" ".join(new_words[b1:b2]))
        if tag == "equal":
            old_html.append(removed)
            new_html.append(added)
            continue
        if removed:
            old_html.append(f"<del>{removed}</del>")
        if added:
            new_html.append(f"<ins>{added}</ins>")
    return mark_safe(" ".join(old_html)), mark_safe(" ".join(new_html))  # noqa: S308 (escaped above)


@dataclass
class Change:
    """One text, before and after: a message part or a slide."""

    label: str
    old: str
    new: str

    @property
    def old_html(self):
        return word_diff(self.old, self.new)[0]

    @property
    def new_html(self):
        return word_diff(self.old, self.new)[1]


@dataclass
class PageEffect:
    page: Page
    parts: list  # the labels of the parts the page shows
    changes: list


@dataclass
class SlideChange(Change):
    number: int = 0


@dataclass
class DeckEffect:
    deck: SalesDeck
    slides: list = field(default_factory=list)
    error: str = ""


@dataclass
class Effect:
    message: object
    live_revision_id: int | None
    revision_id: int | None
    go_live_at: object = None  # a scheduled draft's go-live time, still in the future
    embargo_until: object = None
    parts: list = field(default_factory=list)
    pages: list = field(default_factory=list)
    decks: list = field(default_factory=list)

    @property
    def changes_nothing(self):
        return not (self.parts or self.pages or self.decks)


def part_changes(old, new, parts=None):
    """[Change] for each chosen part whose text differs (all parts when `parts` is empty)."""
    chosen = set(parts or MessagePart.values)
    before = {part: text for part, _, text in old.parts_text()} if old else {}
    after = {part: text for part, _, text in new.parts_text()}
    return [
        Change(part.label, before.get(part.value, ""), after.get(part.value, ""))
        for part in MessagePart
        if part.value in chosen and before.get(part.value, "") != after.get(part.value, "")
    ]


def parts_shown(page, message):
    """The parts of `message` a page's message blocks show (empty: the whole message), or None."""
    shown = None
    for stream_field in page._meta.get_fields():
        if not isinstance(stream_field, StreamField):
            continue
        for block in getattr(page, stream_field.name):
            value = block.value
            chosen = getattr(value, "get", None) and value.get("message")
            if getattr(chosen, "pk", None) != message.pk:
                continue
            parts = list(value.get("parts") or [])
            if not parts:
                return []
            shown = sorted(set(shown or []) | set(parts), key=MessagePart.values.index)
    return shown


def live_pages(message):
    """[(page, parts)] for every live page that shows the message, found through Wagtail's reference
    index as the consistency report finds them."""
    found = []
    for source, _ in ReferenceIndex.get_references_to(message).group_by_source_object():
        if not isinstance(source, Page):
            continue
        page = source.specific
        parts = parts_shown(page, message) if page.live else None
        if parts is not None:
            found.append((page, parts))
    return found


def slide_text(slide):
    """A slide's words as a reader sees them: title, body, quote and big numbers."""
    metrics = [f"{metric.figure} {metric.label}".strip() for metric in slide.metrics]
    quote = f"“{slide.quote}” {slide.attribution}".strip() if slide.quote else ""
    return "\n".join(text for text in (slide.title, *slide.paragraphs, quote, *metrics) if text)


def slide_changes(deck, message, revision_id, new, now):
    """[SlideChange] between the deck as it is and with `new` in place of the live message."""
    before = build_slides(deck, resolve_messages(deck, {}, now, include_drafts=False))
    overrides = {message.pk: (revision_id, new)}
    after = build_slides(deck, resolve_messages(deck, overrides, now, include_drafts=False))
    changes = []
    for number, (old, new_slide) in enumerate(zip_longest(before, after), start=1):
        old_text = slide_text(old) if old else ""
        new_text = slide_text(new_slide) if new_slide else ""
        if old_text != new_text:
            kind = (new_slide or old).kind
            changes.append(SlideChange(f"Slide {number} ({kind})", old_text, new_text, number))
    return changes


def effect_of_publishing(message, revision=None, now=None):
    """The Effect of publishing `revision` (by default the latest draft) of `message` now."""
    now = now or timezone.now()
    revision = revision or message.latest_revision
    live_revision_id, live = released_version(message, now)
    new = revision.as_object() if revision else live
    go_live_at = (revision and revision.approved_go_live_at) or getattr(new, "go_live_at", None)
    effect = Effect(
        message=message,
        live_revision_id=live_revision_id,
        revision_id=revision.pk if revision else None,
        go_live_at=go_live_at if go_live_at and go_live_at > now else None,
        embargo_until=new.embargo_until if new and new.is_embargoed(now) else None,
    )
    if new is None or (revision and revision.pk == live_revision_id):
        return effect
    effect.parts = part_changes(live, new)
    for page, parts in live_pages(message):
        changes = part_changes(live, new, parts)
        if changes:
            labels = [MessagePart(part).label for part in parts] or ["The whole message"]
            effect.pages.append(PageEffect(page, labels, changes))
    for deck in SalesDeck.objects.using_message(message).order_by("title"):
        try:
            slides = slide_changes(deck, message, effect.revision_id, new, now)
        except ValueError as error:  # another message in the deck has never been published
            effect.decks.append(DeckEffect(deck, error=str(error)))
            continue
        if slides:
            effect.decks.append(DeckEffect(deck, slides))
    return effect
