"""Pictures of the publication: this month's output, the nurture trend and coverage heatmaps.

Every figure is counted by the database (GROUP BY), never by looping over events or assets in Python.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from buyingstages.audience.models import ContentEvent, Lead
from buyingstages.library.formats import AssetFormat
from buyingstages.library.models import AssetPage
from buyingstages.taxonomy.models import BuyingStage, Persona, Segment, Topic
from publishing.calendar import gaps
from publishing.calendar.models import CalendarEntry, start_of_day

UPCOMING_WEEKS = 8


def month_bounds(today):
    start = today.replace(day=1)
    end = (start + datetime.timedelta(days=32)).replace(day=1)
    return start, end


def published_vs_planned(today=None):
    """(published, planned) this month: assets first published, and calendar entries planned."""
    start, end = month_bounds(today or timezone.localdate())
    published = (
        AssetPage.objects.live()
        .filter(first_published_at__date__gte=start, first_published_at__date__lt=end)
        .count()
    )
    planned = (
        CalendarEntry.objects.planned_between(
            timezone.make_aware(datetime.datetime.combine(start, datetime.time())),
            timezone.make_aware(datetime.datetime.combine(end, datetime.time())),
        )
        .exclude(is_open_slot=True)
        .count()
    )
    return published, planned


def sales_ready_this_week(today=None):
    today = today or timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    return Lead.objects.filter(sales_ready_at__date__gte=monday).order_by("-sales_ready_at")


def nurture_trend():
    """[(month label, median days, leads)] oldest first, for the last 12 months with any."""
    return [
        (month.strftime("%b %Y"), round(days, 1), count)
        for month, days, count in Lead.objects.nurture_by_month()[-12:]
    ]


def crm_outcomes():
    """[(outcome, leads)]: what the CRM reported became of our leads (buyingstages/crm)."""
    return Lead.objects.outcome_counts()


def upcoming_gaps(today=None):
    today = today or timezone.localdate()
    return gaps.coverage(today, today + datetime.timedelta(weeks=UPCOMING_WEEKS))


@dataclass
class Cell:
    live: int
    planned: int
    assets_url: str
    calendar_url: str

    @property
    def level(self):
        """0 (nothing), 1 (planned only), 2 (one live), 3 (two or more live): the cell's colour."""
        if self.live >= 2:
            return 3
        if self.live == 1:
            return 2
        return 1 if self.planned else 0


def heatmap(dimension="persona", today=None):
    """Stages × personas (or topics): live assets and planned entries per cell, two GROUP BYs.

    Returns (columns, [(stage, [Cell, ...])]) with links to the filtered asset list and calendar.
    """
    today = today or timezone.localdate()
    if dimension == "topic":
        columns = list(Topic.objects.order_by("name"))
        asset_key, entry_key = "tagged_topics__tag_id", "topics__id"
        asset_param, calendar_param = "topic", "topic"
    else:
        columns = list(Persona.objects.order_by("sort_order", "name"))
        asset_key, entry_key = "personas__id", "personas__id"
        asset_param, calendar_param = "personas", "persona"
    live = {
        (row["stage_id"], row[asset_key]): row["count"]
        for row in AssetPage.objects.live()
        .values("stage_id", asset_key)
        .annotate(count=Count("pk", distinct=True))
        .order_by()
    }
    planned = {
        (row["stage_id"], row[entry_key]): row["count"]
        for row in CalendarEntry.objects.filter(
            Q(publish_at__gte=start_of_day(today)) | Q(publish_at__isnull=True), page__isnull=True
        )
        .exclude(is_open_slot=True)
        .values("stage_id", entry_key)
        .annotate(count=Count("pk", distinct=True))
        .order_by()
    }
    assets_url, calendar_url = reverse("assets:index"), reverse("calendar:calendar")
    rows = [
        (
            stage,
            [
                Cell(
                    live=live.get((stage.pk, column.pk), 0),
                    planned=planned.get((stage.pk, column.pk), 0),
                    assets_url=f"{assets_url}?live=true&stage={stage.pk}&{asset_param}={column.pk}",
                    calendar_url=f"{calendar_url}?stage={stage.pk}&{calendar_param}={column.pk}",
                )
                for column in columns
            ],
        )
        for stage in BuyingStage.objects.order_by("sort_order", "name")
    ]
    return columns, rows


