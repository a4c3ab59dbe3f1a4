"""Invisible control codes pasted from word processors never reach the data, the feeds or the decks."""

import io

import pytest
from pptx import Presentation

from buyingstages.models import Persona, Subscription
from publishing import decks
from publishing.models import SalesDeck
from tests.factories import AssetPageFactory, TopicFactory

pytestmark = pytest.mark.django_db

SOFT_BREAK, PAGE_BREAK, BELL = "\x0b", "\x0c", "\x07"


def test_a_subscriber_name_pasted_with_a_soft_line_break_is_stored_clean(client, home):
    topic = TopicFactory(name="Scheduling")
    response = client.post(
        "/subscribe/",
        {
            "name": f"Ann{SOFT_BREAK}Lee{BELL}",
            "email": "ann@example.com",
            "topics": [topic.pk],
            "cadence": "weekly",
            "consent": "on",
        },
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
