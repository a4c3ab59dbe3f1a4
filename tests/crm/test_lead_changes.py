"""A lead's updated_at moves on every change a CRM cares about, and its outcome is kept, shown to
Sales and counted in insight."""

import datetime
import re
import uuid

import pytest
from django.utils import timezone

from buyingstages.audience import event_buffer, scoring
from buyingstages.audience.models import BufferedEvent, Lead, ProfilingSettings, VisitorProfile
from buyingstages.audience.models.leads import LeadOutcome
from tests.factories import AssetPageFactory

pytestmark = pytest.mark.django_db

AN_HOUR_AGO = timezone.now() - datetime.timedelta(hours=1)


@pytest.fixture
def lead():
    lead = Lead.objects.create(name="Ana Ruiz", email="ana@example.com")
    Lead.objects.filter(pk=lead.pk).update(updated_at=AN_HOUR_AGO)
    return Lead.objects.get(pk=lead.pk)


def moved(lead):
    return Lead.objects.get(pk=lead.pk).updated_at > AN_HOUR_AGO


def test_a_change_of_state_moves_updated_at(lead, make_user):
    lead.mark_sales_ready("Strong signal")
    assert moved(lead)


def test_a_partial_save_moves_updated_at_too(lead):
    lead.first_touch_at = timezone.now()
    lead.save(update_fields=["first_touch_at"])
    assert moved(lead)


def test_touch_moves_updated_at_in_one_query(lead, django_assert_num_queries):
    with django_assert_num_queries(1):
        Lead.objects.filter(pk=lead.pk).touch()
    assert moved(lead)


def test_an_outcome_is_kept_with_its_time_and_moves_updated_at(lead):
    assert lead.report_outcome(LeadOutcome.OPPORTUNITY, "Demo booked", source="HubSpot")
    lead.refresh_from_db()
    assert (lead.outcome, lead.outcome_note, lead.outcome_source) == (
        "opportunity",
        "Demo booked",
        "HubSpot",
    )
    assert lead.outcome_at is not None and lead.updated_at > AN_HOUR_AGO
    assert not lead.report_outcome(LeadOutcome.OPPORTUNITY, "Demo booked", source="HubSpot")
    with pytest.raises(ValueError):
        lead.report_outcome("maybe")


def read_by(lead, library, stages, path):
    asset = AssetPageFactory(parent=library, stage=stages[1])
    visitor = uuid.uuid4()
    VisitorProfile.objects.create(visitor_id=visitor, lead=lead, last_seen_at=AN_HOUR_AGO)
    reading = scoring.Reading(str(visitor), "view", asset.pk)
    if path == "worker":
        BufferedEvent.objects.append(reading.__dict__, received_at=timezone.now())
        event_buffer.fold_all()
    else:
        scoring.record(reading, ProfilingSettings.load())


@pytest.mark.parametrize("path", ["request", "worker"])
def test_reading_by_a_known_lead_moves_updated_at(lead, library, stages, path):
    """The score a CRM shows changes with reading, so the CRM must be told to fetch the lead."""
    read_by(lead, library, stages, path)
    assert moved(lead)


def test_sales_see_the_outcome_on_the_lead(client, make_user, lead):
    lead.mark_sales_ready("Strong signal")
    lead.report_outcome(LeadOutcome.WON, "Signed for three sites", source="Salesforce")
    client.force_login(make_user("Sales", "seller"))
    page = client.get(f"/admin/sales/inbox/inspect/{lead.pk}/").content.decode()
    assert "Won" in page and "Signed for three sites" in page and "Salesforce" in page


def test_sales_see_no_outcome_before_the_crm_reports_one(client, make_user, lead):
    lead.mark_sales_ready("Strong signal")
    client.force_login(make_user("Sales", "seller"))
    page = client.get(f"/admin/sales/inbox/inspect/{lead.pk}/").content.decode()
    assert "data-outcome" not in page


def test_insight_counts_leads_by_outcome(editor_client):
    for n, outcome in enumerate(["won", "won", "lost", "opportunity", ""]):
        lead = Lead.objects.create(name=f"Lead {n}", email=f"lead{n}@example.com")
        if outcome:
            lead.report_outcome(outcome)
    assert Lead.objects.outcome_counts() == [("Opportunity", 1), ("Won", 2), ("Lost", 1)]
    page = editor_client.get("/admin/").content.decode()
    panel = page.split("data-crm-outcomes", 1)[1].split("</div>", 1)[0]
    rows = re.findall(r'<th scope="row">(\w+)</th><td>(\d+)</td>', panel)
    assert rows == [("Opportunity", "1"), ("Won", "2"), ("Lost", "1")]
