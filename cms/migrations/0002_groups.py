"""Create the Editors, Sales and Administrators groups with the permissions each role needs."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PAGE_PERMISSIONS = {
    "Editors": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    "Administrators": [
        "add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page",
    ],
}

MODEL_PERMISSIONS = {
    "Editors": [
        ("wagtailadmin", "access_admin"),
        ("wagtailimages", "add_image"), ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"), ("wagtailimages", "delete_image"),
        ("wagtaildocs", "add_document"), ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"), ("wagtaildocs", "delete_document"),
        *(
            ("buyingstages", f"{action}_{model}")
            for model in ("buyingstage", "persona", "segment", "topic")
            for action in ("add", "change", "delete", "view")
        ),
        ("cms", "change_brandsettings"),
    ],
    "Sales": [("wagtailadmin", "access_admin")],
}


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Page = apps.get_model("wagtailcore.Page")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    root = Page.objects.filter(depth=1).first()

    for name, permissions in MODEL_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in permissions:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )

    administrators, _ = Group.objects.get_or_create(name="Administrators")
    administrators.permissions.set(Permission.objects.all())

    for name, codenames in PAGE_PERMISSIONS.items():
        group = Group.objects.get(name=name)
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )


def remove_groups(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name__in=["Sales", "Administrators"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("buyingstages", "0001_initial"),
        ("wagtailcore", "__latest__"),
        ("wagtailadmin", "__latest__"),
        ("wagtailimages", "__latest__"),
        ("wagtaildocs", "__latest__"),
        ("auth", "__latest__"),
        ("contenttypes", "__latest__"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
