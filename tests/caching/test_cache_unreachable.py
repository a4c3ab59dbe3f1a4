"""With the shared cache unreachable, readers are still served and their reading is still stored.

Two real caches that fail: a Redis client pointed at a port where nothing listens (every call fails the
way it does when the Redis server is down or the network to it is cut), and the embedded cache with
its files overwritten under it (as a failing or full disk leaves them).
"""

import json

import pytest
from django.core import mail
from django.core.cache import caches

from buyingstages.audience.models import ContentEvent, Subscription
from tests.factories import AssetPageFactory, TopicFactory
from tests.people import as_a_person, reading_event

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0"
NOBODY_LISTENS = "redis://127.0.0.1:9/0"


@pytest.fixture(params=["Redis unreachable", "embedded cache's files broken"])
def cache_down(request, settings, tmp_path):
    if request.param == "Redis unreachable":
        settings.CACHES = {
            "default": {
                "BACKEND": "cms.caching.backends.FailSafeRedisCache",
                "LOCATION": NOBODY_LISTENS,
                "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
            }
        }
    else:
        settings.CACHES = {
            "default": {"BACKEND": "cms.caching.backends.EmbeddedCache", "LOCATION": str(tmp_path)}
        }
        caches["default"].set("anything", "kept")
        for database in tmp_path.rglob("cache.db*"):
            database.write_bytes(b"not a database" * 1000)
    caches["default"].set("anything", "kept")
    assert caches["default"].get("anything") is None  # it is down


@pytest.fixture
def asset(library, stages):
    topic = TopicFactory(name="Uptime", slug="uptime")
    return AssetPageFactory(parent=library, stage=stages[1], topics=[topic])


def test_public_pages_are_served_uncached(client, cache_down, home, library, asset, stages):
    for url in (
        "/",
        library.url,
        asset.url,
        f"{library.url}stage/{stages[1].slug}/",
        f"{library.url}topic/uptime/",
        f"{library.url}topic/uptime/feed/rss/",
        "/subscribe/",
        "/privacy/",
        "/sitemap.xml",
        "/search/?q=plan",
    ):
        for _ in range(2):  # and again: nothing was kept
            response = client.get(url)
            assert response.status_code == 200, url
            assert response.get("X-Masthead-Cache") != "hit", url


def test_the_beacon_stores_the_event(client, cache_down, asset):
    body = reading_event(asset.pk)
    response = client.post(
        "/t/", json.dumps(body), content_type="application/json", HTTP_USER_AGENT=BROWSER
    )
    assert response.status_code == 204
    assert ContentEvent.objects.filter(asset=asset).count() == 1


def test_the_subscribe_and_privacy_forms_work(
    client, cache_down, asset, django_capture_on_commit_callbacks
):
    topic = asset.topic_list[0]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/subscribe/",
            as_a_person(
                {
                    "name": "Ana",
                    "email": "ana@example.com",
                    "topics": [topic.pk],
                    "cadence": "weekly",
                    "consent": "on",
                }
            ),
        )
    assert response.status_code == 200
    assert Subscription.objects.filter(lead__email="ana@example.com").exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/privacy/", as_a_person({"email": "ana@example.com", "action": "export"})
        )
    assert response.status_code in (200, 302)
    assert len(mail.outbox) == 2
