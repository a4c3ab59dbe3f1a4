"""Request guards: a friendly 503 when the database is unreachable; form text without control codes;
the Content Security Policy, built only for the responses that carry it."""

import logging
from urllib.parse import unquote_to_bytes

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse, QueryDict
from django.template import loader

from buyingstages.common.text import CONTROL_CODES, without_control_codes

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = "30"
JSON_PREFIXES = ("/t/", "/api/")


class DatabaseUnavailableMiddleware:
    """Connection refused, server gone or locked: a friendly 503; the next request reconnects."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        return database_unavailable(request, exception)


def database_unavailable(request, exception):
    # Logged in full: SQLite also reports some query mistakes as OperationalError. The broken
    # connection is closed when the request finishes (Django's request_finished handler), so the
    # next request connects afresh: no restart needed.
    logger.error("Database unavailable", exc_info=exception)
    if request.path.startswith(JSON_PREFIXES):
        response = JsonResponse(
            {"error": "The service is briefly unavailable. Please try again shortly."},
            status=503,
        )
    else:
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = RETRY_AFTER_SECONDS
    response["Cache-Control"] = "no-store"
    return response


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
clean_form_text = without_control_codes


def is_utf8_form(body):
    """Django would quietly turn bytes that are not UTF-8 into "\ufffd"; a form must say what it means."""
    try:
        for pair in body.split(b"&"):
            unquote_to_bytes(pair.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class FormTextMiddleware:
    """Posted form fields (admin and public) reach every form without invisible control codes.

    Text pasted from word processors carries them; stored, they would break the topic feeds, the
    calendar export and the .pptx decks that show that text. Uploaded files are left as they are.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type in FORM_TYPES:
            length = request.META.get("CONTENT_LENGTH") or "0"
            if length.isdigit() and int(length) <= settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
                request.body  # noqa: B018 (kept, so a view may still read the raw body after the fields)
            if request.content_type == FORM_TYPES[0] and not is_utf8_form(request.body):
                return HttpResponseBadRequest(
                    "The form was not sent as UTF-8 text.", content_type="text/plain; charset=utf-8"
                )
            posted = request.POST
            if any(CONTROL_CODES.search(value) for _, values in posted.lists() for value in values):
                cleaned = QueryDict(mutable=True)
                for key, values in posted.lists():
                    cleaned.setlist(key, [clean_form_text(value) for value in values])
                request.POST = QueryDict(cleaned.urlencode(), encoding=request.encoding)
        return self.get_response(request)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, skipped outright for the paths its settings exclude (the admin, the
    beacon, the JSON APIs), which it would otherwise build a policy for and then not send."""

    def process_response(self, request, response):
        excluded = settings.CONTENT_SECURITY_POLICY.get("EXCLUDE_URL_PREFIXES", ())
        if request.path_info.startswith(tuple(excluded)):
            return response
        return super().process_response(request, response)
