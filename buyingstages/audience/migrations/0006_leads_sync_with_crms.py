import django.utils.timezone
from django.db import migrations, models
from django.db.models.functions import Coalesce, Greatest


def date_existing_leads(apps, schema_editor):
    """Existing leads were last changed at the latest of their known times, not at migration time."""
    Lead = apps.get_model("audience", "Lead")
    created = models.F("created_at")
    Lead.objects.update(
        updated_at=Greatest(
            created,
            Coalesce("sales_ready_at", created),
            Coalesce("accepted_at", created),
            Coalesce("returned_at", created),
        )
    )


class Migration(migrations.Migration):

    dependencies = [
        ("audience", "0005_events_count_once"),
    ]

    operations = [
        migrations.AddField(
            model_name="lead",
            name="outcome",
            field=models.CharField(
                blank=True,
                choices=[
                    ("accepted", "Accepted"),
                    ("disqualified", "Disqualified"),
                    ("opportunity", "Opportunity"),
                    ("won", "Won"),
                    ("lost", "Lost"),
                ],
                max_length=20,
            ),
        ),
        migrations.AddField(
            model_name="lead",
            name="outcome_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="lead",
            name="outcome_note",
            field=models.CharField(blank=True, max_length=500),
        ),
        migrations.AddField(
            model_name="lead",
            name="outcome_source",
            field=models.CharField(blank=True, max_length=100),
        ),
        migrations.AddField(
            model_name="lead",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
        migrations.RunPython(date_existing_leads, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="lead",
            index=models.Index(fields=["updated_at", "id"], name="lead_updated_at_id"),
        ),
    ]
