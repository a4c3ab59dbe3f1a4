"""Repeating entries: the grid, the gaps and the ICS feed agree, and calendar clients expand the
feed's RRULE/EXDATE/RECURRENCE-ID to the same days (icalendar with dateutil, and vobject)."""

import datetime
import json

import pytest
import vobject
from dateutil import rrule
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from publishing.calendar import recurrence
from publishing.calendar.models import CalendarEntry, CalendarFeedToken, EntryOccurrence, Status
from tests.factories import CalendarEntryFactory, PersonaFactory

pytestmark = pytest.mark.django_db


def at(day, hour=9, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def local_days(moments):
    return [timezone.localtime(moment).date() for moment in moments]


@pytest.fixture
def feed(make_user, client):
    editor = make_user("Editors")
    _, secret = CalendarFeedToken.issue(editor)

    def fetch():
        response = client.get(f"/calendar/feeds/{secret}.ics?past=0")
        assert response.status_code == 200
        return response.content

    return fetch


def expand_with_icalendar(body, uid, start, end):
    """The days a client using icalendar and dateutil shows for one series in [start, end)."""
    events = [e for e in Calendar.from_ical(body).walk("VEVENT") if str(e["UID"]) == uid]
    master = next(e for e in events if "RECURRENCE-ID" not in e)
    dtstart = master.decoded("DTSTART")
    rule = rrule.rrulestr(master["RRULE"].to_ical().decode(), dtstart=dtstart, forceset=True)
    exdates = master.get("EXDATE")
    for exdate in exdates if isinstance(exdates, list) else [exdates] if exdates else []:
        for value in exdate.dts:
            rule.exdate(value.dt)
    overrides = {
        e.decoded("RECURRENCE-ID"): e.decoded("DTSTART") for e in events if "RECURRENCE-ID" in e
    }
    for original in overrides:
        rule.exdate(original)
    first = at(start, 0).astimezone(dtstart.tzinfo)
    last = at(end, 0).astimezone(dtstart.tzinfo)
    moments = [m for m in rule.between(first, last, inc=True) if m < last]
    moments += [moved for moved in overrides.values() if first <= moved < last]
    return sorted(local_days(moments))


def expand_with_vobject(body, uid, start, end):
    """The same, as vobject (a second, independent parser with its own expansion) reads it.

    vobject attaches the zone of a known TZID with `replace()`, which gives pytz-style zones the
    wrong UTC offset in summer while the wall-clock time stays right: so its expansion is compared
    as the wall-clock times a person using it sees, in the event's own zone.
    """
    calendar = vobject.readOne(body.decode())
    events = [e for e in calendar.vevent_list if e.uid.value == uid]
    master = next(e for e in events if not hasattr(e, "recurrence_id"))
    wall = {moment.replace(tzinfo=None) for moment in master.getrruleset(addRDate=True)
            if moment.replace(tzinfo=None).date() < end}  # fmt: skip
    for override in (e for e in events if hasattr(e, "recurrence_id")):
        wall.discard(override.recurrence_id.value.replace(tzinfo=None))
        wall.add(override.dtstart.value.replace(tzinfo=None))
    return sorted(moment for moment in wall if start <= moment.date() < end)


def grid_days(client, start, end):
    response = client.get(f"/admin/calendar/events/?start={start}&end={end}")
    assert response.status_code == 200
    return sorted(
        datetime.date.fromisoformat(event["start"][:10])
        for event in response.json()
        if event["extendedProps"].get("occurrence")
    )


@pytest.mark.parametrize("zone", ["UTC", "Europe/London", "America/New_York"])
def test_a_weekly_series_with_a_skip_and_a_move_expands_alike_everywhere(
    editor_client, stages, feed, settings, zone
):
    settings.TIME_ZONE = zone
    timezone.activate(zone)
    try:
        # Across a daylight-saving change in both Europe and America (late March 2027).
        entry = CalendarEntryFactory(
            stage=stages[1], publish_at=at(datetime.date(2027, 3, 2), 16), repeat="weekly"
        )
        EntryOccurrence.objects.create(
            entry=entry, original_date=datetime.date(2027, 3, 16), skipped=True
        )
        EntryOccurrence.objects.create(
            entry=entry,
            original_date=datetime.date(2027, 3, 30),
            moved_to=datetime.date(2027, 4, 1),
        )
        start, end = datetime.date(2027, 3, 1), datetime.date(2027, 4, 15)
        expected = [
            datetime.date(2027, 3, 2),
            datetime.date(2027, 3, 9),
            datetime.date(2027, 3, 23),
            datetime.date(2027, 4, 1),
            datetime.date(2027, 4, 6),
            datetime.date(2027, 4, 13),
        ]
        body = feed()
        uid = f"{entry.uid}-publish@masthead"
        assert grid_days(editor_client, start, end) == expected
        assert expand_with_icalendar(body, uid, start, end) == expected
        # vobject shows the same days, every one at 16:00 across the clock change.
        shown = expand_with_vobject(body, uid, start, end)
        assert [moment.date() for moment in shown] == expected
        assert {moment.time() for moment in shown} == {datetime.time(16)}
        # And so does icalendar with dateutil, in the site's zone.
        master = next(
            e for e in Calendar.from_ical(body).walk("VEVENT")
            if str(e["UID"]) == uid and "RECURRENCE-ID" not in e
        )  # fmt: skip
        rule = rrule.rrulestr(master["RRULE"].to_ical().decode(), dtstart=master.decoded("DTSTART"))
        assert {timezone.localtime(m).hour for m in rule.between(at(start, 0), at(end, 0))} == {16}
    finally:
        timezone.deactivate()


def test_the_first_tuesday_of_every_other_month_until_a_day(editor_client, stages, feed):
    entry = CalendarEntryFactory(
        stage=stages[1],
        publish_at=at(datetime.date(2027, 1, 5)),  # the first Tuesday of January
        repeat="monthly_weekday",
        repeat_every=2,
        repeat_until=datetime.date(2027, 9, 30),
    )
    assert recurrence.describe(entry) == (
        "Every 2 months, on the first Tuesday, until 30 September 2027"
    )
    start, end = datetime.date(2027, 1, 1), datetime.date(2028, 1, 1)
    expected = [datetime.date(2027, m, d) for m, d in ((1, 5), (3, 2), (5, 4), (7, 6), (9, 7))]
    body = feed()
    uid = f"{entry.uid}-publish@masthead"
    assert "RRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=1TU;UNTIL=" in body.decode()
    assert grid_days(editor_client, start, end) == expected
    assert expand_with_icalendar(body, uid, start, end) == expected
    assert [moment.date() for moment in expand_with_vobject(body, uid, start, end)] == expected


def test_a_fifth_weekday_repeats_as_the_last_one(stages):
    entry = CalendarEntryFactory(
        stage=stages[1], publish_at=at(datetime.date(2027, 1, 29)), repeat="monthly_weekday"
    )  # the fifth (and last) Friday of January
    days = [
        o.day
        for o in recurrence.occurrences(entry, datetime.date(2027, 1, 1), datetime.date(2027, 4, 1))
    ]
    assert days == [
        datetime.date(2027, 1, 29),
        datetime.date(2027, 2, 26),
        datetime.date(2027, 3, 26),
    ]


def test_the_grid_moves_and_skips_one_occurrence_and_undo_puts_it_back(editor_client, stages):
    entry = CalendarEntryFactory(
        stage=stages[1], publish_at=at(datetime.date(2027, 3, 2)), repeat="weekly"
    )
    url = f"/admin/calendar/occurrences/{entry.pk}/"
    moved = editor_client.post(
        url, json.dumps({"date": "2027-03-09", "to": "2027-03-11"}), content_type="application/json"
    )
    assert moved.status_code == 200
    assert moved.json()["previousDate"] == "2027-03-09"
    start, end = datetime.date(2027, 3, 1), datetime.date(2027, 3, 22)
    assert grid_days(editor_client, start, end) == [
        datetime.date(2027, 3, 2), datetime.date(2027, 3, 11), datetime.date(2027, 3, 16),
    ]  # fmt: skip
    skipped = editor_client.post(
        url, json.dumps({"date": "2027-03-16", "skip": True}), content_type="application/json"
    )
    assert skipped.status_code == 200
    assert grid_days(editor_client, start, end) == [
        datetime.date(2027, 3, 2),
        datetime.date(2027, 3, 11),
    ]
    # Undo of the move: the occurrence goes back to the day the series has it on.
    editor_client.post(
        url, json.dumps({"date": "2027-03-09", "to": "2027-03-09"}), content_type="application/json"
    )
    assert grid_days(editor_client, start, end) == [
        datetime.date(2027, 3, 2),
        datetime.date(2027, 3, 9),
    ]
    # From the entry's page: put the skipped one back.
    response = editor_client.post(url, {"date": "2027-03-16", "action": "restore"})
    assert response.status_code == 302
    assert not EntryOccurrence.objects.exists()
    entry.refresh_from_db()
    assert entry.sequence >= 4  # subscribers' calendars see each change


def test_an_entry_moves_skips_and_restores_its_occurrences_telling_the_day_they_left(stages):
    """Each change says where the occurrence was (for undo) and is a change to the series."""
    entry = CalendarEntryFactory(
        stage=stages[1], publish_at=at(datetime.date(2027, 3, 2)), repeat="weekly"
    )
    version, sequence = entry.version, entry.sequence
    tuesday, thursday = datetime.date(2027, 3, 9), datetime.date(2027, 3, 11)
    assert entry.move_occurrence(tuesday, thursday) == tuesday
    assert entry.skip_occurrence(tuesday) == thursday
    assert EntryOccurrence.objects.get().skipped
    assert entry.move_occurrence(tuesday, thursday) == tuesday
    assert entry.move_occurrence(tuesday, tuesday) == thursday
    assert not EntryOccurrence.objects.exists()
    entry.skip_occurrence(tuesday)
    assert entry.restore_occurrence(tuesday) == tuesday
    assert not EntryOccurrence.objects.exists()
    stored = CalendarEntry.objects.get(pk=entry.pk)
    assert (entry.version, entry.sequence) == (stored.version, stored.sequence)
    assert (stored.version, stored.sequence) == (version + 6, sequence + 6)


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"date": "2027-03-10", "to": "2027-03-11"}, 400),  # not a day of the series
        ({"date": "2027-03-09"}, 400),  # neither a move nor a skip
        ({"date": "2027-03-09", "to": "next week"}, 400),
        ({"date": "nonsense", "skip": True}, 400),
        ({"date": "2027-03-09", "skip": "yes"}, 400),
    ],
)
def test_bad_occurrence_changes_are_refused_and_write_nothing(editor_client, stages, body, status):
    entry = CalendarEntryFactory(
        stage=stages[1], publish_at=at(datetime.date(2027, 3, 2)), repeat="weekly"
    )
    response = editor_client.post(
        f"/admin/calendar/occurrences/{entry.pk}/",
        json.dumps(body),
        content_type="application/json",
    )
    assert response.status_code == status and "error" in response.json()
    assert not EntryOccurrence.objects.exists()


