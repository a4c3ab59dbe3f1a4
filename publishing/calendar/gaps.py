"""What the calendar is most useful for: where coverage is missing in a period."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.utils import timezone

from buyingstages.taxonomy.models import BuyingStage, Persona, Topic
from publishing.calendar import recurrence
from publishing.calendar.models import VISUAL_FORMATS, CalendarEntry, EntryLength, start_of_day


@dataclass
class TopicGap:
    topic: Topic
    cycle_weeks: int
    gap_from: datetime.date
    gap_to: datetime.date

    @property
    def days(self):
        return (self.gap_to - self.gap_from).days


@dataclass
class CoverageReport:
    start: datetime.date
    end: datetime.date
    stages: list
    personas: list
    matrix: list  # one row per stage: [(persona, count), ...]
    empty_cells: int
    topic_gaps: list
    format_mix: dict
    free_slots: list
    campaign: object = None  # the campaign the report answers for, if any


def campaign_period(campaign, start, end):
    """The part of [start, end) within the campaign's dates (an empty period if none)."""
    if campaign.starts_on:
        start = max(start, campaign.starts_on)
    if campaign.ends_on:
        end = min(end, campaign.ends_on + datetime.timedelta(days=1))
    return start, max(start, end)


def coverage(start, end, campaign=None):
    """Coverage of planned entries with a publish date in [start, end): a constant number of queries.

    A repeating entry counts once for each of its occurrences in the period. For a campaign: its
    entries, within its dates, against the stages and personas it targets (all of them where it
    names none).
    """
    planned = CalendarEntry.objects.all()
    stages, personas = BuyingStage.objects.all(), Persona.objects.all()
    if campaign is not None:
        start, end = campaign_period(campaign, start, end)
        planned = planned.filter(campaign=campaign)
        targeted_stages, targeted_personas = campaign.stages.all(), campaign.personas.all()
        stages = targeted_stages if targeted_stages.exists() else stages
        personas = targeted_personas if targeted_personas.exists() else personas
    entries = []
    window = planned.in_window(start, end).exclude(is_open_slot=True)
    for entry in CalendarEntry.attach_plan_data(
        list(window.prefetch_related("personas", "topics"))
    ):
        entries.extend([entry] * len(recurrence.occurrences(entry, start, end, entry.plan_changes)))
    stages = list(stages)
    personas = list(personas)

    cells = Counter()
    for entry in entries:
        for persona in entry.personas.all():
            cells[(entry.stage_id, persona.pk)] += 1
    matrix = [
        (stage, [(persona, cells[(stage.pk, persona.pk)]) for persona in personas])
        for stage in stages
    ]
    empty = sum(1 for _, row in matrix for _, count in row if count == 0)

    return CoverageReport(
        start=start,
        end=end,
        stages=stages,
        personas=personas,
        matrix=matrix,
        empty_cells=empty,
        topic_gaps=topic_gaps(start, end, campaign),
        format_mix=format_mix(entries),
        free_slots=list(planned.open_slots().planned_on_days(start, end)),
        campaign=campaign,
    )


def topic_gaps(start, end, campaign=None):
    """Topics with a coverage cycle that go longer than it without a planned entry in the period
    (an entry of the campaign, when given one)."""
    topics = list(Topic.objects.filter(cycle_weeks__isnull=False, cycle_weeks__gt=0))
    if not topics:
        return []
    longest_cycle = max(topic.cycle_weeks for topic in topics)
    window_start = start - datetime.timedelta(weeks=longest_cycle)
    dates = {topic.pk: [] for topic in topics}
    rows = (
        CalendarEntry.topics.through.objects.filter(
            topic__in=topics,
            calendarentry__publish_at__gte=start_of_day(window_start),
            calendarentry__publish_at__lt=start_of_day(end),
            calendarentry__is_open_slot=False,
            **({"calendarentry__campaign": campaign} if campaign is not None else {}),
        )
        .values_list("topic_id", "calendarentry__publish_at")
        .order_by("calendarentry__publish_at")
    )
    for topic_id, publish_at in rows:
        dates[topic_id].append(timezone.localdate(publish_at))
    repeating = (
        CalendarEntry.objects.in_window(window_start, end)
        .exclude(repeat="")
        .filter(is_open_slot=False, topics__in=topics)
        .filter(**({"campaign": campaign} if campaign is not None else {}))
        .distinct()
        .prefetch_related("topics", "occurrence_changes")
    )
    for entry in repeating:
        days = [o.day for o in recurrence.occurrences(entry, window_start, end)]
        for topic in entry.topics.all():
            if topic.pk in dates:
                dates[topic.pk].extend(days)
    for days in dates.values():
        days.sort()

    gaps = []
    for topic in topics:
        cycle = datetime.timedelta(weeks=topic.cycle_weeks)
        earlier = [d for d in dates[topic.pk] if d < start]
        previous = earlier[-1] if earlier else start
        for point in [*[d for d in dates[topic.pk] if d >= start], end]:
            if point - previous > cycle:
                gaps.append(TopicGap(topic, topic.cycle_weeks, previous, point))
                break
            previous = point
    return gaps


def format_mix(entries):
    lengths = Counter(entry.length or "unset" for entry in entries)
    visual = sum(1 for entry in entries if entry.format in VISUAL_FORMATS)
    formats = Counter(entry.get_format_display() or "Unset" for entry in entries)
    return {
        "long": lengths[EntryLength.LONG],
        "short": lengths[EntryLength.SHORT],
        "visual": visual,
        "text": len(entries) - visual,
        "formats": sorted(formats.items(), key=lambda item: -item[1]),
    }
