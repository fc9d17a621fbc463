from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DataentryConfig(AppConfig):
    name = "koers.dataentry"
    label = "dataentry"
    verbose_name = _("Data entry")
