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


def emails_about(name):
    return [message for message in sales_emails() if message.subject == f"Sales-ready: {name}"]


def work(client, lead, action, capture, **data):
    """Accept or return a lead from its page in the Sales inbox, as a salesperson does."""
    with capture(execute=True):
        response = client.post(f"/admin/sales/inbox/{lead.pk}/{action}/", data)
    assert response.status_code == 302
    lead.refresh_from_db()


def test_a_person_surfaced_when_the_conversation_ends_is_emailed_to_sales_once(
    rules, seller, pricing, client, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    people = [subscriber(f"{name.lower()}@harlow.com", name) for name in ("Ana", "Ben", "Cleo")]
    (ana, _), (ben, _), (cleo, _) = people
    for _, browser in people:  # Ana first: she goes to the inbox, Ben and Cleo wait on Harlow
        with capture(execute=True):
            downloads(browser, pricing, 2)
    assert [len(emails_about(name)) for name in ("Ana", "Ben", "Cleo")] == [1, 0, 0]
    client.force_login(seller)

    work(client, ana, "accept", capture)
    work(client, ana, "return", capture, reason="No project this year")

    ben.refresh_from_db()
    assert list(Lead.objects.to_chase()) == [ben]
    [told] = emails_about("Ben")
    assert told.to == ["seller@example.com"]
    assert f"/admin/sales/inbox/inspect/{ben.pk}/" in told.body
    assert "shown on" not in told.body and "Why: Interest score" in told.body
    assert [len(emails_about(name)) for name in ("Ana", "Cleo")] == [1, 0]

    # The next conversation ends too: Cleo comes to the inbox and is told of, once; nobody told
    # before hears of again.
    work(client, ben, "accept", capture)
    work(client, ben, "return", capture, reason="Budget went elsewhere")
    assert list(Lead.objects.to_chase()) == [cleo]
    assert [len(emails_about(name)) for name in ("Ana", "Ben", "Cleo")] == [1, 1, 1]

    work(client, cleo, "accept", capture)
    work(client, cleo, "return", capture, reason="Not now")
    assert not Lead.objects.to_chase().exists()
    assert len(sales_emails()) == 3


def test_someone_told_of_before_and_then_shown_on_the_group_is_not_emailed_again(
    rules, seller, pricing, client, django_capture_on_commit_callbacks
):
    """Two organisations merged, each with a person in the inbox (both told of): one waits on the
    merged group and comes back to the inbox when the conversation ends, without a second e-mail."""
    from buyingstages.audience.models import Organisation

    capture = django_capture_on_commit_callbacks
    ana, ana_browser = subscriber("ana@harlow.com", "Ana")
    dan, dan_browser = subscriber("dan@harlow-components.co.uk", "Dan")
    for browser in (ana_browser, dan_browser):
        with capture(execute=True):
            downloads(browser, pricing, 2)
    assert len(emails_about("Ana")) == len(emails_about("Dan")) == 1
    with capture(execute=True):
        Organisation.objects.get(name="Harlow Components").merge_into(
            Organisation.objects.get(name="Harlow")
        )
    dan.refresh_from_db()
    assert dan.shown_on_organisation and list(Lead.objects.to_chase()) == [ana]
    client.force_login(seller)

    work(client, ana, "accept", capture)
    work(client, ana, "return", capture, reason="No project this year")

    assert list(Lead.objects.to_chase()) == [dan]
    assert len(emails_about("Dan")) == 1 and len(sales_emails()) == 2


def test_ready_again_after_a_return_is_news_to_sales(
    rules, seller, pricing, client, django_capture_on_commit_callbacks
):
    """Told once per time a person becomes sales-ready: a lead returned and ready again is e-mailed."""
    capture = django_capture_on_commit_callbacks
    ana, ana_browser = subscriber("ana@example.org", "Ana")
    with capture(execute=True):
        downloads(ana_browser, pricing, 2)
    client.force_login(seller)
    work(client, ana, "return", capture, reason="Still researching")
    other = AssetPageFactory(parent=pricing.get_parent(), stage=pricing.stage, title="Rollout")
    with capture(execute=True):
        downloads(ana_browser, other, 3, at=timezone.now() + datetime.timedelta(days=1))
    ana.refresh_from_db()
    assert ana.state == LeadState.SALES_READY
    assert len(emails_about("Ana")) == 2


def test_a_group_marked_do_not_group_brings_its_waiting_people_to_the_inbox_and_sales_email(
    rules, seller, pricing, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    (ana, ana_browser), (ben, ben_browser) = (
        subscriber("ana@harlow.com", "Ana"),
        subscriber("ben@harlow.com", "Ben"),
    )
    for browser in (ana_browser, ben_browser):
        with capture(execute=True):
            downloads(browser, pricing, 2)
    assert not emails_about("Ben")
    harlow = Lead.objects.get(pk=ben.pk).organisation
    harlow.do_not_group = True
    with capture(execute=True):
        harlow.save()
    assert set(Lead.objects.to_chase()) == {ana, ben}
    assert len(emails_about("Ben")) == 1 and len(emails_about("Ana")) == 1


def test_a_group_merged_into_one_that_does_not_group_brings_its_waiting_people_to_the_inbox(
    rules, seller, pricing, django_capture_on_commit_callbacks
):
    """Harlow, where Sales talk to Ana and Ben waits on the group, is merged into an organisation
    marked "do not group" (a shared mail host, say): Ben is nobody's colleague any more, so he is in
    the inbox with his own reason and Sales are e-mailed about him, once."""
    from buyingstages.audience.models import Organisation, OrganisationDomain

    capture = django_capture_on_commit_callbacks
    (ana, ana_browser), (ben, ben_browser) = (
        subscriber("ana@harlow.com", "Ana"),
        subscriber("ben@harlow.com", "Ben"),
    )
    with capture(execute=True):
        downloads(ana_browser, pricing, 2)
    ana.refresh_from_db()
    ana.accept(seller)
    with capture(execute=True):
        downloads(ben_browser, pricing, 2)
    ben.refresh_from_db()
    assert ben.shown_on_organisation and "shown on Harlow" in ben.ready_reason
    host = Organisation.objects.create(name="Mail host", do_not_group=True)
    OrganisationDomain.objects.create(organisation=host, domain="mailhost.net")

    with capture(execute=True):
        ben.organisation.merge_into(host)

    ben.refresh_from_db()
    assert ben.organisation is None and list(Lead.objects.to_chase()) == [ben]
    assert "shown on" not in ben.ready_reason and ben.ready_reason.startswith("Interest score")
    [told] = emails_about("Ben")
    assert "shown on" not in told.body
    assert len(emails_about("Ana")) == 1 and len(sales_emails()) == 2
