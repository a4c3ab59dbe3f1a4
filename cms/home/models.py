"""Site pages that frame the library: the home page, plain content pages and site branding."""

from django.db import models
from django.utils.functional import SimpleLazyObject
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from buyingstages.library.blocks import SectionBlock
from buyingstages.library.models import AssetIndexPage, AssetPage, SectionPrivacyMixin
from buyingstages.taxonomy.models import BuyingStage, Topic
from cms.home.blocks import MessageBlock


class HomePage(SectionPrivacyMixin, Page):
    """The front page: the promise, featured reading, and the buyer's journey at a glance."""

    hero_heading = models.CharField(max_length=120)
    hero_intro = models.TextField(max_length=400, blank=True)
    story = StreamField(
        [("message", MessageBlock())],
        blank=True,
        help_text="The company's message under the hero, always as currently published.",
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "library.AssetIndexPage",
        "audience.MinimalFormPage",
        "home.StandardPage",
    ]
    max_count = 1

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_heading"),
        FieldPanel("hero_intro"),
        FieldPanel("story"),
        InlinePanel("featured_assets", heading="Featured assets", label="Asset", max_num=6),
    ]

    def featured_cards(self):
        """The featured assets that are live and public, in the editor's order."""
        featured_ids = [item.asset_id for item in self.featured_assets.all()]
        live = AssetPage.objects.live().public().with_card_data().filter(pk__in=featured_ids)
        by_id = {asset.pk: asset for asset in live}
        return [by_id[pk] for pk in featured_ids if pk in by_id]

    def get_context(self, request, *args, **kwargs):
        """Everything is read lazily: a kept fragment of the page reads none of it."""
        context = super().get_context(request, *args, **kwargs)
        featured = SimpleLazyObject(self.featured_cards)
        context.update(
            library=SimpleLazyObject(AssetIndexPage.objects.live().descendant_of(self).first),
            featured=featured,
            latest=AssetPage.objects.live()
            .public()
            .with_card_data()
            .exclude(pk__in=self.featured_assets.values("asset_id"))
            .order_by("-first_published_at")[:6],
            stages=BuyingStage.objects.annotate(
                asset_count=models.Count("assets", filter=models.Q(assets__live=True))
            ).order_by("sort_order", "name"),
            topics=Topic.objects.annotate(
                asset_count=models.Count(
                    "tagged_assets", filter=models.Q(tagged_assets__content_object__live=True)
                )
            )
            .filter(asset_count__gt=0)
            .order_by("name"),
        )
        return context


class HomePageFeaturedAsset(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_assets")
    asset = models.ForeignKey(AssetPage, on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("asset")]


class StandardPage(SectionPrivacyMixin, Page):
    """A plain page: about us, privacy, contact."""

    intro = models.TextField(max_length=400, blank=True)
    body = StreamField([("section", SectionBlock()), ("message", MessageBlock())], blank=True)

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]


@register_setting(icon="site")
class BrandSettings(BaseSiteSetting):
    """The organisation's name and strapline as shown in the header, footer and feeds."""

    organisation_name = models.CharField(max_length=80, default="Masthead")
    strapline = models.CharField(max_length=160, blank=True)
    footer_note = RichTextField(blank=True, features=["bold", "italic", "link"])

    panels = [FieldPanel("organisation_name"), FieldPanel("strapline"), FieldPanel("footer_note")]

    class Meta:
        verbose_name = "branding"
