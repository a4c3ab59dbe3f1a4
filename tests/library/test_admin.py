import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from buyingstages.audience.models import ProfilingSettings
from buyingstages.library.models import AssetPage
from tests.factories import AssetPageFactory, PersonaFactory, TopicFactory

pytestmark = pytest.mark.django_db


def listed_titles(response):
    return {page.title for page in response.context["pages"]}


def test_editors_find_assets_due_for_review(editor_client, library, stages):
    today = datetime.date.today()
    AssetPageFactory(
        parent=library, title="Stale", stage=stages[0], review_by=today.replace(year=today.year - 1)
    )
    AssetPageFactory(
        parent=library, title="Fresh", stage=stages[0], review_by=today.replace(year=today.year + 1)
    )

    everything = editor_client.get("/admin/assets/")
    due = editor_client.get("/admin/assets/", {"review_due": "on"})

    assert everything.status_code == 200
    assert listed_titles(everything) == {"Stale", "Fresh"}
    assert listed_titles(due) == {"Stale"}


def test_editors_filter_assets_by_stage(editor_client, library, stages):
    AssetPageFactory(parent=library, title="Early", stage=stages[0])
    AssetPageFactory(parent=library, title="Late", stage=stages[6])
    response = editor_client.get("/admin/assets/", {"stage": stages[6].pk})
    assert listed_titles(response) == {"Late"}


def test_editor_creates_and_tags_an_asset_in_the_page_editor(editor_client, library, stages):
    persona = PersonaFactory(name="Head of Data")
    topic = TopicFactory(name="Data governance")
    data = nested_form_data(
        {
            "title": "Who owns the plant data?",
            "slug": "who-owns-the-plant-data",
            "format": "article",
            "summary": "A practical answer.",
            "stage": stages[1].pk,
            "topics": '"Data governance"',
            "body": streamfield(
                [("section", {"heading": "Start here", "content": rich_text("<p>Owners.</p>")})]
            ),
            "downloads": inline_formset([]),
            "signal_weight": 0,
            "action-publish": "Publish",
        }
    )
    data["personas"] = [persona.pk]
    response = editor_client.post(f"/admin/pages/add/library/assetpage/{library.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors
    asset = AssetPage.objects.get(slug="who-owns-the-plant-data")
    assert asset.live
    assert asset.stage == stages[1]
    assert list(asset.personas.all()) == [persona]
    assert list(asset.topics.all()) == [topic]


@pytest.mark.parametrize(("group", "can_edit"), [("Sales", False), ("Editors", True)])
def test_sales_ready_rules_are_shown_to_sales_and_editors(client, group, can_edit, library, stages):
    user = get_user_model().objects.create_user(group.lower(), password="pw")
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    AssetPageFactory(parent=library, title="Coverage map", stage=stages[3], signal_weight=35)
    response = client.get("/admin/sales-ready-rules/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Coverage map" in html and "(strong)" in html
    assert ("Change the rules" in html) is can_edit
    rules = ProfilingSettings.load()
    settings_page = client.get(f"/admin/settings/audience/profilingsettings/{rules.pk}/")
    assert (settings_page.status_code == 200) is can_edit
