"""CSV that is safe to open in Excel, LibreOffice and Google Sheets.

A spreadsheet treats a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return before one) as a formula, so a subscriber who calls themselves ``=HYPERLINK(...)`` would become
a live link in Sales' spreadsheet. Such text is written with a leading apostrophe, which keeps it text,
and read back without it (text that starts with an apostrophe of its own gets one more). Files start
with a byte-order mark, without which Excel reads UTF-8 as the local code page and garbles accents.

Files coming back from a spreadsheet are read as any of the three writes them: comma, semicolon or
tab between cells, UTF-8 or the Windows code page (``decode_text``, ``sniff_dialect``).
"""

import codecs
import csv
import datetime
import io

from django.utils import timezone

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
        if export_format == self.FORMAT_CSV and isinstance(value, datetime.datetime):
            return spreadsheet_time(value)
        value = super().preprocess_field_value(field, value, export_format)
        return safe_cell(value) if export_format == self.FORMAT_CSV else value


def spreadsheet_time(moment):
    """A moment as spreadsheets read a date and time: local, to the second, with no offset (Django's
    own text, with microseconds and "+00:00", is read as text)."""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


# Reading what spreadsheets write.

DELIMITERS = ",;\t"


class excel_semicolon(csv.excel):  # noqa: N801 (named like the csv module's own dialects)
    """Excel's "CSV" where the comma is the decimal mark (much of Europe): cells split by ``;``."""

    delimiter = ";"


DIALECTS = {",": csv.excel, ";": excel_semicolon, "\t": csv.excel_tab}


def decode_text(data):
    """The text of a file a spreadsheet saved, whatever character set it chose.

    UTF-8 (with or without a byte-order mark) and UTF-16 with one (Excel's "Unicode text") are
    read as such; anything else is Windows-1252, the code page Excel writes "CSV" in across Western
    Europe and the Americas, or Latin-1 for the few bytes Windows-1252 leaves undefined.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def heading_key(text):
    """A column heading as a key: "Publish at", "publish-at" and "PUBLISH_AT" are one column."""
    return "_".join(text.replace("-", " ").replace("_", " ").lower().split())


def first_row(text, dialect):
    return next(csv.reader(io.StringIO(text, newline=""), dialect), [])


def sniff_dialect(text, headings=()):
    """The csv dialect of text a spreadsheet wrote: Excel's quoting, split by ``,`` ``;`` or tab.

    Excel, LibreOffice and Google Sheets all double a quote inside a quoted cell; csv.Sniffer
    sometimes guesses otherwise (a cell holding both a doubled quote and the delimiter) and then
    splits rows in the wrong places, so only the delimiter is asked of it. A header row naming
    known ``headings`` decides first, as it cannot be mistaken; the sniffer only breaks a tie.
    """
    known = {heading_key(heading) for heading in headings}

    def recognised(dialect):
        return len({heading_key(cell) for cell in first_row(text, dialect)} & known)

    scores = {delimiter: recognised(dialect) for delimiter, dialect in DIALECTS.items()}
    best = max(scores.values())
    candidates = [delimiter for delimiter, score in scores.items() if score == best]
    if len(candidates) > 1:
        try:
            sniffed = csv.Sniffer().sniff(text[:4096], delimiters=DELIMITERS).delimiter
        except csv.Error:
            sniffed = None
        if sniffed in candidates:
            return DIALECTS[sniffed]
        # No opinion from the sniffer: the split that gives the header row the most cells.
        candidates.sort(key=lambda delimiter: -len(first_row(text, DIALECTS[delimiter])))
    return DIALECTS[candidates[0]]
