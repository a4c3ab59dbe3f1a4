"""Every stage's data-capture policy means something on the live site, and nothing gets round it."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from buyingstages.audience.models import MinimalFormPage
from buyingstages.library.models import AssetDownload
from buyingstages.taxonomy.models import DataCapturePolicy
from tests.factories import AssetPageFactory
from tests.test_private_files import document

pytestmark = pytest.mark.django_db

NEVER, OPTIONAL, SALES_LED, CUSTOMERS = (
    DataCapturePolicy.NEVER_GATED,
    DataCapturePolicy.OPTIONAL,
    DataCapturePolicy.SALES_LED,
    DataCapturePolicy.CUSTOMERS_ONLY,
)


@pytest.fixture
def stage(stages):
    def with_policy(policy):
        stage = stages[{NEVER: 0, OPTIONAL: 2, SALES_LED: 4, CUSTOMERS: 5}[policy]]
        stage.policy = policy
        stage.save()
        return stage

    return with_policy


@pytest.fixture
def form_page(home):
    return home.add_child(instance=MinimalFormPage(title="E-mail me this", slug="email-me-this"))


@pytest.mark.parametrize("policy", [NEVER, SALES_LED, CUSTOMERS])
def test_only_an_optional_stage_may_offer_a_form(library, stage, form_page, policy):
    with pytest.raises(ValidationError) as refused:
        AssetPageFactory(parent=library, stage=stage(policy), offered_form=form_page)
    assert "offer no form" in str(refused.value)
    AssetPageFactory(parent=library, stage=stage(OPTIONAL), offered_form=form_page)


def test_a_stage_made_never_gated_stops_its_assets_offering_forms_at_once(
    client, library, stage, form_page
):
    interest = stage(OPTIONAL)
    asset = AssetPageFactory(parent=library, stage=interest, offered_form=form_page)
    assert "E-mail me this" in client.get(asset.url).content.decode()

    interest.policy = NEVER
    interest.save()

    html = client.get(asset.url).content.decode()
    assert "E-mail me this" not in html and asset.title in html


def privacy(editor_client, page, restriction_type="password"):
    return editor_client.post(
        f"/admin/pages/{page.pk}/privacy/",
        {"restriction_type": restriction_type, "password": "customers", "groups": []},
    )


@pytest.mark.parametrize("policy", [NEVER, OPTIONAL, SALES_LED])
def test_the_admin_offers_no_privacy_for_an_asset_that_must_stay_open(
    editor_client, library, stage, policy
):
    asset = AssetPageFactory(parent=library, stage=stage(policy))
    modal = editor_client.get(f"/admin/pages/{asset.pk}/privacy/").json()["html"]
    assert "lets anyone read" in modal and "Customers only" in modal
    privacy(editor_client, asset)
    assert not PageViewRestriction.objects.exists()


def test_a_customers_only_asset_may_ask_for_a_password(editor_client, library, stage):
    asset = AssetPageFactory(parent=library, stage=stage(CUSTOMERS))
    privacy(editor_client, asset)
    assert PageViewRestriction.objects.get().page_id == asset.pk


def test_a_section_holding_open_assets_cannot_be_made_private(editor_client, home, library, stage):
    AssetPageFactory(parent=library, stage=stage(CUSTOMERS))
    open_asset = AssetPageFactory(parent=library, stage=stage(NEVER))
    for section in (library, home):
        privacy(editor_client, section)
    assert not PageViewRestriction.objects.exists()

    open_asset.unpublish()
    privacy(editor_client, library)
    assert PageViewRestriction.objects.get().page_id == library.pk


def test_an_open_asset_cannot_be_published_into_a_private_section(library, stage):
    asset = AssetPageFactory(parent=library, stage=stage(CUSTOMERS))
    library.view_restrictions.create(restriction_type="password", password="customers")  # noqa: S106
    asset.stage = stage(NEVER)
    with pytest.raises(ValidationError) as refused:
        asset.save_revision().publish()
    assert "is private" in str(refused.value)


def test_a_stage_cannot_drop_customers_only_while_its_assets_are_private(
    editor_client, library, stage
):
    customers = stage(CUSTOMERS)
    asset = AssetPageFactory(parent=library, stage=customers)
    asset.view_restrictions.create(restriction_type="login")
    response = editor_client.post(
        f"/admin/taxonomy/stages/edit/{customers.pk}/",
        {"name": customers.name, "slug": customers.slug, "question": "How?", "policy": NEVER},
    )
    assert response.status_code == 200
    assert "Make them public first" in response.content.decode()
    customers.refresh_from_db()
    assert customers.policy == CUSTOMERS


def test_an_open_asset_offers_no_download_from_a_private_collection(library, stage):
    private = Collection.get_first_root_node().add_child(name="Customer files")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    runbook = document("runbook")
    runbook.collection = private
    runbook.save()
    asset = AssetPageFactory(parent=library, stage=stage(NEVER))
    AssetDownload.objects.create(page=asset, document=runbook)
    with pytest.raises(ValidationError) as refused:
        asset.save_revision().publish()
    assert "private collection" in str(refused.value)
