"""The ICS feed as real calendar clients read and poll it: parsed by icalendar and by vobject."""

import datetime
import re

import pytest
import vobject
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from publishing.calendar import feeds
from publishing.calendar.models import CalendarFeedToken
from tests.factories import CalendarEntryFactory

pytestmark = pytest.mark.django_db

SAME_HEADERS = (
    "Content-Type",
    "Content-Length",
    "Content-Disposition",
    "ETag",
    "Last-Modified",
    "Cache-Control",
)


def days_from_today(days, hour=9):
    moment = datetime.datetime.combine(timezone.localdate(), datetime.time(hour))
    return timezone.make_aware(moment) + datetime.timedelta(days=days)


@pytest.fixture
def editor(make_user):
    return make_user("Editors")


@pytest.fixture
def feed_url(editor):
    _, secret = CalendarFeedToken.issue(editor)
    return f"/calendar/feeds/{secret}.ics"


def both_parsers(body):
    """The feed's events by UID as icalendar and as vobject read them: {uid: (summary, brief)}."""
    by_icalendar = {
        str(event["UID"]): (str(event["SUMMARY"]), str(event.get("DESCRIPTION", "")))
        for event in Calendar.from_ical(body).walk("VEVENT")
    }
    calendar = vobject.readOne(body.decode())
    by_vobject = {
        event.uid.value: (
            event.summary.value,
            event.description.value if hasattr(event, "description") else "",
        )
        for event in calendar.vevent_list
    }
    assert by_icalendar == by_vobject
    return by_icalendar


def test_a_literal_backslash_n_stays_text_in_both_parsers(client, feed_url, stages):
    entry = CalendarEntryFactory(
        title="Move C:\\New folder",
        brief="The files are in C:\\New folder\\notes.\nSecond line, with \\n too.",
        stage=stages[0],
        publish_at=days_from_today(10),
    )
    body = client.get(feed_url).content
    summary, brief = both_parsers(body)[f"{entry.uid}-publish@masthead"]
    assert summary == "Publish: Move C:\\New folder"
    assert brief == "The files are in C:\\New folder\\notes.\nSecond line, with \\n too."
    assert b"SUMMARY:Publish: Move C:\\\\New folder\r\n" in body


def test_feed_asks_for_an_hourly_refresh(client, feed_url):
    body = client.get(feed_url).content
    calendar = Calendar.from_ical(body)
    assert calendar.refresh_interval == datetime.timedelta(hours=1)
    assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert str(calendar["X-PUBLISHED-TTL"]) == "PT1H"
    parsed = vobject.readOne(body.decode())
    assert parsed.contents["refresh-interval"][0].value == "PT1H"
    assert parsed.contents["x-published-ttl"][0].value == "PT1H"


def test_head_answers_like_get_without_a_body(client, feed_url, stages):
    CalendarEntryFactory(stage=stages[0], publish_at=days_from_today(3))
    got = client.get(feed_url)
    head = client.head(feed_url)
    assert head.status_code == 200
    assert head.content == b""
    assert int(got["Content-Length"]) == len(got.content) > 0
    for header in SAME_HEADERS:
        assert head[header] == got[header], header


def test_old_entries_leave_the_feed_unless_the_address_asks_for_them(client, feed_url, stages):
    old = CalendarEntryFactory(stage=stages[0], publish_at=days_from_today(-300))
    recent = CalendarEntryFactory(stage=stages[1], publish_at=days_from_today(-40))
    ahead = CalendarEntryFactory(stage=stages[2], publish_at=days_from_today(2000))
    late_review = CalendarEntryFactory(
        stage=stages[3], publish_at=days_from_today(-400), review_due=timezone.localdate()
    )

    def entries(query=""):
        response = client.get(feed_url + query)
        assert response.status_code == 200
        return {uid.rsplit("-", 1)[0] for uid in both_parsers(response.content)}

    by_default = entries()
    assert str(old.uid) not in by_default
    assert {str(recent.uid), str(ahead.uid), str(late_review.uid)} <= by_default
    assert str(old.uid) in entries("?past=12")
    assert str(recent.uid) not in entries("?past=0")
    assert str(ahead.uid) in entries("?past=0")


@pytest.mark.parametrize("past", ["", "abc", "-1", "1.5", "121", "99999", "١٢", " 6"])
def test_a_bad_window_is_a_plain_400(client, feed_url, past):
    response = client.get(feed_url, {"past": past})
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "whole number from 0 to 120" in response.content.decode()


