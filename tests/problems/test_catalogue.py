"""The one problem catalogue: every code speaks French and English, and is shown by an example.

The catalogue is the engine's codes (:class:`ErrorCode`) and the files' codes
(:class:`ProblemCode`). For each member there is an example (``engine_examples.py``,
``examples.py``) that makes Vivier name it; a member without one fails
``test_every_code_has_an_example``, and an example that no longer produces its code fails
``test_the_example_shows_the_problem``.
"""

from __future__ import annotations

import ast
import html
import re
from collections import Counter
from pathlib import Path

import pytest

from tests.problems.engine_examples import ENGINE_EXAMPLES
from tests.problems.examples import EXAMPLES, WITH_DATABASE, Context
from vivier.problems import Diagnostic, Location, ProblemCode, problem
from vivier.problems.base import CatalogueCode, Localized, Severity
from vivier.problems.catalogue import CATALOGUES, every_code, members_of
from vivier.surveys.errors import ErrorCode, Issue

SRC = Path(__file__).resolve().parents[2] / "src" / "vivier"
ALL = every_code()
#: A placeholder left unfilled in a message: ``{name}``, but not ``${q1}`` (an expression).
UNFILLED = re.compile(r"(?<!\$)\{[A-Za-z_]+\}")


def _id(code: CatalogueCode) -> str:
    return f"{type(code).__name__}.{code.name}"


@pytest.mark.parametrize("code", ALL, ids=_id)
def test_every_code_has_a_french_and_an_english_text(code):
    assert code.fr.strip() and code.en.strip()
    if code.fr != "{text}":  # the questionnaire's own message, in its own language
        assert code.fr != code.en
    assert code.severity in (Severity.ERROR, Severity.WARNING)


@pytest.mark.parametrize("code", ALL, ids=_id)
def test_french_and_english_name_the_same_values(code):
    assert code.placeholders("fr") == code.placeholders("en")


@pytest.mark.parametrize("code", list(ProblemCode), ids=_id)
def test_every_template_formats_once_its_values_are_given(code):
    params = {name: "x" for name in code.placeholders()}
    found = problem(code, Location(file="f.xlsx", row=3), **params)
    assert found.missing() == frozenset()
    for lang in ("fr", "en"):
        assert not UNFILLED.search(found.message(lang)), found.message(lang)
        assert found.describe(lang).startswith(("fichier « f.xlsx »", "file 'f.xlsx'"))


def test_stored_codes_are_shared_only_by_wordings_of_one_problem():
    """A code string names one problem whichever catalogue found it; two members share one
    only when the second is another wording of the first (``code`` given explicitly)."""
    counts = Counter(code.code for code in ALL)
    for code in ALL:
        if counts[code.code] > 1:
            assert members_of(code.code)[0].name == code.code, code
    assert {c.name for c in ErrorCode}.isdisjoint({c.name for c in ProblemCode})
    assert (ErrorCode, ProblemCode) == CATALOGUES


def test_a_localized_value_is_written_in_the_message_language():
    found = problem(ProblemCode.UNKNOWN_FORMAT, suffix=Localized("sans", "none"), known=".xlsx")
    assert found.message("fr") == "Format de fichier non reconnu (sans) : formats acceptés .xlsx."
    assert found.message("en") == "Unknown file format (none): accepted formats are .xlsx."


def test_a_diagnostic_says_where_in_each_language():
    found = problem(ProblemCode.CSV_EMPTY, Location(file="r.csv", row=2, column="q1"))
    assert (
        found.describe("fr") == "fichier « r.csv », ligne 2, colonne « q1 » : Le fichier est vide."
    )
    assert found.describe("en") == "file 'r.csv', row 2, column 'q1': The file is empty."
    assert found.code == "CSV_EMPTY" and found.is_error


def test_an_engine_issue_placed_in_a_file_keeps_its_message():
    issue = Issue(ErrorCode.FORWARD_REFERENCE, {"name": "q9"}, section="s1", question="q5")
    placed = issue.located(Location(line=4, field="q5"))
    assert placed.kind is ErrorCode.FORWARD_REFERENCE and placed.code == "FORWARD_REFERENCE"
    assert placed.message("fr") == issue.message("fr")
    assert placed.message("en") == issue.message("en")
    assert placed.describe("fr").startswith("ligne 4, q5 : La question « q5 »")


