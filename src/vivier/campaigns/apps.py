from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "vivier.campaigns"
    verbose_name = "Campagnes"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Registers Vivier's system checks (the secret key in production).
        from vivier import checks  # noqa: F401
