"""Small server-side SVG charts: geometry here, markup in templates/publishing/charts/.

Each chart is drawn from the same rows that are shown as its table and offered as CSV, so the picture
and the numbers cannot disagree.
"""

from dataclasses import dataclass

from django.http import HttpResponse

from buyingstages.common.spreadsheets import csv_text

WIDTH, HEIGHT, PAD = 640, 240, 40


@dataclass
class Point:
    label: str
    value: float
    x: float
    y: float
    note: str = ""


@dataclass
class Bar:
    label: str
    value: float
    x: float
    y: float
    width: float
    height: float


def nice_max(value):
    """A round axis maximum at or above the value."""
    if value <= 0:
        return 1
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if value <= step:
            return step
    return ((int(value) // 1000) + 1) * 1000


def line_chart(rows, notes=None):
    """rows: [(label, value)] oldest first. Returns the chart's points, axis maximum and polyline."""
    top = nice_max(max((value for _, value in rows), default=0))
    span = max(len(rows) - 1, 1)
    points = [
        Point(
            label=label,
            value=value,
            x=round(PAD + index * (WIDTH - 2 * PAD) / span, 1),
            y=round(HEIGHT - PAD - value / top * (HEIGHT - 2 * PAD), 1),
            note=(notes or {}).get(label, ""),
        )
        for index, (label, value) in enumerate(rows)
    ]
    return {
        "points": points,
        "max": top,
        "polyline": " ".join(f"{point.x},{point.y}" for point in points),
        "width": WIDTH,
        "height": HEIGHT,
        "pad": PAD,
        "baseline": HEIGHT - PAD,
    }


def bar_chart(rows):
    """rows: [(label, value)]. Horizontal bars, one per row."""
    top = nice_max(max((value for _, value in rows), default=0))
    bar_height = 28
    label_width = 220
    plot = WIDTH - label_width - PAD
    bars = [
        Bar(
            label=label,
            value=value,
            x=label_width,
            y=index * (bar_height + 8) + 8,
            width=round(value / top * plot, 1),
            height=bar_height,
        )
        for index, (label, value) in enumerate(rows)
    ]
    return {
        "bars": bars,
        "max": top,
        "width": WIDTH,
        "height": len(rows) * (bar_height + 8) + 16,
        "label_width": label_width,
    }


def csv_response(filename, headings, rows):
    response = HttpResponse(csv_text(headings, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
