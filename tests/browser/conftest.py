"""Real-browser tests: headless Debian Chromium driven by Playwright against pytest-django's
live_server.

A missing or broken browser skips these tests with the reason, except on CI (CI=true), where
browser tests are required and the same problem fails them loudly.
"""

import io
import os
from pathlib import Path

import pytest

from tests.browser.signing_in import EDITOR_PASSWORD, EDITOR_USERNAME

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse ORM calls
# made from it (seeding, and the assertions that look things up).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Generous enough for a loaded 2-core machine rendering image renditions on first view.
DEFAULT_TIMEOUT_MS = 15_000


_unavailable = []


def browser_unavailable(reason):
    """Skip, or on CI (where browser tests are required) fail loudly."""
    message = f"browser tests need Chromium: {reason}"
    _unavailable.append(message)
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message} (CI=true requires browser tests)", pytrace=False)
    pytest.skip(message)


def pytest_terminal_summary(terminalreporter):
    """Say why the browser tests did not run, even without -rs."""
    for message in _unavailable:
        verdict = "FAILED" if os.environ.get("CI", "").lower() == "true" else "SKIPPED"
        terminalreporter.write_line(f"{verdict} browser tests: {message}", yellow=True, bold=True)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    if not CHROMIUM.exists():
        browser_unavailable(f"{CHROMIUM} does not exist")
    if not os.access(CHROMIUM, os.X_OK):
        browser_unavailable(f"{CHROMIUM} is not executable")
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        browser_unavailable(f"the playwright package is not installed ({error})")

    playwright = None
    try:
        playwright = sync_playwright().start()
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
    except (PlaywrightError, OSError) as error:
        if playwright is not None:
            playwright.stop()
        detail = " ".join(str(error).split())[:300] or repr(error)
        browser_unavailable(f"{CHROMIUM} failed to launch: {detail}")
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture
def new_page(browser):
    """Factory for pages in fresh browser contexts (e.g. a phone viewport); all closed after."""
    contexts = []

    def make(**context_options):
        context = browser.new_context(**context_options)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A page in a new desktop browser context, closed after the test."""
    return new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)


@pytest.fixture(scope="session")
def _serialized_migration_data(browser, django_db_setup, django_db_blocker):
    """Serialize what migrations put in the database, onto the connection browser tests use.

    live_server needs a transactional database, flushed after every test, and the flush also
    removes what migrations created (Wagtail's root page, locale and root collection, the default
    site, the role groups). Django's serialized rollback restores that from data it keeps on the
    connection object. But once Playwright's sync API has started, its event loop counts as
    running in this thread, so Django's thread-critical connection handler hands out a different
    connection object (per context rather than per thread); when other database tests set the
    database up before Playwright started, that connection has no serialized data and the restore
    silently does nothing. So serialize here, once the browser is up and before any browser test
    has flushed, and close the connection at the end so PostgreSQL can drop the test database.
    """
    from django.db import connection

    with django_db_blocker.unblock():
        # Django keeps serialized-rollback data only here; there is no public setter.
        connection._test_serialized_contents = connection.creation.serialize_db_to_string()  # noqa: SLF001
        yield
        connection.close()


@pytest.fixture(autouse=True)
def _restore_migration_data(_serialized_migration_data, django_db_serialized_rollback):
    """Every browser test starts from the database as migrations left it (see above)."""


@pytest.fixture
def demo_site(live_server, transactional_db, fast_demo_files):
    """The real Keelstone demo content, loaded into the live server's database; returns its URL."""
    from django.core.management import call_command

    # seed_demo prints its summary line even at verbosity 0, so send it nowhere.
    call_command("seed_demo", verbosity=0, stdout=io.StringIO())
    return live_server.url


@pytest.fixture
def editor(demo_site, make_user):
    """An editor of the demo site, who signs in with ``signing_in.log_in``."""
    user = make_user("Editors", EDITOR_USERNAME)
    user.set_password(EDITOR_PASSWORD)
    user.save()
    return user
