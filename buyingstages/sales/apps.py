from django.apps import AppConfig


class SalesConfig(AppConfig):
    name = "buyingstages.sales"
    label = "sales"
    verbose_name = "Sales"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from buyingstages.sales import signal_handlers

        signal_handlers.connect()
