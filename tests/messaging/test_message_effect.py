"""Before publishing a message, editors see its whole effect: parts, pages and slides, old beside new."""

import datetime

import pytest
from django.template.defaultfilters import date as format_date
from django.test import Client
from django.utils import timezone

from publishing.messaging import effects
from publishing.messaging.models import SalesDeck
from tests.messaging.story import NEW, OLD

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(home, message):
    home.story = [{"type": "message", "value": {"message": message.pk, "parts": ["headline"]}}]
    home.save_revision().publish()
    return home


def deck(message, slug, parts, run_on_commit):
    slides = [
        {"type": "text_slide", "value": {"title": "Why now", "text": "Costs are rising"}},
        {"type": "message_slide", "value": {"message": message.pk, "parts": parts}},
    ]
    deck = SalesDeck(slug=slug, title=f"Deck {slug}", slides=slides)
    with run_on_commit():
        deck.save()
    return deck


@pytest.fixture
def decks(message, run_on_commit):
    return (
        deck(message, "shows-headline", [], run_on_commit),
        deck(message, "shows-job", ["job"], run_on_commit),
    )


def edit_headline(message, **fields):
    draft = message.get_latest_revision_as_object()
    draft.headline = NEW
    for name, value in fields.items():
        setattr(draft, name, value)
    return draft.save_revision()


def test_the_effect_lists_the_part_the_pages_and_only_the_slides_that_change(message, page, decks):
    shows_headline, shows_job = decks
    edit_headline(message)

    effect = effects.effect_of_publishing(message)

    assert [(c.label, c.old, c.new) for c in effect.parts] == [
        ("Headline value statement", OLD, NEW)
    ]
    assert "<del>Plants hit their plan more often.</del>" in effect.parts[0].old_html
    assert [(p.page.pk, p.parts, [(c.old, c.new) for c in p.changes]) for p in effect.pages] == [
        (page.pk, ["Headline value statement"], [(OLD, NEW)])
    ]
    assert [d.deck for d in effect.decks] == [shows_headline]
    [slide] = effect.decks[0].slides
    assert slide.number == 3  # the title slide, the text slide, then the message
    assert slide.old.startswith(OLD) and slide.new.startswith(NEW)


def test_the_admin_view_shows_old_beside_new_with_changed_words_marked(
    editor_client, message, page, decks
):
    edit_headline(message)
    body = editor_client.get(f"/admin/messages/{message.pk}/effect/").content.decode()
    assert "<ins>Every plant runs on one trusted schedule.</ins>" in body
    assert f'data-effect-page="{page.pk}"' in body
    assert 'data-effect-deck="shows-headline"' in body
    assert "Slide 3" in body
    assert 'data-effect-deck="shows-job"' not in body


def test_the_edit_view_links_to_the_effect(editor_client, message):
    body = editor_client.get(f"/admin/messages/edit/{message.pk}/").content.decode()
    assert f'href="/admin/messages/{message.pk}/effect/"' in body


def test_a_draft_scheduled_for_later_is_shown_with_its_go_live_time(editor_client, message, decks):
    go_live = timezone.now() + datetime.timedelta(days=2)
    edit_headline(message, go_live_at=go_live)
    body = editor_client.get(f"/admin/messages/{message.pk}/effect/").content.decode()
    assert "data-go-live" in body
    assert format_date(timezone.localtime(go_live), "j F Y H:i") in body
    assert "<ins>Every plant runs on one trusted schedule.</ins>" in body


def test_an_embargoed_draft_is_shown_to_editors_labelled(editor_client, message, decks):
    lift = timezone.now() + datetime.timedelta(days=3)
    edit_headline(message, embargo_until=lift)
    body = editor_client.get(f"/admin/messages/{message.pk}/effect/").content.decode()
    assert "data-embargo" in body
    assert 'data-effect-deck="shows-headline"' in body


def test_a_message_without_draft_changes_changes_nothing(editor_client, message, page, decks):
    body = editor_client.get(f"/admin/messages/{message.pk}/effect/").content.decode()
    assert "Publishing this changes nothing" in body
    assert effects.effect_of_publishing(message).changes_nothing


def test_sales_and_anonymous_cannot_see_the_effect(client, make_user, message):
    url = f"/admin/messages/{message.pk}/effect/"
    assert client.get(url).url.startswith("/admin/login/")
    sales = Client()
    sales.force_login(make_user("Sales", "sam"))
    assert sales.get(url).url == "/admin/"
