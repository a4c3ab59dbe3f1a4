"""The company's canonical story: messages, and the releases that move site and decks together.

A message is a Wagtail snippet with drafts, revisions, locking, preview, workflow and scheduling. What the
site and the decks show is not the snippet's live row but its current *release*: a published revision that
goes live at a moment (now, or the scheduled go-live), once every deck using it has been re-rendered.
"""

import re

from django import forms
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    Revision,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from buyingstages.library.blocks import FormSafeStreamBlock

ENABLES = re.compile(r"\benabl(e|es|ed|ing)\b", re.IGNORECASE)


class QuantifiedOutcomeBlock(blocks.StructBlock):
    figure = blocks.CharBlock(max_length=20, help_text="The number: “38%”, “7 months”, “£1.2m”.")
    outcome = blocks.CharBlock(max_length=160, help_text="What changed: “less unplanned downtime”.")
    context = blocks.CharBlock(
        max_length=160, required=False, help_text="Whose result, and over what time."
    )

    class Meta:
        icon = "pick"
        label = "Quantified outcome"

    def as_text(self, value):
        context = f" ({value['context']})" if value["context"] else ""
        return f"{value['figure']} {value['outcome']}{context}"


class CustomerQuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=400)
    attribution = blocks.CharBlock(max_length=120, help_text="Name and role.")
    organisation = blocks.CharBlock(max_length=120)

    class Meta:
        icon = "openquote"
        label = "Customer quote"

    def as_text(self, value):
        return f"“{value['quote']}” ({value['attribution']}, {value['organisation']})"


class EndorsementBlock(blocks.StructBlock):
    source = blocks.CharBlock(max_length=120, help_text="The analyst, award or reviewer.")
    statement = blocks.TextBlock(max_length=400)
    url = blocks.URLBlock(required=False)

    class Meta:
        icon = "success"
        label = "Third-party endorsement"

    def as_text(self, value):
        return f"{value['source']}: {value['statement']}"


class ProofPointsBlock(FormSafeStreamBlock):
    quantified_outcome = QuantifiedOutcomeBlock()
    customer_quote = CustomerQuoteBlock()
    endorsement = EndorsementBlock()


class MessagePart(models.TextChoices):
    HEADLINE = "headline", "Headline value statement"
    JOB = "job", "The job it is hired for"
    CATEGORY = "category", "Category context"
    PROOF = "proof_points", "Proof points"
    BOILERPLATE = "boilerplate", "Boilerplate"


class Message(
    PreviewableMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    index.Indexed,
    models.Model,
):
    """One part of the company's core story, kept once and shown everywhere."""

    name = models.CharField(max_length=120, unique=True, help_text="How editors refer to it.")
    headline = models.CharField(
        "headline value statement",
        max_length=200,
        help_text="The value the company delivers, in one sentence.",
    )
    job = models.TextField(
        "the job it is hired for",
        max_length=600,
        help_text="The result a customer hires the product for. Results, not “enables”.",
    )
    category = models.TextField(
        "category context", max_length=600, blank=True, help_text="Where it sits in the market."
    )
    proof_points = StreamField(ProofPointsBlock(), blank=True)
    boilerplate = models.TextField(max_length=1200, blank=True)
    variant_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="variants",
        limit_choices_to={"variant_of__isnull": True},
        help_text="Makes this a test variant: it can run on chosen pages, and is never used in decks.",
    )
    embargo_until = models.DateTimeField(
        null=True,
        blank=True,
        help_text="For an unlaunched product: until then editors can preview it, but it is never shown "
        "publicly and no deck showing it can be downloaded by sales.",
    )

    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="message",
        for_concrete_model=False,
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("headline"),
        FieldPanel("job"),
        FieldPanel("category"),
        FieldPanel("proof_points"),
        FieldPanel("boilerplate"),
        MultiFieldPanel(
            [
                # A plain select: Wagtail's chooser widget fails (500) to re-show a malformed id.
                FieldPanel("variant_of", widget=forms.Select),
                FieldPanel("embargo_until"),
            ],
            heading="Exceptions",
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("headline"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if ENABLES.search(self.job):
            raise ValidationError(
                {
                    "job": "Say what the customer gets done, not what the product “enables”: "
                    "e.g. “cuts unplanned downtime by a third”."
                }
            )
        if self.variant_of_id and self.variant_of_id == self.pk:
            raise ValidationError({"variant_of": "A message cannot be a variant of itself."})

    @property
    def is_test_variant(self):
        return self.variant_of_id is not None

    def is_embargoed(self, now=None):
        return bool(self.embargo_until and self.embargo_until > (now or timezone.now()))

    def parts_text(self, parts=None):
        """[(part, label, text)] for the chosen parts, in the story's order; empty parts left out."""
        chosen = set(parts or MessagePart.values)
        result = []
        for part in MessagePart:
            if part.value not in chosen:
                continue
            if part == MessagePart.PROOF:
                text = "\n".join(block.block.as_text(block.value) for block in self.proof_points)
            else:
                text = getattr(self, part.value)
            if text:
                result.append((part.value, part.label, text))
        return result

    def as_text(self):
        """The whole message as plain text, for diffs and deck checks."""
        return "\n".join(f"{label}: {text}" for _, label, text in self.parts_text())

    # Preview: on a site page, and as a deck slide.
    preview_modes = [("", "On the site"), ("deck", "As a deck slide")]

    def get_preview_template(self, request, mode_name):
        if mode_name == "deck":
            return "messaging/message_preview_deck.html"
        return "messaging/message_preview.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context["message"] = self
        context["parts"] = self.parts_text()
        return context


class MessageReleaseQuerySet(models.QuerySet):
    def current(self, now=None):
        """Releases already live, newest first."""
        return self.filter(live_from__lte=now or timezone.now()).order_by("-live_from", "-pk")


class MessageRelease(models.Model):
    """A published revision of a message and the moment it goes live on the site and in decks."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="releases")
    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="+")
    live_from = models.DateTimeField(db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MessageReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["-live_from", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["message", "revision"], name="one_release_per_revision")
        ]

    def __str__(self):
        return f"{self.message} r{self.revision_id} from {self.live_from:%Y-%m-%d %H:%M}"

    def as_message(self):
        return self.revision.as_object()


def released_version(message, now=None):
    """(revision id, message as released) for what the public sees now, or (None, None)."""
    release = message.releases.current(now).select_related("revision").first()
    if release is None:
        return None, None
    return release.revision_id, release.as_message()
