"""Is my deck current? A deck file's slide text compared with the current rendering of its deck.

Both files are read the same way (python-pptx, the text of each slide), so the comparison does not
depend on how slides are drawn: a bullet edited by hand shows up, and so does a message or asset that
changed since the copy was made. The manifest inside the file only says which deck it is.
"""

import io
import re
from dataclasses import dataclass, field
from datetime import datetime
from difflib import SequenceMatcher
from itertools import zip_longest

from django.utils import timezone
from django.utils.html import format_html, format_html_join
from pptx.enum.shapes import MSO_SHAPE_TYPE

from buyingstages.common.addresses import absolute_url
from buyingstages.library.models import AssetPage
from publishing.messaging import rendering as decks
from publishing.messaging.models import Message, SalesDeck, released_version
from publishing.messaging.models.decks import EDIT_DECKS

# The manifest's key naming the deck: part of the file format, so it never changes.
DECK_KEY = "masthead-deck"
# How alike two slides' words must be (0..1) to count as one slide reworded, not one removed and
# another added.
SAME_SLIDE = 0.4
# Beyond this many slide pairs to weigh, slides are paired by position (a file of hundreds of
# unrelated slides is not worth a quadratic search).
MAX_PAIRINGS = 2500
# A word or a run of punctuation, with the space before it (so a change reads as one phrase).
WORDS = re.compile(r"\s*(?:\w+|[^\w\s]+)|\s+")

CHANGED, MISSING, EXTRA = "changed", "missing", "extra"

NOT_OURS = (
    "This file was not made by Masthead: it has no Masthead record inside, so there is nothing to "
    "compare it with. Download the current deck from the Sales decks list instead."
)


class CannotCheck(ValueError):
    """The file cannot be compared: not a Masthead deck, damaged, or its deck has no current version."""


def plain(text):
    return " ".join((text or "").split())


@dataclass(frozen=True)
class SlideText:
    """What one slide says: its title and each other paragraph, in the order they are drawn."""

    number: int
    title: str
    lines: tuple

    @property
    def key(self):
        return (self.title, self.lines)

    @property
    def heading(self):
        return self.title or (self.lines[0] if self.lines else f"Slide {self.number}")

    def words(self):
        return " ".join((self.title, *self.lines)).split()


def shape_lines(shape):
    if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
        for inner in shape.shapes:
            yield from shape_lines(inner)
    elif shape.has_text_frame:
        for paragraph in shape.text_frame.paragraphs:
            if text := plain(paragraph.text):
                yield text
    elif shape.has_table:
        for row in shape.table.rows:
            for cell in row.cells:
                if text := plain(cell.text):
                    yield text


def slide_texts(presentation):
    """[SlideText] for every slide of a python-pptx Presentation (speaker notes are not shown)."""
    slides = []
    for number, slide in enumerate(presentation.slides, start=1):
        title_shape = slide.shapes.title
        title_id = title_shape.shape_id if title_shape is not None else None
        lines = tuple(
            line
            for shape in slide.shapes
            if shape.shape_id != title_id
            for line in shape_lines(shape)
        )
        title = plain(title_shape.text_frame.text) if title_shape is not None else ""
        slides.append(SlideText(number, title, lines))
    return slides


def file_slides(file):
    """The slides of an uploaded or stored .pptx; CannotCheck if it cannot be read."""
    try:
        return slide_texts(decks.open_pptx(file))
    except decks.NotADeck as error:
        raise CannotCheck(str(error)) from error
    except Exception as error:  # lxml and python-pptx raise many kinds on a broken part
        raise CannotCheck(
            f"This .pptx is damaged and its slides could not be read ({type(error).__name__})."
        ) from error


def rendering_slides(rendering):
    """The slides of a stored rendering, read from its .pptx like any other file."""
    try:
        with rendering.file.open("rb") as stored:
            content = stored.read()
    except (OSError, ValueError) as error:  # missing from storage, or no file at all
        raise CannotCheck(f"The rendering of “{rendering.deck}” could not be read.") from error
    return file_slides(io.BytesIO(content))


