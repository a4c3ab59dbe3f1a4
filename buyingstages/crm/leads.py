"""What a CRM maps of a lead: its score, inferred stage, topics, recent reading and when it was
first and last seen, worked out for a whole page of leads in a fixed number of queries."""

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from buyingstages.audience.models import ContentEvent, EventKind
from buyingstages.taxonomy.models import BuyingStage, Topic

TOP_TOPICS = 5
RECENT_READING = 3


def for_crm(queryset):
    """The leads of ``queryset`` with what ``describe`` needs fetched alongside."""
    return queryset.select_related("accepted_by").prefetch_related("profiles")


def recent_reading(lead_ids, limit=RECENT_READING):
    """{lead id: [event values]}, newest first, at most ``limit`` each, in one query."""
    newest_first = [F("created_at").desc(), F("pk").desc()]
    rows = (
        ContentEvent.objects.filter(profile__lead__in=lead_ids)
        .annotate(
            lead_id=F("profile__lead_id"),
            rank=Window(RowNumber(), partition_by=F("profile__lead_id"), order_by=newest_first),
        )
        .filter(rank__lte=limit)
        .order_by("-created_at", "-pk")
        .values("lead_id", "kind", "created_at", "asset_id", "asset__title")
    )
    by_lead = {}
    for row in rows:
        by_lead.setdefault(row["lead_id"], []).append(row)
    return by_lead


def reading_summary(events):
    """One line a CRM text field can hold: what they did last, with the date."""
    return "; ".join(
        f"{EventKind(event['kind']).label} “{event['asset__title']}” ({event['created_at']:%Y-%m-%d})"
        for event in events
    )


def describe(leads, rules, now=None):
    """[{field: value}] for the leads API: one dict per lead of ``leads`` (from ``for_crm``).

    Four queries whatever the number of leads: the stages and topics named, the recent reading
    (the leads and their profiles are the caller's two).
    """
    now = now or timezone.now()
    leads = list(leads)
    interests = {lead.pk: lead.interests() for lead in leads}
    stage_names = dict(
        BuyingStage.objects.filter(
            pk__in={stage_id for stage_id, _ in interests.values() if stage_id is not None}
        ).values_list("pk", "name")
    )
    topic_names = dict(
        Topic.objects.filter(
            pk__in={topic_id for _, weights in interests.values() for topic_id in weights}
        ).values_list("pk", "name")
    )
    reading = recent_reading([lead.pk for lead in leads])
    described = []
    for lead in leads:
        stage_id, weights = interests[lead.pk]
        strongest = sorted(
            (topic_id for topic_id in weights if topic_id in topic_names),
            key=lambda topic_id: (-weights[topic_id], topic_names[topic_id]),
        )
        profiles = list(lead.profiles.all())
        events = reading.get(lead.pk, [])
        described.append(
            {
                "id": lead.pk,
                "name": lead.name,
                "email": lead.email,
                "state": lead.state,
                "score": round(lead.score(rules, now)),
                "inferred_stage": stage_names.get(stage_id),
                "topics": [topic_names[topic_id] for topic_id in strongest[:TOP_TOPICS]],
                "ready_reason": lead.ready_reason,
                "recent_reading": [
                    {
                        "asset_id": event["asset_id"],
                        "title": event["asset__title"],
                        "kind": event["kind"],
                        "at": event["created_at"],
                    }
                    for event in events
                ],
                "reading_summary": reading_summary(events),
                "first_seen_at": min([lead.created_at, *(p.created_at for p in profiles)]),
                "last_seen_at": max((p.last_seen_at for p in profiles), default=None),
                "created_at": lead.created_at,
                "updated_at": lead.updated_at,
                "first_touch_at": lead.first_touch_at,
                "sales_ready_at": lead.sales_ready_at,
                "accepted_at": lead.accepted_at,
                "accepted_by": lead.accepted_by.get_username() if lead.accepted_by else None,
                "outcome": lead.outcome or None,
                "outcome_note": lead.outcome_note,
                "outcome_at": lead.outcome_at,
                "organisation": lead.organisation_domain,
                "shown_on_organisation": lead.shown_on_organisation,
            }
        )
    return described
