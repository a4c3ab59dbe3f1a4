"""Planning on a 1280 px laptop, in real Chromium: grid, backlog and gaps in view together; a drag
from the backlog needs no scrolling and the gaps follow it at once; a click on a day starts an entry
for that day; a shift shows what will move and is undone; a busy month's titles read."""

import datetime

import pytest
from django.utils import timezone

from publishing.calendar.models import CalendarEntry
from tests.browser.signing_in import log_in
from tests.factories import CalendarEntryFactory, PersonaFactory

pytestmark = [pytest.mark.browser]

LAPTOP = {"width": 1280, "height": 800}


@pytest.fixture
def planner(page, live_server, transactional_db, make_user):
    user = make_user("Editors", "planner")
    user.set_password("a-long-test-password")
    user.save()
    page.set_viewport_size(LAPTOP)
    log_in(page, live_server.url, "planner", "a-long-test-password")
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


def in_view(locator):
    box = locator.bounding_box()
    return (
        box
        and box["y"] >= 0
        and box["y"] + box["height"] <= LAPTOP["height"]
        and (box["x"] >= 0 and box["x"] + box["width"] <= LAPTOP["width"])
    )


def gaps_cell(page, stage, persona_index):
    return (
        page.locator(".mh-matrix tbody tr")
        .filter(has=page.locator(f"th:text-is('{stage.name}')"))
        .locator("td")
        .nth(persona_index)
    )


def test_drag_from_the_backlog_without_scrolling_and_the_gaps_follow(planner, live_server, stages):
    personas = [PersonaFactory(name=f"Persona {n}") for n in range(6)]
    idea = CalendarEntryFactory(
        title="Peer panel on outage data", stage=stages[2], personas=[personas[5]]
    )
    day = timezone.localdate().replace(day=16)
    page = planner
    page.goto(f"{live_server.url}/admin/calendar/")
    page.evaluate("window.notReloaded = true")
    item = page.locator(f"[data-backlog] [data-entry-id='{idea.pk}']")
    cell = page.locator(f"td.fc-daygrid-day[data-date='{day.isoformat()}']")
    item.wait_for()
    cell.wait_for()
    page.locator(".mh-matrix").wait_for()
    # Grid, backlog and gaps together: every persona column and the day, without scrolling.
    assert in_view(item) and in_view(cell)
    assert page.locator(".mh-matrix thead th").count() == 7
    assert in_view(page.locator(".mh-matrix thead th").last)
    assert gaps_cell(page, stages[2], 5).inner_text() == "0"

    drag(page, item, cell)

    page.locator("[data-status]").filter(has_text="planned for").wait_for()
    assert page.evaluate("window.scrollY") == 0
    idea.refresh_from_db()
    assert timezone.localtime(idea.publish_at).date() == day
    # The gaps answer for the new plan at once, in the same page (no reload).
    gaps_cell(page, stages[2], 5).filter(has_text="1").wait_for()
    assert page.evaluate("window.notReloaded") is True
    assert page.locator("[data-backlog-count]").inner_text() == "0"


# The start of an entry's text that is really on screen: the characters whose box lies inside the
# entry's own (the month grid clips each title after a few lines).
VISIBLE_TEXT = """(event) => {
    const frame = event.querySelector(".fc-event-main-frame").getBoundingClientRect();
    const walker = document.createTreeWalker(event, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let shown = "";
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (let index = 0; index < node.length; index += 1) {
            range.setStart(node, index);
            range.setEnd(node, index + 1);
            const box = range.getBoundingClientRect();
            if (box.height && (box.bottom > frame.bottom + 1 || box.right > frame.right + 1)) return shown;
            shown += node.data[index];
        }
        shown += " ";
    }
    return shown;
}"""


