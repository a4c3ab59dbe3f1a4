"""Drawing slides on a template's layouts: text fitted to its boxes, pictures, big numbers and quotes.

Each kind of slide (slides.py) is drawn on the layout of its name (brand.py). Every text box is set to
wrap and never to grow or shrink its text; its size is the largest within bounds at which the text fits
(fitting.py). Points that do not fit at the smallest size are handed back, to continue on another slide.
"""

import io
from dataclasses import dataclass

from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_CONNECTOR
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from publishing.messaging.brand import in_capitals, placeholders_of
from publishing.messaging.fitting import (
    EMU_PER_POINT,
    LINE_HEIGHT,
    SPACE_BEFORE,
    Box,
    best_size,
    shorten,
    split,
    wrap,
)
from publishing.messaging.slides import CONTINUED, Slide, clean

INSETS = (Inches(0.1), Inches(0.05), Inches(0.1), Inches(0.05))  # left, top, right, bottom
GAP = Inches(0.3)

# Font sizes in points, (largest, smallest), for each kind of text.
SIZES = {
    "title": (54, 32),
    "subtitle": (24, 16),
    "section": (48, 30),
    "heading": (40, 28),
    "long heading": (36, 24),  # metrics and asset titles: a case study's outcome, a page title
    "kicker": (24, 16),
    "body": (24, 14),
    "quote": (40, 18),
    "attribution": (20, 14),
    "figure": (66, 28),  # on one line down to SMALLEST_ONE_LINE_FIGURE, if it must
    "label": (20, 14),
}
SMALLEST_ONE_LINE_FIGURE = 20


@dataclass(frozen=True)
class Look:
    """How a template's text is measured: the measuring font of each kind of text (see fitting),
    the room a body's bullets take, and whether a body may move up under a short title."""

    heading: str
    body: str
    figure: str
    quote: str
    bullet_indent: int
    compact: bool


# The built-in template's fonts are known (Georgia and Arial, measured by the wider DejaVu); an
# uploaded template's are not, so the widest measures and room for bullets are assumed.
BUILT_IN = Look("serif", "sans", "serif-bold", "serif-italic", Inches(0.3), True)
UPLOADED = Look("sans-bold", "sans", "sans-bold", "sans-bold", Inches(0.5), False)


def draw(slide, data, look):
    """Draw one slide; returns the Slide that continues it, or None."""
    title, texts, picture = placeholders_of(slide)
    heading = data.title
    if title is not None:
        sizes = {
            "title": SIZES["title"],
            "section": SIZES["section"],
            "closing": SIZES["title"],
            "quote": SIZES["kicker"],
            "metrics": SIZES["long heading"],
            "asset": SIZES["long heading"],
        }.get(data.kind, SIZES["heading"])
        size, heading = fit_one(title, data.title, look.heading, sizes)
        if look.compact and data.kind in ("message", "text") and texts:
            move_under(texts[0], title, heading, size, styled(title, look.heading))
    rest, size = DRAWERS.get(data.kind, draw_body)(slide, data, look, texts, picture)
    for placeholder in list(slide.placeholders):  # no "Click to add text" left on a slide
        if placeholder.has_text_frame and not placeholder.text_frame.text.strip():
            remove(placeholder)
    slide.notes_slide.notes_text_frame.text = data.all_notes or "Masthead"
    if not rest:
        return None
    # The rest goes on as points at the same size: on a slide like this one if it is one of points,
    # else (an asset's caption box, a quote) on the Message layout, where there is room for text.
    title_text = data.title if data.title.endswith("(continued)") else CONTINUED.format(data.title)
    link = data.link if rest[-1] == data.link else ""
    return Slide(
        kind=data.kind if data.kind in ("message", "text") else "text",
        title=title_text,
        points=rest[:-1] if link else rest,
        link=link,
        notes="Continued from the slide before.",
        body_size=size,
    )


def remove(shape):
    shape.element.getparent().remove(shape.element)


def styled(shape, style):
    """The measuring style for a shape's text: in capitals where its template shows capitals."""
    return f"{style}:caps" if shape.is_placeholder and in_capitals(shape) else style


def box_of(shape, indent=0):
    return Box.of(shape.width, shape.height, INSETS, indent)


def fit_one(shape, text, style, sizes, link=""):
    """One paragraph at the largest size that fits; cut after a word only if even the smallest does
    not. Returns (size, the text as drawn)."""
    box, style = box_of(shape), styled(shape, style)
    size = best_size([text], style, box, *sizes)
    if size is None:
        size, text = sizes[1], shorten(text, style, sizes[1], box)
    write(shape, [text], size, link=link)
    return size, text


