"""A database made by an earlier Masthead still migrates after an upgrade.

When an app gains a migration, a database migrated before it has that migration unapplied, and with
it every migration that names it (those were written after it). Django refuses to migrate a
database on which an applied migration depends on one that is not (InconsistentMigrationHistory):
so no migration may depend on whatever another app's newest migration happens to be
("__latest__"), which would make every later migration of that app its dependency.
"""

import os
import subprocess
import sys

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

DISK = MigrationLoader(None, ignore_no_migrations=True)
OUR_APPS = sorted(
    config.label
    for config in apps.get_app_configs()
    if config.name.startswith(("cms.", "buyingstages.", "publishing."))
    and DISK.graph.leaf_nodes(config.label)
)


def written_after(loader, key):
    """`key` and every migration that names it, directly or through others that do."""
    found, waiting = {key}, [key]
    while waiting:
        current = waiting.pop()
        for other, migration in loader.disk_migrations.items():
            if other not in found and current in map(tuple, migration.dependencies):
                found.add(other)
                waiting.append(other)
    return found


@pytest.mark.django_db
@pytest.mark.parametrize("app", OUR_APPS)
def test_a_database_from_before_an_apps_newest_migration_still_migrates(app):
    loader = MigrationLoader(connection)
    recorder = MigrationRecorder(connection)
    for newest in loader.graph.leaf_nodes(app):
        for key in written_after(loader, newest):
            recorder.record_unapplied(*key)  # the database as it was before they existed
    MigrationLoader(connection).check_consistent_history(connection)


def test_migrating_some_apps_of_a_new_database_runs(tmp_path):
    """`migrate <app>` on a new database: Masthead's post-migrate steps wait for the tables they need."""
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'new.sqlite3'}"}
    command = [
        sys.executable,
        "manage.py",
        "migrate",
        "contenttypes",
        "--settings=cms.settings.test",
    ]
    finished = subprocess.run(  # noqa: S603
        command, cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True
    )
    assert finished.returncode == 0, finished.stderr[-2000:]
