"""Rounds of blind double coding: the sample and who codes what, closing, the agreement
report, the disagreements and their adjudication.

A round draws texts of the chosen questions (:mod:`vivier.qualitative.sampling`); the overlap
goes to every coder. While the round is open it is blind: the coding screen shows each coder
only their own codings (:mod:`vivier.coding.codings`), and nothing here shows anyone's
codings either: the report and the disagreements are given only for a closed round.

What a coder answered on a text: a text counts as coded by an assigned coder once they put
a code on it in the round, or marked it done (none of the codes may be the right answer);
otherwise their answers on it are missing, not "absent", so an unfinished round does not
read as a disagreement. Codes meant for other questions are left out of a text's answers.

A suggestion model is one more coder (``model:vivier-lemmes@N``): its suggestions on the
round's texts, whatever became of them, are set beside each person in the pairs of the
report, but not in α and AC1, which measure the people (QualCoder's "the AI is a coder like
any other", kept apart from the humans' reliability).
"""

from __future__ import annotations

import csv
import io
import json
import secrets
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from vivier import audit
from vivier.problems import Diagnostic, ProblemCode, ProblemError, problem
from vivier.qualitative import agreement, sampling
from vivier.text.spreadsheet import defuse_formula

from .models import (
    Adjudication,
    Code,
    Coding,
    CodingRound,
    RoundAssignment,
    Source,
    SuggestionModel,
)

#: The permission that makes a person a possible coder of a round.
CODER_PERMISSION = ("coding", "add_coding")


class RoundRefused(ProblemError):
    """A round that cannot be made: every problem found, each with the field it concerns."""

    def __init__(self, problems: list[tuple[str, Diagnostic]]) -> None:
        super().__init__(problems[0][1])
        self.problems = problems


def _refuse(kind: ProblemCode, **params: Any) -> ProblemError:
    return ProblemError(problem(kind, **params))


# -- Who may code, what may be sampled ---------------------------------------------------------


def possible_coders() -> QuerySet[Any]:
    """Active accounts holding ``coding.add_coding`` by a role, a right of their own, or as
    superusers, by username."""
    app_label, codename = CODER_PERMISSION
    permission = Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).first()
    holds = Q(is_superuser=True)
    if permission is not None:
        holds |= Q(groups__permissions=permission) | Q(user_permissions=permission)
    return (
        get_user_model()
        .objects.filter(holds, is_active=True)
        .distinct()
        .order_by(get_user_model().USERNAME_FIELD)
    )


def questions_of(campaign: Any) -> list[tuple[str, int]]:
    """The answer keys of ``campaign``'s free-text answers, with how many texts each has."""
    rows = (
        Source.objects.filter(campaign=campaign, kind=Source.Kind.ANSWER)
        .exclude(question="")
        .values("question")
        .annotate(n=Count("pk"))
        .order_by("question")
    )
    return [(row["question"], row["n"]) for row in rows]


def sources_for(campaign: Any, questions: Sequence[str]) -> QuerySet[Source]:
    """What a round on ``questions`` samples from: their answers; none named, every text of
    the campaign (answers, notes, documents)."""
    found = Source.objects.filter(campaign=campaign)
    if questions:
        found = found.filter(kind=Source.Kind.ANSWER, question__in=list(questions))
    return found.order_by("pk")