def fit_many(shape, paragraphs, style, sizes, indent=0, link="", caption="", largest=0):
    """Paragraphs at the largest size that fits (up to `largest`, if given); returns (what does not
    fit at the smallest size, the size)."""
    if largest:
        sizes = (min(sizes[0], largest), min(sizes[1], largest))
    box, style = box_of(shape, indent), styled(shape, style)
    size = best_size(paragraphs, style, box, *sizes)
    rest = []
    if size is None:
        size = sizes[1]
        paragraphs, rest = split(paragraphs, style, size, box)
    write(shape, paragraphs, size, link=link, caption=caption)
    return rest, size


def write(shape, paragraphs, size, link="", caption="", space=True):
    """Paragraphs into a text frame at `size`, wrapped, never grown or shrunk by the program."""
    frame = shape.text_frame
    frame.clear()
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left, frame.margin_top, frame.margin_right, frame.margin_bottom = INSETS
    for index, text in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.space_before = Pt(size * SPACE_BEFORE if index and space else 0)
        run = paragraph.add_run()
        run.text = clean(text)
        run.font.size = Pt(size)
        if link and text == link:
            run.hyperlink.address = link
        if caption and index == 0 and text == caption:
            run.font.bold = True
            run.font.color.theme_color = MSO_THEME_COLOR.ACCENT_1


def place(shape, left, top, width, height):
    """Set all four at once: a slide placeholder inherits its box until one of them is set."""
    shape.left, shape.top, shape.width, shape.height = Emu(left), Emu(top), Emu(width), Emu(height)


def move_under(body, title, heading, size, style):
    """Close the gap under a short title: the body starts below the lines the title takes."""
    box = box_of(title)
    line_count = len(wrap(heading, style, size, box.width))
    used = Emu(int(line_count * size * LINE_HEIGHT * EMU_PER_POINT) + INSETS[1] + INSETS[3])
    bottom = body.top + body.height
    left, width, title_left, title_top, title_width = (
        body.left,
        body.width,
        title.left,
        title.top,
        title.width,
    )
    title_height = min(used + Pt(4), title.height)
    top = title_top + title_height + GAP
    if top < body.top:
        place(title, title_left, title_top, title_width, title_height)
        place(body, left, top, width, bottom - top)


def draw_body(slide, data, look, texts, picture):
    if not texts or not data.paragraphs:
        return [], 0
    bullets = look is UPLOADED or data.kind in ("message", "text")
    indent = look.bullet_indent if bullets else 0
    return fit_many(
        texts[0],
        data.paragraphs,
        look.body,
        SIZES["body"],
        indent,
        link=data.link,
        caption=data.caption,
        largest=data.body_size,
    )


def draw_title(slide, data, look, texts, picture):
    if texts and data.points:
        fit_one(texts[0], data.points[0], look.body, SIZES["subtitle"])
    return [], 0


def draw_closing(slide, data, look, texts, picture):
    if not texts:
        return [], 0
    return fit_many(texts[0], data.paragraphs, look.body, SIZES["subtitle"], link=data.link)


def draw_quote(slide, data, look, texts, picture):
    if not texts:
        return [], 0
    quote = f"“{data.quote}”"
    said_by = f"— {data.attribution}" if data.attribution else data.link
    if len(texts) > 1:
        if said_by:
            fit_one(texts[1], said_by, look.body, SIZES["attribution"], link=data.link)
        return fit_many(texts[0], [quote], look.quote, SIZES["quote"])
    paragraphs = [quote, said_by] if said_by else [quote]  # who said it: the last paragraph
    return fit_many(
        texts[0], paragraphs, look.quote, SIZES["quote"], look.bullet_indent, link=data.link
    )


