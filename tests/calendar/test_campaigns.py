"""Campaigns on the calendar: entries carry one, the grid filters and colours by it, and the gaps
panel answers for it (its stages, personas and dates)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from publishing.calendar import gaps
from publishing.calendar.models import CalendarEntry, Status
from tests.factories import CalendarEntryFactory, CampaignFactory, PersonaFactory

pytestmark = pytest.mark.django_db

EVENTS = "/admin/calendar/events/?start=2026-11-30&end=2027-01-04"
GAPS = "/admin/calendar/gaps/?start=2026-11-30&end=2027-01-04"


def at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))


@pytest.fixture
def spring():
    return CampaignFactory(
        name="Spring push",
        slug="spring",
        colour="#8e3b76",
        starts_on=datetime.date(2026, 12, 7),
        ends_on=datetime.date(2026, 12, 20),
    )


def test_the_calendar_filters_and_colours_by_campaign(editor_client, stages, spring):
    CalendarEntryFactory(title="In it", campaign=spring, publish_at=at(datetime.date(2026, 12, 8)))
    CalendarEntryFactory(title="Not in it", publish_at=at(datetime.date(2026, 12, 9)))

    events = editor_client.get(f"{EVENTS}&campaign={spring.pk}").json()

    assert [event["title"] for event in events] == ["In it"]
    assert events[0]["borderColor"] == "#8e3b76"
    assert events[0]["extendedProps"]["campaign"] == "Spring push"
    everything = editor_client.get(EVENTS).json()
    assert "borderColor" not in next(e for e in everything if e["title"] == "Not in it")


def test_the_grid_takes_the_same_queries_with_more_campaigns(editor_client, stages):
    def add(count):
        for number in range(count):
            campaign = CampaignFactory(name=f"Push {CalendarEntry.objects.count()}-{number}")
            CalendarEntryFactory(campaign=campaign, publish_at=at(datetime.date(2026, 12, 8)))

    add(2)
    editor_client.get(EVENTS)
    with CaptureQueriesContext(connection) as few:
        editor_client.get(EVENTS)
    add(10)
    with CaptureQueriesContext(connection) as many:
        assert len(editor_client.get(EVENTS).json()) == 12
    assert len(many) == len(few)


def test_the_gaps_panel_answers_for_a_campaign(editor_client, stages, spring):
    cfo, cio = PersonaFactory(name="CFO"), PersonaFactory(name="CIO")
    PersonaFactory(name="Head of Data")  # not targeted: not a column for the campaign
    spring.stages.set([stages[2], stages[3]])
    spring.personas.set([cfo, cio])
    CalendarEntryFactory(
        stage=stages[2], personas=[cfo], campaign=spring, publish_at=at(datetime.date(2026, 12, 8))
    )
    # Outside the campaign's dates, or not in the campaign: not its coverage.
    CalendarEntryFactory(
        stage=stages[3], personas=[cio], campaign=spring, publish_at=at(datetime.date(2026, 12, 28))
    )
    CalendarEntryFactory(stage=stages[3], personas=[cio], publish_at=at(datetime.date(2026, 12, 9)))

    report = gaps.coverage(datetime.date(2026, 11, 30), datetime.date(2027, 1, 4), spring)
    assert (report.start, report.end) == (datetime.date(2026, 12, 7), datetime.date(2026, 12, 21))
    assert [stage.pk for stage in report.stages] == [stages[2].pk, stages[3].pk]
    assert {persona.name for persona in report.personas} == {"CFO", "CIO"}
    assert report.empty_cells == 3

    html = editor_client.get(f"{GAPS}&campaign={spring.pk}").content.decode()
    assert "For the campaign “Spring push”" in html
    assert "3 empty cells" in html
    assert "Head of Data" not in html


@pytest.mark.parametrize("value", ["999999", "x", "1e3", "-1", "١"])
def test_the_gaps_panel_refuses_an_unknown_campaign_clearly(editor_client, value):
    response = editor_client.get(f"{GAPS}&campaign={value}")
    assert response.status_code == 400
    assert response.json() == {"error": "No such campaign."}


def test_an_editor_plans_an_entry_in_a_campaign(editor_client, spring):
    response = editor_client.post(
        "/admin/calendar/entries/new/",
        {
            "title": "Spring webinar",
            "campaign": spring.pk,
            "channel": "website",
            "status": Status.objects.get(slug="idea").pk,
        },
    )
    assert response.status_code == 302
    assert CalendarEntry.objects.get(title="Spring webinar").campaign == spring
