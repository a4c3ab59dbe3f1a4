"""Editors plan campaigns; Sales see them (to make a campaign's links in the Sales library)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Editors": ("add", "change", "delete", "view"),
    "Sales": ("view",),
}


def grant(apps, schema_editor):
    taxonomy = apps.get_app_config("taxonomy")
    taxonomy.models_module = True
    create_permissions(taxonomy, apps=apps, verbosity=0)
    taxonomy.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for name, actions in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="taxonomy",
                codename__in=[f"{action}_campaign" for action in actions],
            )
        )
    administrators = Group.objects.filter(name="Administrators").first()
    if administrators:
        administrators.permissions.add(
            *Permission.objects.filter(content_type__app_label="taxonomy", codename__endswith="_campaign")
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    for group in apps.get_model("auth.Group").objects.filter(name__in=[*GRANTS, "Administrators"]):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="taxonomy", codename__endswith="_campaign")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0001_roles"),
        ("taxonomy", "0003_campaigns"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
