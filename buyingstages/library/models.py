"""Stage-tagged thought-leadership assets and the library that holds them."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from buyingstages.library.blocks import AssetBodyBlock
from buyingstages.library.feeds import TopicAtomFeed, TopicRSSFeed
from buyingstages.library.filters import AssetFilterSet
from buyingstages.library.formats import AssetFormat
from buyingstages.taxonomy.models import (
    BuyingStage,
    Campaign,
    DataCapturePolicy,
    Persona,
    Segment,
    Topic,
)

# The rendition of the hero image that a card shows (asset_grid.html).
CARD_IMAGE_FILTER = "fill-640x336"


# How many next steps an asset page offers (see ``AssetPage.next_steps``).
NEXT_STEP_CARDS = 3
# Wagtail's privacy choices, where a stage's policy allows a login at all.
PRIVATE_PAGE_OPTIONS = ["password", "groups", "login"]


def guards_open_assets(page):
    """Whether making ``page`` private would put a login in front of a live asset whose stage's
    policy does not allow one."""
    return (
        AssetPage.objects.live()
        .descendant_of(page, inclusive=True)
        .exclude(stage__policy=DataCapturePolicy.CUSTOMERS_ONLY)
        .exists()
    )


class SectionPrivacyMixin:
    """For pages that hold assets below them: Wagtail offers no privacy choices while that would
    guard an asset whose stage's policy does not allow a login."""

    @property
    def private_page_options(self):
        return [] if guards_open_assets(self) else PRIVATE_PAGE_OPTIONS


class AssetTopic(TaggedItemBase):
    content_object = ParentalKey(
        "library.AssetPage", on_delete=models.CASCADE, related_name="tagged_topics"
    )
    tag = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="tagged_assets")


class AssetPageQuerySet(PageQuerySet):
    def for_stage(self, stage):
        return self.filter(stage=stage)

    def for_persona(self, persona):
        return self.filter(personas=persona)

    def for_topic(self, topic):
        return self.filter(tagged_topics__tag=topic)

    def of_format(self, asset_format):
        return self.filter(format=asset_format)

    def with_card_data(self):
        """Everything an asset card shows: its stage, and its hero image with the card rendition."""
        images = get_image_model().objects.prefetch_renditions(CARD_IMAGE_FILTER)
        return self.select_related("stage").prefetch_related(Prefetch("hero_image", images))

    def suggested_for(self, stage_id, topic_weights):
        """At the reader's stage (any stage if unknown), the closest match to their topics first."""
        queryset = self.filter(stage_id=stage_id) if stage_id else self
        if not topic_weights:
            return queryset.order_by("-first_published_at", "pk")
        match = models.Case(
            *(
                models.When(tagged_topics__tag_id=topic_id, then=models.Value(float(weight)))
                for topic_id, weight in topic_weights.items()
            ),
            default=models.Value(0.0),
            output_field=models.FloatField(),
        )
        return queryset.annotate(topic_match=Coalesce(models.Sum(match), 0.0)).order_by(
            "-topic_match", "-first_published_at", "pk"
        )

    def in_journey_order(self):
        return self.order_by("stage__sort_order", "-first_published_at", "pk")


AssetPageManager = PageManager.from_queryset(AssetPageQuerySet)


