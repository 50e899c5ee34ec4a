"""From a survey answer to the registry: a candidate sheet pre-filled from the response.

The HCTS questionnaire asks for the practice's name (Q15), its description (Q16), the
respondent's département (Q13), its status (Q22) and its origin (Q23): those fill a draft
the working group then completes, merges into an existing sheet, or sets aside with a reason.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from vivier.campaigns.models import Response
from vivier.text import fold

from . import registry, search
from . import sheet as schema
from .models import Candidate, Practice, PracticeSource

#: Words in an answer that point at one of the report's themes.
THEME_WORDS = {
    schema.Theme.FAMILY_CONFERENCES: ("conference familiale", "conferences familiales"),
    schema.Theme.OUTREACH: ("aller vers", "aller-vers", "maraude", "hors les murs"),
    schema.Theme.PEER_SUPPORT: ("pair aidance", "pair-aidance", "pairs aidants", "pair aidant"),
    schema.Theme.NETWORKS_PARTNERSHIP: ("partenari", "pluridisciplin", "pluriprofession"),
    schema.Theme.EMPOWERMENT: ("pouvoir d'agir", "pouvoir d agir", "dpa", "participation"),
}
STATUS = {
    "naissante": schema.Status("naissante"),
    "renaissante": schema.Status("renaissante"),
    "existante_confidentielle": schema.Status("existante_confidentielle"),
}
ORIGIN = {
    "besoin_terrain": schema.Origin("besoin_terrain"),
    "demande_hierarchie": schema.Origin("demande_hierarchie"),
}


class CandidateError(Exception):
    """A move the candidate's state does not allow (message in French, for the page)."""


def _title(answers: dict[str, Any]) -> str:
    named = str(answers.get("q15") or answers.get("q3") or "").strip()
    first_line = named.splitlines()[0] if named else ""
    if len(first_line) > 120:
        first_line = first_line[:117].rsplit(" ", 1)[0] + "…"
    return first_line or "Pratique signalée dans l’enquête"


def sheet_from_answers(answers: dict[str, Any], *, source: str = "") -> schema.Sheet:
    text = fold(" ".join(str(answers.get(k) or "") for k in ("q15", "q16", "q3", "q4")))
    themes = tuple(t for t, words in THEME_WORDS.items() if any(w in text for w in words))
    departement = answers.get("q13")
    return schema.Sheet(
        title=_title(answers),
        description=str(answers.get("q16") or answers.get("q4") or ""),
        themes=themes,
        territory=schema.Territory(
            departements=(departement,) if departement else (),
        ),
        status=STATUS.get(str(answers.get("q22"))),
        origin=ORIGIN.get(str(answers.get("q23"))),
        publics=tuple(p for p in [str(answers.get("q18") or "").strip()] if p),
        sources=(source,) if source else (),
    )


@transaction.atomic
def propose(response: Response, *, user: Any = None) -> Candidate:
    """A draft sheet pre-filled from a response; proposing the same response twice is refused."""
    if Candidate.objects.filter(response=response).exists():
        raise CandidateError("Cette réponse a déjà été proposée comme pratique.")
    source = f"Enquête « {response.campaign.title} », réponse {response.key}"
    practice = registry.save_sheet(
        sheet_from_answers(response.answers, source=source),
        author=user,
        note="créée depuis une réponse à l’enquête",
    )
    PracticeSource.objects.create(practice=practice, response=response)
    return Candidate.objects.create(response=response, practice=practice)


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
