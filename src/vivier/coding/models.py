"""What the coding of a campaign's texts stores.

One codebook per campaign; texts to code are :class:`Source` rows (a free-text answer, an
interview or hearing note, a document attached to a practice), each keeping its link to
where it comes from. A :class:`Coding` puts one code on a whole source or on a span of it;
it is made by a person or proposed by a model (:class:`SuggestionModel`), so that the same
agreement machinery compares people with each other and models with people.

Personal data: a source's text may hold names and contacts. The pass of
:mod:`vivier.coding.pii` records what it finds as :class:`PiiFlag` rows (offsets only, never a
copy of the text) and marks the source ``personal_data``; staff without the personal-data
right see such texts masked. Quotes leave the workspace only pseudonymised and reviewed.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

USER = settings.AUTH_USER_MODEL


class Codebook(models.Model):
    """The tree of codes of one campaign; ``version`` grows at each change of its structure."""

    campaign = models.OneToOneField(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="codebook"
    )
    name = models.CharField(_("nom"), max_length=200)
    guid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("livre de codes")
        permissions = [("manage_codebook", _("Modifier le livre de codes et les cycles"))]

    def __str__(self) -> str:
        return self.name


class CodebookVersion(models.Model):
    """The whole tree as it was after one change (``qualitative.codebook.to_dict``)."""

    codebook = models.ForeignKey(Codebook, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    tree = models.JSONField(default=dict)
    #: What changed, in words ("fusion de « X » dans « Y »").
    note = models.CharField(max_length=300, blank=True)
    author = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["codebook", "number"], name="unique_codebook_version")
        ]
        ordering = ["codebook_id", "number"]


class Code(models.Model):
    """One code of the tree. A merged code stays, inactive, pointing to where it went."""

    codebook = models.ForeignKey(Codebook, on_delete=models.CASCADE, related_name="codes")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    guid = models.UUIDField(default=uuid.uuid4, editable=False)
    name = models.CharField(_("nom"), max_length=200)
    definition = models.TextField(_("définition"), blank=True)
    include_rule = models.TextField(_("s’applique quand"), blank=True)
    exclude_rule = models.TextField(_("ne s’applique pas quand"), blank=True)
    #: Short texts that illustrate the code (written by the analysts, not quotes).
    examples = models.JSONField(default=list, blank=True)
    #: ``#RRGGBB``, as REFI-QDA writes it.
    color = models.CharField(max_length=7, blank=True)
    #: One key of the coding screen ("1"…"9", "a"…"z").
    shortcut = models.CharField(_("raccourci"), max_length=1, blank=True)
    #: A category that only groups codes is not codable (REFI-QDA ``isCodable``).
    is_codable = models.BooleanField(default=True)
    #: The answer keys the code is meant for ("q15", "q24_other"); empty: every source.
    questions = models.JSONField(default=list, blank=True)
    position = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged_codes"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["codebook", "guid"], name="unique_code_guid")
        ]
        ordering = ["codebook_id", "position", "pk"]
        verbose_name = _("code")

    def __str__(self) -> str:
        return self.name


class Case(models.Model):
    """A respondent (one response), with its closed answers as attributes to cross codes with."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="coding_cases"
    )
    response = models.OneToOneField(
        "campaigns.Response",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="coding_case",
    )
    guid = models.UUIDField(default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200)
    #: Closed answers by question name, as labels ("profil": "Travailleur social").
    attributes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["campaign_id", "pk"]


class SourceKind(models.TextChoices):
    ANSWER = "answer", _("réponse libre")
    NOTE = "note", _("note d’entretien ou d’audition")
    DOCUMENT = "document", _("document d’une pratique")


class Source(models.Model):
    """A text to code, linked to where it comes from."""

    Kind = SourceKind

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="coding_sources"
    )
    kind = models.CharField(max_length=10, choices=SourceKind.choices)
    guid = models.UUIDField(default=uuid.uuid4, editable=False)
    name = models.CharField(_("titre"), max_length=200)
    #: A free-text answer: its response and answer key ("q15", "q24_other").
    response = models.ForeignKey(
        "campaigns.Response",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="coding_sources",
    )
    question = models.CharField(max_length=100, blank=True)
    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="sources"
    )
    #: A note or a document may concern a practice sheet.
    practice = models.ForeignKey(
        "practices.Practice",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coding_sources",
    )
    #: Personal data may be in it: see ``personal_data`` and :class:`PiiFlag`.
    text = models.TextField(_("texte"))
    #: Where a note was typed or imported from ("entretien-12.docx").
    origin = models.CharField(max_length=200, blank=True)
    held_on = models.DateField(_("date de l’entretien"), null=True, blank=True)
    #: Set by the personal-data pass when it finds something not dismissed.
    personal_data = models.BooleanField(default=False)
    #: When the pass last read this text (``None``: not read since it changed).
    pii_checked_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"],
                condition=Q(response__isnull=False),
                name="unique_answer_source",
            )
        ]
        indexes = [models.Index(fields=["campaign", "kind", "question"])]
        ordering = ["campaign_id", "pk"]
        verbose_name = _("texte à coder")

    def __str__(self) -> str:
        return self.name


