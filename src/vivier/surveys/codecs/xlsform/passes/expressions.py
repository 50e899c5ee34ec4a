"""Relevance, constraint, required and calculation cells, translated from ODK XPath.

A name resolves to a question, to its inlined ``calculate`` (circular ones refused), or to
the reason it cannot be used in a condition; every refusal becomes a diagnostic at its cell.
"""

from __future__ import annotations

import difflib
from functools import partial

from vivier.problems import Localized, ProblemCode, codes
from vivier.surveys.codecs.xlsform.passes.state import BuildState, Entry
from vivier.surveys.codecs.xlsform.sheets import Cells
from vivier.surveys.codecs.xlsform.xpath import Translation, XPathSyntaxError, translate
from vivier.surveys.expressions import Node, Ref


def resolve(state: BuildState, name: str) -> Node | tuple[str, str]:
    if name in state.calculations:
        return _calculation(state, name)
    if name in state.names:
        return Ref(state.names[name])
    if name in state.unusable:
        return state.unusable[name]
    return (
        "aucune question ne porte ce nom",
        "no question has this name",
    )


def _calculation(state: BuildState, name: str) -> Node | tuple[str, str]:
    if name in state.calculated:
        return state.calculated[name]
    if name in state.calculating:
        return ("calcul circulaire", "circular calculation")
    entry = state.calculations[name]
    source = entry.cells.get("calculation")
    state.calculating.add(name)
    try:
        translation = translate(source, partial(resolve, state)) if source else None
    except XPathSyntaxError:
        translation = None  # reported where the calculate row is read
    finally:
        state.calculating.discard(name)
    if translation is not None and translation.node is not None:
        state.calculated[name] = translation.node
    else:
        state.calculated[name] = (
            f"le calcul « {name} » n'a pas pu être importé",
            f"the calculate '{name}' could not be imported",
        )
    return state.calculated[name]


def expression(state: BuildState, cells: Cells, key: str) -> Translation | None:
    """Translate one expression cell; None when empty or refused (with a diagnostic)."""
    source = cells.get(key)
    if not source:
        return None
    what = codes.EXPRESSION_COLUMNS[key]
    try:
        translation = translate(source, partial(resolve, state))
    except XPathSyntaxError as exc:
        state.report(
            ProblemCode.XLSFORM_EXPRESSION_SYNTAX,
            state.at(cells, key),
            source=source,
            reason=Localized(exc.message_fr, exc.message_en),
            position=exc.position + 1,
        )
        return None
    unknown = [u for u in translation.unsupported if u.reason_en == "no question has this name"]
    for missing in unknown:
        name = missing.what[2:-1]
        close = difflib.get_close_matches(name, [*state.names, *state.calculations], n=1)
        state.report(
            ProblemCode.XLSFORM_UNKNOWN_REFERENCE,
            state.at(cells, key),
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
        state.report(
            ProblemCode.XLSFORM_EXPRESSION_UNSUPPORTED,
            state.at(cells, key),
            what=what,
            source=source,
            features=features,
            dropped=codes.EXPRESSION_DROPPED[key],
        )
    return translation


def check_calculation(state: BuildState, entry: Entry) -> None:
    cells = entry.cells
    translation = expression(state, cells, "calculation")
    if translation is None or translation.ok:
        return
    state.report(
        ProblemCode.XLSFORM_CALCULATE_DROPPED,
        state.at(cells, "calculation"),
        name=entry.source_name,
    )
