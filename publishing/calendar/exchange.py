"""CSV export and import of calendar entries, for teams that plan in a spreadsheet.

An export carries each entry's id, so a file edited in Excel, LibreOffice or Google Sheets and
imported back updates those entries instead of adding copies. An import is planned first (what each
line creates or changes, or why it is refused), shown to the editor, and applied only as a whole.
"""

import csv
import dataclasses
import datetime
import io

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import models, transaction
from django.utils import timezone

from buyingstages.common.spreadsheets import (
    csv_text,
    decode_text,
    heading_key,
    read_cell,
    sniff_dialect,
)
from buyingstages.library.formats import AssetFormat
from buyingstages.taxonomy.models import BuyingStage, Campaign, Persona, Segment, Topic
from publishing.calendar.models import (
    CalendarEntry,
    Channel,
    EntryLength,
    EntryType,
    Network,
    Repeat,
    Status,
    normalise_newlines,
)

COLUMNS = [
    "id", "title", "brief", "stage", "personas", "topics", "format", "length", "channel", "owner",
    "status", "publish_at", "draft_due", "review_due", "open_slot", "type", "start_time",
    "registration_url", "network", "post_text", "repeat", "repeat_every", "repeat_until",
    "campaign", "segments",
]  # fmt: skip
RELATIONS = ("personas", "topics", "segments")
LIST_SEPARATOR = ";"
MAX_ROWS = 5000
TRUE_WORDS = {"yes", "y", "true", "1", "x"}
PREVIEW_SALT = "publishing.calendar.import"
PREVIEW_MAX_AGE = 60 * 60
WORKBOOK_STARTS = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # .xlsx/.ods (zip), .xls (OLE)


class CSVFileError(ValueError):
    """The file as a whole cannot be read, or the preview it came from cannot be trusted."""


class OutdatedPreview(Exception):  # noqa: N818 (a state the editor is told about, not a bug)
    """Between preview and Apply the calendar changed, so the file no longer does what was shown."""

    def __init__(self, plan):
        super().__init__("The calendar changed since the preview.")
        self.plan = plan


def export_entries(entries):
    """CSV text with one row per entry, in the columns `plan_import` reads.

    Times are local and to the minute, dates plain ISO, so spreadsheets read them as dates.
    """
    rows = (
        [
            entry.pk,
            entry.title,
            entry.brief,
            entry.stage.slug if entry.stage else "",
            LIST_SEPARATOR.join(persona.slug for persona in entry.personas.all()),
            LIST_SEPARATOR.join(topic.slug for topic in entry.topics.all()),
            entry.format,
            entry.length,
            entry.channel,
            entry.owner.get_username() if entry.owner else "",
            entry.status.name,
            timezone.localtime(entry.publish_at).strftime("%Y-%m-%d %H:%M")
            if entry.publish_at
            else "",
            entry.draft_due.isoformat() if entry.draft_due else "",
            entry.review_due.isoformat() if entry.review_due else "",
            "yes" if entry.is_open_slot else "",
            entry.entry_type.name if entry.entry_type else "",
            entry.start_time.strftime("%H:%M") if entry.start_time else "",
            entry.registration_url,
            entry.network,
            entry.post_text,
            entry.repeat,
            (entry.repeat_every or "") if entry.repeat else "",
            entry.repeat_until.isoformat() if entry.repeat_until else "",
            entry.campaign.slug if entry.campaign else "",
            LIST_SEPARATOR.join(segment.slug for segment in entry.segments.all()),
        ]
        for entry in entries
    )
    return csv_text(COLUMNS, rows)


# Reading the file.


@dataclasses.dataclass
class Sheet:
    """A CSV file's rows as (line, {column: cell}), and the headings it has that are not columns."""

    text: str
    rows: list
    unknown_columns: list


