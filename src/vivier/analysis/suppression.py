"""Small-cell suppression for published outputs, complementary included.

A count between 1 and k - 1 can point at a person (the only respondent of a small
département who ticked "Autre"), so a publication hides it. Hiding it alone is not enough:
the options of a question add up to its ``answered``, so one hidden option is the total
minus the others. ``suppress`` therefore maps the report onto counts and the additive
relations a reader knows between them, and lets ``complementary.protect`` choose the cells
to hide so that none can be recomputed (see that module for the rules). The relations:

* ``responses`` = the days of ``per_day`` = ``per_channel`` = ``per_mode``; ``peak`` is
  the count of its day;
* per question: ``answered`` = its options (single choice, yes/no, rating, départements);
  a ranking's ``first`` counts add up to ``answered`` (every ranking has a first); each
  row of a rating grid adds up to the row's ``answered``; multiple choice and ranking
  ``count`` do not add up (a respondent ticks several) and have no relation; for numbers,
  dates and texts ``count`` is ``answered``;
* départements add up to their région, régions and unknown codes to ``answered``;
* ``shown`` follows the questionnaire: questions asked to everyone are shown to
  ``responses``, questions with the same conditions share one ``shown``, and a condition on
  options of another question (``${q1} = 'a'``, ``selected(${q5}, 'x')``, ``!=``) ties
  ``shown`` to the count of those options (or of the others) when the figures agree;
* the funnel repeats ``shown`` and ``answered``; a section's ``stopped`` adds up its
  questions' ``stopped``; a section's ``reached`` is the ``shown`` of its questions that
  have no condition of their own.

Every hidden figure becomes None, and its dict gets ``"suppressed": True`` and
``"suppressed_keys"`` (the hidden keys, percents and statistics included). What else goes:

* a percent whose count or base is hidden (with the base, a percent gives the count back);
* the mean and median of a rating (or of a grid row) with a hidden count: with the counts
  around it, the mean is one more linear equation between them; the mean, median, minimum
  and maximum of numbers and dates whose ``count`` is hidden; the mean rank of a hidden
  ranking option;
* free texts (``texts``, ``other_texts``), withheld whole: quotes are published only when
  an analyst chooses them.

Zeros stay visible, except inside a group hidden whole because its total is small.

Not covered: relations between different publications (a report filtered on one answer
beside the whole one, a cross-tab beside the report), and conditions that are not a plain
test of options (numbers compared, several questions tested at once: their ``shown`` is
protected only by its own primary rule and by the relations above). The counts of the
public catalogue of practices (facets, map) count published practice sheets, each of them
public in full: they reveal nothing that the listing does not, and are not suppressed.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from typing import Any, TypeGuard

from vivier.analysis.complementary import Cells, protect
from vivier.surveys.expressions import Binary, Call, Literal, Node, Ref, parse, walk
from vivier.surveys.schema import Question, Questionnaire
from vivier.territories import DEPARTEMENTS, region_of

DEFAULT_K = 5
_STATISTICS = ("mean", "median", "min", "max")
_TEXTS = ("texts", "other_texts")
#: Keys that hold counts of people anywhere in a report or a cross-tab.
_COUNT_KEYS = ("count", "total", "first", "answered", "shown", "reached", "stopped", "responses")
#: Question types whose option counts add up to ``answered``.
_SUMMING = ("single_choice", "yes_no", "rating", "departement")
#: Question types that a respondent answers with at most one option.
_ONE_VALUE = ("single_choice", "yes_no", "rating")
_DEPARTEMENT_CODES = frozenset(d.code for d in DEPARTEMENTS)


def suppress(
    report: dict[str, Any], k: int = DEFAULT_K, *, questionnaire: Questionnaire | None = None
) -> dict[str, Any]:
    """A copy of ``report`` (or of a cross-tab) fit for publication.

    ``questionnaire`` (the version the report was built from) lets the relations that
    conditions create between questions be protected too; without it they are not.
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    if "cells" in report and "questions" not in report:
        return suppress_crosstab(report, k)
    published = copy.deepcopy(report)
    _ReportCells(published, questionnaire, k).run()
    _withhold_texts(published)
    _primary_leftovers(published, k)
    published["suppression"] = {"k": k}
    return published


