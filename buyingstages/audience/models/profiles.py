"""What reading tells us: anonymous visitor profiles, their events, and the rules for sales-readiness."""

import math
import operator
import uuid
from collections import defaultdict
from functools import reduce

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Greatest, Least
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from buyingstages.common.secrets import hash_token
from buyingstages.taxonomy.models import BuyingStage, Campaign


@register_setting(icon="pick")
class ProfilingSettings(BaseGenericSetting):
    """The agreement between marketing and sales on what "sales-ready" means, and privacy choices."""

    sales_ready_threshold = models.PositiveIntegerField(
        default=40, help_text="A known lead whose interest score reaches this is sales-ready."
    )
    strong_signal_weight = models.PositiveSmallIntegerField(
        default=30,
        help_text="Reading or downloading an asset with at least this signal weight makes a known lead "
        "sales-ready at once.",
    )
    score_half_life_days = models.PositiveSmallIntegerField(
        default=30,
        validators=[MinValueValidator(1)],
        help_text="Interest halves over this many days.",
    )
    view_points = models.PositiveSmallIntegerField(default=1)
    read_points = models.PositiveSmallIntegerField(
        default=4,
        help_text="For reading every section of an asset; a partial read earns its share.",
    )
    download_points = models.PositiveSmallIntegerField(default=6)
    share_arrival_points = models.PositiveSmallIntegerField(default=3)
    contact_cadence_days = models.PositiveSmallIntegerField(
        "contact cadence (days)",
        default=30,
        help_text="One contact per organisation in this many days: the inbox warns before a second "
        "contact inside it. 0: no cadence.",
    )
    consent_required = models.BooleanField(
        default=False,
        help_text="Ask visitors before learning from their reading (and record nothing until they agree).",
    )
    consent_wording = models.TextField(
        default="We learn which topics interest you from what you read here, to suggest more of it. "
        "It stays on this site and is never sold or shared.",
    )
    anonymous_retention_days = models.PositiveSmallIntegerField(
        default=180,
        validators=[MinValueValidator(1)],
        help_text="Anonymous profiles (no subscriber behind them) unseen for this long are deleted.",
    )
    events_per_minute = models.PositiveSmallIntegerField(
        default=60, validators=[MinValueValidator(1)], help_text="Beacon rate limit per visitor."
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("sales_ready_threshold"),
                FieldPanel("strong_signal_weight"),
                FieldPanel("score_half_life_days"),
                FieldPanel("view_points"),
                FieldPanel("read_points"),
                FieldPanel("download_points"),
                FieldPanel("share_arrival_points"),
                FieldPanel("contact_cadence_days"),
            ],
            heading="Sales-ready rules (agreed with sales)",
        ),
        MultiFieldPanel(
            [
                FieldPanel("consent_required"),
                FieldPanel("consent_wording"),
                FieldPanel("anonymous_retention_days"),
                FieldPanel("events_per_minute"),
            ],
            heading="Privacy",
        ),
    ]

    class Meta:
        verbose_name = "profiling and sales-ready rules"

    def decay_factor(self, since, now):
        """How much interest gathered at `since` is still worth at `now` (1.0 .. 0.0)."""
        if since is None or now <= since:
            return 1.0
        days = (now - since).total_seconds() / 86400
        return math.pow(0.5, days / self.score_half_life_days)


class EventKind(models.TextChoices):
    VIEW = "view", "Viewed"
    READ = "read", "Read"
    DOWNLOAD = "download", "Downloaded"
    SHARE_ARRIVAL = "share", "Arrived by a share link"
    NEXT_STEP = "next", "Clicked a next step"


class ErasedVisitorQuerySet(models.QuerySet):
    def among(self, visitor_ids):
        """Which of these visitor ids belong to a reader who asked for erasure."""
        hashes = {hash_token(str(visitor_id)): str(visitor_id) for visitor_id in visitor_ids}
        found = self.filter(visitor_hash__in=hashes).values_list("visitor_hash", flat=True)
        return {hashes[visitor_hash] for visitor_hash in found}


class ErasedVisitor(models.Model):
    """A browser id whose reader asked for erasure: its events are dropped, so the id their browser
    may still hold cannot build them again. Only a hash of the id is kept."""

    visitor_hash = models.CharField(max_length=64, unique=True)
    erased_at = models.DateTimeField(auto_now_add=True)

    objects = ErasedVisitorQuerySet.as_manager()

    class Meta:
        verbose_name = "erased visitor"

    def __str__(self):
        return f"Erased {self.erased_at:%Y-%m-%d}"

    @classmethod
    def remember(cls, visitor_ids):
        cls.objects.bulk_create(
            [cls(visitor_hash=hash_token(str(visitor_id))) for visitor_id in visitor_ids],
            ignore_conflicts=True,
        )


class VisitorProfile(models.Model):
    """One browser's anonymous reading history, summarised incrementally. No IP, no user agent."""

    visitor_id = models.UUIDField(unique=True, default=uuid.uuid4)
    lead = models.ForeignKey(
        "audience.Lead",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="profiles",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField(db_index=True)
    score = models.FloatField(default=0)
    scored_at = models.DateTimeField(null=True, blank=True)
    topic_interest = models.JSONField(default=dict, blank=True)
    stage_interest = models.JSONField(default=dict, blank=True)
    inferred_stage = models.ForeignKey(
        BuyingStage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "visitor profile"

    def __str__(self):
        return f"Visitor {str(self.visitor_id)[:8]}"

    def current_score(self, rules, now):
        return self.score * rules.decay_factor(self.scored_at, now)

    def add_interest(self, points, stage_id, topic_ids, rules, now):
        """Decay what is there, add this event's points: O(size of the taxonomy), never O(history)."""
        factor = rules.decay_factor(self.scored_at, now)
        self.score = self.score * factor + points
        self.topic_interest = decayed(self.topic_interest, factor)
        self.stage_interest = decayed(self.stage_interest, factor)
        for topic_id in topic_ids:
            key = str(topic_id)
            self.topic_interest[key] = round(self.topic_interest.get(key, 0) + points, 3)
        if stage_id is not None:
            key = str(stage_id)
            self.stage_interest[key] = round(self.stage_interest.get(key, 0) + points, 3)
            self.inferred_stage_id = int(
                max(self.stage_interest.items(), key=lambda item: item[1])[0]
            )
        self.scored_at = now


def decayed(weights, factor):
    return {
        key: round(value * factor, 3) for key, value in weights.items() if value * factor >= 0.01
    }


class ContentEvent(models.Model):
    """One thing a visitor did with an asset.

    The table grows to millions of rows, so each index earns its place (see docs/profiling-and-privacy.md):
    (profile, asset, kind) serves scoring, a lead's timeline and the purge; (asset, kind) the share
    arrivals that sales see; share links are indexed only where there is one.
    """

    profile = models.ForeignKey(
        VisitorProfile, on_delete=models.CASCADE, related_name="events", db_index=False
    )
    asset = models.ForeignKey(
        "library.AssetPage", on_delete=models.CASCADE, related_name="events", db_index=False
    )
    kind = models.CharField(max_length=10, choices=EventKind.choices)
    sections_seen = models.PositiveSmallIntegerField(null=True, blank=True)
    sections_total = models.PositiveSmallIntegerField(null=True, blank=True)
    share_link = models.ForeignKey(
        "sales.ShareLink",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="arrivals",
        db_index=False,
        help_text="For arrivals: whose link brought them.",
    )
    points = models.FloatField(default=0)
    created_at = models.DateTimeField(db_index=True)
    event_id = models.UUIDField(
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="The browser's id for the event: an event delivered twice is stored once.",
    )
    story_variant = models.CharField(  # noqa: DJ001 (NULL for most rows: the partial index skips them)
        max_length=16,
        null=True,
        blank=True,
        editable=False,
        help_text="The version of a story under test the reader was shown (“12:B”), as signed by "
        "the site.",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["profile", "asset", "kind"]),
            models.Index(fields=["asset", "kind"], name="contentevent_asset_kind"),
            models.Index(
                fields=["share_link"],
                condition=models.Q(share_link__isnull=False),
                name="contentevent_share_link",
            ),
            models.Index(
                fields=["story_variant", "created_at"],
                condition=models.Q(story_variant__isnull=False),
                name="contentevent_story_variant",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.asset_id}"


class RollupWatermark(models.Model):
    """How far the events have been folded into the AssetStats rollup (one row; buyingstages/audience/stats.py)."""

    last_event_id = models.BigIntegerField(
        default=0, help_text="Every event up to this id is counted in the rollup."
    )
    refreshed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "rollup watermark"

    def __str__(self):
        return f"Events folded up to {self.last_event_id}"


class CampaignTouchQuerySet(models.QuerySet):
    def record(self, touches):
        """Upsert [(profile id, campaign id, when)]: one row per reader and campaign, its first and
        latest arrival. Campaigns deleted meanwhile are skipped. Three queries (the campaigns, the
        INSERT, the UPDATE) whatever the count on PostgreSQL; SQLite's limit of 999 parameters a
        query splits the INSERT into one per 249 pairs, so n distinct pairs take 2 + ⌈n / 249⌉.

        Buffered events may be folded out of the order they happened in (a delayed beacon, a batch
        folded by another worker), so a row's bounds only ever widen: the database keeps the earlier
        first and the later last arrival, whichever the fold brings first.
        """
        rows = {}
        for profile_id, campaign_id, at in touches:
            first, last = rows.get((profile_id, campaign_id), (at, at))
            rows[(profile_id, campaign_id)] = (min(first, at), max(last, at))
        if not rows:
            return 0
        known = set(
            Campaign.objects.filter(pk__in={campaign for _, campaign in rows}).values_list(
                "pk", flat=True
            )
        )
        rows = {key: bounds for key, bounds in rows.items() if key[1] in known}
        if not rows:
            return 0
        self.bulk_create(
            [
                ProfileCampaignTouch(
                    profile_id=profile_id, campaign_id=campaign_id, first_at=first, last_at=last
                )
                for (profile_id, campaign_id), (first, last) in rows.items()
            ],
            ignore_conflicts=True,
        )
        # Rows that were there already widen to take these arrivals in (new rows hold them already).
        # Only this batch's pairs: other rows of its readers and campaigns are neither rewritten nor,
        # on PostgreSQL, locked against another worker folding them.
        readers_by_campaign = defaultdict(set)
        for profile_id, campaign_id in rows:
            readers_by_campaign[campaign_id].add(profile_id)
        self.filter(
            reduce(
                operator.or_,
                (
                    models.Q(campaign_id=campaign_id, profile_id__in=readers)
                    for campaign_id, readers in readers_by_campaign.items()
                ),
            )
        ).update(
            first_at=Least("first_at", per_touch(rows, 0, "first_at")),
            last_at=Greatest("last_at", per_touch(rows, 1, "last_at")),
        )
        return len(rows)


def per_touch(rows, index, field_name):
    """A CASE giving each (profile, campaign) row its bound from ``rows``; other rows keep theirs."""
    output_field = ProfileCampaignTouch._meta.get_field(field_name)
    return models.Case(
        *(
            models.When(
                profile_id=profile_id,
                campaign_id=campaign_id,
                then=models.Value(bounds[index], output_field=output_field),
            )
            for (profile_id, campaign_id), bounds in rows.items()
        ),
        default=models.F(field_name),
        output_field=output_field,
    )


class ProfileCampaignTouch(models.Model):
    """A reader arrived through a campaign's link: when first, and when last. Part of the profile, so
    exported, erased and purged with it. Only a known campaign is ever recorded, never the raw
    utm_campaign a browser sent."""

    profile = models.ForeignKey(
        VisitorProfile, on_delete=models.CASCADE, related_name="campaign_touches"
    )
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="touches")
    first_at = models.DateTimeField()
    last_at = models.DateTimeField()

    objects = CampaignTouchQuerySet.as_manager()

    class Meta:
        verbose_name = "campaign touch"
        constraints = [
            models.UniqueConstraint(fields=["profile", "campaign"], name="one_touch_per_campaign")
        ]
        indexes = [models.Index(fields=["campaign", "first_at"], name="touch_campaign_first")]

    def __str__(self):
        return f"{self.campaign} on {self.first_at:%Y-%m-%d}"
