"""Forms, privacy requests and sign-in are rate-limited: 429 with Retry-After, and nothing written."""

import pytest

from buyingstages.audience.models import Lead, MinimalFormPage, Subscription
from tests.people import as_a_person

pytestmark = pytest.mark.django_db


def post_until_limited(client, url, data, allowed):
    for attempt in range(allowed):
        response = client.post(url, data)
        assert response.status_code != 429, f"limited too early, at post {attempt + 1}"
    return client.post(url, data)


def assert_limited(response):
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Too many tries" in response.content.decode()


def test_sign_in_is_limited_per_address(client, django_user_model):
    django_user_model.objects.create_user("editor", password="right")
    limited = post_until_limited(
        client, "/admin/login/", {"username": "editor", "password": "wrong"}, allowed=10
    )
    assert_limited(limited)
    # Even the right password waits until the window has passed.
    assert (
        client.post("/admin/login/", {"username": "editor", "password": "right"}).status_code == 429
    )


def test_sign_in_is_limited_per_username_across_addresses(client, django_user_model):
    django_user_model.objects.create_user("editor", password="right")
    for number in range(10):
        client.post(
            "/admin/login/",
            {"username": "editor", "password": "wrong"},
            REMOTE_ADDR=f"10.0.0.{number}",
        )
    assert_limited(
        client.post(
            "/admin/login/", {"username": "editor", "password": "x"}, REMOTE_ADDR="10.9.9.9"
        )
    )


def test_subscribing_is_limited_and_a_limited_post_writes_nothing(client, home):
    data = as_a_person(
        {"name": "Ana", "email": "a@example.com", "cadence": "monthly", "consent": "on"}
    )
    limited = post_until_limited(client, "/subscribe/", data, allowed=10)
    assert_limited(limited)
    before = Subscription.objects.count()
    client.post("/subscribe/", {**data, "email": "new@example.com"})
    assert Subscription.objects.count() == before
    assert not Lead.objects.filter(email="new@example.com").exists()


def test_privacy_requests_are_limited(client, home):
    limited = post_until_limited(
        client, "/privacy/", {"email": "a@example.com", "action": "export"}, allowed=5
    )
    assert_limited(limited)


def test_minimal_forms_are_limited(client, home):
    page = home.add_child(instance=MinimalFormPage(title="E-mail me this", slug="email-me"))
    limited = post_until_limited(client, page.url, {"email": "a@example.com"}, allowed=10)
    assert_limited(limited)
    assert client.get(page.url).status_code == 200  # reading is never limited


# Behind a load balancer ------------------------------------------------------------------------

BALANCER = "10.0.0.2"


def privacy_request(client, forwarded_for):
    return client.post(
        "/privacy/",
        as_a_person({"email": "ana@example.com", "action": "export"}),
        REMOTE_ADDR=BALANCER,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_behind_a_proxy_each_client_has_its_own_limit(client, home, settings):
    settings.MASTHEAD_CLIENT_ADDRESS_HEADER = "X-Forwarded-For"
    for _ in range(5):
        assert privacy_request(client, "203.0.113.7").status_code == 200
    assert privacy_request(client, "203.0.113.7").status_code == 429
    # Everyone else comes through the same balancer, and is not held back by that client.
    assert privacy_request(client, "198.51.100.20").status_code == 200


def test_a_client_cannot_escape_its_limit_by_making_up_the_header(client, home, settings):
    """Only the entry the site's own proxy added counts; what the client put before it does not."""
    settings.MASTHEAD_CLIENT_ADDRESS_HEADER = "X-Forwarded-For"
    statuses = [
        privacy_request(client, f"192.0.2.{attempt}, 203.0.113.7").status_code
        for attempt in range(6)
    ]
    assert statuses == [200] * 5 + [429]
    assert privacy_request(client, "not an address, also not").status_code == 200  # the balancer's


def test_without_a_proxy_the_header_is_ignored(client, home):
    statuses = [privacy_request(client, f"192.0.2.{attempt}").status_code for attempt in range(6)]
    assert statuses == [200] * 5 + [429]
