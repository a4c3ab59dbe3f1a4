"""Nobody stays "shown on the organisation" with nobody at Sales to see them: erasing a person,
ungrouping, removing a domain, deleting or merging an organisation all reconsider the group
(``Organisation.reconsider``), and every move of a lead works on the organisation's locked, re-read row."""

import pytest

from buyingstages.audience import privacy
from buyingstages.audience.models import Lead, Organisation, OrganisationDomain
from tests.people import confirmed_subscriber as person

pytestmark = pytest.mark.django_db


def ready(lead):
    lead.refresh_from_db()
    lead.mark_sales_ready("Read the pricing page")
    lead.refresh_from_db()
    return lead


def in_inbox(*leads):
    return [lead.email for lead in Lead.objects.to_chase().filter(pk__in=[x.pk for x in leads])]


def shown(lead):
    lead.refresh_from_db()
    return lead.shown_on_organisation


@pytest.fixture
def seller(make_user):
    return make_user("Sales", "seller")


@pytest.fixture
def holder_and_waiting(seller):
    """Ana is with Sales; Ben became ready after, so he is shown on Harlow, not in the inbox."""
    ana, ben = person("ana@harlow.com"), person("ben@harlow.com")
    ready(ana).accept(seller)
    assert shown(ready(ben))
    return ana, ben


@pytest.fixture
def waiting_and_shown():
    """Ana waits in the inbox; Ben, ready after her, is shown on Harlow."""
    ana, ben = ready(person("ana@harlow.com")), person("ben@harlow.com")
    assert shown(ready(ben)) and not shown(ana)
    return ana, ben


def test_erasing_the_person_in_conversation_ends_it_and_brings_the_next_to_the_inbox(
    holder_and_waiting,
):
    ana, ben = holder_and_waiting
    privacy.erase(ana)
    harlow = Organisation.objects.get()
    assert harlow.in_conversation_with is None
    assert not shown(ben) and in_inbox(ben) == ["ben@harlow.com"]


def test_erasing_the_person_waiting_in_the_inbox_brings_the_next_there(waiting_and_shown):
    ana, ben = waiting_and_shown
    privacy.erase(ana)
    assert in_inbox(ben) == ["ben@harlow.com"]


def test_marking_do_not_group_puts_everyone_hidden_there_back_in_the_inbox(waiting_and_shown):
    ana, ben = waiting_and_shown
    harlow = ana.organisation
    harlow.do_not_group = True
    harlow.save()
    ben.refresh_from_db()
    assert ben.organisation is None and not ben.shown_on_organisation
    assert sorted(in_inbox(ana, ben)) == ["ana@harlow.com", "ben@harlow.com"]


def test_removing_the_domain_of_the_person_in_conversation_brings_the_next_to_the_inbox(seller):
    ana = person("ana@harlow.com")
    harlow = ana.organisation
    OrganisationDomain.objects.create(organisation=harlow, domain="harlow.de")
    ben = person("ben@harlow.de")
    assert ben.organisation == harlow
    ready(ana).accept(seller)
    assert shown(ready(ben))
    harlow.domains.get(domain="harlow.com").delete()
    harlow.save()  # as the admin's edit form does after saving the inline domains
    harlow.refresh_from_db()
    assert harlow.in_conversation_with is None
    assert in_inbox(ben) == ["ben@harlow.de"]


def test_deleting_an_organisation_leaves_nobody_shown_on_it(waiting_and_shown):
    ana, ben = waiting_and_shown
    ana.organisation.delete()
    assert sorted(in_inbox(ana, ben)) == ["ana@harlow.com", "ben@harlow.com"]


def test_a_merge_keeps_at_most_one_person_of_the_group_in_the_inbox():
    ana = ready(person("ana@harlow.com"))
    ben = ready(person("ben@harlow-components.co.uk"))
    assert sorted(in_inbox(ana, ben)) == ["ana@harlow.com", "ben@harlow-components.co.uk"]
    ben.organisation.merge_into(ana.organisation)
    assert in_inbox(ana, ben) == ["ana@harlow.com"]  # ready first
    assert shown(ben)


def test_a_merge_of_a_waiting_person_into_a_conversation_that_ended_surfaces_them(seller):
    ana, ben = person("ana@harlow.com"), person("ben@harlow-components.co.uk")
    cleo = person("cleo@harlow-components.co.uk")
    ready(ben).accept(seller)
    assert shown(ready(cleo))
    components = ben.organisation
    privacy.erase(ben)  # the conversation there ends; Cleo comes to the inbox
    assert in_inbox(cleo) == ["cleo@harlow-components.co.uk"]
    components.refresh_from_db()
    components.merge_into(ana.organisation)
    assert in_inbox(cleo) == ["cleo@harlow-components.co.uk"]


# The locked, re-read row ------------------------------------------------------------------------


def test_starting_a_conversation_re_reads_who_holds_it(make_user):
    harlow = person("ana@harlow.com").organisation
    stale = Organisation.objects.get(pk=harlow.pk)
    first, second = make_user("Sales", "first"), make_user("Sales", "second")
    Organisation.objects.get(pk=harlow.pk).start_conversation(first)
    stale.start_conversation(second)  # read before the first salesperson took someone
    harlow.refresh_from_db()
    assert harlow.in_conversation_with == first


def test_surfacing_re_reads_whether_someone_holds_the_conversation(seller):
    ana, ben = ready(person("ana@harlow.com")), person("ben@harlow.com")
    stale = Organisation.objects.get(pk=ana.organisation_id)  # read before Ana was taken
    ana.accept(seller)
    assert shown(ready(ben))
    stale.surface_waiting_people()
    assert shown(ben)  # Sam holds the conversation: Ben stays shown on Harlow


def test_returning_a_lead_works_on_the_re_read_organisation(seller):
    """A lead holding an old copy of its organisation still ends the conversation it really holds."""
    ana, ben = ready(person("ana@harlow.com")), person("ben@harlow.com")
    ana = Lead.objects.select_related("organisation").get(pk=ana.pk)  # the organisation, unheld
    Lead.objects.get(pk=ana.pk).accept(seller)
    assert shown(ready(ben))
    ana.refresh_from_db(fields=["state"])
    ana.return_to_nurturing(seller, "Not now")
    assert Organisation.objects.get().in_conversation_with is None
    assert in_inbox(ben) == ["ben@harlow.com"]
