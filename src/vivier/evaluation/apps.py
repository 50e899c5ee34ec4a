from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "vivier.evaluation"
    label = "evaluation"
    verbose_name = _("Évaluation")
    default_auto_field = "django.db.models.BigAutoField"
