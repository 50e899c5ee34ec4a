"""The words for the types of questions (``QuestionType``), for pages and documents.

The questionnaire stores a type's code ("single_choice"): XLSForm exports, the JSON format
and the analysis read it. People read its word, in their language.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from vivier.surveys.schema import QuestionType

LABELS: dict[QuestionType, Promise] = {
    QuestionType.SINGLE_CHOICE: pgettext_lazy("question type", "Choix unique"),
    QuestionType.MULTIPLE_CHOICE: pgettext_lazy("question type", "Choix multiple"),
    QuestionType.SHORT_TEXT: pgettext_lazy("question type", "Texte court"),
    QuestionType.LONG_TEXT: pgettext_lazy("question type", "Texte long"),
    QuestionType.INTEGER: pgettext_lazy("question type", "Nombre entier"),
    QuestionType.DECIMAL: pgettext_lazy("question type", "Nombre décimal"),
    QuestionType.DATE: pgettext_lazy("question type", "Date"),
    QuestionType.YES_NO: pgettext_lazy("question type", "Oui ou non"),
    QuestionType.RATING: pgettext_lazy("question type", "Échelle de notes"),
    QuestionType.RANKING: pgettext_lazy("question type", "Classement"),
    QuestionType.DEPARTEMENT: pgettext_lazy("question type", "Département"),
    QuestionType.EMAIL: pgettext_lazy("question type", "Adresse électronique"),
    QuestionType.PHONE: pgettext_lazy("question type", "Téléphone"),
    QuestionType.DISPLAY: pgettext_lazy("question type", "Texte d’information"),
}


def label(code: str) -> str:
    """The word for a type in the active language; an unknown code is shown as written."""
    try:
        return str(LABELS[QuestionType(code)])
    except (KeyError, ValueError):
        return str(code)