def check(
    campaign: Any,
    *,
    questions: Sequence[str],
    coders: Sequence[Any],
    sample_size: int,
    overlap: int,
) -> list[tuple[str, Diagnostic]]:
    """What is wrong with a round, field by field (empty: it can be made)."""
    found: list[tuple[str, Diagnostic]] = []
    distinct = {coder.pk: coder for coder in coders}
    if len(distinct) < 2:
        found.append(("coders", problem(ProblemCode.ROUND_TOO_FEW_CODERS, count=len(distinct))))
    allowed = set(possible_coders().filter(pk__in=list(distinct)).values_list("pk", flat=True))
    for pk, coder in distinct.items():
        if pk not in allowed:
            found.append(
                (
                    "coders",
                    problem(ProblemCode.ROUND_CODER_NOT_ALLOWED, name=coder.get_username()),
                )
            )
    if not 1 <= overlap <= 100:
        found.append(("overlap", problem(ProblemCode.ROUND_OVERLAP_INVALID, overlap=overlap)))
    if sample_size < 1:
        found.append(
            ("sample_size", problem(ProblemCode.ROUND_SAMPLE_SIZE_INVALID, size=sample_size))
        )
    else:
        available = sources_for(campaign, questions).count()
        if sample_size > available:
            found.append(
                (
                    "sample_size",
                    problem(
                        ProblemCode.ROUND_SAMPLE_TOO_LARGE, size=sample_size, available=available
                    ),
                )
            )
    return found


# -- The life of a round -----------------------------------------------------------------------


@transaction.atomic
def create_round(
    campaign: Any,
    *,
    title: str,
    questions: Sequence[str],
    coders: Sequence[Any],
    sample_size: int,
    overlap: int,
    user: Any,
    seed: int | None = None,
) -> CodingRound:
    """Draws the sample and gives it out; raises :class:`RoundRefused` naming each problem.

    ``seed``: the draw's seed, kept with the round (a random one by default), so that the
    same sample can be drawn again to check it.
    """
    problems = check(
        campaign, questions=questions, coders=coders, sample_size=sample_size, overlap=overlap
    )
    if problems:
        raise RoundRefused(problems)
    seed = secrets.randbits(31) if seed is None else seed
    ordered = sorted({coder.pk: coder for coder in coders}.values(), key=lambda c: c.pk)
    units = list(sources_for(campaign, questions).values_list("pk", flat=True))
    drawn = sampling.assign(
        units,
        [coder.pk for coder in ordered],
        sample_size=sample_size,
        overlap=overlap,
        seed=seed,
    )
    # Numbers go up per campaign; the campaign row is the lock two managers meet on.
    type(campaign).objects.select_for_update().filter(pk=campaign.pk).first()
    last = CodingRound.objects.filter(campaign=campaign).order_by("-number").first()
    made = CodingRound.objects.create(
        campaign=campaign,
        number=(last.number + 1) if last else 1,
        title=title,
        questions=list(questions),
        sample_size=sample_size,
        overlap=overlap,
        seed=seed,
        created_by=user if getattr(user, "pk", None) else None,
    )
    RoundAssignment.objects.bulk_create(
        RoundAssignment(round=made, source_id=unit, coder_id=coder) for unit, coder in drawn.pairs()
    )
    audit.record(
        None,
        "coding.round-create",
        made,
        campaign=campaign.slug,
        sample=sample_size,
        overlap=overlap,
        coders=len(ordered),
    )
    return made


def round_of(campaign: Any, number: int) -> CodingRound:
    """Round ``number`` of ``campaign``; :class:`ProblemError` ``ROUND_UNKNOWN`` otherwise."""
    found = CodingRound.objects.filter(campaign=campaign, number=number).first()
    if found is None:
        raise _refuse(ProblemCode.ROUND_UNKNOWN, number=number)
    return found


def mark_done(assignment: RoundAssignment) -> RoundAssignment:
    """The coder is done with this text (any codes they put on it are their answer, none
    at all too). Marking it again keeps the first date."""
    if assignment.round.status != CodingRound.Status.OPEN:
        raise _refuse(ProblemCode.ROUND_ALREADY_CLOSED, number=assignment.round.number)
    if assignment.done_at is None:
        assignment.done_at = timezone.now()
        assignment.save(update_fields=["done_at"])
    return assignment


