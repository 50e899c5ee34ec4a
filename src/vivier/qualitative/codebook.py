"""A codebook as a tree of plain values: its checks, its stored form, its changes in words.

The Django shell keeps codes as rows (:class:`vivier.coding.models.Code`); everything that
only needs the tree works here on :class:`CodeNode` values, so that the same checks serve a
code typed on a page, a starter codebook shipped as data and a REFI-QDA ``.qdc`` file:

- :func:`validate` finds what would make the tree unusable (a cycle, an unknown parent, two
  codes with one identifier, two siblings with one name, one shortcut on two codes, a colour
  REFI-QDA cannot write) and names the code at fault by its path in the tree;
- :func:`to_dict` / :func:`from_dict` are the JSON kept with each version of a codebook
  (``CodebookVersion.tree``) and the format of the starter codebooks;
- :func:`changes` says in words what changed between two versions, for the version list;
- :func:`depth_first` is the reading order of the tree (parents before their children).

Sibling names are compared folded (:func:`vivier.text.normalize.fold`, punctuation as
spaces): "Aller vers" and "aller-vers" are one code to a reader, so they may not be two.

Pure core: no Django import.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from vivier.problems import Diagnostic, Localized, Location, ProblemCode, ProblemError, problem
from vivier.text.normalize import fold

FORMAT = "vivier-codebook"
FORMAT_VERSION = 1
#: As long as the model's ``Code.name``.
NAME_LIMIT = 200
#: The keys of the coding screen a code may take, in the order starters hand them out.
SHORTCUT_KEYS = "123456789abcdefghijklmnopqrstuvwxyz"
_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")
_WORD = re.compile(r"[0-9a-z]+")
#: How a path in the tree is written ("Déclencheurs / Repéré par les partenaires").
PATH_SEPARATOR = " / "


@dataclass(frozen=True, slots=True)
class CodeNode:
    """One code of the tree; ``parent`` is the parent's ``guid`` (``None`` at the top)."""

    guid: str
    name: str
    parent: str | None = None
    definition: str = ""
    include_rule: str = ""
    exclude_rule: str = ""
    #: Short texts that illustrate the code (written by the analysts, not quotes).
    examples: tuple[str, ...] = ()
    #: ``#RRGGBB`` or empty.
    color: str = ""
    #: One key of :data:`SHORTCUT_KEYS`, or empty.
    shortcut: str = ""
    #: A category that only groups codes is not codable (REFI-QDA ``isCodable``).
    is_codable: bool = True
    #: The answer keys the code is meant for ("q15", "q24_other"); empty: every source.
    questions: tuple[str, ...] = ()
    #: Order among siblings (smaller first; ties by name).
    position: int = 0


def is_color(value: str) -> bool:
    """``#RRGGBB``, as REFI-QDA writes a colour (either case)."""
    return bool(_COLOR.fullmatch(value))


def name_key(name: str) -> str:
    """What two sibling names are compared by: "Aller-vers" and "aller vers" give "aller vers"."""
    return " ".join(_WORD.findall(fold(name)))


# -- Reading order and paths -----------------------------------------------------------------


def _sort_key(node: CodeNode) -> tuple[int, str, str]:
    return (node.position, name_key(node.name), node.guid)


def children_of(nodes: Iterable[CodeNode]) -> dict[str | None, list[CodeNode]]:
    """Each parent guid (``None``: the top) with its children in reading order."""
    found: dict[str | None, list[CodeNode]] = defaultdict(list)
    for node in nodes:
        found[node.parent].append(node)
    for siblings in found.values():
        siblings.sort(key=_sort_key)
    return found


def depth_first(nodes: Sequence[CodeNode]) -> list[tuple[CodeNode, int]]:
    """Every node with its depth (0 at the top), parents first, siblings by position.

    A node no walk from the top reaches (its parent unknown, or caught in a cycle) comes last
    at depth 0, so that a broken tree still shows all its codes.
    """
    children = children_of(nodes)
    order: list[tuple[CodeNode, int]] = []
    seen: set[str] = set()
    # An explicit stack: a deep tree must not reach Python's recursion limit.
    stack = [(node, 0) for node in reversed(children.get(None, []))]
    while stack:
        node, depth = stack.pop()
        if node.guid in seen:
            continue
        seen.add(node.guid)
        order.append((node, depth))
        stack.extend((child, depth + 1) for child in reversed(children.get(node.guid, [])))
    order.extend((node, 0) for node in sorted(nodes, key=_sort_key) if node.guid not in seen)
    return order