@dataclass
class LineChange:
    """One title or paragraph that differs: the approved wording and the wording in the file."""

    label: str
    approved: str
    yours: str

    def word_diff(self):
        """(approved, yours) as [(text, differs)] runs, compared word by word."""
        approved, yours = WORDS.findall(self.approved), WORDS.findall(self.yours)
        left, right = [], []
        matcher = SequenceMatcher(None, approved, yours, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if i2 > i1:
                left.append(("".join(approved[i1:i2]), tag != "equal"))
            if j2 > j1:
                right.append(("".join(yours[j1:j2]), tag != "equal"))
        return left, right

    @property
    def approved_html(self):
        """The approved wording, escaped, with the words your file lacks in <ins>."""
        return runs_html(self.word_diff()[0], "<ins>{}</ins>")

    @property
    def yours_html(self):
        """The file's wording, escaped, with the words that are not approved in <del>."""
        return runs_html(self.word_diff()[1], "<del>{}</del>")


def runs_html(runs, marked):
    return format_html_join(
        "", "{}", ((format_html(marked if differs else "{}", text),) for text, differs in runs)
    )


@dataclass
class SlideChange:
    """A slide of the file that differs from the current deck (CHANGED), is not in it (EXTRA), or a
    slide of the current deck the file lacks (MISSING)."""

    kind: str
    yours: SlideText | None = None
    approved: SlideText | None = None
    lines: list = field(default_factory=list)
    asset: AssetPage | None = None
    stale: bool = False  # an asset on it was edited, published or unpublished since the copy
    reason: str = ""

    @property
    def heading(self):
        if self.kind == MISSING:
            return (
                f"Missing from your file: “{self.approved.heading}” "
                f"(slide {self.approved.number} of the current deck)"
            )
        if self.kind == EXTRA:
            return f"Slide {self.yours.number}: “{self.yours.heading}” is not in the current deck"
        return f"Slide {self.yours.number}: “{self.yours.heading}” differs from the current deck"

    def slides(self):
        return [slide for slide in (self.yours, self.approved) if slide is not None]


def line_changes(yours, approved):
    changes = []
    if yours.title != approved.title:
        changes.append(LineChange("Title", approved.title, yours.title))
    matcher = SequenceMatcher(None, yours.lines, approved.lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        pairs = zip_longest(yours.lines[i1:i2], approved.lines[j1:j2], fillvalue="")
        changes += [LineChange("Text", theirs, mine) for mine, theirs in pairs]
    return changes


def likeness(yours, approved):
    """0..1: how alike two slides are, by their words or by their paragraphs (a slide whose title
    alone was reworded is still the same slide); the same title makes them the same slide."""
    words = SequenceMatcher(None, yours.words(), approved.words(), autojunk=False).ratio()
    lines = (
        SequenceMatcher(None, yours.lines, approved.lines, autojunk=False).ratio()
        if yours.lines and approved.lines
        else 0
    )
    same_title = SAME_SLIDE if yours.title and yours.title == approved.title else 0
    return max(words, lines, same_title)


def pair_up(yours, approved):
    """Slide changes for a run of differing slides: the most alike pairs in order, the rest alone."""
    n, m = len(yours), len(approved)
    if n * m > MAX_PAIRINGS:
        return [
            SlideChange(CHANGED, mine, theirs, line_changes(mine, theirs))
            if mine and theirs
            else SlideChange(EXTRA if mine else MISSING, yours=mine, approved=theirs)
            for mine, theirs in zip_longest(yours, approved)
        ]
    alike = {(i, j): likeness(yours[i], approved[j]) for i in range(n) for j in range(m)}
    # best[i][j]: the most likeness from pairing yours[:i] with approved[:j], in order.
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            paired = alike.get((i - 1, j - 1), 0)
            best[i][j] = max(
                best[i - 1][j],
                best[i][j - 1],
                (best[i - 1][j - 1] + paired) if paired >= SAME_SLIDE else 0,
            )
    changes, i, j = [], n, m
    while i or j:
        paired = alike.get((i - 1, j - 1), 0) if i and j else 0
        if paired >= SAME_SLIDE and best[i][j] == best[i - 1][j - 1] + paired:
            mine, theirs = yours[i - 1], approved[j - 1]
            changes.append(SlideChange(CHANGED, mine, theirs, line_changes(mine, theirs)))
            i, j = i - 1, j - 1
        elif i and (not j or best[i][j] == best[i - 1][j]):
            changes.append(SlideChange(EXTRA, yours=yours[i - 1]))
            i -= 1
        else:
            changes.append(SlideChange(MISSING, approved=approved[j - 1]))
            j -= 1
    return changes[::-1]


def compare(yours, approved):
    """[SlideChange] turning the slides `yours` into `approved`, in deck order; [] when they match."""
    matcher = SequenceMatcher(
        None, [slide.key for slide in yours], [slide.key for slide in approved], autojunk=False
    )
    changes = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            changes += pair_up(yours[i1:i2], approved[j1:j2])
    return changes


def shows_asset(change, title, link):
    """Whether a changed slide is an asset's slide: it bears the asset's title or its link."""
    title = plain(title)
    return any(
        (title and slide.title == title) or (link and any(link in line for line in slide.lines))
        for slide in change.slides()
    )


def asset_link(asset):
    return absolute_url(asset.url) if asset.url else ""


def explain_assets(changes, deck, rendered_at):
    """Name the asset on each changed asset slide, and whether it changed since the copy was made."""
    assets = [
        (asset, asset_link(asset)) for asset in AssetPage.objects.filter(pk__in=deck.asset_ids())
    ]
    for change in changes:
        asset = next((a for a, link in assets if shows_asset(change, a.title, link)), None)
        if asset is None:
            continue
        change.asset = asset
        since = rendered_at is None or (
            asset.last_published_at is not None and asset.last_published_at > rendered_at
        )
        if not asset.live:
            change.stale = True
            change.reason = f"the asset “{asset.title}” was unpublished and its page is gone"
        elif since and change.kind == MISSING:
            change.stale = True
            change.reason = f"the asset “{asset.title}” was published after your copy was made"
        elif since:
            change.stale = True
            change.reason = f"the asset “{asset.title}” was edited after your copy was made"


def messages_changed(manifest, deck, now=None):
    """The deck's messages released anew since the revision the file records for them."""
    recorded = manifest["messages"]
    changed = []
    for message in Message.objects.filter(pk__in=deck.message_ids()):
        revision_id, _ = released_version(message, now)
        was = recorded.get(str(message.pk))
        if was is not None and revision_id is not None and revision_id != was:
            changed.append(message)
    return changed


def made_at(manifest):
    try:
        moment = datetime.fromisoformat(manifest.get("rendered_at"))
    except (TypeError, ValueError):
        return None
    return moment if timezone.is_aware(moment) else None


@dataclass
class DeckCheck:
    """The verdict on one file: its deck, when it was made, and every slide that differs."""

    deck: SalesDeck
    rendered_at: datetime | None
    changes: list
    messages_changed: list
    embargoed_until: datetime | None = None  # the current deck shows an embargoed message

    @property
    def current(self):
        return not self.changes and self.embargoed_until is None

    @property
    def stale_assets(self):
        return [change for change in self.changes if change.stale]


def check(file, viewer=None, editor=False, now=None):
    """Compare an uploaded deck with the live rendering of the deck its manifest names.

    Raises CannotCheck, with a message for the person, for a file that is not a Masthead deck or is
    damaged, or a deck they cannot see (another salesperson's own deck) or that has no current
    rendering. Only editors are shown the text of a deck under embargo or a draft deck.
    """
    if viewer is not None:
        editor = viewer.has_perm(EDIT_DECKS)
    try:
        manifest = decks.read_manifest(file)
    except decks.NotADeck as error:
        raise CannotCheck(str(error)) from error
    if manifest is None:
        raise CannotCheck(NOT_OURS)
    slug = str(manifest.get(DECK_KEY))
    deck = SalesDeck.objects.filter(slug=slug).first()
    hidden = deck is not None and viewer is not None and not deck.is_visible_to(viewer)
    if deck is None or hidden or (deck.is_draft and not editor):
        raise CannotCheck(
            f"This file is the deck “{slug}”, which Masthead no longer offers: there is no current "
            "version to compare it with."
        )
    rendering = deck.current_rendering(now)
    if rendering is None:
        raise CannotCheck(f"“{deck.title}” has no current version yet. Try again in a minute.")
    rendered_at = made_at(manifest)
    changed_messages = messages_changed(manifest, deck, now)
    embargoed = list(rendering.embargoed_messages(now))
    if embargoed and not editor:
        return DeckCheck(
            deck, rendered_at, [], changed_messages, embargoed_until=embargoed[0].embargo_until
        )
    yours = file_slides(file)
    try:
        approved = rendering_slides(rendering)
    except CannotCheck as error:
        raise CannotCheck(
            f"The current “{deck.title}” could not be read to compare with. Please try again later."
        ) from error
    changes = compare(yours, approved)
    explain_assets(changes, deck, rendered_at)
    return DeckCheck(deck, rendered_at, changes, changed_messages)
