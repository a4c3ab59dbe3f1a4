"""Rendering sales decks: the slides (slides.py) drawn with python-pptx on the brand template (brand.py).

Every rendering records which message revisions it used, in the database and in the file itself (the
core properties' comments hold a JSON manifest; each message slide's speaker notes name its revision), so
a salesperson's copy can later be checked against what is current. How each slide is drawn, its text
fitted to its boxes, is drawing.py's part.
"""

import datetime
import io
import json
import zipfile

from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone
from lxml import etree
from lxml.builder import ElementMaker
from pptx import Presentation
from pptx.exc import PackageNotFoundError
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI

from buyingstages.common.text import without_control_codes
from publishing.messaging.brand import (
    INK,
    PAPER,
    BadTemplate,
    background_colour,
    builtin_template,
    current_brand,
    find_layouts,
    thumbnail,
)
from publishing.messaging.drawing import BUILT_IN, UPLOADED, draw
from publishing.messaging.models import (
    DeckRendering,
    DeckTemplate,
    Message,
    RenderStatus,
    released_version,
)
from publishing.messaging.slides import Slide, build_slides

__all__ = [
    "BadTemplate",
    "NotADeck",
    "Slide",
    "brand_template",
    "build_slides",
    "check_template",
    "open_pptx",
    "preview_html",
    "read_manifest",
    "render",
    "write_pptx",
]

MANIFEST_KEY = "masthead-deck"
MAX_UNCOMPRESSED_BYTES = 200_000_000  # a zip bomb stops here


class NotADeck(ValueError):
    pass


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


def check_template(file):
    """Raise BadTemplate unless the upload is a .pptx with the layouts Masthead draws on (by name)."""
    try:
        presentation = open_pptx(file)
    except NotADeck as error:
        raise BadTemplate(str(error)) from error
    try:
        find_layouts(presentation)
    except BadTemplate:
        raise
    except Exception as error:  # a layout python-pptx cannot read
        raise BadTemplate(
            f"The template's slide layouts could not be read ({type(error).__name__})."
        ) from error


def brand_template():
    """The newest uploaded brand template's bytes (None: the built-in one). Read once per batch."""
    template = DeckTemplate.objects.first()
    if template is None:
        return None
    with template.file.open("rb") as file:
        return file.read()


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


# Drawing --------------------------------------------------------------------------------------


def write_pptx(deck, slides, manifest, template):
    """The deck's .pptx bytes: `slides` drawn on `template` (bytes; None for the built-in one)."""
    brand = current_brand()
    presentation = Presentation(io.BytesIO(template or builtin_template(brand.name)))
    remove_existing_slides(presentation)
    layouts = find_layouts(presentation)
    look = UPLOADED if template else BUILT_IN
    for slide_data in slides:
        pending = slide_data
        while pending is not None:  # a body that does not fit continues on another slide
            slide = presentation.slides.add_slide(layouts[pending.layout])
            pending = draw(slide, pending, look)
    describe(presentation, deck, manifest, brand)
    background, text = title_colours(layouts["title"]) if template else (INK, PAPER)
    ratio = presentation.slide_height / presentation.slide_width
    set_thumbnail(presentation, thumbnail(slides[0].title, brand.name, background, text, ratio))
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def remove_existing_slides(presentation):
    """A template's own sample slides are not part of the deck."""
    slide_ids = presentation.slides.element  # the presentation's list of slide ids
    for slide_id in list(slide_ids):
        presentation.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)


# The file's properties ---------------------------------------------------------------------------


def describe(presentation, deck, manifest, brand):
    """Who made the file and when, which release it shows, and the manifest a deck check reads."""
    rendered_at = datetime.datetime.fromisoformat(manifest["rendered_at"])
    rendered_at = rendered_at.astimezone(datetime.UTC).replace(tzinfo=None, microsecond=0)
    revisions = manifest["messages"]
    names = dict(Message.objects.filter(pk__in=revisions).values_list("pk", "name"))
    release = ", ".join(
        sorted(f"{names.get(int(pk), pk)} r{revision}" for pk, revision in revisions.items())
    )
    properties = presentation.core_properties
    properties.author = properties.last_modified_by = brand.name[:255]
    properties.created = properties.modified = rendered_at
    properties.revision = max((int(revision) for revision in revisions.values()), default=1)
    properties.version = (release or "No messages")[:255]
    properties.title = without_control_codes(deck.title or "")[:255]  # XML refuses control codes
    properties.subject = "Masthead sales deck"
    properties.category = "Sales deck"
    properties.keywords = f"masthead {deck.slug}"
    properties.comments = json.dumps(manifest, sort_keys=True)
    properties.identifier = f"masthead:{deck.slug}"
    set_app_properties(presentation, brand)


EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"


def set_app_properties(presentation, brand):
    """docProps/app.xml: the program and company a file browser names (python-pptx has no API)."""
    wide = presentation.slide_width * 9 == presentation.slide_height * 16
    page = ElementMaker(namespace=EXTENDED, nsmap={None: EXTENDED})
    xml = page.Properties(
        page.Application("Masthead"),
        page.PresentationFormat("Widescreen" if wide else "Custom"),
        page.Slides(str(len(presentation.slides))),
        page.Notes(str(len(presentation.slides))),
        page.Company(brand.name),
    )
    blob = etree.tostring(xml, xml_declaration=True, encoding="UTF-8", standalone=True)
    package = presentation.part.package
    try:
        package.part_related_by(RT.EXTENDED_PROPERTIES).blob = blob
    except KeyError:
        part = Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, package, blob)
        package.relate_to(part, RT.EXTENDED_PROPERTIES)


def set_thumbnail(presentation, jpeg):
    """docProps/thumbnail.jpeg, the preview a file browser shows, replacing the template's."""
    package = presentation.part.package
    try:
        old = package.part_related_by(RT.THUMBNAIL)
    except KeyError:
        old = None
    if old is not None:
        package.drop_rel(package.relate_to(old, RT.THUMBNAIL))  # its id, to drop it
    part = Part(PackURI("/docProps/thumbnail.jpeg"), CT.JPEG, package, jpeg)
    package.relate_to(part, RT.THUMBNAIL)


def title_colours(layout):
    """(background, text) colours for the preview of an uploaded template's title slide."""
    for slide in (layout, layout.slide_master):
        background = background_colour(slide.element)
        if background:
            red, green, blue = (int(background[i : i + 2], 16) for i in (0, 2, 4))
            dark = 0.299 * red + 0.587 * green + 0.114 * blue < 140
            return background, PAPER if dark else INK
    return PAPER, INK


# Storing -------------------------------------------------------------------------------------------


def preview_html(deck, now=None):
    """The deck as it will be once every message's latest draft is published; stored nowhere."""
    versions = resolve_messages(deck, {}, now or timezone.now(), include_drafts=True)
    return render_to_string(
        "messaging/deck_slides.html", {"deck": deck, "slides": build_slides(deck, versions)}
    )


def render(deck, overrides=None, now=None, include_drafts=False, template=False):
    """Render the deck and store the result (not yet live). A failure is stored too, with its reason.

    `template`: the brand template's bytes, read once by the caller for a batch of decks (None: the
    built-in one); by default the newest one is read here.
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
