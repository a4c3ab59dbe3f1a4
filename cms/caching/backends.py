"""The shared caches: diskcache in the embedded default, Redis in production, both failing safe.

Everything Masthead keeps in the cache can be made again (pages, fragments, the beacon's facts,
Wagtail's site paths and renditions, rate-limit counters), so while the cache is unreachable (Redis
down or cut off; the embedded cache's disk full or failing) a read misses, a write is dropped and a
counter starts afresh; each failure is logged. Pages are then served uncached and reading events
stored, never an error page.
"""

import logging
import sqlite3

from diskcache import DjangoCache, Timeout
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def unreachable(name, fallback):
    logger.warning("Cache unreachable (%s); carrying on without it", name)
    return fallback


class FailSafe:
    """Cache methods that treat the errors in ``unreachable_errors`` as an empty cache."""

    unreachable_errors = ()

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except self.unreachable_errors:
            return unreachable("add", True)

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except self.unreachable_errors:
            return unreachable("get", default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        except self.unreachable_errors:
            unreachable("set", None)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except self.unreachable_errors:
            return unreachable("touch", False)

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except self.unreachable_errors:
            return unreachable("delete", False)

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except self.unreachable_errors:
            return unreachable("get_many", {})

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except self.unreachable_errors:
            return unreachable("has_key", False)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except self.unreachable_errors:
            return unreachable("incr", delta)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except self.unreachable_errors:
            return unreachable("set_many", list(data))

    def delete_many(self, keys, version=None):
        try:
            return super().delete_many(keys, version)
        except self.unreachable_errors:
            return unreachable("delete_many", None)

    def clear(self):
        try:
            return super().clear()
        except self.unreachable_errors:
            return unreachable("clear", False)


class EmbeddedCache(FailSafe, DjangoCache):
    """diskcache's Django backend (SQLite files in one folder, safe across processes), kept open
    between requests: Django closes every cache when a request finishes, which suits a network
    client, but diskcache would then reopen and configure its files on the next request, several
    times the cost of the request's own cache reads."""

    unreachable_errors = (sqlite3.Error, OSError, Timeout)

    def close(self, **kwargs):
        """Keep this process's SQLite connections (one per thread) for the next request."""


class FailSafeRedisCache(FailSafe, RedisCache):
    # Down, cut off, timed out, read-only after a failover, out of memory.
    unreachable_errors = (RedisError, OSError)
