from django.apps import AppConfig
from django.db.models.signals import post_migrate


class HomeConfig(AppConfig):
    name = "cms.home"
    label = "home"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from buyingstages.common.addresses import follow_public_address

        # Every deploy runs migrate: the default Site then carries the address the site is set to.
        post_migrate.connect(follow_public_address, sender=self)
