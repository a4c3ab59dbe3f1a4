"""Routing, private sections and the library's reading order are kept per content version, never stale."""

import re
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from buyingstages import content_version
from buyingstages.models import ReaderSurvey
from tests.factories import AssetPageFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def uncached_pages(settings):
    settings.MASTHEAD_PAGE_CACHE_SECONDS = (
        0  # what the route table does, not what the page cache hides
    )


@pytest.fixture
def topic():
    return TopicFactory(name="Plant data integration")


@pytest.fixture
def asset(library, stages, topic):
    return AssetPageFactory(
        parent=library, title="Why plants miss their plan", stage=stages[0], topics=[topic]
    )


def tables_read(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [
        match.group(1) if (match := re.search(r'FROM "(\w+)"', query["sql"])) else query["sql"]
        for query in queries
    ]


def test_a_page_served_again_is_loaded_in_one_query_without_the_site_or_tree_walk(client, asset):
    first = tables_read(client, asset.url)
    again = tables_read(client, asset.url)

    assert "wagtailcore_site" in first
    assert "wagtailcore_site" not in again
    assert "wagtailcore_pageviewrestriction" not in again
    pages = [table for table in again if table in ("wagtailcore_page", "buyingstages_assetpage")]
    assert pages == ["buyingstages_assetpage"]  # the asset itself (it has no next step to show)
    assert len(again) < len(first)


def test_an_unpublished_page_is_gone_on_the_next_request(client, asset):
    assert client.get(asset.url).status_code == 200
    asset.unpublish()
    assert client.get(asset.url).status_code == 404


def test_a_renamed_page_answers_at_its_new_address_and_the_old_one_is_forgotten(client, asset):
    old_url = asset.url
    assert client.get(old_url).status_code == 200
    asset.slug = "why-plans-miss"
    asset.save_revision().publish()

    assert client.get("/library/why-plans-miss/").status_code == 200
    assert client.get(old_url).status_code != 200


def test_the_library_link_follows_the_library_when_it_moves(client, library, asset):
    assert b'href="/library/"' in client.get(asset.url).content
    library.slug = "reading"
    library.save_revision().publish()

    page = client.get(f"/reading/{asset.slug}/")
    assert page.status_code == 200
    assert b'href="/reading/"' in page.content
    assert b'href="/library/"' not in page.content


@pytest.mark.parametrize("page_cache_seconds", [0, 600])
def test_a_section_made_private_is_private_on_the_next_request(
    client,
    settings,
    library,
    asset,
    stages,
    topic,
    page_cache_seconds,
    django_capture_on_commit_callbacks,
):
    settings.MASTHEAD_PAGE_CACHE_SECONDS = page_cache_seconds
    private = AssetPageFactory(
        parent=library, title="Our price list", stage=stages[1], topics=[topic]
    )
    assert client.get(private.url).status_code == 200
    assert b"Our price list" in client.get(asset.url).content  # as the next step
    assert b"Our price list" in client.get(library.url).content

    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.LOGIN
        )

    response = client.get(private.url)
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert b"Our price list" not in client.get(asset.url).content
    assert b"Our price list" not in client.get(library.url).content

    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert client.get(private.url).status_code == 200
    assert b"Our price list" in client.get(asset.url).content


def test_a_restriction_to_groups_is_enforced_once_its_groups_change(client, library, asset):
    restriction = PageViewRestriction.objects.create(
        page=library, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Customers"))
    assert client.get(asset.url).status_code == 302


def test_next_steps_follow_what_is_published(client, library, asset, stages, topic):
    assert b"Keep reading" in client.get(asset.url).content
    later = AssetPageFactory(
        parent=library, title="What a fix costs", stage=stages[2], topics=[topic]
    )
    assert b"What a fix costs" in client.get(asset.url).content

    nearer = AssetPageFactory(
        parent=library, title="Is it the data?", stage=stages[1], topics=[topic]
    )
    content = client.get(asset.url).content
    assert b"Is it the data?" in content
    assert b"What a fix costs" not in content  # only the nearest later stage

    nearer.unpublish()
    content = client.get(asset.url).content
    assert b"What a fix costs" in content
    assert b"Is it the data?" not in content
    later.unpublish()
    assert b"Keep reading" in client.get(asset.url).content


def test_a_request_reads_the_content_version_from_the_cache_once(
    client, library, asset, stages, topic
):
    """Site, route, restrictions, reading order, library and frame all ask; one round trip answers."""
    AssetPageFactory(parent=library, stage=stages[1], topics=[topic])
    client.get(asset.url)
    with mock.patch.object(LocMemCache, "get", autospec=True, side_effect=LocMemCache.get) as get:
        assert client.get(asset.url).status_code == 200
    version_reads = [call for call in get.call_args_list if call.args[1] == content_version.KEY]
    assert len(version_reads) == 1


def test_a_publish_within_a_request_is_seen_by_the_rest_of_that_request():
    token = content_version.current()
    with content_version.pinned(token):
        content_version.bump("published")
        assert content_version.current() != token
        assert content_version.current() == cache.get(content_version.KEY)


def test_the_newest_active_survey_is_asked_and_follows_every_change(client, asset):
    assert b"data-survey" not in client.get(asset.url).content
    first = ReaderSurvey.objects.create(
        question="What brought you here?", choices="Search\nA friend"
    )
    first.pages.add(asset)
    assert b"What brought you here?" in client.get(asset.url).content

    newer = ReaderSurvey.objects.create(
        question="Who do you work for?", choices="A plant\nA vendor"
    )
    newer.pages.add(asset)
    content = client.get(asset.url).content
    assert b"Who do you work for?" in content
    assert b"What brought you here?" not in content

    newer.active = False
    newer.save()
    assert b"What brought you here?" in client.get(asset.url).content
    first.pages.remove(asset)
    assert b"data-survey" not in client.get(asset.url).content