class AssetPage(Page):
    """One piece of ungated thought leadership, tagged by stage, persona, segment and topic."""

    format = models.CharField(max_length=20, choices=AssetFormat.choices)
    summary = models.TextField(
        max_length=300, help_text="One or two sentences for cards and feeds."
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    stage = models.ForeignKey(BuyingStage, on_delete=models.PROTECT, related_name="assets")
    personas = ParentalManyToManyField(Persona, related_name="assets")
    segments = ParentalManyToManyField(Segment, related_name="assets", blank=True)
    topics = ClusterTaggableManager(through=AssetTopic, blank=True)
    body = StreamField(AssetBodyBlock(), blank=True)
    review_by = models.DateField(
        null=True,
        blank=True,
        help_text="When this asset should be checked to see if it is still right.",
    )
    offered_form = models.ForeignKey(
        "audience.MinimalFormPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="An optional form offered beside the asset (e.g. “e-mail me this”). Never required to "
        "read; not allowed at all in stages whose policy is “never gated”.",
    )
    campaigns = ParentalManyToManyField(
        Campaign,
        related_name="assets",
        blank=True,
        help_text="The pushes this asset is part of; its campaign links are made in the Sales library.",
    )
    signal_weight = models.PositiveSmallIntegerField(
        default=0,
        help_text="0: not a signal. Above 0: whoever reads or downloads this is probably checking fit "
        "(e.g. a coverage map or pricing detail); the weight is added to their interest score once.",
    )

    objects = AssetPageManager()

    parent_page_types = ["library.AssetIndexPage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("format"),
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        MultiFieldPanel(
            [
                FieldPanel("stage"),
                FieldPanel("personas", widget=forms.CheckboxSelectMultiple),
                FieldPanel("segments", widget=forms.CheckboxSelectMultiple),
                FieldPanel("topics"),
            ],
            heading="Who and when it is for",
        ),
        FieldPanel("body"),
        InlinePanel("downloads", heading="Downloads", label="Download"),
        FieldPanel("offered_form"),
    ]
    promote_panels = [
        *Page.promote_panels,
        FieldPanel("campaigns", widget=forms.CheckboxSelectMultiple),
    ]
    settings_panels = [*Page.settings_panels, FieldPanel("review_by"), FieldPanel("signal_weight")]

    # Site search (cms/search): whole words in the full-text fields, a partial last word in the
    # autocomplete ones; on PostgreSQL the boosts weight a title match far above one in the body.
    search_fields = [
        *Page.search_fields,
        index.SearchField("title", boost=10),
        index.SearchField("summary", boost=2),
        index.AutocompleteField("summary"),
        index.SearchField("body"),
        index.AutocompleteField("body"),
        index.FilterField("format"),
        index.FilterField("stage"),
        index.RelatedFields("stage", [index.SearchField("name"), index.AutocompleteField("name")]),
        index.RelatedFields("topics", [index.SearchField("name"), index.AutocompleteField("name")]),
        index.RelatedFields(
            "personas", [index.SearchField("name"), index.AutocompleteField("name")]
        ),
    ]

    api_fields = [
        APIField("format"),
        APIField("summary"),
        APIField("stage"),
        APIField("personas"),
        APIField("topics"),
        APIField("body"),
        APIField("review_by"),
    ]

    class Meta:
        verbose_name = "asset"

    @property
    def private_page_options(self):
        """Wagtail's privacy choices for this page: none unless the stage's policy allows a login."""
        return PRIVATE_PAGE_OPTIONS if self.stage_id and self.stage.allows_login else []

    @cached_property
    def shows_offered_form(self):
        """The form beside the asset, only while its stage's policy allows one (a policy changed
        after the form was chosen takes it off the page at once)."""
        form = self.offered_form
        return form if form is not None and form.live and self.stage.allows_forms else None

    def clean(self):
        super().clean()
        if self.stage_id:
            self.check_policy()
        if self.format == AssetFormat.CASE_STUDY and not any(
            block.block_type == "case_study" for block in self.body
        ):
            raise ValidationError(
                {
                    "body": "A case study tells its story outcome-first: add a Case study block "
                    "(outcome, before, after, close the loop, quotes)."
                }
            )

    def check_policy(self):
        """Nothing stands between a reader and the asset that its stage's policy does not allow."""
        stage = self.stage
        if self.offered_form_id and not stage.allows_forms:
            reason = (
                "readers there are still deciding whether they have a problem at all, and a form "
                "sends them away"
                if stage.policy == DataCapturePolicy.NEVER_GATED
                else f"its policy is “{stage.get_policy_display()}”"
            )
            raise ValidationError(
                {
                    "offered_form": f"Assets in the {stage.name} stage offer no form: {reason}. Remove "
                    "the form, or move the asset to a stage that allows optional data capture."
                }
            )
        if stage.allows_login:
            return
        if self.pk and self.get_view_restrictions().exists():
            raise ValidationError(
                f"Assets in the {stage.name} stage are read by anyone, but this one is private (it or a "
                "section above it asks for a login or a password). Make it public first (Privacy), or "
                "move it to a stage whose policy is “Customers only”."
            )
        private = [
            download.document.title
            for download in self.downloads.all()
            if download.document.collection.get_view_restrictions().exists()
        ]
        if private:
            raise ValidationError(
                f"Assets in the {stage.name} stage are read by anyone, but these downloads are in a "
                f"private collection: {', '.join(private)}. Move them to a public collection."
            )

    def listed_under(self):
        """(stage slugs, topic slugs) of the hubs that list this asset, as the database has it."""
        stages = set(AssetPage.objects.filter(pk=self.pk).values_list("stage__slug", flat=True)) - {
            None
        }
        topics = set(
            AssetTopic.objects.filter(content_object_id=self.pk).values_list("tag__slug", flat=True)
        )
        return stages, topics

    @cached_property
    def topic_list(self):
        return list(self.topics.all())

    @cached_property
    def persona_list(self):
        return list(self.personas.all())

    @cached_property
    def download_list(self):
        return list(self.downloads.select_related("document"))

    def case_study_outcome(self):
        """The case study's quantified outcome, told first; empty for other formats."""
        for block in self.body:
            if block.block_type == "case_study":
                return block.value["outcome"]
        return ""

    def next_steps(self, limit=NEXT_STEP_CARDS):
        """The reader's next step: same-topic assets at the nearest later stage that has any."""
        if self.stage_id is None or not self.topic_list:
            return []
        later = (
            AssetPage.objects.live()
            .public()
            .filter(
                tagged_topics__tag__in=self.topic_list,
                stage__sort_order__gt=self.stage.sort_order,
            )
            .exclude(pk=self.pk)
        )
        nearest = later.order_by("stage__sort_order").values_list("stage_id", flat=True).first()
        if nearest is None:
            return []
        return list(
            later.filter(stage_id=nearest)
            .distinct()
            .with_card_data()
            .order_by("-first_published_at", "pk")[:limit]
        )

    @cached_property
    def next_step_cards(self):
        return self.next_steps()

    @cached_property
    def reader_survey(self):
        """The newest active reader survey asked here (``audience.ReaderSurvey``), or None: it takes
        the place of the subscribe offer."""
        return self.surveys.filter(active=True).order_by("-created_at", "-pk").first()


class AssetDownload(Orderable):
    """A file that goes with an asset; always downloadable without a form."""

    page = ParentalKey(AssetPage, on_delete=models.CASCADE, related_name="downloads")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")
    label = models.CharField(
        max_length=120, blank=True, help_text="Defaults to the document title."
    )

    panels = [FieldPanel("document"), FieldPanel("label")]

    def __str__(self):
        return self.label or self.document.title


class AssetIndexPage(SectionPrivacyMixin, RoutablePageMixin, Page):
    """The asset library, with a hub for every buying stage and topic, and per-topic feeds."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    subpage_types = ["library.AssetPage"]
    max_count = 1
    page_size = 12

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = "asset library"

    def assets(self):
        return AssetPage.objects.descendant_of(self).live().public()

    def hub_url(self, route_name, slug, request=None):
        return self.get_url(request) + self.reverse_subpage(route_name, kwargs={"slug": slug})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filterset = AssetFilterSet(request.GET, queryset=self.assets().with_card_data())
        ordered = filterset.qs.order_by("-first_published_at", "pk")
        context["filterset"] = filterset
        context["assets"] = Paginator(ordered, self.page_size).get_page(request.GET.get("page"))
        return context

    @path("")
    def index_route(self, request):
        return self.render(request)

    @path("stage/<slug:slug>/", name="stage")
    def stage_hub(self, request, slug):
        stage = get_object_or_404(BuyingStage, slug=slug)
        assets = (
            self.assets().for_stage(stage).with_card_data().order_by("-first_published_at", "pk")
        )
        return self.render(
            request,
            template="library/stage_hub.html",
            context_overrides={
                "stage": stage,
                "hub_assets": assets,
                "next_stage": stage.next_stages().first(),
                "topics": Topic.objects.filter(
                    tagged_assets__content_object__stage=stage,
                    tagged_assets__content_object__live=True,
                ).distinct(),
            },
        )

    @path("topic/<slug:slug>/", name="topic")
    def topic_hub(self, request, slug):
        topic = get_object_or_404(Topic, slug=slug)
        assets = self.assets().for_topic(topic).with_card_data().in_journey_order()
        return self.render(
            request,
            template="library/topic_hub.html",
            context_overrides={"topic": topic, "hub_assets": assets},
        )

    @path("topic/<slug:slug>/feed/rss/", name="topic_rss")
    def topic_rss(self, request, slug):
        return TopicRSSFeed(self, get_object_or_404(Topic, slug=slug))(request)

    @path("topic/<slug:slug>/feed/atom/", name="topic_atom")
    def topic_atom(self, request, slug):
        return TopicAtomFeed(self, get_object_or_404(Topic, slug=slug))(request)

    def get_cached_paths(self):
        """Every hub and feed, so a CDN drops them with the library when an asset goes live or off."""
        return self.paths_listing(
            BuyingStage.objects.values_list("slug", flat=True),
            Topic.objects.values_list("slug", flat=True),
        )

    def paths_listing(self, stage_slugs, topic_slugs):
        """The library itself, and the hubs and feeds of these stages and topics: where an asset on
        them is listed."""
        paths = ["/"]
        for stage_slug in stage_slugs:
            paths.append(self.reverse_subpage("stage", kwargs={"slug": stage_slug}))
        for topic_slug in topic_slugs:
            for route in ("topic", "topic_rss", "topic_atom"):
                paths.append(self.reverse_subpage(route, kwargs={"slug": topic_slug}))
        return paths

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        root = self.get_full_url(request)
        stages = BuyingStage.objects.filter(assets__live=True).distinct()
        topics = Topic.objects.filter(tagged_assets__content_object__live=True).distinct()
        urls += [
            {"location": root + self.reverse_subpage("stage", kwargs={"slug": s.slug})}
            for s in stages
        ]
        urls += [
            {"location": root + self.reverse_subpage("topic", kwargs={"slug": t.slug})}
            for t in topics
        ]
        return urls
