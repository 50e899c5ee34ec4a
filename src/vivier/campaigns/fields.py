"""From a section's questions to what a page shows, and from a posted page back to answers.

The questionnaire is data, so pages are not Django forms: each question becomes a small view
model (``FieldView``) that the templates render with DSFR markup, and posted values are read
per question type then handed to the engine's ``coerce`` so that the web, the assisted entry
and imports share one set of rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _

from vivier.surveys import expressions
from vivier.surveys.answers import coerce
from vivier.surveys.errors import EngineError, Issue
from vivier.surveys.flow import is_empty
from vivier.surveys.schema import OTHER_VALUE, Question, QuestionType, Section
from vivier.territories import DEPARTEMENTS
from vivier.text import strip_controls_deep

TEXT_INPUT_TYPES = {
    QuestionType.SHORT_TEXT: "text",
    QuestionType.INTEGER: "text",
    QuestionType.DECIMAL: "text",
    QuestionType.DATE: "date",
    QuestionType.EMAIL: "email",
    QuestionType.PHONE: "tel",
}
INPUT_MODES = {QuestionType.INTEGER: "numeric", QuestionType.DECIMAL: "decimal"}
AUTOCOMPLETE = {QuestionType.EMAIL: "email", QuestionType.PHONE: "tel"}


def html_id(name: str) -> str:
    return f"f-{name}"


def focus_id(question: Question) -> str:
    """The id of a question's first control: where links to its errors must lead.

    A fieldset cannot take focus, so a link to a group of radios lands on the first one.
    """
    base = html_id(question.name)
    if question.type in (
        QuestionType.SINGLE_CHOICE,
        QuestionType.YES_NO,
        QuestionType.MULTIPLE_CHOICE,
        QuestionType.RANKING,
    ) or (question.scale and question.scale.rows):
        return f"{base}-0"
    if question.type is QuestionType.RATING and question.scale is not None:
        return f"{base}-{question.scale.minimum}"
    return base


@dataclass
class Option:
    value: str
    label: str
    id: str
    checked: bool = False
    rank: str = ""


@dataclass
class GridRow:
    value: str
    label: str
    id: str
    selected: str = ""


@dataclass
class FieldView:
    question: Question
    raw: Any = None
    other_raw: str = ""
    errors: list[str] = field(default_factory=list)
    other_errors: list[str] = field(default_factory=list)
    relevant: bool = True
    #: Shown or hidden as answers on the same page change (needs the server's evaluator).
    dynamic: bool = False
    condition_text: str = ""
    options: list[Option] = field(default_factory=list)
    grid: list[GridRow] = field(default_factory=list)
    scale: list[tuple[int, str]] = field(default_factory=list)
    #: The language texts are shown in (the questionnaire's translation when it has one).
    lang: str = "fr"
    #: Left empty although the questionnaire asks for an answer (soft mandatory): a warning.
    soft_missing: bool = False

    @property
    def name(self) -> str:
        return self.question.name

    @property
    def label(self) -> str:
        return self.question.text_in("label", self.lang)

    @property
    def hint(self) -> str:
        return self.question.text_in("hint", self.lang)

    @property
    def other_label(self) -> str:
        return self.question.text_in("other_label", self.lang)

    @property
    def id(self) -> str:
        return html_id(self.question.name)

    @property
    def other_id(self) -> str:
        return html_id(self.question.other_name)

    @property
    def focus_id(self) -> str:
        """Where the error summary's link lands: the first control of the question."""
        return focus_id(self.question)

    @property
    def widget(self) -> str:
        t = self.question.type
        if t in (QuestionType.SINGLE_CHOICE, QuestionType.YES_NO):
            return "radio"
        if t is QuestionType.MULTIPLE_CHOICE:
            return "checkbox"
        if t is QuestionType.DEPARTEMENT:
            return "select"
        if t is QuestionType.LONG_TEXT:
            return "textarea"
        if t is QuestionType.RATING:
            return "grid" if self.grid else "scale"
        if t is QuestionType.RANKING:
            return "ranking"
        if t is QuestionType.DISPLAY:
            return "display"
        return "input"

    @property
    def input_type(self) -> str:
        return TEXT_INPUT_TYPES.get(self.question.type, "text")

    @property
    def inputmode(self) -> str:
        return INPUT_MODES.get(self.question.type, "")

    @property
    def autocomplete(self) -> str:
        return AUTOCOMPLETE.get(self.question.type, "")

    @property
    def optional(self) -> bool:
        return not self.question.required and self.question.answerable

    @property
    def has_errors(self) -> bool:
        return bool(self.errors or self.other_errors)

    @property
    def other_checked(self) -> bool:
        raw = self.raw
        return raw == OTHER_VALUE or (isinstance(raw, list) and OTHER_VALUE in raw)

    @property
    def departements(self) -> list[tuple[str, str, bool]]:
        return [(d.code, f"{d.code} – {d.name}", d.code == self.raw) for d in DEPARTEMENTS]


