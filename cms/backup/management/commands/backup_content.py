from django.core.management.base import BaseCommand, CommandError

from cms.backup import archive as backup


class Command(BaseCommand):
    help = (
        "Write everything people made (pages, assets, calendar, messages, decks, leads, settings, users "
        "and uploaded files) to one .zip that restore_content can load into PostgreSQL or SQLite."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Where to write the .zip, e.g. masthead-2026-11-23.zip")

    def handle(self, *args, path, **options):
        try:
            with open(path, "xb") as destination:
                files = backup.backup(destination)
        except FileExistsError as error:
            raise CommandError(f"{path} already exists; choose a new name.") from error
        self.stdout.write(
            self.style.SUCCESS(f"Backed up the database and {files} files to {path}.")
        )
