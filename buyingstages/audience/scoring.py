"""Turn one reading event into interest: O(1) work per event, never a pass over the history."""

from dataclasses import dataclass, replace

from django.db import IntegrityError, transaction
from django.utils import timezone

from buyingstages.audience.models import (
    ContentEvent,
    ErasedVisitor,
    EventKind,
    Lead,
    LeadState,
    ProfileCampaignTouch,
    ProfilingSettings,
    VisitorProfile,
)
from buyingstages.audience.signals import lead_sales_ready
from buyingstages.library.models import AssetPage, AssetTopic


@dataclass(frozen=True)
class Reading:
    """A validated beacon event."""

    visitor_id: str
    kind: str
    asset_id: int
    sections_seen: int | None = None
    sections_total: int | None = None
    share_code: str = ""
    event_id: str | None = None  # the browser's id for the event: sent again, it counts once
    # The utm_campaign of the page's address, shape checked only: the beacon resolves it to a known
    # campaign (``with_known_campaign``) and keeps only that campaign's id.
    campaign: str = ""
    campaign_id: int | None = None
    story_variant: str | None = None  # the version of a story under test, as the site signed it


def with_known_campaign(reading, campaign_ids):
    """The reading with its campaign resolved against {slug: id}; an unknown one is dropped, and the
    text the browser sent is never kept."""
    return replace(reading, campaign="", campaign_id=campaign_ids.get(reading.campaign))


SIGNAL_KINDS = (EventKind.READ, EventKind.DOWNLOAD)


class UnknownAsset(LookupError):
    pass


class UnknownShareLink(LookupError):
    pass


def event_points(reading, rules, signal_weight, first_signal):
    base = {
        EventKind.VIEW: rules.view_points,
        EventKind.DOWNLOAD: rules.download_points,
        EventKind.SHARE_ARRIVAL: rules.share_arrival_points,
    }.get(reading.kind, 0)
    if reading.kind == EventKind.READ:
        base = rules.read_points * min(reading.sections_seen / reading.sections_total, 1.0)
    signal = (
        signal_weight
        if first_signal and reading.kind in (EventKind.READ, EventKind.DOWNLOAD)
        else 0
    )
    return base + signal


def asset_facts(asset_id):
    """What scoring needs of a live asset: (values, topic ids), or (None, None) if it is not live."""
    asset = (
        AssetPage.objects.live()
        .public()
        .filter(pk=asset_id)
        .values("pk", "stage_id", "signal_weight", "title")
    ).first()
    if asset is None:
        return None, None
    return asset, list(
        AssetTopic.objects.filter(content_object_id=asset_id).values_list("tag_id", flat=True)
    )


def record(reading, rules=None, now=None, facts=None):
    """Store the event, update the profile, and hand a known lead to sales when it is ready.
    Returns the profile (None when nothing was stored: the reader asked for erasure, or the event was
    counted already).

    ``facts`` may carry ``{asset id: asset_facts(...)}`` across a batch of events.
    """
    rules = rules or ProfilingSettings.load()
    now = now or timezone.now()
    if facts is None:
        facts = {}
    if reading.asset_id not in facts:
        facts[reading.asset_id] = asset_facts(reading.asset_id)
    asset, topic_ids = facts[reading.asset_id]
    if asset is None:
        raise UnknownAsset(reading.asset_id)
    share_link_id = None
    if reading.kind == EventKind.SHARE_ARRIVAL:
        # The Sales area's share links, named through the event's field rather than imported.
        share_links = ContentEvent._meta.get_field("share_link").related_model
        share_link_id = (
            share_links.objects.filter(code=reading.share_code, asset_id=asset["pk"])
            .values_list("pk", flat=True)
            .first()
        )
        if share_link_id is None:
            raise UnknownShareLink(reading.share_code)
    if ErasedVisitor.objects.among([reading.visitor_id]):
        return None  # erased at the reader's request: the id their browser kept builds nothing
    if counted_already({reading.event_id}):
        return None
    try:
        return record_one(reading, rules, now, asset, topic_ids, share_link_id)
    except IntegrityError:  # the same event, stored by a concurrent request a moment ago
        return None


