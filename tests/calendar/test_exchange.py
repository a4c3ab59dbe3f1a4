"""The calendar's CSV, as the files Excel, LibreOffice, Google Sheets and Python write it."""

import csv
import datetime
import io
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.utils import timezone

from publishing.calendar.exchange import (
    COLUMNS,
    CSVFileError,
    Line,
    export_entries,
    import_entries,
    plan_import,
)
from publishing.calendar.models import CalendarEntry
from tests.factories import (
    CalendarEntryFactory,
    CampaignFactory,
    PersonaFactory,
    SegmentFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

PHRASE = 'Recap of the "Plant data" webinar, slides attached'


def upload(client, text, encoding="utf-8"):
    data = text.encode(encoding) if isinstance(text, str) else text
    return client.post(
        "/admin/calendar/import/",
        {"file": SimpleUploadedFile("plan.csv", data, content_type="text/csv")},
    )


def written(rows, dialect="excel", **options):
    """A CSV file as Python's csv module writes it."""
    buffer = io.StringIO()
    csv.writer(buffer, dialect, **options).writerows(rows)
    return buffer.getvalue()


def exported_rows(entries=None):
    text = export_entries(entries or CalendarEntry.objects.order_by("pk"))
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


@pytest.fixture
def planned(stages, make_user):
    owner = make_user("Editors", "ed")
    persona, topic = PersonaFactory(name="Head of Data"), TopicFactory(name="Governance")
    entry = CalendarEntryFactory(
        title='Data residency, "explained"; part 1',
        brief="Line one\nline two",
        stage=stages[3],
        personas=[persona],
        topics=[topic],
        owner=owner,
        length="long",
        publish_at=timezone.make_aware(datetime.datetime(2026, 12, 3, 14, 30)),
        draft_due=datetime.date(2026, 11, 25),
        campaign=CampaignFactory(name="Spring launch", slug="spring-26"),
    )
    entry.segments.set([SegmentFactory(name="Retail"), SegmentFactory(name="Mid-market")])
    idea = CalendarEntryFactory(title="Backlog idea", stage=None, format="")
    return entry, idea


def test_the_export_names_each_entry_by_id_and_writes_plain_local_times(planned, settings):
    settings.TIME_ZONE = "Europe/Paris"
    entry, idea = planned
    entry.publish_at = timezone.make_aware(datetime.datetime(2026, 12, 3, 14, 30, 59, 123456))
    entry.save()

    first, second = exported_rows()

    assert list(first) == COLUMNS
    assert (first["id"], second["id"]) == (str(entry.pk), str(idea.pk))
    assert first["publish_at"] == "2026-12-03 14:30"
    assert first["draft_due"] == "2026-11-25" and first["review_due"] == ""


def test_an_export_imported_back_as_it_is_changes_nothing(planned):
    before = export_entries(CalendarEntry.objects.order_by("pk"))

    plan = plan_import(before.encode())

    assert [line.action for line in plan.lines] == [Line.UNCHANGED, Line.UNCHANGED]
    assert not plan.can_apply
    assert CalendarEntry.objects.count() == 2
    assert export_entries(CalendarEntry.objects.order_by("pk")) == before


def test_an_edited_export_updates_the_entries_it_names(planned, stages):
    entry, idea = planned
    rows = exported_rows()
    rows[0].update(stage="Purchase", personas="", topics="governance", status="drafting")
    rows[1].update(title="Backlog idea, sharpened", publish_at="2027-01-04 09:00")
    rows.append(dict.fromkeys(COLUMNS, "") | {"title": "A brand new piece"})

    assert import_entries(written([COLUMNS, *[row.values() for row in rows]]).encode()) == (3, [])

    assert CalendarEntry.objects.count() == 3
    entry.refresh_from_db()
    assert entry.stage == stages[4] and entry.status.slug == "drafting"
    assert not entry.personas.exists() and entry.topics.get().name == "Governance"
    assert entry.brief == "Line one\nline two" and entry.version == 2
    idea.refresh_from_db()
    assert idea.title == "Backlog idea, sharpened" and idea.status.slug == "planned"
    assert idea.publish_at == timezone.make_aware(datetime.datetime(2027, 1, 4, 9, 0))
    assert CalendarEntry.objects.filter(title="A brand new piece", status__slug="idea").exists()


def test_an_update_leaves_the_columns_the_file_does_not_have(planned, stages):
    entry, _ = planned

    assert import_entries(f"ID,Stage\n{entry.pk},awareness\n".encode()) == (1, [])

    entry.refresh_from_db()
    assert entry.stage == stages[1]
    assert entry.title == 'Data residency, "explained"; part 1' and entry.owner.username == "ed"
    assert entry.personas.count() == 1 and entry.draft_due == datetime.date(2026, 11, 25)


def test_rows_without_an_id_create_entries_with_everything_they_carry(planned, stages):
    rows = exported_rows()
    CalendarEntry.objects.all().delete()
    for row in rows:
        row["id"] = ""

    assert import_entries(written([COLUMNS, *[row.values() for row in rows]]).encode()) == (2, [])

    entry = CalendarEntry.objects.get(title='Data residency, "explained"; part 1')
    assert entry.brief == "Line one\nline two"
    assert entry.stage == stages[3] and entry.owner.username == "ed" and entry.length == "long"
    assert entry.personas.get().name == "Head of Data" and entry.topics.get().name == "Governance"
    assert entry.publish_at == timezone.make_aware(datetime.datetime(2026, 12, 3, 14, 30))
    assert entry.draft_due == datetime.date(2026, 11, 25)
    assert CalendarEntry.objects.get(title="Backlog idea").publish_at is None


def test_an_id_that_does_not_exist_is_refused_for_its_line(planned):
    entry, _ = planned
    huge = "9" * 40
    plan = plan_import(
        f"id,title\n{entry.pk},Renamed\n999999,Ghost\nabc,Typo\n²,Square\n{huge},Huge\n,New\n"
    )

    assert [line.action for line in plan.lines] == [Line.UPDATE, *[Line.REFUSED] * 4, Line.CREATE]
    assert plan.errors == [
        f"Line {number}: there is no entry with id “{cell}” (to add it as a new entry, empty its id)"
        for number, cell in ((3, "999999"), (4, "abc"), (5, "²"), (6, huge))
    ]
    assert import_entries(plan.text) == (0, plan.errors)
    entry.refresh_from_db()
    assert entry.title != "Renamed" and CalendarEntry.objects.count() == 2


def test_the_same_id_twice_is_refused(planned):
    entry, _ = planned
    plan = plan_import(f"id,title\n{entry.pk},One\n0{entry.pk},Other\n".encode())

    assert plan.errors == [f"Line 3: id {entry.pk} is also on line 2"]


@pytest.mark.parametrize(
    ("dialect", "options"),
    [("excel", {}), ("excel-tab", {}), ("excel", {"delimiter": ";"})],
    ids=["comma", "tab", "semicolon"],
)
def test_files_python_s_csv_module_writes(stages, dialect, options):
    PersonaFactory(name="VP Operations", slug="vp-operations")
    PersonaFactory(name="CIO", slug="cio")
    text = written(
        [
            ["title", "brief", "stage", "personas", "publish_at"],
            [PHRASE, "Slides, recording; Q&A", "Awareness", "VP Operations;cio", "2026-12-14"],
            ["Peer panel", 'Say "hello"\r\nthen, leave', "interest", "", ""],
        ],
        dialect,
        **options,
    )

    assert import_entries(text.encode()) == (2, [])

    recap = CalendarEntry.objects.get(title=PHRASE)
    assert recap.brief == "Slides, recording; Q&A" and recap.stage == stages[1]
    assert sorted(recap.personas.values_list("slug", flat=True)) == ["cio", "vp-operations"]
    assert recap.publish_at.date() == datetime.date(2026, 12, 14)
    assert CalendarEntry.objects.get(title="Peer panel").brief == 'Say "hello"\nthen, leave'


def test_a_google_sheets_file_with_a_quoted_phrase(stages):
    """Sheets quotes only the cells that need it; csv.Sniffer alone misreads this file."""
    data = (
        b"title,brief,stage\r\n"
        b'"Recap of the ""Plant data"" webinar, slides attached","Slides, recording",Awareness\r\n'
        b"Peer panel,,Interest\r\n"
    )

    assert import_entries(data) == (2, [])

    assert CalendarEntry.objects.get(stage=stages[1]).title == PHRASE
    assert CalendarEntry.objects.get(stage=stages[1]).brief == "Slides, recording"


def test_a_windows_1252_file_from_excel_without_a_byte_order_mark(stages):
    data = (
        "title;stage;brief\r\n"
        "Réunion clients à Zürich;Awareness;Budget 2027 en € – “ouvert”\r\n"
        "Ñandú Café;Interest;\r\n"
    ).encode("cp1252")

    assert import_entries(data) == (2, [])

    assert CalendarEntry.objects.get(stage=stages[1]).title == "Réunion clients à Zürich"
    assert CalendarEntry.objects.get(stage=stages[1]).brief == "Budget 2027 en € – “ouvert”"
    assert CalendarEntry.objects.filter(title="Ñandú Café").exists()


def test_columns_in_any_order_and_case_and_unknown_ones_reported(stages):
    plan = plan_import(
        b"\xef\xbb\xbfPublish At\tBudget\tSTAGE\tTitle\r\n2026-12-01 10:00\t1000\tepiphany\tFirst\r\n"
    )

    assert plan.unknown_columns == ["Budget"]
    (line,) = plan.created
    assert (line.entry.title, line.entry.stage) == ("First", stages[0])
    assert line.entry.publish_at == timezone.make_aware(datetime.datetime(2026, 12, 1, 10, 0))


def test_a_spreadsheet_with_semicolons_and_names_imports(stages):
    PersonaFactory(name="VP Operations", slug="vp-operations")
    data = (
        "\ufefftitle;stage;personas;publish_at;format\n"
        "Peer panel;Awareness;VP Operations;2026-12-14;Webinar / video\n"
    )

    assert import_entries(data.encode()) == (1, [])
    entry = CalendarEntry.objects.get()
    assert entry.stage == stages[1] and entry.format == "webinar"
    assert entry.publish_at.date() == datetime.date(2026, 12, 14)


def test_one_bad_row_means_nothing_is_written_and_each_problem_has_its_line(editor_client, stages):
    response = upload(
        editor_client,
        "title,stage,publish_at,owner,brief\n"
        'Good row,epiphany,2026-12-01,,"two\nlines"\n'
        "Bad stage,nowhere,2026-12-02,,\n"
        ",epiphany,2026-02-30,ghost,\n",
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Line 3" in html and "unknown stage “nowhere”" in html
    assert "Line 4" in html and "2026-02-30" in html and "unknown owner “ghost”" in html
    assert not CalendarEntry.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("name,when\nx,y\n", "must name the columns"),
        ("title\n", "no rows"),
        ("title,Title\nx,y\n", "appear more than once: title"),
        ("title\nA\x00B\n", "NUL bytes"),
        (b"PK\x03\x04 a workbook", "This is a workbook"),
    ],
)
def test_unreadable_files_are_explained(editor_client, content, message):
    response = upload(editor_client, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CalendarEntry.objects.exists()


def test_cells_under_no_heading_refuse_their_line(stages):
    plan = plan_import(b"title,stage\nFine,epiphany\nShifted,epiphany,extra\n")

    assert plan.errors == ["Line 3: cells under no column heading (“extra”)"]


def test_sales_cannot_import(client, make_user):
    client.force_login(make_user("Sales"))
    response = upload(client, "title\nSneaky\n")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not CalendarEntry.objects.exists()


def test_export_follows_the_calendar_filters(editor_client, stages):
    CalendarEntryFactory(title="Early", stage=stages[0])
    CalendarEntryFactory(title="Late", stage=stages[6])
    response = editor_client.get("/admin/calendar/export/", {"stage": stages[6].pk})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = response.content.decode()
    assert "Late" in body and "Early" not in body


def test_a_crash_in_the_middle_of_an_import_leaves_the_calendar_as_it_was(stages):
    """The database fails on the third row: the two rows before it are not kept either."""
    kept = CalendarEntryFactory(title="Already planned", stage=stages[0])
    rows = f"{kept.pk},Renamed,Awareness\n" + "".join(f",Piece {n},Awareness\n" for n in range(5))
    original_save = CalendarEntry.save
    saved = []

    def failing_save(entry, *args, **kwargs):
        if len(saved) == 2:
            raise OperationalError("server closed the connection unexpectedly")
        saved.append(entry.title)
        return original_save(entry, *args, **kwargs)

    with mock.patch.object(CalendarEntry, "save", failing_save), pytest.raises(OperationalError):
        import_entries(("id,title,stage\n" + rows).encode())
    assert saved == ["Renamed", "Piece 0"]
    assert list(CalendarEntry.objects.values_list("title", flat=True)) == ["Already planned"]


def test_a_file_that_cannot_be_read_raises_a_file_error():
    with pytest.raises(CSVFileError, match="no rows"):
        plan_import(b"\xef\xbb\xbftitle\r\n\r\n,\r\n")


def test_the_export_names_campaigns_and_segments_by_slug(planned):
    first, second = exported_rows()

    assert first["campaign"] == "spring-26"
    assert sorted(first["segments"].split(";")) == ["mid-market", "retail"]
    assert second["campaign"] == "" and second["segments"] == ""


def test_campaigns_and_segments_import_by_slug_or_name(planned):
    entry, idea = planned
    CampaignFactory(name="Autumn push", slug="autumn")
    SegmentFactory(name="Public sector")
    text = (
        "id,campaign,segments\n"
        f"{entry.pk},Autumn Push,public-sector\n"
        f"{idea.pk},spring-26,retail; Public Sector\n"
    )

    plan = plan_import(text)
    assert [line.changes for line in plan.lines] == [
        [("campaign", "Spring launch", "Autumn push"),
         ("segments", "Mid-market (industry), Retail (industry)", "Public sector (industry)")],
        [("campaign", "—", "Spring launch"),
         ("segments", "—", "Retail (industry), Public sector (industry)")],
    ]  # fmt: skip
    assert import_entries(text.encode()) == (2, [])

    entry.refresh_from_db()
    idea.refresh_from_db()
    assert entry.campaign.slug == "autumn" and idea.campaign.slug == "spring-26"
    assert [segment.name for segment in entry.segments.all()] == ["Public sector"]
    assert sorted(segment.slug for segment in idea.segments.all()) == ["public-sector", "retail"]


def test_a_new_entry_carries_its_campaign_and_segments(planned):
    assert import_entries(b"title,campaign,segments\nLaunch recap,Spring launch,retail\n") == (
        1,
        [],
    )

    created = CalendarEntry.objects.get(title="Launch recap")
    assert created.campaign.slug == "spring-26"
    assert [segment.slug for segment in created.segments.all()] == ["retail"]


def test_an_empty_campaign_cell_takes_the_entry_out_of_its_campaign(planned):
    entry, _ = planned

    assert import_entries(f"id,campaign,segments\n{entry.pk},,\n".encode()) == (1, [])

    entry.refresh_from_db()
    assert entry.campaign is None and not entry.segments.exists()


def test_unknown_campaigns_and_segments_refuse_their_lines_and_nothing_is_written(planned):
    entry, idea = planned
    text = (
        "id,title,campaign,segments\n"
        f"{entry.pk},Renamed,Winter sale,retail\n"
        f"{idea.pk},Also renamed,spring-26,retail;Utilities\n"
        ",New piece,,\n"
    )

    count, errors = import_entries(text.encode())

    assert count == 0
    assert errors == [
        "Line 2: unknown campaign “Winter sale”",
        "Line 3: unknown segment “Utilities”",
    ]
    assert CalendarEntry.objects.count() == 2
    entry.refresh_from_db()
    assert entry.title != "Renamed" and entry.campaign.slug == "spring-26"


def test_a_campaign_name_two_campaigns_share_is_refused_but_their_slugs_work(planned):
    entry, _ = planned
    CampaignFactory(name="Spring launch", slug="spring-27")

    count, errors = import_entries(f"id,campaign\n{entry.pk},spring launch\n".encode())
    assert count == 0
    assert errors == [
        "Line 2: more than one campaign is called “spring launch”: give its slug instead"
    ]

    assert import_entries(f"id,campaign\n{entry.pk},spring-27\n".encode()) == (1, [])
    entry.refresh_from_db()
    assert entry.campaign.slug == "spring-27"


def test_an_older_file_without_campaign_or_segment_columns_keeps_them(planned):
    entry, _ = planned
    old_columns = [column for column in COLUMNS if column not in ("campaign", "segments")]
    rows = [[row[column] for column in old_columns] for row in exported_rows()]
    rows[0][old_columns.index("title")] = "Data residency, part 1"

    assert import_entries(written([old_columns, *rows]).encode()) == (1, [])

    entry.refresh_from_db()
    assert entry.title == "Data residency, part 1"
    assert entry.campaign.slug == "spring-26" and entry.segments.count() == 2
