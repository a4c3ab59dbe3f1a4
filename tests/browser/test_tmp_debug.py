import pytest


@pytest.mark.browser
@pytest.mark.parametrize("i", [1, 2])
def test_dbg(live_server, transactional_db, django_db_serialized_rollback, i):
    from wagtail.models import Locale, Page, Site

    print(
        "PAGES",
        i,
        list(Page.objects.values_list("depth", "title")),
        Site.objects.count(),
        Locale.objects.count(),
    )
