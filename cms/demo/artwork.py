"""The demo's generated files, drawn with Pillow: abstract hero images and small text PDFs.

Both are pure functions of their arguments, so a test run may draw each one once and reuse it.
"""

import colorsys
import hashlib
import io
import math
import textwrap

from PIL import Image, ImageDraw, ImageFilter, ImageFont

HERO_SIZE = (1200, 630)
# One hue per buying stage, in stage order: violet, blue, teal, green, amber, coral, magenta.
STAGE_HUES = [0.72, 0.6, 0.5, 0.3, 0.1, 0.03, 0.9]


def rgb(hue, saturation, value, alpha=None):
    colour = tuple(round(c * 255) for c in colorsys.hsv_to_rgb(hue % 1, saturation, value))
    return colour if alpha is None else (*colour, alpha)


def hero_image(stage_order, slug):
    """A 1200×630 PNG with no text: a gradient in the stage's colour, soft light and a few waves.

    The stage picks the colours and the slug the layout, so each asset has its own image and the
    assets of one stage look like a family. The shapes sit across the whole width and the middle
    band, so the 1200×480 crop of the asset page keeps them.
    """
    width, height = HERO_SIZE
    hue = STAGE_HUES[stage_order % len(STAGE_HUES)]
    digest = hashlib.sha256(slug.encode()).digest()

    # A diagonal gradient, drawn small and scaled up (smooth and quick).
    small = (width // 8, height // 8)
    dark, light = rgb(hue + 0.03, 0.75, 0.32), rgb(hue - 0.04, 0.55, 0.78)
    # Turned 20° to 70° and cut from the middle, where the turned square has no corners.
    mask = Image.linear_gradient("L").rotate(20 + digest[0] % 50, Image.BICUBIC)
    mask = mask.resize(small, box=(33, 78, 223, 178))
    image = Image.composite(Image.new("RGB", small, light), Image.new("RGB", small, dark), mask)

    # Soft pools of light in neighbouring hues.
    glow = Image.new("RGBA", small, (0, 0, 0, 0))
    draw = ImageDraw.Draw(glow)
    for i in range(4):
        x, y = digest[1 + i] / 255 * small[0], (0.2 + digest[5 + i] / 255 * 0.6) * small[1]
        radius = small[1] * (0.25 + digest[9 + i] / 255 * 0.35)
        colour = rgb(hue + (digest[13 + i] / 255 - 0.5) * 0.16, 0.45, 0.95, 90)
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=colour)
    glow = glow.filter(ImageFilter.GaussianBlur(small[1] / 8))
    image = Image.alpha_composite(image.convert("RGBA"), glow).resize(HERO_SIZE, Image.BICUBIC)

    # A few fine waves across the width, drawn at twice the size for smooth edges.
    lines = Image.new("RGBA", (width * 2, height * 2), (0, 0, 0, 0))
    draw = ImageDraw.Draw(lines)
    waves = 5 + digest[17] % 4
    base = height * (0.5 + (digest[18] / 255 - 0.5) * 0.3)
    amplitude = height * (0.08 + digest[19] / 255 * 0.1)
    cycles = 0.8 + digest[20] / 255 * 1.2
    for n in range(waves):
        phase = digest[21] / 255 * math.tau + n * 0.35
        offset = (n - waves / 2) * height * 0.045
        points = [
            (
                2 * x,
                2 * (base + offset + amplitude * math.sin(x / width * cycles * math.tau + phase)),
            )
            for x in range(0, width + 10, 10)
        ]
        draw.line(points, fill=(255, 255, 255, 40 + 12 * n), width=3)
    image.alpha_composite(lines.resize(HERO_SIZE, Image.LANCZOS))

    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="PNG")
    return buffer.getvalue()


def pdf_document(title, pages, footer):
    """A small text PDF drawn page by page (A4 at 100 dpi): a title page, then each page's text.

    `pages` is a list of {"heading": ..., "paragraphs": [...]}; each page's footer reads
    "<footer> · <page number>".
    """
    width, height, margin = 827, 1169, 70
    heading_font = ImageFont.load_default(size=30)
    body_font = ImageFont.load_default(size=17)
    rendered = []
    for number, page in enumerate([{"heading": title, "paragraphs": []}, *pages], start=1):
        image = Image.new("RGB", (width, height), "white")
        draw = ImageDraw.Draw(image)
        y = margin
        for line in textwrap.wrap(page["heading"], width=42):
            draw.text((margin, y), line, font=heading_font, fill=(11, 63, 83))
            y += 42
        y += 20
        for paragraph in page["paragraphs"]:
            for line in textwrap.wrap(paragraph, width=78):
                draw.text((margin, y), line, font=body_font, fill=(23, 33, 43))
                y += 26
            y += 16
        draw.text(
            (margin, height - margin), f"{footer} · {number}", font=body_font, fill=(90, 90, 90)
        )
        rendered.append(image)
    buffer = io.BytesIO()
    rendered[0].save(buffer, format="PDF", save_all=True, append_images=rendered[1:], title=title)
    return buffer.getvalue()
