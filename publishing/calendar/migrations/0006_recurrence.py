"""Repeating entries: weekly, monthly or on the nth weekday, with moved or skipped occurrences."""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("calendar", "0005_custom_statuses")]

    operations = [
        migrations.AddField(
            model_name="calendarentry",
            name="repeat",
            field=models.CharField(blank=True, choices=[("weekly", "Every week"), ("monthly", "Every month, on the same day"), ("monthly_weekday", "Every month, on the same weekday (e.g. the first Tuesday)")], help_text="Repeats from the planned date. Move or skip one occurrence from the calendar.", max_length=20),
        ),
        migrations.AddField(
            model_name="calendarentry",
            name="repeat_every",
            field=models.PositiveSmallIntegerField(blank=True, null=True, help_text="2: every other week or month.", validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(52)]),
        ),
        migrations.AddField(
            model_name="calendarentry",
            name="repeat_until",
            field=models.DateField(blank=True, help_text="The last day it may repeat on. Empty: no end.", null=True),
        ),
        migrations.CreateModel(
            name="EntryOccurrence",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("original_date", models.DateField(help_text="The day the series puts it on.")),
                ("moved_to", models.DateField(blank=True, help_text="Empty: not moved.", null=True)),
                ("skipped", models.BooleanField(default=False)),
                ("entry", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="occurrence_changes", to="calendar.calendarentry")),
            ],
            options={
                "ordering": ["original_date"],
                "constraints": [models.UniqueConstraint(fields=("entry", "original_date"), name="one_change_a_day")],
            },
        ),
    ]
