"""XLSForm export of any Vivier questionnaire, for ODK, KoboToolbox and every pyxform tool.

Public API: :func:`to_sheets` (the three sheets as lists of row dicts), :func:`to_workbook`
(an openpyxl workbook) and :func:`write` (an ``.xlsx`` file, what ``vivier questionnaire
export SLUG --format xlsform -o FILE`` calls).

How Vivier maps to XLSForm:

=================  =========================================================================
Vivier             XLSForm
=================  =========================================================================
section            ``begin_group`` / ``end_group``, appearance ``field-list`` (one page);
                   its description is a ``note`` at the start of the group
single_choice      ``select_one <list>``; ``multiple_choice`` ``select_multiple``;
                   ``ranking`` ``rank``
"Autre (précisez)" an ``other`` option and a ``<name>_other`` text question shown when it is
                   chosen: the engine's convention, written out rather than ``or_other``,
                   whose option and question labels are fixed English ("Other")
short/long_text    ``text`` (``multiline`` for long); ``integer``, ``decimal``, ``date``
yes_no             ``select_one`` over the question's yes/no/don't know list
rating             ``select_one`` over the scale's points, appearance ``likert``
rating grid        a ``table-list`` group of one ``select_one`` per row (``<name>_<row>``)
departement        ``select_one`` over the 101 départements, appearance ``minimal``
email              ``text`` with a ``regex()`` constraint; ``phone`` ``text`` (``numbers``)
display            ``note``
=================  =========================================================================

What XLSForm cannot say goes to ``vivier_*`` columns that other tools ignore and that
:func:`vivier.surveys.codecs.xlsform.vivier_columns.restore` reads back.

With translations, every text column exists once per language, named ``label::English (en)``
(the own language too, and ``default_language`` names it). An untranslated text is written in
the own language rather than left empty, because ODK shows "-" for an empty cell.

Expressions: the engine's language is an XLSForm subset, so relevance and constraints pass
through, with two rewrites for ODK's XPath: ``string-length()`` gets its ``.`` argument, and an
ISO date compared with ``<`` ``>`` to a date question is wrapped in ``date()`` (ODK compares a
date with a bare string as numbers, which is always false). Rating grids cannot be named in
an expression (the validator refuses it), so no grid reference needs translating.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import IO, Any

import openpyxl

from vivier.surveys.codecs.xlsform import vivier_columns as vc
from vivier.surveys.expressions import (
    ISO_DATE_RE,
    RELATIONAL,
    Binary,
    Call,
    Current,
    ExpressionError,
    Literal,
    Node,
    Ref,
    Unary,
    parse,
    to_source,
)
from vivier.surveys.schema import (
    OTHER_VALUE,
    Choice,
    Question,
    Questionnaire,
    QuestionType,
    RatingScale,
    Section,
)
from vivier.territories import DEPARTEMENTS, departement_label

Row = dict[str, str]
Sheets = dict[str, list[Row]]

#: Not a full RFC 5322 check (the Vivier type checks addresses properly): enough for ODK to
#: catch a typo while the respondent is still there.
EMAIL_CONSTRAINT = r"regex(., '^[^@\s]+@[^@\s]+\.[A-Za-z]{2,63}$')"

_QUESTION_TEXTS = ("label", "hint", "required_message", "constraint_message")
_SURVEY_ORDER = (
    "type",
    "name",
    "label",
    "hint",
    "required",
    "required_message",
    "relevant",
    "constraint",
    "constraint_message",
    "default",
    "appearance",
    *vc.SURVEY_COLUMNS,
)
_CHOICES_ORDER = ("list_name", "name", "label")
_LANGUAGE_NAMES = {
    "ar": "العربية",
    "br": "Brezhoneg",
    "ca": "Català",
    "co": "Corsu",
    "de": "Deutsch",
    "en": "English",
    "es": "Español",
    "eu": "Euskara",
    "fr": "Français",
    "it": "Italiano",
    "nl": "Nederlands",
    "oc": "Occitan",
    "pt": "Português",
    "ro": "Română",
    "tr": "Türkçe",
    "uk": "Українська",
}
_PLAIN_TYPES = {
    QuestionType.SINGLE_CHOICE: "select_one",
    QuestionType.MULTIPLE_CHOICE: "select_multiple",
    QuestionType.RANKING: "rank",
    QuestionType.SHORT_TEXT: "text",
    QuestionType.INTEGER: "integer",
    QuestionType.DECIMAL: "decimal",
    QuestionType.DATE: "date",
    QuestionType.DISPLAY: "note",
}


def language_column(field: str, code: str) -> str:
    """``label::English (en)``: the XLSForm convention, which tools read the code from."""
    return f"{field}::{_LANGUAGE_NAMES.get(code, code)} ({code})"


def write(questionnaire: Questionnaire, target: str | os.PathLike[str] | IO[bytes]) -> None:
    """Write the questionnaire as an ``.xlsx`` XLSForm to a path or a binary file."""
    to_workbook(questionnaire).save(target)


def to_workbook(questionnaire: Questionnaire) -> openpyxl.Workbook:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    orders = {"survey": _SURVEY_ORDER, "choices": _CHOICES_ORDER}
    for title, rows in to_sheets(questionnaire).items():
        sheet = workbook.create_sheet(title)
        columns = _columns(rows, orders.get(title, ()))
        sheet.append(columns)
        for row in rows:
            sheet.append([row.get(column) or None for column in columns])
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                # A label starting with "=" is text, not a formula to compute.
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
    return workbook


def to_sheets(questionnaire: Questionnaire) -> Sheets:
    """The survey, choices and settings sheets, each a list of ``{column: text}`` rows."""
    builder = _Builder(questionnaire)
    for section in questionnaire.sections:
        builder.section(section)
    settings: Row = {
        "form_title": questionnaire.title,
        "form_id": questionnaire.slug,
        "default_language": _LANGUAGE_NAMES.get(questionnaire.language, questionnaire.language)
        + f" ({questionnaire.language})",
        # Enketo shows one field-list group per screen, as Vivier shows one section per page.
        "style": "pages",
        vc.SETTINGS_LANGUAGE: questionnaire.language,
        vc.SETTINGS_DESCRIPTION: questionnaire.description,
        vc.SETTINGS_THANKS: questionnaire.thanks,
        vc.SETTINGS_TRANSLATIONS: _json(
            {lang: dict(texts) for lang, texts in questionnaire.translations.items()}
        ),
        vc.SETTINGS_META: _json(questionnaire.meta),
    }
    sheets: Sheets = {"survey": builder.survey}
    if builder.choices:
        # pyxform refuses a choices sheet without a header, and an empty one has none.
        sheets["choices"] = builder.choices
    # ODK refuses to update a form whose version did not change: derive it from the content.
    digest = hashlib.sha256(json.dumps([sheets, settings], sort_keys=True).encode()).hexdigest()
    settings["version"] = digest[:10]
    sheets["settings"] = [{key: value for key, value in settings.items() if value}]
    return sheets


# --------------------------------------------------------------------------- building


class _Builder:
    def __init__(self, questionnaire: Questionnaire) -> None:
        self.language = questionnaire.language
        self.languages = _languages(questionnaire)
        self.survey: list[Row] = []
        self.choices: list[Row] = []
        self._lists: dict[tuple[Any, ...], str] = {}
        self._list_names: set[str] = set()
        self._names = {q.name for q in questionnaire.questions()} | {
            s.name for s in questionnaire.sections
        }
        self._types: dict[str, QuestionType] = {}
        for q in questionnaire.questions():
            self._types[q.name] = q.type
            if q.other:
                self._types[q.other_name] = QuestionType.SHORT_TEXT

    # -- texts

    def texts(
        self, row: Row, own: Mapping[str, str], translations: Mapping[str, Mapping[str, str]]
    ) -> None:
        for field, text in own.items():
            if len(self.languages) == 1:
                if text:
                    row[field] = text
                continue
            if not text and not any(t.get(field) for t in translations.values()):
                continue
            for lang in self.languages:
                value = text if lang == self.language else translations.get(lang, {}).get(field)
                row[language_column(field, lang)] = value or text

    def choice_texts(self, row: Row, choice: Choice) -> None:
        self.texts(
            row, {"label": choice.label}, {k: {"label": v} for k, v in choice.translations.items()}
        )

    # -- sections

    def section(self, section: Section) -> None:
        row: Row = {"type": "begin_group", "name": section.name, "appearance": "field-list"}
        self.texts(row, {"label": section.title}, _renamed(section.translations, "title", "label"))
        self.expression(row, "relevant", section.relevant, None)
        row[vc.META] = _json(section.meta)
        self.survey.append(row)
        if section.description:
            note: Row = {
                "type": "note",
                "name": self.fresh_name(f"{section.name}_description"),
                vc.TYPE: vc.SECTION_DESCRIPTION,
            }
            self.texts(
                note,
                {"label": section.description},
                _renamed(section.translations, "description", "label"),
            )
            self.survey.append(note)
        for question in section.questions:
            self.question(question)
        self.survey.append({"type": "end_group"})

    # -- questions

    def question(self, q: Question) -> None:
        if q.type is QuestionType.RATING and q.scale is not None and q.scale.rows:
            self.grid(q, q.scale)
            return
        row: Row = {"type": self.type_of(q), "name": q.name}
        self.texts(row, _own_texts(q), q.translations)
        row["required"] = "yes" if q.required else ""
        self.expression(row, "relevant", q.relevant, None)
        if q.type is QuestionType.EMAIL:
            own = to_xpath(q.constraint, self._types, q.type) if q.constraint else ""
            row["constraint"] = f"({own}) and {EMAIL_CONSTRAINT}" if own else EMAIL_CONSTRAINT
            row[vc.CONSTRAINT] = q.constraint
        else:
            self.expression(row, "constraint", q.constraint, q.type)
        row["default"] = q.default
        row["appearance"] = _APPEARANCES.get(q.type, "")
        if _PLAIN_TYPES.get(q.type) != row["type"].split(" ")[0]:
            row[vc.TYPE] = q.type.value
        self.vivier_columns(row, q)
        row[vc.OTHER] = vc.YES if q.other else ""
        self.survey.append(row)
        if q.other:
            self.other_text(q)

    def grid(self, q: Question, scale: RatingScale) -> None:
        group: Row = {
            "type": "begin_group",
            "name": q.name,
            "appearance": "table-list",
            vc.TYPE: vc.RATING_GRID,
        }
        self.texts(
            group, {"label": q.label, "hint": q.hint}, _only(q.translations, "label", "hint")
        )
        self.expression(group, "relevant", q.relevant, None)
        group[vc.CONSTRAINT] = q.constraint
        self.vivier_columns(group, q)
        self.survey.append(group)
        points = f"select_one {self.scale_list(scale)}"
        messages = _only(q.translations, "required_message")
        for choice in scale.rows:
            name = self.fresh_name(f"{q.name}_{_name_part(choice.value)}")
            row: Row = {"type": points, "name": name}
            if name != f"{q.name}_{choice.value}":
                row[vc.ROW] = choice.value
            labels = {lang: {"label": text} for lang, text in choice.translations.items()}
            self.texts(row, {"label": choice.label}, labels)
            self.texts(row, {"required_message": q.required_message}, messages)
            row["required"] = "yes" if q.required else ""
            self.survey.append(row)
        self.survey.append({"type": "end_group"})

    def other_text(self, q: Question) -> None:
        row: Row = {"type": "text", "name": q.other_name}
        self.texts(row, {"label": q.other_label}, _renamed(q.translations, "other_label", "label"))
        # The engine asks for the text when "other" is chosen on a required question.
        row["required"] = "yes" if q.required else ""
        row["relevant"] = f"selected(${{{q.name}}}, '{OTHER_VALUE}')"
        self.survey.append(row)

    def vivier_columns(self, row: Row, q: Question) -> None:
        row[vc.NUMBER] = "" if q.number is None else str(q.number)
        row[vc.PERSONAL_DATA] = vc.YES if q.personal_data else ""
        row[vc.SOFT_REQUIRED] = vc.YES if q.soft_required else ""
        row[vc.SHEET_FIELD] = q.sheet_field.value if q.sheet_field else ""
        row[vc.META] = _json(q.meta)

    def expression(self, row: Row, column: str, source: str, current: QuestionType | None) -> None:
        if not source:
            return
        xpath = to_xpath(source, self._types, current)
        row[column] = xpath
        if xpath != source:
            row[vc.RELEVANT if column == "relevant" else vc.CONSTRAINT] = source

    def type_of(self, q: Question) -> str:
        match q.type:
            case QuestionType.SINGLE_CHOICE | QuestionType.MULTIPLE_CHOICE | QuestionType.RANKING:
                return f"{_PLAIN_TYPES[q.type]} {self.choice_list(q)}"
            case QuestionType.YES_NO:
                return f"select_one {self.add_list('yes_no', q.choices)}"
            case QuestionType.RATING:
                return f"select_one {self.scale_list(q.scale or RatingScale())}"
            case QuestionType.DEPARTEMENT:
                return f"select_one {self.add_list('departements', _DEPARTEMENT_CHOICES)}"
            case QuestionType.LONG_TEXT | QuestionType.EMAIL | QuestionType.PHONE:
                return "text"
        return _PLAIN_TYPES[q.type]

    # -- choice lists

    def choice_list(self, q: Question) -> str:
        choices = q.choices
        if q.other:
            other = Choice(
                OTHER_VALUE,
                q.other_label,
                {
                    lang: t["other_label"]
                    for lang, t in q.translations.items()
                    if "other_label" in t
                },
            )
            choices = (*choices, other)
        return self.add_list(q.name, choices)

    def scale_list(self, scale: RatingScale) -> str:
        last = scale.minimum + scale.points - 1
        points = tuple(
            Choice(str(point), scale.labels.get(point, str(point))) for point in scale.values
        )
        return self.add_list(f"scale_{scale.minimum}_{last}".replace("-", "m"), points)

    def add_list(self, preferred: str, choices: Iterable[Choice]) -> str:
        """The list's name, shared by questions with the very same options."""
        items = tuple(choices)
        key = tuple((c.value, c.label, tuple(sorted(c.translations.items()))) for c in items)
        if key in self._lists:
            return self._lists[key]
        name, n = preferred, 1
        while name in self._list_names:
            n += 1
            name = f"{preferred}_{n}"
        self._lists[key] = name
        self._list_names.add(name)
        for choice in items:
            row: Row = {"list_name": name, "name": choice.value}
            self.choice_texts(row, choice)
            self.choices.append(row)
        return name

    def fresh_name(self, preferred: str) -> str:
        name, n = preferred, 1
        while name in self._names:
            n += 1
            name = f"{preferred}_{n}"
        self._names.add(name)
        return name


