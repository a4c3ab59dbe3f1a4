"""Editors run reader surveys; Sales can read their results."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Editors": [f"{action}_readersurvey" for action in ("add", "change", "delete", "view")],
    "Sales": ["view_readersurvey"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("buyingstages")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    permissions = Permission.objects.filter(content_type__app_label="buyingstages")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions.filter(codename__in=codenames))
    administrators, _ = Group.objects.get_or_create(name="Administrators")
    administrators.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("buyingstages", "0008_insight"),
        ("auth", "__latest__"),
        ("contenttypes", "__latest__"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
