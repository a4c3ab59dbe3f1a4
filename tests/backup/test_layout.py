"""A database made before the apps were split comes through `migrate` with nothing lost.

The fixture is the demo site as the single-app release left it (`seed_demo --users`, SQLite), made
with that release and compressed. The test migrates a copy in its own process, as a deployment would.
"""

import gzip
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

BEFORE = Path(__file__).parent / "data" / "before-the-app-split.sqlite3.gz"
ROOT = Path(__file__).resolve().parents[2]

# Rows the previous release held, under the tables' new names.
KEPT = {
    ("buyingstages_assetpage", "library_assetpage"): 45,
    ("buyingstages_assettopic", "library_assettopic"): 80,
    ("buyingstages_lead", "audience_lead"): 3,
    ("buyingstages_contentevent", "audience_contentevent"): 10,
    ("publishing_calendarentry", "calendar_calendarentry"): 18,
    ("publishing_message", "messaging_message"): 2,
    ("publishing_salesdeck", "messaging_salesdeck"): 2,
    ("wagtailcore_revision", "wagtailcore_revision"): 48,
}

CHECK = """
from django.contrib.auth import get_user_model
from wagtail.models import Page
from buyingstages.library.models import AssetPage
from publishing.messaging.models import Message

users = get_user_model().objects
assert AssetPage.objects.live().count() == 45
assert {type(page.specific).__name__ for page in Page.objects.exclude(depth=1)} >= {
    "HomePage", "AssetIndexPage", "AssetPage", "StandardPage"
}
message = Message.objects.filter(live=True).first()
assert message.live_revision.as_object().headline == message.headline
assert users.get(username="editor").has_perm("taxonomy.change_topic")
assert users.get(username="editor").has_perm("messaging.publish_message")
assert users.get(username="sales").has_perm("sales.use_sales_area")
assert not users.get(username="sales").has_perm("messaging.change_message")

# Work the previous release queued still finds its task.
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

queued = set(DBTaskResult.objects.values_list("task_path", flat=True))
assert "buyingstages.sales.tasks.notify_sales_ready" in queued
assert "publishing.messaging.tasks.release_message" in queued
for path in queued:
    import_string(path)
print("checked")
"""


def manage(database, *args):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    env["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
    return subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def database_from_before(tmp_path):
    path = tmp_path / "before.sqlite3"
    with gzip.open(BEFORE) as source, path.open("wb") as copy:
        shutil.copyfileobj(source, copy)
    return path


def counts(path, which):
    with sqlite3.connect(path) as database:
        return {
            tables: database.execute(f'SELECT COUNT(*) FROM "{tables[which]}"').fetchone()[0]  # noqa: S608
            for tables in KEPT
        }


def test_migrate_moves_a_database_from_before_the_split_with_nothing_lost(database_from_before):
    assert counts(database_from_before, 0) == KEPT

    migrated = manage(database_from_before, "migrate", "--noinput")
    assert migrated.returncode == 0, migrated.stderr
    assert "Moved" in migrated.stdout

    assert counts(database_from_before, 1) == KEPT
    checked = manage(database_from_before, "shell", "-c", CHECK)
    assert checked.returncode == 0, checked.stderr
    assert "checked" in checked.stdout
    # Nothing is left to migrate, and a second run changes nothing.
    again = manage(database_from_before, "migrate", "--noinput")
    assert again.returncode == 0, again.stderr
    assert "Moved" not in again.stdout
    assert "No migrations to apply" in again.stdout


def test_a_half_migrated_database_is_refused_and_left_as_it_was(database_from_before):
    with sqlite3.connect(database_from_before) as database:
        database.execute(
            "DELETE FROM django_migrations WHERE app = 'publishing' AND name LIKE '0006%'"
        )
    refused = manage(database_from_before, "migrate", "--noinput")
    assert refused.returncode != 0
    assert "run `manage.py migrate` with the release that made it first" in refused.stderr
    assert counts(database_from_before, 0) == KEPT
