"""The beacon's fast path: one insert per event, scored by the worker in batches, nothing lost."""

import uuid

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from django_tasks import default_task_backend

from buyingstages.audience import event_buffer, readers
from buyingstages.audience.event_buffer import fold_buffered_events
from buyingstages.audience.models import BufferedEvent, ContentEvent, VisitorProfile
from tests.factories import AssetPageFactory
from tests.people import reading_event, send_beacon

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("buffered_beacon")]


@pytest.fixture
def asset(library, stages):
    return AssetPageFactory(parent=library, stage=stages[0])


def view(asset, visitor=None, kind="view", **extra):
    return reading_event(asset.pk, kind, visitor, **extra)


def test_the_beacon_answers_after_one_insert_and_the_fold_scores_it(
    client, asset, django_assert_max_num_queries
):
    visitor = str(uuid.uuid4())
    send_beacon(client, view(asset))  # warm: the live assets and the rules are read once, then kept
    with django_assert_max_num_queries(1):
        assert send_beacon(client, view(asset, visitor)).status_code == 204
    assert BufferedEvent.objects.count() == 2
    assert not ContentEvent.objects.exists()

    assert event_buffer.fold_all() == 2

    assert not BufferedEvent.objects.exists()
    event = ContentEvent.objects.get(profile__visitor_id=visitor)
    assert (event.asset_id, event.kind, event.points > 0) == (asset.pk, "view", True)


def test_folded_events_score_exactly_as_if_recorded_in_the_request(client, asset, settings):
    visitor = str(uuid.uuid4())
    readings = [
        view(asset, visitor),
        view(asset, visitor, "read", s=3, n=4),
        view(asset, visitor, "download"),
    ]
    for body in readings:
        send_beacon(client, body)
    event_buffer.fold_all()
    buffered = VisitorProfile.objects.get(visitor_id=visitor)

    settings.MASTHEAD_BEACON_BUFFER_SECONDS = 0
    direct_visitor = str(uuid.uuid4())
    for body in readings:
        send_beacon(client, {**body, "v": readers.sign(direct_visitor), "i": str(uuid.uuid4())})
    direct = VisitorProfile.objects.get(visitor_id=direct_visitor)

    assert buffered.score == pytest.approx(direct.score, rel=1e-3)
    assert buffered.topic_interest == direct.topic_interest
    assert list(buffered.events.order_by("pk").values_list("kind", flat=True)) == [
        "view",
        "read",
        "download",
    ]


def test_an_unknown_asset_is_refused_at_once_and_nothing_is_buffered(client, asset):
    response = send_beacon(client, reading_event(asset.pk + 999))
    assert response.status_code == 400
    assert "published asset" in response.json()["error"]
    assert not BufferedEvent.objects.exists()


def test_a_newly_published_asset_is_accepted_at_once(client, library, stages, asset):
    send_beacon(client, view(asset))
    newer = AssetPageFactory(parent=library, stage=stages[1])
    assert send_beacon(client, view(newer)).status_code == 204


def test_an_asset_unpublished_before_the_fold_drops_its_events(client, asset):
    send_beacon(client, view(asset))
    asset.unpublish()
    assert event_buffer.fold_all() == 1
    assert not ContentEvent.objects.exists()
    assert not BufferedEvent.objects.exists()


def folds_scheduled():
    return [
        result
        for result in default_task_backend.results
        if result.task.func is fold_buffered_events.func
    ]


