"""Editors keep the messages, decks and brand template; Sales read and download decks."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = [
    *(f"{action}_message" for action in ("add", "change", "delete", "view", "publish", "lock", "unlock")),
    *(f"{action}_salesdeck" for action in ("add", "change", "delete", "view")),
    *(f"{action}_decktemplate" for action in ("add", "change", "delete", "view")),
]
SALES = ["view_salesdeck"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("publishing")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    message_type = ContentType.objects.get(app_label="publishing", model="message")
    for action in ("publish", "lock", "unlock"):  # Wagtail's own, normally made after migrating
        Permission.objects.get_or_create(
            content_type=message_type,
            codename=f"{action}_message",
            defaults={"name": f"Can {action} message"},
        )
    permissions = Permission.objects.filter(content_type__app_label="publishing")
    for name, codenames in (("Editors", EDITORS), ("Sales", SALES)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions.filter(codename__in=codenames))
    administrators, _ = Group.objects.get_or_create(name="Administrators")
    administrators.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0005_messages_and_decks"),
        ("auth", "__latest__"),
        ("contenttypes", "__latest__"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
