"""The publication at a glance, read in a real browser: the dashboard's nurture chart against its
table, and the coverage heatmap against its CSV, the database and the listings its cells open.

An editor signs in through the real admin form. The nurture chart is drawn from leads the test
makes with known gaps between first touch and sales-ready, so every median is known in advance;
the heatmap is read over the real demo content (seed_demo), and its numbers are counted again here,
asset by asset and entry by entry, rather than by the GROUP BY the view uses.
"""

import csv
import datetime
import io
import itertools
import re
import statistics
from collections import Counter
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from django.db.models import Q
from django.utils import timezone
from playwright.sync_api import expect

from buyingstages.audience.models import Lead, LeadState
from buyingstages.library.models import AssetPage
from buyingstages.taxonomy.models import BuyingStage, Persona, Topic
from publishing.calendar.models import CalendarEntry
from tests.browser.signing_in import EDITOR_PASSWORD, EDITOR_USERNAME, log_in

pytestmark = pytest.mark.browser


# Days from first touch to sales-ready for the leads made sales-ready in each of three past months
# (months ago: gaps). The medians are 20, 7.5 and 33 days: not in order, so a chart that sorted by
# value, or drew the months in the wrong order, would show.
NURTURE_GAPS = {3: [10, 40, 20], 2: [9, 6], 1: [33]}


