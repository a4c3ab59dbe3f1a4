from django.core.management.base import BaseCommand

from buyingstages.audience import event_buffer


class Command(BaseCommand):
    help = "Score every reading event the beacon has buffered (the worker does this on its own)."

    def handle(self, *args, **options):
        folded = event_buffer.fold_all()
        if options["verbosity"]:
            self.stdout.write(f"Folded {folded} buffered reading events.")