def path_of(node: CodeNode, by_guid: Mapping[str, CodeNode]) -> str:
    """The names from the top down to ``node`` ("Déclencheurs / Repéré par les partenaires");
    stops at an unknown parent or at the first code seen twice (a cycle)."""
    names = [node.name]
    seen = {node.guid}
    parent = node.parent
    while parent is not None and parent in by_guid and parent not in seen:
        seen.add(parent)
        names.append(by_guid[parent].name)
        parent = by_guid[parent].parent
    return PATH_SEPARATOR.join(reversed(names))


def descendants(guid: str, nodes: Iterable[CodeNode]) -> set[str]:
    """The guids under ``guid`` (not itself), however deep."""
    children = children_of(nodes)
    found: set[str] = set()
    stack = [guid]
    while stack:
        for child in children.get(stack.pop(), []):
            if child.guid not in found:
                found.add(child.guid)
                stack.append(child.guid)
    found.discard(guid)
    return found


# -- Checks ----------------------------------------------------------------------------------


def validate(nodes: Sequence[CodeNode], *, file: str = "") -> list[Diagnostic]:
    """Every problem of the tree, each placed at its code (``Location.path``: the code's path
    in the tree, ``Location.field``: the field at fault); empty when the tree is usable.

    ``file`` names where the nodes were read from (a ``.qdc``, a starter), if anywhere.
    """
    found: list[Diagnostic] = []
    by_guid: dict[str, CodeNode] = {}
    for node in nodes:
        if node.guid not in by_guid:
            by_guid[node.guid] = node

    def where(node: CodeNode, field: str) -> Location:
        return Location(file=file, path=path_of(node, by_guid), field=field)

    shortcuts: dict[str, CodeNode] = {}
    for node in nodes:
        first = by_guid[node.guid]
        if first is not node:
            found.append(
                problem(
                    ProblemCode.CODEBOOK_DUPLICATE_GUID,
                    where(node, "guid"),
                    guid=node.guid,
                    first=first.name,
                )
            )
        if not node.name.strip():
            found.append(problem(ProblemCode.CODEBOOK_NAME_MISSING, where(node, "name")))
        elif len(node.name) > NAME_LIMIT:
            found.append(
                problem(
                    ProblemCode.CODEBOOK_NAME_TOO_LONG,
                    where(node, "name"),
                    length=len(node.name),
                    limit=NAME_LIMIT,
                )
            )
        if node.parent is not None and node.parent not in by_guid:
            found.append(
                problem(
                    ProblemCode.CODEBOOK_UNKNOWN_PARENT, where(node, "parent"), parent=node.parent
                )
            )
        if node.color and not is_color(node.color):
            found.append(
                problem(ProblemCode.CODEBOOK_BAD_COLOR, where(node, "color"), color=node.color)
            )
        if node.shortcut:
            if len(node.shortcut) != 1 or node.shortcut not in SHORTCUT_KEYS:
                found.append(
                    problem(
                        ProblemCode.CODEBOOK_BAD_SHORTCUT,
                        where(node, "shortcut"),
                        shortcut=node.shortcut,
                    )
                )
            elif node.shortcut in shortcuts:
                found.append(
                    problem(
                        ProblemCode.CODEBOOK_DUPLICATE_SHORTCUT,
                        where(node, "shortcut"),
                        shortcut=node.shortcut,
                        first=shortcuts[node.shortcut].name,
                    )
                )
            else:
                shortcuts[node.shortcut] = node
    found.extend(_cycles(nodes, by_guid, file))
    found.extend(_sibling_names(nodes, by_guid, file))
    return found


