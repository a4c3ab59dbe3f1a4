import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from publishing.calendar.exchange import export_entries, import_entries
from publishing.calendar.models import CalendarEntry
from tests.factories import CalendarEntryFactory, PersonaFactory, TopicFactory

pytestmark = pytest.mark.django_db


def upload(client, text, encoding="utf-8"):
    data = text.encode(encoding) if isinstance(text, str) else text
    return client.post(
        "/admin/calendar/import/",
        {"file": SimpleUploadedFile("plan.csv", data, content_type="text/csv")},
    )


def test_export_then_import_round_trips(stages, make_user):
    owner = make_user("Editors", "ed")
    persona, topic = PersonaFactory(name="Head of Data"), TopicFactory(name="Governance")
    CalendarEntryFactory(
        title='Data residency, "explained"; part 1',
        brief="Line one\nline two",
        stage=stages[3],
        personas=[persona],
        topics=[topic],
        owner=owner,
        length="long",
        publish_at=timezone.make_aware(datetime.datetime(2026, 12, 3, 14, 30)),
        draft_due=datetime.date(2026, 11, 25),
    )
    CalendarEntryFactory(title="Backlog idea", stage=None, format="")
    csv_text = export_entries(CalendarEntry.objects.order_by("pk"))
    CalendarEntry.objects.all().delete()

    assert import_entries(csv_text.encode()) == (2, [])
    entry = CalendarEntry.objects.get(title='Data residency, "explained"; part 1')
    assert entry.brief == "Line one\nline two"
    assert entry.stage == stages[3] and entry.owner == owner and entry.length == "long"
    assert list(entry.personas.all()) == [persona] and list(entry.topics.all()) == [topic]
    assert entry.publish_at == timezone.make_aware(datetime.datetime(2026, 12, 3, 14, 30))
    assert entry.draft_due == datetime.date(2026, 11, 25)
    assert CalendarEntry.objects.get(title="Backlog idea").publish_at is None
    assert export_entries(CalendarEntry.objects.order_by("pk")) == csv_text


def test_a_spreadsheet_with_semicolons_and_names_imports(editor_client, stages):
    PersonaFactory(name="VP Operations", slug="vp-operations")
    response = upload(
        editor_client,
        "\ufefftitle;stage;personas;publish_at;format\nPeer panel;Awareness;VP Operations;2026-12-14;Webinar / video\n",
    )
    assert response.status_code == 302
    entry = CalendarEntry.objects.get()
    assert entry.stage == stages[1] and entry.format == "webinar"
    assert entry.publish_at.date() == datetime.date(2026, 12, 14)


def test_one_bad_row_means_nothing_is_written_and_each_problem_has_its_line(editor_client, stages):
    response = upload(
        editor_client,
        "title,stage,publish_at,owner\n"
        "Good row,epiphany,2026-12-01,\n"
        "Bad stage,nowhere,2026-12-02,\n"
        ",epiphany,2026-02-30,ghost\n",
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Line 3: unknown stage “nowhere”" in html
    assert (
        "Line 4:" in html
        and "2026-02-30" in html
        and "unknown owner “ghost”" in html
        and "title" in html
    )
    assert not CalendarEntry.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("name,when\nx,y\n", "must name the columns"),
        ("title,budget\nx,1000\n", "Unknown columns: budget"),
        ("title\n", "no rows"),
        ("Ttitle,stage\n\xff\xfe".encode("latin-1"), "not UTF-8"),
        ("title\nA,B,C\n", "more cells than columns"),
    ],
)
def test_unreadable_files_are_explained(editor_client, content, message):
    response = upload(editor_client, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CalendarEntry.objects.exists()


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
    from unittest import mock

    from django.db import OperationalError

    CalendarEntryFactory(title="Already planned", stage=stages[0])
    rows = "".join(f"Piece {n},Awareness\n" for n in range(5))
    original_save = CalendarEntry.save
    saved = []

    def failing_save(entry, *args, **kwargs):
        if len(saved) == 2:
            raise OperationalError("server closed the connection unexpectedly")
        saved.append(entry.title)
        return original_save(entry, *args, **kwargs)

    with mock.patch.object(CalendarEntry, "save", failing_save), pytest.raises(OperationalError):
        import_entries(("title,stage\n" + rows).encode())
    assert saved == ["Piece 0", "Piece 1"]
    assert list(CalendarEntry.objects.values_list("title", flat=True)) == ["Already planned"]