def read_sheet(data):
    """Decode and split a file a spreadsheet wrote; raises CSVFileError if it cannot be read."""
    if isinstance(data, bytes):
        if data.startswith(WORKBOOK_STARTS):
            raise CSVFileError("This is a workbook, not a CSV file. Save the sheet as CSV first.")
        text = decode_text(data)
    else:
        text = data
    if "\x00" in text:
        raise CSVFileError("The file contains NUL bytes; it does not look like a CSV file.")
    # newline="" lets the csv module see a line break inside a quoted cell as part of the cell.
    reader = csv.reader(io.StringIO(text, newline=""), sniff_dialect(text, COLUMNS))
    line = 0
    try:
        headings = [read_cell(cell).strip() for cell in next(reader, [])]
        header = [heading_key(heading) for heading in headings]
        check_header(header)
        rows = []
        for line, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) >= MAX_ROWS:
                raise CSVFileError(f"At most {MAX_ROWS} rows can be imported at once.")
            rows.append((line, row_cells(header, cells)))
    except csv.Error as error:
        raise CSVFileError(
            f"Line {line + 1}: the file could not be read as CSV ({error})."
        ) from error
    if not rows:
        raise CSVFileError("The file has no rows to import.")
    unknown = [heading for heading, key in zip(headings, header, strict=True) if key not in COLUMNS]
    return Sheet(text, rows, [heading for heading in dict.fromkeys(unknown) if heading])


def check_header(header):
    if "title" not in header and "id" not in header:
        raise CSVFileError(
            "The first row must name the columns, including “title” (or “id” to update entries)."
        )
    repeated = sorted({name for name in header if name in COLUMNS and header.count(name) > 1})
    if repeated:
        raise CSVFileError(f"These columns appear more than once: {', '.join(repeated)}.")


def row_cells(header, cells):
    """The row's cells by known column; cells under no heading at all are kept under None."""
    row = {
        name: read_cell(cell) for name, cell in zip(header, cells, strict=False) if name in COLUMNS
    }
    extra = [cell for cell in cells[len(header) :] if cell.strip()]
    extra += [cell for name, cell in zip(header, cells, strict=False) if not name and cell.strip()]
    if extra:
        row[None] = extra
    return row


# Understanding the cells.


class AmbiguousName(LookupError):
    """A name that more than one row has (names need not be unique; slugs are)."""


class Lookup:
    """Finds taxonomy rows by slug or (case-insensitive) name, loaded once per import.

    A slug wins over another row's name; a name two rows share names neither.
    """

    def __init__(self, queryset):
        self.by_slug, self.by_name = {}, {}
        for item in queryset:
            self.by_slug[item.slug.lower()] = item
            self.by_name.setdefault(item.name.lower(), []).append(item)

    def __call__(self, value):
        key = value.strip().lower()
        if key in self.by_slug:
            return self.by_slug[key]
        found = self.by_name.get(key, [])
        if len(found) > 1:
            raise AmbiguousName(key)
        return found[0] if found else None


class Catalogue:
    """Everything a file's cells can name, loaded once per import: taxonomy, people, entries."""

    def __init__(self, entry_ids, lock=False):
        self.stages = Lookup(BuyingStage.objects.all())
        self.personas = Lookup(Persona.objects.all())
        self.topics = Lookup(Topic.objects.all())
        self.statuses = Lookup(Status.objects.all())
        self.types = Lookup(EntryType.objects.all())
        self.campaigns = Lookup(Campaign.objects.all())
        self.segments = Lookup(Segment.objects.all())
        self.users = {
            user.get_username().lower(): user
            for user in get_user_model().objects.filter(is_active=True)
        }
        if lock:  # Apply: nobody changes these entries between the check and the write.
            list(CalendarEntry.objects.select_for_update().filter(pk__in=entry_ids).values("pk"))
        self.entries = (
            CalendarEntry.objects.select_related(
                "stage", "owner", "status", "entry_type", "campaign"
            )
            .prefetch_related(*RELATIONS)
            .in_bulk(entry_ids)
        )

    def one(self, lookup, cell, label):
        if not cell.strip():
            return None
        try:
            item = lookup(cell)
        except AmbiguousName:
            raise forms.ValidationError(
                f"more than one {label} is called “{cell.strip()}”: give its slug instead"
            ) from None
        if item is None:
            raise forms.ValidationError(f"unknown {label} “{cell.strip()}”")
        return item

    def many(self, lookup, cell, label):
        return [
            self.one(lookup, name, label)
            for name in filter(None, (part.strip() for part in cell.split(LIST_SEPARATOR)))
        ]

    def owner(self, cell):
        name = cell.strip()
        if name and name.lower() not in self.users:
            raise forms.ValidationError(f"unknown owner “{name}”")
        return self.users.get(name.lower())


