"""Organisations come only from the e-mail domains people gave: free mail never groups anyone,
editors merge domains that belong together and mark one "do not group"."""

import pytest
from django.core.management import call_command

from buyingstages.audience.free_mail import domain_of, never_groups
from buyingstages.audience.models import Lead, Organisation, OrganisationDomain
from buyingstages.audience.models.organisations import group_ungrouped
from tests.listings import listing_rows
from tests.people import confirmed_subscriber as person

pytestmark = pytest.mark.django_db


def test_people_at_one_company_domain_share_an_organisation():
    ana, ben = person("ana@harlow.com"), person("Ben@HARLOW.com")
    assert ana.organisation is not None
    assert ben.organisation == ana.organisation
    assert ana.organisation.name == "Harlow"
    assert list(ana.organisation.domains.values_list("domain", flat=True)) == ["harlow.com"]


@pytest.mark.parametrize(
    "email",
    [
        "ana@gmail.com",
        "ana@outlook.com",
        "ana@hotmail.co.uk",
        "ana@yahoo.com",
        "ana@mail.yahoo.co.uk",
        "ana@icloud.com",
        "ana@proton.me",
        "ana@gmx.de",
        "ana@web.de",
        "ana@orange.fr",
        "ana@btinternet.com",
        "ana@comcast.net",
        "ana@qq.com",
        "ana@example.com",
        "ana@shop.test",
    ],
)
def test_free_mail_isp_and_reserved_domains_never_group_anyone(email):
    first, second = person(email), person("other." + email)
    assert first.organisation is None and second.organisation is None
    assert not Organisation.objects.exists()


def test_a_company_domain_that_merely_contains_a_provider_name_groups():
    assert not never_groups("acme.com")  # ends like "me.com", is not it
    assert not never_groups("olive.com")  # ends like "live.com"
    assert never_groups("me.com") and never_groups("")
    assert domain_of("Ana <x>") == "" and domain_of("ana@Harlow.com.") == "harlow.com"


def test_merging_moves_domains_and_people_into_one_organisation():
    ana, ben = person("ana@harlow.com"), person("ben@harlow-components.co.uk")
    harlow, components = ana.organisation, ben.organisation
    assert harlow != components
    components.merge_into(harlow)
    ben.refresh_from_db()
    assert ben.organisation == harlow
    assert not Organisation.objects.filter(pk=components.pk).exists()
    assert set(harlow.domains.values_list("domain", flat=True)) == {
        "harlow.com",
        "harlow-components.co.uk",
    }
    # Someone new at the merged domain joins the one organisation.
    assert person("cleo@harlow-components.co.uk").organisation == harlow


def test_an_organisation_cannot_be_merged_into_itself():
    harlow = person("ana@harlow.com").organisation
    with pytest.raises(ValueError):
        harlow.merge_into(harlow)


def test_do_not_group_ungroups_its_people_and_groups_nobody_new():
    ana = person("ana@uni.ac.uk")
    uni = ana.organisation
    uni.do_not_group = True
    uni.save()
    ana.refresh_from_db()
    assert ana.organisation is None
    assert person("ben@uni.ac.uk").organisation is None
    assert Organisation.objects.count() == 1  # the domain stays known, so it is not made again
    uni.do_not_group = False
    uni.save()
    assert set(uni.people.values_list("email", flat=True)) == {"ana@uni.ac.uk", "ben@uni.ac.uk"}


def test_a_domain_added_by_an_editor_brings_its_people(admin_client):
    harlow = person("ana@harlow.com").organisation
    ben = person("ben@harlow.de")
    pending = Lead.objects.create(email="pat@harlow.de", name="Pat")  # never confirmed
    Organisation.objects.get(domains__domain="harlow.de").delete()  # ungrouped, consenting
    OrganisationDomain.objects.create(organisation=harlow, domain="Harlow.DE")
    harlow.save()  # as the admin's edit form does after saving the inline domains
    ben.refresh_from_db(), pending.refresh_from_db()
    assert ben.organisation == harlow
    assert pending.organisation is None


