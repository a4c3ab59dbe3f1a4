from django.core.management.base import BaseCommand, CommandError

from buyingstages.common.addresses import absolute_url
from cms.demo import loading


class Command(BaseCommand):
    help = (
        "Load the Keelstone demo from cms/demo/data/: taxonomy, site pages, 45 assets with "
        "generated images and PDFs, messages, decks, a content calendar, sales notes, reader "
        "feedback, and campaigns with the readers they brought. Safe to run again: it only adds what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--users",
            action="store_true",
            help="Create demo logins (editor, sales, admin) with known passwords. Local use only.",
        )
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            metavar="N",
            help="Also make sure N generated benchmark assets exist (bench/seeding.py).",
        )
        parser.add_argument(
            "--events",
            type=int,
            default=0,
            metavar="M",
            help="Also make sure M reading events exist, over every live asset (bench/seeding.py).",
        )

    def handle(self, *args, users, scale, events, **options):
        if scale < 0 or events < 0:
            raise CommandError("--scale and --events must be zero or more.")
        self.verbosity = options["verbosity"]
        self.step(loading.load_taxonomy())
        self.step(loading.load_site())
        self.step(loading.load_assets())
        self.step(loading.load_messages())
        if users:
            self.step(loading.load_users())
        self.step(loading.load_calendar())  # after the users: the editor owns the entries
        self.step(loading.load_sales())
        self.step(loading.load_organisations())
        self.step(loading.load_reader_feedback())
        self.step(loading.load_campaigns())  # after the sales leads: campaigns reached some
        if scale or events:
            self.load_benchmark_volumes(scale, events)
        if users:
            self.stdout.write(f"Demo logins ({absolute_url('/admin/')}):")
            for group, username, password in loading.demo_logins():
                self.stdout.write(f"  {group:<15} {username:<8} / {password}")

    def load_benchmark_volumes(self, scale, events):
        try:
            from bench import seeding
        except ImportError as error:
            raise CommandError(
                "--scale and --events need the bench/ package: run from the repository's root."
            ) from error
        from buyingstages.library.models import AssetIndexPage

        if scale:
            added = seeding.seed_scale(
                AssetIndexPage.objects.first(), scale, progress=self.progress
            )
            self.step(f"Benchmark assets: {scale:,} ({added:,} new)")
        if events:
            added = seeding.seed_events(events, progress=self.progress)
            self.step(f"Reading events: {events:,} ({added:,} new)")

    def step(self, line):
        if self.verbosity:
            self.stdout.write(line)

    def progress(self, line):
        if self.verbosity >= 2:
            self.stdout.write(f"  + {line}")
