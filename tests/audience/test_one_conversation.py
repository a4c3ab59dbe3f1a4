"""One conversation per organisation, on the path production scores reading: the beacon's buffered
events folded by the worker. The first person at an organisation to become sales-ready goes to the
inbox and Sales get one e-mail; others there appear on the organisation, not as new leads."""

import datetime
import uuid

import pytest
from django.core import mail
from django.utils import timezone

from buyingstages.audience import event_buffer
from buyingstages.audience.models import (
    BufferedEvent,
    Lead,
    LeadState,
    ProfilingSettings,
    Subscription,
    VisitorProfile,
)
from buyingstages.audience.scoring import Reading
from tests.factories import AssetPageFactory

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2026, 11, 23, 12, 0))


@pytest.fixture
def rules(db):
    rules = ProfilingSettings.load()
    rules.sales_ready_threshold = 10
    rules.strong_signal_weight = 30
    rules.contact_cadence_days = 30
    rules.save()
    return rules


@pytest.fixture
def seller(make_user):
    seller = make_user("Sales", "seller")
    seller.email = "seller@example.com"
    seller.first_name, seller.last_name = "Sam", "Seller"
    seller.save()
    return seller


@pytest.fixture
def pricing(library, stages):
    return AssetPageFactory(parent=library, stage=stages[4], title="Pricing detail")


def subscriber(email, name):
    """Someone who subscribed and confirmed, reading in one browser."""
    lead = Lead.objects.create(email=email, name=name, first_touch_at=NOW)
    Subscription.objects.create(
        lead=lead, consent_text="E-mail me", consented_at=NOW, confirmed_at=NOW
    )
    visitor = uuid.uuid4()
    VisitorProfile.objects.create(visitor_id=visitor, lead=lead, last_seen_at=NOW)
    return lead, str(visitor)


def downloads(visitor, asset, times, at=NOW):
    """The beacon buffers each download; the worker folds the buffer (production's path)."""
    for _ in range(times):
        BufferedEvent.objects.append(
            Reading(visitor, "download", asset.pk, event_id=str(uuid.uuid4())).__dict__,
            received_at=at,
        )
    event_buffer.fold_all()


def sales_emails():
    return [message for message in mail.outbox if message.to == ["seller@example.com"]]


def test_only_the_first_person_at_an_organisation_reaches_the_inbox_and_sales_email(
    rules, seller, pricing, django_capture_on_commit_callbacks
):
    ana, ana_browser = subscriber("ana@harlow.com", "Ana")
    ben, ben_browser = subscriber("ben@harlow.com", "Ben")
    with django_capture_on_commit_callbacks(execute=True):
        downloads(ana_browser, pricing, 2)
    ana.refresh_from_db()
    assert ana.state == LeadState.SALES_READY and not ana.shown_on_organisation
    assert len(sales_emails()) == 1

    # Ben at the same company becomes ready while Ana waits in the inbox.
    with django_capture_on_commit_callbacks(execute=True):
        downloads(ben_browser, pricing, 2)
    ben.refresh_from_db()
    assert ben.state == LeadState.SALES_READY and ben.shown_on_organisation
    assert "shown on Harlow, where a colleague is already in the Sales inbox" in ben.ready_reason
    assert "Ana" not in ben.ready_reason
    assert len(sales_emails()) == 1
    assert list(Lead.objects.to_chase()) == [ana]


def test_after_a_salesperson_accepts_others_there_join_the_conversation_without_an_email(
    rules, seller, pricing, django_capture_on_commit_callbacks
):
    ana, ana_browser = subscriber("ana@harlow.com", "Ana")
    cleo, cleo_browser = subscriber("cleo@harlow.com", "Cleo")
    with django_capture_on_commit_callbacks(execute=True):
        downloads(ana_browser, pricing, 2)
    ana.refresh_from_db()
    ana.accept(seller)
    harlow = ana.organisation
    harlow.refresh_from_db()
    assert harlow.in_conversation_with == seller
    assert harlow.conversation_started_at is not None and harlow.last_contact_at is not None

    with django_capture_on_commit_callbacks(execute=True):
        downloads(cleo_browser, pricing, 2, at=NOW + datetime.timedelta(days=2))
    cleo.refresh_from_db()
    assert cleo.state == LeadState.SALES_READY and cleo.shown_on_organisation
    assert "Sam Seller holds the conversation" in cleo.ready_reason
    assert len(sales_emails()) == 1
    assert cleo not in Lead.objects.to_chase()


