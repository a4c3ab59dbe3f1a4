"""Editors plan on the calendar; Sales read it; Administrators do everything."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Editors": ["add_calendarentry", "change_calendarentry", "delete_calendarentry", "view_calendarentry"],
    "Sales": ["view_calendarentry"],
    "Administrators": [
        "add_calendarentry", "change_calendarentry", "delete_calendarentry", "view_calendarentry",
        "add_calendarfeedtoken", "change_calendarfeedtoken", "delete_calendarfeedtoken",
        "view_calendarfeedtoken",
    ],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("publishing")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="publishing", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0001_initial"),
        ("auth", "__latest__"),
        ("contenttypes", "__latest__"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