def record_one(reading, rules, now, asset, topic_ids, share_link_id):
    with transaction.atomic():
        profile, _ = VisitorProfile.objects.select_for_update().get_or_create(
            visitor_id=reading.visitor_id, defaults={"last_seen_at": now}
        )
        first_signal = bool(asset["signal_weight"]) and not (
            ContentEvent.objects.filter(
                profile=profile, asset_id=asset["pk"], kind__in=SIGNAL_KINDS
            ).exists()
        )
        points = event_points(reading, rules, asset["signal_weight"], first_signal)
        ContentEvent.objects.create(
            profile=profile,
            asset_id=asset["pk"],
            kind=reading.kind,
            sections_seen=reading.sections_seen,
            sections_total=reading.sections_total,
            share_link_id=share_link_id,
            points=points,
            created_at=now,
            event_id=reading.event_id,
            story_variant=reading.story_variant,
        )
        profile.add_interest(points, asset["stage_id"], topic_ids, rules, now)
        profile.last_seen_at = now
        profile.save()
        if reading.campaign_id:
            ProfileCampaignTouch.objects.record([(profile.pk, reading.campaign_id, now)])
        if profile.lead_id:
            Lead.objects.filter(pk=profile.lead_id).touch()  # a CRM syncing by change fetches it
            strong = first_signal and asset["signal_weight"] >= rules.strong_signal_weight
            check_sales_ready(
                profile.lead, rules, now, signal_title=asset["title"] if strong else None
            )
    return profile


def check_sales_ready(lead, rules, now, signal_title=None):
    """Nurturing → sales-ready on a strong signal or when the score reaches the agreed threshold;
    for a lead Sales returned, only reading since the return counts (``Lead.evidence_score``)."""
    if lead.state != LeadState.NURTURING:
        return False
    since_return = (
        f" since Sales returned the lead on {lead.returned_at:%-d %b %Y}"
        if lead.returned_at
        else ""
    )
    if signal_title:  # a signal asset opened for the first time: new evidence by definition
        reason = f"Strong signal: opened “{signal_title}”{since_return}"
    else:
        score = lead.evidence_score(rules, now)
        if score < rules.sales_ready_threshold:
            return False
        reason = (
            f"Interest score {score:.0f}{since_return} reached the threshold of "
            f"{rules.sales_ready_threshold}"
        )
    lead.mark_sales_ready(reason)
    lead_sales_ready.send(sender=Lead, lead=lead)
    return True


PROFILE_SCORE_FIELDS = [
    "score",
    "scored_at",
    "topic_interest",
    "stage_interest",
    "inferred_stage",
    "last_seen_at",
]