def _display_raw(question: Question, value: Any) -> Any:
    """Turns a stored answer back into what the form shows."""
    if value is None:
        return [] if question.is_list else ""
    if question.type is QuestionType.DECIMAL and isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    if isinstance(value, int | float):
        return str(value)
    return value


def build_fields(
    section: Section,
    values: Mapping[str, Any],
    *,
    relevant: set[str],
    issues: Mapping[str, list[Issue]] | None = None,
    raw_values: Mapping[str, Any] | None = None,
    lang: str = "fr",
) -> list[FieldView]:
    """View models for every question of ``section``.

    ``values`` are stored answers; ``raw_values`` what was just posted (shown again as typed
    when it could not be accepted, so nothing entered is lost).
    """
    issues = issues or {}
    raw_values = raw_values or {}
    on_page = {q.name for q in section.questions}
    fields = []
    for q in section.questions:
        if q.name in raw_values:
            raw = raw_values[q.name]
        elif q.name not in values and q.default:
            raw = _default_raw(q)
        else:
            raw = _display_raw(q, values.get(q.name))
        other_raw = raw_values.get(q.other_name, values.get(q.other_name, "")) or ""
        refs = _references(q.relevant)
        view = FieldView(
            question=q,
            raw=raw,
            other_raw=str(other_raw),
            errors=[i.message(lang) for i in issues.get(q.name, [])],
            other_errors=[i.message(lang) for i in issues.get(q.other_name, [])],
            relevant=q.name in relevant,
            dynamic=bool(refs & on_page),
            condition_text=describe_condition(q, section, lang) if refs & on_page else "",
            lang=lang,
        )
        _fill_choices(view)
        fields.append(view)
    return fields


def _default_raw(question: Question) -> Any:
    """A question's default as the form shows it before any answer (XLSForm ``default``)."""
    if question.type is QuestionType.MULTIPLE_CHOICE:
        return question.default.split()
    return question.default


def _references(source: str) -> set[str]:
    if not source:
        return set()
    try:
        return set(expressions.references(expressions.parse(source)))
    except EngineError:
        return set()


def _fill_choices(view: FieldView) -> None:
    q = view.question
    raw = view.raw
    if q.type in (QuestionType.SINGLE_CHOICE, QuestionType.YES_NO, QuestionType.MULTIPLE_CHOICE):
        chosen = set(raw) if isinstance(raw, list) else {raw}
        choices = [(c.value, c.label_in(view.lang)) for c in q.choices]
        if q.other:
            choices.append((OTHER_VALUE, view.other_label))
        view.options = [
            Option(value, label, f"{view.id}-{i}", checked=value in chosen)
            for i, (value, label) in enumerate(choices)
        ]
    elif q.type is QuestionType.RANKING:
        order = list(raw) if isinstance(raw, list) else []
        ranks = raw if isinstance(raw, dict) else {v: str(order.index(v) + 1) for v in order}
        view.options = [
            Option(
                c.value, c.label_in(view.lang), f"{view.id}-{i}", rank=str(ranks.get(c.value, ""))
            )
            for i, c in enumerate(q.choices)
        ]
    elif q.type is QuestionType.RATING and q.scale is not None:
        view.scale = [(p, q.scale.labels.get(p, "")) for p in q.scale.values]
        if q.scale.rows:
            selected = raw if isinstance(raw, dict) else {}
            view.grid = [
                GridRow(
                    r.value, r.label_in(view.lang), f"{view.id}-{i}", str(selected.get(r.value, ""))
                )
                for i, r in enumerate(q.scale.rows)
            ]


