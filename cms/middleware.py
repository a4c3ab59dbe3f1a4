"""Request guards: a friendly 503 when the database is unreachable; form text without control codes."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader

from buyingstages.text import CONTROL_CODES, without_control_codes

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


class FormTextMiddleware:
    """Posted form fields (admin and public) reach every form without invisible control codes.

    Text pasted from word processors carries them; stored, they would break the topic feeds, the
    calendar export and the .pptx decks that show that text. Uploaded files are left as they are.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type in FORM_TYPES:
            posted = request.POST
            if any(CONTROL_CODES.search(value) for _, values in posted.lists() for value in values):
                cleaned = posted.copy()
                for key, values in posted.lists():
                    cleaned.setlist(key, [clean_form_text(value) for value in values])
                cleaned._mutable = False
                request.POST = cleaned
        return self.get_response(request)
