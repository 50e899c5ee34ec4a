"""XLSForm (and KoboToolbox) questionnaires → :class:`~vivier.surveys.schema.Questionnaire`.

An XLSForm is richer than what Vivier runs (repeats, geopoints, photos, external choice
lists, ``pulldata()``...). The rule, from the issue: a valid XLSForm always imports; every
element Vivier cannot run becomes the closest thing it can (a repeat a plain group, a
geopoint a text, a photo a note) and a warning names its sheet, row and column. Only a file
that is not a valid XLSForm (no ``survey`` sheet, an unknown type, a calculation that is not
an expression, two headers for one column...) is refused, with every problem found at once.

Reading goes in two passes over the survey sheet: the first learns every name (a condition
may name a question placed later, and a ``calculate`` is inlined wherever it is used), the
second builds the questions. The engine's validator then checks the result; a condition it
refuses is dropped with a warning rather than refusing a form ODK would run.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pyxform.question_type_dictionary import QUESTION_TYPE_DICT

from vivier.problems import Diagnostic, Localized, Location, ProblemCode, codes, problem
from vivier.surveys.codecs.report import ImportResult, engine_diagnostics, result
from vivier.surveys.codecs.xlsform_sheets import (
    CHOICES,
    CHOICES_ALIASES,
    SETTINGS,
    SETTINGS_ALIASES,
    SURVEY,
    SURVEY_ALIASES,
    Cells,
    Columns,
    Sheet,
    Workbook,
    WorkbookError,
    columns,
    read_workbook,
    understand,
)
from vivier.surveys.codecs.xlsform_vivier_columns import restore
from vivier.surveys.codecs.xpath import Translation, XPathSyntaxError, translate
from vivier.surveys.errors import ErrorCode, Field, Issue
from vivier.surveys.expressions import (
    Binary,
    Node,
    Ref,
    evaluate,
    parse,
    references,
    to_source,
    truthy,
    uses_current,
)
from vivier.surveys.schema import (
    OTHER_SUFFIX,
    OTHER_VALUE,
    Choice,
    Question,
    Questionnaire,
    QuestionType,
    Section,
)
from vivier.surveys.validation import validate_questionnaire

FORMAT = "xlsform"
ENGINE_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SPACES = re.compile(r"\s+")
_YES = frozenset({"yes", "true", "true()", "1"})
_NO = frozenset({"no", "false", "false()", "0", ""})
_LANGUAGE_CODE = re.compile(r"\(\s*([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)\s*\)\s*$")
_FRENCH_NAMES = frozenset({"french", "français", "francais", "fr"})

# Select types, longest first so that "select one from" wins over "select one".
_SELECT_PREFIXES: tuple[tuple[str, str], ...] = tuple(
    sorted(
        {
            "select_one": "one",
            "select one": "one",
            "select1": "one",
            "select one from": "one",
            "select one using": "one",
            "add select one prompt using": "one",
            "select_multiple": "multiple",
            "select multiple": "multiple",
            "select all that apply": "multiple",
            "select all that apply from": "multiple",
            "select multiple from": "multiple",
            "select multiple using": "multiple",
            "add select multiple prompt using": "multiple",
            "rank": "rank",
            "select_one_from_file": "file",
            "select one from file": "file",
            "select_multiple_from_file": "file",
            "select multiple from file": "file",
            "select_one_external": "external",
            "select one external": "external",
        }.items(),
        key=lambda item: -len(item[0]),
    )
)
_OR_OTHER = re.compile(r"\s+(?:or[_ ]other|or specify other)$", re.IGNORECASE)
_CONTROL = re.compile(
    r"^(begin|end)[ _](group|repeat|loop|looped[ _]group|lgroup)(?:\s+over\s+(\S+))?\s*$",
    re.IGNORECASE,
)
_NOTE_TYPES = frozenset({"note", "q note", "add note prompt"})
_ACKNOWLEDGE_TYPES = frozenset({"acknowledge", "q acknowledge", "add acknowledge prompt"})
_ACKNOWLEDGE_TYPES |= {"trigger"}
_CALCULATE_TYPES = frozenset({"calculate", "q calculate", "add calculate prompt"})
_PHONE_TYPES = frozenset({"phone number"})
_UPLOAD_TYPES = frozenset({"background-audio"})
_TYPES_LOWER = {key.lower(): key for key in QUESTION_TYPE_DICT}


def read_xlsform(data: bytes, filename: str) -> ImportResult:
    """Import an XLSForm file (.xlsx, .xlsm, .xls, or pyxform's .csv and .md notations)."""
    try:
        workbook = read_workbook(data, filename)
    except WorkbookError as exc:
        found = exc.diagnostic
        return result(None, [found.at(replace(found.location, file=filename))], FORMAT)
    except Exception as exc:  # a broken upload must never become a traceback
        return result(None, [_unreadable(filename, exc)], FORMAT)
    imported = import_workbook(workbook, filename, FORMAT)
    if imported.ok:
        refused = _pyxform_verdict(data, filename, workbook)
        if refused is not None:
            return result(None, [*imported.diagnostics, refused], FORMAT)
    return imported


def import_workbook(
    workbook: Workbook,
    filename: str,
    source_format: str,
    *,
    title: str = "",
    slug: str = "",
    meta: Mapping[str, Any] | None = None,
) -> ImportResult:
    """Build a questionnaire from sheets already read (XLSForm files and KoboToolbox JSON)."""
    try:
        builder = _Builder(workbook, filename, source_format, title, slug, meta or {})
        questionnaire = builder.build()
        return result(questionnaire, _in_file_order(builder.diagnostics, workbook), source_format)
    except Exception as exc:  # a broken upload must never become a traceback
        return result(None, [_unreadable(filename, exc)], source_format)


_PATH_INDEX = re.compile(r"^content\.(\w+)\[(\d+)\]")


def _in_file_order(diagnostics: list[Diagnostic], workbook: Workbook) -> list[Diagnostic]:
    """Sorted by sheet then row, as a person reads the file (the passes found them otherwise)."""
    order = {name.lower(): index for index, name in enumerate(workbook.sheet_names)}

    def key(diagnostic: Diagnostic) -> tuple[int, int]:
        location = diagnostic.location
        sheet, row = location.sheet.lower(), location.row
        found = _PATH_INDEX.match(location.path)
        if found:
            sheet, row = found.group(1), int(found.group(2))
        if not sheet:
            return (-1, -1)
        return (order.get(sheet, len(order)), -1 if row is None else row)

    return sorted(diagnostics, key=key)


def _unreadable(filename: str, exc: BaseException) -> Diagnostic:
    return problem(
        ProblemCode.FILE_UNREADABLE,
        Location(file=filename),
        detail=f"{type(exc).__name__}: {exc}",
        tool="XLSForm",
    )


# -- Languages ----------------------------------------------------------------------------------


def language_code(language: str) -> str:
    """``English (en)`` → ``en``; a bare name is lower-cased (``English`` → ``english``)."""
    found = _LANGUAGE_CODE.search(language)
    return (found.group(1) if found else language).strip().lower()


def _is_french(language: str) -> bool:
    code = language_code(language)
    name = _LANGUAGE_CODE.sub("", language).strip().lower()
    return code == "fr" or code.startswith("fr-") or name in _FRENCH_NAMES


@dataclass(frozen=True, slots=True)
class _Languages:
    #: The language of the questionnaire's own texts (None: the columns without a language).
    primary: str | None
    code: str

    def split(self, texts: Mapping[str | None, str]) -> tuple[str, dict[str, str]]:
        """The text in the questionnaire's language, and the others by language code."""
        main = texts.get(self.primary) or texts.get(None) or ""
        if not main:
            main = next((t for t in texts.values() if t), "")
        others = {
            language_code(lang): text
            for lang, text in texts.items()
            if lang is not None and lang != self.primary and text
        }
        return main, others


def _choose_language(declared: str, found: list[str]) -> _Languages:
    if declared:
        match = next((lang for lang in found if lang.lower() == declared.lower()), None)
        return _Languages(match, language_code(declared))
    french = next((lang for lang in found if _is_french(lang)), None)
    if french is not None:
        return _Languages(french, "fr")
    if found:
        return _Languages(found[0], language_code(found[0]))
    return _Languages(None, "fr")


# -- Names --------------------------------------------------------------------------------------


def engine_name(source: str, prefix: str = "q") -> str:
    """A valid engine name close to ``source`` (accents dropped, other characters to ``_``)."""
    ascii_text = unicodedata.normalize("NFKD", source).encode("ascii", "ignore").decode()
    name = re.sub(r"[^A-Za-z0-9_]", "_", ascii_text).strip("_") or prefix
    if not ENGINE_NAME_RE.match(name):
        name = f"{prefix}_{name}"
    return name


def _unique(name: str, taken: set[str]) -> str:
    candidate, counter = name, 2
    while candidate in taken:
        candidate = f"{name}_{counter}"
        counter += 1
    return candidate


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80] or "questionnaire"


