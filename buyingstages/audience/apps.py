from django.apps import AppConfig


class AudienceConfig(AppConfig):
    name = "buyingstages.audience"
    label = "audience"
    verbose_name = "Audience"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from buyingstages.audience import signal_handlers

        signal_handlers.connect()