@transaction.atomic
def close(round: CodingRound, *, user: Any) -> CodingRound:
    """Ends the round: its codings become visible to all, its report and adjudication open."""
    locked = CodingRound.objects.select_for_update().get(pk=round.pk)
    if locked.status == CodingRound.Status.CLOSED:
        raise _refuse(ProblemCode.ROUND_ALREADY_CLOSED, number=locked.number)
    locked.status = CodingRound.Status.CLOSED
    locked.closed_at = timezone.now()
    locked.save(update_fields=["status", "closed_at"])
    audit.record(None, "coding.round-close", locked, campaign=locked.campaign.slug)
    round.status, round.closed_at = locked.status, locked.closed_at
    return locked


def require_closed(round: CodingRound) -> None:
    """The blind rule: nothing of anyone's codings comes out of an open round."""
    if round.status != CodingRound.Status.CLOSED:
        raise _refuse(ProblemCode.ROUND_NOT_CLOSED, number=round.number)


@dataclass(frozen=True, slots=True)
class Progress:
    coder: Any
    assigned: int
    completed: int

    @property
    def percent(self) -> int:
        return round(100 * self.completed / self.assigned) if self.assigned else 0


def progress(round: CodingRound) -> list[Progress]:
    """For each coder: texts given, texts coded or marked done (counts only: no codes)."""
    done = _completed(round)
    assigned: dict[int, int] = defaultdict(int)
    people = {}
    for row in RoundAssignment.objects.filter(round=round).select_related("coder"):
        assigned[row.coder_id] += 1
        people[row.coder_id] = row.coder
    finished: dict[int, int] = defaultdict(int)
    for coders in done.values():
        for coder in coders:
            finished[coder] += 1
    ordered = sorted(people.values(), key=lambda person: person.get_username())
    return [Progress(person, assigned[person.pk], finished[person.pk]) for person in ordered]


def assignments_of(round: CodingRound, user: Any) -> list[tuple[RoundAssignment, bool]]:
    """The texts ``user`` was given in ``round``, each with whether they coded it yet."""
    coded = set(
        Coding.objects.filter(
            round=round,
            origin=Coding.Origin.HUMAN,
            removed_at__isnull=True,
            coder_id=user.pk,
        ).values_list("source_id", flat=True)
    )
    rows = (
        RoundAssignment.objects.filter(round=round, coder_id=user.pk)
        .select_related("source")
        .order_by("source_id")
    )
    return [(row, row.done_at is not None or row.source_id in coded) for row in rows]


# -- What each coder answered ------------------------------------------------------------------


def _completed(round: CodingRound) -> dict[int, dict[int, set[int]]]:
    """source -> coder -> the codes they put on it, for each assigned coder who coded the
    source in the round or marked it done."""
    assigned: dict[int, set[int]] = defaultdict(set)
    completed: dict[int, dict[int, set[int]]] = defaultdict(dict)
    for source, coder, done in RoundAssignment.objects.filter(round=round).values_list(
        "source_id", "coder_id", "done_at"
    ):
        assigned[source].add(coder)
        if done is not None:
            completed[source][coder] = set()
    codings = Coding.objects.filter(
        round=round, origin=Coding.Origin.HUMAN, removed_at__isnull=True
    ).values_list("source_id", "coder_id", "code_id")
    for source, coder, code in codings:
        if coder in assigned.get(source, ()):
            completed[source].setdefault(coder, set()).add(code)
    return completed


@dataclass
class _Answers:
    """What a report is computed from, for one round or several."""

    #: unit -> the codes that apply to it.
    applicable: dict[Hashable, list[int]] = field(default_factory=dict)
    #: unit -> coder name -> codes put.
    coded: dict[Hashable, dict[Hashable, set[int]]] = field(default_factory=dict)
    sources: dict[Hashable, Source] = field(default_factory=dict)
    coders: list[str] = field(default_factory=list)
    models: list[str] = field(default_factory=list)
    codes: dict[int, Code] = field(default_factory=dict)


