from django.apps import AppConfig


class DemoConfig(AppConfig):
    """No models: an app so that ``demo`` is a management command of its own."""

    name = "vivier.demo"
    verbose_name = "Démonstration"