def test_people_at_free_mail_domains_are_each_their_own_lead(
    rules, seller, pricing, django_capture_on_commit_callbacks
):
    first, first_browser = subscriber("ana.reader@gmail.com", "Ana")
    second, second_browser = subscriber("ben.reader@gmail.com", "Ben")
    with django_capture_on_commit_callbacks(execute=True):
        downloads(first_browser, pricing, 2)
        downloads(second_browser, pricing, 2)
    assert set(Lead.objects.to_chase()) == {first, second}
    assert len(sales_emails()) == 2


def test_when_the_conversation_ends_the_next_person_waiting_goes_to_the_inbox(
    rules, seller, pricing, django_capture_on_commit_callbacks
):
    ana, ana_browser = subscriber("ana@harlow.com", "Ana")
    ben, ben_browser = subscriber("ben@harlow.com", "Ben")
    with django_capture_on_commit_callbacks(execute=True):
        downloads(ana_browser, pricing, 2)
        downloads(ben_browser, pricing, 2)
    ana.refresh_from_db()
    ana.accept(seller)
    ana.return_to_nurturing(seller, "No project this year")
    ana.organisation.refresh_from_db()
    assert ana.organisation.in_conversation_with is None
    assert list(Lead.objects.to_chase()) == [ben]


def test_both_ready_in_one_batch_still_makes_one_lead_to_chase(
    rules, seller, pricing, django_capture_on_commit_callbacks
):
    """Two readers' events folded together: the batch checks each lead in turn."""
    _, ana_browser = subscriber("ana@harlow.com", "Ana")
    _, ben_browser = subscriber("ben@harlow.com", "Ben")
    for browser in (ana_browser, ben_browser):
        for _ in range(2):
            BufferedEvent.objects.append(
                Reading(browser, "download", pricing.pk, event_id=str(uuid.uuid4())).__dict__,
                received_at=NOW,
            )
    with django_capture_on_commit_callbacks(execute=True):
        event_buffer.fold_all()
    assert Lead.objects.sales_ready().count() == 2
    assert Lead.objects.to_chase().count() == 1
    assert len(sales_emails()) == 1


def test_confirming_a_subscription_groups_and_respects_the_conversation(
    rules, seller, pricing, client, django_capture_on_commit_callbacks
):
    """A reader whose anonymous history is already sales-ready subscribes at a company Sales talk to."""
    from buyingstages.audience import subscriptions

    ana, ana_browser = subscriber("ana@harlow.com", "Ana")
    with django_capture_on_commit_callbacks(execute=True):
        downloads(ana_browser, pricing, 2)
    ana.refresh_from_db()
    ana.accept(seller)
    visitor = str(uuid.uuid4())
    downloads(visitor, pricing, 2, at=timezone.now())  # anonymous: nobody to tell
    assert len(sales_emails()) == 1
    with django_capture_on_commit_callbacks(execute=True):
        subscription = subscriptions.request_subscription(
            "Dan", "dan@harlow.com", [], "monthly", "E-mail me", visitor_id=visitor
        )
    with django_capture_on_commit_callbacks(execute=True):
        subscriptions.confirm(subscriptions.confirm_token(subscription))
    dan = Lead.objects.get(email="dan@harlow.com")
    assert dan.organisation == ana.organisation
    assert dan.state == LeadState.SALES_READY and dan.shown_on_organisation
    assert len(sales_emails()) == 1
