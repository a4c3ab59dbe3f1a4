"""How a CRM learns about leads: read-only API tokens, and webhooks when a lead becomes sales-ready
or is erased."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from buyingstages.common.secrets import hash_token


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A read-only key for the leads API, named for the system that holds it."""

    name = models.CharField(max_length=100, help_text="Which system uses it, e.g. “CRM sync”.")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=8, editable=False, help_text="To recognise the token.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(
        null=True, blank=True, help_text="Set to stop the token working."
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "API token"

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def generate(self):
        """Give this token a new secret and return it; only its hash is kept."""
        secret = secrets.token_urlsafe(32)
        self.token_hash, self.prefix = hash_token(secret), secret[:8]
        return secret

    @classmethod
    def lookup(cls, secret):
        """The active token for this secret, or None; marks it used."""
        if not secret or len(secret) > 100:
            return None
        token = cls.objects.active().filter(token_hash=hash_token(secret)).first()
        if token:
            cls.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token


class WebhookEndpoint(models.Model):
    """A URL told about every lead that becomes sales-ready, signed with a shared secret."""

    name = models.CharField(max_length=100)
    url = models.URLField(max_length=500)
    secret = models.CharField(
        max_length=100,
        default=secrets.token_hex,
        help_text="Shared with the receiver, which checks the X-Masthead-Signature header with it.",
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "webhook"

    def __str__(self):
        return self.name


class DeliveryState(models.TextChoices):
    PENDING = "pending", "Pending"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Failed (gave up)"


class WebhookDelivery(models.Model):
    """One message to one endpoint, with every attempt counted."""

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    # Deleted with the lead, so erasing a person erases what was queued about them; the one message
    # that outlives them, "lead.erased", carries only the id the CRM knew them by.
    lead = models.ForeignKey(
        "audience.Lead",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="webhook_deliveries",
    )
    event = models.CharField(max_length=40)
    payload = models.JSONField()
    state = models.CharField(
        max_length=10, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=255, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "webhook delivery"
        verbose_name_plural = "webhook deliveries"

    def __str__(self):
        return f"{self.event} → {self.endpoint}"
