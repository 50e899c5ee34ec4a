"""Storing questionnaire definitions as versions.

``install`` is how a questionnaire enters the database (built-in templates, imports, the
editor later): an unchanged definition reuses its version; a changed one updates a version no
campaign has used yet, or else becomes a new version, leaving the old one intact for the
responses that pinned it.
"""

from __future__ import annotations

from django.db import transaction

from vivier.surveys.codecs import vivier_json
from vivier.surveys.schema import Questionnaire

from .models import QuestionnaireVersion, definition_checksum


def latest(slug: str) -> QuestionnaireVersion | None:
    return QuestionnaireVersion.objects.filter(slug=slug).order_by("-version").first()


@transaction.atomic
def install(questionnaire: Questionnaire) -> QuestionnaireVersion:
    definition = vivier_json.dump(questionnaire)
    checksum = definition_checksum(definition)
    current = latest(questionnaire.slug)
    if current is not None and current.checksum == checksum:
        return current
    if current is not None and not current.is_locked:
        current.definition = definition
        current.title = questionnaire.title
        current.save()
        return current
    return QuestionnaireVersion.objects.create(
        slug=questionnaire.slug,
        version=(current.version + 1) if current else 1,
        title=questionnaire.title,
        definition=definition,
    )
