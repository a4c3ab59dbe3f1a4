"""Repeating entries: the days a series falls on, worked out only inside the period in view.

A series repeats in the site's time zone from its planned date: weekly, monthly on the same day,
monthly on the same weekday ("the first Tuesday"; a fifth weekday counts as "the last"), or on each
month's last day. The rule is the RFC 5545 RRULE calendar apps read, so the grid, the ICS feed and
every subscriber agree; like every calendar app, a series on day 29 to 31 skips months without that
day, and says so in words (`describe`), while "the last day" is there for month ends.
"""

import datetime
from dataclasses import dataclass

from dateutil import rrule
from django.utils import timezone

from publishing.calendar.models import Repeat

ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Occurrence:
    """One day a repeating entry is on: `original` is where the series puts it."""

    original: datetime.date
    start: datetime.datetime  # aware
    moved: bool = False

    @property
    def day(self):
        return timezone.localtime(self.start).date()


def nth_weekday(day):
    """Which of its month's weekdays `day` is: 1 to 4, or -1 for a fifth (the last)."""
    nth = (day.day - 1) // 7 + 1
    return -1 if nth == 5 else nth


def rule_parts(repeat, every, start_day):
    """The RRULE's FREQ/INTERVAL/BYDAY parts (no UNTIL) for a series starting on `start_day`."""
    parts = {"FREQ": "WEEKLY" if repeat == Repeat.WEEKLY else "MONTHLY"}
    if every and every > 1:
        parts["INTERVAL"] = str(every)
    if repeat == Repeat.MONTHLY_WEEKDAY:
        parts["BYDAY"] = f"{nth_weekday(start_day)}{WEEKDAY_CODES[start_day.weekday()]}"
    elif repeat == Repeat.MONTHLY_LAST_DAY:
        parts["BYMONTHDAY"] = "-1"
    return parts


def skipped_months(entry):
    """The months a monthly series on day 29, 30 or 31 passes over, in words ("" if none):
    "months without a 31st". Only months the series lands on count: every 12 months from
    31 January passes over none."""
    if entry.repeat != Repeat.MONTHLY or not entry.publish_at:
        return ""
    start = timezone.localtime(entry.publish_at)
    every = entry.repeat_every or 1
    landed = {(start.month - 1 + step * every) % 12 + 1 for step in range(12)}
    # The shortest each month gets (February in a leap year has 29 days).
    shortest = {2: 28, 4: 30, 6: 30, 9: 30, 11: 30}
    if not any(start.day > shortest.get(month, 31) for month in landed):
        return ""
    if start.day == 29:
        return "February in most years"
    return f"months without a {start.day}{'st' if start.day == 31 else 'th'}"


def until_moment(until):
    """The end of the series' last day, as an aware moment (an RRULE's UNTIL is inclusive)."""
    return timezone.make_aware(datetime.datetime.combine(until, datetime.time(23, 59, 59)))


def describe(entry):
    """The repeat in words, e.g. "Every 2 weeks until 3 March 2027" or "Every month, on the
    first Tuesday"."""
    if not entry.repeat or not entry.publish_at:
        return ""
    day = timezone.localtime(entry.publish_at).date()
    every = entry.repeat_every or 1
    unit = "week" if entry.repeat == Repeat.WEEKLY else "month"
    text = f"Every {unit}" if every == 1 else f"Every {every} {unit}s"
    if entry.repeat == Repeat.MONTHLY_WEEKDAY:
        text += f", on the {ORDINALS[nth_weekday(day)]} {day:%A}"
    elif entry.repeat == Repeat.MONTHLY_LAST_DAY:
        text += ", on its last day"
    elif entry.repeat == Repeat.MONTHLY:
        text += f", on day {day.day}"
    if entry.repeat_until:
        text += f", until {entry.repeat_until:%-d %B %Y}"
    skipped = skipped_months(entry)
    if skipped:
        text += f" (skipping {skipped})"
    return text


