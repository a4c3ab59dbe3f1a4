"""The brand a deck is drawn in: its name, its slide layouts (found by name) and the built-in template.

A deck is drawn on the newest uploaded brand template, or else on the built-in one: python-pptx's
default template made 16:9 and restyled in the site's own palette (cms/home/static/home/masthead.css),
built once per organisation name and kept in memory. Layouts are found by name (case-insensitive):

    Title     the deck's title and who it is for            needed (also found as “Title Slide”)
    Message   a headline and its points                     needed (also found as “Title and Content”)
    Section   a headline on its own                         optional (also “Section Header”)
    Metrics   big numbers with their labels                 optional
    Quote     a customer's words and who said them          optional
    Asset     an asset's picture, summary and link          optional (also “Picture with Caption”)
    Closing   the last slide: the brand and its address     optional

A missing optional layout is replaced by Message.
"""

import io
from dataclasses import dataclass
from functools import lru_cache

from django.apps import apps
from lxml import etree
from PIL import Image, ImageDraw, ImageFont
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt
from wagtail.models import Site

from buyingstages.common.text import without_control_codes

# The layouts a deck uses: (key, name, other names it is found by, needed).
LAYOUTS = [
    ("title", "Title", ("Title Slide",), True),
    ("message", "Message", ("Title and Content",), True),
    ("section", "Section", ("Section Header",), False),
    ("metrics", "Metrics", (), False),
    ("quote", "Quote", (), False),
    ("asset", "Asset", ("Picture with Caption",), False),
    ("closing", "Closing", (), False),
]
TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
TEXT_TYPES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE)

# The site's palette (cms/home/static/home/masthead.css), so the decks look like the site.
INK, INK_SOFT, LINE = "17212B", "4A5663", "DCD6CA"
PAPER, PAPER_ALT = "FFFFFF", "F4F1EA"
ACCENT, ACCENT_STRONG, GOLD = "0B5D7A", "073F53", "F2A900"
ON_DARK = "C9D6DF"  # secondary text on the dark slides
THEME_COLOURS = {
    "dk1": INK,
    "lt1": PAPER,
    "dk2": ACCENT_STRONG,
    "lt2": PAPER_ALT,
    "accent1": ACCENT,
    "accent2": GOLD,
    "accent3": "2F6DB3",
    "accent4": "0B7D78",
    "accent5": "B8452D",
    "accent6": "6B4FA1",
    "hlink": ACCENT,
    "folHlink": ACCENT_STRONG,
}
HEADING_FONT, BODY_FONT = "Georgia", "Arial"  # the site's headings are Georgia too
WIDTH, HEIGHT = Emu(12_192_000), Emu(6_858_000)  # 13.333 × 7.5 in: 16:9, PowerPoint's widescreen
MARGIN = Inches(0.75)
THUMBNAIL_WIDTH = 320  # pixels; its height follows the slides' shape


class BadTemplate(ValueError):
    pass


@dataclass(frozen=True)
class Brand:
    """Who the decks are from: the organisation's name and strapline (the site's branding)."""

    name: str
    strapline: str = ""


def current_brand():
    """The default site's branding setting, else the site's name.

    The branding setting belongs to the site shell (cms.home), a layer above this app, so it is looked
    up by name, as Django looks up a swappable model, rather than imported.
    """
    site = Site.objects.filter(is_default_site=True).first()
    name = (site.site_name if site else "") or "Masthead"
    try:
        settings_model = apps.get_model("home", "BrandSettings")
    except LookupError:
        return Brand(without_control_codes(name))
    branding = settings_model.objects.filter(site=site).first() if site else None
    if branding is None:
        return Brand(without_control_codes(name))
    return Brand(
        without_control_codes(branding.organisation_name or name),
        without_control_codes(branding.strapline),
    )


# Finding layouts -------------------------------------------------------------------------------


def placeholders_of(layout):
    """(the title placeholder or None, the text placeholders in order, the picture placeholder)."""
    title, texts, picture = None, [], None
    for placeholder in sorted(layout.placeholders, key=lambda p: p.placeholder_format.idx):
        kind = placeholder.placeholder_format.type
        if kind in TITLE_TYPES and title is None:
            title = placeholder
        elif kind in TEXT_TYPES:
            texts.append(placeholder)
        elif kind == PP_PLACEHOLDER.PICTURE and picture is None:
            picture = placeholder
    return title, texts, picture


