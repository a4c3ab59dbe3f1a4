"""Tests of a new story on real readers: the current version of a message against one or two
challengers, on the pages that show it, until a winner is released everywhere at once or the test
is stopped.

A challenger is a saved draft of the message (a Wagtail revision), so it is written, previewed and
compared like any other version, and releasing it is publishing that revision. Decks never show a
challenger: they follow releases only (a deck is never a test).
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.models import Revision

CURRENT = "A"  # the arm that sees the released version
CHALLENGERS = ("B", "C")
# A test planned for months would split readers for a season and measure that, not the story.
LONGEST_RUN_DAYS = 180


def new_salt():
    """Each test splits readers afresh: the same reader may fall in B in one test and A in the next."""
    return secrets.token_hex(16)


def check_planned_end(end, now=None):
    """Refuse a planned end in the past or more than LONGEST_RUN_DAYS ahead, in words for the editor."""
    now = now or timezone.now()
    if end <= now:
        raise ValidationError("The planned end must be in the future.")
    latest = now + timedelta(days=LONGEST_RUN_DAYS)
    if end > latest:
        raise ValidationError(
            f"The planned end must be at most {LONGEST_RUN_DAYS} days ahead, by "
            f"{timezone.localtime(latest):%-d %b %Y}: a longer test measures the season, not the story."
        )


class StoryTestState(models.TextChoices):
    RUNNING = "running", "Running"
    RELEASED = "released", "Winner released"
    STOPPED = "stopped", "Stopped"


class StoryTestQuerySet(models.QuerySet):
    def running(self):
        return self.filter(state=StoryTestState.RUNNING)


class StoryTest(models.Model):
    """One message's current version (A) against challengers B (and C) on a share of readers."""

    message = models.ForeignKey(
        "messaging.Message", on_delete=models.CASCADE, related_name="story_tests"
    )
    # SET_NULL: a test outlives its drafts (a message deleted, old revisions purged) with its figures.
    challenger_b = models.ForeignKey(
        Revision,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="challenger B",
        help_text="A saved draft of the message.",
    )
    challenger_c = models.ForeignKey(
        Revision,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="challenger C",
        help_text="Optional: a second saved draft.",
    )
    current_revision = models.ForeignKey(
        Revision,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The released version (A) when the test started.",
    )
    share = models.PositiveSmallIntegerField(
        default=50, help_text="Percent of readers in the test, split evenly between the versions."
    )
    planned_end = models.DateTimeField(
        help_text="From then on every reader sees the current version until you release or stop."
    )
    # The key of the hash that splits readers. Per test, never shown; nothing per reader is kept.
    salt = models.CharField(max_length=64, default=new_salt, editable=False)
    state = models.CharField(
        max_length=10, choices=StoryTestState.choices, default=StoryTestState.RUNNING
    )
    started_at = models.DateTimeField(default=timezone.now)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    winner = models.CharField(max_length=1, blank=True)
    figures = models.JSONField(
        default=dict, blank=True, help_text="The measures when the test ended, kept with it."
    )

    objects = StoryTestQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["message"],
                condition=models.Q(state="running"),
                name="one_running_story_test_per_message",
            ),
            models.CheckConstraint(
                condition=models.Q(share__gte=1, share__lte=100), name="story_test_share_percent"
            ),
        ]

    def __str__(self):
        return f"Test of “{self.message}” from {self.started_at:%d %b %Y}"

    def clean(self):
        super().clean()
        for field in ("challenger_b", "challenger_c"):
            revision = getattr(self, field)
            if revision is not None and (
                revision.base_content_type.model_class() is not type(self.message)
                or str(revision.object_id) != str(self.message_id)
            ):
                raise ValidationError({field: "Choose a saved draft of this message."})
        if self.challenger_c_id and self.challenger_c_id == self.challenger_b_id:
            raise ValidationError({"challenger_c": "Choose a different draft from B, or none."})
        if self.planned_end:
            try:
                check_planned_end(self.planned_end)
            except ValidationError as error:
                raise ValidationError({"planned_end": error.messages}) from error

    @property
    def is_running(self):
        return self.state == StoryTestState.RUNNING

    @property
    def arms(self):
        """The versions' labels: A (current), B, and C when there is one."""
        return (CURRENT, "B", "C") if self.challenger_c_id else (CURRENT, "B")

    def revision_id_of(self, arm):
        """The revision a challenger shows (None for A, which shows whatever is released)."""
        return {"B": self.challenger_b_id, "C": self.challenger_c_id}.get(arm)

    def window(self, now=None):
        """(start, end) of the measuring: to the test's end, or its planned end if that came first."""
        end = min(self.ended_at or now or timezone.now(), self.planned_end)
        return self.started_at, max(end, self.started_at)

    def is_past_planned_end(self, now=None):
        return self.planned_end <= (now or timezone.now())
