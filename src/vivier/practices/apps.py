from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "vivier.practices"
    verbose_name = "Registre des pratiques"
    default_auto_field = "django.db.models.BigAutoField"
