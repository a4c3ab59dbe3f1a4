from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db.models.signals import post_migrate


def administrators_hold_every_permission(app_config, using="default", apps=global_apps, **kwargs):
    """Administrators may do everything: when an app has migrated, its permissions (those of models
    added since the roles were made included) join their group. So a permission taken from the
    group is given back at the next migrate; a narrower role is a group of its own.

    The roles app comes before Django's auth app, so the app's permissions are made here first
    rather than waited for; like Django's own receivers, it reads the models as migrated so far."""
    from django.contrib.auth.management import create_permissions

    try:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
    except LookupError:
        return
    administrators = Group.objects.using(using).filter(name="Administrators").first()
    if administrators is None:
        return
    create_permissions(app_config, verbosity=0, using=using, apps=apps)
    administrators.permissions.add(
        *Permission.objects.using(using).filter(content_type__app_label=app_config.label)
    )


class RolesConfig(AppConfig):
    name = "cms.roles"
    label = "roles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        post_migrate.connect(
            administrators_hold_every_permission, dispatch_uid="masthead.roles.administrators"
        )
