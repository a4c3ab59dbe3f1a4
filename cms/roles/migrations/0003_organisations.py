"""Editors keep organisations (merge, "do not group", segments); Administrators may do everything."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ("organisation", "organisationdomain")
CRUD = ("add", "change", "delete", "view")


def grant(apps, schema_editor):
    audience = apps.get_app_config("audience")
    audience.models_module = True
    create_permissions(audience, apps=apps, verbosity=0)
    audience.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="audience",
        codename__in=[f"{action}_{model}" for model in MODELS for action in CRUD],
    )
    for name in ("Editors", "Administrators"):
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0002_campaign_permissions"),
        ("audience", "0009_organisations"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