# -- Types --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Kind:
    """What a survey row is, once its ``type`` is understood."""

    role: str  # question, begin, end, calculate, metadata, include, unknown, empty
    question_type: QuestionType | None = None
    list_name: str = ""
    other: bool = False
    control: str = ""  # group, repeat, loop
    #: Why the row is imported in a weaker form, for the warning.
    downgrade: Localized | None = None
    select: str = ""


def classify(raw_type: str) -> _Kind:
    text = _SPACES.sub(" ", raw_type.strip())
    lower = text.lower()
    if not text:
        return _Kind("empty")
    control = _CONTROL.match(text)
    if control:
        verb, what = control.group(1).lower(), control.group(2).lower()
        kind = "loop" if what == "loop" else ("group" if what == "group" else "repeat")
        return _Kind("begin" if verb == "begin" else "end", control=kind)
    select = _select_kind(text)
    if select is not None:
        return select
    if lower == "include":
        return _Kind("include")
    if lower in _CALCULATE_TYPES:
        return _Kind("calculate")
    if lower in _NOTE_TYPES:
        return _Kind("question", QuestionType.DISPLAY)
    if lower in _ACKNOWLEDGE_TYPES:
        return _Kind(
            "question",
            QuestionType.SINGLE_CHOICE,
            downgrade=codes.ACKNOWLEDGE_AS_CHOICE,
            select="acknowledge",
        )
    if lower in _PHONE_TYPES:
        return _Kind("question", QuestionType.PHONE)
    if lower in _UPLOAD_TYPES or lower.startswith("osm "):
        return _media_kind(lower.split()[0])
    key = _TYPES_LOWER.get(lower)
    if key is None:
        return _Kind("unknown")
    return _from_pyxform(key, QUESTION_TYPE_DICT[key])


def _select_kind(text: str) -> _Kind | None:
    lower = text.lower()
    for prefix, select in _SELECT_PREFIXES:
        if lower == prefix or lower.startswith(prefix + " "):
            rest = text[len(prefix) :].strip()
            other = bool(_OR_OTHER.search(rest))
            rest = _OR_OTHER.sub("", rest).strip()
            if select == "file":
                return _Kind(
                    "question",
                    QuestionType.SHORT_TEXT,
                    downgrade=codes.OPTIONS_FROM_FILE(file=rest),
                )
            if select == "external":
                return _Kind(
                    "question",
                    QuestionType.SHORT_TEXT,
                    downgrade=codes.EXTERNAL_OPTIONS,
                )
            question_type = {
                "one": QuestionType.SINGLE_CHOICE,
                "multiple": QuestionType.MULTIPLE_CHOICE,
                "rank": QuestionType.RANKING,
            }[select]
            return _Kind("question", question_type, list_name=rest, other=other, select=select)
    return None