def at(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def test_a_busy_month_reads_on_the_laptop(planner, live_server, stages):
    """Two entries on a day, one of them a webinar at 15:00: both show in the month grid, each with its
    time and the first words of its title, and the whole title on hover. March 2027 has five weeks,
    as most months do."""
    day = datetime.date(2027, 3, 17)
    webinar = CalendarEntryFactory(
        title="Webinar: the first 90 days after a plant data rollout",
        stage=stages[4],
        publish_at=at(day, 15),
        start_time=datetime.time(15),
    )
    CalendarEntryFactory(
        title="Point of view: the morning meeting is a data problem",
        stage=stages[1],
        publish_at=at(day, 9),
    )
    page = planner
    page.goto(f"{live_server.url}/admin/calendar/#2027-03-01")
    cell = page.locator(f"td.fc-daygrid-day[data-date='{day.isoformat()}']")
    cell.locator(".fc-event").nth(1).wait_for()
    assert cell.locator(".fc-daygrid-more-link").count() == 0
    shown = [
        " ".join(event.evaluate(VISIBLE_TEXT).split()) for event in cell.locator(".fc-event").all()
    ]
    assert any(text.startswith("15:00 Webinar: the first") for text in shown), shown
    assert any(text.startswith("Point of view: the morning") for text in shown), shown
    tooltip = cell.locator(f".fc-event[data-entry-id='{webinar.pk}']").get_attribute("title")
    assert tooltip.startswith("Webinar: the first 90 days after a plant data rollout")
    # Opening the filters shortens the grid: the titles take fewer lines, and both entries stay.
    lines = "document.querySelector('[data-grid]').style.getPropertyValue('--mh-title-lines')"
    assert page.evaluate(lines) == "3"
    page.get_by_text("Filters").click()
    page.locator(".mh-calendar__filters").wait_for()
    page.wait_for_function(f"{lines} === '2'")
    assert cell.locator(".fc-daygrid-more-link").count() == 0
    assert cell.locator(".fc-event").count() == 2


def test_a_click_on_a_day_starts_an_entry_for_that_day(planner, live_server):
    day = timezone.localdate().replace(day=20)
    page = planner
    page.goto(f"{live_server.url}/admin/calendar/")
    page.locator(f"td.fc-daygrid-day[data-date='{day.isoformat()}']").click()
    page.wait_for_url(f"**/admin/calendar/entries/new/?date={day.isoformat()}")
    assert page.locator("#id_publish_at").input_value().startswith(day.isoformat())


def test_the_week_view_is_seven_days_not_hours(planner, live_server):
    page = planner
    page.goto(f"{live_server.url}/admin/calendar/")
    page.get_by_role("button", name="Week").click()
    page.locator(".fc-dayGridWeek-view").wait_for()
    assert page.locator(".fc-timegrid-slot").count() == 0
    assert page.locator(".fc-dayGridWeek-view td.fc-daygrid-day").count() == 7


def test_a_shift_is_previewed_then_undone(planner, live_server, stages):
    today = timezone.localdate()
    first = today.replace(day=10)
    entry = CalendarEntryFactory(
        title="Slipping launch piece",
        stage=stages[3],
        publish_at=at(first, 9),
    )
    page = planner
    page.goto(f"{live_server.url}/admin/calendar/")
    page.get_by_text("Shift a run of entries").click()
    page.locator("[data-shift-form] input[name=from]").fill(today.replace(day=1).isoformat())
    page.locator("[data-shift-form] input[name=days]").fill("7")
    page.get_by_role("button", name="Preview").click()
    preview = page.locator("[data-shift-list]")
    preview.filter(has_text="Slipping launch piece").wait_for()
    entry.refresh_from_db()
    assert timezone.localtime(entry.publish_at).date() == first  # a preview moves nothing

    page.get_by_role("button", name="Shift them").click()
    page.locator("[data-status]").filter(has_text="1 entry moved.").wait_for()
    entry.refresh_from_db()
    assert timezone.localtime(entry.publish_at).date() == first + datetime.timedelta(days=7)

    page.get_by_role("button", name="Undo").click()
    page.locator("[data-status]").filter(has_text="back where they were").wait_for()
    entry = CalendarEntry.objects.get(pk=entry.pk)
    assert timezone.localtime(entry.publish_at).date() == first


def test_a_repeating_entry_form_fits_the_laptop_screen(planner, live_server, stages):
    """Every field of an entry, its repeat rule included, is on screen without scrolling sideways."""
    entry = CalendarEntryFactory(
        title="Uptime clinic", stage=stages[2], publish_at=timezone.now(), repeat="monthly_weekday"
    )
    page = planner
    page.goto(f"{live_server.url}/admin/calendar/entries/edit/{entry.pk}/")
    page.locator("#id_repeat_until").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"]
    for field in ("#id_repeat", "#id_repeat_every", "#id_repeat_until"):
        box = page.locator(field).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= LAPTOP["width"], field


def test_a_refused_shift_leaves_no_earlier_preview_to_confirm(planner, live_server, stages):
    first = timezone.localdate().replace(day=10)
    entry = CalendarEntryFactory(
        title="Slipping launch piece",
        stage=stages[3],
        publish_at=at(first, 9),
    )
    page = planner
    page.goto(f"{live_server.url}/admin/calendar/")
    page.get_by_text("Shift a run of entries").click()
    page.locator("[data-shift-form] input[name=from]").fill(first.replace(day=1).isoformat())
    days = page.locator("[data-shift-form] input[name=days]")
    days.fill("1")
    page.get_by_role("button", name="Preview").click()
    summary = page.locator("[data-shift-summary]")
    summary.filter(has_text="will move by 1 day:").wait_for()
    days.fill("0")  # a changed form hides the old preview at once
    assert page.get_by_role("button", name="Shift them").is_hidden()
    page.get_by_role("button", name="Preview").click()
    summary.filter(has_text="not 0").wait_for()  # the refusal, beside the form
    assert "will move" not in summary.inner_text()
    assert page.get_by_role("button", name="Shift them").is_hidden()
    entry.refresh_from_db()
    assert timezone.localtime(entry.publish_at).date() == first