def series(entry, near=None):
    """The dateutil rule of a repeating entry, in local wall-clock time (naive datetimes).

    With `near` (a day), the rule starts at the last step of the series on or before it rather than
    at the series' first day: the same days from there on, without dateutil walking every week or
    month since the series began, so an old series costs no more to show than a new one.
    """
    start = timezone.make_naive(entry.publish_at)
    every = entry.repeat_every or 1
    until = (
        datetime.datetime.combine(entry.repeat_until, datetime.time(23, 59, 59))
        if entry.repeat_until
        else None
    )
    if entry.repeat == Repeat.WEEKLY:
        if near and near > start.date():
            steps = (near - start.date()).days // (7 * every)
            start += datetime.timedelta(weeks=steps * every)
        return rrule.rrule(rrule.WEEKLY, interval=every, dtstart=start, until=until)
    day = start.date()
    if entry.repeat == Repeat.MONTHLY_WEEKDAY:
        rule = {"byweekday": rrule.weekdays[start.weekday()](nth_weekday(day))}
    elif entry.repeat == Repeat.MONTHLY_LAST_DAY:
        rule = {"bymonthday": -1}
    else:
        rule = {"bymonthday": day.day}
    if near and near > day:
        # Step whole intervals of months from the series' month; the rule picks the day within.
        months = (near.year - day.year) * 12 + near.month - day.month - 1
        steps = max(months, 0) // every
        month = day.year * 12 + day.month - 1 + steps * every
        if steps:
            start = start.replace(year=month // 12, month=month % 12 + 1, day=1)
    return rrule.rrule(rrule.MONTHLY, interval=every, dtstart=start, until=until, **rule)


def occurrences(entry, first, last, changes=None):
    """The occurrences of `entry` on days from `first` up to, not including, `last`.

    Skipped ones are left out, moved ones are on their new day (kept at the series' time of day).
    `changes` are the entry's EntryOccurrence rows (prefetched: `occurrence_changes`). Only the
    days inside the window are worked out, however long the series runs.
    """
    if not entry.repeat:
        if entry.publish_at and first <= timezone.localtime(entry.publish_at).date() < last:
            return [Occurrence(timezone.localtime(entry.publish_at).date(), entry.publish_at)]
        return []
    if changes is None:
        changes = entry.occurrence_changes.all()
    changed = {change.original_date: change for change in changes}
    start = datetime.datetime.combine(first, datetime.time.min)
    end = datetime.datetime.combine(last, datetime.time.min)
    time_of_day = timezone.localtime(entry.publish_at).time()
    found = []
    for moment in series(entry, near=first).between(start, end, inc=True):
        if moment >= end:
            continue
        change = changed.get(moment.date())
        if change is None:
            found.append(Occurrence(moment.date(), timezone.make_aware(moment)))
    for change in changed.values():
        if change.skipped or change.moved_to is None or not first <= change.moved_to < last:
            continue
        if not is_occurrence(entry, change.original_date):
            continue
        moved = timezone.make_aware(datetime.datetime.combine(change.moved_to, time_of_day))
        found.append(Occurrence(change.original_date, moved, moved=True))
    return sorted(found, key=lambda occurrence: occurrence.start)


def is_occurrence(entry, day):
    """True when the series of `entry` falls on `day`."""
    if not entry.repeat or not entry.publish_at:
        return False
    start = datetime.datetime.combine(day, datetime.time.min)
    end = start + datetime.timedelta(days=1)
    return bool(series(entry, near=day).between(start, end, inc=True))


def upcoming(entry, today, count=8):
    """The next `count` days of the series from `today`, with what was changed on each."""
    if not entry.repeat or not entry.publish_at:
        return []
    changed = {change.original_date: change for change in entry.occurrence_changes.all()}
    start = datetime.datetime.combine(today, datetime.time.min)
    days = []
    for moment in series(entry, near=today).xafter(start, count=count, inc=True):
        days.append((moment.date(), changed.get(moment.date())))
    return days
