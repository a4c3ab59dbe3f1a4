from django.core.management.base import BaseCommand

from buyingstages.insight import refresh_asset_stats


class Command(BaseCommand):
    help = (
        "Recompute each asset's reading figures (views, read-through, downloads, leads influenced)."
    )

    def handle(self, *args, **options):
        count = refresh_asset_stats()
        self.stdout.write(self.style.SUCCESS(f"Figures refreshed for {count} assets."))
