from django.db import connections, models, router
from django.utils import timezone


class BufferedEventQuerySet(models.QuerySet):
    def append(self, reading, received_at=None):
        """Buffer one event with a single plain INSERT.

        Storing it is most of the beacon's work, and a model's save() would build the statement and
        ask for the new row's id back on every event; nothing needs the id (the fold takes the oldest
        rows by it). The values still go through the fields' own conversion for the database.
        """
        alias = router.db_for_write(self.model)
        connection = connections[alias]
        quote = connection.ops.quote_name
        fields = [self.model._meta.get_field("reading"), self.model._meta.get_field("received_at")]
        values = [reading, received_at or timezone.now()]
        params = [
            field.get_db_prep_save(value, connection)
            for field, value in zip(fields, values, strict=True)
        ]
        table = quote(self.model._meta.db_table)
        columns = ", ".join(quote(field.column) for field in fields)
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {table} ({columns}) VALUES (%s, %s)", params)  # noqa: S608


class BufferedEvent(models.Model):
    """A reading event the beacon accepted and the worker has not yet folded into its profile.

    The beacon answers after one insert here; `buyingstages.audience.event_buffer.fold` scores the events in
    batches, in the order they arrived, and deletes them. See docs/profiling-and-privacy.md.
    """

    reading = models.JSONField()
    received_at = models.DateTimeField(default=timezone.now)

    objects = BufferedEventQuerySet.as_manager()

    class Meta:
        verbose_name = "buffered reading event"

    def __str__(self):
        return f"{self.reading.get('e', 'event')} at {self.received_at:%Y-%m-%d %H:%M:%S}"
