"""Campaign links: an asset's address with readable UTM parameters, made in the Sales library and
from the asset's admin page, and rendered from the same cached page as the bare address."""

import pytest

from buyingstages.sales.views import CampaignLinkForm
from cms.caching.page_cache import variant_of
from tests.factories import AssetPageFactory, CampaignFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    return CampaignFactory(name="Spring push", slug="spring-push")


@pytest.fixture
def asset(library, stages, campaign):
    page = AssetPageFactory(parent=library, stage=stages[1], slug="uptime-guide")
    page.campaigns = [campaign]
    page.save_revision().publish()
    return page


def test_a_link_reads_as_the_campaign_and_where_it_was_posted(campaign):
    link = campaign.link("https://example.com/assets/uptime/", "linkedin", "social", "banner")
    assert link == (
        "https://example.com/assets/uptime/?utm_source=linkedin&utm_medium=social"
        "&utm_campaign=spring-push&utm_content=banner"
    )


def test_a_link_keeps_other_parameters_and_replaces_old_utm_ones(campaign):
    link = campaign.link("https://example.com/a/?lang=fr&utm_campaign=old#top", "news", "email")
    assert link == (
        "https://example.com/a/?lang=fr&utm_source=news&utm_medium=email&utm_campaign=spring-push#top"
    )


def test_a_salesperson_makes_a_campaign_link_for_an_asset(client, make_user, asset):
    client.force_login(make_user("Sales", "sam"))
    response = client.get(
        f"/admin/sales/library/{asset.pk}/campaign-link/",
        {"campaign": asset.campaigns.get().pk, "medium": "email", "source": "Partner Acme"},
    )
    assert response.status_code == 200
    assert response.context["link"] == (
        f"{asset.full_url}?utm_source=partner-acme&utm_medium=email&utm_campaign=spring-push"
    )
    assert "data-copy-link" in response.content.decode()


def test_the_library_offers_a_campaign_link_beside_the_share_link(client, make_user, asset):
    client.force_login(make_user("Sales", "sam"))
    html = client.get("/admin/sales/library/").content.decode()
    assert f"/admin/sales/library/{asset.pk}/campaign-link/" in html


def test_the_asset_admin_page_offers_a_campaign_link(client, make_user, asset):
    client.force_login(make_user("Editors", "eddie"))
    html = client.get(f"/admin/pages/{asset.pk}/edit/").content.decode()
    assert f"/admin/sales/library/{asset.pk}/campaign-link/" in html


@pytest.mark.parametrize(
    "words",
    [
        {"source": "news letter!"},
        {"source": ""},
        {"source": "x" * 41},
        {"content": "<b>"},
        {"medium": "carrier-pigeon"},
        {"campaign": "999999"},
        {"campaign": "spring"},
    ],
)
def test_bad_words_make_no_link_and_say_why(client, make_user, asset, campaign, words):
    client.force_login(make_user("Sales", "sam"))
    query = {"campaign": campaign.pk, "medium": "email", "source": "newsletter", **words}
    response = client.get(f"/admin/sales/library/{asset.pk}/campaign-link/", query)
    assert response.status_code == 200
    assert response.context["link"] == ""
    assert response.context["form"].errors


def test_no_link_to_an_asset_that_is_not_live(client, make_user, library, stages):
    draft = AssetPageFactory(parent=library, stage=stages[1], live=False)
    client.force_login(make_user("Sales", "sam"))
    assert client.get(f"/admin/sales/library/{draft.pk}/campaign-link/").status_code == 404


def test_the_page_cache_serves_one_rendering_whatever_the_utm_words(rf):
    bare = rf.get("/uptime-guide/")
    tagged = rf.get("/uptime-guide/?utm_source=x&utm_medium=email&utm_campaign=spring-push")
    assert variant_of(bare) == variant_of(tagged)


def test_the_form_normalises_readable_words():
    form = CampaignLinkForm({"campaign": "", "medium": "email", "source": " Email Signature "})
    form.is_valid()
    assert form.cleaned_data["source"] == "email-signature"
