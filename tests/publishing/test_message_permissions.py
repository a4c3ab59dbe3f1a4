"""Who may open the message, deck and report URLs: each role, with the exact answer."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from publishing.models import Message, SalesDeck

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "visitor", "sales", "editor", "admin")
LOGIN, HOME = "login", "home"

MATRIX = [
    ("/sales/decks/{deck}.pptx", [LOGIN, 403, 200, 200, 200]),
    ("/sales/decks/{deck}/", [LOGIN, 403, 200, 200, 200]),
    ("/sales/decks/{draft}.pptx", [LOGIN, 403, 404, 200, 200]),
    ("/admin/deck-check/", [LOGIN, LOGIN, 200, 200, 200]),
    ("/admin/message-consistency/", [LOGIN, LOGIN, HOME, 200, 200]),
    ("/admin/messages/", [LOGIN, LOGIN, HOME, 200, 200]),
    ("/admin/messages/edit/{message}/", [LOGIN, LOGIN, HOME, 200, 200]),
    ("/admin/messages/usage/{message}/", [LOGIN, LOGIN, HOME, 200, 200]),
    ("/admin/decks/", [LOGIN, LOGIN, 200, 200, 200]),
    ("/admin/decks/edit/{deck_pk}/", [LOGIN, LOGIN, HOME, 200, 200]),
    ("/admin/decks/{deck_pk}/draft-preview/", [LOGIN, LOGIN, HOME, 200, 200]),
    ("/admin/deck-templates/", [LOGIN, LOGIN, HOME, 200, 200]),
    ("/admin/deck-templates/add/", [LOGIN, LOGIN, HOME, 200, 200]),
]


@pytest.fixture
def objects(django_capture_on_commit_callbacks):
    message = Message(name="Core story", headline="Plants hit plan.", job="Cuts downtime.")
    message.save()
    with django_capture_on_commit_callbacks(execute=True):
        message.save_revision().publish()
    slides = [{"type": "message_slide", "value": {"message": message.pk, "parts": []}}]
    with django_capture_on_commit_callbacks(execute=True):
        deck = SalesDeck.objects.create(slug="first", title="First", slides=slides)
        SalesDeck.objects.create(slug="draft", title="Draft", slides=slides, is_draft=True)
    return {"message": message.pk, "deck": "first", "draft": "draft", "deck_pk": deck.pk}


def outcome(response):
    if response.status_code != 302:
        return response.status_code
    if response["Location"].startswith(reverse("wagtailadmin_login")):
        return LOGIN
    return HOME if response["Location"] == reverse("wagtailadmin_home") else 302


@pytest.mark.parametrize("role", ROLES)
def test_message_and_deck_urls_answer_each_role_as_agreed(role, client, make_user, objects):
    if role == "visitor":
        client.force_login(get_user_model().objects.create_user("reader", password="pw"))
    elif role != "anonymous":
        group = {"sales": "Sales", "editor": "Editors", "admin": "Administrators"}[role]
        client.force_login(make_user(group, role))
    column = ROLES.index(role)
    wrong = {}
    for url, expected in MATRIX:
        got = outcome(client.get(url.format(**objects)))
        if got != expected[column]:
            wrong[url] = (got, expected[column])
    assert not wrong, f"{role}: (got, expected) {wrong}"
