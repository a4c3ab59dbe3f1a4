"""The editorial calendar as RFC 5545 iCalendar, for Google Calendar, Outlook and Apple Calendar."""

import datetime
import hashlib

from django.core.cache import cache
from django.utils import timezone
from icalendar import Calendar, Event

PRODUCT_ID = "-//Masthead//Editorial calendar//EN"
UID_DOMAIN = "masthead"
EVENT_CACHE_SECONDS = 7 * 24 * 3600


def entry_moments(entry):
    """(kind, summary, date or datetime) for the publish plan and each step deadline."""
    if entry.publish_at:
        yield "publish", f"Publish: {entry.title}", entry.publish_at
    if entry.draft_due:
        yield "draft", f"Draft due: {entry.title}", entry.draft_due
    if entry.review_due:
        yield "review", f"Review due: {entry.title}", entry.review_due


def entry_events(entry):
    """One event per moment, with a UID that stays the same however the entry changes."""
    stamp = entry.updated_at or timezone.now()
    categories = [
        label for label in (entry.stage and entry.stage.name, entry.get_format_display()) if label
    ]
    for kind, summary, moment in entry_moments(entry):
        event = Event()
        event.add("uid", f"{entry.uid}-{kind}@{UID_DOMAIN}")
        event.add("summary", summary)
        event.add("dtstamp", stamp)
        event.add("last-modified", stamp)
        event.add("sequence", entry.sequence)
        if isinstance(moment, datetime.datetime):
            event.add("dtstart", moment.astimezone(datetime.UTC))
            event.add("duration", datetime.timedelta(minutes=30))
        else:
            event.add("dtstart", moment)
            event.add("dtend", moment + datetime.timedelta(days=1))
        if entry.brief:
            event.add("description", entry.brief)
        if categories:
            event.add("categories", categories)
        yield event


def event_cache_key(entry):
    """Changes whenever anything the entry's events show changes (the stage name included)."""
    stage = entry.stage.name if entry.stage else ""
    fingerprint = hashlib.sha256(
        f"{entry.updated_at.isoformat()}|{entry.sequence}|{stage}".encode()
    )
    return f"masthead:ics:{entry.pk}:{fingerprint.hexdigest()[:16]}"


def entry_block(entry):
    return b"".join(event.to_ical() for event in entry_events(entry))


def build_calendar(entries, name="Editorial calendar"):
    """The whole feed as bytes; text escaping and line folding are icalendar's.

    Each entry's VEVENTs are rendered once and cached until the entry changes, so a feed of
    thousands of entries costs one cache round trip plus whatever changed since the last request.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    entries = list(entries)
    keys = {entry.pk: event_cache_key(entry) for entry in entries}
    blocks = cache.get_many(keys.values())
    missing = {
        keys[entry.pk]: entry_block(entry) for entry in entries if keys[entry.pk] not in blocks
    }
    if missing:
        cache.set_many(missing, timeout=EVENT_CACHE_SECONDS)
        blocks.update(missing)
    head, tail = calendar.to_ical().rsplit(b"END:VCALENDAR", 1)
    return head + b"".join(blocks[keys[entry.pk]] for entry in entries) + b"END:VCALENDAR" + tail
