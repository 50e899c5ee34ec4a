"""What every catalogue of problems shares: severity, templates, values said per language.

A code is an enum member holding a French and an English template and a severity; the place
that finds the problem gives the values (``sheet``, ``row``, ``name``…) and the message is
written when someone reads it, in their language. The engine's catalogue
(:class:`vivier.surveys.errors.ErrorCode`) and the files' one
(:class:`vivier.problems.codes.ProblemCode`) are built on :class:`CatalogueCode`.

Pure core: no Django import.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Any

#: Lists longer than this are cut in messages: 101 département codes help nobody.
MAX_LISTED = 12


class Severity(StrEnum):
    #: The input is refused (a form cannot be sent, a file is not imported).
    ERROR = "error"
    #: The input is taken, changed or partly left aside; the message says how.
    WARNING = "warning"


def english(lang: str) -> bool:
    return lang.startswith("en")


@dataclass(frozen=True, slots=True)
class Localized:
    """A value each language writes its own way: ``classeur``/``workbook``, ``16 384``/``16,384``,
    or a piece of sentence made by a :class:`Phrase`."""

    fr: str
    en: str

    def text(self, lang: str = "fr") -> str:
        return self.en if english(lang) else self.fr


@dataclass(frozen=True, slots=True)
class Phrase:
    """A piece of a message that is there or not (a "did you mean…?" hint), kept beside the
    codes so the wording stays in the catalogue; calling it gives a :class:`Localized`."""

    fr: str
    en: str

    def __call__(self, **params: Any) -> Localized:
        return Localized(render(self.fr, params, "fr"), render(self.en, params, "en"))


def number(value: int) -> Localized:
    """``16 384`` in French (a no-break space between thousands), ``16,384`` in English."""
    return Localized(f"{value:,}".replace(",", "\u00a0"), f"{value:,}")


def render_list(values: Iterable[Any], lang: str = "fr") -> str:
    """« a », « b », … so a list reads the same everywhere, cut after ``MAX_LISTED`` items."""
    items = [str(v) for v in values]
    fr = not english(lang)
    quoted = [f"« {v} »" if fr else f"'{v}'" for v in items[:MAX_LISTED]]
    rest = len(items) - len(quoted)
    if rest > 0:
        quoted.append(f"et {rest} autres" if fr else f"and {rest} more")
    return ", ".join(quoted)


class _Params(dict[str, Any]):
    """Leaves an unknown placeholder visible instead of crashing while showing a problem."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def localize(value: Any, lang: str) -> Any:
    """A parameter as the message in ``lang`` shows it."""
    if isinstance(value, Localized):
        return value.text(lang)
    if isinstance(value, set | frozenset):
        return render_list(sorted(value, key=str), lang)
    if isinstance(value, list | tuple):
        return render_list(value, lang)
    return value


def render(template: str, params: Mapping[str, Any], lang: str) -> str:
    """``template`` (``str.format`` placeholders) filled with ``params`` in ``lang``."""
    values = _Params({key: localize(value, lang) for key, value in params.items()})
    return string.Formatter().vformat(template, (), values)


def placeholders(template: str) -> frozenset[str]:
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


class CatalogueCode(Enum):
    """One member per kind of problem: (French template, English template, severity[, code]).

    ``code`` is the stable string stored with import reports and shown on pages; it is the
    member's name unless given (two wordings of one stored code). Values are numbered in
    order of definition so that two members with the same wording stay two members.
    """

    fr: str
    en: str
    severity: Severity
    _code: str | None

    def __new__(
        cls, fr: str, en: str, severity: Severity, code: str | None = None
    ) -> CatalogueCode:
        member = object.__new__(cls)
        member._value_ = len(cls.__members__) + 1
        member.fr, member.en, member.severity, member._code = fr, en, severity, code
        return member

    def __repr__(self) -> str:
        return f"<{type(self).__name__}.{self.name}>"

    @property
    def code(self) -> str:
        return self._code or self.name

    def template(self, lang: str = "fr") -> str:
        return self.en if english(lang) else self.fr

    def placeholders(self, lang: str = "fr") -> frozenset[str]:
        """The names a template uses; the tests check French and English agree."""
        return placeholders(self.template(lang))

    def render(self, params: Mapping[str, Any], lang: str = "fr") -> str:
        return render(self.template(lang), params, lang)


__all__ = [
    "MAX_LISTED",
    "CatalogueCode",
    "Localized",
    "Phrase",
    "Severity",
    "english",
    "localize",
    "number",
    "placeholders",
    "render",
    "render_list",
]
