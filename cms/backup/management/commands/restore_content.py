from django.core.management.base import BaseCommand, CommandError

from cms.backup import archive as backup


class Command(BaseCommand):
    help = (
        "Replace this site's content with a backup made by backup_content. Everything now in the "
        "database is deleted first, so it asks for --yes."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The .zip written by backup_content")
        parser.add_argument(
            "--yes", action="store_true", help="Confirm that the current content is to be replaced."
        )

    def handle(self, *args, path, yes, **options):
        if not yes:
            raise CommandError("Restoring deletes the current content. Run again with --yes.")
        try:
            with open(path, "rb") as source:
                files = backup.restore(source)
        except FileNotFoundError as error:
            raise CommandError(f"There is no file {path}.") from error
        except backup.BadBackup as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(f"Restored the database and {files} files from {path}.")
        )