_APPEARANCES = {
    QuestionType.LONG_TEXT: "multiline",
    QuestionType.RATING: "likert",
    QuestionType.DEPARTEMENT: "minimal",
    QuestionType.PHONE: "numbers",
}
_DEPARTEMENT_CHOICES = tuple(Choice(d.code, departement_label(d.code)) for d in DEPARTEMENTS)


# --------------------------------------------------------------------------- expressions


def to_xpath(
    source: str, types: Mapping[str, QuestionType], current: QuestionType | None = None
) -> str:
    """The expression as ODK's XPath wants it; the source itself when nothing differs.

    ``types`` gives the type of each question name, ``current`` that of ``.``. A text that
    does not parse is passed as it is: pyxform will say what is wrong with it.
    """
    try:
        node = parse(source)
    except ExpressionError:
        return source
    rewritten = _rewrite(node, types, current)
    return source if rewritten == node else to_source(rewritten)


def _rewrite(node: Node, types: Mapping[str, QuestionType], current: QuestionType | None) -> Node:
    match node:
        case Call(name="string-length", args=()):
            return Call("string-length", (Current(),))
        case Call(name=name, args=args):
            return Call(name, tuple(_rewrite(a, types, current) for a in args))
        case Unary(op=op, operand=operand):
            return Unary(op, _rewrite(operand, types, current))
        case Binary(op=op, left=left, right=right) if op in RELATIONAL:
            left, right = _rewrite(left, types, current), _rewrite(right, types, current)
            if _is_date(left, types, current):
                right = _as_date(right)
            if _is_date(right, types, current):
                left = _as_date(left)
            return Binary(op, left, right)
        case Binary(op=op, left=left, right=right):
            return Binary(op, _rewrite(left, types, current), _rewrite(right, types, current))
    return node


