"""An organisation's research as one picture: its people, what each read, the group's stage and
topics, its timeline, and what to send the group next.

Only people who gave their address and consent (``LeadQuerySet.consenting``) are in it; anonymous
reading never is, since every figure starts from a person. A fixed number of queries whatever the size
of the group: people, their profiles, who read what, the timeline, the stage, the topics, the
suggestions.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Max
from django.utils import timezone

from buyingstages.audience.models import ContentEvent, Lead, LeadState, VisitorProfile
from buyingstages.library.models import AssetPage
from buyingstages.taxonomy.models import BuyingStage, Topic

PEOPLE_SHOWN = 100
TIMELINE_LENGTH = 50
READ_TITLES_SHOWN = 6


@dataclass
class Person:
    lead: Lead
    score: float = 0.0
    stage_id: int | None = None
    stage_name: str = ""
    read: list = field(default_factory=list)  # titles, most recent first

    @property
    def more_read(self):
        return max(len(self.read) - READ_TITLES_SHOWN, 0)

    @property
    def read_shown(self):
        return self.read[:READ_TITLES_SHOWN]


@dataclass
class GroupPicture:
    people: list
    people_count: int
    stage_name: str  # where the group as a whole reads; "" when not known yet
    topics: list
    timeline: list
    send_next: list
    waiting: list  # sales-ready people shown on the organisation rather than in the inbox

    @property
    def more_people(self):
        return self.people_count - len(self.people)


def people_of(organisation):
    """The organisation's people who gave address and consent."""
    return Lead.objects.consenting().filter(organisation=organisation)


def picture(organisation, rules, now=None, suggestions=5):
    now = now or timezone.now()
    members = people_of(organisation)
    leads = list(
        members.select_related("accepted_by")
        .annotate(last_read_at=Max("profiles__events__created_at"))
        .order_by("-last_read_at", "name", "pk")
    )
    people = {lead.pk: Person(lead) for lead in leads}
    stages, topics = defaultdict(float), defaultdict(float)
    person_stages = defaultdict(lambda: defaultdict(float))
    profiles = VisitorProfile.objects.filter(lead__in=members).values_list(
        "lead_id", "score", "scored_at", "stage_interest", "topic_interest"
    )
    for lead_id, score, scored_at, stage_interest, topic_interest in profiles:
        people[lead_id].score += score * rules.decay_factor(scored_at, now)
        for key, weight in stage_interest.items():
            stages[int(key)] += weight
            person_stages[lead_id][int(key)] += weight
        for key, weight in topic_interest.items():
            topics[int(key)] += weight
    for lead_id, weights in person_stages.items():
        people[lead_id].stage_id = max(weights, key=weights.get)
    shown = leads[:PEOPLE_SHOWN]
    read = (
        ContentEvent.objects.filter(profile__lead__in=[lead.pk for lead in shown])
        .values("profile__lead_id", "asset__title")
        .annotate(last=Max("created_at"))
        .order_by("-last")
    )
    for row in read:
        people[row["profile__lead_id"]].read.append(row["asset__title"])
    stage_names = dict(BuyingStage.objects.values_list("pk", "name"))
    for person in people.values():
        person.stage_name = stage_names.get(person.stage_id, "")
    stage_id = max(stages, key=stages.get) if stages else None
    top_topic_ids = sorted(topics, key=topics.get, reverse=True)[:5]
    top_topics = sorted(
        Topic.objects.filter(pk__in=top_topic_ids), key=lambda topic: -topics[topic.pk]
    )
    timeline = list(
        ContentEvent.objects.filter(profile__lead__in=members)
        .select_related("asset", "profile__lead", "share_link__owner")
        .order_by("-created_at", "-pk")[:TIMELINE_LENGTH]
    )
    read_by_group = ContentEvent.objects.filter(profile__lead__in=members).values("asset_id")
    send_next = list(
        AssetPage.objects.live()
        .public()
        .exclude(pk__in=read_by_group)
        .suggested_for(stage_id, dict(topics))
        .select_related("stage")[:suggestions]
    )
    return GroupPicture(
        people=[people[lead.pk] for lead in shown],
        people_count=len(leads),
        stage_name=stage_names.get(stage_id, ""),
        topics=top_topics,
        timeline=timeline,
        send_next=send_next,
        waiting=[
            people[lead.pk]
            for lead in leads
            if lead.shown_on_organisation and lead.state == LeadState.SALES_READY
        ],
    )