def test_an_entry_that_does_not_repeat_has_no_occurrences_to_move(editor_client, stages):
    entry = CalendarEntryFactory(stage=stages[1], publish_at=at(datetime.date(2027, 3, 2)))
    response = editor_client.post(
        f"/admin/calendar/occurrences/{entry.pk}/",
        json.dumps({"date": "2027-03-02", "skip": True}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "does not repeat" in response.json()["error"]


def test_a_series_needs_a_start_and_an_end_after_it(stages):
    from django.core.exceptions import ValidationError

    entry = CalendarEntry(title="Weekly", stage=stages[1], repeat="weekly")
    with pytest.raises(ValidationError) as error:
        entry.full_clean(exclude=["uid", "status"])
    assert "needs a planned date" in str(error.value.message_dict["publish_at"])
    entry.publish_at = at(datetime.date(2027, 3, 2))
    entry.repeat_until = datetime.date(2027, 3, 1)
    with pytest.raises(ValidationError) as error:
        entry.full_clean(exclude=["uid", "status"])
    assert "cannot come before" in str(error.value.message_dict["repeat_until"])


def test_a_series_may_end_on_its_local_start_day_west_of_utc(stages, settings):
    """An evening start in New York is already tomorrow in UTC; the planner's day is what counts."""
    from django.core.exceptions import ValidationError

    settings.TIME_ZONE = "America/New_York"
    timezone.activate("America/New_York")
    try:
        # As the database hands it back: in UTC, 01:00 on 3 March.
        evening = timezone.make_aware(datetime.datetime(2027, 3, 2, 20, 0)).astimezone(datetime.UTC)
        entry = CalendarEntry(
            title="Evening webinar", stage=stages[1], repeat="weekly", publish_at=evening,
            repeat_until=datetime.date(2027, 3, 2),
        )  # fmt: skip
        entry.full_clean(exclude=["uid", "status"])
        entry.repeat_until = datetime.date(2027, 3, 1)
        with pytest.raises(ValidationError) as error:
            entry.full_clean(exclude=["uid", "status"])
        assert "cannot come before" in str(error.value.message_dict["repeat_until"])
    finally:
        timezone.deactivate()


def test_gaps_count_every_occurrence_in_the_period(editor_client, stages):
    persona = PersonaFactory(name="CFO")
    CalendarEntryFactory(
        stage=stages[2],
        personas=[persona],
        publish_at=at(datetime.date(2027, 3, 2)),
        repeat="weekly",
    )
    response = editor_client.get("/admin/calendar/gaps/?start=2027-03-01&end=2027-03-29")
    row = next(row for stage, row in response.context["report"].matrix if stage == stages[2])
    assert dict(row)[persona] == 4


def test_the_month_view_expands_only_inside_the_window_in_constant_queries(editor_client, stages):
    """A series that runs for years costs the same as one that runs for a month."""

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = editor_client.get("/admin/calendar/events/?start=2027-02-22&end=2027-04-05")
        assert response.status_code == 200
        return len(queries), len(response.json())

    def add(n):
        for number in range(n):
            entry = CalendarEntryFactory(
                stage=stages[number % 7],
                publish_at=at(datetime.date(2020, 1, 6) + datetime.timedelta(days=number % 7)),
                repeat="weekly",
            )
            EntryOccurrence.objects.create(
                entry=entry,
                original_date=entry.publish_at.date() + datetime.timedelta(weeks=1),
                skipped=True,
            )

    add(5)
    small_queries, small_events = count()
    add(195)
    large_queries, large_events = count()
    assert large_queries == small_queries
    assert large_events == small_events * 40  # six weeks of each series, none from before


def test_starting_a_series_near_the_window_changes_none_of_its_days(stages):
    """The month view starts each rule near the window; every kind of series keeps its days."""
    entry = CalendarEntry(title="Series", stage=stages[1])
    starts = [datetime.date(2025, 1, 31), datetime.date(2025, 3, 29), datetime.date(2024, 2, 29)]
    for start in starts:
        for repeat in ("weekly", "monthly", "monthly_weekday"):
            for every in (1, 2, 3):
                entry.publish_at = at(start, 10)
                entry.repeat, entry.repeat_every = repeat, every
                whole = list(
                    recurrence.series(entry).between(
                        datetime.datetime(2024, 1, 1), datetime.datetime(2028, 1, 1)
                    )
                )
                for near in (datetime.date(2026, 7, 13), datetime.date(2027, 2, 1), start):
                    first = datetime.datetime.combine(near, datetime.time.min)
                    window = (first, first + datetime.timedelta(days=42))
                    expected = [m for m in whole if window[0] <= m < window[1]]
                    got = list(recurrence.series(entry, near=near).between(*window, inc=True))
                    assert [m for m in got if m < window[1]] == expected, (
                        start,
                        repeat,
                        every,
                        near,
                    )


def test_a_month_end_series_falls_on_each_months_last_day_in_every_client(
    editor_client, stages, feed
):
    entry = CalendarEntryFactory(
        stage=stages[1], publish_at=at(datetime.date(2027, 1, 31)), repeat="monthly_last_day"
    )
    assert recurrence.describe(entry) == "Every month, on its last day"
    start, end = datetime.date(2027, 1, 1), datetime.date(2027, 6, 1)
    expected = [datetime.date(2027, m, d) for m, d in ((1, 31), (2, 28), (3, 31), (4, 30), (5, 31))]
    body = feed()
    uid = f"{entry.uid}-publish@masthead"
    assert "RRULE:FREQ=MONTHLY;BYMONTHDAY=-1" in body.decode()
    assert grid_days(editor_client, start, end) == expected
    assert expand_with_icalendar(body, uid, start, end) == expected
    assert [moment.date() for moment in expand_with_vobject(body, uid, start, end)] == expected


def test_a_month_end_series_starts_on_a_months_last_day(stages):
    from django.core.exceptions import ValidationError

    entry = CalendarEntry(
        title="Month-end numbers", stage=stages[1], repeat="monthly_last_day",
        publish_at=at(datetime.date(2027, 2, 27)),
    )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        entry.full_clean(exclude=["uid", "status"])
    assert "plan it for 28 February 2027" in str(error.value.message_dict["publish_at"])
    entry.publish_at = at(datetime.date(2027, 2, 28))
    entry.full_clean(exclude=["uid", "status"])


def test_a_month_end_series_stays_on_month_ends_when_a_run_is_shifted(editor_client, stages):
    """Moved by days it would start on no month end: the preview says it stays, the shift leaves it,
    and undo puts back exactly what moved."""
    month_end = CalendarEntryFactory(
        title="Month-end numbers", stage=stages[1], repeat="monthly_last_day",
        publish_at=at(datetime.date(2027, 1, 31), 16),
    )  # fmt: skip
    EntryOccurrence.objects.create(
        entry=month_end, original_date=datetime.date(2027, 3, 31), skipped=True
    )
    piece = CalendarEntryFactory(stage=stages[1], publish_at=at(datetime.date(2027, 2, 2)))

    def post(body):
        return editor_client.post(
            "/admin/calendar/shift/", json.dumps(body), content_type="application/json"
        )

    preview = post({"from": "2027-01-01", "days": 3, "preview": True}).json()
    assert [row["title"] for row in preview["entries"]] == [piece.title]
    assert preview["staying"] == ["Month-end numbers"]
    assert post({"from": "2027-01-01", "days": 3}).json()["moved"] == 1
    days = [
        o.day
        for o in recurrence.occurrences(
            month_end, datetime.date(2027, 1, 1), datetime.date(2027, 5, 1)
        )
    ]
    assert days == [
        datetime.date(2027, 1, 31),
        datetime.date(2027, 2, 28),
        datetime.date(2027, 4, 30),
    ]
    assert timezone.localtime(
        CalendarEntry.objects.get(pk=piece.pk).publish_at
    ).date() == datetime.date(2027, 2, 5)
    post({"undo": True})
    assert timezone.localtime(
        CalendarEntry.objects.get(pk=piece.pk).publish_at
    ).date() == datetime.date(2027, 2, 2)
    assert CalendarEntry.objects.get(pk=month_end.pk).publish_at == at(
        datetime.date(2027, 1, 31), 16
    )


@pytest.mark.parametrize(
    "day, told",
    [
        (datetime.date(2027, 1, 31), "skips months without a 31st"),
        (datetime.date(2027, 1, 30), "skips months without a 30th"),
        (datetime.date(2027, 1, 29), "skips February in most years"),
        (datetime.date(2027, 1, 28), None),
    ],
)
def test_a_monthly_series_late_in_the_month_says_which_months_it_skips(
    editor_client, stages, day, told
):
    """Like every calendar app, day 31 is not in every month: the editor is told when saving, and
    wherever the repeat is described, rather than finding a month quietly empty."""
    form = {
        "title": "Month-end numbers", "brief": "", "stage": stages[1].pk, "format": "", "length": "",
        "channel": "website", "owner": "", "status": Status.objects.get(slug="planned").pk,
        "publish_at": f"{day:%Y-%m-%d} 09:00", "draft_due": "", "review_due": "",
        "repeat": "monthly", "repeat_every": "", "repeat_until": "",
    }  # fmt: skip
    response = editor_client.post("/admin/calendar/entries/new/", form, follow=True)
    assert response.status_code == 200
    entry = CalendarEntry.objects.get()
    said = [str(message) for message in response.context["messages"]]
    if told:
        assert any(told in message and "on its last day" in message for message in said), said
        assert recurrence.describe(entry).endswith(f"({told.replace('skips', 'skipping')})")
        months = {
            o.day.month for o in recurrence.occurrences(entry, day, datetime.date(2028, 1, 1))
        }
        assert 2 not in months  # and February really is passed over
    else:
        assert not any("skips" in message for message in said)
        assert recurrence.describe(entry) == "Every month, on day 28"


def test_a_series_that_never_lands_on_a_short_month_skips_none(stages):
    yearly = CalendarEntryFactory(
        stage=stages[1],
        publish_at=at(datetime.date(2027, 1, 31)),
        repeat="monthly",
        repeat_every=12,
    )
    assert recurrence.skipped_months(yearly) == ""
    every_other = CalendarEntryFactory(
        stage=stages[1], publish_at=at(datetime.date(2027, 1, 31)), repeat="monthly", repeat_every=2
    )  # January, March, May, July, September: September has no 31st
    assert recurrence.skipped_months(every_other) == "months without a 31st"
    july_and_august = CalendarEntryFactory(
        stage=stages[1], publish_at=at(datetime.date(2027, 7, 31)), repeat="monthly", repeat_every=6
    )  # July and January only
    assert recurrence.skipped_months(july_and_august) == ""
