"""Rendering sales decks: slides from messages and assets, drawn on the brand template with python-pptx.

Every rendering records which message revisions it used, in the database and in the file itself (the
core properties' comments hold a JSON manifest; each message slide's speaker notes name its revision), so
a salesperson's copy can later be checked against what is current.
"""

import io
import json
import zipfile
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone
from pptx import Presentation
from pptx.exc import PackageNotFoundError

from buyingstages.common.addresses import absolute_url
from buyingstages.common.text import without_control_codes
from publishing.messaging.models import (
    DeckRendering,
    DeckTemplate,
    Message,
    RenderStatus,
    released_version,
)

MANIFEST_KEY = "masthead-deck"
MAX_UNCOMPRESSED_BYTES = 200_000_000  # a zip bomb stops here


class BadTemplate(ValueError):
    pass


class NotADeck(ValueError):
    pass


@dataclass
class Slide:
    kind: str
    title: str
    points: list = field(default_factory=list)
    notes: str = ""
    link: str = ""


def open_pptx(file):
    """A Presentation from an upload or path, or NotADeck saying what is wrong with it."""
    if hasattr(file, "seek"):
        file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            if sum(item.file_size for item in archive.infolist()) > MAX_UNCOMPRESSED_BYTES:
                raise NotADeck("The file unpacks to more than 200 MB; it is not a normal deck.")
            if "[Content_Types].xml" not in archive.namelist():
                raise NotADeck("This is a zip file, but not a PowerPoint (.pptx) file.")
            archive.testzip()
    except (zipfile.BadZipFile, EOFError, OSError) as error:
        raise NotADeck("This is not a PowerPoint (.pptx) file, or it is damaged.") from error
    if hasattr(file, "seek"):
        file.seek(0)
    try:
        return Presentation(file)
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise NotADeck("This file could not be read as a PowerPoint (.pptx) deck.") from error
    except Exception as error:  # lxml and python-pptx raise many kinds on a broken part
        raise NotADeck(
            f"This .pptx is damaged and could not be read ({type(error).__name__})."
        ) from error


def layouts(presentation):
    """(title layout, content layout): by name where the template names them, else by position."""
    by_name = {layout.name.lower(): layout for layout in presentation.slide_layouts}
    all_layouts = list(presentation.slide_layouts)
    if len(all_layouts) < 2:
        raise BadTemplate(
            "The template needs at least two slide layouts: a title and a content one."
        )
    title = by_name.get("title slide", all_layouts[0])
    content = by_name.get("title and content", all_layouts[1])
    for layout, label in ((title, "title"), (content, "title and content")):
        if not any(
            placeholder.placeholder_format.type is not None for placeholder in layout.placeholders
        ):
            raise BadTemplate(f"The {label} layout has no placeholders to put text in.")
    if content.placeholders and len(list(content.placeholders)) < 2:
        raise BadTemplate("The title-and-content layout needs a title and a body placeholder.")
    return title, content


def check_template(file):
    """Raise BadTemplate unless the upload is a .pptx whose layouts Masthead can draw on."""
    try:
        presentation = open_pptx(file)
    except NotADeck as error:
        raise BadTemplate(str(error)) from error
    layouts(presentation)


def brand_template():
    """The newest brand template's bytes (None: python-pptx's default). Read once per batch of decks."""
    template = DeckTemplate.objects.first()
    if template is None:
        return None
    with template.file.open("rb") as file:
        return file.read()


def message_slide(message, revision_id, parts):
    parts_text = message.parts_text(parts)
    headline = next((text for part, _, text in parts_text if part == "headline"), "")
    points = [text for part, _, text in parts_text if part != "headline"]
    return Slide(
        kind="message",
        title=headline or message.name,
        points=[line for text in points for line in text.split("\n") if line],
        notes=f"Masthead message “{message.name}”, revision {revision_id}.",
    )


def asset_slide(asset):
    points = [asset.summary]
    outcome = asset.case_study_outcome()
    if outcome:
        points.append(f"Outcome: {outcome}")
    link = absolute_url(asset.url) if asset.url else ""
    if link:
        points.append(link)
    return Slide(kind="asset", title=asset.title, points=points, link=link)


def resolve_messages(deck, overrides, now, include_drafts):
    """{message id: (revision id, message)}: overrides first, then what is released now."""
    versions = {}
    for message in Message.objects.filter(pk__in=deck.message_ids()):
        if message.pk in overrides:
            versions[message.pk] = overrides[message.pk]
        elif include_drafts and message.latest_revision_id:
            versions[message.pk] = (
                message.latest_revision_id,
                message.get_latest_revision_as_object(),
            )
        else:
            revision_id, released = released_version(message, now)
            if released is None:
                raise ValueError(f"The message “{message.name}” has not been published yet.")
            versions[message.pk] = (revision_id, released)
    return versions


