"""A reader trying to undo a published report: every linear relation it knows, solved.

The attacker sees only what a publication prints (the JSON report, or a cross-tab) and the
questionnaire, which is public (its conditions are printed on the form). It knows:

* the additive relations of the report's documentation (options add up to ``answered``,
  départements to régions to ``answered``, days / channels / modes to ``responses``, ranking
  firsts to ``answered``, grid rows, funnel sections, cross-tab rows, columns and margins);
* the same figure printed twice (``shown`` and the funnel's ``reached``, ``count`` and
  ``answered``, the peak and its day; questions under the same conditions share ``shown``);
* the relations conditions create (``shown`` of a question asked when ``${q1} = 'a'`` is the
  count of q1 = a), taken as an oracle: any such relation that holds in the true figures;
* inequalities: ``answered`` <= ``shown``, a multiple-choice option <= ``answered`` and the
  options together >= ``answered``, ``first`` <= the option's count;
* what rounded figures give: a visible percent with its base (or with its count), a visible
  mean of a rating with its counts (both rounded: the rounding interval is used);
* the suppression rule: a hidden count is at least 1 unless it belongs to a group whose total
  is hidden (zeros are hidden only in groups hidden whole).

For each hidden count it computes, by linear programming (HiGHS), the least and greatest
value consistent with all of that; an integer interval of a single value is a recovery. It
also reports any relation with a visible total whose hidden part adds up to 1 .. k - 1.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.optimize import linprog

from vivier.surveys.expressions import Binary, Call, Literal, Ref, parse, walk
from vivier.surveys.schema import Questionnaire
from vivier.territories import DEPARTEMENTS, region_of

DEPARTEMENT_CODES = frozenset(d.code for d in DEPARTEMENTS)
Key = tuple[Any, ...]


@dataclass
class Finding:
    what: str
    key: Key | tuple[Key, ...]
    true: int | None
    low: float | None = None
    high: float | None = None


@dataclass
class _System:
    """Unknowns are keys; ``known`` holds the published values (from any place)."""

    known: dict[Key, int] = field(default_factory=dict)
    hidden: set[Key] = field(default_factory=set)
    truth: dict[Key, int] = field(default_factory=dict)
    equalities: list[tuple[Key, list[Key]]] = field(default_factory=list)
    #: sum(coef * key) <= bound, and whether it is an order between counts (answered <=
    #: shown...) rather than what a rounded figure says.
    inequalities: list[tuple[dict[Key, float], float, bool]] = field(default_factory=list)
    #: keys that are members of a relation whose total is hidden: zero possible.
    may_be_zero: set[Key] = field(default_factory=set)
    #: counts among a total's respondents that do not add up to it (multiple choice).
    groups: list[tuple[Key, list[Key]]] = field(default_factory=list)
    #: keys hidden in one place and printed in another.
    printed_elsewhere: set[Key] = field(default_factory=set)

    def see(self, key: Key, value: Any, true_value: Any) -> None:
        if isinstance(true_value, int) and not isinstance(true_value, bool):
            self.truth[key] = true_value
        if isinstance(value, int) and not isinstance(value, bool):
            self.known[key] = value
        elif isinstance(true_value, int) and not isinstance(true_value, bool):
            self.hidden.add(key)

    def equal(self, total: Key, members: list[Key]) -> None:
        self.equalities.append((total, members))

    def at_most(self, terms: dict[Key, float], bound: float, *, order: bool = False) -> None:
        self.inequalities.append((terms, bound, order))


def _tested(source: str) -> dict[str, set[str]]:
    tested: dict[str, set[str]] = defaultdict(set)
    if not source.strip():
        return tested
    for node in walk(parse(source)):
        if isinstance(node, Binary) and node.op in ("=", "!="):
            ref, lit = node.left, node.right
            if isinstance(lit, Ref):
                ref, lit = lit, ref
            if isinstance(ref, Ref) and isinstance(lit, Literal):
                tested[ref.name].add(str(lit.value))
        if isinstance(node, Call) and node.name == "selected" and len(node.args) == 2:
            ref, lit = node.args
            if isinstance(ref, Ref) and isinstance(lit, Literal):
                tested[ref.name].add(str(lit.value))
    return tested


def report_system(
    published: Mapping[str, Any], truth: Mapping[str, Any], q: Questionnaire | None, k: int
) -> _System:
    s = _System()
    s.see(("responses",), published["responses"], truth["responses"])
    for group, key in (("per_day", "date"), ("per_channel", "channel"), ("per_mode", "mode")):
        keys = []
        for shown, true in zip(published[group], truth[group], strict=True):
            s.see((group, shown[key]), shown["count"], true["count"])
            keys.append((group, shown[key]))
        s.equal(("responses",), keys)
    if published.get("peak"):
        s.see(("per_day", published["peak"]["date"]), published["peak"]["count"], None)
    for pub in published["per_channel"]:
        _percent(s, ("per_channel", pub["channel"]), ("responses",), pub.get("percent"))
    for pub in published["per_mode"]:
        _percent(s, ("per_mode", pub["mode"]), ("responses",), pub.get("percent"))
    true_questions = {f["name"]: f for f in truth["questions"]}
    for f in published["questions"]:
        _question(s, f, true_questions[f["name"]])
    for step, true_step in zip(
        published.get("funnel") or [], truth.get("funnel") or [], strict=True
    ):
        section = step["section"]
        s.see(("section_stopped", section), step["stopped"], true_step["stopped"])
        s.see(("section_reached", section), step["reached"], true_step["reached"])
        members = []
        for entry, true_entry in zip(step["questions"], true_step["questions"], strict=True):
            name = entry["name"]
            s.see(("shown", name), entry["reached"], true_entry["reached"])
            s.see(("answered", name), entry["answered"], true_entry["answered"])
            s.see(("stopped", name), entry["stopped"], true_entry["stopped"])
            members.append(("stopped", name))
        s.equal(("section_stopped", section), members)
    if q is not None:
        _conditions(s, q, true_questions)
    _finish(s)
    return s


def _conditions(s: _System, q: Questionnaire, truth: Mapping[str, Any]) -> None:
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for section in q.sections:
        first_plain = next((qu.name for qu in section.questions if not qu.relevant.strip()), None)
        if first_plain is not None:
            s.equal(("section_reached", section.name), [("shown", first_plain)])
        for question in section.questions:
            groups[(section.relevant.strip(), question.relevant.strip())].append(question.name)
    for condition, names in groups.items():
        for other in names[1:]:
            s.equal(("shown", names[0]), [("shown", other)])
        if condition == ("", ""):
            for name in names:
                s.equal(("responses",), [("shown", name)])
            continue
        shown = truth[names[0]]["shown"]
        tested: dict[str, set[str]] = defaultdict(set)
        for source in condition:
            for name, values in _tested(source).items():
                tested[name] |= values
        for name, values in tested.items():
            figures = truth.get(name)
            if figures is None or not figures.get("options"):
                continue
            counts = {str(o["value"]): o["count"] for o in figures["options"]}
            inside = [v for v in counts if v in values]
            outside = [v for v in counts if v not in values]
            # An oracle: the attacker may use any such relation that is true.
            if inside and sum(counts[v] for v in inside) == shown:
                s.equal(("shown", names[0]), [("option", name, v) for v in inside])
            elif (
                figures["type"] in ("single_choice", "yes_no", "rating")
                and outside
                and sum(counts[v] for v in outside) == shown
            ):
                s.equal(("shown", names[0]), [("option", name, v) for v in outside])


def _percent(s: _System, count: Key, base: Key, percent: float | None) -> None:
    """count / base * 100 rounds to ``percent`` (one decimal): two linear inequalities."""
    if percent is None:
        return
    low, high = (percent - 0.05) / 100, (percent + 0.05) / 100
    s.at_most({base: low, count: -1.0}, 1e-9)  # low * base <= count
    s.at_most({count: 1.0, base: -high}, 1e-9)  # count <= high * base


def _question(s: _System, f: Mapping[str, Any], true: Mapping[str, Any]) -> None:
    name = f["name"]
    kind = f["type"]
    answered = ("answered", name)
    s.see(("shown", name), f["shown"], true["shown"])
    s.see(answered, f["answered"], true["answered"])
    if true.get("answered") is not None:
        s.at_most({answered: 1.0, ("shown", name): -1.0}, 0, order=True)
    if "count" in f:
        s.see(answered, f["count"], true.get("count"))
    options = []
    for o, t in zip(f.get("options") or [], true.get("options") or [], strict=True):
        key = ("option", name, str(o["value"]))
        s.see(key, o["count"], t["count"])
        options.append(key)
        _percent(s, key, answered, o.get("percent"))
        if kind in ("multiple_choice", "ranking"):
            s.at_most({key: 1.0, answered: -1.0}, 0, order=True)
        if kind == "ranking":
            first = ("first", name, str(o["value"]))
            s.see(first, o.get("first"), t.get("first"))
            s.at_most({first: 1.0, key: -1.0}, 0, order=True)
    if kind == "ranking":
        s.equal(answered, [("first", name, str(o["value"])) for o in f["options"]])
    if kind in ("multiple_choice", "ranking") and options:
        firsts = [("first", name, str(o["value"])) for o in f["options"]]
        s.groups.append((answered, options + (firsts if kind == "ranking" else [])))
        s.at_most({answered: 1.0, **{o: -1.0 for o in options}}, 0, order=True)
    if kind in ("single_choice", "yes_no", "rating") and options:
        s.equal(answered, options)
    if kind == "rating" and options and f.get("mean") is not None:
        _mean(
            s,
            f["mean"],
            answered,
            [(float(o["value"]), key) for o, key in zip(f["options"], options, strict=True)],
        )
    if kind == "departement":
        regions: dict[str, list[Key]] = defaultdict(list)
        tops = []
        for key in options:
            code = key[2]
            if code in DEPARTEMENT_CODES:
                regions[region_of(code)].append(key)
            else:
                tops.append(key)
        for r, t in zip(f.get("regions") or [], true.get("regions") or [], strict=True):
            rk = ("region", name, r["code"])
            s.see(rk, r["count"], t["count"])
            s.equal(rk, regions[r["code"]])
            tops.append(rk)
            _percent(s, rk, answered, r.get("percent"))
        s.equal(answered, tops)
    for row, true_row in zip(f.get("rows") or [], true.get("rows") or [], strict=True):
        rk = ("row", name, row["value"])
        s.see(rk, row["answered"], true_row["answered"])
        s.at_most({rk: 1.0, answered: -1.0}, 0, order=True)
        keys = []
        for o, t in zip(row["options"], true_row["options"], strict=True):
            key = ("row_option", name, row["value"], str(o["value"]))
            s.see(key, o["count"], t["count"])
            keys.append(key)
            _percent(s, key, rk, o.get("percent"))
        s.equal(rk, keys)
        if row.get("mean") is not None:
            _mean(
                s,
                row["mean"],
                rk,
                [(float(o["value"]), key) for o, key in zip(row["options"], keys, strict=True)],
            )


def _mean(s: _System, mean: float, base: Key, points: list[tuple[float, Key]]) -> None:
    """sum(point * count) / base rounds to ``mean`` (two decimals)."""
    low, high = mean - 0.005, mean + 0.005
    terms = defaultdict(float)
    for point, key in points:
        terms[key] += point
    upper = dict(terms)
    upper[base] = upper.get(base, 0.0) - high
    s.at_most(upper, 1e-9)
    lower = {key: -value for key, value in terms.items()}
    lower[base] = lower.get(base, 0.0) + low
    s.at_most(lower, 1e-9)


def crosstab_system(published: Mapping[str, Any], truth: Mapping[str, Any]) -> _System:
    s = _System()
    s.see(("total",), published["total"], truth["total"])
    columns = [o["value"] for o in published["columns"]["options"]]
    for m, t in zip(published["column_totals"], truth["column_totals"], strict=True):
        s.see(("column", m["column"]), m["count"], t["count"])
    s.equal(("total",), [("column", c) for c in columns])
    s.equal(("total",), [("row", row["row"]) for row in published["cells"]])
    for row, true_row in zip(published["cells"], truth["cells"], strict=True):
        s.see(("row", row["row"]), row["total"], true_row["total"])
        keys = []
        for c, t in zip(row["counts"], true_row["counts"], strict=True):
            key = ("cell", row["row"], c["column"])
            s.see(key, c["count"], t["count"])
            keys.append(key)
            _percent(s, key, ("row", row["row"]), c.get("percent"))
        s.equal(("row", row["row"]), keys)
    for c in columns:
        s.equal(("column", c), [("cell", row["row"], c) for row in published["cells"]])
    _finish(s)
    return s


def cells_system(
    values: list[int], relations: list[tuple[int, tuple[int, ...]]], hidden: set[int]
) -> _System:
    """The pure core's cells as a reader sees them once ``hidden`` are hidden."""
    s = _System()
    for cell, value in enumerate(values):
        s.see((cell,), None if cell in hidden else value, value)
    for total, members in relations:
        s.equal((total,), [(m,) for m in members])
    _finish(s)
    return s


