"""The buying group in the Sales area: the organisation list and page, the inbox's cadence warning,
what privacy keeps out of them, and their query budgets."""

import datetime
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from buyingstages.audience import privacy, scoring
from buyingstages.audience.models import (
    ContentEvent,
    Lead,
    Organisation,
    ProfilingSettings,
    Subscription,
    VisitorProfile,
)
from buyingstages.audience.scoring import Reading
from tests.factories import AssetPageFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seller(make_user):
    user = make_user("Sales", "sam")
    user.first_name = "Sam"
    user.save()
    return user


@pytest.fixture
def sales_client(client, seller):
    client.force_login(seller)
    return client


@pytest.fixture
def assets(library, stages):
    topic = TopicFactory(name="Data residency")
    return [
        AssetPageFactory(parent=library, stage=stages[3], title=f"Fit check {n}", topics=[topic])
        for n in range(4)
    ]


def subscriber(email, name, confirmed=True, unsubscribed=False):
    now = timezone.now()
    lead = Lead.objects.create(email=email, name=name)
    Subscription.objects.create(
        lead=lead,
        consent_text="E-mail me",
        consented_at=now,
        confirmed_at=now if confirmed else None,
        unsubscribed_at=now if unsubscribed else None,
    )
    VisitorProfile.objects.create(visitor_id=uuid.uuid4(), lead=lead, last_seen_at=now)
    return lead


def reads(lead, asset, kind="view"):
    profile = lead.profiles.get()
    scoring.record(Reading(str(profile.visitor_id), kind, asset.pk))


