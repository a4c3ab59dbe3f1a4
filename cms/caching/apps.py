from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "cms.caching"
    label = "caching"
    verbose_name = "Page cache"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms.caching import signal_handlers

        signal_handlers.connect()
