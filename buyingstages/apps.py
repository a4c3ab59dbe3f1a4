from django.apps import AppConfig


class BuyingStagesConfig(AppConfig):
    name = "buyingstages"
    verbose_name = "Buying stages"
