import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from wagtail.models import Page, Site

from buyingstages.common.addresses import public_host_and_port
from tests.factories import AssetIndexPageFactory, BuyingStageFactory, HomePageFactory

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def home(db):
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="keelstone")
    hostname, port = public_host_and_port()  # the site's public address, as migrate sets it
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": hostname, "port": port, "root_page": home, "site_name": "Keelstone"},
    )
    return home


@pytest.fixture
def library(home):
    return AssetIndexPageFactory(parent=home)


@pytest.fixture
def stages(db):
    """The default journey, in order: epiphany .. advocacy."""
    names = [
        "Epiphany",
        "Awareness",
        "Interest",
        "Evaluation",
        "Purchase",
        "First 90 days",
        "Advocacy",
    ]
    return [
        BuyingStageFactory(name=name, slug=name.lower().replace(" ", "-"), sort_order=order)
        for order, name in enumerate(names)
    ]


@pytest.fixture
def make_user(db):
    """A user in one of the role groups: make_user("Editors")."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    def make(group_name, username=None):
        user = get_user_model().objects.create_user(username or group_name.lower(), password="pw")
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


@pytest.fixture
def editor_client(client, make_user):
    """A test client signed in as a member of the Editors group."""
    client.force_login(make_user("Editors", "editor"))
    return client


@pytest.fixture
def buffered_beacon(settings):
    """Reading events on the production path: the beacon buffers them and the worker folds them
    (a task backend that keeps what is enqueued, deferred or not, so a test sees the schedule)."""
    from django_tasks import default_task_backend

    settings.MASTHEAD_BEACON_BUFFER_SECONDS = 1
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    yield default_task_backend
    default_task_backend.clear()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (rendered ICS events, site root paths)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def _demo_files_drawn():
    """The demo files drawn so far in this run, by function and arguments (see fast_demo_files)."""
    return {"hero_image": {}, "pdf_document": {}}


@pytest.fixture
def fast_demo_files(monkeypatch, _demo_files_drawn):
    """seed_demo draws each demo hero image and PDF once per run rather than once per test.

    They are pure functions of their arguments (cms/demo/artwork.py), so every test still gets
    byte-identical files; this only saves the seconds Pillow spends drawing them again. Patched per
    test, so the tests of the drawing itself always draw.
    """
    from cms.demo import artwork

    for name, drawn in _demo_files_drawn.items():
        monkeypatch.setattr(artwork, name, _memoised(getattr(artwork, name), drawn))


def _memoised(function, results):
    """``function`` keeping its results in ``results``, by the repr of its arguments."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        key = repr((args, sorted(kwargs.items())))
        if key not in results:
            results[key] = function(*args, **kwargs)
        return results[key]

    return wrapper


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory):
    """copy_to(path): a SQLite database as `manage.py migrate` leaves it, migrated once per run.

    For tests that run Masthead in other processes on the dev settings (as `make run` does), whose
    subject is not the migrations: each copies this file instead of migrating again, which costs
    half a minute of a busy machine. Made in the same environment as theirs (PUBLIC_URL included).
    """
    folder = tmp_path_factory.mktemp("migrated")
    database = folder / "db.sqlite3"
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env |= {
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": f"sqlite:///{database}",
        "MASTHEAD_CACHE_DIR": str(folder / "cache"),
        "MEDIA_ROOT": str(folder / "media"),
        "PRIVATE_MEDIA_ROOT": str(folder / "private"),
    }
    result = subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # migrate closed the database cleanly, so its write-ahead log is already in the file itself.
    assert not database.with_name("db.sqlite3-wal").exists()

    def copy_to(path):
        shutil.copyfile(database, path)
        return path

    return copy_to
