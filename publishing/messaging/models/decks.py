"""Sales decks: ordered slides drawn from messages and assets, rendered to .pptx from a brand template."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail.snippets.blocks import SnippetChooserBlock

from buyingstages.library.blocks import FormSafeStreamBlock
from publishing.messaging.models.messages import Message, MessagePart

EDIT_DECKS = "messaging.change_salesdeck"


class MessageSlideBlock(blocks.StructBlock):
    message = SnippetChooserBlock(Message)
    parts = blocks.MultipleChoiceBlock(
        choices=MessagePart.choices,
        required=False,
        help_text="Leave empty for the whole message.",
    )

    class Meta:
        icon = "openquote"
        label = "Message slide"

    def clean(self, value):
        value = super().clean(value)
        message = value.get("message")
        if message is not None and message.is_test_variant:
            raise blocks.StructBlockValidationError(
                {
                    "message": ValidationError(
                        "Test variants run on chosen web pages only; decks use the main message."
                    )
                }
            )
        return value


class AssetSlideBlock(blocks.StructBlock):
    asset = blocks.PageChooserBlock(page_type="library.AssetPage")

    class Meta:
        icon = "doc-full"
        label = "Asset slide"


class TextSlideBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(max_length=1500, help_text="One point per line.")
    notes = blocks.TextBlock(
        max_length=3000,
        required=False,
        help_text="Speaker notes: kept with the slide when the deck is rendered again.",
    )

    class Meta:
        icon = "pilcrow"
        label = "Text slide"


class SlidesBlock(FormSafeStreamBlock):
    message_slide = MessageSlideBlock()
    asset_slide = AssetSlideBlock()
    text_slide = TextSlideBlock()


class SalesDeckQuerySet(models.QuerySet):
    def marketing(self):
        """Decks marketing makes, which everyone in Sales sees."""
        return self.filter(owner__isnull=True)

    def owned_by(self, user):
        """A salesperson's own decks: only they (and editors) see them."""
        return self.filter(owner=user) if user.is_authenticated else self.none()

    def copyable_by(self, user):
        """What a salesperson may copy to their decks: marketing's finished decks and their own."""
        return self.marketing().filter(is_draft=False) | self.owned_by(user)

    def using_message(self, message):
        """Decks with a slide showing this message (slides are JSON, so match the id in Python)."""
        return self.filter(
            pk__in=[
                deck.pk for deck in self.only("pk", "slides") if message.pk in deck.message_ids()
            ]
        )

    def using_asset(self, asset):
        """Decks with a slide showing this asset (a page or its id; it may be unpublished or gone)."""
        asset_id = getattr(asset, "pk", asset)
        return self.filter(
            pk__in=[deck.pk for deck in self.only("pk", "slides") if asset_id in deck.asset_ids()]
        )


class SalesDeck(index.Indexed, models.Model):
    """An ordered list of slides, re-rendered when a message or an asset it shows changes."""

    title = models.CharField(max_length=120)
    slug = models.SlugField(unique=True, help_text="Its address: /sales/decks/<slug>.pptx")
    audience = models.CharField(max_length=200, blank=True, help_text="Who it is for.")
    slides = StreamField(SlidesBlock())
    is_draft = models.BooleanField(
        "draft",
        default=False,
        help_text="Drafts are for editors: sales cannot download them.",
    )

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sales_decks",
        help_text="Empty for marketing's decks; a salesperson's own deck is theirs and editors' only.",
    )

    objects = SalesDeckQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("audience"),
        FieldPanel("slides"),
        FieldPanel("is_draft"),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        ordering = ["title"]
        verbose_name = "sales deck"

    def __str__(self):
        return self.title

    def give_to(self, owner):
        """Make it the salesperson's own deck, at an address of its own (slugs are unique)."""
        self.owner = owner
        base = slugify(f"{owner.get_username()}-{self.title}")[:40].strip("-") or "deck"
        slug, number = base, 1
        while SalesDeck.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            number += 1
            slug = f"{base}-{number}"
        self.slug = slug

    def is_visible_to(self, user):
        """Marketing's decks are for everyone in Sales; an owned deck for its owner and editors."""
        return self.owner_id is None or self.owner_id == user.pk or user.has_perm(EDIT_DECKS)

    def message_ids(self):
        """The messages on the slides, read from the stored JSON without loading them."""
        return {
            slide["value"]["message"]
            for slide in self.slides.raw_data
            if slide["type"] == "message_slide" and slide["value"].get("message")
        }

    def asset_ids(self):
        """The asset pages on the slides, read from the stored JSON without loading them."""
        return {
            slide["value"]["asset"]
            for slide in self.slides.raw_data
            if slide["type"] == "asset_slide" and slide["value"].get("asset")
        }

    def current_rendering(self, now=None):
        """The good rendering live now: the newest whose moment has come."""
        return (
            self.renderings.filter(
                status=RenderStatus.OK,
                live_from__isnull=False,
                live_from__lte=now or timezone.now(),
            )
            .order_by("-live_from", "-pk")
            .first()
        )

    def last_rendering(self):
        return self.renderings.order_by("-created_at", "-pk").first()

    def get_download_url(self):
        return reverse("sales_deck_pptx", args=[self.slug])

    def get_slides_url(self):
        return reverse("sales_deck_html", args=[self.slug])