def in_capitals(placeholder):
    """Whether the template shows the placeholder's text in capitals (or small capitals).

    The style is inherited from the layout's placeholder, the master's placeholder and the master's
    text styles, in that order; python-pptx has no API for inherited styles, so their XML is read.
    """
    kind = placeholder.placeholder_format.type
    is_title = kind in TITLE_TYPES
    layout = placeholder.part.slide.slide_layout
    master = layout.slide_master
    sources = [
        shape.element
        for shape in layout.placeholders
        if shape.placeholder_format.idx == placeholder.placeholder_format.idx
    ]
    sources += [
        shape.element
        for shape in master.placeholders
        if (shape.placeholder_format.type in TITLE_TYPES) == is_title
        and shape.placeholder_format.type not in (PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER)
    ][:1]
    for element in sources:
        found = element.xpath("./p:txBody/a:lstStyle/a:lvl1pPr/a:defRPr/@cap")
        if found:
            return found[0] in ("all", "small")
    style = "p:titleStyle" if is_title else "p:bodyStyle"
    found = master.element.xpath(f"./p:txStyles/{style}/a:lvl1pPr/a:defRPr/@cap")
    return bool(found) and found[0] in ("all", "small")


def layout_names():
    """The names Masthead looks for, as a sentence for editors."""
    needed = " and ".join(f"“{name}”" for _, name, _, need in LAYOUTS if need)
    optional = ", ".join(f"“{name}”" for _, name, _, need in LAYOUTS if not need)
    return f"needed: {needed}; used when present: {optional} (otherwise “Message” is used)"


def find_layouts(presentation):
    """{layout key: layout} for every kind of slide, by name; BadTemplate saying what is missing."""
    all_layouts = list(presentation.slide_layouts)
    if len(all_layouts) < 2:
        raise BadTemplate(
            "The template needs at least two slide layouts, named “Title” and “Message”. "
            f"Masthead finds layouts by name: {layout_names()}."
        )
    by_name = {}
    for layout in all_layouts:
        by_name.setdefault(" ".join(layout.name.split()).lower(), layout)
    found, missing = {}, []
    for key, name, other_names, needed in LAYOUTS:
        layout = next(
            (by_name[n.lower()] for n in (name, *other_names) if n.lower() in by_name), None
        )
        if layout is not None:
            found[key] = layout
        elif needed:
            also = f" (or “{other_names[0]}”)" if other_names else ""
            missing.append(f"“{name}”{also}")
    if missing:
        optional = [f"“{name}”" for key, name, _, need in LAYOUTS if not need and key not in found]
        fallback = (
            f" These optional ones are missing too and fall back to “Message”: {', '.join(optional)}."
            if optional
            else ""
        )
        raise BadTemplate(
            f"The template has no slide layout named {' or '.join(missing)}; a deck cannot be drawn "
            f"without it.{fallback} Rename the layouts in PowerPoint (View › Slide Master) and upload "
            "the template again."
        )
    for key, layout in found.items():
        title, texts, _ = placeholders_of(layout)
        if title is None or (key in ("message", "metrics", "quote", "asset") and not texts):
            needs = (
                "a title placeholder"
                if key in ("title", "section", "closing")
                else ("a title placeholder and a text placeholder")
            )
            raise BadTemplate(f"The “{layout.name}” layout needs {needs}.")
    for key, *_ in LAYOUTS:
        found.setdefault(key, found["message"])
    return found


# The built-in template -----------------------------------------------------------------------


