"""Pictures for editors and sales: the dashboard panel, the coverage heatmap and survey results."""

import csv
import datetime
import io
import re
import uuid

import pytest
from django.utils import timezone

from buyingstages.audience.models import Lead, ReaderSurvey, SurveyAnswer
from publishing.calendar.models import CalendarEntry
from publishing.insight import figures as insight
from tests.factories import AssetPageFactory, CalendarEntryFactory, PersonaFactory

pytestmark = pytest.mark.django_db


def at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


@pytest.fixture
def plan(library, stages):
    """In Evaluation: two live CFO assets and one planned; one CIO piece planned only."""
    cfo, cio = PersonaFactory(name="CFO", sort_order=1), PersonaFactory(name="CIO", sort_order=2)
    today = timezone.localdate()
    AssetPageFactory(parent=library, stage=stages[3], personas=[cfo], first_published_at=at(today))
    AssetPageFactory(parent=library, stage=stages[3], personas=[cfo], first_published_at=at(today))
    AssetPageFactory(parent=library, stage=stages[0], personas=[cio], live=False)  # a draft
    CalendarEntryFactory(
        stage=stages[3], personas=[cfo], publish_at=at(today + datetime.timedelta(days=3))
    )
    CalendarEntryFactory(stage=stages[3], personas=[cio], publish_at=None)  # backlog idea
    CalendarEntryFactory(
        stage=stages[3], personas=[cio], publish_at=at(today - datetime.timedelta(days=40))
    )
    return cfo, cio


def test_heatmap_counts_live_assets_and_planned_pieces_per_cell(plan, stages):
    cfo, cio = plan
    columns, rows = insight.heatmap("persona")
    assert columns == [cfo, cio]
    evaluation = dict(rows)[stages[3]]
    assert [(cell.live, cell.planned, cell.level) for cell in evaluation] == [(2, 1, 3), (0, 1, 1)]
    epiphany = dict(rows)[stages[0]]
    assert [(cell.live, cell.planned, cell.level) for cell in epiphany] == [(0, 0, 0), (0, 0, 0)]
    assert (
        evaluation[0].assets_url
        == f"/admin/assets/?live=true&stage={stages[3].pk}&personas={cfo.pk}"
    )
    assert evaluation[1].calendar_url == f"/admin/calendar/?stage={stages[3].pk}&persona={cio.pk}"


