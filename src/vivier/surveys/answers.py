"""Answers as they arrive (web forms, imports) and their validation against a questionnaire.

Two steps with different jobs:

* ``coerce`` turns what a form or a file gives (strings, lists of strings) into the stored
  value of the question's type (see ``schema``), and refuses input it cannot read with a
  message the respondent can act on ("Saisissez un nombre entier, par exemple 12.").
* ``validate_answers`` checks a whole response at once and returns *every* problem, keyed by
  answer key, so a page can show an error summary linking to each field (GOV.UK/DSFR
  guidance) and an import can report all bad cells in one pass.

Validation expects stored types (an ``int`` for an integer question, not ``"12"``): a
value of the wrong type is an error, never silently converted. ``clean_response`` does both
steps for imports.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from typing import Any

from vivier.surveys.errors import EngineError, ErrorCode, Issue
from vivier.surveys.expressions import truthy
from vivier.surveys.flow import (
    CompiledQuestion,
    Path,
    compile_questionnaire,
    is_empty,
    other_chosen,
    prune,
)
from vivier.surveys.schema import OTHER_VALUE, Question, Questionnaire, QuestionType
from vivier.territories import DEPARTEMENT_CODES, DEPARTEMENTS, normalize_departement

SHORT_TEXT_LIMIT = 500
LONG_TEXT_LIMIT = 10_000
#: The "Autre (précisez)" text is a short text.
OTHER_TEXT_LIMIT = SHORT_TEXT_LIMIT
#: Département codes in the official (COG) order, for option lists and messages.
DEPARTEMENT_OPTIONS: tuple[str, ...] = tuple(d.code for d in DEPARTEMENTS)

Answers = Mapping[str, Any]
IssuesByKey = dict[str, list[Issue]]

# -- Formats --------------------------------------------------------------------------------------

_SPACES_RE = re.compile(r"[\s\u00a0\u202f]+")
_INTEGER_RE = re.compile(r"[+-]?\d{1,18}(?:[.,]0*)?")
_DECIMAL_RE = re.compile(r"[+-]?(?:\d{1,18}(?:[.,]\d*)?|[.,]\d+)")
_ISO_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_FRENCH_DATE_RE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
# Deliberately simple (RFC 5322 is not worth it): dot-separated atoms, a domain with at least
# one dot and a letters-only top-level domain. Lengths are checked apart, which also keeps
# the regular expression from ever seeing a huge input.
_EMAIL_RE = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)
_PHONE_SEPARATORS_RE = re.compile(r"[\s\u00a0\u202f.\-/]+")
_NATIONAL_NUMBER_RE = re.compile(r"[1-9]\d{8}")


def is_valid_email(text: str) -> bool:
    local, _, domain = text.rpartition("@")
    if len(text) > 254 or len(local) > 64 or not domain:
        return False
    return _EMAIL_RE.fullmatch(text) is not None


def normalize_phone(text: str) -> str | None:
    """A French number written any usual way, as 10 digits ("0123456789"); None if not one.

    Accepts ``01 23 45 67 89``, ``01.23.45.67.89``, ``01-23-45-67-89``, ``+33 1 23 45 67 89``,
    ``+33 (0)1 23 45 67 89`` and ``0033 1 23 45 67 89``.
    """
    if len(text) > 40:
        return None
    compact = _PHONE_SEPARATORS_RE.sub("", text.replace("(0)", ""))
    for prefix in ("+33", "0033"):
        if compact.startswith(prefix):
            rest = compact[len(prefix) :]
            # "+33 06…" keeps the trunk 0 by mistake; it is unambiguous, so accept it.
            rest = rest[1:] if len(rest) == 10 and rest.startswith("0") else rest
            break
    else:
        if not compact.startswith("0"):
            return None
        rest = compact[1:]
    return "0" + rest if _NATIONAL_NUMBER_RE.fullmatch(rest) else None


def _parse_date(text: str) -> str | None:
    iso = _ISO_DATE_RE.fullmatch(text)
    french = _FRENCH_DATE_RE.fullmatch(text)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
    elif french:
        day, month, year = (int(part) for part in french.groups())
    else:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


# -- Coercion -----------------------------------------------------------------------------------


def _refuse(question: Question, code: ErrorCode, **params: Any) -> EngineError:
    return EngineError(Issue(code, params, question=question.name))


def coerce(question: Question, raw: Any) -> Any:
    """The stored value for what a form or file gave; None for an empty answer.

    Raises ``EngineError`` with a catalogue issue when the input cannot be read. Whether a
    choice is among the options is left to ``validate_answers``, which sees every problem.
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, list | tuple | dict) and not raw:
        return None
    return _COERCERS[question.type](question, raw)


