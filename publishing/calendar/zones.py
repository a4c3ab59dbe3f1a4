"""The site's time zone as a VTIMEZONE that calendar clients read alike.

icalendar writes a zone as one RDATE per transition since 1970; dateutil's reader (vobject, and
clients built on it) then keeps the winter offset all summer for some zones, so a weekly 16:00 in
New York showed at 17:00 from March. Clients themselves (Google, Apple, Outlook) write zones as two
yearly RRULEs, which every reader expands. This writes that form when it reproduces the zone's real
transitions for the years ahead, and icalendar's otherwise (a zone whose rules change).
"""

import calendar
import datetime
import functools
from zoneinfo import ZoneInfo

from icalendar import Timezone

CHECKED_YEARS = 12  # the rule must match the zone's real changes this many years ahead


def transitions(zone, year):
    """The zone's offset changes in `year`: [(UTC moment, offset before, offset after)]."""
    found = []
    day, hour = datetime.timedelta(days=1), datetime.timedelta(hours=1)
    moment = datetime.datetime(year, 1, 1, tzinfo=datetime.UTC)
    end = datetime.datetime(year + 1, 1, 1, tzinfo=datetime.UTC)
    before = moment.astimezone(zone).utcoffset()
    while moment < end:
        after = (moment + day).astimezone(zone).utcoffset()
        if after != before:  # a change within this day: find its hour
            exact = moment
            while exact.astimezone(zone).utcoffset() == before:
                exact += hour
            found.append((exact, before, after))
            before = after
        moment += day
    return found


def offset(delta):
    minutes = int(delta.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


def yearly_rule(onset):
    """BYMONTH and BYDAY of a change on the local wall-clock `onset` (nth or last weekday)."""
    weekday = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[onset.weekday()]
    last_day = calendar.monthrange(onset.year, onset.month)[1]
    nth = -1 if onset.day + 7 > last_day else (onset.day - 1) // 7 + 1
    return onset.month, nth, weekday


def rule_day(year, month, nth, weekday):
    codes = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
    days = [
        day
        for day in range(1, calendar.monthrange(year, month)[1] + 1)
        if datetime.date(year, month, day).weekday() == codes.index(weekday)
    ]
    return days[nth - 1] if nth > 0 else days[-1]


@functools.lru_cache(maxsize=32)
def vtimezone(name, year):
    """A VTIMEZONE component for zone `name`, its rules valid from `year`."""
    zone = ZoneInfo(name)
    changes = transitions(zone, year)
    if len(changes) != 2:
        if not changes:
            return fixed(name, zone, year)
        return Timezone.from_tzid(name, first_date=datetime.date(year, 1, 1))
    parts = []
    for moment, before, after in changes:
        onset = (moment + before).replace(tzinfo=None)
        month, nth, weekday = yearly_rule(onset)
        for later in range(year + 1, year + CHECKED_YEARS):
            real = [
                (m + b).replace(tzinfo=None) for m, b, a in transitions(zone, later) if a == after
            ]
            if len(real) != 1 or real[0].day != rule_day(later, month, nth, weekday):
                return Timezone.from_tzid(name, first_date=datetime.date(year, 1, 1))
        kind = "DAYLIGHT" if after > before else "STANDARD"
        parts.append(
            f"BEGIN:{kind}\r\nTZNAME:{moment.astimezone(zone).tzname()}\r\n"
            f"TZOFFSETFROM:{offset(before)}\r\nTZOFFSETTO:{offset(after)}\r\n"
            f"DTSTART:{onset:%Y%m%dT%H%M%S}\r\n"
            f"RRULE:FREQ=YEARLY;BYMONTH={month};BYDAY={nth}{weekday}\r\nEND:{kind}\r\n"
        )
    text = f"BEGIN:VTIMEZONE\r\nTZID:{name}\r\n{''.join(parts)}END:VTIMEZONE\r\n"
    return Timezone.from_ical(text)


def fixed(name, zone, year):
    moment = datetime.datetime(year, 1, 1, tzinfo=datetime.UTC).astimezone(zone)
    text = (
        f"BEGIN:VTIMEZONE\r\nTZID:{name}\r\nBEGIN:STANDARD\r\nTZNAME:{moment.tzname()}\r\n"
        f"TZOFFSETFROM:{offset(moment.utcoffset())}\r\nTZOFFSETTO:{offset(moment.utcoffset())}\r\n"
        f"DTSTART:{year}0101T000000\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
    )
    return Timezone.from_ical(text)