def _is_date(node: Node, types: Mapping[str, QuestionType], current: QuestionType | None) -> bool:
    if isinstance(node, Ref):
        return types.get(node.name) is QuestionType.DATE
    return isinstance(node, Current) and current is QuestionType.DATE


def _as_date(node: Node) -> Node:
    if not (isinstance(node, Literal) and isinstance(node.value, str)):
        return node
    if ISO_DATE_RE.fullmatch(node.value.strip()):
        return Call("date", (node,))
    return node


# --------------------------------------------------------------------------- helpers


def _languages(questionnaire: Questionnaire) -> tuple[str, ...]:
    # ``Questionnaire.languages()`` does not look into options and grid rows.
    found = dict.fromkeys(questionnaire.languages())
    for q in questionnaire.questions():
        for choice in (*q.choices, *(q.scale.rows if q.scale else ())):
            found.update(dict.fromkeys(choice.translations))
    return tuple(found)


def _name_part(value: str) -> str:
    # Row questions are XML elements, and importers rename what is not a plain identifier.
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9_]+", "_", ascii_text).strip("_") or "row"


def _own_texts(q: Question) -> dict[str, str]:
    return {field: getattr(q, field) for field in _QUESTION_TEXTS}


def _renamed(
    translations: Mapping[str, Mapping[str, str]], source: str, target: str
) -> dict[str, dict[str, str]]:
    return {lang: {target: t[source]} for lang, t in translations.items() if t.get(source)}


def _only(translations: Mapping[str, Mapping[str, str]], *fields: str) -> dict[str, dict[str, str]]:
    return {lang: {f: t[f] for f in fields if t.get(f)} for lang, t in translations.items()}


def _json(value: Mapping[str, Any]) -> str:
    if not value:
        return ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_plain)


def _plain(value: Any) -> Any:
    # ``meta`` holds frozen mappings and tuples; anything stranger is kept as its text.
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    return str(value)


def _columns(rows: list[Row], order: tuple[str, ...]) -> list[str]:
    """Every column some row fills, the known ones first in XLSForm's usual order."""
    seen: dict[str, int] = {}
    for row in rows:
        for column, value in row.items():
            if value:
                seen.setdefault(column, len(seen))
    rank = {column: i for i, column in enumerate(order)}

    def position(column: str) -> tuple[int, int]:
        return rank.get(column.split("::", 1)[0], len(rank)), seen[column]

    return sorted(seen, key=position)