def draw_metrics(slide, data, look, texts, picture):
    """Big numbers in a row over the layout's text area, each over its label, the row centred."""
    area = texts[0]
    left, top, width, height = area.left, area.top, area.width, area.height
    remove(area)
    count = len(data.metrics)
    if not count:
        return [], 0
    column = min((width - GAP * (count - 1)) // count, Inches(5))
    figure_box = Box.of(column, int(height * 0.45), INSETS)
    figures = [metric.figure for metric in data.metrics]
    labels = [[m.label, m.context] if m.context else [m.label] for m in data.metrics]
    figure_size = figures_size(figures, look.figure, figure_box)
    figure_lines = max(
        len(wrap(text, look.figure, figure_size, figure_box.width)) for text in figures
    )
    figure_height = points_height(figure_lines, figure_size)
    label_box = Box.of(column, height - figure_height - Inches(0.25), INSETS)
    label_size = min(
        best_size(paragraphs, look.body, label_box, *SIZES["label"]) or SIZES["label"][1]
        for paragraphs in labels
    )
    label_height = max(
        points_height(
            sum(len(wrap(text, look.body, label_size, label_box.width)) for text in paragraphs),
            label_size,
            len(paragraphs),
        )
        for paragraphs in labels
    )
    label_height = min(label_height, height - figure_height - Inches(0.25))
    top += max((height - figure_height - label_height - Inches(0.25)) // 2, 0)
    for index in range(count):
        x = left + index * (column + GAP)
        rule = slide.shapes.add_connector(
            MSO_CONNECTOR.STRAIGHT, x + INSETS[0], top, x + Inches(1.2), top
        )
        rule.line.color.theme_color = MSO_THEME_COLOR.ACCENT_2
        rule.line.width = Pt(3)
        figure = slide.shapes.add_textbox(x, top + Inches(0.15), column, figure_height)
        figure.name = f"Figure {index + 1}"
        text = figures[index]
        if best_size([text], look.figure, figure_box, figure_size, figure_size) is None:
            text = shorten(text, look.figure, figure_size, figure_box)
        write(figure, [text], figure_size, space=False)
        for run in figure.text_frame.paragraphs[0].runs:
            run.font.bold = True
            run.font.name = "+mj-lt"  # the template's heading font
            run.font.color.theme_color = MSO_THEME_COLOR.ACCENT_1
        label = slide.shapes.add_textbox(
            x, top + Inches(0.25) + figure_height, column, label_height
        )
        label.name = f"Label {index + 1}"
        paragraphs = labels[index]
        if best_size(paragraphs, look.body, label_box, label_size, label_size) is None:
            paragraphs = [shorten(" ".join(paragraphs), look.body, label_size, label_box)]
        write(label, paragraphs, label_size)
        for paragraph in label.text_frame.paragraphs[1:]:  # the context, quieter
            for run in paragraph.runs:
                run.font.italic = True
    return [], 0


def figures_size(figures, style, box):
    """The size for a row of figures: the largest at which each stays on one line, else the
    largest at which each fits its box."""
    largest, smallest = SIZES["figure"]
    for size in range(largest, SMALLEST_ONE_LINE_FIGURE - 1, -1):  # a number is read on one line
        if all(len(wrap(text, style, size, box.width)) == 1 for text in figures):
            return size
    return min(best_size([text], style, box, largest, smallest) or smallest for text in figures)


def points_height(line_count, size, paragraphs=1):
    """The EMU height of text: its lines, the space between its paragraphs, the box's insets."""
    points = line_count * size * LINE_HEIGHT + max(paragraphs - 1, 0) * size * SPACE_BEFORE
    return Emu(int(points * EMU_PER_POINT) + INSETS[1] + INSETS[3] + Pt(2))


def draw_asset(slide, data, look, texts, picture):
    body = texts[0]
    if data.picture is not None:
        try:
            add_picture(slide, data.picture, picture, body)
        except Exception as error:  # noqa: BLE001 (python-pptx reads the image with Pillow)
            data.warnings.append(
                f"The hero image is left out: it could not be placed ({type(error).__name__})."
            )
    indent = look.bullet_indent if look is UPLOADED else 0
    return fit_many(
        body, data.paragraphs, look.body, SIZES["body"], indent, data.link, data.caption
    )


def add_picture(slide, image, placeholder, body):
    """The hero image in the layout's picture placeholder (cropped to fill it), else beside the
    body, which gives up the room."""
    if placeholder is not None:
        shape = placeholder.insert_picture(io.BytesIO(image.data))
    else:
        left, top, width, height = body.left, body.top, body.width, body.height
        picture_width = int(width * 0.4)
        picture_height = min(picture_width * 630 // 1200, height)
        picture_width = min(picture_width, picture_height * 1200 // 630)
        shape = slide.shapes.add_picture(
            io.BytesIO(image.data), left + width - picture_width, top, picture_width, picture_height
        )
        place(body, left, top, width - picture_width - GAP, height)
    # Alt text (the picture's description) has no python-pptx API: set on its XML properties.
    shape.element.find(f".//{qn('p:cNvPr')}").set("descr", image.alt)


DRAWERS = {
    "title": draw_title,
    "closing": draw_closing,
    "metrics": draw_metrics,
    "quote": draw_quote,
    "asset": draw_asset,
}
