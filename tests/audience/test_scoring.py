import datetime
import uuid

import pytest
from django.core import mail
from django.utils import timezone

from buyingstages.audience import event_buffer, scoring
from buyingstages.audience.models import (
    BufferedEvent,
    ContentEvent,
    Lead,
    LeadState,
    ProfilingSettings,
    VisitorProfile,
)
from buyingstages.audience.scoring import Reading, UnknownAsset
from tests.factories import AssetPageFactory, TopicFactory

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2026, 11, 23, 12, 0))


@pytest.fixture
def rules(db):
    rules = ProfilingSettings.load()
    rules.sales_ready_threshold = 20
    rules.strong_signal_weight = 30
    rules.score_half_life_days = 10
    rules.save()
    return rules


@pytest.fixture
def visitor():
    return str(uuid.uuid4())


def folded(reading, rules, now):
    """Production's path: the beacon checks and buffers the event, the worker folds the buffer."""
    facts = event_buffer.beacon_facts()
    if reading.asset_id not in facts.asset_ids:
        raise UnknownAsset(reading.asset_id)
    BufferedEvent.objects.append(reading.__dict__, received_at=now)
    event_buffer.fold_all()
    return VisitorProfile.objects.get(visitor_id=reading.visitor_id)


@pytest.fixture(params=["folded by the worker", "scored in the request"])
def record(request, rules):
    """Every rule holds on both paths: the buffered one readers take, and the one share arrivals
    (and a site with the buffer turned off) take."""
    return folded if request.param == "folded by the worker" else scoring.record


def test_a_view_adds_points_topic_interest_and_an_inferred_stage(
    record, library, stages, rules, visitor
):
    topic = TopicFactory()
    asset = AssetPageFactory(parent=library, stage=stages[3], topics=[topic])
    profile = record(Reading(visitor, "view", asset.pk), rules, NOW)
    assert profile.score == rules.view_points
    assert profile.topic_interest == {str(topic.pk): rules.view_points}
    assert profile.inferred_stage == stages[3]
    assert ContentEvent.objects.get().kind == "view"


def test_read_depth_earns_its_share_of_the_read_points(record, library, stages, rules, visitor):
    asset = AssetPageFactory(parent=library, stage=stages[0])
    profile = record(
        Reading(visitor, "read", asset.pk, sections_seen=1, sections_total=4), rules, NOW
    )
    assert profile.score == pytest.approx(rules.read_points / 4)


def test_interest_halves_over_the_half_life(record, library, stages, rules, visitor):
    asset = AssetPageFactory(parent=library, stage=stages[0])
    record(Reading(visitor, "download", asset.pk), rules, NOW)
    later = NOW + datetime.timedelta(days=rules.score_half_life_days)
    profile = record(Reading(visitor, "view", asset.pk), rules, later)
    assert profile.score == pytest.approx(rules.download_points / 2 + rules.view_points)
    assert profile.current_score(rules, later + datetime.timedelta(days=10)) == pytest.approx(
        profile.score / 2
    )


def test_inferred_stage_follows_where_most_interest_is(record, library, stages, rules, visitor):
    early = AssetPageFactory(parent=library, stage=stages[0])
    fit = AssetPageFactory(parent=library, stage=stages[3])
    record(Reading(visitor, "view", early.pk), rules, NOW)
    profile = record(Reading(visitor, "download", fit.pk), rules, NOW)
    assert profile.inferred_stage == stages[3]


def test_a_signal_counts_once_per_visitor(record, library, stages, rules, visitor):
    coverage_map = AssetPageFactory(parent=library, stage=stages[3], signal_weight=12)
    record(Reading(visitor, "download", coverage_map.pk), rules, NOW)
    profile = record(Reading(visitor, "download", coverage_map.pk), rules, NOW)
    assert profile.score == pytest.approx(2 * rules.download_points + 12)


def test_unknown_or_draft_assets_are_refused(record, library, stages, rules, visitor):
    draft = AssetPageFactory(parent=library, stage=stages[0])
    draft.unpublish()
    for asset_id in (draft.pk, 999999):
        with pytest.raises(UnknownAsset):
            record(Reading(visitor, "view", asset_id), rules, NOW)
    assert not VisitorProfile.objects.exists()


def known_lead(visitor):
    lead = Lead.objects.create(email="ana@example.com", name="Ana", first_touch_at=NOW)
    VisitorProfile.objects.create(visitor_id=visitor, lead=lead, last_seen_at=NOW)
    return lead


