"""Rate limits for forms and sign-in (django-ratelimit, counted in the shared cache).

Counters are keyed by client address or by the posted username; django-ratelimit keeps only a hash of
the key, in the cache, for the length of the window: no address is stored.

Behind a load balancer every request comes from the balancer, so the client's address is read from
the header the balancer sets (``MASTHEAD_CLIENT_ADDRESS_HEADER``, e.g. ``X-Forwarded-For``), counting
``MASTHEAD_TRUSTED_PROXIES`` entries from its right: those are the ones the site's own proxies added,
while anything to their left came from the client and may be made up. Without the setting the header
is ignored, since then anyone could send one.
"""

import functools
import ipaddress

from django.conf import settings
from django.template.response import TemplateResponse
from django_ratelimit.core import is_ratelimited

RETRY_AFTER_SECONDS = 60


def client_address(request):
    """The address a request came from, as the site's own proxies saw it (django-ratelimit's
    ``RATELIMIT_IP_META_KEY``)."""
    header = settings.MASTHEAD_CLIENT_ADDRESS_HEADER
    if header:
        seen = request.headers.get(header, "").split(",")
        proxies = settings.MASTHEAD_TRUSTED_PROXIES
        if len(seen) >= proxies:
            candidate = seen[-proxies].strip()
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass  # not an address: count the request against the proxy's own
    return request.META["REMOTE_ADDR"]


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
