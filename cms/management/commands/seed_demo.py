from django.core.management.base import BaseCommand, CommandError

from cms.demo import seed


class Command(BaseCommand):
    help = (
        "Load the Keelstone demo content: stages, personas, segments, topics, site pages and 40+ "
        "assets with generated images and PDFs. Safe to run again: it only adds what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            metavar="N",
            help="Also make sure N generated benchmark assets exist.",
        )
        parser.add_argument(
            "--events",
            type=int,
            default=0,
            metavar="M",
            help="Also make sure M reading events exist (spread over every live asset), for reports.",
        )
        parser.add_argument(
            "--users",
            action="store_true",
            help="Create demo logins (editor, sales, admin) with known passwords. Local use only.",
        )

    def handle(self, *args, scale, events, users, **options):
        if scale < 0 or events < 0:
            raise CommandError("--scale and --events must be zero or more.")
        self.verbosity = options["verbosity"]
        seed.seed_taxonomy()
        home, library = seed.seed_site()
        created = seed.seed_assets(library, progress=self.progress)
        seed.seed_featured(home)
        seed.seed_messages(home)
        if created and self.verbosity == 1:
            self.stdout.write("")
        if self.verbosity:
            self.stdout.write(self.style.SUCCESS(f"Demo content ready: {len(created)} new assets."))
        if scale:
            added = seed.seed_scale(library, scale, progress=self.progress)
            if added and self.verbosity == 1:
                self.stdout.write("")
            self.stdout.write(
                self.style.SUCCESS(f"Benchmark assets: {added} added, {scale} in all.")
            )
        if events:
            added = seed.seed_events(events, progress=self.progress)
            if added and self.verbosity == 1:
                self.stdout.write("")
            self.stdout.write(
                self.style.SUCCESS(f"Reading events: {added:,} added, {events:,} in all.")
            )
        if users:
            logins = seed.seed_users()
        seed.seed_calendar()
        seed.seed_sales()
        seed.seed_reader_feedback()
        if users:
            self.stdout.write("Demo logins (http://127.0.0.1:8000/admin/):")
            for username, password, group in logins:
                self.stdout.write(f"  {group:<15} {username:<8} / {password}")

    def progress(self, title):
        if self.verbosity >= 2:
            self.stdout.write(f"  + {title}")
        elif self.verbosity == 1:
            self.stdout.write(".", ending="")
            self.stdout.flush()
