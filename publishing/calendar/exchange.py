"""CSV export and import of calendar entries, for teams coming from (or going to) a spreadsheet."""

import csv
import datetime
import io

from django import forms
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from buyingstages.common.spreadsheets import csv_text, read_cell
from buyingstages.library.formats import AssetFormat
from buyingstages.taxonomy.models import BuyingStage, Persona, Topic
from publishing.calendar.models import CalendarEntry, Channel, EntryLength, EntryStatus

COLUMNS = [
    "title", "brief", "stage", "personas", "topics", "format", "length", "channel", "owner",
    "status", "publish_at", "draft_due", "review_due", "open_slot",
]  # fmt: skip
LIST_SEPARATOR = ";"
MAX_ROWS = 5000
TRUE_WORDS = {"yes", "y", "true", "1", "x"}


class CSVFileError(ValueError):
    """The file as a whole cannot be read."""


def export_entries(entries):
    """CSV text with one row per entry, in the columns `import_entries` reads."""
    rows = (
        [
            entry.title,
            entry.brief,
            entry.stage.slug if entry.stage else "",
            LIST_SEPARATOR.join(persona.slug for persona in entry.personas.all()),
            LIST_SEPARATOR.join(topic.slug for topic in entry.topics.all()),
            entry.format,
            entry.length,
            entry.channel,
            entry.owner.get_username() if entry.owner else "",
            entry.status,
            timezone.localtime(entry.publish_at).strftime("%Y-%m-%d %H:%M")
            if entry.publish_at
            else "",
            entry.draft_due.isoformat() if entry.draft_due else "",
            entry.review_due.isoformat() if entry.review_due else "",
            "yes" if entry.is_open_slot else "",
        ]
        for entry in entries
    )
    return csv_text(COLUMNS, rows)


class Lookup:
    """Finds taxonomy rows by slug or (case-insensitive) name, loaded once per import."""

    def __init__(self, queryset):
        self.by_key = {}
        for item in queryset:
            self.by_key[item.slug.lower()] = item
            self.by_key[item.name.lower()] = item

    def __call__(self, value):
        return self.by_key.get(value.strip().lower())


def choice(value, choices, label):
    value = value.strip()
    if not value:
        return ""
    for key, display in choices:
        if value.lower() in (key, str(display).lower()):
            return key
    raise forms.ValidationError(f"unknown {label} “{value}”")


def parse_when(value, label):
    value = value.strip()
    if not value:
        return None
    for pattern in ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(value, pattern)
        except ValueError:
            continue
    raise forms.ValidationError(
        f"{label} “{value}” is not a date (use YYYY-MM-DD or YYYY-MM-DD HH:MM)"
    )


def read_rows(data):
    """Decode and sniff the file; returns [(line number, row dict)] or raises CSVFileError."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CSVFileError(
            "The file is not UTF-8 text. Save it from your spreadsheet as “CSV UTF-8”."
        ) from error
    if "\x00" in text:
        raise CSVFileError("The file contains NUL bytes; it does not look like a CSV file.")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    # newline="" lets the csv module see a bare CR inside a cell as part of the cell.
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    try:
        return check_and_read(reader)
    except csv.Error as error:
        raise CSVFileError(
            f"Line {reader.line_num}: the file could not be read as CSV ({error})."
        ) from error


def check_and_read(reader):
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    if "title" not in header:
        raise CSVFileError("The first row must name the columns, including “title”.")
    unknown = sorted(set(header) - set(COLUMNS))
    if unknown:
        raise CSVFileError(
            f"Unknown columns: {', '.join(unknown)}. Known columns: {', '.join(COLUMNS)}."
        )
    reader.fieldnames = header
    rows = []
    for row in reader:
        if len(rows) >= MAX_ROWS:
            raise CSVFileError(f"At most {MAX_ROWS} rows can be imported at once.")
        if None in row:
            raise CSVFileError(f"Line {reader.line_num}: more cells than columns.")
        rows.append((reader.line_num, {key: read_cell(value or "") for key, value in row.items()}))
    return rows


def import_entries(data):
    """Create an entry per row, all or nothing. Returns (count, errors as 'Line N: reason')."""
    rows = read_rows(data)
    stages = Lookup(BuyingStage.objects.all())
    personas = Lookup(Persona.objects.all())
    topics = Lookup(Topic.objects.all())
    users = {
        user.get_username().lower(): user
        for user in get_user_model().objects.filter(is_active=True)
    }
    planned, errors = [], []
    for line, row in rows:
        try:
            planned.append(build_entry(row, stages, personas, topics, users))
        except forms.ValidationError as error:
            errors.append(f"Line {line}: {'; '.join(error.messages)}")
    if errors or not planned:
        return 0, errors or ["The file has no rows to import."]
    with transaction.atomic():
        for entry, entry_personas, entry_topics in planned:
            entry.save()
            entry.personas.set(entry_personas)
            entry.topics.set(entry_topics)
    return len(planned), []


def build_entry(row, stages, personas, topics, users):
    problems = []

    def check(function):
        try:
            return function()
        except forms.ValidationError as error:
            problems.extend(error.messages)
            return None

    title = row.get("title", "").strip()

    def find_all(lookup, cell, label):
        found = []
        for name in filter(None, (part.strip() for part in cell.split(LIST_SEPARATOR))):
            item = lookup(name)
            if item is None:
                raise forms.ValidationError(f"unknown {label} “{name}”")
            found.append(item)
        return found

    def find_one(lookup, cell, label):
        if not cell.strip():
            return None
        item = lookup(cell)
        if item is None:
            raise forms.ValidationError(f"unknown {label} “{cell.strip()}”")
        return item

    def find_owner():
        name = row.get("owner", "").strip()
        if name and name.lower() not in users:
            raise forms.ValidationError(f"unknown owner “{name}”")
        return users.get(name.lower())

    stage = check(lambda: find_one(stages, row.get("stage", ""), "stage"))
    entry_personas = check(lambda: find_all(personas, row.get("personas", ""), "persona")) or []
    entry_topics = check(lambda: find_all(topics, row.get("topics", ""), "topic")) or []
    publish_at = check(lambda: parse_when(row.get("publish_at", ""), "publish_at"))
    draft_due = check(lambda: parse_when(row.get("draft_due", ""), "draft_due"))
    review_due = check(lambda: parse_when(row.get("review_due", ""), "review_due"))
    entry = CalendarEntry(
        title=title,
        brief=row.get("brief", ""),
        stage=stage,
        format=check(lambda: choice(row.get("format", ""), AssetFormat.choices, "format")) or "",
        length=check(lambda: choice(row.get("length", ""), EntryLength.choices, "length")) or "",
        channel=check(lambda: choice(row.get("channel", ""), Channel.choices, "channel"))
        or Channel.WEBSITE,
        owner=check(find_owner),
        status=check(lambda: choice(row.get("status", ""), EntryStatus.choices, "status"))
        or (EntryStatus.PLANNED if publish_at else EntryStatus.IDEA),
        publish_at=timezone.make_aware(publish_at) if publish_at else None,
        draft_due=draft_due.date() if draft_due else None,
        review_due=review_due.date() if review_due else None,
        is_open_slot=row.get("open_slot", "").strip().lower() in TRUE_WORDS,
    )
    try:
        entry.full_clean(exclude=["uid"])
    except forms.ValidationError as error:
        problems.extend(
            f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
        )
    if problems:
        raise forms.ValidationError(problems)
    return entry, entry_personas, entry_topics