def suppress_crosstab(table: dict[str, Any], k: int = DEFAULT_K) -> dict[str, Any]:
    """A copy of a cross-tab (``aggregates.crosstab``) fit for publication.

    The copy gets the column margins (``column_totals``: responses per column, the sum of
    the column's cells) and the grand ``total``, so that readers need not add up cells; the
    suppression protects rows, columns and margins together.
    """
    if k < 1:
        raise ValueError("k must be at least 1")
    published = copy.deepcopy(table)
    rows = published["cells"]
    columns = [o["value"] for o in published["columns"]["options"]]
    published["column_totals"] = [
        {"column": c, "count": sum(row["counts"][j]["count"] for row in rows)}
        for j, c in enumerate(columns)
    ]
    published["total"] = sum(m["count"] for m in published["column_totals"])
    cells = _Cells()
    grand = cells.add(published, "total")
    margins = [cells.add(m, "count") for m in published["column_totals"]]
    row_totals = [cells.add(row, "total") for row in rows]
    grid = [[cells.add(c, "count") for c in row["counts"]] for row in rows]
    cells.relate(grand, margins)
    cells.relate(grand, row_totals)
    for j, margin in enumerate(margins):
        cells.relate(margin, [line[j] for line in grid])
    for total, line in zip(row_totals, grid, strict=True):
        cells.relate(total, line)
    cells.hide(protect(cells.cells, k))
    for row in rows:
        for count in row["counts"]:
            _hide_percent(count, base_hidden=row["total"] is None)
    _primary_leftovers(published, k)
    published["suppression"] = {"k": k}
    return published


# -- Cells of a report ----------------------------------------------------------------------


