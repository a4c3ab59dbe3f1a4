"""The publisher's process: the editorial calendar and its private feeds."""

import datetime
import re
import secrets
import uuid
from calendar import monthrange

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
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


class WorkStage(models.TextChoices):
    """The fixed steps of the work the warnings reason about; a team's statuses map onto them."""

    PLAN = "plan", "Plan"
    DRAFT = "draft", "Draft"
    REVIEW = "review", "Review"
    SCHEDULED = "scheduled", "Scheduled"
    PUBLISHED = "published", "Published"


# What a linked page's state reads as, in place of the entry's own status.
PAGE_STAGE_LABELS = {
    WorkStage.DRAFT: "Drafting",
    WorkStage.REVIEW: "In review",
    WorkStage.SCHEDULED: "Scheduled",
    WorkStage.PUBLISHED: "Published",
}
# The built-in statuses some actions move an entry to, found by slug (a team may rename them).
IDEA, PLANNED, DRAFTING = "idea", "planned", "drafting"


class EntryLength(models.TextChoices):
    SHORT = "short", "Short"
    LONG = "long", "Long"


class Channel(models.TextChoices):
    WEBSITE = "website", "Website"
    NEWSLETTER = "newsletter", "Newsletter"
    SOCIAL = "social", "Social"
    EVENT = "event", "Event"
    SALES = "sales", "Sales enablement"


EARLY_STAGES = (WorkStage.PLAN, WorkStage.DRAFT)
VISUAL_FORMATS = {AssetFormat.INFOGRAPHIC, AssetFormat.WEBINAR, AssetFormat.TALK}


def month_end(day):
    """The last day of `day`'s month."""
    return day.replace(day=monthrange(day.year, day.month)[1])


def start_of_day(day):
    """The moment a calendar day begins in the current time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


IDEA_PREFIX = re.compile(r"^\s*(idea|draft|todo|tbc|wip)\s*[:\-–—]\s*", re.IGNORECASE)
# A change to any of these changes what calendar apps show, so the iCalendar SEQUENCE goes up.
SEQUENCED_FIELDS = (
    "publish_at",
    "draft_due",
    "review_due",
    "title",
    "brief",
    "repeat",
    "repeat_every",
    "repeat_until",
)


def normalise_newlines(text):
    return text.replace("\r\n", "\n").replace("\r", "\n")


class StatusQuerySet(models.QuerySet):
    def first_in(self, work_stage):
        """The team's first status at this stage of the work, or None."""
        return self.filter(work_stage=work_stage).order_by("sort_order", "pk").first()