class RoundStatus(models.TextChoices):
    OPEN = "open", _("en cours")
    CLOSED = "closed", _("clos")


class CodingRound(models.Model):
    """A sample of sources coded by two or more coders, blind until the round closes."""

    Status = RoundStatus

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="coding_rounds"
    )
    number = models.PositiveIntegerField()
    title = models.CharField(_("titre"), max_length=200)
    #: The answer keys sampled (empty: every source kind chosen below).
    questions = models.JSONField(default=list, blank=True)
    sample_size = models.PositiveIntegerField(_("taille de l’échantillon"))
    #: Share of the sample coded by every coder, in percent (100: all of it).
    overlap = models.PositiveSmallIntegerField(_("recouvrement (%)"), default=100)
    seed = models.BigIntegerField(default=0)
    blind = models.BooleanField(default=True)
    status = models.CharField(max_length=10, choices=RoundStatus.choices, default="open")
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "number"], name="unique_round_number")
        ]
        ordering = ["campaign_id", "number"]
        verbose_name = _("cycle de double codage")


class RoundAssignment(models.Model):
    """One source to code by one coder in a round."""

    round = models.ForeignKey(CodingRound, on_delete=models.CASCADE, related_name="assignments")
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="assignments")
    coder = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="coding_assignments")
    #: The coder said they are done with this source (none of the codes may be the answer).
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "source", "coder"], name="unique_round_assignment"
            )
        ]
        ordering = ["round_id", "pk"]


class SuggestionStatus(models.TextChoices):
    QUEUED = "queued", _("en attente")
    TRAINING = "training", _("entraînement en cours")
    READY = "ready", _("prêt")
    FAILED = "failed", _("échec")


class SuggestionModel(models.Model):
    """A classifier trained on what the analysts coded: the "model coder" of its suggestions."""

    Status = SuggestionStatus

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="suggestion_models"
    )
    version = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=SuggestionStatus.choices, default="queued")
    #: 0–100, written by the training task.
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    #: Per code (by guid): precision, recall, F1, support, and whether it is suggested.
    metrics = models.JSONField(default=dict, blank=True)
    #: The F1 under which a code is not suggested.
    floor = models.FloatField(default=0.5)
    trained_on = models.PositiveIntegerField(default=0)
    #: The fitted classifier, signed with the server's secret (never read unsigned).
    artefact = models.BinaryField(null=True, blank=True, editable=False)
    task_id = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "version"], name="unique_suggestion_model_version"
            )
        ]
        ordering = ["campaign_id", "-version"]

    @property
    def coder_name(self) -> str:
        return f"model:vivier-lemmes@{self.version}"


class CodingOrigin(models.TextChoices):
    HUMAN = "human", _("personne")
    MODEL = "model", _("modèle")


class CodingStatus(models.TextChoices):
    #: Put by a person.
    APPLIED = "applied", _("appliqué")
    #: Proposed by a model, not decided yet.
    SUGGESTED = "suggested", _("suggéré")
    ACCEPTED = "accepted", _("suggestion acceptée")
    REJECTED = "rejected", _("suggestion refusée")


