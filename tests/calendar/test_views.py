import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from publishing.calendar.models import CalendarEntry
from tests.factories import CalendarEntryFactory, PersonaFactory

pytestmark = pytest.mark.django_db


def at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


def reschedule(client, entry, body, raw=None):
    return client.post(
        f"/admin/calendar/reschedule/{entry.pk if entry else 999999}/",
        raw if raw is not None else json.dumps(body),
        content_type="application/json",
    )


def test_editor_drags_a_backlog_idea_onto_a_day(editor_client, stages):
    idea = CalendarEntryFactory(stage=stages[0])
    response = reschedule(editor_client, idea, {"date": "2026-12-03", "version": idea.version})
    assert response.status_code == 200
    assert response.json()["previousDate"] is None
    idea.refresh_from_db()
    assert timezone.localtime(idea.publish_at).date() == datetime.date(2026, 12, 3)


def test_moving_keeps_the_time_of_day_and_undo_goes_back(editor_client, stages):
    entry = CalendarEntryFactory(stage=stages[0], publish_at=at(datetime.date(2026, 12, 1)))
    moved = reschedule(
        editor_client, entry, {"date": "2026-12-09", "version": entry.version}
    ).json()
    undo = reschedule(
        editor_client, entry, {"date": moved["previousDate"], "version": moved["version"]}
    )
    assert undo.status_code == 200
    entry.refresh_from_db()
    assert entry.publish_at == at(datetime.date(2026, 12, 1))


def test_dragging_to_the_backlog_unplans(editor_client, stages):
    entry = CalendarEntryFactory(stage=stages[0], publish_at=at(datetime.date(2026, 12, 1)))
    assert (
        reschedule(editor_client, entry, {"date": None, "version": entry.version}).status_code
        == 200
    )
    assert CalendarEntry.objects.backlog().filter(pk=entry.pk).exists()


@pytest.mark.parametrize(
    ("body", "raw", "status"),
    [
        (None, "not json", 400),
        (None, "[1, 2]", 400),
        (None, "x" * 5000, 400),
        ({"date": "2026-02-30", "version": 1}, None, 400),
        ({"date": "tomorrow", "version": 1}, None, 400),
        ({"date": "2026-12-01"}, None, 400),
        ({"date": "2026-12-01", "version": "1"}, None, 400),
        ({"date": "2026-12-01", "version": True}, None, 400),
        ({"date": "2026-12-01", "version": 0}, None, 409),
    ],
)
def test_bad_reschedules_are_refused_and_write_nothing(editor_client, stages, body, raw, status):
    entry = CalendarEntryFactory(stage=stages[0])
    response = reschedule(editor_client, entry, body, raw)
    assert response.status_code == status
    assert response.json()["error"]
    entry.refresh_from_db()
    assert entry.publish_at is None


def test_unknown_entry_is_a_json_404(editor_client):
    response = reschedule(editor_client, None, {"date": "2026-12-01", "version": 1})
    assert response.status_code == 404
    assert response.json() == {"error": "No such calendar entry."}


def test_sales_can_read_the_calendar_but_not_change_it(client, make_user, stages):
    entry = CalendarEntryFactory(stage=stages[0], publish_at=at(datetime.date(2026, 12, 1)))
    client.force_login(make_user("Sales"))
    assert client.get("/admin/calendar/").status_code == 200
    events = client.get("/admin/calendar/events/", {"start": "2026-11-30", "end": "2027-01-04"})
    assert [event["id"] for event in events.json()] == [str(entry.pk)]
    assert (
        reschedule(client, entry, {"date": "2026-12-09", "version": entry.version}).status_code
        == 403
    )
    assert (
        client.post("/admin/calendar/shift/", "{}", content_type="application/json").status_code
        == 403
    )
    entry.refresh_from_db()
    assert entry.publish_at == at(datetime.date(2026, 12, 1))


def test_anonymous_visitors_cannot_see_the_calendar(client):
    assert client.get("/admin/calendar/").status_code == 302
    assert client.get("/admin/calendar/events/?start=2026-11-30&end=2027-01-04").status_code == 302


def test_events_are_filtered_and_coloured_by_stage(editor_client, stages):
    persona = PersonaFactory()
    wanted = CalendarEntryFactory(
        stage=stages[2], personas=[persona], publish_at=at(datetime.date(2026, 12, 2))
    )
    CalendarEntryFactory(stage=stages[3], publish_at=at(datetime.date(2026, 12, 2)))
    CalendarEntryFactory(
        stage=stages[2], personas=[persona], publish_at=at(datetime.date(2027, 3, 2))
    )
    events = editor_client.get(
        "/admin/calendar/events/",
        {"start": "2026-11-30", "end": "2027-01-04", "persona": persona.pk},
    ).json()
    assert [event["id"] for event in events] == [str(wanted.pk)]
    assert "stage-2" in events[0]["classNames"]
    assert events[0]["extendedProps"]["version"] == wanted.version


