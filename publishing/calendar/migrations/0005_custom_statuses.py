"""Statuses a team names and orders itself, each mapped onto a stage of the work. The six fixed
statuses become rows, and every entry keeps the status it had."""

import django.db.models.deletion
from django.db import migrations, models

import publishing.calendar.models

STATUSES = [
    # slug, name, stage of the work
    ("idea", "Idea", "plan"),
    ("planned", "Planned", "plan"),
    ("drafting", "Drafting", "draft"),
    ("in_review", "In review", "review"),
    ("scheduled", "Scheduled", "scheduled"),
    ("published", "Published", "published"),
]


def add_statuses(apps, schema_editor):
    Status = apps.get_model("calendar", "Status")
    for order, (slug, name, stage) in enumerate(STATUSES):
        Status.objects.get_or_create(
            slug=slug, defaults={"name": name, "work_stage": stage, "sort_order": order * 10}
        )
    from publishing.calendar.migrations import _grants  # noqa: PLC0415

    _grants.grant(apps, "status")


def keep_statuses(apps, schema_editor):
    Status = apps.get_model("calendar", "Status")
    CalendarEntry = apps.get_model("calendar", "CalendarEntry")
    for status in Status.objects.all():
        CalendarEntry.objects.filter(old_status=status.slug).update(status_row=status)
    fallback = Status.objects.get(slug="idea")
    CalendarEntry.objects.filter(status_row__isnull=True).update(status_row=fallback)


def restore_statuses(apps, schema_editor):
    CalendarEntry = apps.get_model("calendar", "CalendarEntry")
    Status = apps.get_model("calendar", "Status")
    for status in Status.objects.all():
        slug = status.slug
        if slug not in {row[0] for row in STATUSES}:
            slug = {"plan": "planned", "draft": "drafting", "review": "in_review"}.get(
                status.work_stage, status.work_stage
            )
        CalendarEntry.objects.filter(status_row=status).update(old_status=slug)


class Migration(migrations.Migration):
    dependencies = [("calendar", "0004_entry_types")]

    operations = [
        migrations.CreateModel(
            name="Status",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=60, unique=True)),
                ("slug", models.SlugField(max_length=60, unique=True)),
                ("work_stage", models.CharField(choices=[("plan", "Plan"), ("draft", "Draft"), ("review", "Review"), ("scheduled", "Scheduled"), ("published", "Published")], help_text="What the warnings treat this status as: still planning, drafting, in review…", max_length=20, verbose_name="stage of the work")),
                ("sort_order", models.PositiveSmallIntegerField(default=0, help_text="Lower comes first.")),
            ],
            options={"verbose_name": "calendar status", "verbose_name_plural": "calendar statuses", "ordering": ["sort_order", "pk"]},
        ),
        migrations.RunPython(add_statuses, migrations.RunPython.noop),
        migrations.RenameField("calendarentry", "status", "old_status"),
        migrations.AddField(
            model_name="calendarentry",
            name="status_row",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="calendar.status"),
        ),
        migrations.RunPython(keep_statuses, restore_statuses),
        migrations.RemoveField("calendarentry", "old_status"),
        migrations.RenameField("calendarentry", "status_row", "status"),
        migrations.AlterField(
            model_name="calendarentry",
            name="status",
            field=models.ForeignKey(default=publishing.calendar.models.default_status, on_delete=django.db.models.deletion.PROTECT, related_name="entries", to="calendar.status"),
        ),
    ]