def build_slides(deck, versions):
    slides = [
        Slide(kind="title", title=deck.title, points=[deck.audience] if deck.audience else [])
    ]
    for block in deck.slides:
        value = block.value
        if block.block_type == "message_slide":
            revision_id, message = versions[value["message"].pk]
            slides.append(message_slide(message, revision_id, value["parts"]))
        elif block.block_type == "asset_slide":
            asset = value["asset"].specific if value["asset"] else None
            if asset is not None and asset.live:
                slides.append(asset_slide(asset))
        else:
            slides.append(
                Slide(kind="text", title=value["title"], points=value["text"].splitlines())
            )
    return slides


def write_pptx(deck, slides, manifest, template):
    if template:
        presentation = Presentation(io.BytesIO(template))
        remove_existing_slides(presentation)
    else:
        presentation = Presentation()
    title_layout, content_layout = layouts(presentation)
    for slide_data in slides:
        layout = title_layout if slide_data.kind == "title" else content_layout
        slide = presentation.slides.add_slide(layout)
        if slide.shapes.title is not None:
            slide.shapes.title.text = without_control_codes(slide_data.title)
        body = next(
            (shape for shape in slide.placeholders if shape.placeholder_format.idx != 0), None
        )
        if body is not None and slide_data.points:
            frame = body.text_frame
            frame.text = without_control_codes(slide_data.points[0])
            for point in slide_data.points[1:]:
                frame.add_paragraph().text = without_control_codes(point)
        elif body is not None:  # no "Click to add text" left on a slide with nothing to add
            body.element.getparent().remove(body.element)
        slide.notes_slide.notes_text_frame.text = (
            without_control_codes(slide_data.notes) or "Masthead"
        )
    properties = presentation.core_properties
    properties.title = without_control_codes(deck.title)  # XML properties refuse control codes
    properties.subject = "Masthead sales deck"
    properties.keywords = f"masthead {deck.slug}"
    properties.comments = json.dumps(manifest, sort_keys=True)
    properties.identifier = f"masthead:{deck.slug}"
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def remove_existing_slides(presentation):
    """A template's own sample slides are not part of the deck."""
    slide_ids = presentation.slides.element  # the presentation's list of slide ids
    for slide_id in list(slide_ids):
        presentation.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)


def preview_html(deck, now=None):
    """The deck as it will be once every message's latest draft is published; stored nowhere."""
    versions = resolve_messages(deck, {}, now or timezone.now(), include_drafts=True)
    return render_to_string(
        "messaging/deck_slides.html", {"deck": deck, "slides": build_slides(deck, versions)}
    )


def render(deck, overrides=None, now=None, include_drafts=False, template=False):
    """Render the deck and store the result (not yet live). A failure is stored too, with its reason.

    `template`: the brand template's bytes, read once by the caller for a batch of decks; by default
    the newest one is read here.
    """
    now = now or timezone.now()
    rendering = DeckRendering(deck=deck)
    try:
        versions = resolve_messages(deck, overrides or {}, now, include_drafts)
        slides = build_slides(deck, versions)
        manifest = {
            MANIFEST_KEY: deck.slug,
            "rendered_at": now.isoformat(),
            "messages": {str(pk): revision_id for pk, (revision_id, _) in versions.items()},
        }
        content = write_pptx(
            deck,
            slides,
            manifest,
            brand_template() if template is False else template,
        )
    except Exception as error:  # noqa: BLE001 (a broken template or deck must not stop the others)
        rendering.status, rendering.error = RenderStatus.FAILED, f"{type(error).__name__}: {error}"
        rendering.save()
        return rendering
    rendering.status = RenderStatus.OK
    rendering.message_revisions = manifest["messages"]
    rendering.html = render_to_string(
        "messaging/deck_slides.html", {"deck": deck, "slides": slides, "manifest": manifest}
    )
    rendering.save()
    rendering.file.save(f"{deck.slug}.pptx", ContentFile(content), save=True)
    return rendering


def read_manifest(file):
    """The manifest Masthead wrote into a deck, or None if the file is not one of ours."""
    presentation = open_pptx(file)
    try:
        manifest = json.loads(presentation.core_properties.comments or "")
    except ValueError:
        return None
    if not isinstance(manifest, dict) or MANIFEST_KEY not in manifest:
        return None
    if not isinstance(manifest.get("messages"), dict):
        return None
    return manifest
