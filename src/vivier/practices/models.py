"""The practice registry: sheets, their versions, their workflow and what search needs.

A sheet's content is the pure ``vivier.sheets.schema.Sheet`` stored as JSON (``data``);
the columns and small tables beside it (themes, places, stage...) are derived from it at
each save so the catalogue can filter and count on any database.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vivier.practices.labels import label_of
from vivier.sheets import schema


# Choices live at module level (read as ``Practice.State``, ``Candidate.State``) so that the
# models' ``Meta.constraints`` can name them: a nested class body does not see the names of
# the class around it.
class PracticeState(models.TextChoices):
    DRAFT = "draft", _("brouillon")
    SUBMITTED = "submitted", _("soumise par le porteur")
    VALIDATED = "validated", _("validée par le groupe de travail")
    PUBLISHED = "published", _("publiée")
    UNPUBLISHED = "unpublished", _("dépubliée")


class CandidateState(models.TextChoices):
    CREATED = "created", _("fiche brouillon créée")
    MERGED = "merged", _("fusionnée avec une fiche existante")
    REJECTED = "rejected", _("écartée")


class Practice(models.Model):
    State = PracticeState

    #: Stable public address: kept when the title changes.
    slug = models.SlugField(max_length=120, unique=True)
    code = models.CharField(max_length=4, blank=True)
    title = models.CharField(max_length=300)
    state = models.CharField(max_length=12, choices=State.choices, default=State.DRAFT)
    data = models.JSONField(default=dict)
    stage = models.CharField(max_length=30, blank=True)
    status = models.CharField(max_length=30, blank=True)
    start_year = models.PositiveIntegerField(null=True, blank=True)
    #: Folded, stemmed words of the sheet (SQLite's index reads it; PostgreSQL reads ``body``).
    search_stems = models.TextField(blank=True)
    #: The sheet's searchable text as written (titles, places, summary, description...).
    body = models.TextField(blank=True)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="held_practices",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            # A report's number ("1A") names one sheet; new sheets have none.
            models.UniqueConstraint(
                fields=["code"], condition=~models.Q(code=""), name="practice_code_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(state__in=PracticeState.values), name="practice_state_valid"
            ),
            # ``registry.move`` dates the first publication; unpublishing keeps the date.
            models.CheckConstraint(
                condition=~models.Q(state=PracticeState.PUBLISHED)
                | models.Q(published_at__isnull=False),
                name="practice_published_has_date",
            ),
        ]
        ordering = ["code", "title"]
        verbose_name = _("pratique")
        # Changing a sheet's state (validate, publish, unpublish) is more than editing it.
        permissions = [("publish_practice", _("Peut valider, publier et dépublier des fiches"))]

    def __str__(self) -> str:
        return self.title

    def sheet(self) -> schema.Sheet:
        return schema.from_dict(self.data)

    @property
    def stage_label(self) -> str:
        """The current stage in words of the active language (the column keeps its code)."""
        return label_of(schema.Stage, self.stage) if self.stage else ""

    @property
    def is_public(self) -> bool:
        return self.state == self.State.PUBLISHED


class PracticeTheme(models.Model):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="theme_rows")
    theme = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["practice", "theme"], name="unique_practice_theme")
        ]


class PracticePlace(models.Model):
    """One département of a practice, with its région, for facets and the map."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="places")
    departement = models.CharField(max_length=3)
    region = models.CharField(max_length=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "departement"], name="unique_practice_place"
            )
        ]


class PracticeIndex(models.Model):
    """What search and the public catalogue read about one sheet, in one narrow row.

    Written with the sheet (``search.index_text``, at each save and workflow move) so a
    search over tens of thousands of sheets never reads the wide ``Practice`` row: whether
    it is published, the sort keys, and each facet's values. Multi-valued facets hold their
    values between separators (``search.SEP``: "\\x1fa\\x1fb\\x1f"), so a filter is one
    substring test and a count one GROUP BY. On PostgreSQL the row also holds the sheet's
    text-search vector (column ``vector``, added by migration 0005), from which the word
    table search reads (``search.word_weights``, migration 0008) is written and cleared.
    """

    practice = models.OneToOneField(
        Practice, on_delete=models.CASCADE, primary_key=True, related_name="index_row"
    )
    published = models.BooleanField(default=False)
    title = models.CharField(max_length=300)
    start_year = models.PositiveIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    stage = models.CharField(max_length=30, blank=True)
    status = models.CharField(max_length=30, blank=True)
    themes = models.TextField(blank=True)
    regions = models.TextField(blank=True)
    departements = models.TextField(blank=True)
    publics = models.TextField(blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["published", "title", "practice"], name="practices_index_by_title"
            ),
            models.Index(fields=["published", "updated_at"], name="practices_index_by_date"),
        ]


class CatalogueGeneration(models.Model):
    """One row whose token changes with the published set (``search.bump_generation``).

    Every process keeps the published sheets' facets in memory (``search.facet_table``):
    reading this single row tells it, in a fraction of a millisecond, whether they still
    hold, where counting the published sheets would read them all. A random token rather
    than a counter: a rolled-back change cannot hand a later change the same value.
    """

    token = models.BigIntegerField(default=0)


class PracticeVersion(models.Model):
    """Every saved state of a sheet, so changes can be read as a diff and undone."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    data = models.JSONField()
    state = models.CharField(max_length=12, choices=Practice.State.choices)
    note = models.CharField(max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["practice", "number"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "number"], name="unique_practice_version"),
            models.CheckConstraint(
                condition=models.Q(state__in=PracticeState.values),
                name="practice_version_state_valid",
            ),
        ]


class PracticeSource(models.Model):
    """A survey response a sheet was drawn from: the registry never loses where it came from."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="sources")
    response = models.ForeignKey(
        "campaigns.Response", on_delete=models.PROTECT, related_name="practice_sources"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["practice", "response"], name="unique_practice_source")
        ]


class Candidate(models.Model):
    """An answer that names a practice, on its way to the registry (or not)."""

    State = CandidateState

    response = models.ForeignKey(
        "campaigns.Response", on_delete=models.PROTECT, related_name="candidates"
    )
    #: The draft created from the answer, or the sheet it was merged into.
    practice = models.ForeignKey(
        Practice, on_delete=models.SET_NULL, null=True, blank=True, related_name="candidates"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.CREATED)
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            # A response is proposed once: a second proposal, even from a request racing the
            # first, is refused by the database (``candidates.propose``).
            models.UniqueConstraint(fields=["response"], name="candidate_response_unique"),
            models.CheckConstraint(
                condition=models.Q(state__in=CandidateState.values),
                name="candidate_state_valid",
            ),
            # Setting a proposal aside says why (``candidates.reject``).
            models.CheckConstraint(
                condition=~models.Q(state=CandidateState.REJECTED) | ~models.Q(reason=""),
                name="candidate_rejection_has_reason",
            ),
        ]
        ordering = ["-created_at"]
