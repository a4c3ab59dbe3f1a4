"""Django's Redis cache, which treats an unreachable server as an empty cache instead of an error.

Everything Masthead keeps in the cache can be made again (pages, fragments, the beacon's facts,
Wagtail's site paths and renditions, rate-limit counters), so while Redis is down or unreachable a read
misses, a write is dropped and a counter starts afresh; each failure is logged. Pages are then served
uncached and reading events stored, never an error page.
"""

import logging

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# Down, cut off, timed out, read-only after a failover, out of memory: all read as an empty cache.
UNREACHABLE = (RedisError, OSError)


def unreachable(name, fallback):
    logger.warning("Cache unreachable (%s); carrying on without it", name)
    return fallback


class FailSafeRedisCache(RedisCache):
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except UNREACHABLE:
            return unreachable("add", True)

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except UNREACHABLE:
            return unreachable("get", default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        except UNREACHABLE:
            unreachable("set", None)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except UNREACHABLE:
            return unreachable("touch", False)

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except UNREACHABLE:
            return unreachable("delete", False)

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except UNREACHABLE:
            return unreachable("get_many", {})

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except UNREACHABLE:
            return unreachable("has_key", False)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except UNREACHABLE:
            return unreachable("incr", delta)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except UNREACHABLE:
            return unreachable("set_many", list(data))

    def delete_many(self, keys, version=None):
        try:
            return super().delete_many(keys, version)
        except UNREACHABLE:
            return unreachable("delete_many", None)

    def clear(self):
        try:
            return super().clear()
        except UNREACHABLE:
            return unreachable("clear", False)
