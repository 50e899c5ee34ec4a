from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "vivier.reports"
    verbose_name = "Analyses et rapports"
    default_auto_field = "django.db.models.BigAutoField"
