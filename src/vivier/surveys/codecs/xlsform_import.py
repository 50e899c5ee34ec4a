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

from vivier.surveys.codecs.report import (
    Diagnostic,
    ImportResult,
    Location,
    engine_diagnostics,
    error,
    result,
    warning,
)
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
        where = Location(file=filename, sheet=exc.sheet, row=exc.row)
        return result(None, [error(exc.code, exc.message_fr, exc.message_en, where)], FORMAT)
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
    detail = f"{type(exc).__name__}: {exc}"
    return error(
        "FILE_UNREADABLE",
        f"Fichier illisible : {detail}. Vérifiez qu'il s'agit bien d'un formulaire XLSForm.",
        f"File unreadable: {detail}. Check that it is an XLSForm form.",
        Location(file=filename),
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
    #: Why the row is imported in a weaker form (fr, en), for the warning.
    downgrade: tuple[str, str] | None = None
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
            downgrade=(
                "une case « acknowledge » devient un choix unique à une seule option « OK »",
                "an 'acknowledge' box becomes a single choice with one option 'OK'",
            ),
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
                    downgrade=(
                        f"les options viennent du fichier externe « {rest} » : la question "
                        "devient un texte libre",
                        f"the options come from the external file '{rest}': the question "
                        "becomes a free text",
                    ),
                )
            if select == "external":
                return _Kind(
                    "question",
                    QuestionType.SHORT_TEXT,
                    downgrade=(
                        "les options sont externes (select_one_external) : la question devient "
                        "un texte libre",
                        "the options are external (select_one_external): the question becomes "
                        "a free text",
                    ),
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
        downgrade=(
            f"Vivier ne reçoit pas de fichiers ({type_name}) : la question devient une note",
            f"Vivier does not take uploads ({type_name}): the question becomes a note",
        ),
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
            downgrade=(
                f"Vivier ne sait pas saisir ce type ({key}) : la réponse devient un texte libre",
                f"Vivier cannot capture this type ({key}): the answer becomes a free text",
            ),
        )
    if bind_type == "int":
        downgrade = None
        if tag == "range":
            downgrade = (
                "un curseur (range) devient un nombre entier",
                "a range slider becomes an integer",
            )
        return _Kind("question", QuestionType.INTEGER, downgrade=downgrade)
    if bind_type == "decimal":
        return _Kind("question", QuestionType.DECIMAL)
    if bind_type == "date":
        return _Kind("question", QuestionType.DATE)
    if bind_type == "dateTime":
        return _Kind(
            "question",
            QuestionType.DATE,
            downgrade=(
                "une date et heure devient une date (l'heure est perdue)",
                "a date and time becomes a date (the time is lost)",
            ),
        )
    if bind_type == "time":
        return _Kind(
            "question",
            QuestionType.SHORT_TEXT,
            downgrade=("une heure devient un texte libre", "a time becomes a free text"),
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

    def error(self, code: str, fr: str, en: str, location: Location) -> None:
        self.diagnostics.append(error(code, fr, en, location))

    def warn(self, code: str, fr: str, en: str, location: Location) -> None:
        self.diagnostics.append(warning(code, fr, en, location))

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.diagnostics)

    # -- sheets ---------------------------------------------------------------------------------

    def _report_error_cells(self) -> None:
        """Cells holding an Excel error (``#N/A``, ``#REF!``: a broken formula) read as empty;
        pyxform would have taken the error's text as a label or a name."""
        for title, found in self.workbook.error_cells.items():
            shown = ", ".join(found[:10]) + (" …" if len(found) > 10 else "")
            self.warn(
                "XLSFORM_ERROR_CELLS",
                f"{len(found)} cellule(s) de la feuille « {title} » contiennent une erreur "
                f"Excel (#N/A, #REF!… : une formule cassée) et sont lues comme vides : {shown}. "
                "Corrigez la formule ou tapez la valeur voulue.",
                f"{len(found)} cell(s) of the '{title}' sheet hold an Excel error (#N/A, "
                f"#REF!…: a broken formula) and are read as empty: {shown}. Fix the formula or "
                "type the value wanted.",
                Location(file=self.filename, sheet=title),
            )

    def build(self) -> Questionnaire | None:
        survey = self.workbook.sheet(SURVEY)
        if survey is None:
            found = ", ".join(self.workbook.sheet_names) or "aucune"
            close = difflib.get_close_matches(
                "survey", [n.lower() for n in self.workbook.sheet_names], n=1
            )
            hint_fr = f" Vouliez-vous dire « {close[0]} » ?" if close else ""
            hint_en = f" Did you mean '{close[0]}'?" if close else ""
            self.error(
                "XLSFORM_NO_SURVEY",
                f"Ce fichier n'est pas un XLSForm : il n'a pas de feuille « survey » (feuilles "
                f"trouvées : {found}).{hint_fr}",
                f"This file is not an XLSForm: it has no 'survey' sheet (sheets found: "
                f"{found.replace('aucune', 'none')}).{hint_en}",
                Location(file=self.filename),
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
            self.error(
                "XLSFORM_NO_TYPE_COLUMN",
                "La feuille « survey » n'a pas de colonne « type » : ajoutez-la en première ligne.",
                "The 'survey' sheet has no 'type' column: add it to the first row.",
                self.where(survey, 1),
            )
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
        if self.workbook.located_by == "json":
            fr = "La liste « content.survey » est vide : ce formulaire n'a aucune question."
            en = "The 'content.survey' list is empty: this form has no question."
        elif survey.name in {name.lower() for name in self.workbook.sheet_names}:
            fr = (
                f"La feuille « {survey.title} » est vide : ce classeur ne contient aucun "
                "formulaire. Un XLSForm a dans sa feuille « survey » une ligne d'en-têtes "
                "(type, name, label), puis une ligne par question."
            )
            en = (
                f"The '{survey.title}' sheet is empty: this workbook holds no form. An XLSForm "
                "has in its 'survey' sheet a header row (type, name, label), then one row per "
                "question."
            )
        else:
            # pyxform reads the only sheet of a workbook as the survey, whatever its name.
            shown = ", ".join(self.workbook.sheet_names) or "aucune"
            fr = (
                f"Ce classeur est vide (feuilles : {shown}) : il ne contient aucun formulaire. "
                "Un XLSForm a une feuille « survey » avec une ligne d'en-têtes (type, name, "
                "label), puis une ligne par question."
            )
            en = (
                f"This workbook is empty (sheets: {shown.replace('aucune', 'none')}): it holds "
                "no form. An XLSForm has a 'survey' sheet with a header row (type, name, "
                "label), then one row per question."
            )
        self.error("XLSFORM_EMPTY", fr, en, Location(file=self.filename))

    def _columns(self, sheet: Sheet, aliases: Mapping[str, str]) -> Columns:
        found = columns(sheet.headers, aliases)
        for first, second in found.conflicts:
            self.error(
                "XLSFORM_DUPLICATE_COLUMN",
                f"Les en-têtes « {first} » et « {second} » désignent la même colonne de la "
                f"feuille « {sheet.title} » : renommez ou supprimez l'un des deux.",
                f"The headers '{first}' and '{second}' name the same column of the "
                f"'{sheet.title}' sheet: rename or remove one of them.",
                self.where(sheet, 1, second),
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
            shown = ", ".join(missing)
            self.error(
                "XLSFORM_CHOICES_COLUMNS",
                f"La feuille « {sheet.title} » n'a pas de colonne {shown} : chaque option a "
                "besoin de « list_name » (sa liste) et « name » (sa valeur).",
                f"The '{sheet.title}' sheet has no {shown} column: every option needs "
                "'list_name' (its list) and 'name' (its value).",
                self.where(sheet, 1),
            )
            return rows
        allow_duplicates = self.settings.get("allow_choice_duplicates", "").lower() in _YES
        seen: dict[tuple[str, str], Cells] = {}
        for cells in rows:
            list_name, value = cells.get("list_name"), cells.get("name")
            if not list_name and not value:
                continue
            if not value:
                self.error(
                    "XLSFORM_CHOICE_WITHOUT_NAME",
                    f"L'option de la liste « {list_name} » n'a pas de valeur (colonne "
                    "« name ») : donnez-lui un nom court sans espace.",
                    f"The option of list '{list_name}' has no value ('name' column): give it a "
                    "short name without spaces.",
                    self.where(sheet, cells.number, cells.header("name")),
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
                self.error(
                    "XLSFORM_DUPLICATE_CHOICE",
                    f"La liste « {list_name} » a deux fois l'option « {value} » (lignes {first} "
                    f"et {cells.number}) : chaque option d'une liste doit avoir un nom unique.",
                    f"The list '{list_name}' has the option '{value}' twice (rows {first} and "
                    f"{cells.number}): each option of a list needs a unique name.",
                    self.where(sheet, cells.number, cells.header("name")),
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
        same = kept_label == other_label
        self.warn(
            "XLSFORM_DUPLICATE_CHOICE_MERGED",
            f"La liste « {list_name} » a deux options de valeur « {value} » (lignes "
            f"{kept.number} et {cells.number}), ce que permet le réglage "
            "« allow_choice_duplicates » : une réponse n'enregistrant que la valeur, Vivier "
            f"garde une seule option, celle de la ligne {kept.number} (« {kept_label} »)"
            + (
                "."
                if same
                else f" ; le libellé « {other_label} » de la ligne {cells.number} n'est pas "
                "proposé."
            ),
            f"The list '{list_name}' has two options with the value '{value}' (rows "
            f"{kept.number} and {cells.number}), which the 'allow_choice_duplicates' setting "
            "permits: since an answer records only the value, Vivier keeps one option, that "
            f"of row {kept.number} ('{kept_label}')"
            + (
                "."
                if same
                else f"; the label '{other_label}' of row {cells.number} is not offered."
            ),
            self.where(sheet, cells.number, cells.header("name")),
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
                    shown = source_name or _any_label(cells)
                    self.error(
                        "XLSFORM_NO_TYPE",
                        f"La ligne « {shown} » n'a pas de type : "
                        "remplissez la colonne « type » (text, integer, select_one liste...).",
                        f"The row '{shown}' has no type: fill in "
                        "the 'type' column (text, integer, select_one list...).",
                        self.at(cells, "type"),
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
                self.warn(
                    "XLSFORM_METADATA_DROPPED",
                    f"« {raw_type} » est une donnée technique recueillie par l'appareil : elle "
                    "n'est pas importée (information).",
                    f"'{raw_type}' is technical data captured by the device: it is not "
                    "imported (information).",
                    self.at(cells, "type"),
                )
                continue
            if not source_name and not (
                kind.role == "question" and kind.question_type is QuestionType.DISPLAY
            ):
                self.error(
                    "XLSFORM_NO_NAME",
                    f"La ligne de type « {raw_type} » n'a pas de nom : remplissez la colonne "
                    "« name ».",
                    f"The row of type '{raw_type}' has no name: fill in the 'name' column.",
                    self.at(cells, "name"),
                )
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
                    self.error(
                        "XLSFORM_CALCULATION_MISSING",
                        f"Le calcul « {source_name} » n'a pas de formule : remplissez la "
                        "colonne « calculation » ou supprimez la ligne.",
                        f"The calculate '{source_name}' has no formula: fill in the "
                        "'calculation' column or remove the row.",
                        self.at(cells, "calculation"),
                    )
                self.calculations[source_name] = entry
                continue
            if not source_name:
                source_name = f"note_{cells.number}"
            entry = _Entry(cells, kind, source_name, group_path=path)
            entry.name = self._name_for(entry, taken)
            self.entries.append(entry)
        for group in reversed(stack):
            self.error(
                "XLSFORM_UNCLOSED_GROUP",
                f"Le groupe « {group.source_name} » ouvert ici n'est jamais fermé : ajoutez une "
                f"ligne « end {group.kind.control} ».",
                f"The group '{group.source_name}' opened here is never closed: add an "
                f"'end {group.kind.control}' row.",
                self.at(group.cells, "type"),
            )

    def _end(self, cells: Cells, kind: _Kind, stack: list[_Group]) -> None:
        if not stack:
            self.error(
                "XLSFORM_UNMATCHED_END",
                f"« end {kind.control} » sans « begin {kind.control} » correspondant : "
                "supprimez cette ligne ou ajoutez le début du groupe.",
                f"'end {kind.control}' without a matching 'begin {kind.control}': remove this "
                "row or add the start of the group.",
                self.at(cells, "type"),
            )
            return
        group = stack[-1]
        if group.kind.control != kind.control:
            self.error(
                "XLSFORM_UNMATCHED_END",
                f"« end {kind.control} » ferme « begin {group.kind.control} » "
                f"(« {group.source_name} », ligne {group.cells.number}) : les débuts et fins "
                "doivent correspondre.",
                f"'end {kind.control}' closes 'begin {group.kind.control}' "
                f"('{group.source_name}', row {group.cells.number}): begins and ends must "
                "match.",
                self.at(cells, "type"),
            )
        stack.pop()
        self.entries.append(("end", cells))

    def _refuse_type(self, cells: Cells, kind: _Kind, raw_type: str) -> None:
        if kind.role == "include":
            self.error(
                "XLSFORM_INCLUDE",
                "Le type « include » (inclusion d'un autre formulaire, abandonné par XLSForm) "
                "n'est pas pris en charge : recopiez les questions de la section incluse dans "
                "la feuille « survey ».",
                "The 'include' type (including another form, dropped from XLSForm) is not "
                "supported: copy the questions of the included section into the 'survey' "
                "sheet.",
                self.at(cells, "type"),
            )
            return
        known = [*_TYPES_LOWER, "select_one", "select_multiple", "begin group", "end group"]
        close = difflib.get_close_matches(raw_type.lower(), known, n=1)
        self.error(
            "XLSFORM_UNKNOWN_TYPE",
            f"Type de question inconnu « {raw_type} »"
            + (f" : vouliez-vous dire « {close[0]} » ?" if close else ".")
            + " Les types reconnus sont text, integer, decimal, date, select_one, "
            "select_multiple, rank, note, calculate, begin group...",
            f"Unknown question type '{raw_type}'"
            + (f": did you mean '{close[0]}'?" if close else ".")
            + " Known types are text, integer, decimal, date, select_one, select_multiple, "
            "rank, note, calculate, begin group...",
            self.at(cells, "type"),
        )

    def _name_for(self, entry: _Entry, taken: set[str]) -> str:
        source = entry.source_name
        base = source if ENGINE_NAME_RE.fullmatch(source) else engine_name(source)
        name = _unique(base, taken)
        taken.add(name)
        if entry.kind.other:
            taken.add(name + OTHER_SUFFIX)
        if source in self.names:
            self.warn(
                "XLSFORM_DUPLICATE_NAME",
                f"Le nom « {source} » est déjà pris par une autre question : celle-ci devient "
                f"« {name} » (les conditions qui citent ${{{source}}} visent la première).",
                f"The name '{source}' is already used by another question: this one becomes "
                f"'{name}' (conditions naming ${{{source}}} point to the first).",
                self.at(entry.cells, "name"),
            )
        else:
            self.names[source] = name
            if name != source:
                self.warn(
                    "XLSFORM_NAME_RENAMED",
                    f"Le nom « {source} » n'est pas un nom valide pour Vivier (lettres sans "
                    f"accent, chiffres et _) : la question s'appelle « {name} », et les "
                    "conditions suivent.",
                    f"The name '{source}' is not a valid Vivier name (unaccented letters, "
                    f"digits and _): the question is named '{name}', and conditions follow.",
                    self.at(entry.cells, "name"),
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

    def expression(self, cells: Cells, key: str, what_fr: str, what_en: str) -> Translation | None:
        """Translate one expression cell; None when empty or refused (with a diagnostic)."""
        source = cells.get(key)
        if not source:
            return None
        try:
            translation = translate(source, self.resolve)
        except XPathSyntaxError as exc:
            self.error(
                "XLSFORM_EXPRESSION_SYNTAX",
                f"« {source} » n'est pas une expression XLSForm valide : {exc.message_fr} "
                f"(caractère {exc.position + 1}). Corrigez la formule.",
                f"'{source}' is not a valid XLSForm expression: {exc.message_en} (character "
                f"{exc.position + 1}). Fix the formula.",
                self.at(cells, key),
            )
            return None
        unknown = [u for u in translation.unsupported if u.reason_en == "no question has this name"]
        for missing in unknown:
            name = missing.what[2:-1]
            close = difflib.get_close_matches(name, [*self.names, *self.calculations], n=1)
            self.error(
                "XLSFORM_UNKNOWN_REFERENCE",
                f"{what_fr.capitalize()} « {source} » cite {missing.what}, mais aucune question "
                "ne porte ce nom" + (f" : vouliez-vous dire ${{{close[0]}}} ?" if close else "."),
                f"The {what_en} '{source}' names {missing.what}, but no question has this name"
                + (f": did you mean ${{{close[0]}}}?" if close else "."),
                self.at(cells, key),
            )
        if unknown:
            return None
        if not translation.ok:
            dropped_fr, dropped_en = _DROPPED[key]
            features = ", ".join(u.describe("fr") for u in translation.unsupported)
            features_en = ", ".join(u.describe("en") for u in translation.unsupported)
            self.warn(
                "XLSFORM_EXPRESSION_UNSUPPORTED",
                f"{what_fr.capitalize()} « {source} » utilise ce que Vivier n'exécute pas "
                f"({features}) : {dropped_fr}.",
                f"The {what_en} '{source}' uses what Vivier does not run ({features_en}): "
                f"{dropped_en}.",
                self.at(cells, key),
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
        translation = self.expression(cells, "calculation", "le calcul", "calculation")
        if translation is None or translation.ok:
            return
        self.warn(
            "XLSFORM_CALCULATE_DROPPED",
            f"Le calcul « {entry.source_name} » n'est pas importé : les conditions qui "
            "l'utilisent sont abandonnées (voir les avertissements de ces lignes).",
            f"The calculate '{entry.source_name}' is not imported: the conditions that use it "
            "are dropped (see the warnings of those rows).",
            self.at(cells, "calculation"),
        )

    def _begin(self, group: _Group) -> None:
        cells, kind = group.cells, group.kind
        if kind.control in {"repeat", "loop"}:
            word = "répétition" if kind.control == "repeat" else "boucle (loop)"
            self.warn(
                "XLSFORM_REPEAT_FLATTENED",
                f"Le groupe « {group.source_name} » est une {word} : Vivier ne répète pas de "
                "questions, il devient un groupe simple posé une seule fois.",
                f"The group '{group.source_name}' is a {kind.control}: Vivier does not repeat "
                "questions, it becomes a plain group asked once.",
                self.at(cells, "type"),
            )
        relevance = self.expression(
            cells, "relevant", "la condition d'affichage", "relevance condition"
        )
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
            self.warn(
                "XLSFORM_TYPE_DOWNGRADED",
                f"Type « {cells.get('type')} » : {kind.downgrade[0]}.",
                f"Type '{cells.get('type')}': {kind.downgrade[1]}.",
                self.at(cells, "type"),
            )
        read_only = cells.get("read_only").lower() in _YES
        if read_only and question_type is not QuestionType.DISPLAY:
            question_type = QuestionType.DISPLAY
            self.warn(
                "XLSFORM_READ_ONLY",
                "Question en lecture seule : elle devient une note (le respondant ne la "
                "remplit pas).",
                "Read-only question: it becomes a note (the respondent does not fill it in).",
                self.at(cells, "read_only"),
            )
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
            self.warn(
                "XLSFORM_MEDIA_LABEL",
                f"Cette ligne n'a pour libellé qu'un média ({media}) : Vivier n'affiche pas les "
                "médias, le nom du fichier tient lieu de libellé.",
                f"This row's only label is a media file ({media}): Vivier does not show media, "
                "the file name stands in for the label.",
                self.at(cells, "label", self.languages.primary),
            )
        if not label and not hint:
            self.error(
                "XLSFORM_NO_LABEL",
                f"La question « {entry.source_name} » n'a ni libellé ni indication : "
                "remplissez la colonne « label ».",
                f"The question '{entry.source_name}' has neither label nor hint: fill in the "
                "'label' column.",
                self.at(cells, "label", self.languages.primary),
            )
            return None
        if not label:
            label, hint, label_tr, hint_tr = hint, "", hint_tr, {}
        relevance = self.expression(
            cells, "relevant", "la condition d'affichage", "relevance condition"
        )
        constraint: Translation | None = None
        required = False
        if question_type is not QuestionType.DISPLAY:
            constraint = self.expression(cells, "constraint", "la contrainte", "constraint")
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
            self.warn(
                "XLSFORM_CHOICES_FROM_ANSWERS",
                f"Les options viennent des réponses à {list_name} : Vivier ne sait pas les "
                "construire, la question devient un texte libre.",
                f"The options come from the answers to {list_name}: Vivier cannot build them, "
                "the question becomes a free text.",
                self.at(cells, "type"),
            )
            entry.kind = replace(kind, question_type=QuestionType.SHORT_TEXT, select="")
            return (), False
        rows = self.lists.get(list_name)
        if rows is None:
            self.error(
                "XLSFORM_UNKNOWN_LIST",
                f"La liste d'options « {list_name} » n'existe pas dans la feuille « choices » : "
                "ajoutez ses options ou corrigez le nom de la liste.",
                f"The option list '{list_name}' does not exist in the 'choices' sheet: add its "
                "options or fix the list name.",
                self.at(cells, "type"),
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
            self.warn(
                "XLSFORM_CHOICE_FILTER_DROPPED",
                f"Le filtre d'options « {cells.get('choice_filter')} » n'est pas appliqué : "
                "toutes les options de la liste sont proposées.",
                f"The choice filter '{cells.get('choice_filter')}' is not applied: every "
                "option of the list is offered.",
                self.at(cells, "choice_filter"),
            )

    def _required(self, cells: Cells) -> bool:
        text = cells.get("required").strip()
        if text.lower() in _YES:
            return True
        if text.lower() in _NO:
            return False
        translation = self.expression(cells, "required", "l'obligation", "required condition")
        if translation is not None and translation.node is not None:
            node = parse(translation.expression)
            if not _refers(node):
                return truthy(evaluate(node, {}))
        if translation is not None:
            self.warn(
                "XLSFORM_CONDITIONAL_REQUIRED",
                f"« {text} » rend la question obligatoire seulement sous condition : Vivier ne "
                "le sait pas, la question est importée facultative.",
                f"'{text}' makes the question required only under a condition: Vivier cannot "
                "do that, the question is imported as optional.",
                self.at(cells, "required"),
            )
        return False

    def _default(self, cells: Cells, question_type: QuestionType) -> str:
        text = cells.get("default")
        if not text or question_type is QuestionType.DISPLAY:
            return ""
        if "${" in text or "(" in text:
            self.warn(
                "XLSFORM_DYNAMIC_DEFAULT",
                f"La valeur par défaut « {text} » est calculée : Vivier ne pré-remplit que des "
                "valeurs fixes, elle est ignorée.",
                f"The default '{text}' is computed: Vivier only pre-fills fixed values, it is "
                "ignored.",
                self.at(cells, "default"),
            )
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
            self.error(
                "XLSFORM_NO_QUESTION",
                f"La feuille « {survey.title} » n'a que sa ligne d'en-têtes : ce formulaire "
                "n'a aucune question, rien n'est importé. Ajoutez une ligne par question (type, "
                "name, label).",
                f"The '{survey.title}' sheet has only its header row: this form has no "
                "question, nothing is imported. Add one row per question (type, name, label).",
                self.where(survey, 1),
            )
            return None
        if not sections:
            # Rows that are all device data, hidden fields or calculations: a valid XLSForm
            # (pyxform converts it), imported, but the person should know.
            self.warn(
                "XLSFORM_NOTHING_TO_ASK",
                "Ce formulaire n'a aucune question que Vivier puisse poser (seulement des "
                "données techniques, des champs cachés ou des calculs) : le questionnaire "
                "importé est vide.",
                "This form has no question Vivier can ask (only technical data, hidden fields "
                "or calculations): the imported questionnaire is empty.",
                self.where(survey),
            )
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
                if d.code != "XLSFORM_EXPRESSION_UNSUPPORTED"
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
        location = self._locate(issue)
        self.warn(
            "XLSFORM_CONDITION_DROPPED",
            f"{issue.message('fr')} La condition est abandonnée : "
            + (
                "la contrainte n'est pas vérifiée."
                if issue.field is Field.CONSTRAINT
                else "l'élément est toujours affiché."
            ),
            f"{issue.message('en')} The condition is dropped: "
            + (
                "the constraint is not checked."
                if issue.field is Field.CONSTRAINT
                else "the element is always shown."
            ),
            location,
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

_DROPPED: Mapping[str, tuple[str, str]] = {
    "relevant": (
        "la condition est abandonnée, l'élément est toujours affiché",
        "the condition is dropped, the element is always shown",
    ),
    "constraint": (
        "la contrainte est abandonnée, la réponse n'est pas vérifiée",
        "the constraint is dropped, the answer is not checked",
    ),
    "calculation": (
        "le calcul n'est pas importé",
        "the calculation is not imported",
    ),
    "required": (
        "l'obligation est abandonnée",
        "the requirement is dropped",
    ),
}


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
        return error(
            "XLSFORM_INVALID",
            f"pyxform, le convertisseur de référence des XLSForm, refuse ce formulaire : {message}",
            f"pyxform, the reference XLSForm converter, refuses this form: {message}",
            Location(file=filename, sheet=survey.title if survey and row else "", row=row),
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