@lru_cache(maxsize=4)
def builtin_template(name):
    """The built-in template's bytes for an organisation name (drawn on its slide layouts)."""
    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = WIDTH, HEIGHT
    restyle_theme(presentation.slide_master)
    restyle_master(presentation.slide_master)
    designs = {
        "Title Slide": ("Title", design_title),
        "Section Header": ("Section", design_section),
        "Title and Content": ("Message", design_message),
        "Two Content": ("Metrics", design_metrics),
        "Content with Caption": ("Quote", design_quote),
        "Picture with Caption": ("Asset", design_asset),
        "Comparison": ("Closing", design_closing),
        "Title Only": ("Title Only", design_title_only),
        "Blank": ("Blank", design_blank),
    }
    drawer = Decorations(presentation)
    for layout in list(presentation.slide_layouts):
        if layout.name not in designs:
            presentation.slide_layouts.remove(layout)
            continue
        new_name, design = designs[layout.name]
        layout.name = new_name
        for placeholder in list(layout.placeholders):
            if placeholder.placeholder_format.type in (
                PP_PLACEHOLDER.DATE,
                PP_PLACEHOLDER.FOOTER,
                PP_PLACEHOLDER.SLIDE_NUMBER,
            ):
                remove(placeholder)  # the layouts carry their own footer, drawn below
        design(layout, drawer, name)
    drawer.finish()
    order = ["Title", "Section", "Message", "Metrics", "Quote", "Asset", "Closing"]
    order_layouts(presentation.slide_master, order)
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def remove(shape):
    shape.element.getparent().remove(shape.element)


def restyle_theme(master):
    """The theme's colours and fonts. python-pptx has no API for themes: the part's XML is edited."""
    part = master.part.part_related_by(RT.THEME)
    theme = etree.fromstring(part.blob)
    theme.set("name", "Masthead")
    scheme = theme.find(f"{qn('a:themeElements')}/{qn('a:clrScheme')}")
    scheme.set("name", "Masthead")
    for slot, colour in THEME_COLOURS.items():
        element = scheme.find(qn(f"a:{slot}"))
        element.clear()
        etree.SubElement(element, qn("a:srgbClr"), val=colour)
    fonts = theme.find(f"{qn('a:themeElements')}/{qn('a:fontScheme')}")
    fonts.set("name", "Masthead")
    fonts.find(f"{qn('a:majorFont')}/{qn('a:latin')}").set("typeface", HEADING_FONT)
    fonts.find(f"{qn('a:minorFont')}/{qn('a:latin')}").set("typeface", BODY_FONT)
    part.blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def restyle_master(master):
    """The master's text styles (left-aligned titles, smaller body) and its placeholders, on 16:9."""
    styles = master.element.find(qn("p:txStyles"))
    title_level = styles.find(f"{qn('p:titleStyle')}/{qn('a:lvl1pPr')}")
    title_level.set("algn", "l")
    title_level.find(qn("a:defRPr")).set("sz", "3600")
    for level in range(1, 10):
        size = {1: 2000, 2: 1800, 3: 1600}.get(level, 1400)
        paragraph = styles.find(f"{qn('p:bodyStyle')}/{qn(f'a:lvl{level}pPr')}")
        if paragraph is not None:
            paragraph.find(qn("a:defRPr")).set("sz", str(size))
    content = WIDTH - 2 * MARGIN
    for placeholder in master.placeholders:
        kind = placeholder.placeholder_format.type
        if kind == PP_PLACEHOLDER.TITLE:
            place(placeholder, MARGIN, Inches(0.7), content, Inches(2.05))
        elif kind == PP_PLACEHOLDER.BODY:
            place(placeholder, MARGIN, Inches(2.9), content, Inches(3.8))
        else:  # date, footer, slide number along the bottom
            offset = {PP_PLACEHOLDER.DATE: 0, PP_PLACEHOLDER.FOOTER: 1}.get(kind, 2)
            third = content // 3
            place(placeholder, MARGIN + offset * third, Inches(6.95), third, Inches(0.35))


def place(shape, left, top, width, height):
    shape.left, shape.top, shape.width, shape.height = Emu(left), Emu(top), Emu(width), Emu(height)


def order_layouts(master, names):
    """The layouts in the order of `names`, as PowerPoint's New Slide menu lists them (XML)."""
    id_list = master.element.find(qn("p:sldLayoutIdLst"))
    rank = {
        master.part.relate_to(layout.part, RT.SLIDE_LAYOUT): names.index(layout.name)
        for layout in master.slide_layouts
        if layout.name in names
    }
    entries = sorted(id_list, key=lambda entry: rank.get(entry.get(qn("r:id")), len(names)))
    for entry in entries:
        id_list.append(entry)  # appending an element moves it to the end


