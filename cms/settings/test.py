"""The test suite: fast hashing, in-memory cache and e-mail, throwaway media."""

import os
import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="masthead-test-media-")
WAGTAILADMIN_BASE_URL = "http://testserver"
# Tasks run inline so a test sees their effect; the worker itself is tested with the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Each beacon event is scored in its request, so a test sees it at once; the buffer has its own tests
# (and tests of a whole server may turn it on).
MASTHEAD_BEACON_BUFFER_SECONDS = float(os.environ.get("MASTHEAD_BEACON_BUFFER_SECONDS", "0"))

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not shared memory: the live server's threads then get their own connections and SQLite's
    # own locking, as in production, instead of sharing one in-memory connection.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"masthead-test-{os.getpid()}.sqlite3")
    }  # noqa: F405
