from django.core.management.base import BaseCommand

from buyingstages.audience.stats import refresh_asset_stats, update_asset_stats


class Command(BaseCommand):
    help = (
        "Bring each asset's reading figures (views, read-through, downloads, leads influenced) up to "
        "date by folding in the events written since the last run; --full recomputes them from every "
        "event."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--full",
            action="store_true",
            help="Rebuild from every event (one pass over the whole table; weekly is plenty).",
        )

    def handle(self, *args, full, **options):
        if full:
            count = refresh_asset_stats()
            self.stdout.write(self.style.SUCCESS(f"Figures rebuilt for {count} assets."))
        else:
            count = update_asset_stats()
            self.stdout.write(self.style.SUCCESS(f"Figures updated for {count} assets."))
