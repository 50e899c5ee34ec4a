"""The questionnaire definition: plain, immutable data.

A questionnaire is data, not code: everything here can be written to JSON and read back
(see ``vivier.surveys.codecs.vivier_json``). Nothing in this package imports Django, so the
engine can be used and tested on its own, and by the command line without a database.

Answer values, as stored in a response (JSON-native so they survive every export):

==================  ==========================================================
type                value
==================  ==========================================================
single_choice       the option's ``value`` (str)
multiple_choice     list of option values, in the order of the options
short/long_text     str
integer             int
decimal             float
date                ISO date "YYYY-MM-DD"
yes_no              "yes" | "no" | "dont_know"
rating              int (one of the scale's points); with ``rows``: {row: int}
ranking             list of option values, best first
departement         official code ("01".."95", "2A", "2B", "971".."976")
email, phone        str (personal data)
display             never answered
==================  ==========================================================

The free text that goes with an "Autre (précisez)" option is stored under
``<name>_other``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any

OTHER_VALUE = "other"
OTHER_SUFFIX = "_other"


class QuestionType(StrEnum):
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    INTEGER = "integer"
    DECIMAL = "decimal"
    DATE = "date"
    YES_NO = "yes_no"
    RATING = "rating"
    RANKING = "ranking"
    DEPARTEMENT = "departement"
    EMAIL = "email"
    PHONE = "phone"
    DISPLAY = "display"


#: Types whose answer is a list of option values.
LIST_TYPES = frozenset({QuestionType.MULTIPLE_CHOICE, QuestionType.RANKING})
#: Types that offer a fixed list of options (their answers can be counted).
CLOSED_TYPES = frozenset(
    {
        QuestionType.SINGLE_CHOICE,
        QuestionType.MULTIPLE_CHOICE,
        QuestionType.YES_NO,
        QuestionType.RATING,
        QuestionType.RANKING,
        QuestionType.DEPARTEMENT,
    }
)
NUMERIC_TYPES = frozenset({QuestionType.INTEGER, QuestionType.DECIMAL, QuestionType.RATING})
#: Types that always hold personal data, whatever the author says.
PERSONAL_TYPES = frozenset({QuestionType.EMAIL, QuestionType.PHONE})


class YesNo(StrEnum):
    YES = "yes"
    NO = "no"
    DONT_KNOW = "dont_know"


class SheetField(StrEnum):
    """The field of a practice sheet that a question's answer fills when the working group
    turns a response into a candidate sheet (``vivier.practices.candidates``).

    Declared by the questionnaire, so that the registry names no question of its own: several
    questions may fill the same field (one per branch of the path); the first one answered, in
    questionnaire order, wins. Titles and descriptions are also read for the sheet's themes.
    """

    TITLE = "title"
    DESCRIPTION = "description"
    #: A ``departement`` question: the code goes to the sheet's territory.
    DEPARTEMENT = "departement"
    #: A choice whose values are the sheet's statuses (naissante, renaissante...).
    STATUS = "status"
    #: A choice whose values are the sheet's origins (besoin_terrain, demande_hierarchie).
    ORIGIN = "origin"
    PUBLICS = "publics"


#: Texts in other languages than the questionnaire's own: ``{"en": {"label": "..."}}``.
Translations = Mapping[str, Mapping[str, str]]


def _frozen_translations(value: Mapping[str, Mapping[str, str]] | None) -> Translations:
    return MappingProxyType({lang: MappingProxyType(dict(t)) for lang, t in (value or {}).items()})


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: str
    #: The label in other languages: ``{"en": "Yes"}``.
    translations: Mapping[str, str] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "translations", MappingProxyType(dict(self.translations)))

    def label_in(self, language: str) -> str:
        return self.translations.get(language) or self.label


YES_NO_CHOICES: tuple[Choice, ...] = (
    Choice(YesNo.YES.value, "Oui"),
    Choice(YesNo.NO.value, "Non"),
    Choice(YesNo.DONT_KNOW.value, "Je ne sais pas"),
)


@dataclass(frozen=True, slots=True)
class RatingScale:
    """A scale of ``points`` steps from ``minimum``; ``labels`` names some of the points.

    With ``rows`` the question is a grid (one rating per row), like the HCTS Q71 which rates
    the involvement of each kind of actor.
    """

    points: int = 5
    minimum: int = 1
    labels: Mapping[int, str] = field(default_factory=dict)
    rows: tuple[Choice, ...] = ()

    @property
    def values(self) -> range:
        return range(self.minimum, self.minimum + self.points)


def _frozen(mapping: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True, slots=True)
class Question:
    name: str
    type: QuestionType
    label: str
    hint: str = ""
    required: bool = False
    required_message: str = ""
    #: Relevance expression (XLSForm subset); empty means always shown.
    relevant: str = ""
    #: Constraint expression where ``.`` is the answer itself; empty means none.
    constraint: str = ""
    constraint_message: str = ""
    choices: tuple[Choice, ...] = ()
    #: Offer an "Autre (précisez)" option whose text goes to ``<name>_other``.
    other: bool = False
    other_label: str = "Autre (précisez)"
    scale: RatingScale | None = None
    #: Personal data is stored apart from the answers, exportable and erasable.
    personal_data: bool = False
    #: The number the question carries in its source (HCTS "Q14" is 14).
    number: int | None = None
    #: Free metadata: provenance (``basis``: stated/inferred), source line numbers, notes;
    #: imported questions keep their name in the source tool in ``meta["source_name"]``.
    meta: Mapping[str, Any] = field(default_factory=dict)
    #: Value shown pre-filled before the respondent answers, as text (XLSForm ``default``).
    default: str = ""
    #: Warn once when left empty, but let the respondent go on (LimeSurvey's soft mandatory).
    soft_required: bool = False
    #: Texts in other languages: ``{"en": {"label": ..., "hint": ...}}``; keys among
    #: label, hint, required_message, constraint_message, other_label.
    translations: Translations = field(default_factory=dict)
    #: The practice-sheet field this answer fills in a candidate sheet, if any.
    sheet_field: SheetField | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "type", QuestionType(self.type))
        if self.sheet_field is not None:
            object.__setattr__(self, "sheet_field", SheetField(self.sheet_field))
        object.__setattr__(self, "meta", _frozen(self.meta))
        object.__setattr__(self, "translations", _frozen_translations(self.translations))
        if self.type in PERSONAL_TYPES:
            object.__setattr__(self, "personal_data", True)
        if self.type is QuestionType.YES_NO and not self.choices:
            object.__setattr__(self, "choices", YES_NO_CHOICES)
        if self.type is QuestionType.RATING and self.scale is None:
            object.__setattr__(self, "scale", RatingScale())

    @property
    def other_name(self) -> str:
        return self.name + OTHER_SUFFIX

    def text_in(self, name: str, language: str) -> str:
        """A text field (``label``, ``title``...) in ``language``, else in the source language."""
        return self.translations.get(language, {}).get(name) or getattr(self, name)

    @property
    def answerable(self) -> bool:
        return self.type is not QuestionType.DISPLAY

    @property
    def is_list(self) -> bool:
        return self.type in LIST_TYPES or (
            self.type is QuestionType.RATING and bool(self.scale and self.scale.rows)
        )

    def option_values(self) -> tuple[str, ...]:
        values = tuple(c.value for c in self.choices)
        return (*values, OTHER_VALUE) if self.other else values

    def choice_label(self, value: str) -> str:
        for choice in self.choices:
            if choice.value == value:
                return choice.label
        if self.other and value == OTHER_VALUE:
            return self.other_label
        return value


@dataclass(frozen=True, slots=True)
class Section:
    """One page of the respondent's path."""

    name: str
    title: str
    questions: tuple[Question, ...]
    description: str = ""
    relevant: str = ""
    meta: Mapping[str, Any] = field(default_factory=dict)
    #: ``{"en": {"title": ..., "description": ...}}``
    translations: Translations = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "questions", tuple(self.questions))
        object.__setattr__(self, "meta", _frozen(self.meta))
        object.__setattr__(self, "translations", _frozen_translations(self.translations))

    def text_in(self, name: str, language: str) -> str:
        """A text field (``label``, ``title``...) in ``language``, else in the source language."""
        return self.translations.get(language, {}).get(name) or getattr(self, name)


