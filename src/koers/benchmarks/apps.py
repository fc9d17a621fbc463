from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenchmarksConfig(AppConfig):
    name = "koers.benchmarks"
    label = "benchmarks"
    verbose_name = _("benchmarks")
    default_auto_field = "django.db.models.BigAutoField"
