"""Saving a plan: every change is a new version, with definitions numbered (``plans.schema``).

The one way to change ``Plan.data``: :func:`save` revises the indicators' definition numbers
against every earlier version, keeps the version, and derives the columns the catalogue
filters on. Views, imports and the demo all go through it.

The editing pages build the next content with the ``with_*`` functions (pure: a
``schema.Plan`` in, a ``schema.Plan`` out), which derive the keys of new items from their
words, so nobody types a key. :func:`propose` is what a contributor's proposal does,
:func:`add_contributor` and :func:`leave` who co-builds the plan, and :func:`compare` the
difference between two versions in words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from vivier.plans import diff as plan_diff
from vivier.plans import participation, schema
from vivier.plans.periods import Frequency

from .models import GROUP_CHOICES, Plan, PlanContributor, PlanVersion


def current(plan: Plan) -> schema.Plan:
    """The plan's content as the pure dataclass."""
    return schema.from_dict(plan.data or {})


def start(practice: Any, author: Any = None) -> Plan:
    """The practice's plan, created empty (version 1) the first time."""
    with transaction.atomic():
        plan, created = Plan.objects.get_or_create(practice=practice)
        if created:
            PlanVersion.objects.create(
                plan=plan, number=1, data=plan.data, author=_account(author), note=""
            )
    return plan


def _highest_definitions(plan: Plan) -> dict[str, int]:
    highest: dict[str, int] = {}
    for data in PlanVersion.objects.filter(plan=plan).values_list("data", flat=True):
        for indicator in (data or {}).get("indicators", []):
            key = indicator.get("key")
            if isinstance(key, str):
                highest[key] = max(highest.get(key, 0), int(indicator.get("definition", 1)))
    return highest


def save(
    plan: Plan, content: schema.Plan, author: Any = None, group: str = "", note: str = ""
) -> schema.Plan:
    """Stores ``content`` as the plan's next version and returns it with definitions set.

    Saving the same content again makes no version.
    """
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        before = current(locked)
        revised = schema.revise_known(before, content, _highest_definitions(locked))
        data = schema.to_dict(revised)
        if data == locked.data and locked.versions.exists():
            return revised
        locked.version += 1
        locked.data = data
        locked.persons_concerned_co_decide = participation.persons_concerned_co_decide(revised)
        locked.updated_at = timezone.now()
        locked.save()
        PlanVersion.objects.create(
            plan=locked,
            number=locked.version,
            data=data,
            author=_account(author),
            group=group,
            note=note[:300],
        )
    plan.refresh_from_db()
    return revised


def _account(user: Any) -> Any:
    return user if user is not None and getattr(user, "pk", None) else None


def change(
    plan: Plan,
    edit: Any,
    author: Any = None,
    group: str = "",
    note: str = "",
) -> schema.Plan:
    """Applies ``edit`` (a ``schema.Plan`` → ``schema.Plan`` function) to the plan as it is
    now and saves the result: the plan is locked first, so two people saving at once both
    have their change kept (the second applies to the first's version)."""
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        content = edit(current(locked))
        revised = save(locked, content, author, group, note)
    plan.refresh_from_db()
    return revised


# --------------------------------------------------------------------------------------------
# Building the next content (pure functions over ``schema.Plan``)

_MAX_BASE = 32