@dataclass(frozen=True, slots=True)
class Questionnaire:
    slug: str
    title: str
    sections: tuple[Section, ...]
    description: str = ""
    language: str = "fr"
    #: Text of the page shown after submission.
    thanks: str = ""
    meta: Mapping[str, Any] = field(default_factory=dict)
    #: ``{"en": {"title": ..., "description": ..., "thanks": ...}}``
    translations: Translations = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "sections", tuple(self.sections))
        object.__setattr__(self, "meta", _frozen(self.meta))
        object.__setattr__(self, "translations", _frozen_translations(self.translations))

    def text_in(self, name: str, language: str) -> str:
        """A text field (``label``, ``title``...) in ``language``, else in the source language."""
        return self.translations.get(language, {}).get(name) or getattr(self, name)

    def languages(self) -> tuple[str, ...]:
        """The questionnaire's own language first, then every language some text has."""
        found: dict[str, None] = {self.language: None}
        for lang in self.translations:
            found.setdefault(lang)
        for section in self.sections:
            for lang in section.translations:
                found.setdefault(lang)
            for q in section.questions:
                for lang in q.translations:
                    found.setdefault(lang)
        return tuple(found)

    def questions(self) -> Iterator[Question]:
        for section in self.sections:
            yield from section.questions

    def question_map(self) -> dict[str, Question]:
        return {q.name: q for q in self.questions()}

    def question(self, name: str) -> Question:
        for q in self.questions():
            if q.name == name:
                return q
        raise KeyError(name)

    def section_of(self, name: str) -> Section:
        for section in self.sections:
            if any(q.name == name for q in section.questions):
                return section
        raise KeyError(name)

    def answer_keys(self) -> list[str]:
        """Every key a response may hold, in questionnaire order (``qN_other`` after ``qN``)."""
        keys: list[str] = []
        for q in self.questions():
            if q.answerable:
                keys.append(q.name)
                if q.other:
                    keys.append(q.other_name)
        return keys

    def personal_keys(self) -> frozenset[str]:
        keys: set[str] = set()
        for q in self.questions():
            if q.personal_data:
                keys.add(q.name)
                if q.other:
                    keys.add(q.other_name)
        return frozenset(keys)