def test_heatmap_page_and_csv_agree(editor_client, plan, stages):
    page = editor_client.get("/admin/reports/coverage/")
    assert page.status_code == 200
    cells = re.findall(r'data-live="(\d+)" data-planned="(\d+)"', page.content.decode())
    response = editor_client.get("/admin/reports/coverage/", {"format": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(row["live assets"], row["planned entries"]) for row in rows] == cells
    assert {
        "stage": "Evaluation",
        "persona": "CFO",
        "live assets": "2",
        "planned entries": "1",
    } in rows


def test_a_live_cell_opens_exactly_its_live_assets(editor_client, plan, library, stages):
    cfo, _ = plan
    AssetPageFactory(parent=library, stage=stages[3], personas=[cfo], live=False)  # a draft
    _, rows = insight.heatmap("persona")
    cell = dict(rows)[stages[3]][0]
    listing = editor_client.get(cell.assets_url)
    assert len(listing.context["pages"]) == cell.live == 2


def test_heatmap_by_topic(editor_client, plan):
    response = editor_client.get("/admin/reports/coverage/", {"by": "topic"})
    assert response.status_code == 200
    assert 'data-heatmap="topic"' in response.content.decode()


def test_dashboard_shows_published_vs_planned_leads_and_gaps(editor_client, plan):
    now = timezone.now()
    lead = Lead.objects.create(
        name="Ana Ruiz", email="ana@example.com", first_touch_at=now - datetime.timedelta(days=10)
    )
    lead.mark_sales_ready("Strong signal")
    html = editor_client.get("/admin/").content.decode()
    assert "The publication at a glance" in html
    published = re.search(r"data-published>(\d+)<", html).group(1)
    planned = re.search(r"data-planned>(\d+)<", html).group(1)
    assert (published, planned) == (
        str(insight.published_vs_planned()[0]),
        str(insight.published_vs_planned()[1]),
    )
    assert insight.published_vs_planned()[0] == 2
    assert "Ana Ruiz" in html


def test_nurture_trend_chart_and_table_show_the_same_numbers(editor_client):
    now = timezone.now()
    for days in (4, 10, 30):
        lead = Lead.objects.create(
            name=f"Lead {days}",
            email=f"l{days}@example.com",
            first_touch_at=now - datetime.timedelta(days=days),
        )
        lead.mark_sales_ready("Score")
    [(label, median, count)] = insight.nurture_trend()
    assert (median, count) == (10.0, 3)
    html = editor_client.get("/admin/").content.decode()
    point = re.search(r'<circle[^>]*data-label="([^"]+)" data-value="([^"]+)"', html)
    assert point.groups() == (label, "10.0")
    table = html[html.index('data-chart-table="nurture"') :]
    assert f"<td>{label}</td><td>10.0</td><td>3</td>" in table
    csv_rows = list(
        csv.reader(
            io.StringIO(editor_client.get("/admin/reports/nurture.csv").content.decode("utf-8-sig"))
        )
    )
    assert csv_rows == [["month", "median days to sales-ready", "leads"], [label, "10.0", "3"]]


def test_visitors_without_a_role_see_no_insight(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", password="pw"))
    assert client.get("/admin/reports/coverage/").status_code == 302


@pytest.fixture
def survey(library, stages):
    survey = ReaderSurvey.objects.create(question="What next?", choices="Residency\nPricing")
    survey.pages.add(AssetPageFactory(parent=library, stage=stages[1]))
    for choice in (0, 1, 1):
        SurveyAnswer.objects.create(survey=survey, choice=choice, voter=uuid.uuid4())
    return survey


def test_survey_results_show_a_chart_its_table_and_csv(editor_client, survey):
    response = editor_client.get(f"/admin/reader-surveys/inspect/{survey.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    bars = re.findall(r'<rect[^>]*data-label="([^"]+)" data-value="(\d+)"', html)
    assert bars == [("Residency", "1"), ("Pricing", "2")]
    assert "<td>Pricing</td><td>2</td>" in html
    exported = editor_client.get(f"/admin/reader-surveys/inspect/{survey.pk}/", {"format": "csv"})
    assert list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig")))) == [
        ["answer", "readers"],
        ["Residency", "1"],
        ["Pricing", "2"],
    ]


def test_a_survey_answer_becomes_a_calendar_idea(editor_client, survey):
    response = editor_client.post(f"/admin/reader-surveys/{survey.pk}/plan/1/")
    assert response.status_code == 302
    entry = CalendarEntry.objects.get()
    assert entry.title == "Readers asked: Pricing"
    assert "2 of 3 readers chose “Pricing”" in entry.brief
    assert entry.publish_at is None
    assert editor_client.post(f"/admin/reader-surveys/{survey.pk}/plan/9/").status_code == 302
    assert CalendarEntry.objects.count() == 1


def test_sales_read_survey_results_but_cannot_plan(client, make_user, survey):
    client.force_login(make_user("Sales", "sam"))
    assert client.get(f"/admin/reader-surveys/inspect/{survey.pk}/").status_code == 200
    client.post(f"/admin/reader-surveys/{survey.pk}/plan/1/")
    assert not CalendarEntry.objects.exists()


def test_heatmap_and_dashboard_queries_do_not_grow_with_content(editor_client, library, stages):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    personas = [PersonaFactory(name=f"Persona {n}", sort_order=n) for n in range(3)]

    def queries(url):
        editor_client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert editor_client.get(url).status_code == 200
        return len(captured)

    def add(count):
        for n in range(count):
            AssetPageFactory(parent=library, stage=stages[n % 7], personas=[personas[n % 3]])
            CalendarEntryFactory(stage=stages[n % 7], personas=[personas[n % 3]], publish_at=None)

    add(3)
    small = {url: queries(url) for url in ("/admin/reports/coverage/", "/admin/")}
    add(60)
    assert {url: queries(url) for url in small} == small
