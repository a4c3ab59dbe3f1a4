import datetime

import pytest
from django.utils import timezone

from publishing.calendar.models import CalendarEntry, CalendarFeedToken, Status, WorkStage
from tests.factories import AssetPageFactory, CalendarEntryFactory, PersonaFactory, TopicFactory

pytestmark = pytest.mark.django_db


def at(day, hour=9):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def test_an_entry_without_a_date_is_in_the_backlog(stages):
    idea = CalendarEntryFactory(stage=stages[0])
    planned = CalendarEntryFactory(stage=stages[0], publish_at=at(datetime.date(2026, 12, 1)))
    assert list(CalendarEntry.objects.backlog()) == [idea]
    assert idea.status.slug == "idea"
    assert planned.status.slug == "planned"


def test_reschedule_moves_the_plan_and_bumps_version_and_sequence(stages):
    entry = CalendarEntryFactory(stage=stages[0])
    version, sequence = entry.version, entry.sequence
    assert entry.reschedule(at(datetime.date(2026, 12, 3)), version)
    assert entry.publish_at == at(datetime.date(2026, 12, 3))
    assert entry.status.slug == "planned"
    assert (entry.version, entry.sequence) == (version + 1, sequence + 1)


def test_reschedule_refuses_a_stale_version(stages):
    entry = CalendarEntryFactory(stage=stages[0])
    stale = entry.version
    entry.title = "Changed by a colleague"
    entry.save()
    assert not entry.reschedule(at(datetime.date(2026, 12, 3)), stale)
    entry.refresh_from_db()
    assert entry.publish_at is None


def test_editing_dates_or_text_bumps_the_ics_sequence_but_not_other_fields(stages):
    entry = CalendarEntryFactory(stage=stages[0])
    entry.draft_due = datetime.date(2026, 12, 1)
    entry.save()
    assert entry.sequence == 1
    entry.channel = "social"
    entry.save()
    assert entry.sequence == 1


def test_shift_moves_a_run_of_entries_and_their_deadlines(stages):
    before = CalendarEntryFactory(stage=stages[0], publish_at=at(datetime.date(2026, 12, 1)))
    run = CalendarEntryFactory(
        stage=stages[0],
        publish_at=at(datetime.date(2026, 12, 8)),
        draft_due=datetime.date(2026, 12, 2),
    )
    idea = CalendarEntryFactory(stage=stages[0])
    assert CalendarEntry.objects.shift_from(datetime.date(2026, 12, 5), 7) == 1
    for entry in (before, run, idea):
        entry.refresh_from_db()
    assert before.publish_at == at(datetime.date(2026, 12, 1))
    assert run.publish_at == at(datetime.date(2026, 12, 15))
    assert run.draft_due == datetime.date(2026, 12, 9)
    assert idea.publish_at is None


def test_create_draft_page_carries_the_tags_and_never_publishes(library, stages, make_user):
    persona, topic = PersonaFactory(), TopicFactory()
    entry = CalendarEntryFactory(
        stage=stages[3], format="technical_brief", personas=[persona], topics=[topic],
        publish_at=at(datetime.date(2026, 12, 1)),
    )  # fmt: skip
    page = entry.create_draft_page(library, make_user("Editors"))
    page.refresh_from_db()
    assert not page.live and page.go_live_at is None
    assert page.stage == stages[3] and page.format == "technical_brief"
    assert list(page.personas.all()) == [persona] and list(page.topics.all()) == [topic]
    entry.refresh_from_db()
    assert entry.page_id == page.pk
    assert entry.work_stage == WorkStage.DRAFT
    assert entry.status.slug == "drafting"


def test_status_follows_the_page_once_one_exists(library, stages):
    asset = AssetPageFactory(parent=library, stage=stages[0])
    entry = CalendarEntryFactory(
        stage=stages[0], page=asset, status=Status.objects.get(slug="idea")
    )
    assert entry.work_stage == WorkStage.PUBLISHED
    asset.unpublish()
    asset.go_live_at = timezone.now() + datetime.timedelta(days=3)
    asset.save()
    entry.refresh_from_db()
    assert entry.work_stage == WorkStage.SCHEDULED


def test_warnings_for_missed_deadlines_and_drift(library, stages):
    today = timezone.localdate()
    entry = CalendarEntryFactory(
        stage=stages[0],
        publish_at=at(today + datetime.timedelta(days=5)),
        draft_due=today - datetime.timedelta(days=2),
    )
    assert any("draft was due" in warning for warning in entry.warnings())

    asset = AssetPageFactory(parent=library, stage=stages[0])
    asset.unpublish()
    asset.go_live_at = timezone.now() + datetime.timedelta(days=9)
    asset.save()
    entry.page = asset
    entry.draft_due = None
    entry.save()
    assert any("scheduled for" in warning for warning in entry.warnings())


def test_feed_tokens_are_stored_hashed_and_reissue_revokes(make_user):
    editor = make_user("Editors")
    first, secret = CalendarFeedToken.issue(editor)
    assert secret not in first.token_hash and len(secret) >= 22
    assert CalendarFeedToken.lookup(secret) == first
    second, new_secret = CalendarFeedToken.issue(editor)
    assert CalendarFeedToken.lookup(secret) is None
    assert CalendarFeedToken.lookup(new_secret) == second
    second.revoke()
    assert CalendarFeedToken.lookup(new_secret) is None


def test_status_is_in_review_while_the_page_is_in_its_workflow(library, stages, make_user):
    editor = make_user("Editors")
    entry = CalendarEntryFactory(stage=stages[1], format="article")
    page = entry.create_draft_page(library, editor)
    page.get_workflow().start(page, editor)
    entry = CalendarEntry.objects.with_calendar_data().get(pk=entry.pk)
    assert entry.work_stage == WorkStage.REVIEW
