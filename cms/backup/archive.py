"""Backing up and restoring everything an editor or salesperson made: one .zip, any database.

The archive holds `data.json` (Django's serialisation with natural keys, so it loads into PostgreSQL or
SQLite alike) and the uploaded files (images, documents, deck renderings, brand templates). What is
derived or disposable is left out: sessions, task results, rate-limit counters and search indexes
(rebuilt after a restore).
"""

import io
import json
import tempfile
import zipfile
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import management
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection, transaction

FORMAT_VERSION = 1
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "django_tasks_database",
    "wagtailsearch",
    "wagtailcore.referenceindex",
    "wagtailimages.rendition",
    "wagtailadmin.editingsession",
]


class BadBackup(ValueError):
    pass


def media_files():
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file())


def backup(destination):
    """Write the archive to `destination` (a path or a binary file). Returns the number of files."""
    data = io.StringIO()
    management.call_command(
        "dumpdata",
        exclude=EXCLUDED,
        natural_foreign=True,
        natural_primary=False,
        indent=None,
        stdout=data,
    )
    root = Path(settings.MEDIA_ROOT)
    files = media_files()
    with zipfile.ZipFile(destination, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps({"masthead_backup": FORMAT_VERSION}))
        archive.writestr("data.json", data.getvalue())
        for path in files:
            archive.write(path, f"media/{path.relative_to(root).as_posix()}")
    return len(files)


def restore(source):
    """Replace the database's content with the archive's, and put its files back. All or nothing."""
    try:
        archive = zipfile.ZipFile(source)
    except zipfile.BadZipFile as error:
        raise BadBackup("This is not a Masthead backup (not a zip file).") from error
    with archive:
        try:
            manifest = json.loads(archive.read("manifest.json"))
            data = archive.read("data.json")
        except (KeyError, ValueError) as error:
            raise BadBackup("This is not a Masthead backup (no manifest or data).") from error
        if manifest.get("masthead_backup") != FORMAT_VERSION:
            raise BadBackup("This backup was made by an incompatible version of Masthead.")
        names = [name for name in archive.namelist() if name.startswith("media/")]
        for name in names:
            relative = Path(name[len("media/") :])
            if relative.is_absolute() or ".." in relative.parts:
                raise BadBackup(f"The backup holds an unsafe file name: {name}")
        with tempfile.TemporaryDirectory() as folder:
            fixture = Path(folder) / "masthead-backup.json"
            fixture.write_bytes(data)
            try:
                with transaction.atomic():
                    if connection.vendor == "postgresql":
                        # TRUNCATE refuses while deferred foreign-key checks are pending in the
                        # surrounding transaction; run them now.
                        with connection.cursor() as cursor:
                            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                    management.call_command("flush", interactive=False, verbosity=0)
                    if connection.vendor == "postgresql":
                        with connection.cursor() as cursor:
                            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
                    management.call_command("loaddata", str(fixture), verbosity=0)
            finally:
                # Content types were made afresh (or rolled back): forget the cached ids either way.
                ContentType.objects.clear_cache()
        for name in names:
            relative = name[len("media/") :]
            if default_storage.exists(relative):
                default_storage.delete(relative)
            default_storage.save(relative, io.BytesIO(archive.read(name)))
    management.call_command("update_index", verbosity=0)
    cache.clear()  # pages, fragments and facts kept from the content that was replaced
    return len(names)
