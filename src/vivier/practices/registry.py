"""Writing to the registry: saving a sheet (a new version each time) and its workflow.

draft -> submitted (by its holder) -> validated (by the working group) -> published;
a published sheet can be unpublished, and any sheet can go back to draft for changes.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from vivier.sheets import schema
from vivier.territories import departement_name, region_name, region_of
from vivier.text import strip_controls_deep

from . import search
from .labels import french
from .models import Practice, PracticePlace, PracticeTheme, PracticeVersion

DRAFT, SUBMITTED, VALIDATED = "draft", "submitted", "validated"
PUBLISHED, UNPUBLISHED = "published", "unpublished"

#: Allowed moves: from -> to.
TRANSITIONS: dict[str, set[str]] = {
    DRAFT: {SUBMITTED, VALIDATED},
    SUBMITTED: {VALIDATED, DRAFT},
    VALIDATED: {PUBLISHED, DRAFT},
    PUBLISHED: {UNPUBLISHED},
    UNPUBLISHED: {PUBLISHED, DRAFT},
}


class WorkflowError(Exception):
    def __init__(self, practice: Practice, target: str):
        super().__init__(f"{practice.slug}: cannot go from {practice.state} to {target}")
        self.practice = practice
        self.target = target


class CodeTakenError(Exception):
    """Another sheet already has this sheet's code ("1A"): a code names one sheet."""

    def __init__(self, code: str):
        super().__init__(f"the sheet code {code} is already another sheet's")
        self.code = code


def _unique_slug(title: str, code: str | None, exclude: int | None = None) -> str:
    base = slugify(f"{code}-{title}" if code else title)[:100] or "pratique"
    slug, n = base, 2
    while Practice.objects.filter(slug=slug).exclude(pk=exclude).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def body_text(sheet: schema.Sheet) -> str:
    """What search reads: the words people type to find a practice."""
    places = []
    for code in sheet.territory.departements:
        places += [departement_name(code), region_name(region_of(code))]
    parts: list[Any] = [
        sheet.title,
        sheet.summary,
        sheet.territory.label,
        *places,
        *(french(t) for t in sheet.themes),  # search is French
        *sheet.tags,
        *sheet.publics,
        *(a.name for a in sheet.actors),
        *(p.name for p in sheet.practices),
        sheet.definition,
        sheet.description,
        sheet.objectives,
    ]
    return "\n".join(str(p) for p in parts if p)


@transaction.atomic
def save_sheet(
    sheet: schema.Sheet,
    *,
    practice: Practice | None = None,
    author: Any = None,
    note: str = "",
) -> Practice:
    """Stores ``sheet`` as the practice's current content and as a new version.

    Every save passes here (browser, holder, import, candidate): texts lose the control
    characters no document format can carry (``vivier.text.controls``).
    """
    data = schema.to_dict(sheet)
    cleaned = strip_controls_deep(data)
    if cleaned != data:
        data, sheet = cleaned, schema.from_dict(cleaned)
    new = practice is None
    if practice is None:
        practice = Practice(slug=_unique_slug(sheet.title, sheet.code))
    practice.code = sheet.code or ""
    practice.title = sheet.title
    practice.data = data
    practice.stage = sheet.stage.value if sheet.stage else ""
    practice.status = sheet.status.value if sheet.status else ""
    practice.start_year = sheet.start_year
    practice.body = body_text(sheet)
    practice.search_stems = search.stems_of(practice.body)
    practice.updated_at = timezone.now()
    _save_row(practice, sheet, new=new)
    _derive(practice, sheet)
    number = practice.versions.count() + 1
    PracticeVersion.objects.create(
        practice=practice,
        number=number,
        data=data,
        state=practice.state,
        note=note[:300],
        author=author if getattr(author, "is_authenticated", False) else None,
    )
    search.index_text(practice, sheet)
    return practice


def _save_row(practice: Practice, sheet: schema.Sheet, *, new: bool) -> None:
    """Saves the sheet's row; the database settles what the checks before it cannot.

    The slug was chosen free and the code may have been seen free, but another request
    can take either before this one writes. Both are unique in the database: a taken code
    raises ``CodeTakenError``; a new sheet whose slug was just taken gets the next free one.
    """
    for _attempt in range(10):
        try:
            with transaction.atomic():
                practice.save()
            return
        except IntegrityError:
            others = Practice.objects.exclude(pk=practice.pk) if practice.pk else Practice.objects
            if practice.code and others.filter(code=practice.code).exists():
                raise CodeTakenError(practice.code) from None
            if not new or not Practice.objects.filter(slug=practice.slug).exists():
                raise
            practice.slug = _unique_slug(sheet.title, sheet.code)
    practice.save()  # still racing after ten slugs: let the database's error through


def _derive(practice: Practice, sheet: schema.Sheet) -> None:
    practice.theme_rows.all().delete()
    PracticeTheme.objects.bulk_create(
        PracticeTheme(practice=practice, theme=t.value) for t in dict.fromkeys(sheet.themes)
    )
    practice.places.all().delete()
    PracticePlace.objects.bulk_create(
        PracticePlace(practice=practice, departement=code, region=region_of(code))
        for code in dict.fromkeys(sheet.territory.departements)
    )


@transaction.atomic
def move(practice: Practice, target: str, *, author: Any = None, note: str = "") -> Practice:
    """Moves a sheet along its workflow; every move is kept as a version."""
    if target not in TRANSITIONS.get(practice.state, set()):
        raise WorkflowError(practice, target)
    practice.state = target
    if target == PUBLISHED:
        practice.published_at = practice.published_at or timezone.now()
    practice.updated_at = timezone.now()
    practice.save(update_fields=["state", "published_at", "updated_at"])
    PracticeVersion.objects.create(
        practice=practice,
        number=practice.versions.count() + 1,
        data=practice.data,
        state=target,
        note=note[:300],
        author=author if getattr(author, "is_authenticated", False) else None,
    )
    # The catalogue reads the sheet's index row: whether it is published, its date.
    search.index_text(practice)
    return practice
