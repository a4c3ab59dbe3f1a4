"""How a CRM learns about leads and reports back: API tokens, and webhooks on every change of a
lead's state, on its outcome and on its erasure."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from buyingstages.common.secrets import hash_token


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A key for the leads API, named for the system that holds it: it reads leads, and reports
    outcomes back only where an administrator allowed it."""

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
    can_report_outcomes = models.BooleanField(
        default=False,
        help_text="Let this system tell Masthead what became of a lead (accepted, won, lost…).",
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


# How long a replaced secret goes on signing beside the new one, so the receiver can switch over.
PREVIOUS_SECRET_GRACE = timedelta(hours=24)


class WebhookEndpoint(models.Model):
    """A URL told about every change of a lead's state, signed with a shared secret; during a
    rotation with the previous secret as well, so the receiver never sees a gap."""

    name = models.CharField(max_length=100)
    url = models.URLField(max_length=500)
    secret = models.CharField(
        max_length=100,
        blank=True,
        default=secrets.token_hex,
        help_text="Shared with the receiver, which checks the X-Masthead-Signature header with it. "
        "To rotate it, enter a new one or clear it to have one made: the old one goes on signing "
        "beside it for 24 hours.",
    )
    previous_secret = models.CharField(max_length=100, blank=True, editable=False)
    previous_secret_expires_at = models.DateTimeField(
        null=True,
        blank=True,
        verbose_name="previous secret signs until",
        help_text="Clear it to stop signing with the previous secret now.",
    )
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "webhook"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.secret:
            self.secret = secrets.token_hex()
        super().save(*args, **kwargs)

    def keep_previous_secret(self, previous):
        """The secret was just replaced: ``previous`` goes on signing for the grace period."""
        self.previous_secret = previous
        self.previous_secret_expires_at = timezone.now() + PREVIOUS_SECRET_GRACE

    def rotate_secret(self):
        """A new secret, the current one kept as the previous; returns the new one."""
        self.keep_previous_secret(self.secret)
        self.secret = secrets.token_hex()
        self.save()
        return self.secret

    def signing_secrets(self, now=None):
        """The current secret, then the previous one while it has not expired."""
        now = now or timezone.now()
        expires = self.previous_secret_expires_at
        if self.previous_secret and expires and now < expires:
            return [self.secret, self.previous_secret]
        return [self.secret]


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
