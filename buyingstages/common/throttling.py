"""Rate limits for forms and sign-in (django-ratelimit, counted in the shared cache).

Counters are keyed by client address or by the posted username; django-ratelimit keeps only a hash of
the key, in the cache, for the length of the window: no address is stored.
"""

import functools

from django.template.response import TemplateResponse
from django_ratelimit.core import is_ratelimited

RETRY_AFTER_SECONDS = 60


def too_many_requests(request):
    response = TemplateResponse(request, "429.html", status=429)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def over_limit(request, group, rate, keys=("ip",)):
    """True when any of the keys has posted more than `rate` in the window (and count this post)."""
    return any(
        is_ratelimited(
            request, group=f"{group}:{key}", key=key, rate=rate, method="POST", increment=True
        )
        for key in keys
    )


def limit_posts(group, rate, keys=("ip",)):
    """A view decorator: POSTs beyond the rate get a 429 page with Retry-After; GETs are never limited."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "POST" and over_limit(request, group, rate, keys):
                return too_many_requests(request)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