def test_a_subscribe_request_makes_no_organisation_until_the_address_is_confirmed(client):
    """Anyone can type ceo@target.com into the form: that must not make, or join, "Target"."""
    from buyingstages.audience import subscriptions

    subscription = subscriptions.request_subscription(
        "Someone", "ceo@target.com", [], "monthly", "E-mail me"
    )
    Lead.objects.create(email="cfo@target.com", name="Typed into a form")
    assert not Organisation.objects.exists()
    assert Lead.objects.get(email="ceo@target.com").organisation is None
    subscriptions.confirm(subscriptions.confirm_token(subscription))
    ceo, cfo = Lead.objects.get(email="ceo@target.com"), Lead.objects.get(email="cfo@target.com")
    assert ceo.organisation.name == "Target"
    assert cfo.organisation is None
    assert group_ungrouped() == 0  # the unconfirmed address is not grouped later either


def test_the_editors_list_counts_only_people_who_gave_consent(client, make_user):
    client.force_login(make_user("Editors", "editor"))
    harlow = person("ana@harlow.com").organisation
    person("ben@harlow.com").subscription.delete()  # consent gone, still grouped in the database
    Lead.objects.create(email="pat@harlow.com", name="Pat", organisation=harlow)  # never confirmed
    assert harlow.people.count() == 3
    response = client.get("/admin/organisations/")
    [row] = [row for row in response.context["object_list"] if row.pk == harlow.pk]
    assert row.people_count == 1


def test_grouping_existing_people_is_idempotent():
    ana, ben, gmail = person("ana@harlow.com"), person("ben@harlow.com"), person("cleo@gmail.com")
    pending = Lead.objects.create(email="pat@harlow.com", name="Pat")  # never confirmed
    Lead.objects.update(organisation=None)
    Organisation.objects.all().delete()
    assert group_ungrouped() == 2
    assert group_ungrouped() == 0
    call_command("group_leads", verbosity=0)
    assert Organisation.objects.count() == 1
    ana.refresh_from_db(), ben.refresh_from_db(), gmail.refresh_from_db(), pending.refresh_from_db()
    assert ana.organisation == ben.organisation and gmail.organisation is None
    assert pending.organisation is None


def test_editors_merge_in_the_admin_and_bad_input_writes_nothing(client, make_user):
    client.force_login(make_user("Editors", "editor"))
    harlow = person("ana@harlow.com").organisation
    components = person("ben@harlow-components.co.uk").organisation
    url = f"/admin/organisations/merge/{components.pk}/"
    assert client.get(url).status_code == 200
    refused = client.post(url, {"into": "not a number"})
    assert refused.status_code == 200 and b"Select a valid choice" in refused.content
    assert Organisation.objects.count() == 2
    response = client.post(url, {"into": harlow.pk})
    assert response.status_code == 302
    assert Organisation.objects.get().pk == harlow.pk


def test_editors_cannot_add_a_free_mail_domain(client, make_user):
    client.force_login(make_user("Editors", "editor"))
    harlow = person("ana@harlow.com").organisation
    data = {
        "name": "Harlow",
        "domains-TOTAL_FORMS": "2",
        "domains-INITIAL_FORMS": "1",
        "domains-MIN_NUM_FORMS": "1",
        "domains-MAX_NUM_FORMS": "1000",
        "domains-0-id": harlow.domains.get().pk,
        "domains-0-domain": "harlow.com",
        "domains-0-ORDER": "1",
        "domains-0-DELETE": "",
        "domains-1-id": "",
        "domains-1-domain": "gmail.com",
        "domains-1-ORDER": "2",
        "domains-1-DELETE": "",
    }
    response = client.post(f"/admin/organisations/edit/{harlow.pk}/", data)
    assert response.status_code == 200
    assert b"never grouped" in response.content
    assert list(harlow.domains.values_list("domain", flat=True)) == ["harlow.com"]


def test_the_editors_list_marks_only_the_organisations_not_grouped(client, make_user):
    """A red cross on every ordinary organisation read like an error: only the exception is marked."""
    client.force_login(make_user("Editors", "editor"))
    person("ana@harlow.com")
    uni = person("cleo@uni.ac.uk").organisation
    uni.do_not_group = True
    uni.save()
    response = client.get("/admin/organisations/")
    grouping = {row["Name"]: row["Grouping"] for row in listing_rows(response)}
    assert grouping == {"Harlow": "", uni.name: "Not grouped"}
