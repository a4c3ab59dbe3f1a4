"""Invisible control codes pasted from word processors never reach the data, the feeds or the decks."""

import io

import pytest
from django.core import mail
from pptx import Presentation
from wagtail.contrib.forms.models import FormSubmission

from buyingstages.audience.models import Lead, MinimalFormPage, Subscription
from buyingstages.sales.tasks import notify_sales_ready
from buyingstages.taxonomy.models import Persona
from publishing.messaging import rendering as decks
from publishing.messaging.models import SalesDeck
from tests.factories import AssetPageFactory, TopicFactory
from tests.people import as_a_person

pytestmark = pytest.mark.django_db

SOFT_BREAK, PAGE_BREAK, BELL = "\x0b", "\x0c", "\x07"


def test_a_subscriber_name_pasted_with_a_soft_line_break_is_stored_clean(client, home):
    topic = TopicFactory(name="Scheduling")
    response = client.post(
        "/subscribe/",
        as_a_person(
            {
                "name": f"Ann{SOFT_BREAK}Lee{BELL}",
                "email": "ann@example.com",
                "topics": [topic.pk],
                "cadence": "weekly",
                "consent": "on",
            }
        ),
    )
    assert response.status_code in (200, 302)
    assert Subscription.objects.get().lead.name == "Ann Lee"


def test_an_editor_pasting_control_codes_into_the_admin_gets_clean_text(editor_client):
    response = editor_client.post(
        "/admin/taxonomy/personas/add/",
        {
            "name": f"Plant{SOFT_BREAK}manager{PAGE_BREAK}",
            "slug": "plant-manager",
            "description": f"Runs{BELL} a plant",
        },
    )
    assert response.status_code == 302
    persona = Persona.objects.get(slug="plant-manager")
    assert (persona.name, persona.description) == ("Plant manager", "Runs a plant")


def test_topic_feeds_survive_control_codes_already_in_the_data(client, library, stages):
    topic = TopicFactory(name=f"Sched{BELL}uling", slug="scheduling")
    AssetPageFactory(
        parent=library,
        stage=stages[0],
        title=f"Soft{SOFT_BREAK}break",
        summary=f"Page{PAGE_BREAK}break",
        topics=[topic],
    )
    for feed in ("rss", "atom"):
        response = client.get(f"{library.url}topic/scheduling/feed/{feed}/")
        assert response.status_code == 200
        assert "Soft break" in response.content.decode()


def test_a_deck_titled_with_a_control_code_still_renders(db):
    deck = SalesDeck(slug="first", title=f"First{SOFT_BREAK}meeting", slides=[])
    deck.save()
    rendering = decks.render(deck)
    with rendering.file.open("rb") as file:
        presentation = Presentation(io.BytesIO(file.read()))
    assert presentation.core_properties.title == "First meeting"


def test_a_form_that_is_not_utf8_is_refused_and_writes_nothing(client, home):
    topic = TopicFactory(name="Scheduling")
    body = f"name=Ann%FFLee&email=ann%40example.com&topics={topic.pk}&cadence=weekly&consent=on"
    response = client.post("/subscribe/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert "UTF-8" in response.content.decode()
    assert not Subscription.objects.exists()


def test_the_beacon_still_reads_its_own_body_whatever_the_content_type(client, library, stages):
    response = client.post("/t/", {"v": "x"})  # multipart, as a form would send
    assert response.status_code == 400
    assert "JSON" in response.json()["error"]


def test_an_incomplete_message_or_deck_form_gets_a_form_error_not_a_server_error(editor_client):
    for url in ("/admin/messages/add/", "/admin/decks/add/"):
        response = editor_client.post(url, {"name": "Core story", "title": "First meeting"})
        assert response.status_code == 200, url
        assert "arrived incomplete" in response.content.decode()


# What XML cannot carry, and line breaks in one-line fields ------------------------------------

NONCHARACTER = "\uffff"


def test_an_editor_typing_a_noncharacter_gets_clean_text(editor_client):
    response = editor_client.post(
        "/admin/taxonomy/personas/add/",
        {"name": f"Plant{NONCHARACTER} manager", "slug": "plant-manager", "description": "Runs"},
    )
    assert response.status_code == 302
    assert Persona.objects.get(slug="plant-manager").name == "Plant manager"


def test_a_deck_whose_text_holds_a_noncharacter_still_renders_every_word(db):
    """Text saved before the cleaning (or by a script) cannot stop a deck from rendering."""
    deck = SalesDeck(
        slug="odd",
        title="Odd text",
        slides=[
            ("text_slide", {"title": f"Why{NONCHARACTER} now", "text": f"One{NONCHARACTER}\nTwo"})
        ],
    )
    deck.save()
    rendering = decks.render(deck)
    with rendering.file.open("rb") as file:
        presentation = Presentation(io.BytesIO(file.read()))
    words = [
        shape.text_frame.text
        for slide in presentation.slides
        for shape in slide.shapes
        if shape.has_text_frame
    ]
    assert "Why now" in words and "One\nTwo" in words


def test_a_line_break_in_a_form_page_name_is_refused_with_a_reason(client, home):
    page = home.add_child(instance=MinimalFormPage(title="E-mail me this", slug="email-me-this"))

    response = client.post(
        page.url,
        as_a_person(
            {"name": "Ana\nBcc: all@example.com", "email": "ana@example.com", "consent": "on"}
        ),
    )

    assert "Please write this on one line." in response.content.decode()
    assert not Lead.objects.exists() and not FormSubmission.objects.exists()


def test_a_name_stored_with_a_line_break_still_reaches_sales(db, make_user):
    """A lead from before the check: its e-mail subject is written on one line."""
    sales = make_user("Sales", "sam")
    sales.email = "sam@example.com"
    sales.save()
    lead = Lead.objects.create(name="Ana\nRuiz", email="ana@example.com")

    notify_sales_ready.enqueue(lead.pk)

    assert [message.subject for message in mail.outbox] == ["Sales-ready: Ana Ruiz"]
