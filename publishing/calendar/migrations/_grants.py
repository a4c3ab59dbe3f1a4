"""Shared by the calendar's data migrations (a leading underscore keeps it out of the graph)."""

from django.contrib.auth.management import create_permissions


def grant(apps, model, groups=("Editors", "Administrators")):
    """Let editors manage `model`. The groups are made here when the roles migration, which
    fills them, has not run yet (a new database)."""
    config = apps.get_app_config("calendar")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="calendar", content_type__model=model
    )
    for name in groups:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)
