from django.core.management.base import BaseCommand, CommandError

from publishing.calendar.notifications import send_due_reminders


class Command(BaseCommand):
    help = "E-mail each entry owner what falls due in the next few days. Run it daily from a scheduler."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=3, help="How far ahead to look (default 3)."
        )

    def handle(self, *args, days, **options):
        if not 1 <= days <= 60:
            raise CommandError("--days must be between 1 and 60.")
        sent = send_due_reminders(days=days)
        self.stdout.write(
            self.style.SUCCESS(f"Sent {sent} reminder e-mail{'s' if sent != 1 else ''}.")
        )
