"""A CRM syncs leads by when they last changed (``/api/leads/?updated_since=``): every way a person
leaves or joins an organisation, or comes out from behind it to the inbox, moves that time, so the
CRM's next sync carries their organisation, ``shown_on_organisation`` and reason as they are now."""

import datetime

import pytest
from django.utils import timezone

from buyingstages.audience.models import Lead, Organisation, OrganisationDomain
from buyingstages.audience.models.organisations import group_ungrouped
from buyingstages.crm.models import ApiToken
from tests.people import confirmed_subscriber as person

pytestmark = pytest.mark.django_db


def ready(lead):
    lead.refresh_from_db()
    lead.mark_sales_ready("Interest score 40")
    lead.refresh_from_db()
    return lead


@pytest.fixture
def seller(make_user):
    return make_user("Sales", "seller")


@pytest.fixture
def crm(client, make_user):
    """The CRM's sync: ``crm.last_synced()`` stands for a sync that took everything up to an hour
    ago; ``crm.changes()`` is its next sync, every page of leads changed since."""
    token = ApiToken(name="CRM sync", created_by=make_user("Administrators", "admin"))
    secret = token.generate()
    token.save()

    class Sync:
        since = None

        def last_synced(self):
            self.since = timezone.now() - datetime.timedelta(hours=1)
            Lead.objects.update(updated_at=self.since - datetime.timedelta(hours=1))

        def changes(self):
            leads, cursor = {}, None
            while True:
                query = {
                    "updated_since": self.since.isoformat(),
                    **({"cursor": cursor} if cursor else {}),
                }
                response = client.get("/api/leads/", query, HTTP_AUTHORIZATION=f"Bearer {secret}")
                assert response.status_code == 200
                body = response.json()
                leads.update({lead["email"]: lead for lead in body["items"]})
                cursor = body["next_cursor"]
                if not body["has_more"]:
                    return leads

    return Sync()


def test_a_crm_syncing_after_the_conversation_ended_sees_who_came_to_the_inbox(seller, crm):
    ana, ben = person("ana@harlow.com", "Ana"), person("ben@harlow.com", "Ben")
    ready(ana).accept(seller)
    assert ready(ben).shown_on_organisation
    crm.last_synced()
    assert crm.changes() == {}

    Lead.objects.get(pk=ana.pk).return_to_nurturing(seller, "No project this year")

    changes = crm.changes()
    assert set(changes) == {"ana@harlow.com", "ben@harlow.com"}
    ben = changes["ben@harlow.com"]
    assert ben["state"] == "sales_ready" and not ben["shown_on_organisation"]
    assert ben["ready_reason"] == "Interest score 40"
    assert ben["organisation"] == "harlow.com"


def test_a_crm_sees_people_leave_a_group_merged_into_one_that_does_not_group(seller, crm):
    ana, ben = person("ana@harlow.com", "Ana"), person("ben@harlow.com", "Ben")
    ready(ana).accept(seller)
    ready(ben)
    host = Organisation.objects.create(name="Mail host", do_not_group=True)
    OrganisationDomain.objects.create(organisation=host, domain="mailhost.net")
    crm.last_synced()

    Organisation.objects.get(name="Harlow").merge_into(host)

    changes = crm.changes()
    assert set(changes) == {"ana@harlow.com", "ben@harlow.com"}
    assert [changes[email]["organisation"] for email in sorted(changes)] == [None, None]
    assert not changes["ben@harlow.com"]["shown_on_organisation"]


def test_a_crm_sees_people_join_when_their_organisation_groups_again(crm):
    person("ana@harlow.com", "Ana")
    harlow = Organisation.objects.get()
    harlow.do_not_group = True
    harlow.save()
    crm.last_synced()

    harlow.do_not_group = False
    harlow.save()

    assert crm.changes()["ana@harlow.com"]["organisation"] == "harlow.com"


def test_a_crm_sees_people_grouped_after_the_fact(crm):
    """``group_ungrouped`` (manage.py group_leads) puts existing people in their group."""
    person("ana@harlow.com", "Ana")
    Lead.objects.update(organisation=None)  # people from before organisations were kept
    crm.last_synced()
    assert crm.changes() == {}

    assert group_ungrouped() == 1

    assert crm.changes()["ana@harlow.com"]["organisation"] == "harlow.com"