def _codes(campaign: Any, used: Iterable[int]) -> dict[int, Code]:
    """The codes answers are asked for: the codable ones of the codebook, and any other a
    round's codings use (a code merged away since keeps its answers)."""
    found = Code.objects.filter(codebook__campaign=campaign).filter(
        Q(active=True, is_codable=True) | Q(pk__in=list(used))
    )
    return {code.pk: code for code in found.order_by("position", "pk")}


def _applies(code: Code, source: Source) -> bool:
    return not code.questions or source.question in code.questions


def _answers(rounds: Sequence[CodingRound], *, several: bool) -> _Answers:
    """The answers of every assigned coder (and model) on the rounds' texts; units are
    sources, or (round number, source) pairs when ``several`` rounds are pooled."""
    found = _Answers()
    if not rounds:
        return found
    campaign = rounds[0].campaign
    per_round = [(r, _completed(r)) for r in rounds]
    source_ids = set(
        RoundAssignment.objects.filter(round__in=list(rounds)).values_list("source_id", flat=True)
    )
    sources = Source.objects.in_bulk(source_ids)
    users = get_user_model().objects.in_bulk(
        {coder for _r, done in per_round for coders in done.values() for coder in coders}
        | set(
            RoundAssignment.objects.filter(round__in=list(rounds)).values_list(
                "coder_id", flat=True
            )
        )
    )
    names = {pk: user.get_username() for pk, user in users.items()}
    used: set[int] = set()
    for _r, done in per_round:
        for by_coder in done.values():
            used.update(*by_coder.values())
    found.codes = _codes(campaign, used)
    found.coders = sorted(set(names.values()))
    models = _model_answers(source_ids)
    found.models = sorted(models)
    for one, done in per_round:
        for source_id in (
            RoundAssignment.objects.filter(round=one).values_list("source_id", flat=True).distinct()
        ):
            source = sources[source_id]
            unit: Hashable = (one.number, source_id) if several else source_id
            found.sources[unit] = source
            found.applicable[unit] = [
                pk for pk, code in found.codes.items() if _applies(code, source)
            ]
            answers: dict[Hashable, set[int]] = {
                names[coder]: codes for coder, codes in done.get(source_id, {}).items()
            }
            for model, by_source in models.items():
                answers[model] = by_source.get(source_id, set())
            found.coded[unit] = answers
    return found


def _model_answers(source_ids: Iterable[int]) -> dict[str, dict[int, set[int]]]:
    """model coder name -> source -> codes it suggested there, for every model that made a
    suggestion on one of these sources (it answered every one of them: no suggestion on a
    text is its "absent")."""
    rows = Coding.objects.filter(
        origin=Coding.Origin.MODEL, model__isnull=False, source_id__in=list(source_ids)
    ).values_list("model_id", "source_id", "code_id")
    by_model: dict[int, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    for model, source, code in rows:
        by_model[model][source].add(code)
    named = SuggestionModel.objects.in_bulk(list(by_model))
    return {named[pk].coder_name: dict(found) for pk, found in by_model.items()}


# -- The report --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the report: what it is about and its agreement."""

    scope: str
    key: str
    label: str
    agreement: agreement.Agreement

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, **self.agreement.as_dict()}


@dataclass(frozen=True, slots=True)
class Report:
    campaign: str
    rounds: list[dict[str, Any]]
    coders: list[str]
    models: list[str]
    overall: agreement.Agreement
    by_kind: list[Row]
    by_question: list[Row]
    codes: list[Row]
    sources: list[Row]

    def rows(self) -> list[Row]:
        """Every line, overall first."""
        first = Row("overall", "", "", self.overall)
        return [first, *self.by_kind, *self.by_question, *self.codes, *self.sources]

    def as_dict(self) -> dict[str, Any]:
        return {
            "format": "vivier-agreement",
            "format_version": 1,
            "campaign": self.campaign,
            "rounds": self.rounds,
            "coders": self.coders,
            "models": self.models,
            "bands": {
                "reliable_from": agreement.RELIABLE_FROM,
                "tentative_from": agreement.TENTATIVE_FROM,
            },
            "overall": self.overall.as_dict(),
            "by_kind": [row.as_dict() for row in self.by_kind],
            "by_question": [row.as_dict() for row in self.by_question],
            "codes": [row.as_dict() for row in self.codes],
            "sources": [row.as_dict() for row in self.sources],
        }