def choice(value, choices, label):
    value = value.strip()
    if not value:
        return ""
    for key, display in choices:
        if value.lower() in (key, str(display).lower()):
            return key
    raise forms.ValidationError(f"unknown {label} “{value}”")


def parse_when(value, label):
    """A date or time as spreadsheets write ISO dates back (LibreOffice adds seconds)."""
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


def read_value(column, cell, catalogue):
    """One cell as the value of its field; None where an empty cell means "the default"."""
    match column:
        case "title":
            return cell.strip()
        case "brief":
            return cell
        case "stage":
            return catalogue.one(catalogue.stages, cell, "stage")
        case "personas":
            return catalogue.many(catalogue.personas, cell, "persona")
        case "topics":
            return catalogue.many(catalogue.topics, cell, "topic")
        case "format":
            return choice(cell, AssetFormat.choices, "format")
        case "length":
            return choice(cell, EntryLength.choices, "length")
        case "channel":
            return choice(cell, Channel.choices, "channel") or None
        case "status":
            return catalogue.one(catalogue.statuses, cell, "status")
        case "type":
            return catalogue.one(catalogue.types, cell, "type")
        case "campaign":
            return catalogue.one(catalogue.campaigns, cell, "campaign")
        case "segments":
            return catalogue.many(catalogue.segments, cell, "segment")
        case "start_time":
            return parse_time(cell)
        case "registration_url":
            return cell.strip()
        case "network":
            return choice(cell, Network.choices, "network")
        case "post_text":
            return cell
        case "repeat":
            return choice(cell, Repeat.choices, "repeat")
        case "repeat_every":
            return parse_every(cell)
        case "owner":
            return catalogue.owner(cell)
        case "publish_at":
            when = parse_when(cell, column)
            return timezone.make_aware(when) if when else None
        case "draft_due" | "review_due" | "repeat_until":
            when = parse_when(cell, column)
            return when.date() if when else None
        case "open_slot":
            return cell.strip().lower() in TRUE_WORDS


def parse_time(value):
    value = value.strip()
    if not value:
        return None
    for pattern in ("%H:%M", "%H:%M:%S"):
        try:
            return datetime.datetime.strptime(value, pattern).time()
        except ValueError:
            continue
    raise forms.ValidationError(f"start_time “{value}” is not a time of day (use HH:MM)")


def parse_every(value):
    value = value.strip()
    if not value:
        return None
    if not value.isdecimal() or not 1 <= int(value) <= 52:
        raise forms.ValidationError(f"repeat_every “{value}” must be a whole number from 1 to 52")
    return int(value)


FIELDS = {"open_slot": "is_open_slot", "type": "entry_type"}