# -- Every code shown by an example ------------------------------------------------------------


def test_every_code_has_an_example():
    missing = [_id(code) for code in ALL if code not in EXAMPLES and code not in ENGINE_EXAMPLES]
    assert missing == []


@pytest.mark.parametrize("code", list(ErrorCode), ids=_id)
def test_the_engine_example_shows_the_problem(code):
    found = [issue for issue in ENGINE_EXAMPLES[code]() if issue.code is code]
    assert found, f"the example of {code.name} did not produce it"
    for issue in found:
        for lang in ("fr", "en"):
            assert not UNFILLED.search(issue.message(lang)), issue.message(lang)


@pytest.mark.parametrize("code", [c for c in ProblemCode if c not in WITH_DATABASE], ids=_id)
def test_the_example_shows_the_problem(code, tmp_path, monkeypatch, request):
    _shows(code, Context(tmp_path, monkeypatch, request))


@pytest.mark.parametrize("code", [c for c in ProblemCode if c in WITH_DATABASE], ids=_id)
def test_the_example_shows_the_problem_with_the_database(code, db, tmp_path, monkeypatch, request):
    _shows(code, Context(tmp_path, monkeypatch, request))


def _shows(code: ProblemCode, context: Context) -> None:
    found = list(EXAMPLES[code](context))
    pages = [item for item in found if isinstance(item, str)]
    named = [d for d in found if isinstance(d, Diagnostic) and d.kind is code]
    if pages:  # a problem shown on a page, in French
        assert any(html.escape(code.render({}, "fr")) in page for page in pages)
        return
    assert named, f"the example of {code.name} gave {[d.kind.name for d in found]}"
    for diagnostic in named:
        # The place that found the problem gave every value its message names.
        assert diagnostic.missing() == frozenset(), diagnostic.kind.name
        assert diagnostic.message("fr") != diagnostic.message("en")
        assert diagnostic.severity is code.severity


# -- Every call site gives the values its message names -------------------------------------


#: Helpers that add values of their own to every problem they make (the archive's kind).
ADDED_BY = {"_refused": {"kind"}}


def _call_sites() -> list[tuple[str, ProblemCode, set[str], bool]]:
    """Each call of the code passing ``ProblemCode.X``: where, the code, the keywords it gives,
    and whether it forwards more (``**params``)."""
    sites = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            for arg in node.args:
                if (
                    isinstance(arg, ast.Attribute)
                    and isinstance(arg.value, ast.Name)
                    and arg.value.id == "ProblemCode"
                ):
                    given = {k.arg for k in node.keywords if k.arg is not None}
                    if isinstance(node.func, ast.Name):
                        given |= ADDED_BY.get(node.func.id, set())
                    forwards = any(k.arg is None for k in node.keywords)
                    where = f"{path.relative_to(SRC)}:{node.lineno}"
                    sites.append((where, ProblemCode[arg.attr], given, forwards))
    return sites


def test_every_call_site_gives_the_values_its_message_names():
    sites = _call_sites()
    assert len(sites) > 100  # the scan finds the readers' calls
    wrong = [
        f"{where} {code.name}: missing {sorted(code.placeholders() - given)}"
        for where, code, given, forwards in sites
        if not forwards and not code.placeholders() <= given
    ]
    assert wrong == []
    extra = [
        f"{where} {code.name}: unknown {sorted(given - code.placeholders())}"
        for where, code, given, forwards in sites
        if given - code.placeholders()
    ]
    assert extra == []


def test_no_reader_writes_a_problem_message_of_its_own():
    """Messages live in the catalogue: no reader builds a diagnostic from its own sentences."""
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for pattern in (
            r"\berror\(\s*\"[A-Z_]{4,}\"",
            r"\bwarning\(\s*\"[A-Z_]{4,}\"",
            "LineError",
        ):
            if re.search(pattern, text):
                offenders.append(f"{path.relative_to(SRC)}: {pattern}")
    assert offenders == []
