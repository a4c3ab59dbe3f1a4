"""The publisher's process: the editorial calendar and its private feeds."""

import datetime
import secrets
import uuid

from django import forms
from django.conf import settings
from django.db import models, transaction
from django.db.models import ExpressionWrapper, F, Prefetch
from django.utils import timezone
from django.utils.text import Truncator
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import WorkflowState

from buyingstages.common.secrets import hash_token
from buyingstages.library.formats import AssetFormat
from buyingstages.library.models import AssetPage
from buyingstages.sales.models import FieldNote
from buyingstages.taxonomy.models import BuyingStage, Campaign, Persona, Segment, Topic


class EntryStatus(models.TextChoices):
    IDEA = "idea", "Idea"
    PLANNED = "planned", "Planned"
    DRAFTING = "drafting", "Drafting"
    IN_REVIEW = "in_review", "In review"
    SCHEDULED = "scheduled", "Scheduled"
    PUBLISHED = "published", "Published"


class EntryLength(models.TextChoices):
    SHORT = "short", "Short"
    LONG = "long", "Long"


class Channel(models.TextChoices):
    WEBSITE = "website", "Website"
    NEWSLETTER = "newsletter", "Newsletter"
    SOCIAL = "social", "Social"
    EVENT = "event", "Event"
    SALES = "sales", "Sales enablement"


EARLY_STATUSES = (EntryStatus.IDEA, EntryStatus.PLANNED, EntryStatus.DRAFTING)
VISUAL_FORMATS = {AssetFormat.INFOGRAPHIC, AssetFormat.WEBINAR, AssetFormat.TALK}


