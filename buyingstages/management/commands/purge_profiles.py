from django.core.management.base import BaseCommand

from buyingstages.privacy import purge_anonymous


class Command(BaseCommand):
    help = "Delete anonymous visitor profiles (and their events) unseen for longer than the retention period."

    def handle(self, *args, **options):
        deleted = purge_anonymous()
        self.stdout.write(
            self.style.SUCCESS(f"Deleted {deleted} anonymous profile{'s' if deleted != 1 else ''}.")
        )
