"""Editors keep the sales-ready rules; Sales read them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    app_config = apps.get_app_config("buyingstages")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    administrators, _ = Group.objects.get_or_create(name="Administrators")
    permissions = Permission.objects.filter(content_type__app_label="buyingstages")
    editors.permissions.add(*permissions.filter(codename="change_profilingsettings"))
    administrators.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("buyingstages", "0003_minimal_forms"),
        ("auth", "__latest__"),
        ("contenttypes", "__latest__"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
