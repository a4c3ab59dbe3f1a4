from django.core.management.base import BaseCommand, CommandError

from buyingstages.audience.privacy import PURGE_BATCH_SIZE, purge_anonymous


class Command(BaseCommand):
    help = (
        "Delete anonymous visitor profiles (and their events) unseen for longer than the retention "
        "period, in short transactions of --batch-size profiles."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=PURGE_BATCH_SIZE, metavar="N")

    def handle(self, *args, batch_size, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        self.verbosity = options["verbosity"]
        deleted = purge_anonymous(batch_size=batch_size, progress=self.progress)
        if deleted and self.verbosity == 1:
            self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(f"Deleted {deleted} anonymous profile{'s' if deleted != 1 else ''}.")
        )

    def progress(self, count):
        if self.verbosity >= 2:
            self.stdout.write(f"  - {count} profiles")
        elif self.verbosity == 1:
            self.stdout.write(".", ending="")
            self.stdout.flush()
