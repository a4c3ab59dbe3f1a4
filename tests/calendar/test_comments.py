"""Editorial comments on an entry; an @mention e-mails the person mentioned."""

import pytest
from django.core import mail

from publishing.calendar.models import EntryComment
from tests.factories import CalendarEntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleagues(make_user):
    people = {}
    for group, name in (("Editors", "writer"), ("Sales", "seller"), ("Editors", "away")):
        person = make_user(group, name)
        person.email = f"{name}@example.com"
        person.save()
        people[name] = person
    people["away"].is_active = False
    people["away"].save()
    return people


def test_a_mention_emails_the_person_mentioned_once(editor_client, stages, colleagues):
    entry = CalendarEntryFactory(stage=stages[1], title="Peer panel")
    response = editor_client.post(
        f"/admin/calendar/comments/{entry.pk}/",
        {"text": "@writer can you take the intro? cc @Writer, @nobody and @away."},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/admin/calendar/entries/edit/{entry.pk}/#comments")
    assert [message.to for message in mail.outbox] == [["writer@example.com"]]
    message = mail.outbox[0]
    assert "mentioned you" in message.subject and "Peer panel" in message.subject
    assert "can you take the intro?" in message.body
    assert f"/admin/calendar/entries/edit/{entry.pk}/#comments" in message.body
    comment = EntryComment.objects.get()
    assert comment.entry == entry and comment.author.get_username() == "editor"
    page = editor_client.get(f"/admin/calendar/entries/edit/{entry.pk}/").content.decode()
    assert "can you take the intro?" in page


def test_sales_can_be_mentioned_as_they_read_the_calendar(editor_client, stages, colleagues):
    entry = CalendarEntryFactory(stage=stages[1])
    editor_client.post(f"/admin/calendar/comments/{entry.pk}/", {"text": "@seller is this right?"})
    assert [message.to for message in mail.outbox] == [["seller@example.com"]]


def test_mentioning_yourself_or_an_email_address_tells_nobody(editor_client, stages, colleagues):
    entry = CalendarEntryFactory(stage=stages[1])
    editor_client.post(
        f"/admin/calendar/comments/{entry.pk}/",
        {"text": "Note to @editor: mail writer@example.com"},
    )
    assert mail.outbox == []


@pytest.mark.parametrize("text", ["", "   ", "x" * 4001])
def test_an_empty_or_huge_comment_is_refused_and_nothing_is_written(editor_client, stages, text):
    entry = CalendarEntryFactory(stage=stages[1])
    response = editor_client.post(f"/admin/calendar/comments/{entry.pk}/", {"text": text})
    assert response.status_code == 400
    assert "Write a comment" in response.content.decode()
    assert not EntryComment.objects.exists()


def test_sales_cannot_comment_and_a_missing_entry_is_404(client, editor_client, make_user, stages):
    entry = CalendarEntryFactory(stage=stages[1])
    assert editor_client.post("/admin/calendar/comments/999999/", {"text": "hi"}).status_code == 404
    client.force_login(make_user("Sales", "sally"))
    refused = client.post(f"/admin/calendar/comments/{entry.pk}/", {"text": "hi"})
    assert refused.status_code == 302 and refused["Location"] == "/admin/"  # the admin refuses
    assert not EntryComment.objects.exists()
