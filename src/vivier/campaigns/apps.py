from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "vivier.campaigns"
    verbose_name = "Campagnes"
    default_auto_field = "django.db.models.BigAutoField"