class RenderStatus(models.TextChoices):
    OK = "ok", "Rendered"
    FAILED = "failed", "Failed"


def private_storage():
    """Where decks are kept: only the deck views (which check who asks) serve them."""
    return storages["private"]


def deck_upload_path(instance, filename):
    return f"decks/{instance.deck.slug}/{timezone.now():%Y%m%d-%H%M%S}-{instance.pk or 'new'}.pptx"


def deck_pdf_upload_path(instance, filename):
    return f"decks/{instance.deck.slug}/{timezone.now():%Y%m%d-%H%M%S}-{instance.pk or 'new'}.pdf"


class DeckRendering(models.Model):
    """One rendering of a deck: the .pptx, its HTML twin, and which message revisions it used."""

    deck = models.ForeignKey(SalesDeck, on_delete=models.CASCADE, related_name="renderings")
    status = models.CharField(max_length=10, choices=RenderStatus.choices)
    error = models.TextField(blank=True)
    file = models.FileField(upload_to=deck_upload_path, storage=private_storage, blank=True)
    # Made from the .pptx by the worker (publishing/messaging/pdf.py); empty until then, or if it failed.
    pdf = models.FileField(upload_to=deck_pdf_upload_path, storage=private_storage, blank=True)
    html = models.TextField(blank=True)
    # {"<message id>": <revision id>} for every message on the slides.
    message_revisions = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    live_from = models.DateTimeField(
        null=True, blank=True, db_index=True, help_text="Empty until the switch makes it live."
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.deck} rendering {self.pk} ({self.get_status_display().lower()})"

    def embargoed_messages(self, now=None):
        now = now or timezone.now()
        return Message.objects.filter(
            pk__in=[int(pk) for pk in self.message_revisions], embargo_until__gt=now
        )


def validate_template_upload(file):
    from publishing.messaging.rendering import BadTemplate, check_template

    if file.size > settings.MASTHEAD_MAX_PPTX_BYTES:
        raise ValidationError(
            f"The file is larger than {settings.MASTHEAD_MAX_PPTX_BYTES // 1_000_000} MB."
        )
    try:
        check_template(file)
    except BadTemplate as error:
        raise ValidationError(str(error)) from error


class DeckTemplate(models.Model):
    """The brand's .pptx: its slide layouts, fonts and colours are what every deck is drawn on."""

    name = models.CharField(max_length=120)
    file = models.FileField(
        upload_to="deck-templates/",
        storage=private_storage,
        validators=[FileExtensionValidator(["pptx"]), validate_template_upload],
        help_text="A .pptx with a title layout and a title-and-content layout. The newest template is "
        "used; uploading one re-renders every deck.",
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldPanel(
            "file",
            help_text="A .pptx whose slide layouts are named for what Masthead draws on them "
            "(any case): “Title” and “Message” are needed (“Title Slide” and “Title and Content” "
            "will do); “Section”, “Metrics”, “Quote”, “Asset” and “Closing” are used when present, "
            "and “Message” stands in for any that are missing. The newest template is used; "
            "uploading one re-renders every deck.",
        ),
    ]

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = "brand template"

    def __str__(self):
        return self.name