def _media_kind(type_name: str) -> _Kind:
    return _Kind(
        "question",
        QuestionType.DISPLAY,
        downgrade=codes.UPLOAD_AS_NOTE(type=type_name),
    )


def _from_pyxform(key: str, spec: Mapping[str, Any]) -> _Kind:
    bind_type = (spec.get("bind") or {}).get("type")
    control = spec.get("control") or {}
    tag = control.get("tag")
    if tag is None or (tag == "action" and bind_type != "binary"):
        return _Kind("metadata")
    if bind_type == "binary":
        return _media_kind(key)
    if bind_type in {"geopoint", "geotrace", "geoshape", "barcode"}:
        return _Kind(
            "question",
            QuestionType.SHORT_TEXT,
            downgrade=codes.UNCAPTURED_AS_TEXT(type=key),
        )
    if bind_type == "int":
        downgrade = None
        if tag == "range":
            downgrade = codes.RANGE_AS_INTEGER
        return _Kind("question", QuestionType.INTEGER, downgrade=downgrade)
    if bind_type == "decimal":
        return _Kind("question", QuestionType.DECIMAL)
    if bind_type == "date":
        return _Kind("question", QuestionType.DATE)
    if bind_type == "dateTime":
        return _Kind(
            "question",
            QuestionType.DATE,
            downgrade=codes.DATETIME_AS_DATE,
        )
    if bind_type == "time":
        return _Kind(
            "question",
            QuestionType.SHORT_TEXT,
            downgrade=codes.TIME_AS_TEXT,
        )
    return _Kind("question", QuestionType.SHORT_TEXT)


# -- The builder --------------------------------------------------------------------------------


@dataclass
class _Entry:
    """One survey row that takes part in the questionnaire, between the two passes."""

    cells: Cells
    kind: _Kind
    source_name: str
    name: str = ""
    group_path: tuple[str, ...] = ()


@dataclass
class _Group:
    cells: Cells
    kind: _Kind
    source_name: str
    relevant: Node | None = None
    path: tuple[str, ...] = ()


@dataclass
class _Segment:
    """The questions of one page, with the groups around them (outermost first)."""

    groups: tuple[_Group, ...]
    questions: list[Question] = field(default_factory=list)
    loose: bool = False


@dataclass(frozen=True, slots=True)
class _ChoiceRow:
    cells: Cells
    value: str


