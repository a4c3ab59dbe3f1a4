from django.core.management.base import BaseCommand

from buyingstages.audience.subscriptions import send_digests


class Command(BaseCommand):
    help = "E-mail each confirmed subscriber what is new on their topics, at most once per their cadence."

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(self.style.SUCCESS(f"Sent {sent} digest{'s' if sent != 1 else ''}."))
