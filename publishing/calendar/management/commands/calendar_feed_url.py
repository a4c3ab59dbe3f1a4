from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from buyingstages.common.addresses import absolute_url
from publishing.calendar.models import CalendarFeedToken


class Command(BaseCommand):
    help = (
        "Print a new private ICS feed URL for USERNAME. Only a hash is stored, so this issues a new "
        "address and the user's previous one stops working."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user called {username!r}.")
        if not user.has_perm("calendar.view_calendarentry"):
            raise CommandError(f"{username} may not see the calendar, so has no feed.")
        _, secret = CalendarFeedToken.issue(user)
        path = reverse("calendar_feed", kwargs={"token": secret})
        self.stdout.write(absolute_url(path))