def _cycles(
    nodes: Sequence[CodeNode], by_guid: Mapping[str, CodeNode], file: str
) -> list[Diagnostic]:
    """One problem per cycle, placed at its first code in the given order."""
    found = []
    done: set[str] = set()
    for node in nodes:
        trail: list[str] = []
        on_trail: set[str] = set()
        current: str | None = node.guid
        while current is not None and current in by_guid and current not in done:
            if current in on_trail:
                loop = trail[trail.index(current) :]
                names = [by_guid[g].name for g in loop] + [by_guid[current].name]
                first = by_guid[loop[0]]
                found.append(
                    problem(
                        ProblemCode.CODEBOOK_CYCLE,
                        Location(file=file, path=first.name, field="parent"),
                        name=first.name,
                        cycle=" > ".join(names),
                    )
                )
                break
            trail.append(current)
            on_trail.add(current)
            current = by_guid[current].parent
        done.update(trail)
    return found


def _sibling_names(
    nodes: Sequence[CodeNode], by_guid: Mapping[str, CodeNode], file: str
) -> list[Diagnostic]:
    found = []
    seen: dict[tuple[str | None, str], CodeNode] = {}
    for node in nodes:
        if by_guid.get(node.guid) is not node or not node.name.strip():
            continue  # said already (a second code with one guid, a code without a name)
        # A name of signs only ("???") keeps its signs to be compared.
        key = (node.parent, name_key(node.name) or node.name.strip().casefold())
        first = seen.setdefault(key, node)
        if first is not node:
            found.append(
                problem(
                    ProblemCode.CODEBOOK_DUPLICATE_NAME,
                    Location(file=file, path=path_of(node, by_guid), field="name"),
                    name=node.name,
                    first=first.name,
                )
            )
    return found


def next_shortcut(nodes: Iterable[CodeNode]) -> str:
    """The first key of :data:`SHORTCUT_KEYS` no node holds (empty when all are taken)."""
    taken = {node.shortcut for node in nodes}
    return next((key for key in SHORTCUT_KEYS if key not in taken), "")


# -- Stored form -----------------------------------------------------------------------------


def node_to_dict(node: CodeNode) -> dict[str, Any]:
    return {
        "guid": node.guid,
        "name": node.name,
        "parent": node.parent,
        "definition": node.definition,
        "include_rule": node.include_rule,
        "exclude_rule": node.exclude_rule,
        "examples": list(node.examples),
        "color": node.color,
        "shortcut": node.shortcut,
        "is_codable": node.is_codable,
        "questions": list(node.questions),
        "position": node.position,
    }


