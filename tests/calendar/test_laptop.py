"""What the calendar promises a planner on a laptop, server side: a day click plans for that day,
a shift is previewed and undone, a draft page starts clean, list dates are dates."""

import datetime
import json

import pytest
from django.utils import timezone

from publishing.calendar.models import CalendarEntry
from tests.factories import CalendarEntryFactory

pytestmark = pytest.mark.django_db


def at(day, hour=9):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def shift(client, body):
    return client.post("/admin/calendar/shift/", json.dumps(body), content_type="application/json")


def test_a_clicked_day_opens_a_new_entry_planned_that_day(editor_client):
    response = editor_client.get("/admin/calendar/entries/new/?date=2027-03-04")
    assert response.status_code == 200
    assert 'value="2027-03-04 09:00"' in response.content.decode()
    nonsense = editor_client.get("/admin/calendar/entries/new/?date=2027-02-30")
    assert nonsense.status_code == 200 and "2027-02-30" not in nonsense.content.decode()


def test_a_shift_is_previewed_applied_and_undone_exactly(editor_client, stages):
    before = CalendarEntryFactory(stage=stages[0], publish_at=at(datetime.date(2027, 3, 1)))
    run = [
        CalendarEntryFactory(stage=stages[0], title=f"Run {n}", publish_at=at(datetime.date(2027, 3, 5 + n)),
                             draft_due=datetime.date(2027, 3, 1))
        for n in range(3)
    ]  # fmt: skip
    preview = shift(editor_client, {"from": "2027-03-05", "days": -7, "preview": True})
    assert preview.status_code == 200
    assert preview.json()["count"] == 3
    assert preview.json()["entries"][0] == {
        "title": "Run 0", "from": "2027-03-05", "to": "2027-02-26", "repeats": False,
    }  # fmt: skip
    assert all(e.publish_at == CalendarEntry.objects.get(pk=e.pk).publish_at for e in run)

    applied = shift(editor_client, {"from": "2027-03-05", "days": -7})
    assert applied.json() == {"moved": 3, "canUndo": True}
    # An entry planned meanwhile on a day the shift moved entries onto is not undone with them.
    late = CalendarEntryFactory(stage=stages[0], publish_at=at(datetime.date(2027, 2, 27)))
    undone = shift(editor_client, {"undo": True})
    assert undone.json() == {"moved": 3, "undone": True}
    for entry in (*run, before, late):
        entry.refresh_from_db()
    assert [e.publish_at.date() for e in run] == [datetime.date(2027, 3, 5 + n) for n in range(3)]
    assert run[0].draft_due == datetime.date(2027, 3, 1)
    assert before.publish_at.date() == datetime.date(2027, 3, 1)
    assert late.publish_at.date() == datetime.date(2027, 2, 27)
    again = shift(editor_client, {"undo": True})
    assert again.status_code == 409 and "no shift to undo" in again.json()["error"]


def test_a_shift_moves_a_series_with_its_end_and_changed_days(editor_client, stages):
    from publishing.calendar.models import EntryOccurrence

    series = CalendarEntryFactory(
        stage=stages[0], publish_at=at(datetime.date(2027, 3, 2)), repeat="weekly",
        repeat_until=datetime.date(2027, 5, 1),
    )  # fmt: skip
    EntryOccurrence.objects.create(
        entry=series, original_date=datetime.date(2027, 3, 9), skipped=True
    )
    shift(editor_client, {"from": "2027-03-01", "days": 1})
    series.refresh_from_db()
    assert series.publish_at.date() == datetime.date(2027, 3, 3)
    assert series.repeat_until == datetime.date(2027, 5, 2)
    assert EntryOccurrence.objects.get().original_date == datetime.date(2027, 3, 10)


def test_a_draft_page_starts_with_a_clean_title_and_an_empty_summary(
    editor_client, stages, library
):
    entry = CalendarEntryFactory(
        stage=stages[1], format="article", title="Idea: the morning meeting is a data problem",
        brief="INTERNAL: push the connector; legal has not cleared the customer name.",
    )  # fmt: skip
    response = editor_client.post(f"/admin/calendar/create-draft/{entry.pk}/")
    assert response.status_code == 302
    entry.refresh_from_db()
    page = entry.page.specific
    assert page.title == "The morning meeting is a data problem"
    assert page.summary == ""
    assert "INTERNAL" not in page.get_latest_revision().content.get("summary", "")
    assert not page.live


def test_list_dates_are_dates_in_the_sites_locale_not_just_now(editor_client, stages):
    CalendarEntryFactory(
        stage=stages[1], title="Soon", publish_at=at(datetime.date(2031, 3, 4), 14)
    )
    CalendarEntryFactory(stage=stages[1], title="Unplanned")
    page = editor_client.get("/admin/calendar/entries/").content.decode()
    assert "Just now" not in page
    assert "4 Mar 2031, 14:00" in page  # as the grid writes dates in en-gb: 4 Mar 2031
    assert "In the backlog" in page


def test_a_shift_by_a_week_moves_a_series_changed_on_consecutive_weeks_and_undoes(
    editor_client, stages
):
    """Changed days exactly the shift apart: each lands on the day its neighbour leaves."""
    from publishing.calendar.models import EntryOccurrence

    series = CalendarEntryFactory(
        stage=stages[0], publish_at=at(datetime.date(2027, 3, 2)), repeat="weekly",
        repeat_until=datetime.date(2027, 5, 1),
    )  # fmt: skip
    EntryOccurrence.objects.create(
        entry=series, original_date=datetime.date(2027, 3, 9), skipped=True
    )
    EntryOccurrence.objects.create(
        entry=series, original_date=datetime.date(2027, 3, 16), moved_to=datetime.date(2027, 3, 17)
    )

    def changes():
        return list(
            EntryOccurrence.objects.filter(entry=series)
            .order_by("original_date")
            .values_list("original_date", "moved_to", "skipped")
        )

    before = changes()
    applied = shift(editor_client, {"from": "2027-03-01", "days": 7})
    assert applied.status_code == 200 and applied.json() == {"moved": 1, "canUndo": True}
    assert changes() == [
        (datetime.date(2027, 3, 16), None, True),
        (datetime.date(2027, 3, 23), datetime.date(2027, 3, 24), False),
    ]
    undone = shift(editor_client, {"undo": True})
    assert undone.status_code == 200 and undone.json() == {"moved": 1, "undone": True}
    assert changes() == before
    series.refresh_from_db()
    assert series.publish_at.date() == datetime.date(2027, 3, 2)


def test_the_calendars_actions_sit_in_its_header_for_those_who_may_use_them(
    client, editor_client, make_user
):
    """The header carries the actions, so the grid starts higher; each shows only to whom may use it."""
    page = editor_client.get("/admin/calendar/").content.decode()
    header = page[page.index("<header") : page.index("</header>")]
    for action in ("New entry", "All entries", "Subscribe (ICS)", "Export CSV", "Import CSV"):
        assert action in header, action
    client.force_login(make_user("Sales", "seller"))
    page = client.get("/admin/calendar/?stage=2").content.decode()
    header = page[page.index("<header") : page.index("</header>")]
    assert "New entry" not in header and "Import CSV" not in header
    assert 'href="/admin/calendar/export/?stage=2"' in header
