"""A subscriber changes topics and cadence from the signed link in any e-mail: no sign-in, nothing
written on a bad link, and re-subscribing an active address sends that link without the page telling."""

import re
import time
from unittest import mock

import pytest
from django.core import mail, signing
from django.test import Client

from buyingstages.audience import subscriptions
from buyingstages.audience.models import Subscription
from tests.audience.test_subscriptions import confirm, link_in, subscribe
from tests.factories import AssetPageFactory, TopicFactory
from tests.people import as_a_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def topics():
    return [
        TopicFactory(name="Operational resilience", slug="operational-resilience"),
        TopicFactory(name="Data residency", slug="data-residency"),
        TopicFactory(name="Plant uptime", slug="plant-uptime"),
    ]


@pytest.fixture
def subscriber(client, topics, django_capture_on_commit_callbacks):
    """Ana, confirmed, weekly on the first topic; her confirmation e-mail is in the outbox."""
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, topics[0])
    confirm(client, mail.outbox[0])
    return Subscription.objects.get()


def choices(subscription):
    subscription.refresh_from_db()
    return sorted(topic.name for topic in subscription.topics.all()), subscription.cadence


def test_the_link_in_an_email_changes_topics_and_cadence(client, topics, subscriber):
    url = link_in(mail.outbox[0], "preferences")
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200 and page["Cache-Control"].startswith("max-age=0")
    assert "ana@example.com" in html
    assert re.search(rf'value="{topics[0].pk}"[^>]*checked', html)
    assert not re.search(rf'value="{topics[1].pk}"[^>]*checked', html)
    assert re.search(r'value="weekly"[^>]*checked', html)

    response = client.post(
        url, as_a_person({"topics": [topics[1].pk, topics[2].pk], "cadence": "monthly"})
    )
    assert response.status_code == 200 and "Saved" in response.content.decode()
    assert choices(subscriber) == (["Data residency", "Plant uptime"], "monthly")
    assert subscriber.is_active  # the consent and the confirmation stand


def test_the_page_offers_unsubscribing(client, subscriber):
    html = client.get(link_in(mail.outbox[0], "preferences")).content.decode()
    unsubscribe = link_in(mail.outbox[0], "unsubscribe")
    assert f'action="{unsubscribe}"' in html
    client.post(unsubscribe)
    subscriber.refresh_from_db()
    assert not subscriber.is_active


def test_the_form_is_csrf_protected_like_the_other_public_forms(topics, subscriber):
    browser = Client(enforce_csrf_checks=True)
    url = link_in(mail.outbox[0], "preferences")
    html = browser.get(url).content.decode()
    data = as_a_person({"topics": [topics[2].pk], "cadence": "monthly"})
    assert browser.post(url, data).status_code == 403
    assert choices(subscriber) == (["Operational resilience"], "weekly")

    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    assert browser.post(url, {**data, "csrfmiddlewaretoken": token}).status_code == 200
    assert choices(subscriber) == (["Plant uptime"], "monthly")


def forged(subscription):
    return signing.dumps(
        [subscription.pk, subscription.consented_at.isoformat()], salt="somewhere.else"
    )


def expired(subscription):
    long_ago = time.time() - subscriptions.PREFERENCES_MAX_AGE - 60
    with mock.patch("time.time", return_value=long_ago):
        return subscriptions.preferences_token(subscription)


@pytest.mark.parametrize(
    ("token", "message"),
    [
        (lambda subscription: "garbage", "not valid"),
        (forged, "not valid"),
        (subscriptions.confirm_token, "not valid"),  # another kind of link cannot stand in
        (subscriptions.unsubscribe_token, "not valid"),
        (expired, "expired"),
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_bad_or_expired_link_is_400_and_writes_nothing(
    client, topics, subscriber, token, message, method
):
    url = f"/subscribe/preferences/{token(subscriber)}/"
    response = getattr(client, method)(
        url, as_a_person({"topics": [topics[2].pk], "cadence": "monthly"})
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert choices(subscriber) == (["Operational resilience"], "weekly")


def test_after_unsubscribing_the_link_changes_nothing(client, topics, subscriber):
    url = link_in(mail.outbox[0], "preferences")
    client.post(link_in(mail.outbox[0], "unsubscribe"))
    response = client.post(url, as_a_person({"topics": [topics[2].pk], "cadence": "monthly"}))
    assert response.status_code == 400 and "unsubscribed" in response.content.decode()
    assert choices(subscriber) == (["Operational resilience"], "weekly")


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"cadence": "monthly"}, "Choose at least one topic"),
        ({"topics": ["999999"], "cadence": "monthly"}, "valid choice"),
        ({"topics": ["9" * 40], "cadence": "monthly"}, "valid value"),
        ({"cadence": "hourly"}, "valid choice"),
    ],
)
def test_a_bad_choice_is_400_and_writes_nothing(client, topics, subscriber, data, error):
    response = client.post(link_in(mail.outbox[0], "preferences"), as_a_person(data))
    assert response.status_code == 400 and error in response.content.decode()
    assert choices(subscriber) == (["Operational resilience"], "weekly")


def test_a_bot_is_answered_like_a_person_and_nothing_is_written(client, topics, subscriber):
    url = link_in(mail.outbox[0], "preferences")
    response = client.post(url, {"topics": [topics[2].pk], "cadence": "monthly"})  # sent at once
    assert response.status_code == 200 and "Saved" in response.content.decode()
    assert choices(subscriber) == (["Operational resilience"], "weekly")


# Re-subscribing --------------------------------------------------------------------------------


def test_resubscribing_an_active_address_sends_the_preferences_link_and_the_page_does_not_tell(
    client, topics, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        new = subscribe(client, topics[0])
    confirm(client, mail.outbox[0])
    with django_capture_on_commit_callbacks(execute=True):
        again = subscribe(client, topics[1], cadence="monthly")

    assert again.status_code == new.status_code == 200
    assert again.content == new.content  # the page says the same whether the address was known
    message = mail.outbox[-1]
    assert message.subject == "You are already subscribed"
    assert "/subscribe/confirm/" not in message.body
    subscription = Subscription.objects.get()
    assert choices(subscription) == (
        ["Operational resilience"],
        "weekly",
    )  # the form is not applied

    url = link_in(message, "preferences")
    client.post(url, as_a_person({"topics": [topics[1].pk], "cadence": "monthly"}))
    assert choices(subscription) == (["Data residency"], "monthly")


def test_every_subscriber_email_carries_the_preferences_link(
    client, library, stages, topics, subscriber, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, topics[0])
    AssetPageFactory(parent=library, stage=stages[0], topics=[topics[0]])
    subscriptions.send_digests()
    assert [message.subject for message in mail.outbox] == [
        "Please confirm your subscription",
        "You are already subscribed",
        "New for you: 1 piece on your topics",
    ]
    for message in mail.outbox:
        assert client.get(link_in(message, "preferences")).status_code == 200
        [(html, _)] = message.alternatives
        assert f'href="http://testserver{link_in(message, "preferences")}"' in html
