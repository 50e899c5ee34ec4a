"""What the coding of a campaign adds to its analysis: which codes each text has, and the
tables built from them (``vivier.qualitative.tables``) for the results pages, the dashboard
and the report.

The one rule of which codes a text has (:func:`effective_codes`):

1. only codings by a person count: a model's suggestion counts once a person accepted it,
   and accepting makes a human coding (``suggestions``); a coding removed ("undo") does not;
2. codings made in a round of double coding that is still open do not count yet: the coders
   work blind, and their answers are compared when the round closes;
3. in a closed round, a code counts when **at least one** of the round's coders applied it
   (not "all" nor "a majority"): the rest of the corpus is coded by one person, and a text
   that happened to be drawn for double coding must not end up with fewer codes than it
   would have had alone; the agreement report says how far coders differ, and a
   disagreement the team settles is recorded as an adjudication, which wins (rule 4);
4. an adjudication on (text, code) of a closed round decides, present or absent, over every
   coding of that code on that text; if a text was adjudicated in several rounds, the
   latest decision holds;
5. a code merged into another counts as the code it went into.

The report states this rule (``RULE``, in words in the documents).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from vivier.analysis import DEFAULT_K
from vivier.campaigns.models import Campaign
from vivier.qualitative import tables
from vivier.surveys.schema import Question, Questionnaire

from .models import Adjudication, Code, Coding, CodingRound, Quote, Source

#: The rule of :func:`effective_codes`, as the JSON report states it.
RULE: Mapping[str, str] = {
    "codings": "human",
    "open_rounds": "excluded",
    "closed_rounds": "any_coder",
    "adjudication": "decides",
}

#: Group keys of the texts that are not answers to a question (a colon is never in a name).
NOTES = ":note"
DOCUMENTS = ":document"
#: The suffix of an "Autre" text's answer key ("q24_other").
OTHER_SUFFIX = "_other"


def effective_codes(campaign: Campaign) -> dict[int, set[int]]:
    """Source id -> the ids of the codes it has for the results (see the module's rule).

    Sources without any code are absent from the answer.
    """
    final = _final_codes(campaign)
    found: dict[int, set[int]] = {}
    codings = (
        Coding.objects.filter(
            source__campaign=campaign,
            origin=Coding.Origin.HUMAN,
            status__in=(Coding.Status.APPLIED, Coding.Status.ACCEPTED),
            removed_at__isnull=True,
        )
        .filter(Q(round__isnull=True) | Q(round__status=CodingRound.Status.CLOSED))
        .values_list("source_id", "code_id")
    )
    for source_id, code_id in codings:
        found.setdefault(source_id, set()).add(final.get(code_id, code_id))
    decisions = (
        Adjudication.objects.filter(
            round__campaign=campaign, round__status=CodingRound.Status.CLOSED
        )
        .order_by("decided_at", "pk")
        .values_list("source_id", "code_id", "present")
    )
    decided: dict[tuple[int, int], bool] = {}
    for source_id, code_id, present in decisions:
        decided[source_id, final.get(code_id, code_id)] = present
    for (source_id, code_id), present in decided.items():
        if present:
            found.setdefault(source_id, set()).add(code_id)
        elif source_id in found:
            found[source_id].discard(code_id)
    return {source: codes for source, codes in found.items() if codes}


def _final_codes(campaign: Campaign) -> dict[int, int]:
    """Each merged code of the campaign -> the code it ended up in (chains followed)."""
    merged = dict(
        Code.objects.filter(codebook__campaign=campaign, merged_into__isnull=False).values_list(
            "pk", "merged_into_id"
        )
    )
    final: dict[int, int] = {}
    for code in merged:
        target, seen = merged[code], {code}
        while target in merged and target not in seen:
            seen.add(target)
            target = merged[target]
        final[code] = target
    return final


# -- The campaign's coding, gathered once --------------------------------------------------


@dataclass(frozen=True, slots=True)
class Group:
    """The texts of one question ("q15", "q24_other"), or the notes, or the documents."""

    key: str
    label: str
    number: int | None
    #: Texts of the group, coded or not.
    sources: tuple[int, ...]


@dataclass
class Results:
    campaign: Campaign
    questionnaire: Questionnaire
    #: Codes of the codebook by id, and their ids in the codebook's order (depth first).
    codes: dict[int, Code]
    order: list[int]
    effective: dict[int, set[int]]
    groups: list[Group]
    #: Source id -> response id (answers only).
    responses: dict[int, int] = field(default_factory=dict)

    def codes_of(self, sources: Iterable[int]) -> dict[int, set[int]]:
        return {s: self.effective.get(s, set()) for s in sources}

    @property
    def coded(self) -> int:
        return len(self.effective)

    def name(self, code: int) -> str:
        found = self.codes.get(code)
        return found.name if found is not None else str(code)

    def guid(self, code: int) -> str:
        found = self.codes.get(code)
        return str(found.guid) if found is not None else str(code)


def gather(campaign: Campaign) -> Results:
    """Everything the tables need, in a handful of queries."""
    q = campaign.questionnaire.questionnaire()
    codes = {c.pk: c for c in Code.objects.filter(codebook__campaign=campaign)}
    by_group: dict[str, list[int]] = {}
    responses: dict[int, int] = {}
    rows = Source.objects.filter(campaign=campaign).values_list(
        "pk", "kind", "question", "response_id"
    )
    for pk, kind, question, response_id in rows.order_by("pk"):
        if kind == Source.Kind.ANSWER:
            key = question or NOTES
            if response_id is not None:
                responses[pk] = response_id
        else:
            key = DOCUMENTS if kind == Source.Kind.DOCUMENT else NOTES
        by_group.setdefault(key, []).append(pk)
    return Results(
        campaign=campaign,
        questionnaire=q,
        codes=codes,
        order=depth_first(codes.values()),
        effective=effective_codes(campaign),
        groups=_groups(q, by_group),
        responses=responses,
    )


def depth_first(codes: Iterable[Code]) -> list[int]:
    """Code ids as the codebook shows them: each code, then its children, by position."""
    children: dict[int | None, list[Code]] = {}
    for code in codes:
        children.setdefault(code.parent_id, []).append(code)
    for siblings in children.values():
        siblings.sort(key=lambda c: (c.position, c.pk))
    order: list[int] = []
    seen: set[int] = set()

    def visit(parent: int | None) -> None:
        for code in children.get(parent, ()):
            if code.pk in seen:  # a cycle the codebook should have refused
                continue
            seen.add(code.pk)
            order.append(code.pk)
            visit(code.pk)

    visit(None)
    # Codes under a parent of another campaign's codebook, if any, still get a place.
    order.extend(c.pk for group in children.values() for c in group if c.pk not in seen)
    return order


def _groups(q: Questionnaire, by_group: Mapping[str, list[int]]) -> list[Group]:
    questions = q.question_map()
    place = {question.name: index for index, question in enumerate(q.questions())}

    def where(key: str) -> tuple[int, int, str]:
        if key == NOTES:
            return 2, 0, key
        if key == DOCUMENTS:
            return 3, 0, key
        base = _base_name(key, questions)
        return (0 if base in place else 1), place.get(base, 0), key

    groups = []
    for key in sorted(by_group, key=where):
        label, number = _group_label(key, questions)
        groups.append(Group(key, label, number, tuple(by_group[key])))
    return groups


def _base_name(key: str, questions: Mapping[str, Question]) -> str:
    if key not in questions and key.endswith(OTHER_SUFFIX):
        return key[: -len(OTHER_SUFFIX)]
    return key


def _group_label(key: str, questions: Mapping[str, Question]) -> tuple[str, int | None]:
    if key == NOTES:
        return _("Notes d’entretien et d’audition"), None
    if key == DOCUMENTS:
        return _("Documents des pratiques"), None
    base = _base_name(key, questions)
    question = questions.get(base)
    if question is None:
        return key, None
    label = question.label
    if base != key:
        label = _("%(label)s (précisions « Autre »)") % {"label": label}
    return label, question.number


def group_ref(group: Group) -> str:
    """ "Q15", "Q24 (Autre)", or the group's label for notes and documents."""
    if group.number is None:
        return group.label if group.key.startswith(":") else group.key
    if group.key.endswith(OTHER_SUFFIX):
        return _("Q%(number)s (Autre)") % {"number": group.number}
    return f"Q{group.number}"


def key_ref(key: str, questions: Mapping[str, Question]) -> str:
    """An answer key as the report names its question: "q15" -> "Q15"."""
    label, number = _group_label(key, questions)
    return group_ref(Group(key, label, number, ()))


# -- Tables --------------------------------------------------------------------------------


def frequency_tables(results: Results) -> list[dict[str, Any]]:
    """Per group with at least one coded text: its frequency table (codes by id)."""
    found = []
    for group in results.groups:
        table = tables.frequencies(results.codes_of(group.sources), results.order)
        if table["n"]:
            found.append({"group": group, "sources": len(group.sources), **table})
    return found


def typology_tables(results: Results) -> list[dict[str, Any]]:
    """One table per top-level category that has codes under it (active ones)."""
    active = [results.codes[pk] for pk in results.order if results.codes[pk].active]
    children: dict[int | None, list[Code]] = {}
    for code in active:
        children.setdefault(code.parent_id, []).append(code)

    def below(code: Code) -> list[int]:
        found = [code.pk]
        for child in children.get(code.pk, ()):
            found.extend(below(child))
        return found

    found = []
    everything = results.effective
    for category in children.get(None, ()):
        kids = children.get(category.pk, ())
        if not kids:
            continue
        rows: list[tuple[int, list[int]]] = [(child.pk, below(child)) for child in kids]
        if category.is_codable:
            rows.append((category.pk, [category.pk]))
        table = tables.typology(everything, rows)
        # The category's own row only when someone coded with it directly.
        table["rows"] = [r for r in table["rows"] if r["code"] != category.pk or r["count"]]
        found.append({"category": category, **table})
    return found


def cooccurrence_table(results: Results) -> dict[str, Any]:
    return tables.cooccurrence(results.effective, results.order)


def crosstab_tables(
    results: Results, question: Question, choices: list[tuple[str, str]]
) -> list[dict[str, Any]]:
    """Per group of answers: its codes crossed with the respondents' answers to ``question``
    (a closed one); columns nobody of the group's coded texts answered are left out, and
    groups left without a column (notes, documents: no respondent)."""
    from vivier.campaigns.models import Response

    answers: dict[int, list[str]] = {}
    # The campaign's responses rather than a list of ids: a large campaign would pass
    # SQLite's limit of parameters.
    rows = Response.objects.filter(campaign=results.campaign).values_list(
        "pk", f"answers__{question.name}"
    )
    for pk, value in rows:
        if isinstance(value, list):
            answers[pk] = [str(v) for v in value]
        elif value not in (None, ""):
            answers[pk] = [str(value)]
    found = []
    values = [value for value, _label in choices]
    labels = dict(choices)
    for group in results.groups:
        coded = {s: codes for s, codes in results.codes_of(group.sources).items() if codes}
        if not coded:
            continue
        columns_of = {s: answers.get(results.responses.get(s, -1), []) for s in coded}
        table = tables.crosstab(coded, columns_of, values, results.order)
        kept = [j for j, column in enumerate(table["columns"]) if column["n"]]
        if not kept:
            # Notes and documents have no respondent, nor a question nobody here answered.
            continue
        table["columns"] = [
            {**table["columns"][j], "label": labels[table["columns"][j]["value"]]} for j in kept
        ]
        for row in table["codes"]:
            row["counts"] = [row["counts"][j] for j in kept]
        found.append({"group": group, **table})
    return found


def profile_question(q: Questionnaire) -> Question | None:
    """The closed question the report crosses every coded question with: who answered.

    The first single-choice question that every case has, i.e. required, shown to everyone
    (no relevance condition, nor on its section) and not personal data; in the HCTS
    questionnaire, Q1 "À quel titre répondez-vous à ce questionnaire ?". A question some
    respondents never see would leave them out of every column; a multiple choice would
    count a text in several columns, which the report's tables do not say. None when the
    questionnaire has no such question (the report then has no cross-tabulation).
    """
    from vivier.surveys.schema import QuestionType

    for section in q.sections:
        if section.relevant:
            continue
        for question in section.questions:
            if (
                question.type is QuestionType.SINGLE_CHOICE
                and question.required
                and not question.relevant
                and not question.personal_data
            ):
                return question
    return None


# -- The report's part -----------------------------------------------------------------------

#: At most this many pairs of codes in the report's co-occurrence table (most frequent).
TOP_PAIRS = 20


def reviewed_quotes(campaign: Campaign) -> list[Quote]:
    """The quotes a report may use: reviewed ones only (the quote bank's rule)."""
    from .quotes import usable

    return list(usable(campaign).order_by("created_at", "pk"))


def report_section(
    campaign: Campaign, *, publication: bool = False, k: int = DEFAULT_K
) -> dict[str, Any] | None:
    """The report's "coding of free texts" part; None when the campaign has nothing coded
    and no reviewed quote (the report then has no such part, not an empty one).

    JSON-ready, codes named by guid and name::

        {"rule": RULE, "sources": 220, "coded": 180,
         "questions": [{"key": "q15", "number": 15, "label", "sources", "n",
                        "codes": [{"code", "name", "count", "percent"}]}],
         "typologies": [{"code", "name", "questions": ["q15", "q16"],
                         "refs": ["Q15", "Q16"], "n",
                         "rows": [{"code", "name", "members": [guids], "count",
                                   "percent"}]}],
         "cooccurrence": {"n", "pairs": [{"codes": [guid, guid], "names": [name, name],
                                          "count", "percent"}]},
         "profile": {"question": "q1", "ref": "Q1", "label"} or None,
         "crosstabs": [{"key": "q15", "ref": "Q15", "label", "n", "unanswered",
                        "columns": [{"value", "label", "n"}],
                        "codes": [{"code", "name", "total",
                                   "counts": [{"column", "count", "percent"}]}]}],
         "quotes": [{"code", "name", "question", "text", "consent"}]}

    ``sources`` and ``coded`` count the texts of the questions listed (those with a coded
    text). ``cooccurrence`` counts the pairs of codes found on the same text, over every
    coded text (n = ``coded``), most frequent first, at most ``TOP_PAIRS``. ``crosstabs``
    crosses each question's codes with the respondents' answer to ``profile``
    (:func:`profile_question`): a column's N is the question's coded texts whose respondent
    chose that option (options nobody chose are left out), a cell's percent is of its
    column, ``total`` the code's texts in any column and ``unanswered`` the coded texts
    whose respondent gave none of the options (so ``n`` = the columns' N + ``unanswered``).
    Notes and documents have no respondent: no cross-tabulation. A publication passes
    through ``qualitative.tables.publish`` (small cells).
    """
    results = gather(campaign)
    quotes = reviewed_quotes(campaign)
    if not results.effective and not quotes:
        return None
    final = _final_codes(campaign)
    questions = []
    for table in frequency_tables(results):
        group: Group = table["group"]
        questions.append(
            {
                "key": group.key,
                "number": group.number,
                "ref": group_ref(group),
                "label": group.label,
                "sources": table["sources"],
                "n": table["n"],
                "codes": [_named(results, row) for row in table["codes"]],
            }
        )
    typologies = []
    questions_map = results.questionnaire.question_map()
    for table in typology_tables(results):
        category: Code = table["category"]
        typologies.append(
            {
                "code": str(category.guid),
                "name": category.name,
                "questions": list(category.questions or []),
                "refs": [key_ref(key, questions_map) for key in category.questions or []],
                "n": table["n"],
                "rows": [
                    {
                        **_named(results, row),
                        "members": [results.guid(m) for m in row["members"]],
                    }
                    for row in table["rows"]
                ],
            }
        )
    groups = {pk: group for group in results.groups for pk in group.sources}
    together = cooccurrence_table(results)
    profile = profile_question(results.questionnaire)
    crosstabs = []
    if profile is not None:
        for table in crosstab_tables(results, profile, _choices(profile)):
            group = table["group"]
            crosstabs.append(
                {
                    "key": group.key,
                    "ref": group_ref(group),
                    "label": group.label,
                    "n": sum(c["n"] for c in table["columns"]) + table["unanswered"],
                    "unanswered": table["unanswered"],
                    "columns": table["columns"],
                    "codes": [
                        {
                            "code": results.guid(row["code"]),
                            "name": results.name(row["code"]),
                            "total": row["total"],
                            "counts": row["counts"],
                        }
                        for row in table["codes"]
                    ],
                }
            )
    section: dict[str, Any] = {
        "rule": dict(RULE),
        "sources": sum(q["sources"] for q in questions),
        "coded": sum(q["n"] for q in questions),
        "questions": questions,
        "typologies": typologies,
        "cooccurrence": {
            "n": together["n"],
            "pairs": [
                {
                    "codes": [results.guid(code) for code in pair["codes"]],
                    "names": [results.name(code) for code in pair["codes"]],
                    "count": pair["count"],
                    "percent": pair["percent"],
                }
                for pair in together["pairs"][:TOP_PAIRS]
            ],
        },
        "profile": (
            None
            if profile is None
            else {
                "question": profile.name,
                "ref": key_ref(profile.name, questions_map),
                "label": profile.label,
            }
        ),
        "crosstabs": crosstabs,
        "quotes": [
            {
                "code": results.guid(final.get(quote.coding.code_id, quote.coding.code_id)),
                "name": results.name(final.get(quote.coding.code_id, quote.coding.code_id)),
                "question": groups[quote.source_id].key if quote.source_id in groups else "",
                "ref": group_ref(groups[quote.source_id]) if quote.source_id in groups else "",
                "text": quote.text,
                "consent": quote.consent,
            }
            for quote in _in_codebook_order(quotes, results, final)
        ],
    }
    if publication:
        section = tables.publish(section, k)
    return section


def _choices(question: Question) -> list[tuple[str, str]]:
    """(value, label) of a closed question's options, "Autre" included."""
    return [(value, question.choice_label(value)) for value in question.option_values()]


def _named(results: Results, row: Mapping[str, Any]) -> dict[str, Any]:
    code = row["code"]
    return {
        "code": results.guid(code),
        "name": results.name(code),
        "count": row["count"],
        "percent": row["percent"],
    }


def _in_codebook_order(quotes: list[Quote], results: Results, final: dict[int, int]) -> list[Quote]:
    place = {pk: index for index, pk in enumerate(results.order)}
    return sorted(
        quotes,
        key=lambda q: place.get(final.get(q.coding.code_id, q.coding.code_id), len(place)),
    )


# -- The dashboard's block -------------------------------------------------------------------


def dashboard(campaign: Campaign, *, top: int = 3) -> list[dict[str, Any]] | None:
    """Per coded question, its ``top`` codes (name, count, percent) and N; None when nothing
    is coded."""
    results = gather(campaign)
    if not results.effective:
        return None
    return [
        {
            "ref": group_ref(table["group"]),
            "label": table["group"].label,
            "sources": table["sources"],
            "n": table["n"],
            "codes": [_named(results, row) for row in table["codes"][:top]],
        }
        for table in frequency_tables(results)
    ]