def comparable(value):
    """A value as the export shows it, so a round trip through a spreadsheet changes nothing."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(second=0, microsecond=0)
    if isinstance(value, str):
        return normalise_newlines(value)
    if isinstance(value, list | tuple | set):
        return sorted(item.pk for item in value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def shown(column, value):
    """A value as the preview shows it."""
    if value in (None, "", []):
        return "—"
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    if isinstance(value, models.Model):
        return value.get_username() if hasattr(value, "get_username") else str(value)
    choices = dict(CalendarEntry._meta.get_field(FIELDS.get(column, column)).flatchoices)
    return str(choices.get(value, value))


# Planning and applying.


@dataclasses.dataclass
class Line:
    """What one line of the file does: create or update an entry, nothing, or is refused."""

    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    REFUSED = "refused"

    number: int
    title: str
    action: str = ""
    entry: CalendarEntry | None = None
    relations: dict = dataclasses.field(default_factory=dict)
    changes: list = dataclasses.field(default_factory=list)  # (column, before, after)
    problems: list = dataclasses.field(default_factory=list)

    @property
    def verb(self):
        return {
            self.CREATE: "Create",
            self.UPDATE: "Update",
            self.UNCHANGED: "No change",
            self.REFUSED: "Refused",
        }[self.action]

    def refuse(self, *problems):
        self.action, self.entry = self.REFUSED, None
        self.problems.extend(problems)
        return self


@dataclasses.dataclass
class ImportPlan:
    """What a file would do to the calendar, line by line, before anything is written."""

    text: str
    lines: list
    unknown_columns: list

    def with_action(self, action):
        return [line for line in self.lines if line.action == action]

    @property
    def created(self):
        return self.with_action(Line.CREATE)

    @property
    def updated(self):
        return self.with_action(Line.UPDATE)

    @property
    def unchanged(self):
        return self.with_action(Line.UNCHANGED)

    @property
    def refused(self):
        return self.with_action(Line.REFUSED)

    @property
    def can_apply(self):
        return not self.refused and bool(self.created or self.updated)

    @property
    def errors(self):
        return [f"Line {line.number}: {'; '.join(line.problems)}" for line in self.refused]

    @property
    def versions(self):
        """The version of every entry the file names, as the preview saw it."""
        return {
            str(line.entry.pk): line.entry.version
            for line in self.lines
            if line.entry is not None and line.entry.pk
        }

    def apply(self):
        """Write every creation and update in one transaction: all of them or none."""
        if not self.can_apply:
            raise ValueError("A plan with refused lines, or with nothing to do, is not applied.")
        with transaction.atomic():
            for line in self.lines:
                if line.action in (Line.CREATE, Line.UPDATE):
                    line.entry.save()
                    for name, items in line.relations.items():
                        getattr(line.entry, name).set(items)


def plan_import(data, can_change=True, lock=False):
    """What importing `data` (bytes as uploaded, or text) would do; raises CSVFileError.

    A row with an id updates that entry, in the columns the file has; one without creates an entry.
    `can_change=False` refuses updates, for people who may add entries but not change them.
    """
    sheet = read_sheet(data)
    ids = {entry_pk(row.get("id", "")) for _, row in sheet.rows} - {None}
    catalogue = Catalogue(ids, lock=lock)
    lines, seen = [], {}
    for number, row in sheet.rows:
        line = Line(number, row.get("title", "").strip())
        pk = entry_pk(row.get("id", ""))
        if pk in seen:
            line.refuse(f"id {pk} is also on line {seen[pk]}")
        else:
            seen.update({pk: number} if pk else {})
            plan_line(line, row, catalogue, can_change)
        lines.append(line)
    return ImportPlan(sheet.text, lines, sheet.unknown_columns)


def entry_pk(cell):
    """The entry id an id cell holds, or None if it holds none that could exist."""
    cell = cell.strip()
    return int(cell) if cell.isdecimal() and len(cell) < 19 else None


def plan_line(line, row, catalogue, can_change):
    if None in row:
        # More cells than headings usually means a row split in the wrong places: refuse, not guess.
        cells = ", ".join(f"“{cell}”" for cell in row.pop(None))
        line.problems.append(f"cells under no column heading ({cells})")
    entry_id = row.pop("id", "").strip()
    if entry_id:
        if entry_pk(entry_id) not in catalogue.entries:
            return line.refuse(
                f"there is no entry with id “{entry_id}” (to add it as a new entry, empty its id)"
            )
        if not can_change:
            return line.refuse("you may add entries but not change existing ones")
        line.entry = catalogue.entries[entry_pk(entry_id)]
        line.title = line.title or line.entry.title
    values = {}
    for column, cell in row.items():
        try:
            values[column] = read_value(column, cell, catalogue)
        except forms.ValidationError as error:
            line.problems.extend(error.messages)
    if line.entry is None:
        line.entry = new_entry(values)
        line.action = Line.CREATE
        line.changes = [
            (column, shown(column, None), shown(column, value))
            for column, value in values.items()
            if column != "title" and value not in (None, "", [], False)
        ]
    else:
        line.changes = change_entry(line.entry, values)
        line.action = Line.UPDATE if line.changes else Line.UNCHANGED
    line.relations = {name: values[name] for name in RELATIONS if name in values}
    try:
        line.entry.full_clean(exclude=["uid"])
    except forms.ValidationError as error:
        line.problems.extend(
            f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
        )
    return line.refuse() if line.problems else line


def new_entry(values):
    fields = {FIELDS.get(column, column): value for column, value in values.items()}
    for name in RELATIONS:
        fields.pop(name, None)
    if fields.get("channel") is None:
        fields["channel"] = Channel.WEBSITE
    if fields.get("status") is None:
        slug = "planned" if fields.get("publish_at") else "idea"
        fields["status"] = Status.objects.filter(slug=slug).first() or Status.objects.first()
    return CalendarEntry(**fields)


def change_entry(entry, values):
    """Set the values that differ on the entry; returns them as (column, before, after)."""
    changes = []
    for column, value in values.items():
        if value is None and column in ("channel", "status"):
            continue  # an empty cell keeps what the entry has
        field = FIELDS.get(column, column)
        before = list(getattr(entry, field).all()) if column in RELATIONS else getattr(entry, field)
        if comparable(before) == comparable(value):
            continue
        changes.append((column, shown(column, before), shown(column, value)))
        if column not in RELATIONS:
            setattr(entry, field, value)
    return changes


def import_entries(data):
    """Plan and apply in one go, for scripts: (entries written, errors as 'Line N: reason')."""
    plan = plan_import(data)
    if not plan.can_apply:
        return 0, plan.errors or ["The file changes nothing."]
    plan.apply()
    return len(plan.created) + len(plan.updated), []


# Carrying a previewed file to Apply.


def sign_preview(plan, user):
    """The plan's file, signed for the Apply form, so the client cannot change what is applied."""
    token = signing.dumps(
        {"user": user.pk, "text": plan.text, "versions": plan.versions},
        salt=PREVIEW_SALT,
        compress=True,
    )
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if limit and len(token) > limit - 10_000:
        raise CSVFileError("The file is too large to import in one go. Split it into two files.")
    return token


def apply_preview(token, user, can_change=True):
    """Apply a previewed file if it still does what the preview showed; returns the plan.

    The file is planned again against the calendar as it is now. Raises CSVFileError for a token
    that is not ours, not the user's or over an hour old, and OutdatedPreview if an entry the file
    names changed since the preview or a line would now be refused.
    """
    try:
        payload = signing.loads(token, salt=PREVIEW_SALT, max_age=PREVIEW_MAX_AGE)
    except signing.SignatureExpired as error:
        raise CSVFileError(
            "The preview is more than an hour old. Upload the file again."
        ) from error
    except signing.BadSignature as error:
        raise CSVFileError("The preview could not be verified. Upload the file again.") from error
    if payload.get("user") != user.pk:
        raise CSVFileError("This preview was made by someone else. Upload the file yourself.")
    with transaction.atomic():
        plan = plan_import(payload["text"], can_change=can_change, lock=True)
        if not plan.can_apply or plan.versions != payload["versions"]:
            raise OutdatedPreview(plan)
        plan.apply()
    return plan
