"""The coding of the demo campaign, for the walk-through of issue 21.

- the starter codebook of the HCTS campaign (kinds of practices for Q15–Q16, how the need was
  spotted for Q24, wider effects for Q73);
- a closed round of blind double coding: 200 answers of Q15–Q16, coded by the two demo
  analysts (``analyste`` and ``analyste2``), who agree most of the time and differ on some
  answers, so the agreement report has figures to read and disagreements to adjudicate;
- a suggestion model trained on those codings, with its suggestions on the answers nobody
  coded yet;
- an interview note holding a name, a telephone number and a town, found by the
  personal-data pass;
- a quote drawn from a coded answer, pseudonymised, waiting for its review.

The demo's answers are generated from kinds of practices (:mod:`vivier.demo.free_texts`):
the "true" code of an answer is the one of its kind, and each demo analyst reads it right
with their own probability. Idempotent: each part is built only when missing.
"""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from vivier.campaigns.models import Campaign
from vivier.coding import codebooks, codings, pii, quotes, rounds, sources, suggestions
from vivier.coding.models import Code, Coding, CodingRound, Quote, Source, SuggestionModel
from vivier.demo import free_texts

#: The practice kinds of the demo's generator -> the starter codebook's code for Q15–Q16.
KIND_TO_CODE = {
    "teletravail": "Coordination interne par le numérique",
    "numerique": "Coordination interne par le numérique",
    "visio": "Accompagnement à distance",
    "telephone": "Accompagnement à distance",
    "messagerie": "Accompagnement à distance",
    "aller_vers": "Aller-vers",
    "pluridisciplinaire": "Coopération pluridisciplinaire et partenariale",
    "collectif": "Coopération pluridisciplinaire et partenariale",
    "conferences_familiales": "Pouvoir d'agir et participation",
    "pair_aidance": "Pouvoir d'agir et participation",
    "pouvoir_agir": "Pouvoir d'agir et participation",
    "approches": "Pouvoir d'agir et participation",
    "savoirs_croises": "Pouvoir d'agir et participation",
    "vacances": "Pouvoir d'agir et participation",
    "logement_dabord": "Nouvelles formes d'exercice du travail social",
    "economie_solidaire": "Nouvelles formes d'exercice du travail social",
    "liberal": "Nouvelles formes d'exercice du travail social",
}
ROUND_TITLE = "Double codage des pratiques citées (Q15–Q16)"
ROUND_SIZE = 200
#: How often each demo analyst reads an answer's kind right (the rest: another kind).
ACCURACY = {"analyste": 0.94, "analyste2": 0.86}
SEED = 2020

NOTE_TITLE = "Entretien téléphonique — équipe mobile d’aller-vers"
#: Written for the demo: the name, number and town are invented.
NOTE_TEXT = (
    "Entretien du 14 octobre 2020 avec Nadia Benali, coordinatrice de l’équipe mobile, "
    "joignable au 06 47 21 38 90. L’équipe est partie d’un constat : les familles logées à "
    "l’hôtel autour de Villeurbanne ne venaient plus aux permanences. Deux travailleuses "
    "sociales passent désormais chaque semaine dans les hôtels, avec une infirmière. "
    "Mme Benali insiste sur le temps qu’il a fallu pour gagner la confiance des gérants."
)


def kind_of(text: str) -> str | None:
    """The practice kind a generated answer was written from (its name or one of its details)."""
    for practice in free_texts.PRACTICES:
        if text in practice.names or any(detail in text for detail in practice.details):
            return practice.key
    return None


def build(campaign: Campaign, analysts: tuple[str, str] = ("analyste", "analyste2")) -> None:
    """The demo coding of ``campaign``; does nothing it already holds."""
    users = get_user_model().objects
    first, second = (users.get(username=name) for name in analysts)
    with transaction.atomic():
        sources.sync_answers(campaign)
        codebook = codebooks.codebook_of(campaign)
        if not Code.objects.filter(codebook=codebook, active=True).exists():
            codebooks.load_starter(campaign, "hcts-2020", user=first)
        codes = {code.name: code for code in Code.objects.filter(codebook=codebook, active=True)}
        if not CodingRound.objects.filter(campaign=campaign).exists():
            _double_coding(campaign, codes, [first, second])
        _note(campaign)
    # Outside the transaction: the training writes its progress as it goes.
    if not SuggestionModel.objects.filter(
        campaign=campaign, status=SuggestionModel.Status.READY
    ).exists():
        row = suggestions.start_training(campaign, user=first, enqueue=False)
        row = suggestions.run_training(row.pk)
        if row.status == SuggestionModel.Status.READY:
            suggestions.propose(campaign, row, user=first)
    pii.scan(campaign)
    _quote(campaign, first)


def _double_coding(campaign: Campaign, codes: dict[str, Code], coders: list[Any]) -> None:
    made = rounds.create_round(
        campaign,
        title=ROUND_TITLE,
        questions=["q15", "q16"],
        coders=coders,
        sample_size=ROUND_SIZE,
        overlap=100,
        user=coders[0],
        seed=SEED,
    )
    names = sorted(set(KIND_TO_CODE.values()))
    rng = random.Random(SEED)
    for assignment in made.assignments.select_related("source", "coder").order_by("pk"):
        kind = kind_of(assignment.source.text)
        right = KIND_TO_CODE.get(kind or "")
        if right is not None:
            accuracy = ACCURACY.get(assignment.coder.username, 0.9)
            name = right if rng.random() < accuracy else rng.choice(names)
            codings.apply(assignment.source, codes[name], user=assignment.coder, round=made)
        rounds.mark_done(assignment)
    rounds.close(made, user=coders[0])


def _note(campaign: Campaign) -> None:
    if Source.objects.filter(campaign=campaign, kind=Source.Kind.NOTE, name=NOTE_TITLE).exists():
        return
    interviewer = get_user_model().objects.filter(username="enqueteur").first()
    sources.add_note(
        campaign,
        title=NOTE_TITLE,
        text=NOTE_TEXT,
        user=interviewer,
        held_on=date(2020, 10, 14),
    )


def _quote(campaign: Campaign, analyst: Any) -> None:
    """One coded answer kept as a quote, pseudonymised, for an analyst to review."""
    if Quote.objects.filter(source__campaign=campaign).exists():
        return
    coding = (
        Coding.objects.filter(
            source__campaign=campaign,
            source__question="q16",
            origin=Coding.Origin.HUMAN,
            removed_at__isnull=True,
            coder=analyst,
        )
        .order_by("pk")
        .first()
    )
    if coding is not None:
        quotes.create(coding, user=analyst, consent="survey_terms")
