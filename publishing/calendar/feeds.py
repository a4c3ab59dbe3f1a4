"""Views addressed by a secret token: the private ICS feed and read-only share links."""

import datetime
import hashlib

from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseNotModified
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from buyingstages.taxonomy.models import BuyingStage, Topic
from publishing.calendar.ics import build_calendar
from publishing.calendar.models import CalendarEntry, CalendarFeedToken, CalendarShareLink


class FeedFilterError(ValueError):
    pass


def feed_entries(user, params):
    """What this user may see, filtered by ?stage=<slug>, ?topic=<slug> and ?owner=me."""
    if not user.is_active or not user.has_perm("calendar.view_calendarentry"):
        return CalendarEntry.objects.none()
    entries = CalendarEntry.objects.select_related("stage").order_by("publish_at", "pk")
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


@require_GET
def calendar_feed(request, token):
    feed_token = CalendarFeedToken.lookup(token)
    if feed_token is None:
        raise Http404
    try:
        entries = feed_entries(feed_token.user, request.GET)
    except FeedFilterError as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    body = build_calendar(entries, name="Editorial calendar")
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    feed_token.touch()
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="editorial-calendar.ics"'
    response["ETag"] = etag
    patch_cache_control(response, private=True, no_cache=True)
    return response


SHARED_WEEKS_BEHIND = 2
SHARED_WEEKS_AHEAD = 13


@require_GET
def shared_calendar(request, token):
    """The plan, week by week: titles, stages and formats only (no briefs, no owners)."""
    link = CalendarShareLink.lookup(token)
    if link is None:
        raise Http404
    today = timezone.localdate()
    start = today - datetime.timedelta(days=today.weekday(), weeks=SHARED_WEEKS_BEHIND)
    end = start + datetime.timedelta(weeks=SHARED_WEEKS_BEHIND + SHARED_WEEKS_AHEAD)
    entries = (
        CalendarEntry.objects.filter(publish_at__date__gte=start, publish_at__date__lt=end)
        .select_related("stage")
        .order_by("publish_at", "pk")
    )
    response = TemplateResponse(
        request,
        "calendar/shared_calendar.html",
        {"link": link, "entries": entries, "start": start, "end": end},
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    patch_cache_control(response, private=True, no_store=True)
    return response
