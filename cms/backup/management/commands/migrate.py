from django.core.management.base import CommandError
from django.core.management.commands import migrate

from cms.backup import layout


class Command(migrate.Command):
    """Django's migrate, which first moves a database from before the app split forward."""

    def handle(self, *args, **options):
        if options["database"] == "default" and layout.needs_upgrade():
            try:
                count = layout.upgrade()
            except layout.LayoutError as error:
                raise CommandError(str(error)) from error
            if options["verbosity"]:
                self.stdout.write(
                    f"Moved {count} tables from the single-app layout to the new apps."
                )
        super().handle(*args, **options)