def new_key(text: str, taken: Iterable[str], fallback: str = "element") -> str:
    """A key made from ``text`` ("Les familles reviennent-elles ?" → ``les_familles_…``),
    not in ``taken``: ``_2``, ``_3``… are added until it is free."""
    base = slugify(str(text)).replace("-", "_")
    base = re.sub(r"^[^a-z]+", "", base)
    if len(base) > _MAX_BASE:
        # Cut between two words when one ends late enough: a key reads better whole-worded.
        cut = base.rfind("_", 0, _MAX_BASE + 1)
        base = base[: cut if cut >= _MAX_BASE // 2 else _MAX_BASE]
    base = base.rstrip("_") or fallback
    used = set(taken)
    key, number = base, 2
    while key in used:
        key, number = f"{base}_{number}", number + 1
    return key


@dataclass(frozen=True)
class ItemRow:
    """A question or a result as an editing page sends it: ``key`` empty for a new one."""

    key: str
    text: str
    proposed_by: schema.Group = schema.Group.PROFESSIONALS


_ITEM_CLASSES: dict[str, Any] = {
    "questions": schema.EvaluativeQuestion,
    "results": schema.ExpectedResult,
}


def with_items(content: schema.Plan, section: str, rows: Sequence[ItemRow]) -> schema.Plan:
    """``content`` whose questions (or results) are ``rows``, in that order.

    A row keeps its key when the plan has it (and no earlier row took it); any other row gets
    a key from its text. Indicators keep their links to the questions that remain only.
    """
    cls = _ITEM_CLASSES[section]
    existing = {item.key for item in getattr(content, section)}
    taken = set(existing)
    kept: set[str] = set()
    items = []
    for row in rows:
        if row.key in existing and row.key not in kept:
            key = row.key
        else:
            key = new_key(row.text, taken | kept)
        kept.add(key)
        items.append(cls(key=key, text=row.text, proposed_by=row.proposed_by))
    changes: dict[str, Any] = {section: tuple(items)}
    if section == "questions":
        # In the same step: a plan whose indicators point to a missing question is invalid.
        changes["indicators"] = tuple(
            replace(indicator, questions=tuple(k for k in indicator.questions if k in kept))
            for indicator in content.indicators
        )
    return replace(content, **changes)


def with_criteria(content: schema.Plan, texts: Iterable[str]) -> schema.Plan:
    """``content`` whose criteria of value are ``texts`` (blank and repeated ones dropped)."""
    criteria: list[str] = []
    for text in texts:
        text = text.strip()
        if text and text not in criteria:
            criteria.append(text)
    return replace(content, criteria=tuple(criteria))


def with_frame(content: schema.Plan, purpose: str, start: Any) -> schema.Plan:
    """``content`` with its purpose and start date (a ``date``, or ``None``)."""
    return replace(content, purpose=purpose.strip(), start=start.isoformat() if start else "")


def with_indicator(
    content: schema.Plan, key: str, fields: dict[str, Any], retired: Iterable[str] = ()
) -> schema.Plan:
    """``content`` with the indicator ``key`` replaced by ``fields`` (``schema.Indicator``'s
    arguments but ``key`` and ``definition``), or, ``key`` empty or unknown, a new indicator
    whose key comes from its title and was never used (``retired``: keys of indicators
    removed earlier, whose measurements keep theirs)."""
    questions = {question.key for question in content.questions}
    fields = dict(fields, questions=tuple(k for k in fields.get("questions", ()) if k in questions))
    present = {indicator.key for indicator in content.indicators}
    if key in present:
        indicators = tuple(
            replace(schema.Indicator(key=key, **fields), definition=indicator.definition)
            if indicator.key == key
            else indicator
            for indicator in content.indicators
        )
        return replace(content, indicators=indicators)
    fresh = new_key(fields["title"], present | set(retired), fallback="indicateur")
    return replace(content, indicators=(*content.indicators, schema.Indicator(key=fresh, **fields)))


def without_indicator(content: schema.Plan, key: str) -> schema.Plan:
    return replace(
        content, indicators=tuple(item for item in content.indicators if item.key != key)
    )


#: The time frames a practice is offered (key, label, months after the start).
MILESTONE_PRESETS: tuple[tuple[str, Promise, int], ...] = (
    ("demarrage", _("démarrage"), 0),
    ("plus_3_mois", _("+3 mois"), 3),
    ("plus_6_mois", _("+6 mois"), 6),
    ("annuel", _("annuel"), 12),
)
PRESET_KEYS = frozenset(key for key, _label, _months in MILESTONE_PRESETS)


@dataclass(frozen=True)
class MilestoneRow:
    key: str
    label: str
    months: int


def with_milestones(
    content: schema.Plan, presets: Iterable[str], custom: Sequence[MilestoneRow]
) -> schema.Plan:
    """``content`` whose milestones are the chosen presets and the practice's own ones,
    in time order (a custom milestone keeps its key when the plan has it)."""
    chosen = set(presets)
    milestones = [
        schema.Milestone(key=key, label=str(label), months=months)
        for key, label, months in MILESTONE_PRESETS
        if key in chosen
    ]
    existing = {m.key for m in content.milestones if m.key not in PRESET_KEYS}
    taken = set(PRESET_KEYS)
    for row in custom:
        key = row.key if row.key in existing and row.key not in taken else ""
        key = key or new_key(row.label, taken | existing, fallback="jalon")
        taken.add(key)
        milestones.append(schema.Milestone(key=key, label=row.label.strip(), months=row.months))
    milestones.sort(key=lambda milestone: milestone.months)
    return replace(content, milestones=tuple(milestones))


def with_participation(
    content: schema.Plan, modes: dict[tuple[schema.Step, schema.Group], schema.Mode]
) -> schema.Plan:
    """``content`` with the matrix ``modes`` (a cell left out or absent is stored as nothing)."""
    cells = tuple(
        schema.ParticipationCell(step, group, modes[(step, group)])
        for step in schema.Step
        for group in schema.Group
        if modes.get((step, group), schema.Mode.ABSENT) is not schema.Mode.ABSENT
    )
    return replace(content, participation=cells)


def retired_indicators(plan: Plan) -> set[str]:
    """Keys any version of the plan gave an indicator: a new indicator takes none of them, so
    that it never inherits the measurements of one removed."""
    return set(_highest_definitions(plan))


# --------------------------------------------------------------------------------------------
# Contributors and their proposals


class Proposal:
    QUESTION = "question"
    CRITERION = "critere"
    INDICATOR = "indicateur"


def contribution(user: Any, slug: str) -> PlanContributor | None:
    """This person's active contribution to the plan of the sheet ``slug``, if any."""
    if user.pk is None:
        return None
    return (
        PlanContributor.objects.select_related("plan__practice")
        .filter(plan__practice__slug=slug, user_id=user.pk, left_at__isnull=True)
        .first()
    )


def propose(contributor: PlanContributor, kind: str, text: str, why: str = "") -> schema.Plan:
    """A contributor's question, criterion or indicator (title, and why in ``why``), saved as
    a new version proposed by the group they speak for."""
    group = schema.Group(contributor.group)
    plan = contributor.plan
    retired = retired_indicators(plan)

    def edit(content: schema.Plan) -> schema.Plan:
        if kind == Proposal.QUESTION:
            keys = {question.key for question in content.questions}
            question = schema.EvaluativeQuestion(new_key(text, keys), text.strip(), group)
            return replace(content, questions=(*content.questions, question))
        if kind == Proposal.CRITERION:
            return with_criteria(content, (*content.criteria, text))
        fields = {"title": text.strip(), "description": why.strip(), "proposed_by": group}
        return with_indicator(content, "", fields, retired)

    notes = {
        Proposal.QUESTION: gettext("Question proposée"),
        Proposal.CRITERION: gettext("Critère proposé"),
        Proposal.INDICATOR: gettext("Indicateur proposé"),
    }
    return change(plan, edit, contributor.user, contributor.group, notes[kind])


def add_contributor(plan: Plan, user: Any, group: str, added_by: Any) -> PlanContributor:
    """``user`` co-builds the plan for ``group`` (again, if they had left)."""
    contributor, created = PlanContributor.objects.get_or_create(
        plan=plan, user=user, defaults={"group": group, "added_by": _account(added_by)}
    )
    if not created:
        contributor.group = group
        contributor.added_by = _account(added_by)
        contributor.added_at = timezone.now()
        contributor.left_at = None
        contributor.save()
    return contributor


def leave(contributor: PlanContributor) -> None:
    """The contributor stops: what they proposed stays in the plan and its versions."""
    contributor.left_at = timezone.now()
    contributor.save(update_fields=["left_at"])


# --------------------------------------------------------------------------------------------
# Words: labels of the schema's values, the difference between two versions, the summary

GROUP_LABELS: dict[str, Any] = dict(GROUP_CHOICES)
STEP_LABELS: dict[str, Promise] = {
    schema.Step.QUESTIONS: _("Choisir les questions"),
    schema.Step.CRITERIA: _("Choisir les critères"),
    schema.Step.INDICATORS: _("Choisir les indicateurs"),
    schema.Step.COLLECTING: _("Recueillir les informations"),
    schema.Step.ANALYSING: _("Analyser"),
    schema.Step.JUDGING: _("Juger"),
    schema.Step.PUBLISHING: _("Publier"),
}
MODE_LABELS: dict[str, Promise] = {
    schema.Mode.ABSENT: _("absent"),
    schema.Mode.INFORMED: _("informé"),
    schema.Mode.CONSULTED: _("consulté"),
    schema.Mode.CO_DECIDING: _("codécide"),
}
KIND_LABELS: dict[str, Promise] = {
    schema.IndicatorKind.QUANTITATIVE: _("quantitatif (un nombre)"),
    schema.IndicatorKind.QUALITATIVE: _("qualitatif (un récit)"),
}
DIRECTION_LABELS: dict[str, Promise] = {
    schema.Direction.INCREASE: _("à la hausse"),
    schema.Direction.DECREASE: _("à la baisse"),
    schema.Direction.MAINTAIN: _("à maintenir"),
}
FREQUENCY_LABELS: dict[str, Promise] = {
    Frequency.MONTHLY: _("chaque mois"),
    Frequency.QUARTERLY: _("chaque trimestre"),
    Frequency.YEARLY: _("chaque année"),
}
SECTION_LABELS: dict[str, Promise] = {
    plan_diff.Section.QUESTIONS: _("Questions évaluatives"),
    plan_diff.Section.RESULTS: _("Résultats attendus"),
    plan_diff.Section.CRITERIA: _("Critères de valeur"),
    plan_diff.Section.INDICATORS: _("Indicateurs"),
    plan_diff.Section.MILESTONES: _("Jalons"),
}
CHANGE_LABELS: dict[str, Promise] = {
    plan_diff.Kind.ADDED: _("ajouté"),
    plan_diff.Kind.REMOVED: _("retiré"),
    plan_diff.Kind.CHANGED: _("modifié"),
}
FIELD_LABELS: dict[str, Promise] = {
    "purpose": _("Pourquoi nous évaluons"),
    "start": _("Date de début"),
    "text": _("texte"),
    "proposed_by": _("proposé par"),
    "title": _("titre"),
    "kind": _("nature"),
    "description": _("description"),
    "unit": _("unité"),
    "decimals": _("chiffres après la virgule"),
    "baseline": _("valeur de départ"),
    "direction": _("sens souhaité"),
    "targets": _("objectifs"),
    "numerator": _("numérateur"),
    "denominator": _("dénominateur"),
    "frequency": _("fréquence"),
    "questions": _("questions liées"),
    "disaggregations": _("ventilations"),
    "label": _("nom"),
    "months": _("mois après le début"),
}
_ENUM_LABELS: dict[type, dict[str, Any]] = {
    schema.Group: GROUP_LABELS,
    schema.Mode: MODE_LABELS,
    schema.IndicatorKind: KIND_LABELS,
    schema.Direction: DIRECTION_LABELS,
    Frequency: FREQUENCY_LABELS,
}


def number(value: float | Decimal) -> str:
    """A number as the reader writes it ("12,5", "120"), without a trailing ",0"."""
    exact = Decimal(str(value))
    exact = exact.quantize(Decimal(1)) if exact == exact.to_integral() else exact.normalize()
    return str(formats.number_format(exact, use_l10n=True))


def words(value: Any) -> str:
    """A schema value in words: a label for a slug, numbers written the reader's way."""
    if value is None:
        return ""
    if isinstance(value, schema.Baseline):
        return gettext("%(value)s en %(year)s") % {"value": number(value.value), "year": value.year}
    if isinstance(value, schema.Target):
        return f"{value.period} : {number(value.value)}"
    if isinstance(value, tuple):
        return " ; ".join(words(item) for item in value)
    for enum, labels in _ENUM_LABELS.items():
        if isinstance(value, enum):
            return str(labels[str(value)])
    if isinstance(value, float | Decimal):
        return number(value)
    return str(value)


@dataclass(frozen=True)
class Line:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class WordedChange:
    section: str
    kind: str
    changed: bool
    label: str
    lines: tuple[Line, ...]
    #: Indicators: what the change does to their definition, in a sentence.
    definition: str
    redefined: bool


@dataclass(frozen=True)
class Comparison:
    first: PlanVersion
    second: PlanVersion
    texts: tuple[Line, ...]
    changes: tuple[WordedChange, ...]
    participation: tuple[Line, ...]

    @property
    def empty(self) -> bool:
        return not (self.texts or self.changes or self.participation)


def _definition_sentence(change: plan_diff.ItemChange) -> str:
    if change.section is not plan_diff.Section.INDICATORS:
        return ""
    if change.redefined:
        return gettext(
            "La définition change : définition %(before)s, puis définition %(after)s. "
            "Les mesures antérieures restent attachées à la définition %(before)s "
            "et ne sont pas comparées."
        ) % {"before": change.definition_before, "after": change.definition_after}
    number_ = change.definition_after or change.definition_before
    return gettext("Définition %(number)s.") % {"number": number_}


def _worded(
    diff: plan_diff.PlanDiff,
) -> tuple[tuple[Line, ...], tuple[WordedChange, ...], tuple[Line, ...]]:
    texts = tuple(
        Line(str(FIELD_LABELS[c.field]), words(c.before), words(c.after)) for c in diff.texts
    )
    changes = tuple(
        WordedChange(
            section=str(SECTION_LABELS[change.section]),
            kind=str(CHANGE_LABELS[change.kind]),
            changed=change.kind is plan_diff.Kind.CHANGED,
            label=change.label,
            lines=tuple(
                Line(str(FIELD_LABELS[f.field]), words(f.before), words(f.after))
                for f in change.fields
            ),
            definition=_definition_sentence(change),
            redefined=change.redefined,
        )
        for change in diff.items
    )
    modes = tuple(
        Line(
            f"{STEP_LABELS[m.step]} — {GROUP_LABELS[m.group]}",
            str(MODE_LABELS[m.before]),
            str(MODE_LABELS[m.after]),
        )
        for m in diff.participation
    )
    return texts, changes, modes


def compare(plan: Plan, first: int, second: int) -> Comparison | None:
    """Versions ``first`` and ``second`` of the plan and what changed from one to the other,
    in words; ``None`` when one of them does not exist."""
    found = {
        version.number: version
        for version in PlanVersion.objects.filter(
            plan=plan, number__in=(first, second)
        ).select_related("author")
    }
    if first not in found or second not in found:
        return None
    before = schema.from_dict(found[first].data or {})
    after = schema.from_dict(found[second].data or {})
    texts, changes, modes = _worded(plan_diff.diff(before, after))
    return Comparison(found[first], found[second], texts, changes, modes)


def versions(plan: Plan) -> list[PlanVersion]:
    """Every version of the plan, the latest first."""
    return list(PlanVersion.objects.filter(plan=plan).select_related("author").order_by("-number"))


def describe(indicator: schema.Indicator, content: schema.Plan) -> list[tuple[str, str]]:
    """An indicator's definition in words, field by field (empty fields left out)."""
    shown = {
        "kind": indicator.kind,
        "description": indicator.description,
        "unit": indicator.unit,
        "decimals": indicator.decimals if indicator.decimals else None,
        "baseline": indicator.baseline,
        "direction": indicator.direction if indicator.quantitative else None,
        "targets": indicator.targets,
        "numerator": indicator.numerator,
        "denominator": indicator.denominator,
        "frequency": indicator.frequency,
        "disaggregations": indicator.disaggregations,
        "questions": plan_diff.question_texts(content, indicator.questions),
        "proposed_by": indicator.proposed_by,
    }
    return [
        (str(FIELD_LABELS[name]), words(value)) for name, value in shown.items() if words(value)
    ]


@dataclass(frozen=True)
class MatrixRow:
    step: str
    cells: tuple[tuple[str, str, str], ...]  # (group label, mode slug, mode label)


def matrix(content: schema.Plan) -> tuple[MatrixRow, ...]:
    """The participation matrix in words, a row per step, a cell per group."""
    return tuple(
        MatrixRow(
            str(STEP_LABELS[row.step]),
            tuple(
                (str(GROUP_LABELS[group]), mode.value, str(MODE_LABELS[mode]))
                for group, mode in row.modes
            ),
        )
        for row in participation.matrix(content)
    )


def _listed(values: Iterable[Any]) -> str:
    return ", ".join(str(value) for value in values)


def participation_words(content: schema.Plan) -> dict[str, str]:
    """Breadth (which groups take part) and depth (where persons concerned have a say), in
    sentences."""
    groups = participation.breadth(content)
    steps = participation.depth(content)
    deciding = participation.co_decide(content)
    return {
        "breadth": (
            gettext("Groupes qui participent : %(groups)s (%(count)s sur 4).")
            % {"groups": _listed(GROUP_LABELS[g] for g in groups), "count": len(groups)}
            if groups
            else gettext("Aucun groupe ne participe encore.")
        ),
        "depth": (
            ngettext(
                "Les personnes concernées sont au moins consultées à %(count)s étape sur 7 : "
                "%(steps)s.",
                "Les personnes concernées sont au moins consultées à %(count)s étapes sur 7 : "
                "%(steps)s.",
                len(steps),
            )
            % {"steps": _listed(STEP_LABELS[s] for s in steps), "count": len(steps)}
            if steps
            else gettext("Les personnes concernées ne sont encore consultées à aucune étape.")
        ),
        "co_decide": (
            gettext("Elles codécident à ces étapes : %(steps)s.")
            % {"steps": _listed(STEP_LABELS[s] for s in deciding)}
            if deciding
            else ""
        ),
    }


def summary(plan: Plan, user: Any) -> dict[str, Any]:
    """What the evaluation page shows of the plan itself: its size, its participation
    matrix and what it says of breadth and depth."""
    content = current(plan)
    return {
        "content": content,
        "version": plan.version,
        "matrix": matrix(content),
        "groups": [str(GROUP_LABELS[group]) for group in schema.Group],
        "participation": participation_words(content),
        "contributors": plan.contributors.filter(left_at__isnull=True).count(),
        "updated_at": plan.updated_at,
    }


__all__ = [
    "MILESTONE_PRESETS",
    "Comparison",
    "ItemRow",
    "MilestoneRow",
    "Proposal",
    "add_contributor",
    "change",
    "compare",
    "contribution",
    "current",
    "describe",
    "leave",
    "matrix",
    "new_key",
    "propose",
    "retired_indicators",
    "save",
    "start",
    "summary",
    "versions",
    "with_criteria",
    "with_frame",
    "with_indicator",
    "with_items",
    "with_milestones",
    "with_participation",
    "without_indicator",
    "words",
]