class Status(models.Model):
    """A step a team names in its own words ("Legal review"), mapped onto a stage of the work."""

    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    work_stage = models.CharField(
        "stage of the work",
        max_length=20,
        choices=WorkStage.choices,
        help_text="What the warnings treat this status as: still planning, drafting, in review…",
    )
    sort_order = models.PositiveSmallIntegerField(default=0, help_text="Lower comes first.")

    objects = StatusQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("work_stage"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = "calendar status"
        verbose_name_plural = "calendar statuses"

    def __str__(self):
        return self.name

    def clean(self):
        if self.work_stage != WorkStage.PLAN and self.is_last_planning_status():
            raise ValidationError(
                {"work_stage": "New entries start in a planning status: add another one first."}
            )

    def is_last_planning_status(self):
        """True when this is the planning status new entries start in, with no other to take
        over: without one, a new entry would have no status (see default_status)."""
        planning = Status.objects.filter(work_stage=WorkStage.PLAN).values_list("pk", flat=True)
        return bool(self.pk) and list(planning[:2]) == [self.pk]

    def deletion_problem(self):
        """Why this status cannot go, or None. Asked of the entries themselves: the reference
        index misses entries saved before it existed or changed in bulk."""
        in_use = in_use_problem(self, "status")
        if in_use:
            return in_use
        if self.is_last_planning_status():
            return (
                f"“{self}” is the only planning status, where new entries start: "
                "add another planning status before deleting it."
            )
        return None


def in_use_problem(choice, kind):
    """Why a status or entry type that entries still use cannot be deleted, or None."""
    count = choice.entries.count()
    if not count:
        return None
    entries = "entry uses" if count == 1 else "entries use"
    return f"{count} calendar {entries} the {kind} “{choice}”: give them another {kind} first."


def default_status():
    """The first planning status: where a new entry starts."""
    status = Status.objects.first_in(WorkStage.PLAN)
    return status.pk if status else None


class Network(models.TextChoices):
    LINKEDIN = "linkedin", "LinkedIn"
    X = "x", "X"
    MASTODON = "mastodon", "Mastodon"
    BLUESKY = "bluesky", "Bluesky"
    FACEBOOK = "facebook", "Facebook"
    INSTAGRAM = "instagram", "Instagram"


# How long a post each network accepts, in characters.
POST_LIMITS = {
    Network.LINKEDIN: 3000,
    Network.X: 280,
    Network.MASTODON: 500,
    Network.BLUESKY: 300,
    Network.FACEBOOK: 5000,
    Network.INSTAGRAM: 2200,
}


class EntryType(models.Model):
    """What kind of work an entry plans, and what that kind needs before it can be planned."""

    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    sort_order = models.PositiveSmallIntegerField(default=0, help_text="Lower comes first.")
    makes_asset_page = models.BooleanField(
        default=False, help_text="“Create draft page” makes an asset page for entries of this type."
    )
    needs_page = models.BooleanField(default=False, help_text="Links to an existing page.")
    needs_start_time = models.BooleanField(default=False)
    needs_registration_page = models.BooleanField(default=False)
    needs_network = models.BooleanField(default=False)
    needs_post_text = models.BooleanField(default=False)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]),
        MultiFieldPanel(
            [
                FieldPanel("makes_asset_page"),
                FieldPanel("needs_page"),
                FieldPanel("needs_start_time"),
                FieldPanel("needs_registration_page"),
                FieldPanel("needs_network"),
                FieldPanel("needs_post_text"),
            ],
            heading="What an entry of this type needs",
        ),
    ]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = "entry type"

    def __str__(self):
        return self.name

    def deletion_problem(self):
        """Why this type cannot go (entries use it), or None; see Status.deletion_problem."""
        return in_use_problem(self, "type")

    def problems(self, entry):
        """What `entry` lacks for this type, as {field: message}."""
        name = self.name.lower()
        article = "an" if name[:1] in "aeiou" else "a"
        found = {}
        if self.needs_page and not entry.page_id:
            found["page"] = f"Choose the page {article} {name} entry is about."
        if self.needs_start_time and entry.start_time is None:
            found["start_time"] = f"{article.capitalize()} {name} needs a start time."
        if self.needs_registration_page and not entry.registration_url:
            found["registration_url"] = (
                f"{article.capitalize()} {name} needs the address of its registration page."
            )
        if self.needs_network and not entry.network:
            found["network"] = f"Choose the network the {name} goes out on."
        if self.needs_post_text and not entry.post_text.strip():
            found["post_text"] = f"Write the text of the {name}."
        return found


