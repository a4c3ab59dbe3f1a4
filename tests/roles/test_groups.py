import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page

from buyingstages.taxonomy.models import BuyingStage

pytestmark = pytest.mark.django_db


def user_in(group_name):
    user = get_user_model().objects.create_user(group_name.lower(), password="pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_roles_exist_as_groups():
    assert {"Editors", "Sales", "Administrators"} <= set(
        Group.objects.values_list("name", flat=True)
    )


def test_editors_publish_pages_and_manage_the_taxonomy(home):
    editor = user_in("Editors")
    permissions = home.permissions_for_user(editor)
    assert permissions.can_publish() and permissions.can_edit()
    assert editor.has_perm("wagtailadmin.access_admin")
    for model in ("buyingstage", "persona", "segment", "topic"):
        assert editor.has_perm(f"taxonomy.change_{model}")


def test_sales_see_the_admin_but_cannot_edit_pages_or_the_taxonomy(home):
    sales = user_in("Sales")
    assert sales.has_perm("wagtailadmin.access_admin")
    assert not home.permissions_for_user(sales).can_edit()
    assert not sales.has_perm("taxonomy.change_buyingstage")


def test_administrators_can_do_everything(home):
    admin = user_in("Administrators")
    assert admin.has_perm("auth.change_user")
    assert Page.get_first_root_node().permissions_for_user(admin).can_publish_subpage()


def test_editor_can_add_a_buying_stage_in_the_admin(client):
    client.force_login(user_in("Editors"))
    response = client.post(
        "/admin/taxonomy/stages/add/",
        {
            "name": "Renewal",
            "slug": "renewal",
            "question": "Should we renew?",
            "description": "",
            "policy": "never_gated",
        },
    )
    assert response.status_code == 302
    assert BuyingStage.objects.get(slug="renewal").question == "Should we renew?"


def test_sales_cannot_reach_the_taxonomy_admin(client):
    client.force_login(user_in("Sales"))
    assert client.get("/admin/taxonomy/stages/").status_code == 302  # to the dashboard, refused
    response = client.post(
        "/admin/taxonomy/stages/add/",
        {"name": "X", "slug": "x", "question": "?", "policy": "optional"},
    )
    assert response.status_code == 302
    assert not BuyingStage.objects.filter(slug="x").exists()


def test_editors_manage_calendar_types_and_statuses_and_sales_do_not():
    editor, sales = user_in("Editors"), user_in("Sales")
    for model in ("entrytype", "status"):
        for action in ("add", "change", "delete", "view"):
            assert editor.has_perm(f"calendar.{action}_{model}")
            assert not sales.has_perm(f"calendar.{action}_{model}")