def months_ago(count, today):
    """The first day of the month `count` months before today's."""
    month = today.year * 12 + today.month - 1 - count
    return datetime.date(month // 12, month % 12 + 1, 1)


@pytest.fixture
def nurtured_leads(demo_site):
    """Leads made sales-ready mid-month in three past months; returns the expected table rows.

    Plus one lead still nurturing and one sales-ready with no first touch: neither has a nurture
    period, so neither may count.
    """
    assert not Lead.objects.filter(sales_ready_at__isnull=False).exists(), (
        "demo_site seeds no users, so no demo leads: the nurture chart should start empty"
    )
    today = timezone.localdate()
    expected = []
    for ago, gaps in sorted(NURTURE_GAPS.items(), reverse=True):
        month = months_ago(ago, today)
        # Noon on the 15th, local time: nowhere near a month boundary in any time zone.
        ready = timezone.make_aware(datetime.datetime(month.year, month.month, 15, 12))
        for number, gap in enumerate(gaps):
            Lead.objects.create(
                name=f"Lead {month:%b} {number}",
                email=f"lead-{month:%Y-%m}-{number}@example.com",
                state=LeadState.SALES_READY,
                first_touch_at=ready - datetime.timedelta(days=gap),
                sales_ready_at=ready,
            )
        expected.append((month.strftime("%b %Y"), float(statistics.median(gaps)), len(gaps)))
    Lead.objects.create(
        name="Still nurturing",
        email="nurturing@example.com",
        first_touch_at=timezone.now() - datetime.timedelta(days=90),
    )
    Lead.objects.create(
        name="Ready, never touched",
        email="untouched@example.com",
        state=LeadState.SALES_READY,
        sales_ready_at=timezone.make_aware(
            datetime.datetime.combine(months_ago(2, today), datetime.time(12))
        ),
    )
    assert [row[1] for row in expected] == [20.0, 7.5, 33.0]
    return expected


def test_dashboard_nurture_chart_agrees_with_its_table(page, demo_site, editor, nurtured_leads):
    """Every point of the nurture chart is a row of its table, in order, with the known medians."""
    log_in(page, demo_site, EDITOR_USERNAME, EDITOR_PASSWORD)
    panel = page.locator("[data-insight-panel]")
    expect(panel).to_have_count(1)
    circles = panel.locator('figure[data-chart="nurture"] circle[data-label][data-value]')
    expect(circles).to_have_count(len(nurtured_leads))
    table = panel.locator('table[data-chart-table="nurture"]')
    expect(table.locator("tbody tr")).to_have_count(len(nurtured_leads))

    points = [
        {
            "label": circle.get_attribute("data-label"),
            "value": circle.get_attribute("data-value"),
            "title": circle.locator("title").text_content(),
            "cx": float(circle.get_attribute("cx")),
            "cy": float(circle.get_attribute("cy")),
        }
        for circle in circles.all()
    ]
    rows = [
        [cell.strip() for cell in row.locator("td").all_inner_texts()]
        for row in table.locator("tbody tr").all()
    ]

    # The picture and the numbers agree exactly: same months, same order, same values.
    chart = [(point["label"], point["value"]) for point in points]
    assert chart == [(month, days) for month, days, _ in rows], (
        f"the nurture chart's points {chart} differ from its table's rows {rows}"
    )
    # And both are what the leads say: the median of each month's gaps, and how many leads.
    expected = [[month, str(days), str(count)] for month, days, count in nurtured_leads]
    assert rows == expected, f"the nurture table shows {rows}, not the expected {expected}"

    # Each point says what it is to a screen reader, note included.
    for point, (month, days, count) in zip(points, nurtured_leads, strict=True):
        assert re.fullmatch(
            rf"{re.escape(month)}: {re.escape(str(days))} \({count} leads?\)", point["title"]
        ), f"the {month} point's <title> is {point['title']!r}"

    # What is seen matches the numbers: months run left to right, and more days sit higher, both
    # in the SVG's coordinates and where Chromium actually drew the circles.
    for circle in circles.all():
        expect(circle).to_be_visible()
    boxes = [circle.bounding_box() for circle in circles.all()]
    for point, box in zip(points, boxes, strict=True):
        point["x"], point["y"] = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    for earlier, later in itertools.combinations(points, 2):
        assert earlier["cx"] < later["cx"] and earlier["x"] < later["x"], (
            f"{earlier['label']} should be drawn left of {later['label']}: "
            f"cx {earlier['cx']} vs {later['cx']}, on screen {earlier['x']} vs {later['x']}"
        )
    for a, b in itertools.permutations(points, 2):
        if float(a["value"]) > float(b["value"]):
            assert a["cy"] < b["cy"] and a["y"] < b["y"], (
                f"{a['label']} ({a['value']} days) should be drawn above {b['label']} "
                f"({b['value']} days): cy {a['cy']} vs {b['cy']}, on screen {a['y']} vs {b['y']}"
            )
    expect(panel.get_by_role("img", name="Median days to sales-ready, by month")).to_be_visible()

    # The CSV link offers the same rows.
    link = panel.locator("[data-nurture-trend]").get_by_role("link", name="Download CSV")
    response = page.request.get(urljoin(page.url, link.get_attribute("href")))
    assert response.ok, response.status
    assert response.headers["content-type"].startswith("text/csv")
    downloaded = list(csv.reader(io.StringIO(response.body().decode("utf-8-sig"))))
    assert downloaded == [["month", "median days to sales-ready", "leads"], *expected], (
        f"the nurture CSV {downloaded} differs from the table {expected}"
    )


# The coverage heatmap -----------------------------------------------------------------------------


def expected_coverage(dimension):
    """{(stage name, column name): (live, planned)}, counted one asset and one entry at a time."""
    today = timezone.localdate()
    stages = list(BuyingStage.objects.all())
    columns = list(Persona.objects.all() if dimension == "persona" else Topic.objects.all())
    live, planned = Counter(), Counter()
    for asset in AssetPage.objects.live().prefetch_related("personas", "topics"):
        tags = asset.personas.all() if dimension == "persona" else asset.topics.all()
        for column in {tag.pk for tag in tags}:
            live[asset.stage_id, column] += 1
    entries = (
        CalendarEntry.objects.filter(page__isnull=True, is_open_slot=False)
        .filter(Q(publish_at__isnull=True) | Q(publish_at__date__gte=today))
        .prefetch_related("personas", "topics")
    )
    for entry in entries:
        tags = entry.personas.all() if dimension == "persona" else entry.topics.all()
        for column in {tag.pk for tag in tags}:
            planned[entry.stage_id, column] += 1
    return {
        (stage.name, column.name): (live[stage.pk, column.pk], planned[stage.pk, column.pk])
        for stage in stages
        for column in columns
    }


def read_heatmap(page, dimension):
    """The heatmap as the page shows it: [(stage, column, live, planned, live link, plan link)]."""
    table = page.locator(f'table[data-heatmap="{dimension}"]')
    expect(table).to_be_visible()
    columns = [text.strip() for text in table.locator("thead th").all_inner_texts()]
    assert columns[0] == "Stage", columns
    columns = columns[1:]
    cells = []
    for row in table.locator("tbody tr").all():
        stage = row.locator("th[scope=row]").inner_text().strip()
        tds = row.locator("td").all()
        assert len(tds) == len(columns), f"the {stage} row has {len(tds)} cells for {columns}"
        for column, td in zip(columns, tds, strict=True):
            live, planned = (
                int(td.get_attribute("data-live")),
                int(td.get_attribute("data-planned")),
            )
            where = f"the {stage} × {column} cell"
            plan_link = td.locator('a[title="Planned"]')
            expect(td.locator('a[title="Live assets"]')).to_have_text(str(live))
            expect(plan_link).to_have_text(str(planned))
            assert td.inner_text().split() == [str(live), "·", str(planned)], (
                f"{where} reads {td.inner_text()!r}, not {live} live · {planned} planned"
            )
            level = 3 if live >= 2 else 2 if live == 1 else 1 if planned else 0
            expect(td, f"{where}'s colour").to_have_class(re.compile(rf"\blevel-{level}\b"))
            cells.append(
                (
                    stage,
                    column,
                    live,
                    planned,
                    td.locator('a[title="Live assets"]').get_attribute("href"),
                    plan_link.get_attribute("href"),
                )
            )
    return columns, cells


def check_csv(page, dimension, cells):
    """The page's Download CSV link gives the same numbers, in the same order."""
    link = page.locator("main").get_by_role("link", name="Download CSV")
    response = page.request.get(urljoin(page.url, link.get_attribute("href")))
    assert response.ok, response.status
    assert response.headers["content-type"].startswith("text/csv")
    assert f'filename="coverage-by-{dimension}.csv"' in response.headers["content-disposition"]
    downloaded = list(csv.reader(io.StringIO(response.body().decode("utf-8-sig"))))
    assert downloaded[0] == ["stage", dimension, "live assets", "planned entries"], downloaded[0]
    shown = [[stage, column, str(live), str(planned)] for stage, column, live, planned, *_ in cells]
    assert downloaded[1:] == shown, (
        f"the {dimension} CSV differs from the heatmap: "
        f"{[(a, b) for a, b in zip(downloaded[1:], shown, strict=False) if a != b][:5]}"
    )


def test_coverage_heatmap_agrees_with_csv_database_and_the_listings_it_opens(
    page, demo_site, editor
):
    """Every cell of the heatmap shows the same numbers as its CSV and the database, and its live
    link opens the Assets listing filtered to exactly those assets.
    """
    log_in(page, demo_site, EDITOR_USERNAME, EDITOR_PASSWORD)

    # Reports → Coverage heatmap, through the admin's own menu.
    menu = page.get_by_role("navigation", name="Main menu")
    menu.get_by_role("button", name="Reports").click()
    with page.expect_navigation():
        menu.get_by_role("link", name="Coverage heatmap").click()
    assert urlsplit(page.url).path == "/admin/reports/coverage/", page.url
    expect(page.get_by_role("heading", level=1)).to_have_text("Coverage heatmap")

    columns, cells = read_heatmap(page, "persona")
    assert columns == list(
        Persona.objects.order_by("sort_order", "name").values_list("name", flat=True)
    )
    stages = list(BuyingStage.objects.order_by("sort_order", "name").values_list("name", flat=True))
    assert list(dict.fromkeys(stage for stage, *_ in cells)) == stages
    check_csv(page, "persona", cells)

    # Counted again from the database, asset by asset and entry by entry.
    expected = expected_coverage("persona")
    shown = {(stage, column): (live, planned) for stage, column, live, planned, *_ in cells}
    wrong = {key: (shown[key], expected[key]) for key in expected if shown[key] != expected[key]}
    assert not wrong, f"cells (shown, counted) that disagree with the database: {wrong}"
    assert any(live for live, _ in shown.values()) and any(planned for _, planned in shown.values())

    # A cell with a few live assets: its live link opens the Assets listing filtered to them.
    stage_name, persona_name, live, _, assets_url, calendar_url = max(
        (cell for cell in cells if cell[2] <= 20), key=lambda cell: (cell[2], cell[3])
    )
    assert live >= 2, "the demo content should have a stage × persona cell with several assets"
    stage = BuyingStage.objects.get(name=stage_name)
    persona = Persona.objects.get(name=persona_name)
    titles = sorted(
        AssetPage.objects.live()
        .filter(stage=stage, personas=persona)
        .distinct()
        .values_list("title", flat=True)
    )
    assert len(titles) == live
    assert parse_qs(urlsplit(assets_url).query) == {
        "live": ["true"],
        "stage": [str(stage.pk)],
        "personas": [str(persona.pk)],
    }, assets_url
    assert parse_qs(urlsplit(calendar_url).query) == {
        "stage": [str(stage.pk)],
        "persona": [str(persona.pk)],
    }, calendar_url
    row = page.locator('table[data-heatmap="persona"] tbody tr').filter(
        has=page.locator("th", has_text=stage_name)
    )
    td = row.locator("td").nth(columns.index(persona_name))
    with page.expect_navigation():
        td.locator('a[title="Live assets"]').click()
    assert urlsplit(page.url).path == "/admin/assets/", page.url
    assert parse_qs(urlsplit(page.url).query) == {
        "live": ["true"],
        "stage": [str(stage.pk)],
        "personas": [str(persona.pk)],
    }, page.url
    expect(page.get_by_role("heading", level=1)).to_contain_text("Assets")
    rows = page.locator("#listing-results table tbody tr")
    expect(rows).to_have_count(live)
    listed = sorted(
        text.strip()
        for text in rows.locator('td.title [id^="page_"][id$="_title"]').all_inner_texts()
    )
    assert listed == titles, (
        f"the {stage_name} × {persona_name} cell's link lists {listed}, not its {live} assets {titles}"
    )

    # "By topic" turns the table round to stages × topics; it too agrees with its CSV and the
    # database.
    page.go_back()
    with page.expect_navigation():
        page.locator("main").get_by_role("link", name="By topic").click()
    assert parse_qs(urlsplit(page.url).query) == {"by": ["topic"]}, page.url
    columns, cells = read_heatmap(page, "topic")
    assert columns == list(Topic.objects.order_by("name").values_list("name", flat=True))
    check_csv(page, "topic", cells)
    expected = expected_coverage("topic")
    shown = {(stage, column): (live, planned) for stage, column, live, planned, *_ in cells}
    wrong = {key: (shown[key], expected[key]) for key in expected if shown[key] != expected[key]}
    assert not wrong, f"topic cells (shown, counted) that disagree with the database: {wrong}"
