"""Backing up and restoring everything an editor or salesperson made: one .zip, any database.

The archive holds `data.json` (Django's serialisation with natural keys, so it loads into PostgreSQL or
SQLite alike) and the files: uploads (images, documents) under `media/`, and the private files only
views hand out (deck renderings, brand templates) under `private/`. What is
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
from django.core.files.storage import storages
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


def areas():
    """The folders of files a backup carries: {prefix in the archive: (folder, storage)}. Uploads, and
    the private files (rendered decks, deck templates) only views hand out."""
    return {
        "media/": (Path(settings.MEDIA_ROOT), storages["default"]),
        "private/": (Path(settings.PRIVATE_MEDIA_ROOT), storages["private"]),
    }


def stored_files():
    """[(name in the archive, path)] for every file in every area."""
    return [
        (prefix + path.relative_to(root).as_posix(), path)
        for prefix, (root, _) in areas().items()
        if root.exists()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    ]


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
    files = stored_files()
    with zipfile.ZipFile(destination, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps({"masthead_backup": FORMAT_VERSION}))
        archive.writestr("data.json", data.getvalue())
        for name, path in files:
            archive.write(path, name)
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
        files = [
            (name, name[len(prefix) :], storage)
            for name in archive.namelist()
            for prefix, (_, storage) in areas().items()
            if name.startswith(prefix)
        ]
        for name, relative, _ in files:
            if Path(relative).is_absolute() or ".." in Path(relative).parts:
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
        for name, relative, storage in files:
            if storage.exists(relative):
                storage.delete(relative)
            storage.save(relative, io.BytesIO(archive.read(name)))
    management.call_command("update_index", verbosity=0)
    cache.clear()  # pages, fragments and facts kept from the content that was replaced
    return len(files)