def to_dict(
    nodes: Iterable[CodeNode], *, merged: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """The JSON of a tree, in reading order; ``merged``: each merged code's guid with the guid
    of the code it went into, so that a later reader can say "X merged into Y"."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "codes": [node_to_dict(node) for node, _ in depth_first(list(nodes))],
        "merged": dict(merged or {}),
    }


_TEXT_FIELDS = ("name", "definition", "include_rule", "exclude_rule", "color", "shortcut")


def _refused(at: str, field: str, fr: str, en: str) -> ProblemError:
    return ProblemError.of(
        ProblemCode.CODEBOOK_FORMAT_INVALID,
        Location(path=at, field=field),
        detail=Localized(fr, en),
    )


def _text(record: Mapping[str, Any], key: str, at: str) -> str:
    value = record.get(key, "")
    if not isinstance(value, str):
        raise _refused(at, key, f"{key} : un texte est attendu", f"{key}: text expected")
    return value


def _texts(record: Mapping[str, Any], key: str, at: str) -> tuple[str, ...]:
    value = record.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _refused(
            at, key, f"{key} : une liste de textes est attendue", f"{key}: list of texts expected"
        )
    return tuple(value)


def node_from_dict(record: Any, at: str = "codes[0]") -> CodeNode:
    """One code of :func:`to_dict`; a value of the wrong type raises a located
    ``CODEBOOK_FORMAT_INVALID``."""
    if not isinstance(record, Mapping):
        raise _refused(at, "", "un objet est attendu", "object expected")
    guid = record.get("guid")
    if not isinstance(guid, str) or not guid:
        raise _refused(at, "guid", "guid : un identifiant est attendu", "guid: identifier expected")
    parent = record.get("parent")
    if parent is not None and not isinstance(parent, str):
        raise _refused(
            at,
            "parent",
            "parent : un identifiant ou null est attendu",
            "parent: guid or null expected",
        )
    position = record.get("position", 0)
    if not isinstance(position, int) or isinstance(position, bool) or position < 0:
        raise _refused(
            at,
            "position",
            "position : un entier positif est attendu",
            "position: whole number expected",
        )
    is_codable = record.get("is_codable", True)
    if not isinstance(is_codable, bool):
        raise _refused(
            at,
            "is_codable",
            "is_codable : true ou false est attendu",
            "is_codable: true or false expected",
        )
    texts = {key: _text(record, key, at) for key in _TEXT_FIELDS}
    return CodeNode(
        guid=guid,
        parent=parent,
        examples=_texts(record, "examples", at),
        questions=_texts(record, "questions", at),
        position=position,
        is_codable=is_codable,
        **texts,
    )


def from_dict(data: Any) -> list[CodeNode]:
    """The nodes of :func:`to_dict`'s JSON, unchecked as a tree (see :func:`validate`)."""
    if not isinstance(data, Mapping) or data.get("format") != FORMAT:
        raise _refused(
            "", "format", f"« format » doit valoir « {FORMAT} »", f"'format' must be '{FORMAT}'"
        )
    version = data.get("format_version")
    if version != FORMAT_VERSION:
        raise _refused(
            "",
            "format_version",
            f"la version de format {version!r} n'est pas {FORMAT_VERSION}",
            f"format_version {version!r} is not {FORMAT_VERSION}",
        )
    codes = data.get("codes")
    if not isinstance(codes, list):
        raise _refused("", "codes", "codes : une liste est attendue", "codes: list expected")
    return [node_from_dict(record, f"codes[{index}]") for index, record in enumerate(codes)]


def merges_of(data: Any) -> dict[str, str]:
    """The ``merged`` map of :func:`to_dict`'s JSON (empty when absent)."""
    merged = data.get("merged") if isinstance(data, Mapping) else None
    if not isinstance(merged, Mapping):
        return {}
    return {str(k): str(v) for k, v in merged.items()}


# -- Changes in words ------------------------------------------------------------------------

#: Each kind of change, in French and English (``str.format`` with quoted names).
_SAY: dict[str, tuple[str, str]] = {
    "added": ("« {name} » ajouté", "'{name}' added"),
    "added_under": ("« {name} » ajouté sous « {parent} »", "'{name}' added under '{parent}'"),
    "removed": ("« {name} » retiré", "'{name}' removed"),
    "merged": ("« {name} » fusionné dans « {into} »", "'{name}' merged into '{into}'"),
    "renamed": ("« {old} » renommé « {name} »", "'{old}' renamed '{name}'"),
    "moved": ("« {name} » déplacé de {old} vers {new}", "'{name}' moved from {old} to {new}"),
    "reordered": ("« {name} » change de place", "'{name}' changes place"),
    "definition": ("définition de « {name} » modifiée", "definition of '{name}' changed"),
    "rules": ("règles de « {name} » modifiées", "rules of '{name}' changed"),
    "examples": ("exemples de « {name} » modifiés", "examples of '{name}' changed"),
    "shortcut": (
        "raccourci de « {name} » : {old} → {new}",
        "shortcut of '{name}': {old} → {new}",
    ),
    "color": ("couleur de « {name} » modifiée", "colour of '{name}' changed"),
    "codable": ("« {name} » devient codable", "'{name}' becomes codable"),
    "category": (
        "« {name} » devient une catégorie (non codable)",
        "'{name}' becomes a category (not codable)",
    ),
    "questions": (
        "questions de « {name} » : {new}",
        "questions of '{name}': {new}",
    ),
}
_TOP = ("le haut du livre", "the top of the book")
_NONE = ("aucun", "none")
_EVERY = ("toutes", "all")


def _say(kind: str, lang: str, **values: str) -> str:
    fr, en = _SAY[kind]
    return (en if lang.startswith("en") else fr).format(**values)


def _in(lang: str, pair: tuple[str, str]) -> str:
    return pair[1] if lang.startswith("en") else pair[0]


def changes(
    before: Sequence[CodeNode],
    after: Sequence[CodeNode],
    *,
    merged: Mapping[str, str] | None = None,
    lang: str = "fr",
) -> list[str]:
    """What changed from ``before`` to ``after``, one sentence per change, in reading order
    (codes of ``after`` first, then those gone). ``merged`` (guid → guid) tells a merged
    code from a removed one."""
    merged = merged or {}
    old = {node.guid: node for node in before}
    new = {node.guid: node for node in after}
    everyone = {**old, **new}
    quote = "« {} »" if not lang.startswith("en") else "'{}'"

    def parent_name(guid: str | None) -> str:
        if guid is None or guid not in everyone:
            return _in(lang, _TOP)
        return quote.format(everyone[guid].name)

    moved_among = _reordered(before, after)
    said: list[str] = []
    for node, _ in depth_first(list(after)):
        was = old.get(node.guid)
        if was is None:
            if node.parent is None:
                said.append(_say("added", lang, name=node.name))
            else:
                said.append(
                    _say("added_under", lang, name=node.name, parent=everyone[node.parent].name)
                    if node.parent in everyone
                    else _say("added", lang, name=node.name)
                )
            continue
        said.extend(_differences(was, node, lang, parent_name, node.guid in moved_among))
    for node, _ in depth_first(list(before)):
        if node.guid in new:
            continue
        into = merged.get(node.guid)
        if into is not None and into in everyone:
            said.append(_say("merged", lang, name=node.name, into=everyone[into].name))
        else:
            said.append(_say("removed", lang, name=node.name))
    return said


def _reordered(before: Sequence[CodeNode], after: Sequence[CodeNode]) -> set[str]:
    """The codes whose order changed among the siblings they had before and still have: a
    code added or taken away shifts the positions of the others, which is no change of place.
    """
    old_parent = {node.guid: node.parent for node in before}
    stayed = {node.guid for node in after if old_parent.get(node.guid, "-") == node.parent}

    def ranks(nodes: Sequence[CodeNode]) -> dict[str, int]:
        found = {}
        for siblings in children_of(n for n in nodes if n.guid in stayed).values():
            found.update({node.guid: index for index, node in enumerate(siblings)})
        return found

    was, now = ranks(before), ranks(after)
    return {guid for guid in stayed if was.get(guid) != now.get(guid)}


def _differences(
    was: CodeNode, node: CodeNode, lang: str, parent_name: Any, reordered: bool
) -> list[str]:
    said = []
    name = node.name
    if was.name != node.name:
        said.append(_say("renamed", lang, old=was.name, name=name))
    if was.parent != node.parent:
        said.append(
            _say(
                "moved", lang, name=name, old=parent_name(was.parent), new=parent_name(node.parent)
            )
        )
    elif reordered:
        said.append(_say("reordered", lang, name=name))
    if was.definition != node.definition:
        said.append(_say("definition", lang, name=name))
    if (was.include_rule, was.exclude_rule) != (node.include_rule, node.exclude_rule):
        said.append(_say("rules", lang, name=name))
    if was.examples != node.examples:
        said.append(_say("examples", lang, name=name))
    if was.shortcut != node.shortcut:
        none = _in(lang, _NONE)
        said.append(
            _say("shortcut", lang, name=name, old=was.shortcut or none, new=node.shortcut or none)
        )
    if was.color != node.color:
        said.append(_say("color", lang, name=name))
    if was.is_codable != node.is_codable:
        said.append(_say("codable" if node.is_codable else "category", lang, name=name))
    if was.questions != node.questions:
        said.append(
            _say("questions", lang, name=name, new=", ".join(node.questions) or _in(lang, _EVERY))
        )
    return said


def renumbered(nodes: Sequence[CodeNode]) -> list[CodeNode]:
    """The same nodes with positions 0, 1, 2… among each set of siblings (reading order kept)."""
    fixed = {}
    for siblings in children_of(nodes).values():
        for index, node in enumerate(siblings):
            fixed[node.guid] = replace(node, position=index) if node.position != index else node
    return [fixed.get(node.guid, node) for node in nodes]


__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "NAME_LIMIT",
    "PATH_SEPARATOR",
    "SHORTCUT_KEYS",
    "CodeNode",
    "changes",
    "children_of",
    "depth_first",
    "descendants",
    "from_dict",
    "is_color",
    "merges_of",
    "name_key",
    "next_shortcut",
    "node_from_dict",
    "node_to_dict",
    "path_of",
    "renumbered",
    "to_dict",
    "validate",
]
