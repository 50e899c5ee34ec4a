"""Storing questionnaire definitions as versions.

``install`` is how a questionnaire enters the database (built-in templates, imports, the
editor later): an unchanged definition reuses its version; a changed one updates a version no
campaign has used yet, or else becomes a new version, leaving the old one intact for the
responses that pinned it.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from vivier.surveys.codecs import vivier_json
from vivier.surveys.schema import Questionnaire
from vivier.text import strip_controls, strip_controls_deep

from .models import QuestionnaireVersion, definition_checksum


def latest(slug: str) -> QuestionnaireVersion | None:
    return QuestionnaireVersion.objects.filter(slug=slug).order_by("-version").first()


@transaction.atomic
def install(questionnaire: Questionnaire) -> QuestionnaireVersion:
    # Every questionnaire enters here, whatever file it came from: labels, hints and choices
    # lose the control characters no document format can carry (``vivier.text.controls``).
    definition = strip_controls_deep(vivier_json.dump(questionnaire))
    title = strip_controls(questionnaire.title)
    checksum = definition_checksum(definition)
    while True:
        current = latest(questionnaire.slug)
        if current is not None and current.checksum == checksum:
            return current
        if current is not None and not current.is_locked:
            current.definition = definition
            current.title = title
            current.save()
            return current
        try:
            with transaction.atomic():
                return QuestionnaireVersion.objects.create(
                    slug=questionnaire.slug,
                    version=(current.version + 1) if current else 1,
                    title=title,
                    definition=definition,
                )
        except IntegrityError:
            # Another install took this version number after it was read (the database
            # keeps one row per number): read the latest again and decide anew.
            if latest(questionnaire.slug) == current:
                raise
