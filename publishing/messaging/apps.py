from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "publishing.messaging"
    label = "messaging"
    verbose_name = "Messages and decks"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from publishing.messaging import signal_handlers

        signal_handlers.connect()
