import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from publishing.calendar.models import CalendarEntry, Status
from tests.factories import CalendarEntryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer(make_user):
    user = make_user("Editors", "writer")
    user.email = "writer@example.com"
    user.save()
    return user


def entry_form(stage, owner, title="Peer panel"):
    return {
        "title": title, "brief": "", "stage": stage.pk, "format": "", "length": "", "channel": "website",
        "owner": owner.pk if owner else "", "status": Status.objects.get(slug="idea").pk,
        "publish_at": "", "draft_due": "", "review_due": "",
    }  # fmt: skip


def test_the_owner_is_emailed_when_assigned_and_only_then(client, make_user, writer, stages):
    client.force_login(make_user("Editors", "planner"))
    response = client.post("/admin/calendar/entries/new/", entry_form(stages[1], writer))
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["writer@example.com"]
    assert "Peer panel" in message.subject and "/admin/calendar/entries/edit/" in message.body

    entry = CalendarEntry.objects.get()
    client.post(
        f"/admin/calendar/entries/edit/{entry.pk}/", entry_form(stages[1], writer, "Renamed")
    )
    assert CalendarEntry.objects.get().title == "Renamed"
    assert len(mail.outbox) == 1


def test_assigning_yourself_sends_nothing(client, writer, stages):
    client.force_login(writer)
    client.post("/admin/calendar/entries/new/", entry_form(stages[1], writer))
    assert CalendarEntry.objects.exists()
    assert mail.outbox == []


def test_due_soon_digest_lists_what_falls_due_per_owner(writer, stages, make_user):
    today = timezone.localdate()
    soon = CalendarEntryFactory(
        title="Draft soon",
        stage=stages[0],
        owner=writer,
        draft_due=today + datetime.timedelta(days=2),
    )
    CalendarEntryFactory(
        title="Later", stage=stages[0], owner=writer, draft_due=today + datetime.timedelta(days=20)
    )
    CalendarEntryFactory(
        title="Done",
        stage=stages[0],
        owner=writer,
        status=Status.objects.get(slug="published"),
        review_due=today,
    )
    CalendarEntryFactory(title="Nobody's", stage=stages[0], draft_due=today)

    out = io.StringIO()
    call_command("send_due_reminders", "--days", "3", stdout=out)
    assert "Sent 1 reminder e-mail." in out.getvalue()

    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert soon.title in body and "Later" not in body and "Done" not in body
    assert mail.outbox[0].to == ["writer@example.com"]


def test_due_reminders_refuse_silly_ranges():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("send_due_reminders", "--days", "0")