def test_window_starts_on_the_first_of_the_month():
    today = datetime.date(2027, 2, 14)
    assert feeds.window_start({}, today) == datetime.date(2026, 8, 1)
    assert feeds.window_start({"past": "0"}, today) == datetime.date(2027, 2, 1)
    assert feeds.window_start({"past": "14"}, today) == datetime.date(2025, 12, 1)


def conditional_get(client, url, headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    return response, len(queries)


def validators(response):
    """What a client sends back: the ETag, or (some clients) only the Last-Modified."""
    return [
        {"If-None-Match": response["ETag"]},
        {"If-Modified-Since": response["Last-Modified"]},
    ]


def not_built(*args, **kwargs):
    raise AssertionError("a 304 must not build the feed")


def test_an_unchanged_feed_is_a_304_from_a_few_queries(client, feed_url, stages, monkeypatch):
    CalendarEntryFactory(stage=stages[0], publish_at=days_from_today(5))
    counts = []
    for more in (0, 40):
        for number in range(more):
            CalendarEntryFactory(stage=stages[number % 7], publish_at=days_from_today(number))
        current = client.get(feed_url)
        with monkeypatch.context() as patched:
            patched.setattr(feeds, "build_calendar", not_built)
            for headers in validators(current):
                response, count = conditional_get(client, feed_url, headers)
                assert response.status_code == 304
                assert response["ETag"] == current["ETag"]
                assert response["Last-Modified"] == current["Last-Modified"]
                counts.append(count)
    assert len(set(counts)) == 1, counts
    assert counts[0] <= 6, counts


def test_a_changed_entry_is_a_200_again_even_within_the_second(client, feed_url, stages):
    entry = CalendarEntryFactory(stage=stages[0], publish_at=days_from_today(5))
    first = client.get(feed_url)
    entry.title = "Renamed"
    entry.save()
    for headers in validators(first):
        response = client.get(feed_url, headers=headers)
        assert response.status_code == 200
        assert "Publish: Renamed" in response.content.decode()


def test_a_deleted_entry_is_a_200_again(client, feed_url, stages):
    kept = CalendarEntryFactory(stage=stages[0], publish_at=days_from_today(5))
    gone = CalendarEntryFactory(stage=stages[0], publish_at=days_from_today(6))
    first = client.get(feed_url)
    gone.delete()
    for headers in validators(first):
        response = client.get(feed_url, headers=headers)
        assert response.status_code == 200
        assert set(both_parsers(response.content)) == {f"{kept.uid}-publish@masthead"}


def test_a_renamed_stage_or_another_window_is_a_200(client, feed_url, stages):
    CalendarEntryFactory(stage=stages[0], publish_at=days_from_today(5))
    first = client.get(feed_url)
    assert client.get(feed_url + "?past=12", headers=validators(first)[0]).status_code == 200
    stages[0].name = "Wake-up call"
    stages[0].save()
    assert client.get(feed_url, headers=validators(first)[0]).status_code == 200


def test_each_event_links_to_its_entry_in_the_admin(client, feed_url, editor, stages):
    entry = CalendarEntryFactory(
        stage=stages[0], publish_at=days_from_today(5), draft_due=timezone.localdate()
    )
    body = client.get(feed_url).content
    address = f"http://testserver/admin/calendar/entries/edit/{entry.pk}/"
    events = Calendar.from_ical(body).walk("VEVENT")
    assert len(events) == 2
    assert {str(event["URL"]) for event in events} == {address}
    assert {event.url.value for event in vobject.readOne(body.decode()).vevent_list} == {address}
    client.force_login(editor)
    assert client.get(address.removeprefix("http://testserver")).status_code == 200


def test_feed_page_gives_a_webcal_link_and_each_clients_steps(client, editor):
    client.force_login(editor)
    html = client.post("/admin/calendar/feed/").content.decode()
    feed = re.search(r'id="feed-url" type="text" readonly value="(http://[^"]+)"', html).group(1)
    assert f'href="{feed.replace("http://", "webcal://", 1)}"' in html
    later = client.get("/admin/calendar/feed/").content.decode()
    for page in (html, later):
        for step in ("From URL", "Subscribe from web", "New Calendar Subscription"):
            assert step in page
        assert "public internet" in page
        assert "every several hours to a day" in page
        assert "every hour" in page
        assert "?past=12" in page
    assert "webcal:" not in later  # the secret is shown once