def _finish(s: _System) -> None:
    s.printed_elsewhere = s.hidden & set(s.known)
    s.hidden -= set(s.known)
    for total, members in [*s.equalities, *s.groups]:
        if total in s.hidden:
            s.may_be_zero.update(m for m in members if m in s.hidden)


def attack(s: _System, k: int, *, orders: bool = True) -> list[Finding]:
    """Findings (empty: nothing recovered). ``orders=False`` leaves out the "at most"
    relations between counts and keeps sums, repeated figures, percents and means."""
    findings = [
        Finding("printed elsewhere", key, s.truth.get(key))
        for key in sorted(s.printed_elsewhere, key=repr)
    ]
    findings += [
        Finding("small count printed", key, value)
        for key, value in sorted(s.known.items(), key=repr)
        if 0 < value < k
    ]
    for total, members in s.equalities:
        hidden = tuple(m for m in members if m in s.hidden)
        if total in s.known and hidden and all(m in s.known or m in s.hidden for m in members):
            rest = s.known[total] - sum(s.known[m] for m in members if m in s.known)
            if 0 < rest < k:
                findings.append(Finding("hidden part below k", hidden, rest))
    unknown = sorted(s.hidden, key=repr)
    if not unknown:
        return findings
    # Solve per connected group of unknowns: small programs, same bounds.
    parent = {key: key for key in unknown}

    def find(x: Key) -> Key:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    rows: list[tuple[dict[Key, float], float, bool]] = []  # (terms, rhs, is_equality)
    for total, members in s.equalities:
        terms: dict[Key, float] = defaultdict(float)
        rhs = 0.0
        for key, sign in ((total, 1.0), *((m, -1.0) for m in members)):
            if key in s.known:
                rhs -= sign * s.known[key]
            elif key in s.hidden:
                terms[key] += sign
            else:
                terms = {}
                break
        terms = {key: v for key, v in terms.items() if v}
        if terms:
            rows.append((terms, rhs, True))
    for coefs, bound, is_order in s.inequalities:
        if is_order and not orders:
            continue
        terms = defaultdict(float)
        rhs = bound
        usable = True
        for key, coef in coefs.items():
            if key in s.known:
                rhs -= coef * s.known[key]
            elif key in s.hidden:
                terms[key] += coef
            else:
                usable = False
        if usable and terms:
            rows.append((dict(terms), rhs, False))
    for terms, _rhs, _eq in rows:
        first, *rest = terms
        for other in rest:
            parent[find(other)] = find(first)
    groups: dict[Key, list[Key]] = defaultdict(list)
    for key in unknown:
        groups[find(key)].append(key)
    by_group: dict[Key, list[tuple[dict[Key, float], float, bool]]] = defaultdict(list)
    for row in rows:
        by_group[find(next(iter(row[0])))].append(row)
    for root, keys in groups.items():
        findings += _solve(s, keys, by_group[root], k)
    return findings


