"""Questionnaire versions, campaigns, distribution links and responses.

Data flows one way: a campaign pins a questionnaire version, a response pins the version it
was answered on. A version that a campaign has opened is frozen: editing it makes a new one,
so every stored answer can always be read against the exact questions that were asked.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from vivier.surveys.codecs import vivier_json
from vivier.surveys.schema import Questionnaire
from vivier.text import strip_controls_deep


class ImmutableVersionError(Exception):
    """Raised when code tries to change a questionnaire version that a campaign has used."""


def definition_checksum(definition: dict[str, Any]) -> str:
    text = json.dumps(definition, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


#: Parsed questionnaires by (version id, checksum). A version's definition is large (the HCTS
#: questionnaire is tens of kilobytes of JSON): requests load versions without it
#: (``defer("definition")``) and parse it once per process.
_PARSED: dict[tuple[int | None, str], Questionnaire] = {}
_PARSED_MAX = 128


class QuestionnaireVersion(models.Model):
    slug = models.SlugField(_("identifiant"), max_length=100)
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("titre"), max_length=300)
    definition = models.JSONField(_("définition"))
    checksum = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    #: Where an imported questionnaire came from (``xlsform``, ``kobo``, ``limesurvey``...),
    #: the file's name and what the import said (warnings), kept for whoever reviews it later.
    source_format = models.CharField(_("format d'origine"), max_length=20, blank=True)
    source_name = models.CharField(_("fichier d'origine"), max_length=255, blank=True)
    import_report = models.JSONField(_("rapport d'import"), default=list, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["slug", "version"], name="unique_questionnaire_version")
        ]
        ordering = ["slug", "-version"]
        verbose_name = _("version de questionnaire")

    def __str__(self) -> str:
        return f"{self.slug} v{self.version}"

    @property
    def is_locked(self) -> bool:
        """A version is frozen as soon as a campaign using it has opened or holds responses."""
        if not self.pk:
            return False
        now = timezone.now()
        return (
            self.campaigns.filter(opens_at__lte=now).exists()
            or Response.objects.filter(version=self).exists()
        )

    def save(self, *args: Any, **kwargs: Any) -> None:
        fields = kwargs.get("update_fields")
        if fields is not None and "definition" not in fields:
            # Only the report or the names change: the definition (tens of megabytes for a
            # 50,000-question form) is not hashed again.
            super().save(*args, **kwargs)
            return
        checksum = definition_checksum(self.definition)
        if self.pk and checksum != self.checksum and self.is_locked:
            raise ImmutableVersionError(
                f"{self} is used by an open campaign; save the change as a new version"
            )
        self.checksum = checksum
        super().save(*args, **kwargs)

    def questionnaire(self) -> Questionnaire:
        key = (self.pk, self.checksum)
        parsed = _PARSED.get(key) if self.pk else None
        if parsed is None:
            # Reading ``definition`` fetches it now if the row was loaded without it. A version
            # stored before imports removed control characters is read without them, so no
            # page, export or report quotes one (``vivier.text.controls``).
            parsed = vivier_json.load(strip_controls_deep(self.definition))
            if self.pk and self.checksum:
                if len(_PARSED) >= _PARSED_MAX:
                    _PARSED.clear()
                _PARSED[key] = parsed
        return parsed


class Campaign(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("à venir")
        OPEN = "open", _("ouverte")
        CLOSED = "closed", _("clôturée")

    slug = models.SlugField(_("identifiant"), max_length=100, unique=True)
    title = models.CharField(_("titre"), max_length=300)
    description = models.TextField(_("présentation"), blank=True)
    questionnaire = models.ForeignKey(
        QuestionnaireVersion,
        on_delete=models.PROTECT,
        related_name="campaigns",
        verbose_name=_("questionnaire"),
    )
    opens_at = models.DateTimeField(_("ouverture"))
    closes_at = models.DateTimeField(_("clôture"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            # A campaign closes after it opens (``status()`` would otherwise call it open
            # and closed at once); an open-ended campaign has no closing date.
            models.CheckConstraint(
                condition=models.Q(closes_at__isnull=True)
                | models.Q(closes_at__gt=models.F("opens_at")),
                name="campaign_closes_after_opening",
            ),
        ]
        ordering = ["-opens_at"]
        verbose_name = _("campagne")

    def __str__(self) -> str:
        return self.title

    def status(self, now: Any = None) -> str:
        now = now or timezone.now()
        if now < self.opens_at:
            return str(self.Status.SCHEDULED)
        if self.closes_at and now >= self.closes_at:
            return str(self.Status.CLOSED)
        return str(self.Status.OPEN)

    @property
    def status_label(self) -> str:
        return str(dict(self.Status.choices)[self.status()])

    @property
    def is_open(self) -> bool:
        return self.status() == self.Status.OPEN


class DistributionLink(models.Model):
    """One tracked link per network that relays the campaign ("tête de réseau")."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="links")
    network = models.CharField(_("réseau"), max_length=200)
    code = models.SlugField(_("code du lien"), max_length=60)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "code"], name="unique_link_code")
        ]
        ordering = ["network"]
        verbose_name = _("lien de diffusion")

    def __str__(self) -> str:
        return f"{self.campaign.slug}/{self.code}"