def _summary(one: CodingRound) -> dict[str, Any]:
    return {
        "number": one.number,
        "title": one.title,
        "status": one.status,
        "questions": list(one.questions),
        "sample_size": one.sample_size,
        "overlap": one.overlap,
        "seed": one.seed,
        "closed_at": one.closed_at.isoformat() if one.closed_at else None,
    }


def _report(campaign: Any, rounds: Sequence[CodingRound], *, several: bool) -> Report:
    found = _answers(rounds, several=several)
    ratings = agreement.presence(found.applicable, found.coded)
    coders, models = found.coders, found.models
    overall = agreement.overall(ratings, coders, compare=models)

    def grouped(scope: str, key_of: Any, label_of: Any) -> list[Row]:
        groups: dict[str, list[Hashable]] = defaultdict(list)
        for unit, source in found.sources.items():
            groups[key_of(source)].append(unit)
        return [
            Row(
                scope,
                key,
                label_of(key),
                agreement.overall(ratings, coders, compare=models, only=units),
            )
            for key, units in sorted(groups.items())
        ]

    kinds = dict(Source.Kind.choices)
    by_kind = grouped("kind", lambda s: s.kind, lambda k: str(kinds.get(k, k)))
    answers = {u: s for u, s in found.sources.items() if s.kind == Source.Kind.ANSWER}
    by_question = (
        grouped("question", lambda s: s.question or "-", lambda q: q)
        if len({s.question for s in answers.values()}) > 1
        else []
    )
    per_code = agreement.per_code(ratings, coders, compare=models)
    codes = [
        Row("code", str(found.codes[pk].guid), found.codes[pk].name, per_code[pk])
        for pk in found.codes
        if pk in per_code
    ]
    per_unit = agreement.per_unit(ratings, coders)
    sources = [
        Row("source", _unit_key(unit), found.sources[unit].name, per_unit[unit])
        for unit in found.sources
        if unit in per_unit
    ]
    return Report(
        campaign=campaign.slug,
        rounds=[_summary(one) for one in rounds],
        coders=coders,
        models=models,
        overall=overall,
        by_kind=by_kind,
        by_question=by_question,
        codes=codes,
        sources=sources,
    )


def _unit_key(unit: Hashable) -> str:
    if isinstance(unit, tuple):
        return "/".join(str(part) for part in unit)
    return str(unit)


def report(round: CodingRound) -> Report:
    """The agreement of one closed round (:class:`ProblemError` if it is open)."""
    require_closed(round)
    return _report(round.campaign, [round], several=False)


def campaign_report(campaign: Any) -> Report:
    """The agreement over every closed round of ``campaign``, pooled (a text coded in two
    rounds counts once per round)."""
    closed = list(
        CodingRound.objects.filter(campaign=campaign, status=CodingRound.Status.CLOSED).order_by(
            "number"
        )
    )
    if not closed:
        raise _refuse(ProblemCode.ROUND_NONE_CLOSED)
    return _report(campaign, closed, several=True)


# -- The report as a file ---------------------------------------------------------------------

#: The columns of the CSV report: one line per measure, so any number of coders fits.
CSV_COLUMNS = (
    "scope",
    "key",
    "label",
    "measure",
    "coders",
    "value",
    "n_used",
    "n_total",
    "reason",
    "band",
)


def as_json(found: Report) -> str:
    return json.dumps(found.as_dict(), ensure_ascii=False, indent=2) + "\n"


