"""Settings for the loopback benchmarks: the dev settings plus a baseline view, no debug overhead."""

import os

from cms.settings.dev import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.urls"
LOGGING = {"version": 1, "disable_existing_loggers": True}
if not os.environ.get("DATABASE_URL"):
    DATABASES["default"]["NAME"] = os.environ.get("BENCH_SQLITE", "/tmp/masthead-bench.sqlite3")  # noqa: F405, S108
# Keep connections between requests, as production does (cms/settings/production.py).
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
