"""The test settings leave nothing behind: media, cache and database share one folder, removed at exit."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SHOW_AND_WRITE = """
import os
os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
import django
django.setup()
from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
cache.set("kept", "until exit")
default_storage.save("images/left-behind.txt", ContentFile(b"x"))
print(settings.TEST_DIR)
"""


def test_a_process_on_the_test_settings_removes_its_folder_when_it_exits(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "MASTHEAD_TEST_DIR"}
    env["TMPDIR"] = str(tmp_path)
    result = subprocess.run(  # noqa: S603 (our own interpreter)
        [sys.executable, "-c", SHOW_AND_WRITE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    folder = Path(result.stdout.strip().splitlines()[-1])
    assert folder.parent == tmp_path
    assert not folder.exists()
    assert list(tmp_path.iterdir()) == []


ENQUEUE = "from buyingstages.crm.tasks import deliver_webhook; [deliver_webhook.enqueue(n) for n in (1, 2, 3)]"


def worker_output(tmp_path, migrated_sqlite, **extra):
    database = migrated_sqlite(tmp_path / "db.sqlite3")
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env |= {
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": f"sqlite:///{database}",
        "MASTHEAD_CACHE_DIR": str(tmp_path / "cache"),
        **extra,
    }

    def manage(*args):
        result = subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout + result.stderr

    manage("shell", "-c", ENQUEUE)
    return manage("db_worker", "--batch", "--no-reload")


def test_the_worker_prints_no_line_per_task_unless_asked(tmp_path, migrated_sqlite):
    assert "Task id=" not in worker_output(tmp_path, migrated_sqlite)
    (tmp_path / "verbose").mkdir()
    verbose = worker_output(tmp_path / "verbose", migrated_sqlite, WORKER_LOG_LEVEL="INFO")
    assert verbose.count("Task id=") >= 3
