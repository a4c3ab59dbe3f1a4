import pytest
from wagtail.models import Page, Site

from buyingstages.common.addresses import public_host_and_port
from tests.factories import AssetIndexPageFactory, BuyingStageFactory, HomePageFactory


@pytest.fixture
def home(db):
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="keelstone")
    hostname, port = public_host_and_port()  # the site's public address, as migrate sets it
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": hostname, "port": port, "root_page": home, "site_name": "Keelstone"},
    )
    return home


@pytest.fixture
def library(home):
    return AssetIndexPageFactory(parent=home)


@pytest.fixture
def stages(db):
    """The default journey, in order: epiphany .. advocacy."""
    names = [
        "Epiphany",
        "Awareness",
        "Interest",
        "Evaluation",
        "Purchase",
        "First 90 days",
        "Advocacy",
    ]
    return [
        BuyingStageFactory(name=name, slug=name.lower().replace(" ", "-"), sort_order=order)
        for order, name in enumerate(names)
    ]


@pytest.fixture
def make_user(db):
    """A user in one of the role groups: make_user("Editors")."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    def make(group_name, username=None):
        user = get_user_model().objects.create_user(username or group_name.lower(), password="pw")
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


@pytest.fixture
def editor_client(client, make_user):
    """A test client signed in as a member of the Editors group."""
    client.force_login(make_user("Editors", "editor"))
    return client


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (rendered ICS events, site root paths)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
