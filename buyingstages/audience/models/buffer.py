from django.db import models
from django.utils import timezone


class BufferedEvent(models.Model):
    """A reading event the beacon accepted and the worker has not yet folded into its profile.

    The beacon answers after one insert here; `buyingstages.audience.event_buffer.fold` scores the events in
    batches, in the order they arrived, and deletes them. See docs/profiling-and-privacy.md.
    """

    reading = models.JSONField()
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "buffered reading event"

    def __str__(self):
        return f"{self.reading.get('e', 'event')} at {self.received_at:%Y-%m-%d %H:%M:%S}"
