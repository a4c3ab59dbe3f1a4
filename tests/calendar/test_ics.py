import datetime
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from publishing.calendar.models import CalendarEntry, CalendarFeedToken
from tests.factories import CalendarEntryFactory, TopicFactory

pytestmark = pytest.mark.django_db


def at(day, hour=9):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def day(offset):
    """A day some two months ahead, plus `offset` days: always inside the feed's window."""
    return timezone.localdate() + datetime.timedelta(days=60 + offset)


@pytest.fixture
def editor(make_user):
    return make_user("Editors")


@pytest.fixture
def feed_url(editor):
    _, secret = CalendarFeedToken.issue(editor)
    return f"/calendar/feeds/{secret}.ics"


def events(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return {
        str(event["UID"]): event for event in Calendar.from_ical(response.content).walk("VEVENT")
    }


def test_feed_has_publish_and_due_dates_as_events(client, feed_url, stages):
    entry = CalendarEntryFactory(
        title="Reader survey",
        stage=stages[0],
        publish_at=at(day(10), hour=14),
        draft_due=day(1),
        review_due=day(5),
    )
    found = events(client.get(feed_url))
    publish = found[f"{entry.uid}-publish@masthead"]
    assert str(publish["SUMMARY"]) == "Publish: Reader survey"
    assert publish.decoded("DTSTART") == at(day(10), hour=14)
    assert found[f"{entry.uid}-draft@masthead"].decoded("DTSTART") == day(1)
    assert found[f"{entry.uid}-review@masthead"].decoded("DTSTART") == day(5)
    assert "Epiphany" in publish["CATEGORIES"].cats


def test_every_line_is_folded_and_ends_in_crlf(client, feed_url, stages):
    CalendarEntryFactory(title="Long " * 40, stage=stages[0], publish_at=at(day(10)))
    body = client.get(feed_url).content
    assert body.endswith(b"\r\n")
    for line in body.split(b"\r\n")[:-1]:
        assert len(line) <= 75
        assert b"\n" not in line and b"\r" not in line


@pytest.mark.parametrize(
    "title",
    [
        "Line one\r\nline two\nline three",
        "Semi;colons, commas, back\\slashes",
        "Saved in C:\\New folder\\notes",
        "📈" * 300,
        "<script>alert('x')</script> & \"quotes\"",
    ],
)
def test_awkward_text_round_trips_exactly(client, feed_url, stages, title):
    entry = CalendarEntryFactory(
        title=title[:200], brief=title, stage=stages[0], publish_at=at(day(1))
    )
    entry.refresh_from_db()
    event = events(client.get(feed_url))[f"{entry.uid}-publish@masthead"]
    assert str(event["SUMMARY"]) == f"Publish: {entry.title}"
    assert str(event["DESCRIPTION"]) == entry.brief
    assert entry.brief.replace("\n", "") == title.replace("\r", "").replace("\n", "")


def test_control_codes_stored_in_an_entry_never_reach_the_feed(client, feed_url, stages):
    entry = CalendarEntryFactory(
        title="Soft\x0bbreak\x07",
        brief="Page\x0cbreak",
        stage=stages[0],
        publish_at=at(day(1)),
    )
    body = client.get(feed_url).content
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", body)
    event = events(client.get(feed_url))[f"{entry.uid}-publish@masthead"]
    assert str(event["SUMMARY"]) == "Publish: Soft break"
    assert str(event["DESCRIPTION"]) == "Page break"


def test_uid_stays_and_sequence_bumps_on_reschedule(client, feed_url, stages):
    entry = CalendarEntryFactory(stage=stages[0], publish_at=at(day(1)))
    before = events(client.get(feed_url))[f"{entry.uid}-publish@masthead"]
    assert entry.reschedule(at(day(8)), entry.version)
    after = events(client.get(feed_url))[f"{entry.uid}-publish@masthead"]
    assert after["SEQUENCE"] == before["SEQUENCE"] + 1
    assert after.decoded("LAST-MODIFIED") >= before.decoded("LAST-MODIFIED")
    assert after.decoded("DTSTART") == at(day(8))


def test_unchanged_feed_answers_304(client, feed_url, stages):
    entry = CalendarEntryFactory(stage=stages[0], publish_at=at(day(1)))
    first = client.get(feed_url)
    assert client.get(feed_url, headers={"If-None-Match": first["ETag"]}).status_code == 304
    entry.title = "Renamed"
    entry.save()
    assert client.get(feed_url, headers={"If-None-Match": first["ETag"]}).status_code == 200


def test_unknown_and_revoked_tokens_are_404(client, editor, feed_url):
    assert client.get("/calendar/feeds/not-a-token.ics").status_code == 404
    CalendarFeedToken.issue(editor)  # replaces the address in feed_url
    response = client.get(feed_url)
    assert response.status_code == 404
    assert b"Editorial" not in response.content


def test_last_use_is_recorded(client, editor, feed_url):
    client.get(feed_url)
    assert CalendarFeedToken.objects.active().get(user=editor).last_used_at is not None


def test_feed_filters(client, editor, feed_url, stages, make_user):
    topic = TopicFactory(slug="resilience")
    mine = CalendarEntryFactory(
        stage=stages[1], owner=editor, topics=[topic], publish_at=at(day(1))
    )
    CalendarEntryFactory(
        stage=stages[2],
        owner=make_user("Editors", "other"),
        publish_at=at(day(2)),
    )
    for query in [
        "?owner=me",
        "?stage=awareness",
        "?topic=resilience",
        "?owner=me&stage=awareness",
    ]:
        assert set(events(client.get(feed_url + query))) == {f"{mine.uid}-publish@masthead"}
    for query in ["?stage=nope", "?topic=nope", "?owner=someone"]:
        assert client.get(feed_url + query).status_code == 400


def test_a_feed_shows_nothing_to_someone_who_lost_access(client, stages, make_user):
    former = make_user("Editors", "former")
    _, secret = CalendarFeedToken.issue(former)
    CalendarEntryFactory(stage=stages[0], publish_at=at(day(1)))
    former.groups.clear()
    assert events(client.get(f"/calendar/feeds/{secret}.ics")) == {}


def test_feed_query_count_is_constant(client, feed_url, stages):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(feed_url).status_code == 200
        return len(queries)

    count()  # the first request after the cache was cleared fills what every request shares
    for number in range(10):
        CalendarEntryFactory(stage=stages[number % 7], publish_at=at(day(1 + number)))
    small = count()
    for number in range(40):
        CalendarEntryFactory(stage=stages[number % 7], publish_at=at(day(32 + number % 28)))
    assert count() == small


def test_calendar_feed_url_command_prints_a_working_address(client, editor, capsys):
    call_command("calendar_feed_url", editor.username)
    url = capsys.readouterr().out.strip()
    assert url.startswith("http://testserver/calendar/feeds/") and url.endswith(".ics")
    assert client.get(url.removeprefix("http://testserver")).status_code == 200


def test_cached_events_follow_a_renamed_stage(client, feed_url, stages):
    entry = CalendarEntryFactory(stage=stages[0], publish_at=at(day(1)))
    assert (
        "Epiphany"
        in events(client.get(feed_url))[f"{entry.uid}-publish@masthead"]["CATEGORIES"].cats
    )
    stages[0].name = "Wake-up call"
    stages[0].save()
    assert (
        "Wake-up call"
        in events(client.get(feed_url))[f"{entry.uid}-publish@masthead"]["CATEGORIES"].cats
    )


def icalendar_events(entry):
    """The entry's VEVENTs as icalendar itself writes them: the reference for the feed's bytes."""
    from icalendar import Event

    stamp = entry.updated_at
    categories = [
        label for label in (entry.stage and entry.stage.name, entry.get_format_display()) if label
    ]
    moments = [
        ("publish", "Publish", entry.publish_at),
        ("draft", "Draft due", entry.draft_due),
        ("review", "Review due", entry.review_due),
    ]
    body = b""
    for kind, label, moment in moments:
        if not moment:
            continue
        event = Event()
        event.add("uid", f"{entry.uid}-{kind}@masthead")
        event.add("summary", f"{label}: {entry.title}")
        event.add("dtstamp", stamp)
        event.add("last-modified", stamp)
        event.add("sequence", entry.sequence)
        if isinstance(moment, datetime.datetime):
            event.add("dtstart", moment.astimezone(datetime.UTC))
            event.add("duration", datetime.timedelta(minutes=30))
        else:
            event.add("dtstart", moment)
            event.add("dtend", moment + datetime.timedelta(days=1))
        if entry.brief:
            event.add("description", entry.brief)
        if categories:
            event.add("categories", categories)
        event.add("url", f"http://testserver/admin/calendar/entries/edit/{entry.pk}/")
        body += event.to_ical()
    return body


def test_feed_bytes_are_what_icalendar_writes(client, feed_url, stages):
    awkward = [
        ("Plain", "", stages[0], "article"),
        # Not \\N: icalendar writes that as a line break (test_ics_clients.py tests the feed's way).
        ("Semi;colons, commas, back\\slashes \\n and ^carets", "Line\none\r\ntwo", None, ""),
        ("x" * 65 + "\\\\;,", "y" * 67 + "\\" + "z" * 200, stages[1], "webinar"),
        ("é" * 37 + "\\" + "📈" * 60, "^" * 160, stages[2], "checklist"),
        ("Open slot", "A" * 73 + "\\n" + "B" * 74 + ",;", stages[3], ""),
    ]
    for number, (title, brief, stage, asset_format) in enumerate(awkward):
        CalendarEntryFactory(
            title=title,
            brief=brief,
            stage=stage,
            format=asset_format,
            publish_at=at(day(1 + number), hour=number + 7) if number != 1 else None,
            draft_due=day(number - 10) if number % 2 else None,
            review_due=day(number - 5) if number != 2 else None,
        )
    stages[0].name = "A stage, renamed; with \\ marks"
    stages[0].save()
    body = client.get(feed_url).content

    in_feed_order = CalendarEntry.objects.select_related("stage").order_by("publish_at", "pk")
    expected = b"".join(icalendar_events(entry) for entry in in_feed_order)
    start = body.index(b"BEGIN:VEVENT")
    assert body[start:] == expected + b"END:VCALENDAR\r\n"
    assert body[:start] == (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Masthead//Editorial calendar//EN\r\n"
        b"CALSCALE:GREGORIAN\r\nX-WR-CALNAME:Editorial calendar\r\n"
        b"REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\nX-PUBLISHED-TTL:PT1H\r\n"
    )
