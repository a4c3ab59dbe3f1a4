import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("buyingstages", "0010_events_at_scale"),
    ]

    operations = [
        migrations.CreateModel(
            name="BufferedEvent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("reading", models.JSONField()),
                ("received_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={"verbose_name": "buffered reading event"},
        ),
    ]
