from django.core.management.base import BaseCommand

from buyingstages.audience.models.organisations import group_ungrouped


class Command(BaseCommand):
    help = (
        "Group people who are not in an organisation yet by the e-mail domain they gave (free-mail, "
        "ISP and 'do not group' domains excepted). Safe to run again: it only adds what is missing."
    )

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        grouped = group_ungrouped(progress=self.progress)
        self.stdout.write(
            self.style.SUCCESS(f"Grouped {grouped} {'person' if grouped == 1 else 'people'}.")
        )

    def progress(self, domain, count):
        if self.verbosity >= 2:
            self.stdout.write(f"  - {domain}: {count}")
