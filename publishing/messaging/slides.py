"""What each slide of a deck says, decided from messages, assets and text (drawing.py draws it).

A deck block can make more than one slide: a message's proof points become big numbers (quantified
outcomes) and quotes, and a case study's outcome metrics follow its asset slide. Every slide made from
a message names the message's revision in its speaker notes, so a copy can be checked later.
"""

import io
import logging
import re
from dataclasses import dataclass, field

from PIL import Image, UnidentifiedImageError

from buyingstages.common.addresses import absolute_url
from buyingstages.common.text import without_control_codes
from publishing.messaging.brand import current_brand
from publishing.messaging.models import MessagePart

logger = logging.getLogger(__name__)

METRICS_PER_SLIDE = 4
# The hero image as a deck shows it: the size of a social card, as a JPEG to keep decks small.
HERO_RENDITION = "fill-1200x630|format-jpeg|jpegquality-85"
MAX_IMAGE_PIXELS = 50_000_000  # a larger original is not resized for a slide (time and memory)
MAX_IMAGE_BYTES = 10_000_000
CONTINUED = "{} (continued)"

# A line that starts with a figure: "31% less downtime", "£1.9m annual saving", "14 to 3 weeks…".
NUMBER = r"[~≈<>+±−-]?[£$€¥]?\d(?:[\d,.]*\d)?\s?(?:%|x|×|k|m|bn|pp)?"  # "1." numbers a list
UNIT = r"(?:\s(?:weeks?|months?|days?|hours?|minutes?|seconds?|years?))?"
METRIC = re.compile(
    rf"^\s*(?P<figure>{NUMBER}(?:\s?(?:to|→|–)\s?{NUMBER})?{UNIT})\s+(?P<label>.*[^\W\d_].*)$",
    re.IGNORECASE,
)
# Words in quotation marks, then who said them: “…” (Name, Role) / "…" — Name / “…”, Name.
QUOTE = re.compile(
    r"^\s*[“\"‘«„](?P<quote>.+)[”\"’»“]\s*[-–—―,(]*\s*(?P<attribution>[^()“”\"]*[^\W\d_][^()“”\"]*?)\)?\s*$",
    re.DOTALL,
)


@dataclass
class Metric:
    figure: str
    label: str
    context: str = ""


@dataclass
class Picture:
    """An image ready for a slide: its bytes, its address (for the HTML version) and its alt text."""

    data: bytes
    url: str
    alt: str


@dataclass
class Slide:
    """One slide: `kind` picks its layout (title, section, message, text, metrics, quote, asset,
    closing); `points` are its body's paragraphs, after an optional `caption` and before its `link`."""

    kind: str
    title: str
    points: list = field(default_factory=list)
    notes: str = ""
    link: str = ""
    caption: str = ""
    metrics: list = field(default_factory=list)
    quote: str = ""
    attribution: str = ""
    picture: Picture | None = None
    warnings: list = field(default_factory=list)
    body_size: int = 0  # a continued slide's text keeps the size of the slide it continues

    @property
    def layout(self):
        """The brand template's layout it is drawn on (see brand.LAYOUTS)."""
        return "message" if self.kind == "text" else self.kind

    @property
    def paragraphs(self):
        """The body's paragraphs as drawn: caption, points, link."""
        return [text for text in (self.caption, *self.points, self.link) if text]

    @property
    def all_notes(self):
        return " ".join([self.notes, *self.warnings]).strip()


def clean(text):
    """One paragraph of slide text: no control codes, no tabs (a slide's tab stops differ)."""
    return without_control_codes(text or "").replace("\t", " ").strip()


def lines(text):
    return [clean(line) for line in (text or "").splitlines() if clean(line)]


def chunks(items, size):
    return [items[start : start + size] for start in range(0, len(items), size)]


def metric_slides(title, metrics, notes):
    """Big numbers, a few to a slide; further slides are titled as continued."""
    return [
        Slide(
            kind="metrics",
            title=title if index == 0 else CONTINUED.format(title),
            metrics=chunk,
            notes=notes,
        )
        for index, chunk in enumerate(chunks(metrics, METRICS_PER_SLIDE))
    ]


def message_slides(message, revision_id, parts):
    """The message's statement, then its proof: big numbers, customers' words, endorsements."""
    chosen = set(parts or MessagePart.values)
    # The first slide names the message and revision in the form a deck check and Sales look for;
    # the slides of its proof refer to it.
    named = f"Masthead message “{message.name}”, revision {revision_id}."
    notes = f"Proof for the message {message.name}, revision {revision_id}."
    title = clean(message.headline) if MessagePart.HEADLINE in chosen else clean(message.name)
    points = [
        line
        for part in (MessagePart.JOB, MessagePart.CATEGORY, MessagePart.BOILERPLATE)
        if part in chosen
        for line in lines(getattr(message, part.value))
    ]
    proof = list(message.proof_points) if MessagePart.PROOF in chosen else []
    slides = []
    if points:
        slides.append(Slide(kind="message", title=title, points=points))
    elif MessagePart.HEADLINE in chosen or not proof:
        slides.append(Slide(kind="section", title=title))
    outcomes = [
        Metric(
            clean(block.value["figure"]),
            clean(block.value["outcome"]),
            clean(block.value["context"]),
        )
        for block in proof
        if block.block_type == "quantified_outcome"
    ]
    slides += metric_slides("What customers measured", outcomes, notes)
    for block in proof:
        value = block.value
        if block.block_type == "customer_quote":
            slides.append(
                Slide(
                    kind="quote",
                    title=clean(value["organisation"]),
                    quote=clean(value["quote"]),
                    attribution=clean(value["attribution"]),
                    notes=notes,
                )
            )
        elif block.block_type == "endorsement":
            slides.append(
                Slide(
                    kind="quote",
                    title=clean(value["source"]),
                    quote=clean(value["statement"]),
                    link=value.get("url") or "",
                    notes=notes,
                )
            )
    if slides:
        slides[0].notes = named
    return slides