def organisation_page(client, organisation):
    response = client.get(f"/admin/sales/organisations/inspect/{organisation.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_organisation_page_shows_who_read_what_and_what_to_send_the_group(sales_client, assets):
    ana, ben = subscriber("ana@harlow.com", "Ana Ruiz"), subscriber("ben@harlow.com", "Ben Ode")
    reads(ana, assets[0], "download")
    reads(ben, assets[1])
    page = organisation_page(sales_client, ana.organisation)
    assert "Ana Ruiz" in page and "Ben Ode" in page
    assert "2 who gave their address and consent" in page
    assert "Evaluation" in page and "Data residency" in page  # the group's stage and topics
    send_next = page.split("data-send-next")[1].split("</ol>")[0]
    # What none of them has read yet.
    assert "Fit check 2" in send_next and "Fit check 3" in send_next
    assert "Fit check 0" not in send_next and "Fit check 1" not in send_next
    timeline = page.split("data-timeline")[1]
    assert "Ana Ruiz</strong> downloaded" in timeline and "Ben Ode</strong> viewed" in timeline


def test_only_people_who_gave_address_and_consent_are_shown(sales_client, assets):
    ana = subscriber("ana@harlow.com", "Ana Ruiz")
    pending = subscriber("pat@harlow.com", "Pat Pending", confirmed=False)
    gone = subscriber("una@harlow.com", "Una Subscribed", unsubscribed=True)
    for lead in (ana, pending, gone):
        reads(lead, assets[0])
    # Anonymous reading of another asset never reaches the organisation.
    scoring.record(Reading(str(uuid.uuid4()), "download", assets[3].pk))
    page = organisation_page(sales_client, ana.organisation)
    assert "Ana Ruiz" in page
    assert "Pat Pending" not in page and "Una Subscribed" not in page
    assert "1 who gave their address and consent" in page
    timeline = page.split("data-timeline")[1]
    assert timeline.count("<li>") == 1
    assert "Fit check 3" in page.split("data-send-next")[1]  # read anonymously: still unread here


def test_the_organisation_list_counts_only_consenting_people(sales_client, assets):
    reads(subscriber("ana@harlow.com", "Ana"), assets[0])
    subscriber("pat@harlow.com", "Pat", confirmed=False)
    subscriber("pat@quiet.co.uk", "Quiet", confirmed=False)  # nobody consenting: not listed
    response = sales_client.get("/admin/sales/organisations/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Harlow" in page and "Quiet" not in page
    [harlow] = list(response.context["object_list"])
    assert harlow.people_count == 1 and harlow.waiting_count == 0
    assert harlow.last_read_at is not None


def test_erasing_a_person_removes_them_from_the_group_and_its_figures(sales_client, assets):
    ana, ben = subscriber("ana@harlow.com", "Ana Ruiz"), subscriber("ben@harlow.com", "Ben Ode")
    reads(ana, assets[0], "download")
    reads(ben, assets[1])
    harlow = ana.organisation
    privacy.erase(ana)
    page = organisation_page(sales_client, harlow)
    assert "Ana Ruiz" not in page and "ana@harlow.com" not in page
    assert "1 who gave their address and consent" in page
    assert "Fit check 0" in page.split("data-send-next")[1]  # only Ana had read it
    privacy.erase(ben)
    assert not Organisation.objects.filter(pk=harlow.pk).exists()


def test_the_export_shows_the_organisation_only_as_their_own_domain(assets):
    ana = subscriber("ana@harlow.com", "Ana Ruiz")
    subscriber("ben@harlow-components.co.uk", "Ben Ode").organisation.merge_into(ana.organisation)
    Organisation.objects.filter(pk=ana.organisation_id).update(name="Harlow Components Group")
    data = privacy.export(Lead.objects.get(pk=ana.pk))
    assert data["organisation"] == "harlow.com"
    text = repr(data)
    assert "Harlow Components Group" not in text
    assert "harlow-components" not in text and "Ben" not in text
    assert privacy.export(subscriber("cleo@gmail.com", "Cleo"))["organisation"] is None


def test_the_inbox_warns_before_a_second_contact_inside_the_cadence(
    client, sales_client, seller, make_user, assets
):
    rules = ProfilingSettings.load()
    rules.contact_cadence_days = 30
    rules.save()
    ana, ben = subscriber("ana@harlow.com", "Ana"), subscriber("ben@harlow.com", "Ben")
    ana.mark_sales_ready("Strong signal")
    ana.accept(seller)
    Lead.objects.filter(pk=ben.pk).update(organisation=None)  # ready before grouping existed
    ben.refresh_from_db()
    ben.mark_sales_ready("Strong signal")
    Lead.objects.filter(pk=ben.pk).update(organisation=ana.organisation)
    other = make_user("Sales", "rita")
    client.force_login(other)
    inbox = client.get("/admin/sales/inbox/").content.decode()
    assert "data-contact-warning" in inbox and "In conversation with Sam" in inbox
    lead_page = client.get(f"/admin/sales/inbox/inspect/{ben.pk}/").content.decode()
    assert "Second contact inside the agreed cadence" in lead_page
    assert "Talk to Sam first" in lead_page
    # Outside the cadence, no warning.
    Organisation.objects.filter(pk=ana.organisation_id).update(
        last_contact_at=timezone.now() - datetime.timedelta(days=31)
    )
    assert "data-contact-warning" not in client.get("/admin/sales/inbox/").content.decode()


def test_a_person_shown_on_the_organisation_is_listed_there_not_in_the_inbox(
    sales_client, seller, assets
):
    ana, ben = subscriber("ana@harlow.com", "Ana"), subscriber("ben@harlow.com", "Ben Ode")
    ana.mark_sales_ready("Strong signal")
    ana.accept(seller)
    ben.mark_sales_ready("Strong signal")
    assert ben.shown_on_organisation
    inbox = sales_client.get("/admin/sales/inbox/")
    assert ben not in inbox.context["object_list"]
    shown = sales_client.get("/admin/sales/inbox/?state=on_organisation")
    assert list(shown.context["object_list"]) == [ben]
    page = organisation_page(sales_client, ana.organisation)
    assert "In conversation with <strong>Sam</strong>" in page
    assert "Ben Ode" in page.split("data-waiting")[1]


def test_editors_cannot_open_the_sales_organisation_pages(client, make_user, assets):
    ana = subscriber("ana@harlow.com", "Ana")
    client.force_login(make_user("Editors", "editor"))
    for url in (
        "/admin/sales/organisations/",
        f"/admin/sales/organisations/inspect/{ana.organisation_id}/",
    ):
        assert client.get(url).status_code == 302


def test_an_unknown_or_do_not_group_organisation_is_a_404(sales_client, assets):
    ana = subscriber("ana@harlow.com", "Ana")
    assert sales_client.get("/admin/sales/organisations/inspect/999999/").status_code == 404
    Organisation.objects.filter(pk=ana.organisation_id).update(do_not_group=True)
    url = f"/admin/sales/organisations/inspect/{ana.organisation_id}/"
    assert sales_client.get(url).status_code == 404


def populate(size, assets):
    """``size`` consenting people at one company, each with two reading events."""
    for n in range(size):
        lead = subscriber(f"reader{n}@harlow.com", f"Reader {n}")
        profile = lead.profiles.get()
        ContentEvent.objects.bulk_create(
            ContentEvent(profile=profile, asset=asset, kind="view", created_at=timezone.now())
            for asset in assets[n % 2 : n % 2 + 2]  # assets 0-2: the last is left to suggest
        )
    return Organisation.objects.get()


@pytest.mark.parametrize("url", ["list", "page"])
def test_queries_are_the_same_at_5_and_50_people(sales_client, assets, url):
    organisation = populate(5, assets)

    def queries():
        target = (
            "/admin/sales/organisations/"
            if url == "list"
            else f"/admin/sales/organisations/inspect/{organisation.pk}/"
        )
        sales_client.get(target)  # warm the per-request caches the same way both times
        with CaptureQueriesContext(connection) as captured:
            assert sales_client.get(target).status_code == 200
        return len(captured)

    small = queries()
    for n in range(5, 50):
        lead = subscriber(f"reader{n}@harlow.com", f"Reader {n}")
        ContentEvent.objects.create(
            profile=lead.profiles.get(), asset=assets[n % 3], kind="view", created_at=timezone.now()
        )
    assert organisation.people.count() == 50
    large = queries()
    assert large == small, (small, large)


def test_the_sales_ready_rules_state_the_contact_cadence(sales_client):
    rules = ProfilingSettings.load()
    rules.contact_cadence_days = 21
    rules.save()
    page = sales_client.get("/admin/sales-ready-rules/").content.decode()
    assert "one contact per organisation every 21 days" in page
