from django.apps import AppConfig


class CrmConfig(AppConfig):
    name = "buyingstages.crm"
    label = "crm"
    verbose_name = "CRM"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from buyingstages.crm import signal_handlers

        signal_handlers.connect()
