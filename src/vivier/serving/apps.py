from django.apps import AppConfig


class ServingConfig(AppConfig):
    """No models: an app so that ``serve`` is a management command of its own."""

    name = "vivier.serving"
    verbose_name = "Serveur"
