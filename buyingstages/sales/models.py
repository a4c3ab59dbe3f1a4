"""What sales does with the library: tracked share links, feedback on assets, and field notes."""

import secrets

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from buyingstages.library.models import AssetPage
from buyingstages.taxonomy.models import Topic


class ShareLink(models.Model):
    """One salesperson's link to one asset. Arrivals through it are attributed to them."""

    asset = models.ForeignKey(AssetPage, on_delete=models.CASCADE, related_name="share_links")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="share_links"
    )
    # 144 random bits: unguessable, and short enough to read aloud from a slide.
    code = models.CharField(max_length=32, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["asset", "owner"], name="one_share_link_per_owner")
        ]
        permissions = [
            (
                "use_sales_area",
                "Can use the Sales area: library, share links, feedback, field notes",
            )
        ]

    def __str__(self):
        return f"{self.owner} → {self.asset}"

    def get_absolute_url(self):
        return reverse("share_link", args=[self.code])

    @classmethod
    def for_owner(cls, asset, owner):
        """The salesperson's link to this asset, made on first use."""
        link = cls.objects.filter(asset=asset, owner=owner).first()
        if link:
            return link
        try:
            with transaction.atomic():
                return cls.objects.create(asset=asset, owner=owner, code=secrets.token_urlsafe(18))
        except IntegrityError:  # two tabs asked at once
            return cls.objects.get(asset=asset, owner=owner)


class AssetFeedback(models.Model):
    """ "I used this with a customer, and it helped (or did not)."""

    asset = models.ForeignKey(AssetPage, on_delete=models.CASCADE, related_name="sales_feedback")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    helped = models.BooleanField(
        choices=[(True, "It helped"), (False, "It did not help")],
        help_text="Did it help with the customer?",
    )
    note = models.TextField(
        max_length=2000, blank=True, help_text="What worked, or what was missing."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "sales feedback"
        verbose_name_plural = "sales feedback"

    def __str__(self):
        return f"{self.asset}: {self.get_helped_display().lower()}"


class FieldNoteQuerySet(models.QuerySet):
    def unplanned(self):
        """Notes nobody has turned into calendar ideas yet: the editors' backlog from the field."""
        return self.filter(planned_at__isnull=True)


class FieldNote(models.Model):
    """ "What I'm hearing from customers": raw material for the editorial calendar."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="field_notes"
    )
    text = models.TextField(
        "what are you hearing from customers?",
        max_length=2000,
        help_text="A question they keep asking, an objection, a competitor's claim, a trend.",
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="field_notes")
    created_at = models.DateTimeField(auto_now_add=True)
    planned_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When an editor turned it into an idea."
    )

    objects = FieldNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "field note"

    def __str__(self):
        return Truncator(self.text).words(12)

    def mark_planned(self):
        self.planned_at = timezone.now()
        self.save(update_fields=["planned_at"])