def start_of_day(day):
    """The moment a calendar day begins in the current time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def normalise_newlines(text):
    return text.replace("\r\n", "\n").replace("\r", "\n")


class CalendarEntryQuerySet(models.QuerySet):
    def backlog(self):
        """Ideas with no planned date yet."""
        return self.filter(publish_at__isnull=True)

    def planned_between(self, start, end):
        return self.filter(publish_at__gte=start, publish_at__lt=end)

    def planned_on_days(self, first, last):
        """Entries planned from day `first` up to, not including, day `last`, in local time.

        The same as filtering on `publish_at__date`, but as a range on the column itself, so the
        database compares stored values instead of converting every row's time to a local date.
        """
        return self.planned_between(start_of_day(first), start_of_day(last))

    def open_slots(self):
        return self.filter(is_open_slot=True)

    def shift_from(self, day, days):
        """Move every entry planned on or after `day`, and its step deadlines, by `days` days."""
        delta = datetime.timedelta(days=days)

        def moved(field, output_field):
            return ExpressionWrapper(F(field) + delta, output_field=output_field)

        return self.filter(publish_at__date__gte=day).update(
            publish_at=moved("publish_at", models.DateTimeField()),
            draft_due=moved("draft_due", models.DateField()),
            review_due=moved("review_due", models.DateField()),
            version=F("version") + 1,
            sequence=F("sequence") + 1,
            updated_at=timezone.now(),
        )

    def with_status_data(self):
        """What an entry's real status and warnings need (its stage, owner and page), in a
        constant number of queries."""
        return self.select_related("stage", "owner", "page", "campaign").prefetch_related(
            # The attribute Page.workflow_in_progress reads when it has been prefetched.
            Prefetch(
                "page___workflow_states",
                queryset=WorkflowState.objects.active(),
                to_attr="_current_workflow_states",
            ),
        )

    def with_calendar_data(self):
        """Everything the calendar shows for an entry, in a constant number of queries."""
        return self.with_status_data().prefetch_related("personas", "topics")


class CalendarEntry(models.Model):
    """One planned piece of coverage: who it is for, where it sits in the journey, and when."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(max_length=200)
    brief = models.TextField(
        blank=True, help_text="What the piece says and why this reader needs it."
    )
    stage = models.ForeignKey(
        BuyingStage,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="calendar_entries",
    )
    personas = models.ManyToManyField(Persona, blank=True, related_name="calendar_entries")
    topics = models.ManyToManyField(Topic, blank=True, related_name="calendar_entries")
    segments = models.ManyToManyField(
        Segment,
        blank=True,
        related_name="calendar_entries",
        help_text="The industries, sizes and regions it is for (Reports → Who reads what).",
    )
    format = models.CharField(max_length=20, choices=AssetFormat.choices, blank=True)
    length = models.CharField(max_length=10, choices=EntryLength.choices, blank=True)
    channel = models.CharField(max_length=20, choices=Channel.choices, default=Channel.WEBSITE)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="calendar_entries",
    )
    status = models.CharField(max_length=20, choices=EntryStatus.choices, default=EntryStatus.IDEA)
    publish_at = models.DateTimeField(
        "planned publish date", null=True, blank=True, help_text="The plan. Empty: in the backlog."
    )
    draft_due = models.DateField(null=True, blank=True)
    review_due = models.DateField(null=True, blank=True)
    is_open_slot = models.BooleanField(
        "open slot", default=False, help_text="Room reserved for timely content: the scoop."
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="calendar_entries",
    )
    campaign = models.ForeignKey(
        Campaign,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="calendar_entries",
        help_text="The push this piece is part of: the calendar filters and colours by it.",
    )
    field_note = models.ForeignKey(
        FieldNote,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="calendar_entries",
        help_text="The salesperson's note this idea came from.",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CalendarEntryQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("brief"),
        MultiFieldPanel(
            [
                # A plain select: Wagtail's chooser widget fails (500) to re-show a malformed id.
                FieldPanel("stage", widget=forms.Select),
                FieldPanel("personas", widget=forms.CheckboxSelectMultiple),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("segments", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Reader",
        ),
        FieldRowPanel([FieldPanel("format"), FieldPanel("length"), FieldPanel("channel")]),
        MultiFieldPanel(
            [
                FieldPanel("campaign", widget=forms.Select),
                FieldPanel("owner"),
                FieldPanel("status"),
                FieldRowPanel(
                    [FieldPanel("draft_due"), FieldPanel("review_due"), FieldPanel("publish_at")]
                ),
                FieldPanel("is_open_slot"),
            ],
            heading="Plan",
        ),
    ]

    class Meta:
        ordering = ["publish_at", "pk"]
        verbose_name = "calendar entry"
        verbose_name_plural = "calendar entries"

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # One newline convention everywhere (forms post CRLF; iCalendar text cannot hold a bare CR).
        self.title = normalise_newlines(self.title)
        self.brief = normalise_newlines(self.brief)
        if self.pk:
            previous = (
                CalendarEntry.objects.filter(pk=self.pk)
                .values("publish_at", "draft_due", "review_due", "title", "brief")
                .first()
            )
            if previous and any(getattr(self, key) != value for key, value in previous.items()):
                self.sequence += 1
            self.version += 1
        if self.status == EntryStatus.IDEA and self.publish_at:
            self.status = EntryStatus.PLANNED
        super().save(*args, **kwargs)

    @property
    def effective_status(self):
        """Once a page exists, its live state and workflow decide; before that, the editor does."""
        page = self.page
        if page is None:
            return self.status
        if page.live:
            return EntryStatus.PUBLISHED
        if page.go_live_at and page.go_live_at > timezone.now():
            return EntryStatus.SCHEDULED
        if page.workflow_in_progress:
            return EntryStatus.IN_REVIEW
        return EntryStatus.DRAFTING

    def get_effective_status_display(self):
        return EntryStatus(self.effective_status).label

    def warnings(self, today=None, check_revisions=True):
        """Where plan and reality disagree: missed deadlines, drifting or overdue schedules.

        `check_revisions=False` skips the one check that needs a query, for listings.
        """
        today = today or timezone.localdate()
        now = timezone.now()
        status = self.effective_status
        found = []
        if self.draft_due and self.draft_due < today and status in EARLY_STATUSES:
            found.append(f"The draft was due on {self.draft_due:%-d %b %Y}.")
        if (
            self.review_due
            and self.review_due < today
            and status in (*EARLY_STATUSES, EntryStatus.IN_REVIEW)
        ):
            found.append(f"The review was due on {self.review_due:%-d %b %Y}.")
        page = self.page
        if page is None:
            if self.publish_at and self.publish_at < now and not self.is_open_slot:
                found.append("The planned date has passed and there is no page yet.")
            return found
        if not page.live and page.go_live_at:
            if self.publish_at and timezone.localdate(page.go_live_at) != timezone.localdate(
                self.publish_at
            ):
                found.append(
                    f"Planned for {timezone.localtime(self.publish_at):%-d %b}, but the page is "
                    f"scheduled for {timezone.localtime(page.go_live_at):%-d %b}."
                )
            if page.go_live_at < now:
                found.append("The page is overdue to go live.")
            if (
                check_revisions
                and status == EntryStatus.SCHEDULED
                and self._edited_after_scheduling(page)
            ):
                found.append("The page was edited after it was scheduled.")
        return found

    @staticmethod
    def _edited_after_scheduling(page):
        """True when the page has a newer revision than the one approved for go-live."""
        scheduled = (
            page.revisions.filter(approved_go_live_at__isnull=False).order_by("-created_at").first()
        )
        return bool(scheduled and page.latest_revision_id != scheduled.pk)

    @classmethod
    @transaction.atomic
    def from_field_note(cls, note, owner):
        """An unplanned idea in the backlog, carrying the note's words and topics."""
        author = note.author.get_full_name() or note.author.get_username() if note.author else ""
        entry = cls.objects.create(
            title=Truncator(" ".join(note.text.split())).chars(120),
            brief=note.text + (f"\n\nHeard in the field by {author}." if author else ""),
            owner=owner,
            field_note=note,
        )
        entry.topics.set(note.topics.all())
        note.mark_planned()
        return entry

    def create_draft_page(self, parent, user):
        """A draft asset page under `parent` that carries this entry's tags; linked back here."""
        page = AssetPage(
            title=self.title,
            format=self.format,
            summary=(self.brief or self.title)[:300],
            stage=self.stage,
            owner=user,
            live=False,
        )
        page.personas = list(self.personas.all())
        page.topics.add(*self.topics.all())
        with transaction.atomic():
            parent.add_child(instance=page)
            page.save_revision(user=user, log_action=True)
            self.page = page
            self.status = EntryStatus.DRAFTING
            self.save()
        return page

    def reschedule(self, publish_at, expected_version):
        """Move the plan, never the page. False when someone changed the entry meanwhile."""
        updates = {
            "publish_at": publish_at,
            "version": F("version") + 1,
            "sequence": F("sequence") + 1,
            "updated_at": timezone.now(),
        }
        if self.page_id is None and self.status in (EntryStatus.IDEA, EntryStatus.PLANNED):
            updates["status"] = EntryStatus.PLANNED if publish_at else EntryStatus.IDEA
        changed = CalendarEntry.objects.filter(pk=self.pk, version=expected_version).update(
            **updates
        )
        if changed:
            self.refresh_from_db()
        return bool(changed)


class CalendarFeedTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class CalendarFeedToken(models.Model):
    """A private ICS feed address. Only the hash is kept; regenerating revokes the old address."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed_tokens"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # The ETag of the feed as last fetched, and when this address first saw it: the Last-Modified.
    feed_etag = models.CharField(max_length=80, blank=True, editable=False)
    feed_changed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CalendarFeedTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Calendar feed for {self.user}"

    @classmethod
    @transaction.atomic
    def issue(cls, user):
        """Revoke the user's current address and return (token, the new secret)."""
        cls.objects.active().filter(user=user).update(revoked_at=timezone.now())
        secret = secrets.token_urlsafe(24)  # 192 bits
        return cls.objects.create(user=user, token_hash=hash_token(secret)), secret

    @classmethod
    def lookup(cls, secret):
        """The active token for this secret, or None."""
        if not secret or len(secret) > 100:
            return None
        return (
            cls.objects.active()
            .select_related("user")
            .filter(token_hash=hash_token(secret))
            .first()
        )

    def revoke(self):
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])

    def record_fetch(self, etag):
        """Note a fetch of the feed whose ETag is `etag`; return when it last changed (Last-Modified).

        Kept per address rather than read from the entries, since a deleted entry leaves no
        modification time behind but does change the ETag. In whole seconds, each change at least a
        second after the one before: HTTP dates cannot tell apart two changes within one second.
        """
        now = timezone.now()
        updates = {"last_used_at": now}
        if etag != self.feed_etag:
            changed_at = now.replace(microsecond=0)
            if self.feed_changed_at and changed_at <= self.feed_changed_at:
                changed_at = self.feed_changed_at + datetime.timedelta(seconds=1)
            updates.update(feed_etag=etag, feed_changed_at=changed_at)
        CalendarFeedToken.objects.filter(pk=self.pk).update(**updates)
        for field, value in updates.items():
            setattr(self, field, value)
        return self.feed_changed_at


class CalendarShareLinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class CalendarShareLink(models.Model):
    """A read-only view of the plan for someone without an account; it expires."""

    label = models.CharField(max_length=120, help_text="Who it is for, e.g. “Agency partners”.")
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = CalendarShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.label

    @classmethod
    def issue(cls, label, days, created_by):
        secret = secrets.token_urlsafe(24)
        link = cls.objects.create(
            label=label,
            token_hash=hash_token(secret),
            created_by=created_by,
            expires_at=timezone.now() + datetime.timedelta(days=days),
        )
        return link, secret

    @classmethod
    def lookup(cls, secret):
        if not secret or len(secret) > 100:
            return None
        return cls.objects.active().filter(token_hash=hash_token(secret)).first()
