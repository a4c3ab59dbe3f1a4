"""Settings for the loopback benchmarks: the dev settings plus a baseline view, no debug overhead."""

import os

from cms.settings.dev import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.urls"
LOGGING = {"version": 1, "disable_existing_loggers": True}
# The stock Wagtail blog page the uncached asset page is measured against (bench/reference/).
INSTALLED_APPS = [*INSTALLED_APPS, "bench.reference"]  # noqa: F405
BENCH_SQLITE = os.environ.get("BENCH_SQLITE", "/tmp/masthead-bench.sqlite3")  # noqa: S108
if not os.environ.get("DATABASE_URL"):
    DATABASES["default"]["NAME"] = BENCH_SQLITE  # noqa: F405
# Keep connections between requests, as production does (cms/settings/production.py).
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
# The shared cache: the embedded default's disk cache, in a folder of the run's own (never the
# project's .cache/), or Redis as in production when CACHE_URL is set.
CACHES["default"]["LOCATION"] = os.environ.get("MASTHEAD_CACHE_DIR", f"{BENCH_SQLITE}-cache")  # noqa: F405
if os.environ.get("CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "cms.caching.backends.FailSafeRedisCache",
            "LOCATION": os.environ["CACHE_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "masthead-bench"),
        }
    }
if os.environ.get("BENCH_DUMMY_CACHE"):
    # Loading bulk data with nothing cached: each publish would otherwise drop its pages from a cache
    # nobody reads yet (the benchmarks empty it before they start the servers).
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
