"""The test suite: fast hashing, in-memory e-mail, the embedded disk cache, throwaway media.

Everything a run writes (media, the SQLite database, the cache) goes in one temporary folder, shared
with the servers a test starts (they inherit MASTHEAD_TEST_DIR) and removed when the run ends.
"""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from cms.settings.base import *  # noqa: F403

if "MASTHEAD_TEST_DIR" not in os.environ:
    os.environ["MASTHEAD_TEST_DIR"] = tempfile.mkdtemp(prefix="masthead-test-")
    atexit.register(shutil.rmtree, os.environ["MASTHEAD_TEST_DIR"], ignore_errors=True)
TEST_DIR = Path(os.environ["MASTHEAD_TEST_DIR"])

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = TEST_DIR / "media"
PRIVATE_MEDIA_ROOT = TEST_DIR / "private"
STORAGES["private"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT  # noqa: F405
CACHES = {"default": {**CACHES["default"], "LOCATION": str(TEST_DIR / "cache")}}  # noqa: F405
MASTHEAD_PUBLIC_URL = WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = "http://testserver"
# Tasks run inline so a test sees their effect; the worker itself is tested with the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Each beacon event is scored in its request, so a test sees it at once; the buffer has its own tests
# (and tests of a whole server may turn it on).
MASTHEAD_BEACON_BUFFER_SECONDS = float(os.environ.get("MASTHEAD_BEACON_BUFFER_SECONDS", "0"))

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not shared memory: the live server's threads then get their own connections and SQLite's
    # own locking, as in production, instead of sharing one in-memory connection.
    DATABASES["default"]["TEST"] = {"NAME": str(TEST_DIR / "test.sqlite3")}  # noqa: F405

# Every read of the running story tests goes to the (shared) cache, so a test sees a test start at once.
MASTHEAD_STORY_TESTS_REFRESH_SECONDS = 0

# Drawing every deck as PDF starts LibreOffice each time; tests/messaging/test_deck_pdf.py turns it on.
MASTHEAD_DECK_PDFS = False