def _is_count(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


class _Cells:
    """Counts of a report with the places (dict, key) each is printed at."""

    def __init__(self) -> None:
        self.cells = Cells()
        self.places: list[list[tuple[dict[str, Any], str]]] = []

    def add(self, node: dict[str, Any], key: str) -> int | None:
        value = node.get(key)
        if not _is_count(value):
            return None
        self.places.append([(node, key)])
        return self.cells.add(value)

    def alias(self, cell: int | None, node: dict[str, Any], key: str) -> int | None:
        """The same count printed again: ``cell`` when the figures agree, else a new one."""
        if cell is not None and node.get(key) == self.cells.values[cell]:
            self.places[cell].append((node, key))
            return cell
        return self.add(node, key)

    def relate(self, total: int | None, members: Iterable[int | None]) -> bool:
        """Record ``total = sum(members)`` when the figures say so (a relation that does
        not hold in the figures cannot be used by a reader either)."""
        listed = list(members)
        group = [m for m in listed if m is not None]
        # A member that is not a count, or a cell listed twice, makes no usable relation.
        if total is None or len(group) != len(listed) or len(set(group)) != len(group):
            return False
        if total in group:
            return False
        if sum(self.cells.values[m] for m in group) != self.cells.values[total]:
            return False
        self.cells.relate(total, group)
        return True

    def order(self, low: int | None, high: int | None) -> None:
        """Record that ``low`` is at most ``high`` when the figures agree."""
        if low is None or high is None or low == high:
            return
        if self.cells.values[low] <= self.cells.values[high]:
            self.cells.order(low, high)

    def hide(self, hidden: Iterable[int]) -> None:
        for cell in hidden:
            for node, key in self.places[cell]:
                node[key] = None
                _mark(node, key)


def _mark(node: dict[str, Any], key: str) -> None:
    node["suppressed"] = True
    keys = node.setdefault("suppressed_keys", [])
    if key not in keys:
        keys.append(key)


def _hide(node: dict[str, Any], key: str) -> None:
    if node.get(key) is not None:
        node[key] = None
        _mark(node, key)


def _hide_percent(node: dict[str, Any], *, base_hidden: bool, key: str = "count") -> None:
    hidden = node.get(key) is None and bool(node.get("suppressed"))
    if "percent" in node and (base_hidden or hidden):
        _hide(node, "percent")


class _ReportCells:
    def __init__(self, report: dict[str, Any], q: Questionnaire | None, k: int) -> None:
        self.report = report
        self.q = q
        self.k = k
        self.cells = _Cells()
        self.figures: dict[str, dict[str, Any]] = {
            f["name"]: f for f in report.get("questions") or []
        }
        self.shown: dict[str, int | None] = {}
        self.answered: dict[str, int | None] = {}
        #: question -> option value (as text) -> cell of its count.
        self.options: dict[str, dict[str, int | None]] = {}

    def run(self) -> None:
        cells = self.cells
        report = self.report
        self.responses = cells.add(report, "responses")
        for key, entries in (("per_day", "count"), ("per_channel", "count"), ("per_mode", "count")):
            items = report.get(key) or []
            cells.relate(self.responses, [cells.add(item, entries) for item in items])
        peak = report.get("peak")
        if isinstance(peak, dict):
            day = next((d for d in report.get("per_day") or [] if d["date"] == peak["date"]), None)
            cell = self._cell_at(day, "count") if day is not None else None
            cells.alias(cell, peak, "count")
        self._shown()
        for figures in self.figures.values():
            self._question(figures)
        self._conditions()
        self._funnel()
        cells.hide(protect(cells.cells, self.k))
        self._derived()

    def _cell_at(self, node: dict[str, Any], key: str) -> int | None:
        for cell, places in enumerate(self.cells.places):
            if any(n is node and k == key for n, k in places):
                return cell
        return None

    # -- shown -------------------------------------------------------------------------------

    def _conditions_of(self, question: Question) -> tuple[str, str]:
        assert self.q is not None
        section = self.q.section_of(question.name)
        return section.relevant.strip(), question.relevant.strip()

    def _shown(self) -> None:
        by_condition: dict[tuple[str, str], int | None] = {("", ""): self.responses}
        questions = self.q.questions() if self.q is not None else ()
        for question in questions:
            figures = self.figures.get(question.name)
            if figures is None:
                continue
            # Questions under the same conditions are shown to the same responses.
            condition = self._conditions_of(question)
            if condition in by_condition:
                cell = self.cells.alias(by_condition[condition], figures, "shown")
            else:
                cell = self.cells.add(figures, "shown")
            by_condition.setdefault(condition, cell)
            self.shown[question.name] = cell
        for name, figures in self.figures.items():
            if name not in self.shown:
                self.shown[name] = self.cells.add(figures, "shown")

    # -- one question ------------------------------------------------------------------------

    def _question(self, figures: dict[str, Any]) -> None:
        cells = self.cells
        name = figures["name"]
        kind = figures.get("type")
        answered = cells.add(figures, "answered")
        self.answered[name] = answered
        cells.order(answered, self.shown.get(name))
        if "count" in figures:
            cells.alias(answered, figures, "count")
        options: dict[str, int | None] = {}
        for option in figures.get("options") or []:
            options[str(option["value"])] = cells.add(option, "count")
        self.options[name] = options
        if kind == "departement":
            self._departements(figures, answered, options)
        elif kind in _SUMMING:
            cells.relate(answered, options.values())
        firsts: list[int | None] = []
        if kind == "ranking":
            firsts = [cells.add(o, "first") for o in figures.get("options") or []]
            cells.relate(answered, firsts)
        if kind in ("multiple_choice", "ranking") and answered is not None:
            # Not additive, but hidden whole when answered is small, zeros included.
            members = [c for c in [*options.values(), *firsts] if c is not None]
            cells.cells.group(answered, members)
            for member in members:
                cells.order(member, answered)
            for first, count in zip(firsts, options.values(), strict=False):
                cells.order(first, count)
        for row in figures.get("rows") or []:
            total = cells.add(row, "answered")
            cells.relate(total, [cells.add(o, "count") for o in row.get("options") or []])
            cells.order(total, answered)

    def _departements(
        self, figures: dict[str, Any], answered: int | None, options: Mapping[str, int | None]
    ) -> None:
        cells = self.cells
        regions: dict[str, int | None] = {}
        for region in figures.get("regions") or []:
            regions[region["code"]] = cells.add(region, "count")
        members: dict[str, list[int | None]] = {code: [] for code in regions}
        unknown: list[int | None] = []
        for code, cell in options.items():
            region = region_of(code) if code in _DEPARTEMENT_CODES else None
            if region in members:
                members[region].append(cell)
            else:
                unknown.append(cell)
        for code, cell in regions.items():
            cells.relate(cell, members[code])
        if not cells.relate(answered, [*regions.values(), *unknown]):
            cells.relate(answered, options.values())

    # -- conditions between questions ----------------------------------------------------------

    def _conditions(self) -> None:
        if self.q is None:
            return
        done: set[tuple[str, str]] = set()
        for question in self.q.questions():
            condition = self._conditions_of(question)
            shown = self.shown.get(question.name)
            if condition == ("", "") or condition in done or shown is None:
                continue
            done.add(condition)
            for source, values in _tested_options(condition).items():
                self._tie(shown, source, values)

    def _tie(self, shown: int, source: str, values: set[str]) -> None:
        options = self.options.get(source)
        figures = self.figures.get(source)
        if not options or figures is None:
            return
        tested = [cell for value, cell in options.items() if value in values]
        if tested and self.cells.relate(shown, tested):
            return
        if figures.get("type") in _ONE_VALUE:
            others = [cell for value, cell in options.items() if value not in values]
            self.cells.relate(shown, others)

    # -- funnel ------------------------------------------------------------------------------

    def _funnel(self) -> None:
        cells = self.cells
        sections = {s.name: s for s in self.q.sections} if self.q is not None else {}
        for step in self.report.get("funnel") or []:
            section = sections.get(step.get("section"))
            reached = None
            for question in section.questions if section is not None else ():
                if not question.relevant.strip() and question.name in self.shown:
                    reached = cells.alias(self.shown[question.name], step, "reached")
                    break
            if reached is None:
                cells.add(step, "reached")
            stopped = []
            for entry in step.get("questions") or []:
                cells.alias(self.shown.get(entry["name"]), entry, "reached")
                cells.alias(self.answered.get(entry["name"]), entry, "answered")
                stopped.append(cells.add(entry, "stopped"))
            cells.relate(cells.add(step, "stopped"), stopped)

    # -- what hidden counts take with them -------------------------------------------------------

    def _derived(self) -> None:
        report = self.report
        responses_hidden = report.get("responses") is None
        for key in ("per_channel", "per_mode"):
            for item in report.get(key) or []:
                _hide_percent(item, base_hidden=responses_hidden)
        for figures in report.get("questions") or []:
            base_hidden = "answered" in figures.get("suppressed_keys", ())
            options = figures.get("options") or []
            for node in [*options, *(figures.get("regions") or [])]:
                _hide_percent(node, base_hidden=base_hidden)
            if base_hidden or any(o.get("suppressed") for o in options):
                for key in ("mean", "median"):
                    _hide(figures, key)
            if base_hidden:
                for key in _STATISTICS:
                    _hide(figures, key)
            for option in options:
                if option.get("count") is None and option.get("suppressed"):
                    _hide(option, "mean_rank")
            for row in figures.get("rows") or []:
                row_hidden = "answered" in row.get("suppressed_keys", ())
                for option in row.get("options") or []:
                    _hide_percent(option, base_hidden=row_hidden)
                if row_hidden or any(o.get("suppressed") for o in row.get("options") or []):
                    for key in ("mean", "median"):
                        _hide(row, key)


def _tested_options(condition: tuple[str, str]) -> dict[str, set[str]]:
    """Options that a condition tests, by question: ``${q} = 'v'``, ``${q} != 'v'`` and
    ``selected(${q}, 'v')``."""
    tested: dict[str, set[str]] = {}
    for source in condition:
        if not source:
            continue
        try:
            tree = parse(source)
        except Exception:  # a condition the engine cannot read ties nothing
            continue
        for node in walk(tree):
            pair = _option_test(node)
            if pair is not None:
                tested.setdefault(pair[0], set()).add(pair[1])
    return tested


def _option_test(node: Node) -> tuple[str, str] | None:
    if isinstance(node, Binary) and node.op in ("=", "!="):
        left, right = node.left, node.right
        if isinstance(right, Ref):
            left, right = right, left
        if isinstance(left, Ref) and isinstance(right, Literal):
            return left.name, _text(right.value)
    if isinstance(node, Call) and node.name == "selected" and len(node.args) == 2:
        ref, value = node.args
        if isinstance(ref, Ref) and isinstance(value, Literal):
            return ref.name, _text(value.value)
    return None


def _text(value: str | int | float) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# -- Texts and a last safety net ----------------------------------------------------------------


def _withhold_texts(node: Any) -> None:
    if isinstance(node, list):
        for item in node:
            _withhold_texts(item)
    elif isinstance(node, dict):
        for key in _TEXTS:
            if node.get(key) is not None:
                node[key] = None
                node["texts_withheld"] = True
        for key, value in node.items():
            if key not in _TEXTS:
                _withhold_texts(value)


def _primary_leftovers(node: Any, k: int) -> None:
    """Hide any small count the relations above do not know (a key added to the report
    later): never published, even if its complement is not chosen."""
    if isinstance(node, list):
        for item in node:
            _primary_leftovers(item, k)
    elif isinstance(node, dict):
        hidden = False
        for key in _COUNT_KEYS:
            value = node.get(key)
            if _is_count(value) and 0 < value < k:
                _hide(node, key)
                hidden = True
        if hidden:
            for key in ("percent", *_STATISTICS, "mean_rank"):
                _hide(node, key)
        for value in node.values():
            if isinstance(value, dict | list):
                _primary_leftovers(value, k)
