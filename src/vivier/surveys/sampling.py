"""Random but valid answers to a questionnaire, walking its branches as a respondent would.

Used for demo data, benchmarks and property tests: whatever the questionnaire, the answers
produced here pass ``validate_answers``.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from vivier.surveys import flow
from vivier.surveys.schema import OTHER_VALUE, Question, Questionnaire, QuestionType
from vivier.territories import DEPARTEMENT_CODES

_DEPARTEMENTS = sorted(DEPARTEMENT_CODES)
_WORDS = (
    "accompagnement",
    "collectif",
    "des",
    "familles",
    "avec",
    "les",
    "partenaires",
    "du",
    "territoire",
    "et",
    "personnes",
    "concernées",
    "autour",
    "de",
    "l'accès",
    "aux",
    "droits",
    "logement",
)


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words)).capitalize() + "."


def random_value(question: Question, rng: random.Random) -> Any:
    t = question.type
    values = [c.value for c in question.choices]
    if t in (QuestionType.SINGLE_CHOICE, QuestionType.YES_NO):
        return rng.choice(values)
    if t is QuestionType.MULTIPLE_CHOICE:
        picked = set(rng.sample(values, rng.randint(1, max(1, min(3, len(values))))))
        return [v for v in values if v in picked]
    if t is QuestionType.RANKING:
        return rng.sample(values, rng.randint(1, len(values)))
    if t is QuestionType.RATING and question.scale is not None:
        points = list(question.scale.values)
        if question.scale.rows:
            return {r.value: rng.choice(points) for r in question.scale.rows}
        return rng.choice(points)
    if t is QuestionType.INTEGER:
        return rng.randint(0, 50)
    if t is QuestionType.DECIMAL:
        return round(rng.uniform(0, 100), 1)
    if t is QuestionType.DATE:
        return (date(2020, 1, 1) + timedelta(days=rng.randint(0, 365))).isoformat()
    if t is QuestionType.DEPARTEMENT:
        return rng.choice(_DEPARTEMENTS)
    if t is QuestionType.EMAIL:
        return f"contact{rng.randint(1, 9999)}@example.org"
    if t is QuestionType.PHONE:
        return "06 " + " ".join(f"{rng.randint(0, 99):02d}" for _ in range(4))
    if t is QuestionType.LONG_TEXT:
        return _text(rng, rng.randint(8, 30))
    return _text(rng, rng.randint(2, 6))


def random_answers(
    q: Questionnaire, rng: random.Random, *, skip_optional: float = 0.1
) -> dict[str, Any]:
    """Answers every relevant question (optional ones skipped with some probability)."""
    answers: dict[str, Any] = {}
    for question in q.questions():
        if not question.answerable:
            continue
        if question.name not in flow.relevant_names(q, answers):
            continue
        if question.constraint:
            continue  # a random value would rarely satisfy an arbitrary constraint
        if not question.required and rng.random() < skip_optional:
            continue
        if question.personal_data and rng.random() < 0.8:
            continue
        value = random_value(question, rng)
        answers[question.name] = value
        chosen = value if isinstance(value, list) else [value]
        if question.other and rng.random() < 0.15 and question.type is not QuestionType.RANKING:
            answers[question.name] = [*chosen, OTHER_VALUE] if question.is_list else OTHER_VALUE
            answers[question.other_name] = _text(rng, 3)
    return answers
