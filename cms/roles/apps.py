from django.apps import AppConfig


class RolesConfig(AppConfig):
    name = "cms.roles"
    label = "roles"
    default_auto_field = "django.db.models.BigAutoField"