def text_style(
    placeholder,
    size,
    colour,
    font="+mn-lt",
    bold=False,
    italic=False,
    bullets=False,
    anchor=MSO_ANCHOR.TOP,
    align="l",
):
    """A layout placeholder's text: where it sits in its box, its font, colour and bullets.

    python-pptx sets the box's own properties; the paragraph style its slides inherit (the
    placeholder's list style, `a:lstStyle`) has no API, so its XML is written here.
    """
    frame = placeholder.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = Inches(0.1)
    frame.margin_top = frame.margin_bottom = Inches(0.05)
    list_style = placeholder.element.find(f"{qn('p:txBody')}/{qn('a:lstStyle')}")
    list_style.clear()
    level = etree.SubElement(list_style, qn("a:lvl1pPr"), algn=align)
    if bullets:
        level.set("marL", str(Inches(0.3)))
        level.set("indent", str(-Inches(0.3)))
        colour_element(etree.SubElement(level, qn("a:buClr")), GOLD)
        etree.SubElement(level, qn("a:buSzPct"), val="70000")
        etree.SubElement(level, qn("a:buFont"), typeface="Arial")
        etree.SubElement(level, qn("a:buChar"), char="■")
    else:
        level.set("marL", "0")
        level.set("indent", "0")
        etree.SubElement(level, qn("a:buNone"))
    run = etree.SubElement(level, qn("a:defRPr"), sz=str(size * 100))
    run.set("b", "1" if bold else "0")
    run.set("i", "1" if italic else "0")
    colour_element(etree.SubElement(run, qn("a:solidFill")), colour)
    etree.SubElement(run, qn("a:latin"), typeface=font)


def colour_element(parent, colour):
    etree.SubElement(parent, qn("a:srgbClr"), val=colour)


class Decorations:
    """Shapes drawn on layouts (rules, the brand's name, slide numbers), shown on every slide.

    python-pptx draws shapes on slides only, so each is drawn on a scratch slide and its element
    moved into the layout's shape tree; the scratch slide is dropped at the end.
    """

    def __init__(self, presentation):
        self.presentation = presentation
        self.scratch = presentation.slides.add_slide(presentation.slide_layouts[6])

    def add(self, layout, shape):
        tree = layout.element.find(f"{qn('p:cSld')}/{qn('p:spTree')}")
        ids = [int(value) for value in tree.xpath(".//p:cNvPr/@id")]
        shape.element.find(".//" + qn("p:cNvPr")).set("id", str(max(ids, default=1) + 1))
        tree.append(shape.element)  # moves the element from the scratch slide

    def bar(self, layout, left, top, width, height, colour):
        shape = self.scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, top, width, height)
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(colour)
        shape.line.fill.background()
        shape.shadow.inherit = False
        shape.name = "Brand rule"
        self.add(layout, shape)

    def text(self, layout, left, top, width, height, text, size, colour, **style):
        shape = self.scratch.shapes.add_textbox(left, top, width, height)
        shape.name = style.pop("name", "Brand text")
        frame = shape.text_frame
        frame.word_wrap = False
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        frame.margin_left = frame.margin_right = 0
        paragraph = frame.paragraphs[0]
        paragraph.alignment = style.pop("align", PP_ALIGN.LEFT)
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(size)
        run.font.bold = style.pop("bold", False)
        run.font.name = style.pop("font", BODY_FONT)
        run.font.color.rgb = RGBColor.from_string(colour)
        if style.pop("slide_number", False):
            as_slide_number(shape)
        self.add(layout, shape)

    def finish(self):
        slide_ids = self.presentation.slides.element
        for slide_id in list(slide_ids):
            self.presentation.part.drop_rel(slide_id.rId)
            slide_ids.remove(slide_id)


def as_slide_number(shape):
    """Make the text box's run a slide-number field (`a:fld`), which python-pptx cannot write."""
    run = shape.element.find(f".//{qn('a:r')}")
    field = etree.Element(qn("a:fld"), id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}", type="slidenum")
    field.extend(list(run))  # its run properties and text, "‹#›" until a program numbers it
    run.getparent().replace(run, field)