class _Builder:
    def __init__(
        self,
        workbook: Workbook,
        filename: str,
        source_format: str,
        title: str,
        slug: str,
        meta: Mapping[str, Any],
    ) -> None:
        self.workbook = workbook
        self.filename = filename
        self.source_format = source_format
        self.given_title = title
        self.given_slug = slug
        self.given_meta = dict(meta)
        self.diagnostics: list[Diagnostic] = []
        self.settings: dict[str, str] = {}
        self.lists: dict[str, list[_ChoiceRow]] = {}
        self.entries: list[_Entry | _Group | tuple[str, Cells]] = []
        #: Source name → engine name, for questions.
        self.names: dict[str, str] = {}
        #: Source name → why it cannot be used in a condition (fr, en).
        self.unusable: dict[str, tuple[str, str]] = {}
        self.calculations: dict[str, _Entry] = {}
        self.calculated: dict[str, Node | tuple[str, str]] = {}
        self.calculating: set[str] = set()
        #: Engine question name → its row, for locating engine issues.
        self.rows: dict[str, Cells] = {}
        self.section_rows: dict[str, Cells] = {}
        self.survey: Sheet | None = None
        self.languages = _Languages(None, "fr")

    # -- locations and messages -----------------------------------------------------------------

    def where(self, sheet: Sheet | None, row: int | None = None, column: str = "") -> Location:
        if sheet is None:
            return Location(file=self.filename)
        if self.workbook.located_by == "json":
            path = f"content.{sheet.name}" + (f"[{row}]" if row is not None else "")
            return Location(file=self.filename, column=column, path=path)
        return Location(file=self.filename, sheet=sheet.title, row=row, column=column)

    def at(self, cells: Cells, key: str = "", language: str | None = None) -> Location:
        return self.where(self.survey, cells.number, cells.header(key, language) if key else "")

    def report(self, code: ProblemCode, location: Location, /, **params: Any) -> None:
        """Note a problem of the catalogue; its code says whether it refuses the form."""
        self.diagnostics.append(problem(code, location, **params))

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.diagnostics)

    # -- sheets ---------------------------------------------------------------------------------

    def _report_error_cells(self) -> None:
        """Cells holding an Excel error (``#N/A``, ``#REF!``: a broken formula) read as empty;
        pyxform would have taken the error's text as a label or a name."""
        for title, found in self.workbook.error_cells.items():
            shown = ", ".join(found[:10]) + (" …" if len(found) > 10 else "")
            self.report(
                ProblemCode.XLSFORM_ERROR_CELLS,
                Location(file=self.filename, sheet=title),
                count=len(found),
                sheet=title,
                cells=shown,
            )

    def build(self) -> Questionnaire | None:
        survey = self.workbook.sheet(SURVEY)
        if survey is None:
            close = difflib.get_close_matches(
                "survey", [n.lower() for n in self.workbook.sheet_names], n=1
            )
            self.report(
                ProblemCode.XLSFORM_NO_SURVEY,
                Location(file=self.filename),
                sheets=", ".join(self.workbook.sheet_names) or codes.NONE_FOUND,
                hint=codes.DID_YOU_MEAN(name=close[0]) if close else "",
            )
            return None
        self.survey = survey
        self._report_error_cells()
        if not survey.headers and not survey.rows:
            self._empty_survey(survey)
            return None
        self._read_settings()
        survey_columns = self._columns(survey, SURVEY_ALIASES)
        if survey.rows and "type" not in survey_columns.present:
            self.report(ProblemCode.XLSFORM_NO_TYPE_COLUMN, self.where(survey, 1))
        survey_rows = [understand(row, survey_columns) for row in survey.rows]
        choice_rows = self._read_choices()
        self.languages = self._languages(survey_rows, choice_rows)
        if self.has_errors:
            return None
        self._first_pass(survey_rows)
        if self.has_errors:
            return None
        sections = self._second_pass()
        if self.has_errors:
            return None
        return self._finish(sections)

    def _empty_survey(self, survey: Sheet) -> None:
        where = Location(file=self.filename)
        if self.workbook.located_by == "json":
            self.report(ProblemCode.XLSFORM_EMPTY_CONTENT, where)
        elif survey.name in {name.lower() for name in self.workbook.sheet_names}:
            self.report(ProblemCode.XLSFORM_EMPTY, where, sheet=survey.title)
        else:
            # pyxform reads the only sheet of a workbook as the survey, whatever its name.
            sheets = ", ".join(self.workbook.sheet_names) or codes.NONE_FOUND
            self.report(ProblemCode.XLSFORM_EMPTY_WORKBOOK, where, sheets=sheets)

    def _columns(self, sheet: Sheet, aliases: Mapping[str, str]) -> Columns:
        found = columns(sheet.headers, aliases)
        for first, second in found.conflicts:
            self.report(
                ProblemCode.XLSFORM_DUPLICATE_COLUMN,
                self.where(sheet, 1, second),
                first=first,
                second=second,
                sheet=sheet.title,
            )
        return found

    def _read_settings(self) -> None:
        sheet = self.workbook.sheet(SETTINGS)
        if sheet is None or not sheet.rows:
            return
        cols = self._columns(sheet, SETTINGS_ALIASES)
        cells = understand(sheet.rows[0], cols)
        self.settings = {key: text for (key, lang), text in cells.values.items() if not lang}

    def _read_choices(self) -> list[Cells]:
        sheet = self.workbook.sheet(CHOICES)
        if sheet is None:
            return []
        cols = self._columns(sheet, CHOICES_ALIASES)
        rows = [understand(row, cols) for row in sheet.rows]
        if rows and not {"list_name", "name"} <= cols.present:
            missing = sorted({"list_name", "name"} - cols.present)
            self.report(
                ProblemCode.XLSFORM_CHOICES_COLUMNS,
                self.where(sheet, 1),
                sheet=sheet.title,
                missing=", ".join(missing),
            )
            return rows
        allow_duplicates = self.settings.get("allow_choice_duplicates", "").lower() in _YES
        seen: dict[tuple[str, str], Cells] = {}
        for cells in rows:
            list_name, value = cells.get("list_name"), cells.get("name")
            if not list_name and not value:
                continue
            if not value:
                self.report(
                    ProblemCode.XLSFORM_CHOICE_WITHOUT_NAME,
                    self.where(sheet, cells.number, cells.header("name")),
                    list_name=list_name,
                )
                continue
            if not list_name:
                continue
            kept = seen.get((list_name, value))
            if kept is not None:
                first = kept.number
                if allow_duplicates:
                    self._merged_duplicate(sheet, list_name, value, kept, cells)
                    continue
                self.report(
                    ProblemCode.XLSFORM_DUPLICATE_CHOICE,
                    self.where(sheet, cells.number, cells.header("name")),
                    list_name=list_name,
                    value=value,
                    first=first,
                    row=cells.number,
                )
                continue
            seen[(list_name, value)] = cells
            self.lists.setdefault(list_name, []).append(_ChoiceRow(cells, value))
        return rows

    def _merged_duplicate(
        self, sheet: Sheet, list_name: str, value: str, kept: Cells, cells: Cells
    ) -> None:
        """Two options of one list with one value, as ``allow_choice_duplicates`` permits.

        An answer records the value only, so nothing can tell the two apart afterwards:
        Vivier keeps one option per value, and says which label the other one loses.
        """
        kept_label, other_label = _any_label(kept), _any_label(cells)
        self.report(
            ProblemCode.XLSFORM_DUPLICATE_CHOICE_MERGED,
            self.where(sheet, cells.number, cells.header("name")),
            list_name=list_name,
            value=value,
            first=kept.number,
            row=cells.number,
            label=kept_label,
            lost="."
            if kept_label == other_label
            else codes.LABEL_NOT_OFFERED(label=other_label, row=cells.number),
        )

    def _languages(self, survey_rows: list[Cells], choice_rows: list[Cells]) -> _Languages:
        found: list[str] = []
        for cells in [*survey_rows, *choice_rows]:
            for key, lang in cells.values:
                if lang and key in {"label", "hint"} and lang not in found:
                    found.append(lang)
        declared = self.settings.get("default_language", "")
        if declared.lower() == "default":
            declared = ""
        return _choose_language(declared, found)

    # -- first pass: names, groups, calculations ------------------------------------------------

    def _first_pass(self, survey_rows: list[Cells]) -> None:
        taken: set[str] = set()
        stack: list[_Group] = []
        for cells in survey_rows:
            if cells.get("disabled").lower() in _YES:
                continue
            raw_type, source_name = cells.get("type"), cells.get("name")
            kind = classify(raw_type)
            if kind.role == "empty":
                if source_name or cells.texts("label"):
                    self.report(
                        ProblemCode.XLSFORM_NO_TYPE,
                        self.at(cells, "type"),
                        name=source_name or _any_label(cells),
                    )
                continue  # a comment row
            if kind.role == "end":
                self._end(cells, kind, stack)
                continue
            if kind.role in {"unknown", "include"}:
                self._refuse_type(cells, kind, raw_type)
                continue
            if kind.role == "metadata":
                self.unusable[source_name] = (
                    "donnée technique non importée",
                    "technical data, not imported",
                )
                self.report(
                    ProblemCode.XLSFORM_METADATA_DROPPED, self.at(cells, "type"), type=raw_type
                )
                continue
            if not source_name and not (
                kind.role == "question" and kind.question_type is QuestionType.DISPLAY
            ):
                self.report(ProblemCode.XLSFORM_NO_NAME, self.at(cells, "name"), type=raw_type)
                continue
            path = tuple(g.source_name for g in stack)
            if kind.role == "begin":
                group = _Group(cells, kind, source_name, path=(*path, source_name))
                self.unusable.setdefault(
                    source_name, ("c'est un groupe, pas une question", "it is a group")
                )
                stack.append(group)
                self.entries.append(group)
                continue
            if kind.role == "calculate":
                entry = _Entry(cells, kind, source_name, group_path=path)
                if not cells.get("calculation") and not cells.get("default"):
                    self.report(
                        ProblemCode.XLSFORM_CALCULATION_MISSING,
                        self.at(cells, "calculation"),
                        name=source_name,
                    )
                self.calculations[source_name] = entry
                continue
            if not source_name:
                source_name = f"note_{cells.number}"
            entry = _Entry(cells, kind, source_name, group_path=path)
            entry.name = self._name_for(entry, taken)
            self.entries.append(entry)
        for group in reversed(stack):
            self.report(
                ProblemCode.XLSFORM_UNCLOSED_GROUP,
                self.at(group.cells, "type"),
                name=group.source_name,
                control=group.kind.control,
            )

    def _end(self, cells: Cells, kind: _Kind, stack: list[_Group]) -> None:
        if not stack:
            self.report(
                ProblemCode.XLSFORM_UNMATCHED_END, self.at(cells, "type"), control=kind.control
            )
            return
        group = stack[-1]
        if group.kind.control != kind.control:
            self.report(
                ProblemCode.XLSFORM_MISMATCHED_END,
                self.at(cells, "type"),
                control=kind.control,
                opened=group.kind.control,
                name=group.source_name,
                row=group.cells.number,
            )
        stack.pop()
        self.entries.append(("end", cells))

    def _refuse_type(self, cells: Cells, kind: _Kind, raw_type: str) -> None:
        if kind.role == "include":
            self.report(ProblemCode.XLSFORM_INCLUDE, self.at(cells, "type"))
            return
        known = [*_TYPES_LOWER, "select_one", "select_multiple", "begin group", "end group"]
        close = difflib.get_close_matches(raw_type.lower(), known, n=1)
        self.report(
            ProblemCode.XLSFORM_UNKNOWN_TYPE,
            self.at(cells, "type"),
            type=raw_type,
            hint=codes.DID_YOU_MEAN_INSTEAD(name=close[0]) if close else ".",
        )

    def _name_for(self, entry: _Entry, taken: set[str]) -> str:
        source = entry.source_name
        base = source if ENGINE_NAME_RE.fullmatch(source) else engine_name(source)
        name = _unique(base, taken)
        taken.add(name)
        if entry.kind.other:
            taken.add(name + OTHER_SUFFIX)
        if source in self.names:
            self.report(
                ProblemCode.XLSFORM_DUPLICATE_NAME,
                self.at(entry.cells, "name"),
                source=source,
                name=name,
            )
        else:
            self.names[source] = name
            if name != source:
                self.report(
                    ProblemCode.XLSFORM_NAME_RENAMED,
                    self.at(entry.cells, "name"),
                    source=source,
                    name=name,
                )
        return name

    # -- expressions ----------------------------------------------------------------------------

    def resolve(self, name: str) -> Node | tuple[str, str]:
        if name in self.calculations:
            return self._calculation(name)
        if name in self.names:
            return Ref(self.names[name])
        if name in self.unusable:
            return self.unusable[name]
        return (
            "aucune question ne porte ce nom",
            "no question has this name",
        )

    def _calculation(self, name: str) -> Node | tuple[str, str]:
        if name in self.calculated:
            return self.calculated[name]
        if name in self.calculating:
            return ("calcul circulaire", "circular calculation")
        entry = self.calculations[name]
        source = entry.cells.get("calculation")
        self.calculating.add(name)
        try:
            translation = translate(source, self.resolve) if source else None
        except XPathSyntaxError:
            translation = None  # reported where the calculate row is read
        finally:
            self.calculating.discard(name)
        if translation is not None and translation.node is not None:
            self.calculated[name] = translation.node
        else:
            self.calculated[name] = (
                f"le calcul « {name} » n'a pas pu être importé",
                f"the calculate '{name}' could not be imported",
            )
        return self.calculated[name]

    def expression(self, cells: Cells, key: str) -> Translation | None:
        """Translate one expression cell; None when empty or refused (with a diagnostic)."""
        source = cells.get(key)
        if not source:
            return None
        what = codes.EXPRESSION_COLUMNS[key]
        try:
            translation = translate(source, self.resolve)
        except XPathSyntaxError as exc:
            self.report(
                ProblemCode.XLSFORM_EXPRESSION_SYNTAX,
                self.at(cells, key),
                source=source,
                reason=Localized(exc.message_fr, exc.message_en),
                position=exc.position + 1,
            )
            return None
        unknown = [u for u in translation.unsupported if u.reason_en == "no question has this name"]
        for missing in unknown:
            name = missing.what[2:-1]
            close = difflib.get_close_matches(name, [*self.names, *self.calculations], n=1)
            self.report(
                ProblemCode.XLSFORM_UNKNOWN_REFERENCE,
                self.at(cells, key),
                what=what,
                source=source,
                reference=missing.what,
                hint=codes.DID_YOU_MEAN_REFERENCE(name=close[0]) if close else ".",
            )
        if unknown:
            return None
        if not translation.ok:
            features = Localized(
                ", ".join(u.describe("fr") for u in translation.unsupported),
                ", ".join(u.describe("en") for u in translation.unsupported),
            )
            self.report(
                ProblemCode.XLSFORM_EXPRESSION_UNSUPPORTED,
                self.at(cells, key),
                what=what,
                source=source,
                features=features,
                dropped=codes.EXPRESSION_DROPPED[key],
            )
        return translation

    # -- second pass: questions and sections ----------------------------------------------------

    def _second_pass(self) -> list[_Segment]:
        for entry in self.calculations.values():
            self._check_calculation(entry)
        segments: list[_Segment] = []
        stack: list[_Group] = []
        current: _Segment | None = None
        for item in self.entries:
            if isinstance(item, tuple):
                stack.pop()
                current = None
                continue
            if isinstance(item, _Group):
                self._begin(item)
                stack.append(item)
                current = None
                continue
            question = self._question(item)
            if question is None:
                continue
            if not stack:
                segments.append(_Segment((), [question], loose=True))
                continue
            if current is None:
                current = _Segment(tuple(stack))
                segments.append(current)
            current.questions.append(question)
        return segments

    def _check_calculation(self, entry: _Entry) -> None:
        cells = entry.cells
        translation = self.expression(cells, "calculation")
        if translation is None or translation.ok:
            return
        self.report(
            ProblemCode.XLSFORM_CALCULATE_DROPPED,
            self.at(cells, "calculation"),
            name=entry.source_name,
        )

    def _begin(self, group: _Group) -> None:
        cells, kind = group.cells, group.kind
        if kind.control in {"repeat", "loop"}:
            self.report(
                ProblemCode.XLSFORM_REPEAT_FLATTENED,
                self.at(cells, "type"),
                name=group.source_name,
                control=codes.REPEAT if kind.control == "repeat" else codes.LOOP,
            )
        relevance = self.expression(cells, "relevant")
        group.relevant = relevance.node if relevance is not None else None

    def _question(self, entry: _Entry) -> Question | None:
        cells = entry.cells
        # Choices first: a list that cannot be built turns the question into a text.
        choices, other = self._choices(entry)
        kind = entry.kind
        assert kind.question_type is not None
        question_type = kind.question_type
        appearance = cells.get("appearance")
        if question_type is QuestionType.SHORT_TEXT and "multiline" in appearance.lower():
            question_type = QuestionType.LONG_TEXT
        if kind.downgrade is not None:
            self.report(
                ProblemCode.XLSFORM_TYPE_DOWNGRADED,
                self.at(cells, "type"),
                type=cells.get("type"),
                reason=kind.downgrade,
            )
        read_only = cells.get("read_only").lower() in _YES
        if read_only and question_type is not QuestionType.DISPLAY:
            question_type = QuestionType.DISPLAY
            self.report(ProblemCode.XLSFORM_READ_ONLY, self.at(cells, "read_only"))
        label, label_tr = self.languages.split(cells.texts("label"))
        hint, hint_tr = self.languages.split(cells.texts("hint"))
        media = next(
            (
                f"{key} : {text}"
                for key in ("image", "big-image", "audio", "video")
                for text in cells.texts(key).values()
            ),
            "",
        )
        if not label and not hint and media:
            # pyxform accepts a note that only shows a picture; Vivier shows its file name.
            label = f"[{media}]"
            self.report(
                ProblemCode.XLSFORM_MEDIA_LABEL,
                self.at(cells, "label", self.languages.primary),
                media=media,
            )
        if not label and not hint:
            self.report(
                ProblemCode.XLSFORM_NO_LABEL,
                self.at(cells, "label", self.languages.primary),
                name=entry.source_name,
            )
            return None
        if not label:
            label, hint, label_tr, hint_tr = hint, "", hint_tr, {}
        relevance = self.expression(cells, "relevant")
        constraint: Translation | None = None
        required = False
        if question_type is not QuestionType.DISPLAY:
            constraint = self.expression(cells, "constraint")
            required = self._required(cells)
        required_message, required_tr = self.languages.split(cells.texts("required_message"))
        constraint_message, constraint_tr = self.languages.split(cells.texts("constraint_message"))
        translations: dict[str, dict[str, str]] = {}
        for key, texts in (
            ("label", label_tr),
            ("hint", hint_tr),
            ("required_message", required_tr),
            ("constraint_message", constraint_tr),
        ):
            for lang, text in texts.items():
                if lang != self.languages.code:
                    translations.setdefault(lang, {})[key] = text
        self._choice_filter(cells)
        meta: dict[str, Any] = {
            "source_name": entry.source_name,
            self.source_format: {
                "row": cells.number,
                "type": cells.get("type"),
                "group_path": list(entry.group_path),
                **({"list_name": kind.list_name} if kind.list_name else {}),
            },
        }
        if appearance:
            meta["appearance"] = appearance
        self.rows[entry.name] = cells
        return Question(
            name=entry.name,
            type=question_type,
            label=label,
            hint=hint,
            required=required,
            required_message=required_message if required else "",
            relevant=relevance.expression if relevance is not None else "",
            constraint=constraint.expression if constraint is not None else "",
            constraint_message=constraint_message if constraint and constraint.ok else "",
            choices=choices,
            other=other,
            meta=meta,
            default=self._default(cells, question_type),
            translations=translations,
        )

    def _choices(self, entry: _Entry) -> tuple[tuple[Choice, ...], bool]:
        kind, cells = entry.kind, entry.cells
        if kind.select == "acknowledge":
            return (Choice("OK", "OK"),), False
        if not kind.select:
            return (), False
        list_name = kind.list_name or cells.get("select_from_list_name")
        if list_name.startswith("${"):
            self.report(
                ProblemCode.XLSFORM_CHOICES_FROM_ANSWERS,
                self.at(cells, "type"),
                list_name=list_name,
            )
            entry.kind = replace(kind, question_type=QuestionType.SHORT_TEXT, select="")
            return (), False
        rows = self.lists.get(list_name)
        if rows is None:
            self.report(
                ProblemCode.XLSFORM_UNKNOWN_LIST, self.at(cells, "type"), list_name=list_name
            )
            return (), False
        choices = []
        for row in rows:
            label, translations = self.languages.split(row.cells.texts("label"))
            choices.append(Choice(row.value, label or row.value, translations))
        other = kind.other and OTHER_VALUE not in {c.value for c in choices}
        return tuple(choices), other

    def _choice_filter(self, cells: Cells) -> None:
        if cells.get("choice_filter"):
            self.report(
                ProblemCode.XLSFORM_CHOICE_FILTER_DROPPED,
                self.at(cells, "choice_filter"),
                filter=cells.get("choice_filter"),
            )

    def _required(self, cells: Cells) -> bool:
        text = cells.get("required").strip()
        if text.lower() in _YES:
            return True
        if text.lower() in _NO:
            return False
        translation = self.expression(cells, "required")
        if translation is not None and translation.node is not None:
            node = parse(translation.expression)
            if not _refers(node):
                return truthy(evaluate(node, {}))
        if translation is not None:
            self.report(
                ProblemCode.XLSFORM_CONDITIONAL_REQUIRED, self.at(cells, "required"), text=text
            )
        return False

    def _default(self, cells: Cells, question_type: QuestionType) -> str:
        text = cells.get("default")
        if not text or question_type is QuestionType.DISPLAY:
            return ""
        if "${" in text or "(" in text:
            self.report(ProblemCode.XLSFORM_DYNAMIC_DEFAULT, self.at(cells, "default"), text=text)
            return ""
        if question_type is QuestionType.DATE and re.match(r"\d{4}-\d{2}-\d{2}[ T]", text):
            return text[:10]
        return text

    # -- assembling and checking ----------------------------------------------------------------

    def _finish(self, segments: list[_Segment]) -> Questionnaire | None:
        sections = self._sections(segments)
        settings = self.settings
        title = self.given_title or settings.get("title") or settings.get("id_string") or ""
        stem = Path(self.filename).stem
        slug = slugify(self.given_slug or settings.get("id_string") or stem)
        meta: dict[str, Any] = {"source_format": self.source_format, **self.given_meta}
        for key in ("version", "id_string", "default_language", "instance_name", "style"):
            if settings.get(key):
                meta.setdefault(self.source_format, {})[key] = settings[key]
        if settings.get("version"):
            meta["version"] = settings["version"]
        questionnaire = Questionnaire(
            slug=slug,
            title=title or stem,
            sections=tuple(sections),
            language=self.languages.code,
            meta=meta,
        )
        survey = self.survey
        assert survey is not None  # build() returned before _finish without one
        if not sections and not survey.rows:
            # A survey sheet with its headers only: refused, and said once (pyxform's own
            # verdict only runs on a form Vivier accepted).
            self.report(ProblemCode.XLSFORM_NO_QUESTION, self.where(survey, 1), sheet=survey.title)
            return None
        if not sections:
            # Rows that are all device data, hidden fields or calculations: a valid XLSForm
            # (pyxform converts it), imported, but the person should know.
            self.report(ProblemCode.XLSFORM_NOTHING_TO_ASK, self.where(survey))
        questionnaire = self._restore_vivier_columns(questionnaire)
        questionnaire, issues = self._drop_refused_conditions(questionnaire)
        self.diagnostics.extend(engine_diagnostics(questionnaire, self._locate, issues))
        return questionnaire

    def _restore_vivier_columns(self, questionnaire: Questionnaire) -> Questionnaire:
        """A form Vivier exported carries ``vivier_*`` columns: give back what XLSForm lost."""
        settings = self.workbook.sheet(SETTINGS)
        survey_rows = [dict(row.cells) for row in self.survey.rows] if self.survey else []
        settings_row = dict(settings.rows[0].cells) if settings and settings.rows else None
        restored = restore(questionnaire, survey_rows, settings_row)
        if restored is not questionnaire and self.survey is not None:
            # The exporter kept the Vivier text of rewritten conditions: nothing was dropped.
            kept = {
                (row.number, column)
                for row in self.survey.rows
                for column in ("relevant", "constraint")
                if row.cells.get(f"vivier_{column}")
                # An email's regex() is the exporter's: Vivier checks addresses itself.
                or (column == "constraint" and row.cells.get("vivier_type") == "email")
            }
            self.diagnostics = [
                d
                for d in self.diagnostics
                if d.kind is not ProblemCode.XLSFORM_EXPRESSION_UNSUPPORTED
                or (d.location.row, d.location.column) not in kept
            ]
        return restored

    def _sections(self, segments: list[_Segment]) -> list[Section]:
        taken: set[str] = set()
        sections = []
        for segment in segments:
            if segment.loose:
                question = segment.questions[0]
                name = _unique(question.name, taken)
                taken.add(name)
                self.section_rows[name] = self.rows[question.name]
                sections.append(
                    Section(
                        name,
                        question.label,
                        tuple(segment.questions),
                        meta={self.source_format: {"loose": True}},
                    )
                )
                continue
            group = segment.groups[-1]
            name = _unique(engine_name(group.source_name, "group"), taken)
            taken.add(name)
            self.section_rows[name] = group.cells
            title, title_tr = self.languages.split(group.cells.texts("label"))
            conditions = [g.relevant for g in segment.groups if g.relevant is not None]
            relevant = ""
            if conditions:
                node = conditions[0]
                for more in conditions[1:]:
                    node = Binary("and", node, more)
                relevant = to_source(node)
            sections.append(
                Section(
                    name,
                    title or group.source_name,
                    tuple(segment.questions),
                    relevant=relevant,
                    meta={
                        "source_name": group.source_name,
                        self.source_format: {
                            "row": group.cells.number,
                            "group_path": list(group.path),
                            "control": group.kind.control,
                        },
                        **(
                            {"appearance": group.cells.get("appearance")}
                            if group.cells.get("appearance")
                            else {}
                        ),
                    },
                    translations={lang: {"title": text} for lang, text in title_tr.items()},
                )
            )
        return sections

    def _locate(self, issue: Issue) -> Location:
        column = ""
        if issue.field is Field.RELEVANT:
            column = "relevant"
        elif issue.field is Field.CONSTRAINT:
            column = "constraint"
        cells = None
        if issue.question is not None:
            cells = self.rows.get(issue.question)
        if cells is None and issue.section is not None:
            cells = self.section_rows.get(issue.section)
        if cells is None:
            return Location(file=self.filename, path=issue.where("en"))
        return self.at(cells, column) if column else self.at(cells)

    def _drop_refused_conditions(
        self, questionnaire: Questionnaire
    ) -> tuple[Questionnaire, list[Issue] | None]:
        """Drop the translated conditions the engine refuses, when they are the only errors.

        Returns the questionnaire and the engine's issues on it (``None`` if not checked last).
        Dropping a condition changes what the engine says of later ones only when that
        condition made its element never shown (an unreachable condition, or one comparing
        with unknown options): every refused condition up to such a one is dropped at once,
        so a form is checked a few times, not once per refused condition (a 50,000-question
        form takes seconds to check).
        """
        for _ in range(1000):
            issues = validate_questionnaire(questionnaire)
            errors = [i for i in issues if i.is_error]
            if not errors or any(i.field is None for i in errors):
                return questionnaire, issues
            batch: dict[tuple[str | None, str | None, Field | None], Issue] = {}
            for issue in errors:
                batch.setdefault((issue.section, issue.question, issue.field), issue)
                if issue.field is Field.RELEVANT and issue.code in _MAKE_NEVER_SHOWN:
                    break
            questionnaire = self._without(questionnaire, batch)
            for issue in batch.values():
                self._say_dropped(issue)
        return questionnaire, None

    def _say_dropped(self, issue: Issue) -> None:
        self.report(
            ProblemCode.XLSFORM_CONDITION_DROPPED,
            self._locate(issue),
            reason=Localized(issue.message("fr"), issue.message("en")),
            outcome=codes.CONSTRAINT_NOT_CHECKED
            if issue.field is Field.CONSTRAINT
            else codes.ELEMENT_ALWAYS_SHOWN,
        )

    @staticmethod
    def _without(
        questionnaire: Questionnaire,
        dropped: Mapping[tuple[str | None, str | None, Field | None], Issue],
    ) -> Questionnaire:
        """The questionnaire without the conditions ``dropped`` names, rebuilt once."""
        sections_hit = {section for section, question, _ in dropped if question is None}
        constraints = {q for _, q, field in dropped if q and field is Field.CONSTRAINT}
        relevances = {q for _, q, field in dropped if q and field is not Field.CONSTRAINT}
        sections = []
        for section in questionnaire.sections:
            if section.name in sections_hit:
                section = replace(section, relevant="")
            if any(q.name in constraints or q.name in relevances for q in section.questions):
                questions = []
                for question in section.questions:
                    if question.name in constraints:
                        question = replace(question, constraint="", constraint_message="")
                    if question.name in relevances:
                        question = replace(question, relevant="")
                    questions.append(question)
                section = replace(section, questions=tuple(questions))
            sections.append(section)
        return replace(questionnaire, sections=tuple(sections))