def _scalar_text(question: Question, raw: Any) -> str:
    if isinstance(raw, list | tuple) and len(raw) == 1:
        raw = raw[0]
    if isinstance(raw, str):
        return raw.strip()
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return str(raw)
    raise _refuse(question, ErrorCode.EXPECTED_TEXT)


def _coerce_text(question: Question, raw: Any) -> str | None:
    text = _scalar_text(question, raw).replace("\r\n", "\n").replace("\r", "\n")
    return text or None


def _option_for(question: Question, text: str) -> str:
    """The option value for a value or, as imports often carry them, a label ("Oui")."""
    if text in question.option_values():
        return text
    folded = text.casefold()
    matches = [c.value for c in question.choices if c.label.strip().casefold() == folded]
    if question.other and question.other_label.strip().casefold() == folded:
        matches.append(OTHER_VALUE)
    return matches[0] if len(matches) == 1 else text


def _coerce_choice(question: Question, raw: Any) -> str | None:
    if isinstance(raw, bool) and question.type is QuestionType.YES_NO:
        return "yes" if raw else "no"
    if isinstance(raw, list | tuple) and len(raw) > 1:
        raise _refuse(question, ErrorCode.EXPECTED_ONE_CHOICE)
    text = _scalar_text(question, raw)
    return _option_for(question, text) if text else None


def _coerce_choices(question: Question, raw: Any) -> list[str] | None:
    if isinstance(raw, str):
        # A space-separated text is how ODK and our CSV exports write a multiple choice.
        items: list[Any] = raw.split()
    elif isinstance(raw, list | tuple):
        items = list(raw)
    else:
        raise _refuse(question, ErrorCode.EXPECTED_LIST)
    values: list[str] = []
    for item in items:
        if isinstance(item, bool) or not isinstance(item, str | int):
            raise _refuse(question, ErrorCode.EXPECTED_LIST)
        text = str(item).strip()
        if text:
            values.append(_option_for(question, text))
    if not values:
        return None
    if question.type is QuestionType.MULTIPLE_CHOICE:
        order = {value: index for index, value in enumerate(question.option_values())}
        values.sort(key=lambda value: order.get(value, len(order)))
    return values


def _coerce_integer(question: Question, raw: Any) -> int | None:
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    if isinstance(raw, str):
        text = _SPACES_RE.sub("", raw)
        if _INTEGER_RE.fullmatch(text):
            return int(re.split(r"[.,]", text)[0])
    raise _refuse(question, ErrorCode.EXPECTED_INTEGER)


def _coerce_decimal(question: Question, raw: Any) -> float | None:
    number: float | None = None
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        number = float(raw)
    elif isinstance(raw, str):
        text = _SPACES_RE.sub("", raw)
        if _DECIMAL_RE.fullmatch(text):
            number = float(text.replace(",", "."))
    if number is None or not math.isfinite(number):
        raise _refuse(question, ErrorCode.EXPECTED_DECIMAL)
    return number


def _coerce_date(question: Question, raw: Any) -> str | None:
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    parsed = _parse_date(raw.strip()) if isinstance(raw, str) else None
    if parsed is None:
        raise _refuse(question, ErrorCode.EXPECTED_DATE)
    return parsed


def _scale_bounds(question: Question) -> dict[str, int]:
    values = question.scale.values if question.scale else range(1, 6)
    return {"minimum": values.start, "maximum": values.stop - 1}


def _rating_point(question: Question, raw: Any) -> int | None:
    if isinstance(raw, str) and not raw.strip():
        return None
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and re.fullmatch(r"[+-]?\d{1,9}", raw.strip()):
        return int(raw)
    raise _refuse(question, ErrorCode.EXPECTED_RATING, **_scale_bounds(question))


def _coerce_rating(question: Question, raw: Any) -> int | dict[str, int] | None:
    if not question.is_list:
        return _rating_point(question, raw)
    if not isinstance(raw, Mapping):
        raise _refuse(question, ErrorCode.EXPECTED_GRID)
    grid = {str(row): _rating_point(question, value) for row, value in raw.items()}
    cleaned = {row: point for row, point in grid.items() if point is not None}
    return cleaned or None