def footer(layout, drawer, name, colour=INK_SOFT, rule=LINE):
    content = WIDTH - 2 * MARGIN
    if rule:
        drawer.bar(layout, MARGIN, Inches(6.88), content, Emu(9525), rule)
    drawer.text(layout, MARGIN, Inches(6.95), Inches(8), Inches(0.35), name, 10, colour)
    drawer.text(
        layout,
        WIDTH - MARGIN - Inches(1.5),
        Inches(6.95),
        Inches(1.5),
        Inches(0.35),
        "‹#›",
        10,
        colour,
        align=PP_ALIGN.RIGHT,
        slide_number=True,
        name="Slide number",
    )


def heading_rule(layout, drawer):
    drawer.bar(layout, MARGIN, Inches(0.55), Inches(0.9), Inches(0.07), GOLD)


def dark(layout, colour=INK):
    layout.background.fill.solid()
    layout.background.fill.fore_color.rgb = RGBColor.from_string(colour)
    # On a dark background the theme's dark and light colours swap, and links turn gold, as in
    # PowerPoint's own dark layouts: a colour map override, which python-pptx has no API for.
    override = layout.element.find(qn("p:clrMapOvr"))
    if override is None:
        override = etree.SubElement(layout.element, qn("p:clrMapOvr"))
    override.clear()
    mapping = {"bg1": "dk1", "tx1": "lt1", "bg2": "dk2", "tx2": "lt2", "hlink": "accent2"}
    mapping |= {f"accent{n}": f"accent{n}" for n in range(1, 7)} | {"folHlink": "accent2"}
    etree.SubElement(override, qn("a:overrideClrMapping"), **mapping)


def light(layout, colour=PAPER):
    layout.background.fill.solid()
    layout.background.fill.fore_color.rgb = RGBColor.from_string(colour)


def design_title(layout, drawer, name):
    dark(layout)
    drawer.text(layout, MARGIN, Inches(0.55), Inches(9), Inches(0.45), name, 14, GOLD, bold=True)
    drawer.bar(layout, MARGIN, Inches(2.45), Inches(1.1), Inches(0.08), GOLD)
    title, texts, _ = placeholders_of(layout)
    place(title, MARGIN, Inches(2.7), Inches(11.2), Inches(2.5))
    text_style(title, 48, PAPER, font="+mj-lt")
    place(texts[0], MARGIN, Inches(5.35), Inches(11.2), Inches(1.2))
    text_style(texts[0], 22, ON_DARK)


def design_section(layout, drawer, name):
    dark(layout, ACCENT_STRONG)
    drawer.bar(layout, MARGIN, Inches(2.45), Inches(1.1), Inches(0.08), GOLD)
    footer(layout, drawer, name, colour=ON_DARK, rule=None)
    title, texts, _ = placeholders_of(layout)
    place(title, MARGIN, Inches(2.7), Inches(11.2), Inches(2.6))
    text_style(title, 40, PAPER, font="+mj-lt")
    place(texts[0], MARGIN, Inches(5.45), Inches(11.2), Inches(1.2))
    text_style(texts[0], 20, ON_DARK)


def design_message(layout, drawer, name):
    light(layout)
    heading_rule(layout, drawer)
    footer(layout, drawer, name)
    title, texts, _ = placeholders_of(layout)
    place(title, MARGIN, Inches(0.7), WIDTH - 2 * MARGIN, Inches(2.05))
    text_style(title, 36, INK, font="+mj-lt")
    place(texts[0], MARGIN, Inches(2.9), WIDTH - 2 * MARGIN, Inches(3.8))
    text_style(texts[0], 20, INK, bullets=True)


def design_metrics(layout, drawer, name):
    light(layout, PAPER_ALT)
    heading_rule(layout, drawer)
    footer(layout, drawer, name)
    title, texts, _ = placeholders_of(layout)
    for extra in texts[1:]:
        remove(extra)
    place(title, MARGIN, Inches(0.7), WIDTH - 2 * MARGIN, Inches(1.6))
    text_style(title, 36, INK, font="+mj-lt")
    place(texts[0], MARGIN, Inches(2.6), WIDTH - 2 * MARGIN, Inches(4.0))
    text_style(texts[0], 20, INK)


