"""The vocabulary of the buyer's journey: stages, personas, segments and topics."""

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