def hero_picture(image):
    """(Picture or None, a warning or ""): an image that cannot be used leaves the slide without it."""
    if image is None:
        return None, ""
    name = f"The hero image “{clean(image.title)}”"
    if (image.width or 0) * (image.height or 0) > MAX_IMAGE_PIXELS:
        return None, (
            f"{name} is left out: at {image.width}×{image.height} pixels it is too large to prepare "
            "for a slide. Upload a smaller version (at most 50 million pixels)."
        )
    try:
        rendition = image.get_rendition(HERO_RENDITION)
        with rendition.file.open("rb") as file:  # through storage, wherever it keeps files
            data = file.read(MAX_IMAGE_BYTES + 1)
        if len(data) > MAX_IMAGE_BYTES:
            return None, f"{name} is left out: its prepared file is larger than 10 MB."
        with Image.open(io.BytesIO(data)) as check:
            check.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError) as error:
        return None, f"{name} is left out: its file is not an image it can read ({error})."
    except Exception as error:  # noqa: BLE001 (storage and image libraries raise many kinds)
        return None, (
            f"{name} is left out: its file could not be read ({type(error).__name__}). Upload it again."
        )
    alt = clean(getattr(image, "default_alt_text", "") or image.title)
    return Picture(data, rendition.url, alt), ""


def asset_slides(asset):
    """The asset (picture, stage and format, summary, link), then a case study's numbers."""
    link = absolute_url(asset.url) if asset.url else ""
    picture, warning = hero_picture(asset.hero_image)
    slide = Slide(
        kind="asset",
        title=clean(asset.title),
        caption=f"{clean(asset.stage.name)} · {asset.get_format_display()}",
        points=lines(asset.summary),
        link=link,
        picture=picture,
        notes=f"Masthead asset “{clean(asset.title)}”: {link}".rstrip(": "),
        warnings=[warning] if warning else [],
    )
    slides = [slide]
    for block in asset.body:
        if block.block_type == "case_study" and block.value["outcome_metrics"]:
            metrics = [
                Metric(clean(metric["value"]), clean(metric["label"]))
                for metric in block.value["outcome_metrics"]
            ]
            outcome = clean(block.value["outcome"]) or slide.title
            slides += metric_slides(outcome, metrics, slide.notes)
            break
    return slides


def text_slides(title, text, notes=""):
    """A text slide: big numbers if every line starts with one, a quote if it is one, else points.
    Its notes are the writer's speaker notes, kept as written."""
    title, points, notes = clean(title), lines(text), clean(notes)
    metrics = [METRIC.match(point) for point in points]
    if points and all(metrics) and len(points) <= 2 * METRICS_PER_SLIDE:
        return metric_slides(
            title, [Metric(found["figure"], found["label"]) for found in metrics], notes
        )
    quoted = QUOTE.match(" ".join(points))
    if quoted and len(quoted["attribution"]) <= 160:
        return [
            Slide(
                kind="quote",
                title=title,
                quote=clean(quoted["quote"]),
                attribution=clean(quoted["attribution"]),
                notes=notes,
            )
        ]
    return [Slide(kind="text", title=title, points=points, notes=notes)]


def closing_slide(brand):
    home = absolute_url("/")
    sign_off = f"{brand.name}: {brand.strapline}" if brand.strapline else brand.name
    return Slide(kind="closing", title="Thank you", points=[clean(sign_off)], link=home)


def build_slides(deck, versions):
    """The deck's slides: its title, each block's slides in order, and the brand's closing slide."""
    slides = [Slide(kind="title", title=clean(deck.title), points=lines(deck.audience)[:1])]
    for block in deck.slides:
        value = block.value
        if block.block_type == "message_slide":
            revision_id, message = versions[value["message"].pk]
            slides += message_slides(message, revision_id, value["parts"])
        elif block.block_type == "asset_slide":
            asset = value["asset"].specific if value["asset"] else None
            if asset is not None and asset.live:
                slides += asset_slides(asset)
        else:
            slides += text_slides(value["title"], value["text"], value.get("notes", ""))
    slides.append(closing_slide(current_brand()))
    for slide in slides:
        for warning in slide.warnings:
            logger.warning("Deck %s: %s", deck.slug, warning)
    return slides
