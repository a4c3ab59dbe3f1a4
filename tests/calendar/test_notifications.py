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


def at(day, hour=9):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def test_a_series_is_due_on_each_occurrence_in_the_period_not_on_its_first_day(writer, stages):
    today = timezone.localdate()
    weekly = CalendarEntryFactory(
        title="Weekly roundup",
        stage=stages[1],
        owner=writer,
        publish_at=at(today - datetime.timedelta(weeks=8) + datetime.timedelta(days=2)),
        repeat="weekly",
        draft_due=today + datetime.timedelta(days=1),  # saved before series refused deadlines
    )
    CalendarEntryFactory(
        title="Ended series",
        stage=stages[1],
        owner=writer,
        publish_at=at(today - datetime.timedelta(weeks=8) + datetime.timedelta(days=1)),
        repeat="weekly",
        repeat_until=today - datetime.timedelta(days=1),
    )

    call_command("send_due_reminders", "--days", "3", stdout=io.StringIO())

    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    day = today + datetime.timedelta(days=2)
    assert "Weekly roundup (repeats)" in body and f"publishes {day:%a %-d %b}" in body
    assert f"{weekly.publish_at:%-d %b}" not in body and "draft due" not in body
    assert "Ended series" not in body
    assert mail.outbox[0].subject == "Due in the next 3 days: 1 calendar entry"


def test_a_skipped_occurrence_is_not_due_and_a_moved_one_is_due_on_its_new_day(writer, stages):
    today = timezone.localdate()
    skipped = CalendarEntryFactory(
        title="Skipped this week",
        owner=writer,
        stage=stages[1],
        publish_at=at(today - datetime.timedelta(weeks=4) + datetime.timedelta(days=1)),
        repeat="weekly",
    )
    skipped.occurrence_changes.create(
        original_date=today + datetime.timedelta(days=1), skipped=True
    )
    moved = CalendarEntryFactory(
        title="Moved into the period",
        owner=writer,
        stage=stages[1],
        publish_at=at(today - datetime.timedelta(weeks=4) + datetime.timedelta(days=5)),
        repeat="weekly",
    )
    moved.occurrence_changes.create(
        original_date=today + datetime.timedelta(days=5),
        moved_to=today + datetime.timedelta(days=1),
    )

    call_command("send_due_reminders", "--days", "3", stdout=io.StringIO())

    body = mail.outbox[0].body
    assert "Skipped this week" not in body
    assert (
        f"Moved into the period (repeats)\n  publishes {today + datetime.timedelta(days=1):%a %-d %b}"
        in body
    )


def test_the_form_refuses_deadlines_on_a_repeating_entry(client, make_user, writer, stages):
    client.force_login(make_user("Editors", "planner"))
    form = entry_form(stages[1], writer) | {
        "publish_at": "2027-03-02 09:00",
        "repeat": "weekly",
        "draft_due": "2027-02-20",
        "review_due": "2027-02-26",
    }

    response = client.post("/admin/calendar/entries/new/", form)

    assert response.status_code == 200
    html = response.content.decode()
    assert "A repeating entry has no single draft deadline" in html
    assert "A repeating entry has no single review deadline" in html
    assert not CalendarEntry.objects.exists()

    form.update(draft_due="", review_due="")
    assert client.post("/admin/calendar/entries/new/", form).status_code == 302
    assert CalendarEntry.objects.get().repeat == "weekly"


def test_a_csv_line_giving_a_series_a_deadline_is_refused(stages):
    from publishing.calendar.exchange import import_entries

    count, errors = import_entries(
        b"title,publish_at,repeat,draft_due\nRoundup,2027-03-02 09:00,weekly,2027-02-20\n"
    )

    assert count == 0
    assert errors == [
        "Line 2: draft_due: A repeating entry has no single draft deadline: empty it, or plan "
        "the piece that needs one as an entry of its own."
    ]


def test_the_digest_reads_a_few_queries_however_many_series_are_due(
    writer, stages, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from publishing.calendar.notifications import due_soon

    today = timezone.localdate()

    def plan(count):
        for number in range(count):
            entry = CalendarEntryFactory(
                owner=writer,
                stage=stages[number % 5],
                publish_at=at(today - datetime.timedelta(days=7 * number)),
                repeat="weekly" if number % 2 else "",
                draft_due=None if number % 2 else today,
            )
            if entry.repeat:
                entry.occurrence_changes.create(original_date=today, moved_to=today)
        with CaptureQueriesContext(connection) as queries:
            due = due_soon(today, 3)
        assert len(due[writer]) == CalendarEntry.objects.count()
        return len(queries)

    assert plan(2) == plan(20) <= 4