def _coerce_departement(question: Question, raw: Any) -> str | None:
    text = _scalar_text(question, raw)
    code = normalize_departement(text)
    if code is None:
        raise _refuse(question, ErrorCode.INVALID_DEPARTEMENT, value=text)
    return code


def _coerce_email(question: Question, raw: Any) -> str | None:
    text = _scalar_text(question, raw)
    if not is_valid_email(text):
        raise _refuse(question, ErrorCode.INVALID_EMAIL)
    return text


def _coerce_phone(question: Question, raw: Any) -> str | None:
    phone = normalize_phone(_scalar_text(question, raw))
    if phone is None:
        raise _refuse(question, ErrorCode.INVALID_PHONE)
    return phone


def _coerce_display(question: Question, raw: Any) -> None:
    raise _refuse(question, ErrorCode.NOT_ANSWERABLE, key=question.name)


_COERCERS: dict[QuestionType, Callable[[Question, Any], Any]] = {
    QuestionType.SINGLE_CHOICE: _coerce_choice,
    QuestionType.YES_NO: _coerce_choice,
    QuestionType.MULTIPLE_CHOICE: _coerce_choices,
    QuestionType.RANKING: _coerce_choices,
    QuestionType.SHORT_TEXT: _coerce_text,
    QuestionType.LONG_TEXT: _coerce_text,
    QuestionType.INTEGER: _coerce_integer,
    QuestionType.DECIMAL: _coerce_decimal,
    QuestionType.DATE: _coerce_date,
    QuestionType.RATING: _coerce_rating,
    QuestionType.DEPARTEMENT: _coerce_departement,
    QuestionType.EMAIL: _coerce_email,
    QuestionType.PHONE: _coerce_phone,
    QuestionType.DISPLAY: _coerce_display,
}


# -- Value checks (stored types) ------------------------------------------------------------------


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def value_problems(question: Question, value: Any) -> list[Issue]:
    """What is wrong with a non-empty stored value, whatever the context (relevance, etc.)."""
    return list(_VALUE_CHECKS[question.type](question, value))


def _check_text(question: Question, value: Any) -> Iterator[Issue]:
    if not isinstance(value, str):
        yield Issue(ErrorCode.EXPECTED_TEXT)
        return
    limit = LONG_TEXT_LIMIT if question.type is QuestionType.LONG_TEXT else SHORT_TEXT_LIMIT
    if len(value) > limit:
        yield Issue(ErrorCode.TEXT_TOO_LONG, {"length": len(value), "limit": limit})


def _check_integer(question: Question, value: Any) -> Iterator[Issue]:
    if not _is_int(value):
        yield Issue(ErrorCode.EXPECTED_INTEGER)


def _check_decimal(question: Question, value: Any) -> Iterator[Issue]:
    if not (isinstance(value, int | float) and not isinstance(value, bool)) or not math.isfinite(
        value
    ):
        yield Issue(ErrorCode.EXPECTED_DECIMAL)


def _check_date(question: Question, value: Any) -> Iterator[Issue]:
    if not (isinstance(value, str) and _ISO_DATE_RE.fullmatch(value) and _parse_date(value)):
        yield Issue(ErrorCode.EXPECTED_DATE)


def _unknown_choice(question: Question, value: Any) -> Issue:
    return Issue(
        ErrorCode.UNKNOWN_CHOICE, {"value": value, "options": list(question.option_values())}
    )


def _check_choice(question: Question, value: Any) -> Iterator[Issue]:
    if not isinstance(value, str):
        yield Issue(ErrorCode.EXPECTED_ONE_CHOICE)
    elif value not in question.option_values():
        yield _unknown_choice(question, value)


def _check_choices(question: Question, value: Any) -> Iterator[Issue]:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        yield Issue(ErrorCode.EXPECTED_LIST)
        return
    options = question.option_values()
    repeated = (
        ErrorCode.RANKING_DUPLICATE
        if question.type is QuestionType.RANKING
        else ErrorCode.DUPLICATE_SELECTION
    )
    seen: set[str] = set()
    for item in value:
        if item not in options:
            yield _unknown_choice(question, item)
        elif item in seen:
            yield Issue(repeated, {"value": item})
        seen.add(item)


def _check_point(question: Question, value: Any) -> Iterator[Issue]:
    bounds = _scale_bounds(question)
    if not _is_int(value):
        yield Issue(ErrorCode.EXPECTED_RATING, bounds)
    elif not bounds["minimum"] <= value <= bounds["maximum"]:
        yield Issue(ErrorCode.RATING_OUT_OF_SCALE, {"value": value, **bounds})