# Who reads what, by segment -------------------------------------------------------------------

# A format counts as what a segment reads when it has at least this share of the segment's reading.
SEGMENT_FORMAT_SHARE = 0.2


@dataclass
class SegmentRow:
    segment: Segment
    readers: int
    formats: list  # [(label, events, share)] most read first
    stages: list  # [(stage name, events)] in journey order
    planned_formats: list  # [(label, entries)]
    planned_stages: list  # [(stage name, entries)]

    @property
    def gap(self):
        """The plan beside the reading in plain words ("" when the plan covers what it reads)."""
        if not self.readers:
            return (
                "No known readers yet: tag organisations with this segment to learn what it reads."
            )
        read = [label for label, _, share in self.formats if share >= SEGMENT_FORMAT_SHARE]
        planned = [label for label, _ in self.planned_formats]
        if not read:
            return ""
        if not planned:
            return f"Reads {join_words(read)}; nothing is planned for this segment."
        missing = [label for label in read if label not in planned]
        if not missing:
            return ""
        return f"Reads {join_words(missing)}; planned only {join_words(planned)}."


def join_words(words):
    words = [word.lower() for word in words]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def segment_reading(today=None):
    """For each segment: its known readers, which formats and stages they read, and what the calendar
    plans for it. Readers are people who gave address and consent, at organisations an editor put in
    the segment; anonymous reading never counts. Six GROUP BY queries, whatever the numbers."""
    today = today or timezone.localdate()
    readers = Lead.objects.consenting().filter(organisation__do_not_group=False)
    key = "profile__lead__organisation__segments"
    people = dict(
        readers.filter(organisation__segments__isnull=False)
        .values_list("organisation__segments")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    events = ContentEvent.objects.filter(profile__lead__in=readers, **{f"{key}__isnull": False})
    by_format = events.values_list(key, "asset__format").annotate(n=Count("pk")).order_by()
    by_stage = events.values_list(key, "asset__stage_id").annotate(n=Count("pk")).order_by()
    plan = CalendarEntry.objects.filter(
        Q(publish_at__gte=start_of_day(today)) | Q(publish_at__isnull=True),
        page__isnull=True,
        segments__isnull=False,
    ).exclude(is_open_slot=True)
    planned_format = plan.values_list("segments", "format").annotate(n=Count("pk")).order_by()
    planned_stage = plan.values_list("segments", "stage_id").annotate(n=Count("pk")).order_by()
    stages = list(BuyingStage.objects.order_by("sort_order", "name"))
    labels = dict(AssetFormat.choices)

    def formats(rows, segment_id):
        return sorted(
            ((labels.get(value, "Unspecified"), n) for sid, value, n in rows if sid == segment_id),
            key=lambda item: -item[1],
        )

    def by_stage_order(rows, segment_id):
        counts = {value: n for sid, value, n in rows if sid == segment_id}
        return [(stage.name, counts[stage.pk]) for stage in stages if counts.get(stage.pk)]

    by_format, by_stage = list(by_format), list(by_stage)
    planned_format, planned_stage = list(planned_format), list(planned_stage)
    result = []
    for segment in Segment.objects.order_by("dimension", "sort_order", "name"):
        read = formats(by_format, segment.pk)
        total = sum(n for _, n in read) or 1
        result.append(
            SegmentRow(
                segment=segment,
                readers=people.get(segment.pk, 0),
                formats=[(label, n, n / total) for label, n in read],
                stages=by_stage_order(by_stage, segment.pk),
                planned_formats=formats(planned_format, segment.pk),
                planned_stages=by_stage_order(planned_stage, segment.pk),
            )
        )
    return result
