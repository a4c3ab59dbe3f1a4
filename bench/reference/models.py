"""bakerydemo's blog, as its own code writes it (bakerydemo/blog/models.py, bakerydemo/base/models.py).

A BlogPage with a hero image, a StreamField body, authors (Person snippets with their images) through
an Orderable relationship, tags through ClusterTaggableManager; the site's settings and a footer
snippet as bakerydemo's base template shows them. Nothing here is cached: this is stock Wagtail, the
yardstick for the product's uncached asset page (bench/http_bench.py).
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import DraftStateMixin, Orderable, Page, RevisionMixin
from wagtail.search import index

from bench.reference.blocks import BaseStreamBlock


class Person(DraftStateMixin, RevisionMixin, index.Indexed, ClusterableModel):
    """An author: a snippet with a photo (bakerydemo's base.Person)."""

    first_name = models.CharField("First name", max_length=254)
    last_name = models.CharField("Last name", max_length=254)
    job_title = models.CharField("Job title", max_length=254)
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="reference_person",
        for_concrete_model=False,
    )

    panels = [
        FieldPanel("first_name"),
        FieldPanel("last_name"),
        FieldPanel("job_title"),
        FieldPanel("image"),
    ]
    search_fields = [
        index.SearchField("first_name"),
        index.SearchField("last_name"),
        index.SearchField("job_title"),
    ]

    class Meta:
        verbose_name = "person"
        verbose_name_plural = "people"

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def thumb_image(self):
        return self.image.get_rendition("fill-50x50").img_tag() if self.image else ""


class FooterText(DraftStateMixin, RevisionMixin, models.Model):
    """The footer's text, a snippet (bakerydemo's base.FooterText)."""

    body = RichTextField()
    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="reference_footer_text",
        for_concrete_model=False,
    )

    panels = [FieldPanel("body")]

    class Meta:
        verbose_name_plural = "footer text"

    def __str__(self):
        return "Footer text"


@register_setting(icon="cog")
class GenericSettings(ClusterableModel, BaseGenericSetting):
    mastodon_url = models.URLField(verbose_name="Mastodon URL", blank=True)
    github_url = models.URLField(verbose_name="GitHub URL", blank=True)
    organisation_url = models.URLField(verbose_name="Organisation URL", blank=True)

    panels = [FieldPanel("github_url"), FieldPanel("mastodon_url"), FieldPanel("organisation_url")]


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    title_suffix = models.CharField(
        verbose_name="Title suffix", max_length=255, default="The Wagtail Bakery"
    )

    panels = [FieldPanel("title_suffix")]


class BlogPersonRelationship(Orderable, models.Model):
    """A BlogPage's author: the page and a Person, in order."""

    page = ParentalKey(
        "BlogPage", related_name="blog_person_relationship", on_delete=models.CASCADE
    )
    person = models.ForeignKey(
        Person, related_name="person_blog_relationship", on_delete=models.CASCADE
    )
    panels = [FieldPanel("person")]

    def __str__(self):
        return f"{self.person} on {self.page}"


class BlogPageTag(TaggedItemBase):
    content_object = ParentalKey("BlogPage", related_name="tagged_items", on_delete=models.CASCADE)


class BlogPage(Page):
    introduction = models.TextField(help_text="Text to describe the page", blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Landscape mode only; horizontal width between 1000px and 3000px.",
    )
    body = StreamField(BaseStreamBlock(), verbose_name="Page body", blank=True)
    subtitle = models.CharField(blank=True, max_length=255)
    tags = ClusterTaggableManager(through=BlogPageTag, blank=True)
    date_published = models.DateField("Date article published", blank=True, null=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("subtitle"),
        FieldPanel("introduction"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("date_published"),
        InlinePanel("blog_person_relationship", heading="Authors", label="Author", min_num=1),
        FieldPanel("tags"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("subtitle"),
        index.SearchField("body"),
    ]

    parent_page_types = ["reference.BlogIndexPage"]
    subpage_types = []

    def authors(self):
        """The page's authors that are live (bakerydemo's BlogPage.authors)."""
        return [
            relationship.person
            for relationship in self.blog_person_relationship.filter(
                person__live=True
            ).select_related("person")
        ]

    @property
    def get_tags(self):
        """The page's tags, each with the URL of its archive on the blog index."""
        tags = self.tags.all()
        base_url = self.get_parent().url
        for tag in tags:
            tag.url = f"{base_url}tags/{tag.slug}/"
        return tags

    def sibling_posts(self, limit=3):
        """The newest other posts of the same blog: the "more from the blog" cards."""
        return (
            BlogPage.objects.live()
            .public()
            .sibling_of(self, inclusive=False)
            .order_by("-date_published", "-pk")[:limit]
        )


class BlogIndexPage(RoutablePageMixin, Page):
    introduction = models.TextField(help_text="Text to describe the page", blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("image")]
    subpage_types = ["reference.BlogPage"]

    def children(self):
        return self.get_children().specific().live()

    def get_posts(self, tag=None):
        posts = BlogPage.objects.live().descendant_of(self)
        return posts.filter(tags=tag) if tag else posts

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["posts"] = self.get_posts().order_by("-date_published")
        return context

    @path("")
    def index_route(self, request):
        return self.render(request)

    @path("tags/<slug:tag>/", name="tag_archive")
    def tag_archive(self, request, tag):
        tag = Tag.objects.filter(slug=tag).first()
        posts = self.get_posts(tag=tag).order_by("-date_published") if tag else []
        return self.render(request, context_overrides={"tag": tag, "posts": posts})