def test_a_fold_is_scheduled_once_per_window_and_again_after_work(
    client, asset, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            send_beacon(client, view(asset))
    assert len(folds_scheduled()) == 1
    assert folds_scheduled()[0].task.run_after is not None

    cache.delete(event_buffer.FOLD_DUE_KEY)  # the window has passed
    with django_capture_on_commit_callbacks(execute=True):
        assert fold_buffered_events.call() == 5
    assert len(folds_scheduled()) == 2  # one more look for the tail of the burst
    cache.delete(event_buffer.FOLD_DUE_KEY)
    with django_capture_on_commit_callbacks(execute=True):
        assert fold_buffered_events.call() == 0
    assert len(folds_scheduled()) == 2  # an empty fold stops


def test_the_fold_command_empties_the_buffer(client, asset):
    for _ in range(3):
        send_beacon(client, view(asset))
    call_command("fold_events", verbosity=0)
    assert ContentEvent.objects.count() == 3
    assert not BufferedEvent.objects.exists()


def test_a_failure_while_scoring_keeps_the_whole_batch_buffered(client, asset, monkeypatch):
    for _ in range(3):
        send_beacon(client, view(asset))

    def failing(readings, rules):
        raise RuntimeError("database went away")

    monkeypatch.setattr(event_buffer.scoring, "record_batch", failing)
    with pytest.raises(RuntimeError):
        event_buffer.fold()
    assert BufferedEvent.objects.count() == 3
    assert not ContentEvent.objects.exists()


def test_a_batch_gives_every_reader_and_lead_what_one_by_one_scoring_gives(
    client, library, stages, settings, django_capture_on_commit_callbacks
):
    from buyingstages.audience.models import Lead, LeadState, ProfilingSettings

    rules = ProfilingSettings.load()
    rules.sales_ready_threshold, rules.strong_signal_weight = 1000, 30
    rules.save()
    plain = AssetPageFactory(parent=library, stage=stages[1])
    signal = AssetPageFactory(parent=library, stage=stages[3], signal_weight=40)

    def journey(visitor):
        return [
            view(plain, visitor),
            view(signal, visitor),
            view(signal, visitor, "read", s=2, n=4),
            view(signal, visitor, "download"),  # the signal counts once per reader
            view(plain, visitor, "read", s=4, n=4),
        ]

    def lead_for(visitor, name):
        lead = Lead.objects.create(name=name, email=f"{name}@example.com")
        from buyingstages.audience.models import VisitorProfile

        VisitorProfile.objects.create(visitor_id=visitor, lead=lead, last_seen_at=lead.created_at)
        return lead

    batch_visitor, direct_visitor = str(uuid.uuid4()), str(uuid.uuid4())
    batch_lead, direct_lead = lead_for(batch_visitor, "batch"), lead_for(direct_visitor, "direct")
    with django_capture_on_commit_callbacks(execute=True):
        for body in journey(batch_visitor) + journey(str(uuid.uuid4())):
            send_beacon(client, body)
        event_buffer.fold_all()
        settings.MASTHEAD_BEACON_BUFFER_SECONDS = 0
        for body in journey(direct_visitor):
            send_beacon(client, body)

    batched = VisitorProfile.objects.get(visitor_id=batch_visitor)
    direct = VisitorProfile.objects.get(visitor_id=direct_visitor)
    assert batched.score == pytest.approx(direct.score, rel=1e-3)
    assert (batched.topic_interest, batched.stage_interest, batched.inferred_stage_id) == (
        direct.topic_interest,
        direct.stage_interest,
        direct.inferred_stage_id,
    )
    points = lambda profile: list(profile.events.order_by("pk").values_list("points", flat=True))  # noqa: E731
    assert points(batched) == pytest.approx(points(direct))
    batch_lead.refresh_from_db()
    direct_lead.refresh_from_db()
    assert batch_lead.state == direct_lead.state == LeadState.SALES_READY
    assert batch_lead.ready_reason == direct_lead.ready_reason


def test_a_batch_costs_a_handful_of_queries_however_many_events(
    client, library, stages, django_assert_max_num_queries
):
    assets = [AssetPageFactory(parent=library, stage=stage) for stage in stages[:3]]
    visitors = [str(uuid.uuid4()) for _ in range(20)]
    for index in range(50):
        send_beacon(client, view(assets[index % 3], visitors[index % 20], "read", s=1, n=2))
    with django_assert_max_num_queries(14):
        assert event_buffer.fold(batch_size=500) == 50
    assert ContentEvent.objects.count() == 50


def test_share_arrivals_are_still_checked_and_scored_in_the_request(client, asset):
    response = send_beacon(client, view(asset, kind="share", c="not-a-real-code"))
    assert response.status_code == 400
    assert not BufferedEvent.objects.exists()


def test_with_a_backend_that_runs_tasks_at_once_the_fold_runs_at_once(
    client, asset, django_capture_on_commit_callbacks
):
    """Such a backend cannot run a task later; the buffer is then scored right after the insert."""
    immediate = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    visitor = str(uuid.uuid4())
    with override_settings(TASKS=immediate), django_capture_on_commit_callbacks(execute=True):
        assert send_beacon(client, view(asset, visitor)).status_code == 204
    assert not BufferedEvent.objects.exists()
    assert ContentEvent.objects.filter(profile__visitor_id=visitor).count() == 1
