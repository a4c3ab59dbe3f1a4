"""The editorial calendar as RFC 5545 iCalendar, for Google Calendar, Outlook and Apple Calendar."""

import datetime

from django.utils import timezone
from icalendar import Calendar, Event

PRODUCT_ID = "-//Masthead//Editorial calendar//EN"
UID_DOMAIN = "masthead"


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


def build_calendar(entries, name="Editorial calendar"):
    """The whole feed as bytes; text escaping and line folding are icalendar's."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for entry in entries:
        for event in entry_events(entry):
            calendar.add_component(event)
    return calendar.to_ical()
