"""CSV that is safe to open in Excel, LibreOffice and Google Sheets.

A spreadsheet treats a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return before one) as a formula, so a subscriber who calls themselves ``=HYPERLINK(...)`` would become
a live link in Sales' spreadsheet. Such text is written with a leading apostrophe, which keeps it text,
and read back without it (text that starts with an apostrophe of its own gets one more). Files start
with a byte-order mark, without which Excel reads UTF-8 as the local code page and garbles accents.
"""

import csv
import io

BYTE_ORDER_MARK = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"


MARKED = (*FORMULA_STARTS, TEXT_MARK)


def safe_cell(value):
    """Text a spreadsheet would run as a formula, marked as text; anything else as it is."""
    if isinstance(value, str) and value.startswith(MARKED):
        return TEXT_MARK + value
    return value


def read_cell(text):
    """A cell as ``safe_cell`` wrote it, back to the text it was."""
    if text.startswith(TEXT_MARK) and text[1:].startswith(MARKED):
        return text[1:]
    return text


def csv_text(headings, rows):
    """A whole CSV file as text: byte-order mark, headings, then the rows with every cell made safe."""
    buffer = io.StringIO()
    buffer.write(BYTE_ORDER_MARK)
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(heading) for heading in headings])
    writer.writerows([safe_cell(value) for value in row] for row in rows)
    return buffer.getvalue()


class SafeSpreadsheetExportMixin:
    """For a Wagtail listing's CSV export (``list_export``): a byte-order mark and safe cells."""

    def stream_csv(self, queryset):
        yield BYTE_ORDER_MARK
        yield from super().stream_csv(queryset)

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return safe_cell(value) if export_format == self.FORMAT_CSV else value
