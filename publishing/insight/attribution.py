"""What each campaign brought: readers, read-through, subscriptions, sales-ready leads and CRM outcomes.

Honest attribution: a result counts for a campaign only when the campaign's link reached the person
before it (a subscription confirmed, a lead made sales-ready, an outcome reported after their first
arrival through the campaign). "First touch" credits the campaign that reached them first of all;
"any touch" every campaign that reached them before the result. Four queries, whatever the numbers.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef

from buyingstages.audience.models import ContentEvent, EventKind, ProfileCampaignTouch
from buyingstages.audience.models.leads import LeadOutcome
from buyingstages.taxonomy.models import Campaign


@dataclass
class CampaignResult:
    campaign: Campaign
    readers: int = 0
    read_through: int = 0
    subscribed_first: int = 0
    subscribed_any: int = 0
    sales_ready_first: int = 0
    sales_ready_any: int = 0
    outcomes: dict = field(default_factory=dict)  # {outcome value: leads}, any touch

    @property
    def read_through_percent(self):
        return round(100 * self.read_through / self.readers) if self.readers else 0

    def outcome_list(self):
        """[(label, leads)] in the CRM's order, for outcomes reported at all."""
        return [
            (label, self.outcomes[value])
            for value, label in LeadOutcome.choices
            if value in self.outcomes
        ]


def campaign_results():
    """One CampaignResult per campaign, newest campaign first."""
    results = {campaign.pk: CampaignResult(campaign) for campaign in Campaign.objects.all()}
    touches = ProfileCampaignTouch.objects.order_by()
    for campaign_id, count in (
        touches.values("campaign").annotate(n=Count("pk")).values_list("campaign", "n")
    ):
        results[campaign_id].readers = count
    # Read to the end, after arriving through the campaign.
    read_through = touches.filter(
        Exists(
            ContentEvent.objects.filter(
                profile=OuterRef("profile"),
                kind=EventKind.READ,
                sections_seen__gte=F("sections_total"),
                created_at__gte=OuterRef("first_at"),
            )
        )
    )
    for campaign_id, count in (
        read_through.values("campaign").annotate(n=Count("pk")).values_list("campaign", "n")
    ):
        results[campaign_id].read_through = count
    add_lead_results(results, touches)
    return list(results.values())


def add_lead_results(results, touches):
    """Subscriptions, sales-ready leads and outcomes, first touch and any touch, from one query over
    the touches of known leads."""
    rows = touches.filter(profile__lead__isnull=False).values_list(
        "campaign_id",
        "first_at",
        "profile__lead_id",
        "profile__lead__subscription__confirmed_at",
        "profile__lead__sales_ready_at",
        "profile__lead__outcome",
        "profile__lead__outcome_at",
    )
    by_lead = defaultdict(dict)  # lead → {campaign: earliest arrival}
    facts = {}
    for campaign_id, first_at, lead_id, confirmed_at, ready_at, outcome, outcome_at in rows:
        arrivals = by_lead[lead_id]
        arrivals[campaign_id] = min(first_at, arrivals.get(campaign_id, first_at))
        facts[lead_id] = (confirmed_at, ready_at, outcome, outcome_at)
    for lead_id, arrivals in by_lead.items():
        confirmed_at, ready_at, outcome, outcome_at = facts[lead_id]
        first_campaign = min(arrivals, key=arrivals.get)
        for campaign_id, arrived in arrivals.items():
            result = results[campaign_id]
            first = campaign_id == first_campaign
            if confirmed_at and arrived <= confirmed_at:
                result.subscribed_any += 1
                result.subscribed_first += first
            if ready_at and arrived <= ready_at:
                result.sales_ready_any += 1
                result.sales_ready_first += first
            if outcome and (outcome_at is None or arrived <= outcome_at):
                result.outcomes[outcome] = result.outcomes.get(outcome, 0) + 1


CSV_HEADINGS = [
    "campaign",
    "utm_campaign",
    "starts",
    "ends",
    "readers",
    "read to the end",
    "subscribed (first touch)",
    "subscribed (any touch)",
    "sales-ready (first touch)",
    "sales-ready (any touch)",
    *(f"CRM: {label.lower()} (any touch)" for _, label in LeadOutcome.choices),
]


def csv_rows(results):
    for result in results:
        campaign = result.campaign
        yield [
            campaign.name,
            campaign.slug,
            campaign.starts_on.isoformat() if campaign.starts_on else "",
            campaign.ends_on.isoformat() if campaign.ends_on else "",
            result.readers,
            result.read_through,
            result.subscribed_first,
            result.subscribed_any,
            result.sales_ready_first,
            result.sales_ready_any,
            *(result.outcomes.get(value, 0) for value in LeadOutcome.values),
        ]