def _check_rating(question: Question, value: Any) -> Iterator[Issue]:
    if not question.is_list:
        yield from _check_point(question, value)
        return
    if not isinstance(value, Mapping):
        yield Issue(ErrorCode.EXPECTED_GRID)
        return
    rows = [row.value for row in question.scale.rows] if question.scale else []
    for row, point in value.items():
        if row not in rows:
            yield Issue(ErrorCode.RATING_UNKNOWN_ROW, {"row": row, "rows": rows})
        elif point is not None:
            yield from _check_point(question, point)


def _check_departement(question: Question, value: Any) -> Iterator[Issue]:
    if not isinstance(value, str) or value not in DEPARTEMENT_CODES:
        yield Issue(ErrorCode.INVALID_DEPARTEMENT, {"value": value})


def _check_email(question: Question, value: Any) -> Iterator[Issue]:
    if not isinstance(value, str) or not is_valid_email(value):
        yield Issue(ErrorCode.INVALID_EMAIL)


def _check_phone(question: Question, value: Any) -> Iterator[Issue]:
    if not isinstance(value, str) or normalize_phone(value) is None:
        yield Issue(ErrorCode.INVALID_PHONE)


def _check_display(question: Question, value: Any) -> Iterator[Issue]:
    yield Issue(ErrorCode.NOT_ANSWERABLE, {"key": question.name})


_VALUE_CHECKS: dict[QuestionType, Callable[[Question, Any], Iterator[Issue]]] = {
    QuestionType.SINGLE_CHOICE: _check_choice,
    QuestionType.YES_NO: _check_choice,
    QuestionType.MULTIPLE_CHOICE: _check_choices,
    QuestionType.RANKING: _check_choices,
    QuestionType.SHORT_TEXT: _check_text,
    QuestionType.LONG_TEXT: _check_text,
    QuestionType.INTEGER: _check_integer,
    QuestionType.DECIMAL: _check_decimal,
    QuestionType.DATE: _check_date,
    QuestionType.RATING: _check_rating,
    QuestionType.DEPARTEMENT: _check_departement,
    QuestionType.EMAIL: _check_email,
    QuestionType.PHONE: _check_phone,
    QuestionType.DISPLAY: _check_display,
}


# -- Whole responses ------------------------------------------------------------------------------


def validate_answers(
    questionnaire: Questionnaire,
    answers: Answers,
    *,
    partial_sections: Iterable[str] | None = None,
) -> IssuesByKey:
    """Every problem of a response, keyed by answer key (question name or ``<name>_other``).

    ``partial_sections`` limits the *required* checks to those sections (saving one page of
    a draft must not complain about pages not reached yet); every other check still applies
    to every answer given. An empty result means the response can be submitted.
    """
    compiled = compile_questionnaire(questionnaire)
    path = compiled.path(answers)
    scope = None if partial_sections is None else frozenset(partial_sections)
    found: IssuesByKey = defaultdict(list)
    for key, issue in _unknown_keys(questionnaire, answers):
        found[key].append(issue)
    for compiled_section in compiled.sections:
        for compiled_question in compiled_section.questions:
            if not compiled_question.question.answerable:
                continue
            required = compiled_question.question.required and (
                scope is None or compiled_question.section in scope
            )
            for key, issue in _question_issues(compiled_question, answers, path, required):
                found[key].append(
                    replace(
                        issue,
                        section=compiled_question.section,
                        question=compiled_question.question.name,
                    )
                )
    return dict(found)


def _unknown_keys(questionnaire: Questionnaire, answers: Answers) -> Iterator[tuple[str, Issue]]:
    known = set(questionnaire.answer_keys())
    texts = {q.name for q in questionnaire.questions() if not q.answerable}
    for key, value in answers.items():
        if key in known or is_empty(value):
            continue
        if key in texts:
            yield key, Issue(ErrorCode.NOT_ANSWERABLE, {"key": key}, question=key)
        else:
            yield key, Issue(ErrorCode.UNKNOWN_ANSWER_KEY, {"key": key})