def new_response_key() -> str:
    return uuid.uuid4().hex


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# A response's choices live at module level (read as ``Response.Mode``, ``Response.Status``)
# so that the model's ``Meta.constraints`` can name them: a nested class body does not see
# the names of the class around it.
class ResponseMode(models.TextChoices):
    ONLINE = "online", _("en ligne")
    ASSISTED = "assisted", _("saisie assistée")
    PROXY = "proxy", _("par un tiers")


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", _("en cours")
    SUBMITTED = "submitted", _("envoyée")
    #: Written by a large import that has not finished: no page, figure or export shows
    #: it (see vivier.campaigns.staged_imports).
    STAGED = "staged", _("import en cours")


class Response(models.Model):
    Mode = ResponseMode
    Status = ResponseStatus

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="responses")
    #: Public identifier, stable across export and import (imports keep the source's id).
    key = models.CharField(max_length=100, default=new_response_key)
    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.PROTECT, related_name="responses"
    )
    link = models.ForeignKey(
        DistributionLink, on_delete=models.SET_NULL, null=True, blank=True, related_name="responses"
    )
    channel = models.CharField(_("canal"), max_length=200, blank=True)
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.ONLINE)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    #: Answers keyed by question name, without personal data (see ResponseContact).
    answers = models.JSONField(default=dict)
    current_section = models.CharField(max_length=100, blank=True)
    #: Whether a ResponseContact row exists: spares the query on the many responses without.
    has_personal_data = models.BooleanField(default=False)
    resume_token_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="entered_responses",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    #: The large import that wrote this response, while it is being staged and published.
    import_batch = models.ForeignKey(
        "ImportBatch", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "key"], name="unique_response_key"),
            models.CheckConstraint(
                condition=models.Q(status__in=ResponseStatus.values),
                name="response_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(mode__in=ResponseMode.values), name="response_mode_valid"
            ),
            # A response carries the moment it was sent exactly when it was sent: figures
            # count submitted responses by that date. A staged import row already has its
            # source's date and becomes submitted as it is.
            models.CheckConstraint(
                condition=models.Q(status=ResponseStatus.DRAFT, submitted_at__isnull=True)
                | models.Q(
                    status__in=[ResponseStatus.SUBMITTED, ResponseStatus.STAGED],
                    submitted_at__isnull=False,
                ),
                name="response_submitted_at_iff_sent",
            ),
        ]
        indexes = [models.Index(fields=["campaign", "status", "submitted_at"])]
        ordering = ["-submitted_at", "-created_at"]
        verbose_name = _("réponse")

    def __str__(self) -> str:
        return f"{self.campaign.slug}/{self.key}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED

    def resume_token(self) -> str:
        """The secret of the private resume link.

        Derived from the response key with the server's secret, so a replayed start form (double
        click, retry) leads to the same link; only its hash is stored, so reading the database
        does not give anyone a way into a draft.
        """
        return salted_hmac("vivier.resume-link", self.key, algorithm="sha256").hexdigest()[:40]

    def set_resume_token(self) -> str:
        token = self.resume_token()
        self.resume_token_hash = hash_token(token)
        return token

    def all_answers(self) -> dict[str, Any]:
        """Answers with the personal ones merged back (for validation and staff views)."""
        merged = dict(self.answers)
        if self.has_personal_data:
            contact = getattr(self, "contact", None)
            if contact is not None:
                merged.update(contact.data)
        return merged


class ResponseContact(models.Model):
    """Personal data given in a response (e-mail, phone...), kept apart from the answers.

    Analysts work on ``Response.answers`` without ever loading this table; erasing a person's
    data is deleting one row, and the answers stay usable for the statistics.
    """

    response = models.OneToOneField(Response, on_delete=models.CASCADE, related_name="contact")
    data = models.JSONField(default=dict)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("coordonnées (données personnelles)")


class TextFlag(models.Model):
    """A free-text answer holding an e-mail address or a telephone number, for staff review.

    Written when a response is submitted (and by ``vivier personal-data scan`` for older
    ones); removed when the text is redacted. Staff may also keep the text as it is (a
    service's public number is not a person's): the flag then stays, marked reviewed.
    """

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="text_flags")
    #: The answer's key: a question's name, or ``<name>_other``.
    question = models.CharField(max_length=100)
    #: "email", "phone" or "email,phone".
    kinds = models.CharField(max_length=20)
    found_at = models.DateTimeField(default=timezone.now)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.CharField(max_length=150, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="unique_text_flag")
        ]
        ordering = ["response_id", "question"]
        verbose_name = _("texte signalé (coordonnées)")


class AuditEntry(models.Model):
    """Who did what to personal data, and when. The detail never holds the data itself."""

    actor = models.CharField(max_length=150)
    action = models.CharField(max_length=50)
    target = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("entrée du journal d'audit")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.target}"


class ImportBatch(models.Model):
    """One large response import, staged in short transactions (see ``staged_imports``).

    ``committed_at`` is the point of no return: before it, a failure or a crash removes the
    batch's rows; after it, the rows are published, and a crash is finished by ``recover``.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=300, blank=True)
    rows = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    #: Last time the importing process wrote a chunk: a batch left uncommitted and silent
    #: for long belonged to a process that died.
    touched_at = models.DateTimeField(default=timezone.now)
    committed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            # Publication follows the commit (``staged_imports.store``, ``recover``).
            models.CheckConstraint(
                condition=models.Q(published_at__isnull=True)
                | models.Q(committed_at__isnull=False),
                name="import_batch_published_after_commit",
            ),
        ]
        verbose_name = _("import de réponses")
