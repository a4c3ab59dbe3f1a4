"""When the database is unreachable, answer at once with 503 rather than a 500 or a traceback."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader

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
