"""E-mails to entry owners: on assignment, and a daily digest of what falls due soon."""

import datetime
from collections import defaultdict

from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from buyingstages.common.addresses import absolute_url
from buyingstages.common.text import one_line
from publishing.calendar import recurrence
from publishing.calendar.models import CalendarEntry, WorkStage

ONE_DAY = datetime.timedelta(days=1)


def edit_url(entry):
    return absolute_url(reverse("calendar:edit", args=[entry.pk]))


def notify_assignment(entry, assigned_by=None):
    """Tell the new owner; nobody is told about assigning themselves."""
    owner = entry.owner
    if owner is None or not owner.email or owner == assigned_by:
        return False
    context = {"entry": entry, "owner": owner, "assigned_by": assigned_by, "url": edit_url(entry)}
    send_mail(
        subject=f"You own “{one_line(entry.title)}” on the editorial calendar",
        message=render_to_string("calendar/email/assigned.txt", context),
        from_email=None,
        recipient_list=[owner.email],
    )
    return True


def due_soon(today, days):
    """What each owner has falling due from `today` for `days` days, as {owner: [(entry, [days it
    publishes])]}, the soonest first.

    A single entry is due on its draft, review or publish date. A repeating one has no single draft or
    review deadline (its form refuses them): it is due on each occurrence in the period, moved ones on
    their new day and skipped ones not at all, worked out as the month view does.
    """
    first, last = today, today + datetime.timedelta(days=days + 1)
    deadlines = Q(draft_due__range=(first, last - ONE_DAY)) | Q(
        review_due__range=(first, last - ONE_DAY)
    )
    people = CalendarEntry.objects.filter(owner__isnull=False, owner__is_active=True).exclude(
        status__work_stage=WorkStage.PUBLISHED
    )
    entries = (
        (people.in_window(first, last) | people.filter(deadlines, repeat=""))
        .select_related("owner", "stage", "page")
        .distinct()
    )
    found = []
    for entry in CalendarEntry.attach_plan_data(list(entries)):
        if entry.work_stage == WorkStage.PUBLISHED:
            continue
        publishing = [
            occurrence.day
            for occurrence in recurrence.occurrences(entry, first, last, entry.plan_changes)
        ]
        if entry.repeat:
            dates = publishing
        else:
            dates = [
                day for day in (entry.draft_due, entry.review_due) if day and first <= day < last
            ]
            dates += publishing
        if dates:
            found.append((min(dates), entry.pk, entry, publishing if entry.repeat else []))
    by_owner = defaultdict(list)
    for _, _, entry, publishing in sorted(found, key=lambda item: item[:2]):
        by_owner[entry.owner].append((entry, publishing))
    return by_owner


def send_due_reminders(days=3, today=None):
    """One e-mail per owner with something due soon. Returns how many were sent."""
    today = today or timezone.localdate()
    sent = 0
    for owner, due in due_soon(today, days).items():
        if not owner.email:
            continue
        items = [(entry, edit_url(entry), publishing) for entry, publishing in due]
        send_mail(
            subject=f"Due in the next {days} days: {len(items)} calendar entr{'y' if len(items) == 1 else 'ies'}",
            message=render_to_string(
                "calendar/email/due_soon.txt", {"owner": owner, "items": items, "days": days}
            ),
            from_email=None,
            recipient_list=[owner.email],
        )
        sent += 1
    return sent


def notify_mentions(comment):
    """E-mail each person a comment mentions (@username). Returns whom it told."""
    entry = comment.entry
    author = comment.author
    by = (author.get_full_name() or author.get_username()) if author else "Someone"
    told = []
    for person in comment.mentioned_users():
        if not person.email:
            continue
        context = {"entry": entry, "comment": comment, "by": by, "person": person}
        context["url"] = edit_url(entry) + "#comments"
        send_mail(
            subject=f"{by} mentioned you on “{one_line(entry.title)}”",
            message=render_to_string("calendar/email/mentioned.txt", context),
            from_email=None,
            recipient_list=[person.email],
        )
        told.append(person)
    return told