def _question_issues(
    compiled: CompiledQuestion, answers: Answers, path: Path, required: bool
) -> Iterator[tuple[str, Issue]]:
    question = compiled.question
    name, other_key = question.name, question.other_name
    value = answers.get(name)
    other_text = answers.get(other_key) if question.other else None
    if name not in path.relevant:
        for key, given in ((name, value), (other_key, other_text)):
            if not is_empty(given):
                yield key, Issue(ErrorCode.ANSWER_NOT_RELEVANT)
        return
    if is_empty(value):
        if required:
            yield name, _required_issue(question)
        if not is_empty(other_text):
            yield other_key, Issue(ErrorCode.OTHER_WITHOUT_OPTION, {"label": question.other_label})
        return
    problems = value_problems(question, value)
    yield from ((name, problem) for problem in problems)
    if required and question.is_list and question.type is QuestionType.RATING:
        yield from _missing_rows(question, value)
    constraint = compiled.constraint
    if not problems and constraint is not None and not truthy(constraint(path.effective, value)):
        yield name, _constraint_issue(question)
    if question.other and not any(problem.code in _SHAPE_CODES for problem in problems):
        # The other text is judged against the choice; an unreadable choice says nothing.
        yield from _other_issues(question, value, other_text, required)


_SHAPE_CODES = frozenset({ErrorCode.EXPECTED_ONE_CHOICE, ErrorCode.EXPECTED_LIST})


def _required_issue(question: Question) -> Issue:
    if question.required_message:
        return Issue(ErrorCode.REQUIRED_CUSTOM, {"text": question.required_message})
    return Issue(ErrorCode.REQUIRED)


def _constraint_issue(question: Question) -> Issue:
    if question.constraint_message:
        return Issue(ErrorCode.CONSTRAINT_CUSTOM, {"text": question.constraint_message})
    return Issue(ErrorCode.CONSTRAINT)


def _missing_rows(question: Question, value: Any) -> Iterator[tuple[str, Issue]]:
    if not isinstance(value, Mapping) or question.scale is None:
        return
    missing = [row.label for row in question.scale.rows if value.get(row.value) is None]
    if missing:
        yield question.name, Issue(ErrorCode.REQUIRED_ROWS, {"rows": missing})


def _other_issues(
    question: Question, value: Any, other_text: Any, required: bool
) -> Iterator[tuple[str, Issue]]:
    key, label = question.other_name, question.other_label
    chosen = other_chosen(value)
    if not chosen:
        if not is_empty(other_text):
            yield key, Issue(ErrorCode.OTHER_WITHOUT_OPTION, {"label": label})
        return
    if is_empty(other_text):
        if required:
            yield key, Issue(ErrorCode.OTHER_TEXT_REQUIRED, {"label": label})
        return
    if not isinstance(other_text, str):
        yield key, Issue(ErrorCode.EXPECTED_TEXT)
    elif len(other_text) > OTHER_TEXT_LIMIT:
        params = {"length": len(other_text), "limit": OTHER_TEXT_LIMIT}
        yield key, Issue(ErrorCode.TEXT_TOO_LONG, params)


def clean_response(
    questionnaire: Questionnaire, answers: Answers
) -> tuple[dict[str, Any], IssuesByKey]:
    """Coerce, validate and prune raw answers (an imported row): (kept answers, issues).

    Kept answers are those of relevant questions whose value has no error. A value that
    cannot be coerced is validated as given, so it gets the same message as in a form, and
    it still counts as an answer (no extra "required" error on top of the format error).
    """
    coerced, refused = _coerce_all(questionnaire, answers)
    found: IssuesByKey = defaultdict(list)
    for key, issues in validate_answers(questionnaire, coerced).items():
        found[key].extend(issues)
    for key, issue in refused.items():
        if key not in found:
            found[key].append(issue)
    kept = {
        key: value
        for key, value in prune(questionnaire, coerced).items()
        if not any(issue.is_error for issue in found.get(key, ()))
    }
    return kept, dict(found)


def _coerce_all(
    questionnaire: Questionnaire, answers: Answers
) -> tuple[dict[str, Any], dict[str, Issue]]:
    questions = questionnaire.question_map()
    other_keys = {q.other_name for q in questions.values() if q.other}
    coerced: dict[str, Any] = {}
    refused: dict[str, Issue] = {}
    for key, raw in answers.items():
        question = questions.get(key)
        if question is not None and question.answerable:
            try:
                coerced[key] = coerce(question, raw)
            except EngineError as error:
                coerced[key] = raw
                refused[key] = error.issue
        elif key in other_keys and isinstance(raw, str):
            coerced[key] = raw.strip() or None
        else:
            coerced[key] = raw
    return coerced, refused
