from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SourcesConfig(AppConfig):
    name = "koers.sources"
    label = "sources"
    verbose_name = _("own data")
    default_auto_field = "django.db.models.BigAutoField"
