"""Views addressed by a secret token: the private ICS feed and read-only share links."""

import datetime
import hashlib
import re

from django.conf import settings
from django.db.models import Count, Max, Q
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_GET, require_safe

from buyingstages.taxonomy.models import BuyingStage, Topic
from publishing.calendar import recurrence
from publishing.calendar.ics import build_calendar
from publishing.calendar.models import (
    CalendarEntry,
    CalendarFeedToken,
    CalendarShareLink,
    start_of_day,
)

# The feed covers entries from the first of the month this many months back, and everything ahead;
# ?past=N moves the start (0: this month). Old entries are history, not plans, and every client
# re-reads the whole feed at each refresh.
DEFAULT_PAST_MONTHS = 6
MAX_PAST_MONTHS = 120
# Part of every ETag: bump it when the feed's text changes for the same entries (a new property).
FEED_REVISION = "3"


class FeedFilterError(ValueError):
    pass


def window_start(params, today=None):
    """The first day the feed covers, from ?past=<months> (default 6)."""
    past = params.get("past", str(DEFAULT_PAST_MONTHS))
    if not re.fullmatch(r"[0-9]{1,3}", past) or int(past) > MAX_PAST_MONTHS:
        raise FeedFilterError(
            f'"past" is how many months back the feed reaches: a whole number from 0 to '
            f"{MAX_PAST_MONTHS} (default {DEFAULT_PAST_MONTHS})."
        )
    today = today or timezone.localdate()
    month = today.year * 12 + today.month - 1 - int(past)
    return datetime.date(month // 12, month % 12 + 1, 1)


def feed_entries(user, params, since=None):
    """What this user may see, filtered by ?stage=<slug>, ?topic=<slug> and ?owner=me.

    With `since` (a day), only entries with a publish date or deadline on or after it.
    """
    if not user.is_active or not user.has_perm("calendar.view_calendarentry"):
        return CalendarEntry.objects.none()
    entries = CalendarEntry.objects.select_related("stage").order_by("publish_at", "pk")
    if since is not None:
        entries = entries.filter(
            Q(publish_at__gte=start_of_day(since))
            | Q(draft_due__gte=since)
            | Q(review_due__gte=since)
            | (~Q(repeat="") & (Q(repeat_until__isnull=True) | Q(repeat_until__gte=since)))
        )
    if slug := params.get("stage"):
        stage = BuyingStage.objects.filter(slug=slug).first()
        if stage is None:
            raise FeedFilterError("Unknown stage.")
        entries = entries.filter(stage=stage)
    if slug := params.get("topic"):
        topic = Topic.objects.filter(slug=slug).first()
        if topic is None:
            raise FeedFilterError("Unknown topic.")
        entries = entries.filter(topics=topic)
    if owner := params.get("owner"):
        if owner != "me":
            raise FeedFilterError('"owner" can only be "me".')
        entries = entries.filter(owner=user)
    return entries


def feed_etag(entries, *variant):
    """The feed's ETag, from two small queries instead of the feed itself, so a 304 is cheap.

    An edit moves the newest `updated_at`, a deletion the count, a renamed stage the stage names
    (shown as categories); `variant` is whatever else picks the feed (user, window, filters).
    """
    found = entries.order_by().aggregate(count=Count("pk"), newest=Max("updated_at"))
    stages = list(BuyingStage.objects.order_by("pk").values_list("pk", "name"))
    key = (FEED_REVISION, settings.WAGTAILADMIN_BASE_URL, found["count"], found["newest"], stages)
    digest = hashlib.sha256(repr((*key, *variant)).encode()).hexdigest()
    return f'"{digest[:32]}"'


def admin_edit_url():
    """A function from an entry's pk to the absolute address of its page in the admin."""
    path = reverse("calendar:edit", args=[0]).removesuffix("0/")
    prefix = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
    return lambda pk: f"{prefix}{pk}/"


@require_safe
def calendar_feed(request, token):
    """The private ICS feed. An unchanged feed answers 304 before anything is built; HEAD is GET
    without the body."""
    feed_token = CalendarFeedToken.lookup(token)
    if feed_token is None:
        raise Http404
    try:
        since = window_start(request.GET)
        entries = feed_entries(feed_token.user, request.GET, since)
    except FeedFilterError as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    filters = sorted(
        (key, request.GET[key]) for key in ("stage", "topic", "owner") if key in request.GET
    )
    etag = feed_etag(entries, feed_token.user.pk, since, filters)
    last_modified = int(feed_token.record_fetch(etag).timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        body = build_calendar(entries, name="Editorial calendar", entry_url=admin_edit_url())
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="editorial-calendar.ics"'
        if request.method == "HEAD":
            response["Content-Length"] = len(body)
            response.content = b""
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, private=True, no_cache=True)
    return response


SHARED_WEEKS_BEHIND = 2
SHARED_WEEKS_AHEAD = 13


def shared_weeks(first, last):
    """What a share link shows from day `first` up to, not including, `last`, as (Monday, [(entry,
    occurrence)]) in order: each occurrence of a repeating entry, as on the month view, in the same
    constant number of queries (the entries, then their statuses, types and moved or skipped days)."""
    entries = CalendarEntry.objects.in_window(first, last).select_related("stage")
    items = []
    for entry in CalendarEntry.attach_plan_data(list(entries)):
        for occurrence in recurrence.occurrences(entry, first, last, entry.plan_changes):
            items.append((entry, occurrence))
    items.sort(key=lambda item: (item[1].start, item[0].pk))
    weeks = {}
    for entry, occurrence in items:
        monday = occurrence.day - datetime.timedelta(days=occurrence.day.weekday())
        weeks.setdefault(monday, []).append((entry, occurrence))
    return list(weeks.items())


@require_GET
def shared_calendar(request, token):
    """The plan, week by week: titles, stages and formats only (no briefs, no owners)."""
    link = CalendarShareLink.lookup(token)
    if link is None:
        raise Http404
    today = timezone.localdate()
    start = today - datetime.timedelta(days=today.weekday(), weeks=SHARED_WEEKS_BEHIND)
    end = start + datetime.timedelta(weeks=SHARED_WEEKS_BEHIND + SHARED_WEEKS_AHEAD)
    response = TemplateResponse(
        request,
        "calendar/shared_calendar.html",
        {"link": link, "weeks": shared_weeks(start, end), "start": start, "end": end},
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    patch_cache_control(response, private=True, no_store=True)
    return response
