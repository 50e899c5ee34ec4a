"""What analysts write about a campaign's figures: typed remarks, as in the 2020 annex."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vivier.campaigns.models import Campaign


class Remark(models.Model):
    class Kind(models.TextChoices):
        ANALYSE = "ANALYSE", _("Analyse")
        CONCLUSION = "CONCLUSION", _("Conclusion")
        SUGGESTION = "SUGGESTION", _("Suggestion")
        ATTENTION = "ATTENTION", _("Attention")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="remarks")
    #: The question it comments on; empty for a remark on the whole campaign.
    question = models.CharField(max_length=100, blank=True)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.ANALYSE)
    text = models.TextField(_("texte"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["question", "created_at", "pk"]
        verbose_name = _("remarque d’analyse")

    def __str__(self) -> str:
        # The kind's word, not its code: the audit trail keeps this text for the row.
        return f"{self.get_kind_display()} {self.question or '*'}: {self.text[:40]}"