#: Errors on a display condition after which the element may count as never shown, which
#: changes what is said of the conditions that follow (see ``_drop_refused_conditions``).
_MAKE_NEVER_SHOWN = frozenset(
    {ErrorCode.UNREACHABLE_QUESTION, ErrorCode.UNREACHABLE_SECTION, ErrorCode.UNKNOWN_OPTION}
)


def _any_label(cells: Cells) -> str:
    """A row's label for a message, before the questionnaire's language is known."""
    texts = cells.texts("label")
    return texts.get(None) or next((text for text in texts.values() if text), "")


def _refers(node: Node) -> bool:
    return bool(references(node)) or uses_current(node)


# -- pyxform's verdict --------------------------------------------------------------------------

_PYXFORM_ROW = re.compile(r"\[row\s*:\s*(\d+)\]")


def _pyxform_verdict(data: bytes, filename: str, workbook: Workbook) -> Diagnostic | None:
    """pyxform's own refusal of the form, if any: it is the reference for what XLSForm is.

    Only its refusals count: a crash inside pyxform on a form we could read is its problem,
    not the person's.
    """
    from pyxform.errors import PyXFormError
    from pyxform.xls2json import workbook_to_json
    from pyxform.xls2json_backends import (
        DefinitionData,
        csv_to_dict,
        md_to_dict,
        xls_to_dict,
        xlsx_to_dict,
    )

    readers: dict[str, Callable[[bytes], dict[str, Any]]] = {
        ".xlsx": xlsx_to_dict,
        ".xlsm": xlsx_to_dict,
        ".xls": xls_to_dict,
        ".csv": csv_to_dict,
        ".md": md_to_dict,
    }
    reader = readers.get(Path(filename).suffix.lower())
    if reader is None:
        return None
    try:
        book = dict(workbook.pyxform_book) if workbook.pyxform_book is not None else reader(data)
        fields = set(DefinitionData.__slots__)
        definition = DefinitionData(**{k: v for k, v in book.items() if k in fields})
        workbook_to_json(definition, warnings=[])
    except PyXFormError as exc:
        message = str(exc).strip()
        row = None
        found = _PYXFORM_ROW.search(message)
        survey = workbook.sheet(SURVEY)
        if found and survey is not None:
            row = int(found.group(1))
            if Path(filename).suffix.lower() in {".csv", ".md"}:
                index = row - 2
                row = survey.rows[index].number if 0 <= index < len(survey.rows) else None
        return problem(
            ProblemCode.XLSFORM_INVALID,
            Location(file=filename, sheet=survey.title if survey and row else "", row=row),
            message=message,
        )
    except Exception:  # see the docstring
        return None
    return None


__all__ = [
    "FORMAT",
    "classify",
    "engine_name",
    "import_workbook",
    "language_code",
    "read_xlsform",
    "slugify",
]