@pytest.mark.parametrize(
    "query", ["", "start=2026-11-30", "start=x&end=y", "start=2026-01-01&end=2028-01-01"]
)
def test_events_need_a_sensible_range(editor_client, query):
    assert editor_client.get(f"/admin/calendar/events/?{query}").status_code == 400


def test_calendar_and_events_use_a_constant_number_of_queries(editor_client, stages):
    persona = PersonaFactory()

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(url).status_code == 200
        return len(queries)

    def add(n):
        for number in range(n):
            CalendarEntryFactory(
                stage=stages[number % 7], personas=[persona],
                publish_at=at(datetime.date(2026, 12, 1 + number % 28)) if number % 4 else None,
            )  # fmt: skip

    events = "/admin/calendar/events/?start=2026-11-30&end=2027-01-04"
    gaps = "/admin/calendar/gaps/?start=2026-11-30&end=2027-01-04"
    add(10)
    small = [count("/admin/calendar/"), count(events), count(gaps)]
    add(1990)
    assert CalendarEntry.objects.count() == 2000
    assert [count("/admin/calendar/"), count(events), count(gaps)] == small


def test_month_view_reads_only_what_an_event_shows(editor_client, stages):
    persona = PersonaFactory()
    for number in range(3):
        CalendarEntryFactory(
            stage=stages[number], personas=[persona], publish_at=at(datetime.date(2026, 12, 2))
        )
    with CaptureQueriesContext(connection) as queries:
        events = editor_client.get(
            "/admin/calendar/events/", {"start": "2026-11-30", "end": "2027-01-04"}
        ).json()
    assert len(events) == 3
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    # An event shows no personas or topics, so none are fetched (they were, one query each).
    assert "calendarentry_personas" not in sql and "calendarentry_topics" not in sql
    # The period is a range on the stored time, not a date computed for every row.
    assert "django_datetime_cast_date" not in sql


@pytest.mark.parametrize("zone", ["UTC", "Pacific/Auckland", "America/Los_Angeles"])
def test_month_view_holds_exactly_the_local_days_asked_for(editor_client, stages, settings, zone):
    settings.TIME_ZONE = zone
    timezone.activate(zone)
    try:
        moments = {
            "before": (datetime.date(2026, 11, 29), datetime.time(23, 59, 59)),
            "first": (datetime.date(2026, 11, 30), datetime.time(0, 0)),
            "last": (datetime.date(2027, 1, 3), datetime.time(23, 59, 59)),
            "after": (datetime.date(2027, 1, 4), datetime.time(0, 0)),
        }
        entries = {
            name: CalendarEntryFactory(
                title=name,
                stage=stages[0],
                publish_at=timezone.make_aware(datetime.datetime.combine(day, moment)),
            )
            for name, (day, moment) in moments.items()
        }
        events = editor_client.get(
            "/admin/calendar/events/", {"start": "2026-11-30", "end": "2027-01-04"}
        ).json()
        assert {event["id"] for event in events} == {
            str(entries["first"].pk),
            str(entries["last"].pk),
        }
        by_date = CalendarEntry.objects.filter(
            publish_at__date__gte=datetime.date(2026, 11, 30),
            publish_at__date__lt=datetime.date(2027, 1, 4),
        )
        assert {event["id"] for event in events} == {str(entry.pk) for entry in by_date}
    finally:
        timezone.deactivate()


def test_shift_moves_later_entries(editor_client, stages):
    entry = CalendarEntryFactory(stage=stages[0], publish_at=at(datetime.date(2026, 12, 8)))
    response = editor_client.post(
        "/admin/calendar/shift/",
        json.dumps({"from": "2026-12-01", "days": 14}),
        content_type="application/json",
    )
    assert response.json() == {"moved": 1, "canUndo": True}
    entry.refresh_from_db()
    assert entry.publish_at == at(datetime.date(2026, 12, 22))
    bad = editor_client.post(
        "/admin/calendar/shift/",
        json.dumps({"from": "2026-12-01", "days": 9999}),
        content_type="application/json",
    )
    assert bad.status_code == 400


def test_create_draft_from_an_entry_opens_the_page_editor(editor_client, library, stages):
    entry = CalendarEntryFactory(stage=stages[1], format="article")
    response = editor_client.post(f"/admin/calendar/create-draft/{entry.pk}/")
    entry.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{entry.page_id}/edit/"
    assert not entry.page.live