def design_quote(layout, drawer, name):
    light(layout, PAPER_ALT)
    footer(layout, drawer, name)
    title, texts, _ = placeholders_of(layout)
    indent = MARGIN + Inches(0.45)
    drawer.bar(layout, MARGIN, Inches(1.75), Inches(0.08), Inches(3.75), GOLD)
    width = WIDTH - MARGIN - indent
    place(title, indent, Inches(0.75), width, Inches(0.75))
    text_style(title, 20, ACCENT, bold=True)
    place(texts[0], indent, Inches(1.65), width, Inches(3.95))
    text_style(texts[0], 32, INK, font="+mj-lt", italic=True, anchor=MSO_ANCHOR.MIDDLE)
    place(texts[1], indent, Inches(5.75), width, Inches(0.95))
    text_style(texts[1], 18, INK_SOFT)


def design_asset(layout, drawer, name):
    light(layout)
    heading_rule(layout, drawer)
    footer(layout, drawer, name)
    title, texts, picture = placeholders_of(layout)
    place(title, MARGIN, Inches(0.7), WIDTH - 2 * MARGIN, Inches(1.55))
    text_style(title, 36, INK, font="+mj-lt")
    picture_width = Inches(6.2)
    place(picture, MARGIN, Inches(2.5), picture_width, Emu(picture_width * 630 // 1200))
    text_left = MARGIN + picture_width + Inches(0.4)
    place(texts[0], text_left, Inches(2.45), WIDTH - MARGIN - text_left, Inches(4.25))
    text_style(texts[0], 18, INK)


def design_closing(layout, drawer, name):
    dark(layout)
    drawer.text(layout, MARGIN, Inches(0.55), Inches(9), Inches(0.45), name, 14, GOLD, bold=True)
    drawer.bar(layout, MARGIN, Inches(2.45), Inches(1.1), Inches(0.08), GOLD)
    title, texts, _ = placeholders_of(layout)
    for extra in texts[1:]:
        remove(extra)
    place(title, MARGIN, Inches(2.7), Inches(11.2), Inches(1.6))
    text_style(title, 48, PAPER, font="+mj-lt")
    place(texts[0], MARGIN, Inches(4.5), Inches(11.2), Inches(1.8))
    text_style(texts[0], 22, ON_DARK)


def design_title_only(layout, drawer, name):
    light(layout)
    heading_rule(layout, drawer)
    footer(layout, drawer, name)
    title, _, _ = placeholders_of(layout)
    place(title, MARGIN, Inches(0.7), WIDTH - 2 * MARGIN, Inches(1.6))
    text_style(title, 36, INK, font="+mj-lt")


def design_blank(layout, drawer, name):
    light(layout)
    footer(layout, drawer, name)


def background_colour(element):
    """The plain background colour (RRGGBB) a slide, layout or master sets in its XML, or None."""
    path = ("p:cSld", "p:bg", "p:bgPr", "a:solidFill", "a:srgbClr")
    colour = element.find("/".join(qn(tag) for tag in path))
    return colour.get("val") if colour is not None else None


# The file's preview ----------------------------------------------------------------------------


def thumbnail(title, brand_name, background=INK, foreground=PAPER, ratio=9 / 16):
    """A JPEG of the title slide's look (title on the brand's background), for file browsers."""
    width = THUMBNAIL_WIDTH
    height = round(width * ratio)
    accent = GOLD if background == INK else foreground
    image = Image.new("RGB", (width, height), f"#{background}")
    draw = ImageDraw.Draw(image)
    scale = width / (WIDTH / 914400)  # pixels per inch
    margin = round(0.75 * scale)
    draw.text((margin, round(0.6 * scale)), brand_name[:60], fill=f"#{accent}", font=font(9, True))
    top = round(2.45 * scale)
    draw.rectangle((margin, top, margin + round(1.1 * scale), top + 2), fill=f"#{accent}")
    room = width - 2 * margin
    for size in (26, 22, 18, 15, 12, 10):
        lines = wrapped(draw, title, font(size), room)
        if len(lines) * size * 1.2 <= height - top - 20:
            break
    else:
        lines = lines[:4]
    y = top + 10
    for line in lines:
        draw.text((margin, y), line, fill=f"#{foreground}", font=font(size))
        y += round(size * 1.2)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


@lru_cache(maxsize=16)
def font(size, bold=False):
    for name in ("DejaVuSerif-Bold.ttf",) if bold else ("DejaVuSerif.ttf",):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def wrapped(draw, text, typeface, room):
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=typeface) > room:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines
