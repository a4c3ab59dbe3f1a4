"""The vocabulary of the buyer's journey: stages, personas, segments, topics and campaigns."""

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from taggit.models import TagBase
from wagtail.admin.panels import FieldPanel
from wagtail.models import PageViewRestriction


class BaseTaxonomy(models.Model):
    """Name, unique slug, description and an editor-controlled order."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    sort_order = models.IntegerField(default=0, editable=False)

    sort_order_field = "sort_order"

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class DataCapturePolicy(models.TextChoices):
    """What may stand between a reader and the assets of a stage (docs/assets-and-hubs.md).

    Never gated: nothing. Optional: a form offered beside the asset, never required to read it.
    Sales-led: nothing on the site (no form, no login): a salesperson brings these assets to the buyer,
    with a tracked share link. Customers only: a login may guard an asset, for what only customers
    should see; no form. Checked when an asset is saved, when its section is made private, and when a
    stage's policy changes; an offered form shows only while its stage's policy allows it.
    """

    NEVER_GATED = "never_gated", "Never gated: no data capture"
    OPTIONAL = "optional", "Optional name and email, never required to read"
    SALES_LED = "sales_led", "Sales-led: brought by a salesperson, nothing on the site"
    CUSTOMERS_ONLY = "customers_only", "Customers only, where private: a login may guard an asset"


class BuyingStage(BaseTaxonomy):
    """A step of the buyer's journey, in order, with the question the buyer is asking."""

    question = models.CharField(
        max_length=200, help_text="The buyer's question at this stage, in their words."
    )
    policy = models.CharField(
        "data-capture policy",
        max_length=20,
        choices=DataCapturePolicy.choices,
        default=DataCapturePolicy.NEVER_GATED,
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("question"),
        FieldPanel("description"),
        FieldPanel("policy"),
    ]

    class Meta(BaseTaxonomy.Meta):
        verbose_name = "buying stage"

    @property
    def allows_forms(self):
        return self.policy == DataCapturePolicy.OPTIONAL

    @property
    def allows_login(self):
        return self.policy == DataCapturePolicy.CUSTOMERS_ONLY

    def clean(self):
        super().clean()
        if self.pk is None or self.allows_login:
            return
        private_paths = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
        guarded = [
            title
            for title, path in self.assets.live().values_list("title", "path")
            if private_paths and path.startswith(private_paths)
        ]
        if guarded:
            raise ValidationError(
                {
                    "policy": f"Under this policy nothing may guard the stage's assets, but these are "
                    f"private: {', '.join(guarded)}. Make them public first (Privacy, in the page's "
                    "status), or keep “Customers only”."
                }
            )

    def next_stages(self):
        """The stages after this one, nearest first."""
        return BuyingStage.objects.filter(sort_order__gt=self.sort_order).order_by(
            "sort_order", "pk"
        )


class Persona(BaseTaxonomy):
    """A target reader archetype, e.g. the Transformational Leader CIO."""


class SegmentDimension(models.TextChoices):
    INDUSTRY = "industry", "Industry"
    COMPANY_SIZE = "company_size", "Company size"
    REGION = "region", "Region"


class Segment(BaseTaxonomy):
    """A slice of the market: an industry, a company size or a region."""

    dimension = models.CharField(max_length=20, choices=SegmentDimension.choices)

    panels = [*BaseTaxonomy.panels, FieldPanel("dimension")]

    class Meta(BaseTaxonomy.Meta):
        ordering = ["dimension", "sort_order", "name"]

    def __str__(self):
        return f"{self.name} ({self.get_dimension_display().lower()})"


class Topic(TagBase):
    """A business topic readers follow; managed by editors, chosen (not typed) on assets."""

    free_tagging = False

    description = models.TextField(blank=True)
    cycle_weeks = models.PositiveSmallIntegerField(
        "coverage cycle (weeks)",
        null=True,
        blank=True,
        help_text="Plan something on this topic at least this often; the calendar flags longer gaps.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("cycle_weeks"),
    ]

    class Meta:
        ordering = ["name"]


CAMPAIGN_SLUG = re.compile(r"[A-Za-z0-9_-]{1,100}")  # use with fullmatch


class CampaignColour(models.TextChoices):
    """A few colours that stay readable beside the stage colours on the calendar."""

    TEAL = "#2e7d6b", "Teal"
    INDIGO = "#3f51b5", "Indigo"
    AMBER = "#b26a00", "Amber"
    PLUM = "#8e3b76", "Plum"
    SLATE = "#455a64", "Slate"
    RED = "#c62828", "Red"


class CampaignQuerySet(models.QuerySet):
    def known_slugs(self):
        """{slug: id} of every campaign: what the beacon checks a link's utm_campaign against."""
        return dict(self.values_list("slug", "pk"))

    def for_digest(self, cadence_label):
        """The campaign a digest's links carry, made the first time that digest goes out."""
        name = f"{cadence_label} digest"
        campaign, _ = self.get_or_create(
            slug=f"{cadence_label.lower()}-digest",
            defaults={
                "name": name,
                "goal": f"Readers coming back from the {name.lower()} e-mail.",
                "colour": CampaignColour.SLATE,
            },
        )
        return campaign


class Campaign(models.Model):
    """One push: the calendar entries, assets and links that serve a goal, for some stages and personas,
    between two dates. Its slug is the ``utm_campaign`` of its links, so readers' arrivals can be
    told apart by campaign (docs/campaigns.md)."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text="Appears in links as utm_campaign=…; keep it short and readable.",
    )
    goal = models.TextField(blank=True, help_text="What the campaign is for, in a sentence or two.")
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    stages = models.ManyToManyField(BuyingStage, blank=True, related_name="campaigns")
    personas = models.ManyToManyField(Persona, blank=True, related_name="campaigns")
    colour = models.CharField(
        max_length=7, choices=CampaignColour.choices, default=CampaignColour.TEAL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CampaignQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("goal"),
        FieldPanel("starts_on"),
        FieldPanel("ends_on"),
        FieldPanel("stages", widget=forms.CheckboxSelectMultiple),
        FieldPanel("personas", widget=forms.CheckboxSelectMultiple),
        FieldPanel("colour"),
    ]

    class Meta:
        ordering = ["-starts_on", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "The campaign cannot end before it starts."})

    def dates_display(self):
        if self.starts_on and self.ends_on:
            return f"{self.starts_on:%-d %b %Y} – {self.ends_on:%-d %b %Y}"
        if self.starts_on:
            return f"From {self.starts_on:%-d %b %Y}"
        if self.ends_on:
            return f"Until {self.ends_on:%-d %b %Y}"
        return ""

    dates_display.short_description = "Dates"

    def link(self, url, source, medium, content=""):
        """``url`` with readable UTM parameters for this campaign, any query it had kept.

        utm_* values already on the address are replaced, so a link is never attributed twice.
        """
        parts = urlsplit(url)
        kept = [(key, value) for key, value in parse_qsl(parts.query) if not key.startswith("utm_")]
        utm = [("utm_source", source), ("utm_medium", medium), ("utm_campaign", self.slug)]
        if content:
            utm.append(("utm_content", content))
        return urlunsplit(parts._replace(query=urlencode(kept + utm)))
