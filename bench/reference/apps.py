from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "bench.reference"
    label = "reference"
    verbose_name = "Reference blog (benchmarks only)"
    default_auto_field = "django.db.models.BigAutoField"
