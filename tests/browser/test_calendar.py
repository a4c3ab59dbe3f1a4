"""An editor plans by dragging, in real Chromium, and the plan survives a reload."""

import datetime

import pytest
from django.utils import timezone

from publishing.calendar.models import CalendarEntry
from tests.factories import CalendarEntryFactory

pytestmark = [pytest.mark.browser]


@pytest.fixture
def editor_page(page, live_server, transactional_db, make_user):
    editor = make_user("Editors", "planner")
    editor.set_password("a-long-test-password")
    editor.save()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "planner")
    page.fill("#id_password", "a-long-test-password")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def drag(page, source, target):
    """Pointer-by-pointer drag, the way FullCalendar listens for it."""
    start, end = source.bounding_box(), target.bounding_box()
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    for step in range(1, 16):
        page.mouse.move(
            start["x"] + (end["x"] + end["width"] / 2 - start["x"]) * step / 15,
            start["y"] + (end["y"] + end["height"] / 2 - start["y"]) * step / 15,
        )
    page.mouse.up()


def test_editor_drags_a_backlog_idea_onto_a_day_and_it_stays_after_reload(
    editor_page, live_server, stages
):
    idea = CalendarEntryFactory(title="Peer panel on outage data", stage=stages[1])
    day = timezone.localdate().replace(day=15)
    page = editor_page
    page.goto(f"{live_server.url}/admin/calendar/")
    item = page.locator(f"[data-backlog] [data-entry-id='{idea.pk}']")
    cell = page.locator(f"td.fc-daygrid-day[data-date='{day.isoformat()}']")
    item.wait_for()
    cell.wait_for()

    drag(page, item, cell)

    page.locator("[data-status]").filter(has_text="planned for").wait_for()
    idea.refresh_from_db()
    assert timezone.localtime(idea.publish_at).date() == day

    page.reload()
    event = page.locator(f"td.fc-daygrid-day[data-date='{day.isoformat()}'] .fc-event")
    event.filter(has_text="Peer panel on outage data").wait_for()
    assert page.locator(f"[data-backlog] [data-entry-id='{idea.pk}']").count() == 0


def test_moving_an_entry_between_days_can_be_undone(editor_page, live_server, stages):
    today = timezone.localdate()
    first, second = today.replace(day=10), today.replace(day=17)
    entry = CalendarEntryFactory(
        title="Reader survey",
        stage=stages[0],
        publish_at=timezone.make_aware(datetime.datetime.combine(first, datetime.time(9))),
    )
    page = editor_page
    page.goto(f"{live_server.url}/admin/calendar/")
    event = page.locator(f"td.fc-daygrid-day[data-date='{first.isoformat()}'] .fc-event")
    event.wait_for()

    drag(page, event, page.locator(f"td.fc-daygrid-day[data-date='{second.isoformat()}']"))
    page.locator("[data-status]").filter(has_text="planned for").wait_for()
    entry.refresh_from_db()
    assert timezone.localtime(entry.publish_at).date() == second

    page.locator("[data-undo]").click()
    page.locator("[data-status]").filter(has_text="Undone").wait_for()
    entry.refresh_from_db()
    assert timezone.localtime(entry.publish_at).date() == first
    assert CalendarEntry.objects.count() == 1
