import pytest

from buyingstages.audience.models import InvalidTransition, Lead, LeadState

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead():
    return Lead.objects.create(email="Ana@Example.com ", name="Ana")


def test_email_is_kept_lowercase(lead):
    assert lead.email == "ana@example.com"


def test_nurturing_to_sales_ready_to_accepted_records_who_and_when(lead, make_user):
    seller = make_user("Sales")
    lead.mark_sales_ready("Strong signal")
    lead.accept(seller)
    lead.refresh_from_db()
    assert lead.state == LeadState.ACCEPTED and lead.accepted_by == seller and lead.accepted_at
    assert [(t.from_state, t.to_state) for t in lead.transitions.all()] == [
        ("nurturing", "sales_ready"),
        ("sales_ready", "accepted"),
    ]


def test_returned_leads_go_back_to_nurturing_with_history_and_reason(lead, make_user):
    seller = make_user("Sales")
    lead.mark_sales_ready("Score 45")
    with pytest.raises(InvalidTransition):
        lead.return_to_nurturing(seller, "  ")
    lead.return_to_nurturing(seller, "Budget frozen until Q3")
    lead.refresh_from_db()
    assert lead.state == LeadState.NURTURING
    assert lead.transitions.count() == 2
    assert lead.transitions.last().reason == "Budget frozen until Q3"
    assert lead.sales_ready_at is not None  # history intact


def test_impossible_transitions_are_refused(lead, make_user):
    with pytest.raises(InvalidTransition):
        lead.accept(make_user("Sales"))
    assert Lead.objects.get().state == LeadState.NURTURING


def test_nurture_period_median_by_month():
    import datetime

    from django.utils import timezone

    def lead(email, touched, ready):
        return Lead.objects.create(
            email=email,
            name="x",
            first_touch_at=timezone.make_aware(touched),
            sales_ready_at=timezone.make_aware(ready),
        )

    lead("a@x.com", datetime.datetime(2026, 8, 1), datetime.datetime(2026, 9, 11))  # 41 days
    lead("b@x.com", datetime.datetime(2026, 9, 1), datetime.datetime(2026, 9, 21))  # 20 days
    lead("c@x.com", datetime.datetime(2026, 9, 1), datetime.datetime(2026, 9, 4))  # 3 days
    lead("d@x.com", datetime.datetime(2026, 9, 20), datetime.datetime(2026, 10, 10))  # 20 days
    Lead.objects.create(email="e@x.com", name="still nurturing")
    assert Lead.objects.nurture_by_month() == [
        (datetime.date(2026, 9, 1), 20.0, 3),
        (datetime.date(2026, 10, 1), 20.0, 1),
    ]