def record_batch(readings, rules):
    """Score many buffered events at once, in order: the same points and profiles as `record` gives
    one by one, with each lead checked once at the end of the batch.

    ``readings`` is [(Reading, received_at)], share arrivals excluded (they are scored in the request).
    A handful of queries per batch, not per event: the assets, the profiles (locked), which readers
    already gave each signal, one insert for the events, one update for the profiles and, when
    any event came by a campaign's link, three for the campaign touches. Returns the
    number of events stored; events for assets no longer live, and events counted already, are dropped.
    """
    facts = batch_asset_facts({reading.asset_id for reading, _ in readings})
    erased = ErasedVisitor.objects.among({reading.visitor_id for reading, _ in readings})
    counted = counted_already({reading.event_id for reading, _ in readings})
    kept = []
    for reading, at in readings:
        if (
            facts.get(reading.asset_id)
            and reading.visitor_id not in erased
            and reading.event_id not in counted
        ):
            kept.append((reading, at))
            if reading.event_id:  # sent twice within the batch: the first counts
                counted.add(reading.event_id)
    readings = kept
    if not readings:
        return 0
    profiles = locked_profiles({reading.visitor_id for reading, _ in readings}, readings[0][1])
    signal_assets = {pk for pk, (asset, _) in facts.items() if asset["signal_weight"]}
    signalled = set(
        ContentEvent.objects.filter(
            profile__in=profiles.values(), asset_id__in=signal_assets, kind__in=SIGNAL_KINDS
        ).values_list("profile_id", "asset_id")
    )
    events, strong_titles = [], {}
    for reading, now in readings:
        asset, topic_ids = facts[reading.asset_id]
        profile = profiles[reading.visitor_id]
        first_signal = (
            asset["pk"] in signal_assets
            and reading.kind in SIGNAL_KINDS
            and (profile.pk, asset["pk"]) not in signalled
        )
        if first_signal:
            signalled.add((profile.pk, asset["pk"]))
            if profile.lead_id and asset["signal_weight"] >= rules.strong_signal_weight:
                strong_titles.setdefault(profile.lead_id, asset["title"])
        points = event_points(reading, rules, asset["signal_weight"], first_signal)
        events.append(
            ContentEvent(
                profile=profile,
                asset_id=asset["pk"],
                kind=reading.kind,
                sections_seen=reading.sections_seen,
                sections_total=reading.sections_total,
                points=points,
                created_at=now,
                event_id=reading.event_id,
                story_variant=reading.story_variant,
            )
        )
        profile.add_interest(points, asset["stage_id"], topic_ids, rules, now)
        profile.last_seen_at = max(profile.last_seen_at, now)
    ContentEvent.objects.bulk_create(events)
    ProfileCampaignTouch.objects.record(
        (profiles[reading.visitor_id].pk, reading.campaign_id, at)
        for reading, at in readings
        if reading.campaign_id
    )
    # An upsert on the primary key writes every profile in one statement; bulk_update's CASE per field
    # and row took most of the batch's time.
    VisitorProfile.objects.bulk_create(
        profiles.values(),
        update_conflicts=True,
        unique_fields=["pk"],
        update_fields=PROFILE_SCORE_FIELDS,
        batch_size=500,
    )
    last_seen = readings[-1][1]
    leads = Lead.objects.filter(pk__in={p.lead_id for p in profiles.values() if p.lead_id})
    leads.touch()  # their scores moved: CRMs syncing by updated_at fetch them again
    for lead in leads:
        check_sales_ready(lead, rules, last_seen, signal_title=strong_titles.get(lead.pk))
    return len(events)


def counted_already(event_ids):
    """Which of these event ids are stored already (the beacon may deliver an event more than once)."""
    event_ids = {str(event_id) for event_id in event_ids if event_id}
    if not event_ids:
        return set()
    stored = ContentEvent.objects.filter(event_id__in=event_ids).values_list("event_id", flat=True)
    return {str(event_id) for event_id in stored}


def batch_asset_facts(asset_ids):
    """{asset id: (values, topic ids)} for the live public ones among ``asset_ids``, in two queries."""
    assets = (
        AssetPage.objects.live()
        .public()
        .filter(pk__in=asset_ids)
        .values("pk", "stage_id", "signal_weight", "title")
    )
    facts = {asset["pk"]: (asset, []) for asset in assets}
    topics = AssetTopic.objects.filter(content_object_id__in=facts).values_list(
        "content_object_id", "tag_id"
    )
    for asset_id, tag_id in topics:
        facts[asset_id][1].append(tag_id)
    return facts


def locked_profiles(visitor_ids, first_seen):
    """{visitor id: profile}, creating the missing ones, every row locked until the commit."""
    VisitorProfile.objects.bulk_create(
        [
            VisitorProfile(visitor_id=visitor_id, last_seen_at=first_seen)
            for visitor_id in visitor_ids
        ],
        ignore_conflicts=True,
    )
    found = VisitorProfile.objects.select_for_update().filter(visitor_id__in=visitor_ids)
    return {str(profile.visitor_id): profile for profile in found}
