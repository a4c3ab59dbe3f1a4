from django.apps import AppConfig
from django.db.models.signals import post_migrate


def administrators_hold_every_permission(app_config, using="default", **kwargs):
    """Administrators may do everything: after each app migrates, its permissions, those of models
    added since the roles were made included, belong to their group. (The roles app comes before
    Django's auth app, so its permissions are made here first rather than waited for.)"""
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    administrators = Group.objects.using(using).filter(name="Administrators").first()
    if administrators:
        create_permissions(app_config, verbosity=0, using=using)
        administrators.permissions.add(*Permission.objects.using(using).all())


class RolesConfig(AppConfig):
    name = "cms.roles"
    label = "roles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        post_migrate.connect(
            administrators_hold_every_permission, dispatch_uid="masthead.roles.administrators"
        )
