"""Whole public pages cached for anonymous readers, dropped page by page when what they show changes.

A public page carries no per-visitor work (profiling runs from the reading script), so one rendering
serves every anonymous reader. Renderings live in Django's default cache, which every process of a
deployment shares (diskcache in the embedded default, Redis in production), under the page's path;
the renderings of one path for different hosts and query strings (filters, pagination) share its
entry, so dropping a path drops them all. ``cms.caching.invalidation`` decides which paths a change drops.

Only Wagtail pages are stored (the ``before_serve_page`` hook marks them), and only responses that
Wagtail itself leaves cacheable: a page behind a view restriction is answered ``never_cache``. Search,
the calendar's feeds, the beacon and anything signed in pass straight through. A CDN in front gets
``Cache-Control: public, s-maxage=…`` and is purged through Wagtail's frontend cache. With the cache
unreachable, pages are served uncached.
"""

import datetime
import hashlib
import logging
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re, patch_cache_control

logger = logging.getLogger(__name__)

STATUS_HEADER = "X-Masthead-Cache"
# Cookies that mean the reader may see something personal: signed in, a flash message waiting.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")
NEVER_CACHED_PREFIXES = ("/admin/", "/t/", "/api/", "/sales/", "/s/", "/documents/", "/search/")
# Renderings kept per path (hosts, query strings); past it, new ones are served uncached.
MAX_VARIANTS = 50
# Query parameters that never change what the server renders: a share link's code (the reading
# script reports it), campaign and click ids (utm_* too).
TRACKING_PARAMETERS = {"s", "fbclid", "gclid", "mc_cid", "mc_eid"}


def enabled():
    return settings.MASTHEAD_PAGE_CACHE_SECONDS > 0


def path_key(path):
    return f"masthead:page:{hashlib.sha256(path.encode()).hexdigest()}"


# The moment of the latest drop: a rendering begun before it (perhaps from rows older than the change)
# is not stored, wherever the drop was, so no page or fragment outlives a change it may predate.
LAST_DROP_KEY = "masthead:last-drop"


def drop_keys(keys):
    """Forget these entries (pages, fragments) in every process at once."""
    keys = list(keys)
    if not keys:
        return
    try:
        cache.set(LAST_DROP_KEY, timezone.now(), timeout=None)
        cache.delete_many(keys)
    except Exception:  # the cache is down: nothing is being served from it either
        logger.exception("Cache unavailable; could not drop %d entries", len(keys))


def dropped_since(began):
    """Whether anything was dropped since ``began`` (so a rendering begun then may be stale)."""
    last = cache.get(LAST_DROP_KEY)
    return last is not None and last >= began


def is_anonymous_read(request):
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(NEVER_CACHED_PREFIXES)
        and not any(name in request.COOKIES for name in PERSONAL_COOKIES)
    )


def storable(response):
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(word in control for word in ("private", "no-store", "no-cache"))
    )


def entry_lifetime(now=None, lifetime=None):
    """Seconds an entry may live: the configured time, cut short by the next scheduled switch."""
    from publishing.messaging.sync import next_public_switch

    now = now or timezone.now()
    lifetime = settings.MASTHEAD_PAGE_CACHE_SECONDS if lifetime is None else lifetime
    switch = next_public_switch(now)
    if switch is not None:
        lifetime = min(lifetime, max(int((switch - now).total_seconds()), 1))
    return lifetime


def without_vary_cookie(response):
    """An anonymous rendering does not depend on cookies, so a CDN may share it."""
    if not response.has_header("Vary"):
        return
    kept = [field for field in cc_delim_re.split(response["Vary"]) if field.lower() != "cookie"]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]


def make_public(response, lifetime):
    """Browsers keep the page briefly; a CDN, purged on publish, for as long as the page cache."""
    browser_seconds = min(settings.MASTHEAD_BROWSER_CACHE_SECONDS, lifetime)
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        patch_cache_control(response, public=True, max_age=browser_seconds, s_maxage=lifetime)
    else:
        patch_cache_control(response, public=True, max_age=browser_seconds)


def variant_of(request):
    """Which rendering of a path a request asks for: its host and the query parameters that change
    the page. Tracking parameters (a share link's code, campaign tags) are read by the reading script,
    not the server, so those requests share one rendering. On a page under a story test each version
    is a rendering of its own."""
    kept = sorted(
        (name, value)
        for name, value in parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
        if name not in TRACKING_PARAMETERS and not name.startswith("utm_")
    )
    variant = (request.get_host(), urlencode(kept))
    by_reader = reader_variant(request)
    return (*variant, by_reader) if by_reader else variant


def reader_variant(request):
    """What of a page depends on who reads it, as a key ("" for nothing): the version of a story under
    test the reader sees (``publishing.messaging.splitting``), decided without a database query."""
    from publishing.messaging.splitting import variant_key

    return variant_key(request)


def only_for_this_reader(request, response):
    """A page that splits readers between versions of a story is kept by this cache per version,
    but by no CDN or shared proxy, which would give one reader's version to everyone."""
    from publishing.messaging.splitting import splits_readers

    if splits_readers(request):
        patch_cache_control(response, private=True)
    return response


class PageCacheMiddleware:
    """Serve a stored page without touching the database; store a public page on its way out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (enabled() and is_anonymous_read(request)):
            return self.get_response(request)
        variant = variant_of(
            request
        )  # a host outside ALLOWED_HOSTS is refused here, before all else
        began = timezone.now()
        key = path_key(request.path)
        try:
            entry = cache.get(key) or {}
        except Exception:  # the cache is down: serve uncached rather than fail
            logger.exception("Page cache unavailable")
            return self.get_response(request)
        stored = entry.get("variants", {}).get(variant)
        if stored is not None and began < stored[0]:
            return only_for_this_reader(request, self.rebuild(stored, began))
        response = self.get_response(request)
        if (
            request.method == "GET"
            and getattr(request, "masthead_public_page", False)
            and storable(response)
        ):
            self.store(key, variant, response, began)
            only_for_this_reader(request, response)
        return response

    def store(self, key, variant, response, began):
        """Keep the rendering, unless something was dropped after the rendering began (checked again
        after storing, for a drop that came in between). Only a kept rendering is marked public."""
        lifetime = entry_lifetime(began)
        without_vary_cookie(response)
        try:
            if dropped_since(began):
                return
            entry = cache.get(key) or {}
            now = timezone.now()
            variants = {
                name: kept for name, kept in entry.get("variants", {}).items() if kept[0] > now
            }
            if variant not in variants and len(variants) >= MAX_VARIANTS:
                return
            valid_until = began + datetime.timedelta(seconds=lifetime)
            variants[variant] = (
                valid_until,
                response.status_code,
                response.content,
                list(response.headers.items()),
            )
            cache.set(key, {"variants": variants}, timeout=lifetime)
            if dropped_since(began):
                cache.delete(key)
                return
        except Exception:
            logger.exception("Page cache unavailable")
            return
        make_public(response, lifetime)
        response[STATUS_HEADER] = "miss"

    @staticmethod
    def rebuild(stored, now):
        """The stored page, public for no longer than it has left in the cache."""
        valid_until, status, content, headers = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        make_public(response, max(int((valid_until - now).total_seconds()), 1))
        response[STATUS_HEADER] = "hit"
        return response
