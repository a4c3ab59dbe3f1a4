"""The three roles as people meet them: an administrator who is not a superuser may do everything,
Wagtail's own areas and models added after the roles were made included."""

import pytest
from django.contrib.auth.models import Permission

pytestmark = pytest.mark.django_db


def test_an_administrator_may_do_everything(client, make_user):
    chief = make_user("Administrators", "chief")
    assert not chief.is_superuser
    client.force_login(chief)
    for area in ("/admin/redirects/", "/admin/users/", "/admin/forms/", "/admin/calendar-types/"):
        assert client.get(area).status_code == 200, area
    missing = [
        f"{permission.content_type.app_label}.{permission.codename}"
        for permission in Permission.objects.select_related("content_type")
        if not chief.has_perm(f"{permission.content_type.app_label}.{permission.codename}")
    ]
    assert missing == []
