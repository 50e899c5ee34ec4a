from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CodingConfig(AppConfig):
    name = "vivier.coding"
    label = "coding"
    verbose_name = _("Codage des textes")
    default_auto_field = "django.db.models.BigAutoField"
