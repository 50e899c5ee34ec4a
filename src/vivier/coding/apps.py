from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CodingConfig(AppConfig):
    name = "vivier.coding"
    label = "coding"
    verbose_name = _("Codage des textes")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The texts to code follow the answers (vivier.coding.sources): a response stored as
        # submitted is synced at commit; answers rewritten by a redaction or an erasure are
        # synced at once, so a redacted contact leaves the texts to code too.
        from django.db.models.signals import post_save

        from vivier.campaigns.models import Response
        from vivier.campaigns.privacy import answers_rewritten

        from . import pii, sources
        from .models import Source

        post_save.connect(
            sources.response_saved, sender=Response, dispatch_uid="vivier.coding.response_saved"
        )
        # A note typed or imported is read by the personal-data pass when it commits.
        post_save.connect(
            pii.source_saved, sender=Source, dispatch_uid="vivier.coding.pii.source_saved"
        )
        answers_rewritten.connect(
            sources.answers_rewritten, dispatch_uid="vivier.coding.answers_rewritten"
        )
