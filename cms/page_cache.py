"""Whole public pages cached for anonymous readers, and dropped whenever something they show changes.

A public page carries no per-visitor work (profiling runs from the reading script), so one rendering
serves every anonymous reader. Entries live in the default cache, Redis when several web processes
run, under the content version (buyingstages/content_version.py). Anything that can change a public
page replaces it, so every process stops serving the old pages at the same moment. Two things change
pages without an event to hook: a scheduled message release and the end of an embargo; an entry never
outlives the next such moment.

Only Wagtail pages are stored (the ``before_serve_page`` hook marks them); search, feeds of the
calendar, the beacon and anything signed in pass straight through. A CDN in front gets
``Cache-Control: public, s-maxage=…`` and is purged through Wagtail's frontend cache
(``invalidate_pages`` with ``purge``).
"""

import datetime
import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re, patch_cache_control

from buyingstages import content_version

logger = logging.getLogger(__name__)

GENERATION_KEY = content_version.KEY
STATUS_HEADER = "X-Masthead-Cache"
# Cookies that mean the reader may see something personal: signed in, a flash message waiting.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")
NEVER_CACHED_PREFIXES = ("/admin/", "/t/", "/api/", "/sales/", "/s/", "/documents/")


def enabled():
    return settings.MASTHEAD_PAGE_CACHE_SECONDS > 0


def generation():
    """The current token; a lost one (evicted, a fresh Redis) is replaced, which drops every page."""
    return content_version.current()


def invalidate_pages(reason="", *, purge=None):
    """Drop every cached page in every process; with ``purge``, also ask the CDN to drop those pages.

    ``purge`` is a callable giving the Wagtail pages whose cached paths the frontend cache should purge
    (called only when a CDN is configured), or ``"all"`` for every live page.
    """
    content_version.bump(reason)
    logger.info("Page cache dropped: %s", reason)
    if purge and getattr(settings, "WAGTAILFRONTENDCACHE", None):
        purge_from_cdn(purge)


def purge_from_cdn(pages):
    from wagtail.contrib.frontend_cache.utils import PurgeBatch
    from wagtail.models import Page

    pages = Page.objects.live().specific(defer=True) if pages == "all" else pages()
    batch = PurgeBatch()
    batch.add_pages(pages)
    batch.purge()


def is_anonymous_read(request):
    return (
        request.method == "GET"
        and not request.path.startswith(NEVER_CACHED_PREFIXES)
        and not any(name in request.COOKIES for name in PERSONAL_COOKIES)
    )


def page_key(address, token):
    return f"masthead:page:{token}:{hashlib.sha256(address.encode()).hexdigest()}"


def storable(response):
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(word in control for word in ("private", "no-store", "no-cache"))
    )


def entry_lifetime(now=None):
    """Seconds an entry may live: the configured time, cut short by the next scheduled switch."""
    from publishing.sync import next_public_switch

    now = now or timezone.now()
    lifetime = settings.MASTHEAD_PAGE_CACHE_SECONDS
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


class PageCacheMiddleware:
    """Serve a stored page without touching the database; store a public page on its way out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            version = content_version.current()
        except Exception:  # the cache is down: serve uncached rather than fail
            logger.exception("Page cache unavailable")
            return self.get_response(request)
        with content_version.pinned(version):
            return self.serve(request)

    def serve(self, request):
        if not (enabled() and is_anonymous_read(request)):
            return self.get_response(request)
        address = (
            f"{request.scheme}://{request.get_host()}{request.get_full_path()}"  # 400 if no host
        )
        try:
            key = page_key(address, generation())
            stored = cache.get(key)
        except Exception:  # the cache is down: serve uncached rather than fail
            logger.exception("Page cache unavailable")
            return self.get_response(request)
        if stored is not None and timezone.now() < stored[0]:
            return self.rebuild(stored)
        response = self.get_response(request)
        if getattr(request, "masthead_public_page", False) and storable(response):
            self.store(key, response)
        return response

    def store(self, key, response):
        now = timezone.now()
        lifetime = entry_lifetime(now)
        without_vary_cookie(response)
        make_public(response, lifetime)
        valid_until = now + datetime.timedelta(seconds=lifetime)
        stored = (
            valid_until,
            response.status_code,
            response.content,
            list(response.headers.items()),
        )
        try:
            cache.set(key, stored, timeout=lifetime)
        except Exception:
            logger.exception("Page cache unavailable")
            return
        response[STATUS_HEADER] = "miss"

    @staticmethod
    def rebuild(stored):
        _, status, content, headers = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response[STATUS_HEADER] = "hit"
        return response