def test_create_draft_explains_what_is_missing(editor_client, library):
    entry = CalendarEntryFactory(stage=None, format="")
    response = editor_client.post(f"/admin/calendar/create-draft/{entry.pk}/", follow=True)
    assert "needs a stage and a format" in response.content.decode()
    entry.refresh_from_db()
    assert entry.page is None


def test_gaps_show_empty_cells_and_uncovered_topics(editor_client, stages):
    from tests.factories import TopicFactory

    persona = PersonaFactory(name="Head of Data")
    topic = TopicFactory(name="Resilience", cycle_weeks=2)
    CalendarEntryFactory(
        stage=stages[0],
        personas=[persona],
        topics=[topic],
        publish_at=at(datetime.date(2026, 12, 1)),
    )
    CalendarEntryFactory(
        stage=stages[1],
        title="Scoop",
        is_open_slot=True,
        publish_at=at(datetime.date(2026, 12, 10)),
    )
    html = editor_client.get(
        "/admin/calendar/gaps/?start=2026-11-30&end=2027-01-04"
    ).content.decode()
    assert "6 empty cells" in html
    assert "Resilience" in html and "cycle 2 weeks" in html
    assert "Scoop" in html


def test_topic_gaps_count_days_in_the_site_time_zone(settings):
    """An entry at 09:00 on 9 January in Auckland is on 9 January, though it is still the 8th in UTC."""
    from publishing.calendar.gaps import topic_gaps
    from tests.factories import TopicFactory

    settings.TIME_ZONE = "Pacific/Auckland"
    topic = TopicFactory(name="Resilience", cycle_weeks=1)
    for day in (9, 14):
        CalendarEntryFactory(topics=[topic], publish_at=at(datetime.date(2027, 1, day)))

    gaps = topic_gaps(datetime.date(2027, 1, 1), datetime.date(2027, 1, 15))

    assert [(gap.topic, gap.gap_from, gap.gap_to) for gap in gaps] == [
        (topic, datetime.date(2027, 1, 1), datetime.date(2027, 1, 9))
    ]


def test_events_flag_entries_whose_plan_and_reality_disagree(editor_client, stages):
    today = timezone.localdate()
    late = CalendarEntryFactory(
        stage=stages[0],
        publish_at=at(today + datetime.timedelta(days=3)),
        draft_due=today - datetime.timedelta(days=1),
    )
    fine = CalendarEntryFactory(stage=stages[0], publish_at=at(today + datetime.timedelta(days=3)))
    start, end = today.isoformat(), (today + datetime.timedelta(days=10)).isoformat()
    events = {
        event["id"]: event
        for event in editor_client.get(f"/admin/calendar/events/?start={start}&end={end}").json()
    }
    assert "has-warnings" in events[str(late.pk)]["classNames"]
    assert events[str(late.pk)]["title"].startswith("⚠")
    assert "has-warnings" not in events[str(fine.pk)]["classNames"]


def test_published_entries_link_to_the_live_page(editor_client, library, stages):
    from tests.factories import AssetPageFactory

    asset = AssetPageFactory(parent=library, title="Live piece", stage=stages[0])
    entry = CalendarEntryFactory(
        stage=stages[0], page=asset, publish_at=at(datetime.date(2026, 12, 2))
    )
    planned = CalendarEntryFactory(stage=stages[0], publish_at=at(datetime.date(2026, 12, 3)))
    events = {
        event["id"]: event
        for event in editor_client.get(
            "/admin/calendar/events/?start=2026-11-30&end=2027-01-04"
        ).json()
    }
    assert events[str(entry.pk)]["url"] == "/library/live-piece/"
    assert "status-published" in events[str(entry.pk)]["classNames"]
    assert events[str(planned.pk)]["url"] == f"/admin/calendar/entries/edit/{planned.pk}/"


@pytest.mark.parametrize("date", ["2027-04-06", None])
def test_a_repeating_entry_is_not_moved_whole_or_sent_to_the_backlog(editor_client, stages, date):
    """A series changes on its page, where its form checks the change; the grid moves occurrences."""
    series = CalendarEntryFactory(
        stage=stages[0], publish_at=at(datetime.date(2027, 3, 2)), repeat="weekly",
        repeat_until=datetime.date(2027, 5, 1),
    )  # fmt: skip
    response = reschedule(editor_client, series, {"date": date, "version": series.version})
    assert response.status_code == 400
    assert "repeats" in response.json()["error"]
    assert "occurrence" in response.json()["error"]
    unchanged = CalendarEntry.objects.get(pk=series.pk)
    assert (unchanged.publish_at, unchanged.version) == (series.publish_at, series.version)
