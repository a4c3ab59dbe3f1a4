"""Fitting text to a slide's boxes: the largest size within bounds at which the text's lines fit.

PowerPoint and LibreOffice wrap text themselves, so Masthead estimates their wrapping: it measures each
character with a wide font (DejaVu, which LibreOffice also uses in place of fonts it lacks), breaks
lines at spaces as they do, and keeps a margin for the differences between programs. Text that fits
by this estimate fits in any program; text that does not fit at the smallest size continues on
another slide (a body) or is cut at a word with an ellipsis (a one-line kind of text, like a title).
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

EMU_PER_POINT = 12_700
LINE_HEIGHT = 1.2  # a line's height per point of font size; fonts' own spacing is 1.14 to 1.17
SPACE_BEFORE = (
    0.4  # the space before each paragraph, per point of font size (set on each paragraph)
)
WIDTH_MARGIN = 0.95  # use 95% of a line: kerning, hinting and substituted fonts differ by program
HEIGHT_MARGIN = 0.97
# A word too long for any line is broken where the line is full, but a program may break it earlier
# (after a slash or a hyphen), so assume each piece fills only this much of a line.
BROKEN_WORD_FILL = 0.8
FALLBACK_EM = 0.62  # a character's width (in em) when no font file can be read
WIDE_EM = 1.0  # CJK, emoji and characters the measuring font lacks: a full em, the widest usual
ELLIPSIS = "…"
WORDS = re.compile(r"\S+")

# Measuring fonts, widest first within each style; Pillow finds them in the system's font folders.
FONT_FILES = {
    "serif": ("DejaVuSerif.ttf",),
    "serif-italic": ("DejaVuSerif-Italic.ttf", "DejaVuSerif.ttf"),
    "sans": ("DejaVuSans.ttf",),
    "sans-bold": ("DejaVuSans-Bold.ttf", "DejaVuSans.ttf"),
    "serif-bold": ("DejaVuSerif-Bold.ttf", "DejaVuSerif.ttf"),
}


class Face:
    """Character widths (in em) of one measuring font, or an estimate when none can be read.

    A style ending in ":caps" measures text as capitals, for templates that show text in capitals.
    """

    def __init__(self, style):
        self.style = style
        base, _, variant = style.partition(":")
        self.caps = variant == "caps"
        self.font, self.probe, self.missing = None, None, None
        for name in FONT_FILES.get(base, FONT_FILES["sans"]):
            try:
                self.font = ImageFont.truetype(name, 1000)
                self.probe = ImageFont.truetype(name, 24)
            except OSError:
                continue
            # A private-use character no font draws: what the font draws for any glyph it lacks.
            self.missing = self.drawn("\U000f0000")
            break
        self.widths = {}

    def char_width(self, char):
        width = self.widths.get(char)
        if width is None:
            shown = char.upper() if self.caps else char  # may be two letters: ß is SS
            width = self.widths[char] = sum(self.measure(letter) for letter in shown)
        return width

    def measure(self, char):
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            return 0.0
        if unicodedata.east_asian_width(char) in ("W", "F"):
            return WIDE_EM
        if self.font is None:
            return FALLBACK_EM
        if not char.isspace() and self.drawn(char) == self.missing:
            return WIDE_EM  # drawn from another font, whose width is unknown
        return self.font.getlength(char) / 1000

    def drawn(self, char):
        """The pixels of `char` drawn small: equal to a missing glyph's when the font lacks it."""
        canvas = Image.new("L", (48, 48))
        ImageDraw.Draw(canvas).text((8, 8), char, font=self.probe, fill=255)
        return canvas.tobytes()

    def width(self, text):
        return sum(self.char_width(char) for char in text)


@lru_cache(maxsize=8)
def face(style):
    return Face(style)


@dataclass(frozen=True)
class Box:
    """The inside of a text box, in points: its width (less any bullet indent) and its height."""

    width: float
    height: float

    @classmethod
    def of(cls, width_emu, height_emu, inset_emu=(0, 0, 0, 0), indent_emu=0):
        """From a shape's size and its insets (left, top, right, bottom), all in EMU."""
        left, top, right, bottom = inset_emu
        return cls(
            max(width_emu - left - right - indent_emu, EMU_PER_POINT) / EMU_PER_POINT,
            max(height_emu - top - bottom, EMU_PER_POINT) / EMU_PER_POINT,
        )


def wrap(text, style, size, width):
    """[(start, end)] of each line `text` takes at `size` points in a line `width` points wide."""
    measure = face(style)
    room = width * WIDTH_MARGIN / size  # in em
    lines, start, end = [], None, None
    for word in WORDS.finditer(text):
        if start is not None and measure.width(text[start : word.end()]) <= room:
            end = word.end()
            continue
        if start is not None:
            lines.append((start, end))
        start, end = word.start(), word.end()
        if measure.width(word.group()) > room:  # too long for any line: broken into pieces
            piece_start, piece_width = start, 0.0
            for position in range(start, end):
                char_width = measure.char_width(text[position])
                if piece_width + char_width > room * BROKEN_WORD_FILL and position > piece_start:
                    lines.append((piece_start, position))
                    piece_start, piece_width = position, 0.0
                piece_width += char_width
            start = piece_start
    if start is not None:
        lines.append((start, end))
    return lines or [(0, 0)]


def paragraphs_height(paragraphs, style, size, width):
    """The height in points of the paragraphs at `size`, with the space between them."""
    line_count = sum(len(wrap(text, style, size, width)) for text in paragraphs)
    return line_count * size * LINE_HEIGHT + max(len(paragraphs) - 1, 0) * size * SPACE_BEFORE


def fits(paragraphs, style, size, box):
    return paragraphs_height(paragraphs, style, size, box.width) <= box.height * HEIGHT_MARGIN


def best_size(paragraphs, style, box, largest, smallest):
    """The largest whole size from `largest` down to `smallest` at which all fits, or None."""
    for size in range(largest, smallest - 1, -1):
        if fits(paragraphs, style, size, box):
            return size
    return None


def split(paragraphs, style, size, box):
    """(what fits in the box at `size`, the rest): a paragraph may be split between two lines.

    At least one line is always taken, so a caller that continues with the rest always ends.
    """
    room = box.height * HEIGHT_MARGIN
    taken, used = [], 0.0
    for index, text in enumerate(paragraphs):
        lines = wrap(text, style, size, box.width)
        before = size * SPACE_BEFORE if index else 0
        line_height = size * LINE_HEIGHT
        count = int((room - used - before) // line_height)
        if count >= len(lines):
            taken.append(text)
            used += before + len(lines) * line_height
            continue
        if count <= 0 and (taken or used):
            return taken, list(paragraphs[index:])
        count = max(count, 1)
        cut = lines[count][0]
        taken.append(text[:cut].rstrip())
        return taken, [text[cut:].lstrip(), *paragraphs[index + 1 :]]
    return taken, []


def shorten(text, style, size, box):
    """`text` cut after a word, with an ellipsis, so that it fits the box at `size`."""
    if fits([text], style, size, box):
        return text
    words = [word.end() for word in WORDS.finditer(text)]
    low, high = 0, len(words) - 1  # the most words that fit, found by halving
    while low < high:
        middle = (low + high + 1) // 2
        if fits([text[: words[middle]] + ELLIPSIS], style, size, box):
            low = middle
        else:
            high = middle - 1
    shortened = text[: words[low]].rstrip(" ,;:.-–—") + ELLIPSIS if words else ELLIPSIS
    while len(shortened) > 1 and not fits([shortened], style, size, box):
        shortened = shortened[:-2] + ELLIPSIS  # one long word: cut within it
    return shortened
