"""Bots get the same thank-you as people, and nothing is stored or sent."""

import time

import pytest
from django.core import mail
from wagtail.contrib.forms.models import FormSubmission

from buyingstages.audience.models import Lead, MinimalFormPage, Subscription
from buyingstages.common.bots import shown_token
from tests.factories import TopicFactory
from tests.people import as_a_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic(home):
    return TopicFactory(name="Scheduling")


def subscription(topic, email="ana@example.com"):
    return {
        "name": "Ana Ruiz",
        "email": email,
        "topics": [topic.pk],
        "cadence": "weekly",
        "consent": "on",
    }


BOTS = {
    "fills the hidden field": lambda data: as_a_person({**data, "website": "https://spam.example"}),
    "posts the instant the page loads": lambda data: {**data, "shown": shown_token()},
    "posts without loading the form": lambda data: data,
    "forges the moment shown": lambda data: {**data, "shown": str(time.time() - 60)},
}


def visible_text(response):
    """What the reader sees: the page without the tokens that differ on every rendering."""
    html = response.content.decode()
    return html.split("<main", 1)[-1].split("</main>", 1)[0]


@pytest.mark.parametrize("bot", BOTS)
def test_a_bot_subscribing_is_thanked_like_a_person_and_nothing_is_kept(
    client, topic, bot, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        person = client.post("/subscribe/", as_a_person(subscription(topic)))
    assert Subscription.objects.count() == 1 and len(mail.outbox) == 1

    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post("/subscribe/", BOTS[bot](subscription(topic)))

    assert answer.status_code == person.status_code == 200
    assert visible_text(answer) == visible_text(person)
    assert Subscription.objects.count() == 1 and len(mail.outbox) == 1


def test_a_bot_sending_a_broken_form_is_thanked_too(client, topic):
    answer = client.post("/subscribe/", {"email": "not an address", "website": "x"})
    assert answer.status_code == 200
    assert "Check your inbox" in answer.content.decode()
    assert not Lead.objects.exists()


@pytest.mark.parametrize("bot", BOTS)
def test_a_bot_asking_for_someone_s_data_is_answered_and_nothing_is_sent(
    client, home, bot, django_capture_on_commit_callbacks
):
    Lead.objects.create(name="Ana", email="ana@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            "/privacy/", BOTS[bot]({"email": "ana@example.com", "action": "erase"})
        )
    assert answer.status_code == 200
    assert "we have e-mailed it a link" in answer.content.decode()
    assert mail.outbox == []


@pytest.mark.parametrize("bot", BOTS)
def test_a_bot_filling_a_form_page_gets_its_thank_you_and_nothing_is_stored(client, home, bot):
    page = home.add_child(
        instance=MinimalFormPage(
            title="E-mail me this",
            slug="email-me-this",
            thank_you_text="<p>Thank you, it is on its way.</p>",
        )
    )

    answer = client.post(
        page.url, BOTS[bot]({"name": "Ana", "email": "ana@example.com", "consent": "on"})
    )

    assert answer.status_code == 200
    assert "Thank you, it is on its way." in answer.content.decode()
    assert not FormSubmission.objects.exists() and not Lead.objects.exists()

    client.post(page.url, as_a_person({"name": "Ana", "email": "ana@example.com", "consent": "on"}))
    assert FormSubmission.objects.get().form_data["email"] == "ana@example.com"


def test_the_form_a_person_sees_carries_the_trap_and_the_moment_shown(client, topic):
    html = client.get("/subscribe/").content.decode()
    assert 'name="shown"' in html and 'type="hidden"' in html
    assert 'aria-hidden="true"' in html and 'name="website"' in html
