"""From a survey answer to the registry: a candidate sheet pre-filled from the response.

The questionnaire says which answers fill which sheet field (each question's
``sheet_field``: title, description, département, status, origin, publics; the HCTS one maps
Q3/Q15, Q4/Q16, Q13, Q22, Q23 and Q18). Those fill a draft the working group then completes,
merges into an existing sheet, or sets aside with a reason. A questionnaire that declares no
sheet field still gives a draft, with a default title and the link to its response, for the
working group to fill in.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from vivier.campaigns.models import Response
from vivier.sheets import schema
from vivier.surveys.flow import is_empty
from vivier.surveys.schema import Question, Questionnaire, SheetField
from vivier.territories import is_departement_code
from vivier.text import fold

from . import registry, search
from .models import Candidate, Practice, PracticeSource

#: Words in an answer that point at one of the report's themes.
THEME_WORDS = {
    schema.Theme.FAMILY_CONFERENCES: ("conference familiale", "conferences familiales"),
    schema.Theme.OUTREACH: ("aller vers", "aller-vers", "maraude", "hors les murs"),
    schema.Theme.PEER_SUPPORT: ("pair aidance", "pair-aidance", "pairs aidants", "pair aidant"),
    schema.Theme.NETWORKS_PARTNERSHIP: ("partenari", "pluridisciplin", "pluriprofession"),
    schema.Theme.EMPOWERMENT: ("pouvoir d'agir", "pouvoir d agir", "dpa", "participation"),
}
DEFAULT_TITLE = "Pratique signalée dans l’enquête"


class CandidateError(Exception):
    """A move the candidate's state does not allow (message in French, for the page)."""


def _title(named: str) -> str:
    first_line = named.strip().splitlines()[0] if named.strip() else ""
    if len(first_line) > 120:
        first_line = first_line[:117].rsplit(" ", 1)[0] + "…"
    return first_line or DEFAULT_TITLE


def _answer_text(question: Question, value: Any) -> str:
    """An answer as words: the labels of chosen options, the text of a free answer."""
    if isinstance(value, list):
        return ", ".join(question.choice_label(str(item)) for item in value)
    if value is None or isinstance(value, dict):
        return ""
    return question.choice_label(str(value)).strip()


def _filled(
    questionnaire: Questionnaire, answers: Mapping[str, Any]
) -> dict[SheetField, list[tuple[Question, Any]]]:
    """The answered questions that fill each sheet field, in questionnaire order."""
    found: dict[SheetField, list[tuple[Question, Any]]] = {}
    for question in questionnaire.questions():
        value = answers.get(question.name)
        if question.sheet_field is not None and not is_empty(value):
            found.setdefault(question.sheet_field, []).append((question, value))
    return found


def sheet_from_answers(
    questionnaire: Questionnaire, answers: Mapping[str, Any], *, source: str = ""
) -> schema.Sheet:
    """A draft sheet from a response, through the questionnaire's ``sheet_field`` mapping.

    Of several questions filling one field (one per branch of the path), the first answered
    wins; an answer that does not fit its field (a status the sheet does not know, a
    département code that is none) is left out rather than refused.
    """
    filled = _filled(questionnaire, answers)

    def texts(name: SheetField) -> list[str]:
        return [t for q, value in filled.get(name, []) if (t := _answer_text(q, value))]

    def values(name: SheetField) -> list[str]:
        return [str(value) for _, value in filled.get(name, []) if isinstance(value, str)]

    titles, descriptions = texts(SheetField.TITLE), texts(SheetField.DESCRIPTION)
    folded = fold(" ".join(titles + descriptions))
    themes = tuple(t for t, words in THEME_WORDS.items() if any(w in folded for w in words))
    departements = [code for code in values(SheetField.DEPARTEMENT) if is_departement_code(code)]
    statuses = [schema.Status(v) for v in values(SheetField.STATUS) if v in schema.Status]
    origins = [schema.Origin(v) for v in values(SheetField.ORIGIN) if v in schema.Origin]
    return schema.Sheet(
        title=_title(titles[0] if titles else ""),
        description=descriptions[0] if descriptions else "",
        themes=themes,
        territory=schema.Territory(departements=tuple(departements[:1])),
        status=statuses[0] if statuses else None,
        origin=origins[0] if origins else None,
        publics=tuple(texts(SheetField.PUBLICS)),
        sources=(source,) if source else (),
    )


ALREADY_PROPOSED = "Cette réponse a déjà été proposée comme pratique."


@transaction.atomic
def propose(response: Response, *, user: Any = None) -> Candidate:
    """A draft sheet pre-filled from a response; proposing the same response twice is refused."""
    if Candidate.objects.filter(response=response).exists():
        raise CandidateError(ALREADY_PROPOSED)
    source = f"Enquête « {response.campaign.title} », réponse {response.key}"
    practice = registry.save_sheet(
        sheet_from_answers(response.version.questionnaire(), response.answers, source=source),
        author=user,
        note="créée depuis une réponse à l’enquête",
    )
    PracticeSource.objects.create(practice=practice, response=response)
    try:
        with transaction.atomic():
            return Candidate.objects.create(response=response, practice=practice)
    except IntegrityError:
        # Another request proposed this response after the check above: the database keeps
        # one candidate per response, and raising takes this request's draft back.
        raise CandidateError(ALREADY_PROPOSED) from None


@transaction.atomic
def merge(candidate: Candidate, into: Practice, *, user: Any = None) -> Candidate:
    """Adds the candidate's sources to an existing sheet and drops its own draft."""
    if candidate.state != Candidate.State.CREATED:
        raise CandidateError("Seule une proposition en attente peut être fusionnée.")
    draft = candidate.practice
    if draft is not None and draft.pk == into.pk:
        raise CandidateError("Choisissez une autre fiche que le brouillon lui-même.")
    PracticeSource.objects.get_or_create(practice=into, response=candidate.response)
    candidate.practice = into
    candidate.state = Candidate.State.MERGED
    _decide(candidate, user)
    if draft is not None and draft.state == Practice.State.DRAFT:
        search.unindex(draft.pk)
        draft.delete()
    return candidate


@transaction.atomic
def reject(candidate: Candidate, reason: str, *, user: Any = None) -> Candidate:
    if candidate.state != Candidate.State.CREATED:
        raise CandidateError("Seule une proposition en attente peut être écartée.")
    if not reason.strip():
        raise CandidateError("Indiquez pourquoi cette proposition est écartée.")
    draft = candidate.practice
    candidate.reason = reason.strip()
    candidate.state = Candidate.State.REJECTED
    candidate.practice = None
    _decide(candidate, user)
    if draft is not None and draft.state == Practice.State.DRAFT:
        search.unindex(draft.pk)
        draft.delete()
    return candidate


def _decide(candidate: Candidate, user: Any) -> None:
    candidate.decided_by = user if getattr(user, "is_authenticated", False) else None
    candidate.decided_at = timezone.now()
    candidate.save()
