"""A team's own statuses, in their order, mapped onto the stages of the work the warnings use."""

import datetime
import uuid

import pytest
from django.utils import timezone

from publishing.calendar.models import CalendarEntry, Status, WorkStage
from tests.factories import CalendarEntryFactory

pytestmark = pytest.mark.django_db


def test_the_six_statuses_of_before_are_rows_in_their_order():
    assert [(s.slug, s.work_stage) for s in Status.objects.all()] == [
        ("idea", "plan"), ("planned", "plan"), ("drafting", "draft"),
        ("in_review", "review"), ("scheduled", "scheduled"), ("published", "published"),
    ]  # fmt: skip


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_data_migration_keeps_every_entrys_status():
    """Entries stored with the old fixed statuses keep them as rows, and back again."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("calendar", "0004_entry_types")]
    after = [("calendar", "0005_custom_statuses")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    Entry = old.get_model("calendar", "CalendarEntry")  # noqa: N806
    for slug in ("idea", "planned", "drafting", "in_review", "scheduled", "published"):
        Entry.objects.create(title=f"Was {slug}", status=slug, uid=uuid.uuid4())
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    Entry = new.get_model("calendar", "CalendarEntry")  # noqa: N806
    kept = {e.title: (e.status.slug, e.status.work_stage) for e in Entry.objects.all()}
    assert kept == {
        "Was idea": ("idea", "plan"), "Was planned": ("planned", "plan"),
        "Was drafting": ("drafting", "draft"), "Was in_review": ("in_review", "review"),
        "Was scheduled": ("scheduled", "scheduled"), "Was published": ("published", "published"),
    }  # fmt: skip
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    Entry = executor.loader.project_state(before).apps.get_model("calendar", "CalendarEntry")  # noqa: N806
    assert set(Entry.objects.values_list("title", "status")) == {
        (f"Was {slug}", slug)
        for slug in ("idea", "planned", "drafting", "in_review", "scheduled", "published")
    }
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_a_team_adds_legal_review_and_the_warnings_treat_it_as_review(editor_client, stages):
    response = editor_client.post(
        "/admin/calendar-statuses/new/",
        {"name": "Legal review", "slug": "legal-review", "work_stage": "review", "sort_order": 35},
    )
    assert response.status_code == 302
    legal = Status.objects.get(slug="legal-review")
    assert list(Status.objects.values_list("slug", flat=True))[3:5] == ["in_review", "legal-review"]
    today = timezone.localdate()
    entry = CalendarEntryFactory(
        stage=stages[0],
        status=legal,
        publish_at=timezone.make_aware(
            datetime.datetime.combine(today + datetime.timedelta(days=9), datetime.time(9))
        ),
        draft_due=today - datetime.timedelta(days=3),
        review_due=today - datetime.timedelta(days=1),
    )
    # In review: the draft is done, so only the missed review is a warning.
    assert entry.work_stage == WorkStage.REVIEW
    warnings = entry.warnings()
    assert any("review was due" in w for w in warnings)
    assert not any("draft was due" in w for w in warnings)
    assert entry.get_effective_status_display() == "Legal review"
    # The grid shows the team's word and colours by the stage of the work.
    events = editor_client.get(
        f"/admin/calendar/events/?start={today}&end={today + datetime.timedelta(days=30)}"
    ).json()
    assert events[0]["extendedProps"]["statusName"] == "Legal review"
    assert "status-review" in events[0]["classNames"]


def test_a_status_in_use_cannot_be_deleted(stages):
    from django.db.models import ProtectedError

    status = Status.objects.get(slug="drafting")
    CalendarEntryFactory(stage=stages[0], status=status)
    with pytest.raises(ProtectedError):
        status.delete()


def test_the_calendar_filters_by_a_teams_status(editor_client, stages):
    legal = Status.objects.create(name="Legal review", slug="legal-review", work_stage="review")
    day = timezone.make_aware(datetime.datetime(2027, 3, 2, 9))
    CalendarEntryFactory(stage=stages[0], status=legal, publish_at=day, title="With legal")
    CalendarEntryFactory(stage=stages[0], publish_at=day, title="Planned")
    events = editor_client.get(
        f"/admin/calendar/events/?start=2027-03-01&end=2027-03-31&status={legal.pk}"
    ).json()
    assert [event["title"] for event in events] == ["With legal"]


def test_deleting_a_status_entries_use_is_refused_even_when_the_reference_index_missed_them(
    admin_client, stages
):
    """Entries saved before the index existed, or changed in bulk, are not in it."""
    from wagtail.models import ReferenceIndex

    legal = Status.objects.create(name="Legal review", slug="legal-review", work_stage="review")
    CalendarEntryFactory(stage=stages[0], status=legal)
    ReferenceIndex.objects.all().delete()
    url = f"/admin/calendar-statuses/delete/{legal.pk}/"
    page = admin_client.get(url)
    assert page.status_code == 200
    assert "1 calendar entry uses the status “Legal review”" in page.content.decode()
    assert "Yes, delete" not in page.content.decode()
    refused = admin_client.post(url, follow=True)
    assert refused.redirect_chain == [(url, 302)]
    assert "give them another status first" in " ".join(str(m) for m in refused.context["messages"])
    assert Status.objects.filter(pk=legal.pk).exists()
    # Unused, it goes.
    CalendarEntry.objects.update(status=Status.objects.get(slug="planned"))
    assert admin_client.post(url).status_code == 302
    assert not Status.objects.filter(pk=legal.pk).exists()


def test_the_last_planning_status_stays_so_new_entries_have_one(admin_client, stages):
    from publishing.calendar.models import default_status

    idea, planned = Status.objects.get(slug="idea"), Status.objects.get(slug="planned")
    assert admin_client.post(f"/admin/calendar-statuses/delete/{idea.pk}/").status_code == 302
    assert not Status.objects.filter(pk=idea.pk).exists()
    refused = admin_client.post(f"/admin/calendar-statuses/delete/{planned.pk}/", follow=True)
    assert "the only planning status" in " ".join(str(m) for m in refused.context["messages"])
    assert default_status() == planned.pk
    # Nor may it become a later stage of the work.
    edited = admin_client.post(
        f"/admin/calendar-statuses/edit/{planned.pk}/",
        {"name": "Planned", "slug": "planned", "work_stage": "draft", "sort_order": 2},
    )
    assert edited.status_code == 200
    assert "add another one first" in edited.content.decode()
    assert Status.objects.get(pk=planned.pk).work_stage == WorkStage.PLAN
    assert CalendarEntryFactory(stage=stages[0]).status == planned