class Coding(models.Model):
    """One code on a whole source (``start`` is ``None``) or on the span [start, end).

    Offsets count Unicode characters, as REFI-QDA does. ``exact``, ``prefix`` and ``suffix``
    (a W3C text-quote selector) let :func:`vivier.qualitative.spans.reanchor` find the span
    again when the text changes elsewhere (a contact redacted, a note corrected).
    A removal is a date, not a deletion, so that "undo" can bring it back.
    """

    Origin = CodingOrigin
    Status = CodingStatus

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="codings")
    code = models.ForeignKey(Code, on_delete=models.PROTECT, related_name="codings")
    origin = models.CharField(max_length=10, choices=CodingOrigin.choices, default="human")
    coder = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="codings"
    )
    model = models.ForeignKey(
        SuggestionModel,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="suggestions",
    )
    status = models.CharField(max_length=10, choices=CodingStatus.choices, default="applied")
    score = models.FloatField(null=True, blank=True)
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    exact = models.TextField(blank=True)
    prefix = models.CharField(max_length=32, blank=True)
    suffix = models.CharField(max_length=32, blank=True)
    #: Coded within a round: hidden from the other coders until it closes.
    round = models.ForeignKey(
        CodingRound, on_delete=models.SET_NULL, null=True, blank=True, related_name="codings"
    )
    guid = models.UUIDField(default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)
    #: Who accepted or refused a suggestion, and when.
    decided_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True, end__isnull=True)
                | Q(start__isnull=False, end__isnull=False, start__lt=models.F("end")),
                name="coding_span_is_ordered",
            )
        ]
        indexes = [
            models.Index(fields=["source", "code"]),
            models.Index(fields=["coder", "created_at"]),
        ]
        ordering = ["source_id", "start", "pk"]
        verbose_name = _("codage")


class Adjudication(models.Model):
    """The agreed answer for one code on one source of a closed round, after disagreement."""

    round = models.ForeignKey(CodingRound, on_delete=models.CASCADE, related_name="adjudications")
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="adjudications")
    code = models.ForeignKey(Code, on_delete=models.PROTECT, related_name="adjudications")
    present = models.BooleanField()
    note = models.TextField(blank=True)
    decided_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "source", "code"], name="unique_adjudication")
        ]


class Memo(models.Model):
    """A note of an analyst on a code, a source or a coding (kept when codes merge or split)."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="coding_memos"
    )
    code = models.ForeignKey(
        Code, on_delete=models.CASCADE, null=True, blank=True, related_name="memos"
    )
    source = models.ForeignKey(
        Source, on_delete=models.CASCADE, null=True, blank=True, related_name="memos"
    )
    coding = models.ForeignKey(
        Coding, on_delete=models.CASCADE, null=True, blank=True, related_name="memos"
    )
    guid = models.UUIDField(default=uuid.uuid4, editable=False)
    text = models.TextField(_("mémo"))
    author = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]


class PiiKind(models.TextChoices):
    PERSON = "person", _("nom de personne")
    EMAIL = "email", _("adresse électronique")
    PHONE = "phone", _("numéro de téléphone")
    ADDRESS = "address", _("adresse postale")
    NIR = "nir", _("numéro de sécurité sociale")
    BIRTH_DATE = "birth_date", _("date de naissance")
    PLACE = "place", _("lieu")


class PiiStatus(models.TextChoices):
    FOUND = "found", _("à vérifier")
    CONFIRMED = "confirmed", _("confirmé")
    DISMISSED = "dismissed", _("écarté")


class PiiFlag(models.Model):
    """Something in a source that may identify a person: offsets only, never a copy."""

    Kind = PiiKind
    Status = PiiStatus

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="pii_flags")
    kind = models.CharField(max_length=12, choices=PiiKind.choices)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=PiiStatus.choices, default="found")
    found_at = models.DateTimeField(default=timezone.now)
    reviewed_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["source_id", "start"]
        verbose_name = _("donnée personnelle repérée")
        permissions = [("review_pii", _("Voir et vérifier les données personnelles des textes"))]


class QuoteConsent(models.TextChoices):
    #: The respondent accepted the campaign's terms, which announce quotes without names.
    SURVEY_TERMS = "survey_terms", _("conditions de l’enquête (citations sans nom)")
    #: The interviewee agreed to be quoted, at the interview.
    INTERVIEW = "interview", _("accord recueilli lors de l’entretien")
    #: A document the practice published itself.
    PUBLIC_DOCUMENT = "public_document", _("document public de la pratique")


class Quote(models.Model):
    """A coded segment kept for reports: pseudonymised, with its consent, reviewed by a person.

    Only reviewed quotes may be used in reports, syntheses and publications
    (:func:`vivier.coding.quotes.usable`).
    """

    Consent = QuoteConsent

    coding = models.ForeignKey(Coding, on_delete=models.CASCADE, related_name="quotes")
    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="quotes")
    #: The segment with names, contacts and places replaced by placeholders ("[Personne 1]").
    text = models.TextField(_("citation pseudonymisée"))
    consent = models.CharField(max_length=20, choices=QuoteConsent.choices)
    consent_note = models.CharField(max_length=300, blank=True)
    reviewed = models.BooleanField(default=False)
    reviewed_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("citation")
