import datetime
import re

import pytest
from django.utils import timezone

from publishing.calendar.models import CalendarShareLink
from tests.factories import CalendarEntryFactory

pytestmark = pytest.mark.django_db


def next_week():
    return timezone.now() + datetime.timedelta(days=7)


def test_editor_creates_a_share_link_anyone_can_read_until_it_expires(client, make_user, stages):
    CalendarEntryFactory(
        title="Peer panel", brief="Secret brief", stage=stages[1], publish_at=next_week()
    )
    client.force_login(make_user("Editors"))
    response = client.post("/admin/calendar/feed/", {"share": "1", "label": "Agency", "days": "14"})
    url = re.search(
        r'value="(http://testserver/calendar/shared/[^"]+/)"', response.content.decode()
    ).group(1)
    client.logout()

    shared = client.get(url.removeprefix("http://testserver"))
    html = shared.content.decode()
    assert shared.status_code == 200
    assert "Peer panel" in html and "Awareness" in html
    assert "Secret brief" not in html
    assert "noindex" in shared["X-Robots-Tag"]

    CalendarShareLink.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get(url.removeprefix("http://testserver")).status_code == 404


def test_revoked_and_unknown_share_links_are_404(client, make_user):
    link, secret = CalendarShareLink.issue("Partners", 7, None)
    assert client.get(f"/calendar/shared/{secret}/").status_code == 200
    client.force_login(make_user("Editors"))
    client.post("/admin/calendar/feed/", {"revoke_share": str(link.pk)})
    client.logout()
    assert client.get(f"/calendar/shared/{secret}/").status_code == 404
    assert client.get("/calendar/shared/guess/").status_code == 404


def test_share_link_expiry_is_bounded(client, make_user):
    client.force_login(make_user("Editors"))
    response = client.post(
        "/admin/calendar/feed/", {"share": "1", "label": "Forever", "days": "3650"}
    )
    assert response.status_code == 400
    assert not CalendarShareLink.objects.exists()


def test_sales_cannot_create_share_links(client, make_user):
    client.force_login(make_user("Sales"))
    client.post("/admin/calendar/feed/", {"share": "1", "label": "Mine", "days": "7"})
    assert not CalendarShareLink.objects.exists()


def test_feed_page_issues_a_feed_address_once(client, make_user):
    client.force_login(make_user("Editors"))
    html = client.post("/admin/calendar/feed/").content.decode()
    url = re.search(r'value="http://testserver(/calendar/feeds/[^"]+\.ics)"', html).group(1)
    assert client.get(url).status_code == 200
    assert url not in client.get("/admin/calendar/feed/").content.decode()
    client.post("/admin/calendar/feed/", {"revoke": "1"})
    assert client.get(url).status_code == 404


def shared_window():
    """The days a share link shows today: from the Monday two weeks back, for 15 weeks."""
    today = timezone.localdate()
    start = today - datetime.timedelta(days=today.weekday(), weeks=2)
    return start, start + datetime.timedelta(weeks=15)


def at(day, hour=9):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def shared_items(client, secret):
    """What the shared page lists, as (day, title) in its order."""
    html = client.get(f"/calendar/shared/{secret}/").content.decode()
    return [
        (datetime.date.fromisoformat(day), title)
        for day, title in re.findall(
            r'<time datetime="([0-9-]+)">.*?</time>\s*<strong>(.*?)</strong>', html, re.S
        )
    ]


def month_view_items(client, start, end):
    events = client.get(
        "/admin/calendar/events/", {"start": start.isoformat(), "end": end.isoformat()}
    ).json()
    # The month view marks entries with warnings ("⚠ "); the shared page shows no warnings.
    return sorted(
        (datetime.date.fromisoformat(event["start"][:10]), event["title"].removeprefix("⚠ "))
        for event in events
    )


def test_a_repeating_entry_shows_every_occurrence_as_the_month_view_does(client, make_user, stages):
    start, end = shared_window()
    weekly = CalendarEntryFactory(
        title="Weekly roundup",
        stage=stages[1],
        publish_at=at(start - datetime.timedelta(weeks=10)),
        repeat="weekly",
    )
    moved_from = start + datetime.timedelta(weeks=3)
    skipped = start + datetime.timedelta(weeks=5)
    weekly.occurrence_changes.create(
        original_date=moved_from, moved_to=moved_from + datetime.timedelta(days=2)
    )
    weekly.occurrence_changes.create(original_date=skipped, skipped=True)
    CalendarEntryFactory(
        title="Monthly briefing",
        stage=stages[2],
        publish_at=at(start + datetime.timedelta(days=1)),
        repeat="monthly",
    )
    CalendarEntryFactory(
        title="One-off", stage=stages[0], publish_at=at(start + datetime.timedelta(days=4))
    )
    CalendarEntryFactory(
        title="Long ago", stage=stages[0], publish_at=at(start - datetime.timedelta(days=3))
    )
    _, secret = CalendarShareLink.issue("Agency", 7, None)

    shown = shared_items(client, secret)

    roundups = [day for day, title in shown if title == "Weekly roundup"]
    assert len(roundups) == 14  # 15 weeks, one skipped
    assert moved_from + datetime.timedelta(days=2) in roundups
    assert moved_from not in roundups and skipped not in roundups
    assert len([title for _, title in shown if title == "Monthly briefing"]) >= 3
    assert "Long ago" not in [title for _, title in shown]
    assert [day for day, _ in shown] == sorted(day for day, _ in shown)
    client.force_login(make_user("Editors"))
    assert sorted(shown) == month_view_items(client, start, end)


def test_the_shared_calendar_reads_the_same_few_queries_however_much_repeats(
    client, stages, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    start, _ = shared_window()
    _, secret = CalendarShareLink.issue("Agency", 7, None)

    def plan(count):
        for number in range(count):
            entry = CalendarEntryFactory(
                stage=stages[number % 5],
                publish_at=at(start - datetime.timedelta(days=number)),
                repeat="weekly" if number % 2 else "",
            )
            if entry.repeat:
                entry.occurrence_changes.create(
                    original_date=timezone.localtime(entry.publish_at).date()
                    + datetime.timedelta(weeks=3),
                    skipped=True,
                )
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/calendar/shared/{secret}/").status_code == 200
        return len(queries)

    plan(0)  # the site and its settings are cached from the first request on
    small = plan(3)
    large = plan(30)
    assert small == large <= 8
