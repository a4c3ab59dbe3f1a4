"""One token for "what readers can see": it changes on every publish, settings or taxonomy change.

Whatever is derived from published content (whole pages, the beacon's list of live assets) may be kept
under the current token and is then always current. The token lives in the shared cache, so every web
process and the worker see a change at once; a lost token (evicted, a fresh Redis) is simply replaced.
The changes themselves are announced by cms/signal_handlers.py.
"""

import contextvars
import logging
import uuid
from contextlib import contextmanager

from django.core.cache import cache

logger = logging.getLogger(__name__)

KEY = "masthead:content-version"

# The token read once for the whole request (see ``pinned``); None outside one.
_pinned = contextvars.ContextVar("masthead_content_version", default=None)


def current():
    token = _pinned.get()
    if token is not None:
        return token
    token = cache.get(KEY)
    if token is None:
        cache.add(KEY, uuid.uuid4().hex, timeout=None)
        token = cache.get(KEY)
    return token


def bump(reason=""):
    token = uuid.uuid4().hex
    try:
        cache.set(KEY, token, timeout=None)
    except Exception:  # the cache is down: nothing is being served from it either
        logger.exception("Cache unavailable; could not mark content as changed (%s)", reason)
        return
    if _pinned.get() is not None:
        _pinned.set(token)  # the request that made the change sees it at once


@contextmanager
def pinned(token):
    """Use ``token`` for a whole request: one cache round trip, and one version throughout."""
    reset = _pinned.set(token)
    try:
        yield
    finally:
        _pinned.reset(reset)


class PerVersion:
    """A value computed once per process and content version: ``live_assets = PerVersion(load)``."""

    def __init__(self, load):
        self.load = load
        self.version, self.value = None, None

    def get(self):
        version = current()
        if version != self.version:
            self.value, self.version = self.load(), version
        return self.value
