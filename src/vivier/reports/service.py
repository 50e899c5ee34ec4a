"""Reports of a campaign: the figures, filtered or published, and the analysts' remarks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from vivier.analysis import DEFAULT_K, build_report, crosstab, suppress
from vivier.analysis.aggregates import CROSSABLE
from vivier.analysis.columns import is_grid
from vivier.campaigns.models import Campaign
from vivier.surveys.schema import Question, QuestionType

from .models import Remark
from .snapshots import campaign_table

#: Questions a filter or a cross-tabulation can use: closed ones, grids aside.
FILTERABLE = CROSSABLE


def filterable(question: Question) -> bool:
    return question.type in FILTERABLE and not is_grid(question) and not question.personal_data


def campaign_report(
    campaign: Campaign,
    *,
    filters: Mapping[str, Sequence[str]] | None = None,
    publication: bool = False,
    k: int = DEFAULT_K,
) -> dict[str, Any]:
    """The report dict (see ``vivier.analysis.report``), optionally filtered.

    ``publication`` hides small cells (fewer than ``k`` responses) so that nobody can be
    recognised from a published figure.
    """
    q = campaign.questionnaire.questionnaire()
    table = campaign_table(campaign)
    if filters:
        table = table.filter({name: list(values) for name, values in filters.items() if values})
    report = build_report(q, table, campaign=campaign.slug)
    report["title"] = campaign.title
    if publication:
        report = suppress(report, k=k, questionnaire=q)
    return report


def campaign_crosstab(campaign: Campaign, rows: str, columns: str) -> dict[str, Any]:
    return crosstab(campaign_table(campaign), rows, columns)


def read_filters(campaign: Campaign, params: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """Filters from query parameters ``f.<question>=<value>``; unknown ones are ignored."""
    q = campaign.questionnaire.questionnaire()
    questions = q.question_map()
    filters: dict[str, list[str]] = {}
    for key, values in params.items():
        if not key.startswith("f."):
            continue
        name = key[2:]
        question = questions.get(name)
        if question is None or not filterable(question):
            continue
        allowed = {str(v) for v in _values(question)}
        chosen = [v for v in values if v in allowed]
        if chosen:
            filters[name] = chosen
    return filters


def _values(question: Question) -> list[str]:
    if question.type is QuestionType.RATING and question.scale is not None:
        return [str(p) for p in question.scale.values]
    if question.type is QuestionType.DEPARTEMENT:
        from vivier.territories import DEPARTEMENT_CODES

        return sorted(DEPARTEMENT_CODES)
    return list(question.option_values())


def option_choices(question: Question) -> list[tuple[str, str]]:
    """(value, label) of a closed question, for filter forms."""
    if question.type is QuestionType.DEPARTEMENT:
        from vivier.territories import DEPARTEMENTS

        return [(d.code, f"{d.code} – {d.name}") for d in DEPARTEMENTS]
    if question.type is QuestionType.RATING and question.scale is not None:
        return [
            (str(p), f"{p} {question.scale.labels.get(p, '')}".strip())
            for p in question.scale.values
        ]
    return [(v, question.choice_label(v)) for v in question.option_values()]


def remarks(campaign: Campaign) -> list[Remark]:
    return list(Remark.objects.filter(campaign=campaign))