def describe_condition(q: Question, section: Section, lang: str = "fr") -> str:
    """Plain words for a same-page condition, shown when JavaScript cannot hide the question."""
    try:
        tree = expressions.parse(q.relevant)
    except EngineError:
        return ""
    if isinstance(tree, expressions.Binary) and tree.op == "=":
        ref, lit = tree.left, tree.right
        if isinstance(ref, expressions.Ref) and isinstance(lit, expressions.Literal):
            source = next((s for s in section.questions if s.name == ref.name), None)
            if source is not None:
                value = str(lit.value)
                choice = next((c for c in source.choices if c.value == value), None)
                label = choice.label_in(lang) if choice else source.choice_label(value)
                return _(
                    "Répondez seulement si vous avez choisi « %(answer)s » juste au-dessus."
                ) % {"answer": label}
    return _("Répondez seulement si cette question vous concerne d’après vos réponses ci-dessus.")


def read_post(section: Section, data: QueryDict) -> dict[str, Any]:
    """The raw values of one page, by question name, as the browser sent them.

    Control characters are removed here, the one door of the web form and of assisted entry:
    no document format can carry them (see ``vivier.text.controls``).
    """
    raw: dict[str, Any] = {}
    for q in section.questions:
        if not q.answerable:
            continue
        name = q.name
        if q.type is QuestionType.MULTIPLE_CHOICE:
            raw[name] = data.getlist(name)
        elif q.type is QuestionType.RANKING:
            raw[name] = {c.value: data.get(f"{name}__{c.value}", "").strip() for c in q.choices}
        elif q.type is QuestionType.RATING and q.scale and q.scale.rows:
            raw[name] = {r.value: data.get(f"{name}__{r.value}", "") for r in q.scale.rows}
        else:
            raw[name] = data.get(name, "")
        if q.other:
            raw[q.other_name] = data.get(q.other_name, "").strip()
    return strip_controls_deep(raw)


def ranking_order(raw: Mapping[str, str]) -> list[str] | str:
    """Options ordered by the rank typed beside them; a message when the ranks clash."""
    ranked: list[tuple[int, str]] = []
    for value, rank in raw.items():
        if not rank:
            continue
        if not rank.isdigit() or int(rank) < 1:
            return _("Indiquez un rang sous la forme d’un nombre : 1, 2, 3…")
        ranked.append((int(rank), value))
    ranks = [r for r, _v in ranked]
    if len(ranks) != len(set(ranks)):
        return _("Deux éléments ont le même rang : donnez un rang différent à chacun.")
    return [v for _r, v in sorted(ranked)]


def parse_section(
    section: Section, raw: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Typed values and per-question messages for the values that could not be read."""
    values: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for q in section.questions:
        if q.name not in raw:
            continue
        value = raw[q.name]
        if q.type is QuestionType.RANKING:
            order = ranking_order(value)
            if isinstance(order, str):
                errors[q.name] = [order]
                continue
            value = order
        if q.type is QuestionType.RATING and isinstance(value, dict):
            value = {k: v for k, v in value.items() if not is_empty(v)}
        try:
            values[q.name] = coerce(q, value)
        except EngineError as error:
            errors[q.name] = [error.message()]
        if q.other:
            values[q.other_name] = raw.get(q.other_name) or None
    return values, errors