class Repeat(models.TextChoices):
    WEEKLY = "weekly", "Every week"
    MONTHLY = "monthly", "Every month, on the same day"
    MONTHLY_WEEKDAY = "monthly_weekday", "Every month, on the same weekday (e.g. the first Tuesday)"
    MONTHLY_LAST_DAY = "monthly_last_day", "Every month, on its last day"


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

    def in_window(self, first, last):
        """Entries with something on the calendar from day `first` up to, not including, `last`:
        single entries planned then, and repeating ones whose series overlaps those days."""
        single = models.Q(
            repeat="", publish_at__gte=start_of_day(first), publish_at__lt=start_of_day(last)
        )
        series = (
            models.Q(publish_at__lt=start_of_day(last))
            & ~models.Q(repeat="")
            & (models.Q(repeat_until__isnull=True) | models.Q(repeat_until__gte=first))
        )
        return self.filter(single | series)

    def open_slots(self):
        return self.filter(is_open_slot=True)

    def planned_from(self, day):
        return self.filter(publish_at__gte=start_of_day(day))

    def shift(self, days):
        """Move these entries' plans, step deadlines, series ends and moved or skipped
        occurrences by `days` days, month-end series apart. Returns how many entries moved.

        The changed occurrences are rewritten rather than updated in place: with two changes
        exactly `days` apart, each would land on its neighbour's day before the neighbour moves,
        and the database checks the one-change-a-day constraint row by row.
        """
        delta = datetime.timedelta(days=days)
        # A month-end series is tied to the months' ends, not to a date: moved by days it would
        # start on no month end, so it stays (ShiftView says so in its preview).
        shifting = self.exclude(repeat=Repeat.MONTHLY_LAST_DAY)

        def moved(field, output_field):
            return ExpressionWrapper(F(field) + delta, output_field=output_field)

        with transaction.atomic():
            ids = list(shifting.values_list("pk", flat=True))
            changes = EntryOccurrence.objects.filter(entry__in=ids)
            shifted = [
                EntryOccurrence(
                    entry_id=change.entry_id,
                    original_date=change.original_date + delta,
                    moved_to=change.moved_to + delta if change.moved_to else None,
                    skipped=change.skipped,
                )
                for change in changes
            ]
            changes.delete()
            EntryOccurrence.objects.bulk_create(shifted)
            count = CalendarEntry.objects.filter(pk__in=ids).update(
                publish_at=moved("publish_at", models.DateTimeField()),
                draft_due=moved("draft_due", models.DateField()),
                review_due=moved("review_due", models.DateField()),
                repeat_until=moved("repeat_until", models.DateField()),
                version=F("version") + 1,
                sequence=F("sequence") + 1,
                updated_at=timezone.now(),
            )
            return count

    def shift_from(self, day, days):
        """Move every entry planned on or after `day`, and its step deadlines, by `days` days."""
        return self.planned_from(day).shift(days)

    def with_event_data(self):
        """What an entry's event on the grid needs from other tables besides the few rows of
        statuses and types (see CalendarEntry.attach_plan_data): stage, owner, page."""
        return self.select_related("stage", "owner", "page", "campaign").prefetch_related(
            # The attribute Page.workflow_in_progress reads when it has been prefetched.
            Prefetch(
                "page___workflow_states",
                queryset=WorkflowState.objects.active(),
                to_attr="_current_workflow_states",
            ),
        )

    def with_status_data(self):
        """What an entry's real status and warnings need (its stage, owner, page, status and
        type), in a constant number of queries."""
        return self.with_event_data().select_related("status", "entry_type")

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
    entry_type = models.ForeignKey(
        EntryType,
        verbose_name="type",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="entries",
        help_text="What kind of work this is. Empty: an asset page.",
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
    status = models.ForeignKey(
        Status, on_delete=models.PROTECT, related_name="entries", default=default_status
    )
    publish_at = models.DateTimeField(
        "planned publish date", null=True, blank=True, help_text="The plan. Empty: in the backlog."
    )
    start_time = models.TimeField(
        null=True, blank=True, help_text="For webinars and events: when it starts, that day."
    )
    registration_url = models.URLField(
        "registration page", blank=True, help_text="Where people sign up."
    )
    network = models.CharField(max_length=20, choices=Network.choices, blank=True)
    post_text = models.TextField(blank=True, max_length=5000, help_text="The post as it goes out.")
    repeat = models.CharField(
        max_length=20,
        choices=Repeat.choices,
        blank=True,
        help_text="Repeats from the planned date. Move or skip one occurrence from the calendar.",
    )
    repeat_every = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text="2: every other week or month.",
    )
    repeat_until = models.DateField(
        null=True, blank=True, help_text="The last day it may repeat on. Empty: no end."
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
                FieldPanel("entry_type", widget=forms.Select),
                FieldPanel("page"),
                FieldRowPanel([FieldPanel("start_time"), FieldPanel("registration_url")]),
                FieldPanel("network"),
                FieldPanel("post_text"),
            ],
            heading="Type",
        ),
        MultiFieldPanel(
            [
                FieldPanel("campaign", widget=forms.Select),
                FieldPanel("owner"),
                FieldPanel("status", widget=forms.Select),
                FieldRowPanel(
                    [FieldPanel("draft_due"), FieldPanel("review_due"), FieldPanel("publish_at")]
                ),
                FieldPanel("is_open_slot"),
            ],
            heading="Plan",
        ),
        MultiFieldPanel(
            [
                # The rule on a line of its own: its choices are long, and three fields in one row
                # ran past a 1280 px screen.
                FieldPanel("repeat"),
                FieldRowPanel([FieldPanel("repeat_every"), FieldPanel("repeat_until")]),
            ],
            heading="Repeat",
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
        self.post_text = normalise_newlines(self.post_text)
        if not self.repeat:
            self.repeat_until = None
        if self.start_time and self.publish_at:
            day = timezone.localtime(self.publish_at).date()
            self.publish_at = timezone.make_aware(datetime.datetime.combine(day, self.start_time))
        if self.pk:
            previous = CalendarEntry.objects.filter(pk=self.pk).values(*SEQUENCED_FIELDS).first()
            if previous and any(getattr(self, key) != value for key, value in previous.items()):
                self.sequence += 1
            self.version += 1
        if not self.status_id:
            self.status_id = default_status()
        if self.publish_at and self.status.slug == IDEA:
            self.status = Status.objects.filter(slug=PLANNED).first() or self.status
        super().save(*args, **kwargs)

    def clean(self):
        """What the entry's type needs, and a repeat that can be worked out."""
        problems = self.type_problems()
        if self.repeat and not self.publish_at:
            problems["publish_at"] = "A repeating entry needs a planned date to repeat from."
        if (
            self.repeat_until
            and self.publish_at
            and self.repeat_until < timezone.localdate(self.publish_at)
        ):
            problems["repeat_until"] = "The last repeat cannot come before the planned date."
        if self.repeat_until and not self.repeat:
            problems["repeat"] = "Choose how often it repeats, or empty “repeat until”."
        if self.repeat == Repeat.MONTHLY_LAST_DAY and self.publish_at:
            day = timezone.localdate(self.publish_at)
            last = month_end(day)
            if day != last:
                # The series starts on one of its own days, so every calendar app shows the same first.
                problems["publish_at"] = (
                    f"A series on each month's last day starts on one: plan it for "
                    f"{last:%-d %B %Y}, or choose another repeat."
                )
        for field, step in (("draft_due", "draft"), ("review_due", "review")):
            if self.repeat and getattr(self, field):
                # One date cannot be the deadline of every occurrence; each is reminded of by its day.
                problems[field] = (
                    f"A repeating entry has no single {step} deadline: empty it, or plan the "
                    "piece that needs one as an entry of its own."
                )
        limit = POST_LIMITS.get(self.network)
        if limit and len(self.post_text) > limit:
            problems["post_text"] = (
                f"{Network(self.network).label} posts are at most {limit} characters; "
                f"this one is {len(self.post_text)}."
            )
        if problems:
            raise ValidationError(problems)

    @property
    def work_stage(self):
        """Once a page exists, its live state and workflow decide; before that, the status does."""
        page = self.page
        if page is None:
            return WorkStage(self.status.work_stage)
        if page.live:
            return WorkStage.PUBLISHED
        if page.go_live_at and page.go_live_at > timezone.now():
            return WorkStage.SCHEDULED
        if page.workflow_in_progress:
            return WorkStage.REVIEW
        return WorkStage.DRAFT

    def get_effective_status_display(self):
        """The team's status until a page exists; then what the page's state is."""
        if self.page_id is None:
            return self.status.name
        return PAGE_STAGE_LABELS[self.work_stage]

    def type_problems(self):
        entry_type = self.entry_type if self.entry_type_id else None
        return entry_type.problems(self) if entry_type else {}

    @staticmethod
    def attach_plan_data(entries):
        """Give each entry its status, type and moved or skipped days (as `plan_changes`) in
        three small queries however many entries there are: statuses and types are a team's few
        rows, read once rather than joined onto every entry, and only repeating entries can have
        changed days, so only they are asked for them."""
        statuses, types = Status.objects.in_bulk(), EntryType.objects.in_bulk()
        changes = {}
        repeating = [entry.pk for entry in entries if entry.repeat]
        if repeating:
            for change in EntryOccurrence.objects.filter(entry__in=repeating):
                changes.setdefault(change.entry_id, []).append(change)
        for entry in entries:
            entry.status = statuses[entry.status_id]
            entry.entry_type = types.get(entry.entry_type_id)
            entry.plan_changes = changes.get(entry.pk, [])
        return entries

    def warnings(self, today=None, check_revisions=True):
        """Where plan and reality disagree: missed deadlines, drifting or overdue schedules.

        `check_revisions=False` skips the one check that needs a query, for listings.
        """
        today = today or timezone.localdate()
        now = timezone.now()
        status = self.work_stage
        found = []
        if self.draft_due and self.draft_due < today and status in EARLY_STAGES:
            found.append(f"The draft was due on {self.draft_due:%-d %b %Y}.")
        if (
            self.review_due
            and self.review_due < today
            and status in (*EARLY_STAGES, WorkStage.REVIEW)
        ):
            found.append(f"The review was due on {self.review_due:%-d %b %Y}.")
        page = self.page
        if page is None:
            if (
                self.publish_at
                and self.publish_at < now
                and not self.is_open_slot
                and not self.repeat
                and status != WorkStage.PUBLISHED
            ):
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
                and status == WorkStage.SCHEDULED
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

    @property
    def public_title(self):
        """The entry's title as a reader may see it: without the planning prefix "Idea: …"."""
        title = IDEA_PREFIX.sub("", self.title).strip() or self.title
        return title[:1].upper() + title[1:]

    def create_draft_page(self, parent, user):
        """A draft asset page under `parent` that carries this entry's tags; linked back here.

        The public title drops planning prefixes and the summary starts empty: the brief is an
        internal note for the writer, not words for readers. A draft may lack a summary (Wagtail
        checks required fields when the page is published), so the revision is saved unchecked.
        """
        page = AssetPage(
            title=self.public_title,
            format=self.format,
            summary="",
            stage=self.stage,
            owner=user,
            live=False,
        )
        page.personas = list(self.personas.all())
        page.topics.add(*self.topics.all())
        with transaction.atomic():
            parent.add_child(instance=page)
            page.save_revision(user=user, log_action=True, clean=False)
            self.page = page
            drafting = Status.objects.filter(slug=DRAFTING).first()
            self.status = drafting or Status.objects.first_in(WorkStage.DRAFT) or self.status
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
        if self.page_id is None and self.status.slug in (IDEA, PLANNED):
            target = Status.objects.filter(slug=PLANNED if publish_at else IDEA).first()
            if target:
                updates["status"] = target
        changed = CalendarEntry.objects.filter(pk=self.pk, version=expected_version).update(
            **updates
        )
        if changed:
            self.refresh_from_db()
        return bool(changed)

    def occurrence_day(self, original):
        """The day the occurrence the series puts on `original` is on now (moved or not)."""
        change = self.occurrence_changes.filter(original_date=original).first()
        return change.moved_to if change and change.moved_to else original

    def move_occurrence(self, original, to):
        """Put the series' occurrence of day `original` on day `to` (back on its day when `to` is
        `original`); the rest of the series stays. Returns the day it was on before."""
        if to == original:
            return self.restore_occurrence(original)
        return self.change_occurrence(original, moved_to=to, skipped=False)

    def skip_occurrence(self, original):
        """Leave out the series' occurrence of day `original`. Returns the day it was on before."""
        return self.change_occurrence(original, moved_to=None, skipped=True)

    @transaction.atomic
    def restore_occurrence(self, original):
        """Put the occurrence back where the series has it. Returns the day it was on before."""
        previous = self.occurrence_day(original)
        self.occurrence_changes.filter(original_date=original).delete()
        self.mark_series_changed()
        return previous

    @transaction.atomic
    def change_occurrence(self, original, **change):
        previous = self.occurrence_day(original)
        EntryOccurrence.objects.update_or_create(
            entry=self, original_date=original, defaults=change
        )
        self.mark_series_changed()
        return previous

    def mark_series_changed(self):
        """A changed occurrence is a change to the series: calendars that subscribed to it
        (the sequence) and planners with the entry open (the version) must see it."""
        CalendarEntry.objects.filter(pk=self.pk).update(
            version=F("version") + 1, sequence=F("sequence") + 1, updated_at=timezone.now()
        )
        self.refresh_from_db(fields=["version", "sequence", "updated_at"])


class EntryOccurrence(models.Model):
    """One occurrence of a repeating entry that was moved to another day, or skipped."""

    entry = models.ForeignKey(
        CalendarEntry, on_delete=models.CASCADE, related_name="occurrence_changes"
    )
    original_date = models.DateField(help_text="The day the series puts it on.")
    moved_to = models.DateField(null=True, blank=True, help_text="Empty: not moved.")
    skipped = models.BooleanField(default=False)

    class Meta:
        ordering = ["original_date"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "original_date"], name="one_change_a_day")
        ]

    def __str__(self):
        what = "skipped" if self.skipped else f"moved to {self.moved_to}"
        return f"{self.entry} on {self.original_date}: {what}"


MENTION = re.compile(r"(?<![\w@])@([\w.+-]{1,150})")


class EntryComment(models.Model):
    """Editorial discussion of an entry; an @username tells that person by e-mail."""

    entry = models.ForeignKey(CalendarEntry, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return Truncator(self.text).chars(60)

    def save(self, *args, **kwargs):
        self.text = normalise_newlines(self.text)
        super().save(*args, **kwargs)

    def mentioned_users(self):
        """Active people named as @username who may see the calendar, never the author."""
        names = {name.rstrip(".").lower() for name in MENTION.findall(self.text)}
        if not names:
            return []
        User = get_user_model()  # noqa: N806
        field = f"{User.USERNAME_FIELD}__iexact"
        query = models.Q()
        for name in names:
            query |= models.Q(**{field: name})
        people = User.objects.filter(query, is_active=True).exclude(pk=self.author_id)
        return [person for person in people if person.has_perm("calendar.view_calendarentry")]


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
