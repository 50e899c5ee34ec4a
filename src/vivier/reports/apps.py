from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "vivier.reports"
    verbose_name = "Analyses et rapports"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Answers redacted for privacy must not survive in an analysis snapshot.
        from vivier.campaigns.privacy import answers_rewritten

        from .snapshots import invalidate

        answers_rewritten.connect(invalidate, dispatch_uid="vivier.reports.invalidate")