def as_csv(found: Report) -> str:
    """The report as CSV: each line one measure of one scope (overall, kind, question, code,
    source), with its coders, value, n used and n total, and why it has no value."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in found.rows():
        measured = row.agreement
        head = [row.scope, defuse_formula(row.key), defuse_formula(row.label)]
        people = "|".join(str(c) for c in measured.coders)
        band = "" if measured.band is None else str(measured.band)
        for name, value in (
            ("percent", measured.percent),
            ("alpha", measured.alpha),
            ("ac1", measured.ac1),
        ):
            writer.writerow([*head, name, people, *_cells(value), band if name == "alpha" else ""])
        for pair in measured.pairs:
            names = f"{pair.first}|{pair.second}"
            writer.writerow([*head, "kappa", names, *_cells(pair.kappa), ""])
            writer.writerow([*head, "pair_percent", names, *_cells(pair.percent), ""])
    return out.getvalue()


def _cells(value: agreement.Coefficient) -> list[Any]:
    shown = "" if value.value is None else f"{value.value:.4f}"
    reason = "" if value.reason is None else str(value.reason)
    return [shown, value.n_used, value.n_total, reason]


# -- Disagreements and adjudication ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Disagreement:
    source: Source
    code: Code
    #: (coder name, present?) in the order of the report's coders; None: did not code it.
    answers: list[tuple[str, bool | None]]
    adjudication: Adjudication | None


def disagreements(round: CodingRound) -> list[Disagreement]:
    """Each (text, code) on which the people who coded the text did not all answer the same,
    by text then code (a closed round only)."""
    require_closed(round)
    found = _answers([round], several=False)
    decided = {
        (row.source_id, row.code_id): row
        for row in Adjudication.objects.filter(round=round).select_related("decided_by")
    }
    listed: list[Disagreement] = []
    for unit in sorted(found.sources, key=lambda u: u if isinstance(u, int) else 0):
        people = {name: codes for name, codes in found.coded[unit].items() if name in found.coders}
        if len(people) < 2:
            continue
        for code_pk in found.applicable[unit]:
            said = {code_pk in codes for codes in people.values()}
            if len(said) < 2:
                continue
            answers = [
                (name, (code_pk in people[name]) if name in people else None)
                for name in found.coders
            ]
            listed.append(
                Disagreement(
                    found.sources[unit],
                    found.codes[code_pk],
                    answers,
                    decided.get((found.sources[unit].pk, code_pk)),
                )
            )
    return listed


@transaction.atomic
def adjudicate(
    round: CodingRound,
    source: Source,
    code: Code,
    present: bool,
    *,
    user: Any,
    note: str = "",
) -> Adjudication:
    """Records the agreed answer for ``code`` on ``source`` (a closed round only); deciding
    again replaces the earlier decision."""
    require_closed(round)
    if not RoundAssignment.objects.filter(round=round, source=source).exists():
        raise _refuse(ProblemCode.ROUND_SOURCE_NOT_IN_ROUND, number=round.number)
    if code.codebook.campaign_id != round.campaign_id:
        raise _refuse(ProblemCode.CODING_CODE_ELSEWHERE, code=code.name)
    decided, _created = Adjudication.objects.update_or_create(
        round=round,
        source=source,
        code=code,
        defaults={
            "present": present,
            "note": note,
            "decided_by": user if getattr(user, "pk", None) else None,
            "decided_at": timezone.now(),
        },
    )
    audit.record(
        None,
        "coding.adjudicate",
        decided,
        round=round.number,
        source=source.pk,
        code=str(code.guid),
        present=present,
    )
    return decided


__all__ = [
    "Disagreement",
    "Progress",
    "Report",
    "RoundRefused",
    "Row",
    "adjudicate",
    "as_csv",
    "as_json",
    "assignments_of",
    "campaign_report",
    "check",
    "close",
    "create_round",
    "disagreements",
    "mark_done",
    "possible_coders",
    "progress",
    "questions_of",
    "report",
    "require_closed",
    "round_of",
    "sources_for",
]
