from django.apps import AppConfig


class BackupConfig(AppConfig):
    name = "cms.backup"
    label = "backup"
    default_auto_field = "django.db.models.BigAutoField"
