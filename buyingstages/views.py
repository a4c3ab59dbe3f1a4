"""Public endpoints: the reading beacon, subscriptions and privacy requests."""

from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from . import beacon, scoring
from .models import ProfilingSettings


def json_error(message, status):
    return JsonResponse({"error": message}, status=status)


def no_content():
    return HttpResponse(status=204)


@csrf_exempt  # no cookies or session are read; the body carries only an anonymous id
@require_POST
def track(request):
    """POST /t/: record one reading event. 204 when stored or deliberately ignored."""
    try:
        reading, consented = beacon.parse(request.body)
    except beacon.BadEvent as error:
        return json_error(str(error), 400)
    if beacon.opted_out(request.headers) or beacon.is_bot(request.headers.get("User-Agent", "")):
        return no_content()
    rules = ProfilingSettings.load(request_or_site=request)
    if rules.consent_required and not consented:
        return no_content()
    if is_ratelimited(
        request,
        group="beacon",
        key=lambda group, request: reading.visitor_id,
        rate=f"{rules.events_per_minute}/m",
        increment=True,
    ):
        response = json_error("Too many events; slow down.", 429)
        response["Retry-After"] = "60"
        return response
    try:
        scoring.record(reading, rules)
    except scoring.UnknownAsset:
        return json_error('"p" is not a published asset.', 400)
    return no_content()
