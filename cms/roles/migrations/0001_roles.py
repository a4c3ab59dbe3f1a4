"""The three roles as groups: Editors, Sales and Administrators, with the permissions each one needs."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CRUD = ("add", "change", "delete", "view")

PAGE_PERMISSIONS = {
    "Editors": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    "Administrators": [
        "add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page",
    ],
}

MODEL_PERMISSIONS = {
    "Editors": [
        ("wagtailadmin", "access_admin"),
        *(("wagtailimages", f"{action}_image") for action in ("add", "change", "choose", "delete")),
        *(("wagtaildocs", f"{action}_document") for action in ("add", "change", "choose", "delete")),
        *(
            ("taxonomy", f"{action}_{model}")
            for model in ("buyingstage", "persona", "segment", "topic")
            for action in CRUD
        ),
        ("home", "change_brandsettings"),
        ("audience", "change_profilingsettings"),
        *(("audience", f"{action}_readersurvey") for action in CRUD),
        ("sales", "use_sales_area"),
        ("sales", "view_assetfeedback"),
        *(("sales", f"{action}_fieldnote") for action in ("change", "delete", "view")),
        *(("calendar", f"{action}_calendarentry") for action in CRUD),
        *(
            ("messaging", f"{action}_message")
            for action in (*CRUD, "publish", "lock", "unlock")
        ),
        *(("messaging", f"{action}_salesdeck") for action in CRUD),
        *(("messaging", f"{action}_decktemplate") for action in CRUD),
    ],
    "Sales": [
        ("wagtailadmin", "access_admin"),
        ("sales", "use_sales_area"),
        ("audience", "work_lead"),
        ("sales", "add_assetfeedback"),
        ("sales", "view_assetfeedback"),
        ("sales", "add_fieldnote"),
        ("sales", "view_fieldnote"),
        ("audience", "view_readersurvey"),
        ("calendar", "view_calendarentry"),
        ("messaging", "view_salesdeck"),
    ],
}


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")

    message_type = ContentType.objects.get(app_label="messaging", model="message")
    for action in ("publish", "lock", "unlock"):  # Wagtail's own, normally made after migrating
        Permission.objects.get_or_create(
            content_type=message_type,
            codename=f"{action}_message",
            defaults={"name": f"Can {action} message"},
        )

    for name, permissions in MODEL_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in permissions:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )

    administrators, _ = Group.objects.get_or_create(name="Administrators")
    administrators.permissions.set(Permission.objects.all())

    root = Page.objects.filter(depth=1).first()
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
    apps.get_model("auth.Group").objects.filter(
        name__in=["Editors", "Sales", "Administrators"]
    ).delete()


class Migration(migrations.Migration):
    # Named migrations, never "__latest__": a dependency on an app's latest migration moves with
    # every new one, and a database where this ran before it could no longer migrate.
    dependencies = [
        ("home", "0002_initial"),
        ("taxonomy", "0001_initial"),
        ("library", "0002_initial"),
        ("audience", "0001_initial"),
        ("sales", "0001_initial"),
        ("crm", "0001_initial"),
        ("calendar", "0002_initial"),
        ("messaging", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