def test_a_known_lead_becomes_sales_ready_at_the_threshold(
    record, library, stages, rules, visitor, make_user, django_capture_on_commit_callbacks
):
    sales = make_user("Sales", "seller")
    sales.email = "seller@example.com"
    sales.save()
    lead = known_lead(visitor)
    asset = AssetPageFactory(parent=library, stage=stages[2], title="Buyer's primer")
    for _ in range(3):
        record(Reading(visitor, "download", asset.pk), rules, NOW)
    lead.refresh_from_db()
    assert lead.state == LeadState.NURTURING
    with django_capture_on_commit_callbacks(execute=True):
        record(Reading(visitor, "download", asset.pk), rules, NOW)
    lead.refresh_from_db()
    assert lead.state == LeadState.SALES_READY
    assert "threshold of 20" in lead.ready_reason
    assert [message.to for message in mail.outbox] == [["seller@example.com"]]
    assert "Buyer's primer" in mail.outbox[0].body


def test_a_strong_signal_makes_a_known_lead_sales_ready_at_once(
    record, library, stages, rules, visitor
):
    lead = known_lead(visitor)
    pricing = AssetPageFactory(
        parent=library, stage=stages[4], title="Pricing detail", signal_weight=35
    )
    record(Reading(visitor, "read", pricing.pk, sections_seen=1, sections_total=3), rules, NOW)
    lead.refresh_from_db()
    assert lead.state == LeadState.SALES_READY
    assert "Pricing detail" in lead.ready_reason


def test_anonymous_visitors_never_become_leads(record, library, stages, rules, visitor):
    pricing = AssetPageFactory(parent=library, stage=stages[4], signal_weight=35)
    record(Reading(visitor, "download", pricing.pk), rules, NOW)
    assert not Lead.objects.exists()


def test_a_lead_sales_returned_needs_new_reading_to_be_ready_again(
    record, library, stages, rules, visitor, make_user, django_capture_on_commit_callbacks
):
    from buyingstages.crm.models import WebhookDelivery, WebhookEndpoint

    seller = make_user("Sales", "seller")
    seller.email = "seller@example.com"
    seller.save()
    WebhookEndpoint.objects.create(name="CRM", url="http://127.0.0.1:9/")
    lead = known_lead(visitor)
    primer = AssetPageFactory(parent=library, stage=stages[2], title="Buyer's primer")
    start = timezone.now()

    def read(minutes, kind="download", asset=primer):
        with django_capture_on_commit_callbacks(execute=True):
            record(
                Reading(visitor, kind, asset.pk), rules, start + datetime.timedelta(minutes=minutes)
            )
        lead.refresh_from_db()
        return lead.state

    assert [read(minute) for minute in (-4, -3, -2, -1)][-1] == LeadState.SALES_READY
    lead.return_to_nurturing(seller, "Not this quarter")
    start = timezone.now()

    # The same evidence, and a little more, does not make it ready again: no second e-mail, no webhook.
    assert read(1, "view") == LeadState.NURTURING
    assert [read(minute) for minute in (2, 3, 4)] == [LeadState.NURTURING] * 3
    assert (
        len(mail.outbox) == 1
        and WebhookDelivery.objects.filter(event="lead.sales_ready").count() == 1
    )

    # Enough reading since the return does, and the history says what brought it back.
    assert read(5) == LeadState.SALES_READY
    assert "since Sales returned the lead" in lead.ready_reason
    assert (
        len(mail.outbox) == 2
        and WebhookDelivery.objects.filter(event="lead.sales_ready").count() == 2
    )
    history = list(lead.transitions.order_by("at", "pk").values_list("to_state", "reason"))
    assert [state for state, _ in history] == ["sales_ready", "nurturing", "sales_ready"]
    assert history[1][1] == "Not this quarter" and "since Sales returned" in history[2][1]


def test_a_returned_lead_re_reading_its_signal_asset_stays_in_nurture(
    record, library, stages, rules, visitor, make_user
):
    lead = known_lead(visitor)
    pricing = AssetPageFactory(
        parent=library, stage=stages[4], title="Pricing detail", signal_weight=35
    )
    record(Reading(visitor, "download", pricing.pk), rules, timezone.now())
    lead.refresh_from_db()
    assert lead.state == LeadState.SALES_READY
    lead.return_to_nurturing(make_user("Sales", "seller"), "Just comparing prices")

    record(
        Reading(visitor, "download", pricing.pk),
        rules,
        timezone.now() + datetime.timedelta(minutes=1),
    )
    lead.refresh_from_db()
    assert lead.state == LeadState.NURTURING

    # A signal they had not given before is new evidence.
    terms = AssetPageFactory(
        parent=library, stage=stages[4], title="Contract terms", signal_weight=35
    )
    record(
        Reading(visitor, "download", terms.pk),
        rules,
        timezone.now() + datetime.timedelta(minutes=2),
    )
    lead.refresh_from_db()
    assert lead.state == LeadState.SALES_READY
    assert "Contract terms" in lead.ready_reason