def _solve(
    s: _System, keys: list[Key], rows: list[tuple[dict[Key, float], float, bool]], k: int
) -> list[Finding]:
    index = {key: i for i, key in enumerate(keys)}
    a_eq, b_eq, a_ub, b_ub = [], [], [], []
    for terms, rhs, equality in rows:
        line = np.zeros(len(keys))
        for key, coef in terms.items():
            line[index[key]] = coef
        (a_eq if equality else a_ub).append(line)
        (b_eq if equality else b_ub).append(rhs)
    bounds = [(0 if key in s.may_be_zero else 1, None) for key in keys]
    options = {
        "A_eq": np.array(a_eq) if a_eq else None,
        "b_eq": np.array(b_eq) if b_eq else None,
        "A_ub": np.array(a_ub) if a_ub else None,
        "b_ub": np.array(b_ub) if b_ub else None,
        "bounds": bounds,
        "method": "highs",
    }
    findings = []
    for key in keys:
        c = np.zeros(len(keys))
        c[index[key]] = 1.0
        low = linprog(c, **options)
        high = linprog(-c, **options)
        if low.status == 2 or high.status == 2:
            findings.append(Finding("the attacker's model is infeasible", key, s.truth.get(key)))
            return findings
        lo = low.fun if low.status == 0 else -math.inf
        hi = -high.fun if high.status == 0 else math.inf
        # A hidden zero found to be zero reveals nobody (it is hidden only inside a group
        # hidden whole); any other single value is a recovered count.
        if math.isfinite(hi) and math.ceil(lo - 1e-6) >= math.floor(hi + 1e-6) and hi > 0.5:
            # A count of k or more hidden only as a complement is publishable in itself.
            what = "recovered" if hi < k else "recovered complement"
            findings.append(Finding(what, key, s.truth.get(key), lo, hi))
    return findings
