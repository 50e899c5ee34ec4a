"""A campaign's codebook: its codes as a tree, its versions, and the changes of its structure.

Every change goes through this module, in one transaction that locks the codebook row (two
analysts changing the tree at once are served one after the other), checks the tree it
would make with :func:`vivier.qualitative.codebook.validate`, writes it, and keeps a
:class:`CodebookVersion` (the whole tree, :func:`snapshot`) and an audit line. A change the
check refuses raises :class:`Refused` with its located problems and writes nothing. Only
problems the change brings refuse it: a tree stored before a rule existed stays editable.

Merging never loses a coding: the codings, memos, adjudications and sub-codes of the merged
code go to the code it is merged into, and the merged code stays (inactive, ``merged_into``)
so that the versions and the exchange files still name it. Two codings that become the
same — same source, same span, same coder (or model), same round — collapse to one, which
keeps the memos and quotes of both.

Splitting adds sibling codes and leaves the codings on the original until they are recoded,
or moves the codings chosen by id; memos stay where they are.

A starter codebook (:mod:`vivier.qualitative.starters`) is loaded only into a codebook
without active codes, whole or not at all: merging a starter into codes already made would
guess which of two names is meant.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from vivier import audit
from vivier.campaigns.models import Campaign
from vivier.problems import Diagnostic, Location, ProblemCode, problem
from vivier.qualitative import codebook as tree
from vivier.qualitative import starters
from vivier.qualitative.codebook import CodeNode
from vivier.surveys.schema import OTHER_SUFFIX

from .models import (
    Adjudication,
    Code,
    Codebook,
    CodebookVersion,
    Coding,
    CodingRound,
    Memo,
    Quote,
)

#: The fields of a code a person edits (the place in the tree changes with :func:`move`).
EDITABLE = (
    "name",
    "definition",
    "include_rule",
    "exclude_rule",
    "examples",
    "color",
    "shortcut",
    "is_codable",
    "questions",
)
#: Codings that count as the code being there (a suggestion counts once accepted).
COUNTED = (Coding.Status.APPLIED, Coding.Status.ACCEPTED)
NOTE_LIMIT = 300
CHANGE_EVENT = "coding.codebook-change"
STARTER_EVENT = "coding.codebook-starter"


class Refused(ValueError):
    """A change of the codebook refused, with every problem it would bring (located)."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        super().__init__("; ".join(found.describe("en") for found in diagnostics))
        self.diagnostics = list(diagnostics)


@dataclass(frozen=True, slots=True)
class Merged:
    """What a merge moved, for the message shown after it."""

    codings: int
    collapsed: int
    memos: int
    adjudications: int
    children: int


# -- Reading ---------------------------------------------------------------------------------


def codebook_of(campaign: Campaign) -> Codebook:
    """The campaign's codebook, made empty (named after the campaign, version 1) if it has
    none yet."""
    found = Codebook.objects.filter(campaign=campaign).first()
    if found is not None:
        return found
    with transaction.atomic():
        made, created = Codebook.objects.get_or_create(
            campaign=campaign, defaults={"name": campaign.title[:200]}
        )
        if created:
            CodebookVersion.objects.create(
                codebook=made, number=made.version, tree=tree.to_dict([]), note=_("Livre créé")
            )
    return made


def active_codes(codebook: Codebook) -> list[Code]:
    return list(Code.objects.filter(codebook=codebook, active=True).select_related("parent"))


def node_of(code: Code) -> CodeNode:
    """``code`` as a tree node (its parent read through ``code.parent``)."""
    return CodeNode(
        guid=str(code.guid),
        name=code.name,
        parent=str(code.parent.guid) if code.parent_id is not None else None,
        definition=code.definition,
        include_rule=code.include_rule,
        exclude_rule=code.exclude_rule,
        examples=tuple(str(e) for e in code.examples or ()),
        color=code.color,
        shortcut=code.shortcut,
        is_codable=code.is_codable,
        questions=tuple(str(q) for q in code.questions or ()),
        position=code.position,
    )


def nodes(codebook: Codebook) -> list[CodeNode]:
    """The active codes as tree nodes, in reading order."""
    return [node for node, _depth in tree.depth_first([node_of(c) for c in active_codes(codebook)])]


def merged_map(codebook: Codebook) -> dict[str, str]:
    """Each merged code's guid with the guid of the code it went into."""
    rows = Code.objects.filter(codebook=codebook, merged_into__isnull=False).values_list(
        "guid", "merged_into__guid"
    )
    return {str(guid): str(into) for guid, into in rows}


def question_keys(campaign: Campaign) -> set[str]:
    """The answer keys a code may be meant for: every question of the campaign's
    questionnaire, and the "Autre" text of those that have one."""
    keys: set[str] = set()
    for question in campaign.questionnaire.questionnaire().questions():
        keys.add(question.name)
        if question.other:
            keys.add(question.name + OTHER_SUFFIX)
    return keys


def visible_to(user: Any) -> Q:
    """The codings a person may count or list: none of another coder's in an open blind
    round (coders do not follow each other's reading before the round closes)."""
    return (
        Q(round__isnull=True)
        | Q(round__blind=False)
        | ~Q(round__status=CodingRound.Status.OPEN)
        | Q(coder_id=user.pk)
    )


def coding_counts(codebook: Codebook, user: Any = None) -> dict[int, int]:
    """Live codings per code id (removed codings and undecided suggestions left out); with
    ``user``, only those :func:`visible_to` them."""
    found = Coding.objects.filter(
        code__codebook=codebook, removed_at__isnull=True, status__in=COUNTED
    )
    if user is not None:
        found = found.filter(visible_to(user))
    rows = found.values("code").annotate(n=Count("pk"))
    return {row["code"]: row["n"] for row in rows}


def memo_counts(codebook: Codebook) -> dict[int, int]:
    rows = Memo.objects.filter(code__codebook=codebook).values("code").annotate(n=Count("pk"))
    return {row["code"]: row["n"] for row in rows}


@dataclass(frozen=True, slots=True)
class Step:
    """One version of the codebook with what changed since the previous one, in words."""

    version: CodebookVersion
    changes: list[str]


def history(codebook: Codebook, lang: str = "fr") -> list[Step]:
    """Every version, newest first, each with its changes in ``lang``."""
    versions = list(
        CodebookVersion.objects.filter(codebook=codebook)
        .select_related("author")
        .order_by("number")
    )
    steps = []
    before: list[CodeNode] = []
    for version in versions:
        try:
            after = tree.from_dict(version.tree)
        except ValueError:  # a tree this version of Vivier cannot read: said as no change
            after = before
        said = tree.changes(before, after, merged=tree.merges_of(version.tree), lang=lang)
        steps.append(Step(version, said))
        before = after
    return list(reversed(steps))


# -- Versions and checks ---------------------------------------------------------------------


def _locked(codebook_id: int) -> Codebook:
    """The codebook row, locked until the transaction ends (PostgreSQL; SQLite serialises
    writers anyway)."""
    return Codebook.objects.select_for_update().get(pk=codebook_id)


def snapshot(codebook: Codebook, *, note: str, user: Any) -> CodebookVersion:
    """Keeps the whole tree as the next version, with ``note`` saying what changed."""
    with transaction.atomic():
        locked = _locked(codebook.pk)
        last = CodebookVersion.objects.filter(codebook=locked).aggregate(n=Max("number"))["n"]
        number = (last or 0) + 1
        version = CodebookVersion.objects.create(
            codebook=locked,
            number=number,
            tree=tree.to_dict(nodes(locked), merged=merged_map(locked)),
            note=note[:NOTE_LIMIT],
            author=user if user is not None and user.pk is not None else None,
        )
        now = timezone.now()
        Codebook.objects.filter(pk=locked.pk).update(version=number, updated_at=now)
        codebook.version, codebook.updated_at = number, now
    return version


def _present(codebook: Codebook, *codes: Code | None) -> None:
    """Refuses a change that names a code merged away meanwhile (another person's merge
    went first); a code of another codebook is a programming error."""
    for code in codes:
        if code is None:
            continue
        code.refresh_from_db()
        if code.codebook_id != codebook.pk:
            raise ValueError("the code is not in this codebook")
        if not code.active:
            raise Refused(
                [
                    problem(
                        ProblemCode.CODEBOOK_CODE_GONE,
                        Location(path=code.name, field="code"),
                        name=code.name,
                    )
                ]
            )


def _new_problems(before: Sequence[CodeNode], after: Sequence[CodeNode]) -> list[Diagnostic]:
    """The problems of ``after`` that ``before`` did not have."""
    known = {(found.code, found.location) for found in tree.validate(before)}
    return [found for found in tree.validate(after) if (found.code, found.location) not in known]


def _check(before: Sequence[CodeNode], after: Sequence[CodeNode]) -> None:
    """Refuses ``after`` if it has a problem ``before`` did not have."""
    new = _new_problems(before, after)
    if new:
        raise Refused(new)


def _question_problems(campaign: Campaign, questions: Iterable[str], path: str) -> list[Diagnostic]:
    unknown = sorted(set(questions) - question_keys(campaign))
    if not unknown:
        return []
    return [
        problem(
            ProblemCode.CODEBOOK_UNKNOWN_QUESTION,
            Location(path=path, field="questions"),
            keys=unknown,
        )
    ]


def _record(
    codebook: Codebook, event: str, change: str, version: CodebookVersion, **details: Any
) -> None:
    audit.record(None, event, codebook, change=change, version=version.number, **details)


def _clean(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The editable fields given, as the model stores them."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"not editable here: {sorted(unknown)}")
    kept = dict(fields)
    for key in ("name", "definition", "include_rule", "exclude_rule", "color", "shortcut"):
        if key in kept:
            kept[key] = str(kept[key] or "").strip()
    if "color" in kept and tree.is_color(kept["color"]):
        kept["color"] = kept["color"].upper()
    if "shortcut" in kept:
        kept["shortcut"] = kept["shortcut"].lower()
    for key in ("examples", "questions"):
        if key in kept:
            kept[key] = [str(v).strip() for v in kept[key] or () if str(v).strip()]
    if "is_codable" in kept:
        kept["is_codable"] = bool(kept["is_codable"])
    return kept


def _as_node_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    return {
        key: tuple(value) if key in ("examples", "questions") else value
        for key, value in fields.items()
    }


# -- Changes ---------------------------------------------------------------------------------


def add_code(codebook: Codebook, *, user: Any, parent: Code | None = None, **fields: Any) -> Code:
    """A new code (``fields``: :data:`EDITABLE`) at the end of ``parent``'s children."""
    kept = _clean(fields)
    if not kept.get("name"):
        kept["name"] = ""
    with transaction.atomic():
        locked = _locked(codebook.pk)
        _present(locked, parent)
        last = Code.objects.filter(codebook=locked, active=True, parent=parent).aggregate(
            n=Max("position")
        )["n"]
        position = 0 if last is None else last + 1
        guid = uuid.uuid4()
        before = nodes(locked)
        node = CodeNode(
            guid=str(guid),
            parent=str(parent.guid) if parent is not None else None,
            position=position,
            **_as_node_fields(kept),
        )
        after = [*before, node]
        path = tree.path_of(node, {n.guid: n for n in after})
        found = _new_problems(before, after)
        found += _question_problems(locked.campaign, kept.get("questions", ()), path)
        if found:
            raise Refused(found)
        code = Code.objects.create(
            codebook=locked, parent=parent, guid=guid, position=position, **kept
        )
        version = snapshot(
            locked, note=_("Code « %(name)s » ajouté") % {"name": code.name}, user=user
        )
        _record(locked, CHANGE_EVENT, "add", version, code=str(code.guid))
    return code


def update_code(code: Code, *, user: Any, **fields: Any) -> Code:
    """Changes the fields given (:data:`EDITABLE`); no version when nothing changes."""
    kept = _clean(fields)
    with transaction.atomic():
        locked = _locked(code.codebook_id)
        _present(locked, code)
        changed = {key: value for key, value in kept.items() if getattr(code, key) != value}
        if not changed:
            return code
        before = nodes(locked)
        guid = str(code.guid)
        after = [
            replace(node, **_as_node_fields(changed)) if node.guid == guid else node
            for node in before
        ]
        found = _new_problems(before, after)
        if "questions" in changed:
            by_guid = {n.guid: n for n in after}
            path = tree.path_of(by_guid[guid], by_guid)
            found += _question_problems(locked.campaign, changed["questions"], path)
        if found:
            raise Refused(found)
        old_name = code.name
        for key, value in changed.items():
            setattr(code, key, value)
        code.save(update_fields=list(changed))
        if "name" in changed:
            note = _("Code « %(old)s » renommé « %(name)s »") % {"old": old_name, "name": code.name}
        else:
            note = _("Code « %(name)s » modifié") % {"name": code.name}
        version = snapshot(locked, note=note, user=user)
        _record(locked, CHANGE_EVENT, "update", version, code=guid, fields=sorted(changed))
    return code


def move(code: Code, new_parent: Code | None, *, user: Any, position: int | None = None) -> Code:
    """Puts ``code`` (and its sub-codes) under ``new_parent`` (``None``: at the top), at
    ``position`` among its new siblings (0 first; ``None``: last, or where it was when the
    parent does not change). Refuses a cycle (``CODEBOOK_CYCLE``) and a name already taken
    among the new siblings (``CODEBOOK_DUPLICATE_NAME``)."""
    with transaction.atomic():
        locked = _locked(code.codebook_id)
        _present(locked, code, new_parent)
        before = nodes(locked)
        guid = str(code.guid)
        parent_guid = str(new_parent.guid) if new_parent is not None else None
        siblings = [
            node for node in tree.children_of(before).get(parent_guid, []) if node.guid != guid
        ]
        if position is None:
            # Last among new siblings; where it was when the parent stays.
            current = [node.guid for node in tree.children_of(before).get(parent_guid, [])]
            position = current.index(guid) if guid in current else len(siblings)
        position = max(0, min(position, len(siblings)))
        me = replace(next(n for n in before if n.guid == guid), parent=parent_guid)
        ordered = [*siblings[:position], me, *siblings[position:]]
        placed = {node.guid: replace(node, position=index) for index, node in enumerate(ordered)}
        after = [placed.get(node.guid, node) for node in before]
        _check(before, after)
        old_parent = code.parent
        for node in ordered:
            if node.guid == guid:
                continue
            Code.objects.filter(codebook=locked, guid=node.guid).exclude(
                position=placed[node.guid].position
            ).update(position=placed[node.guid].position)
        code.parent = new_parent
        code.position = placed[guid].position
        code.save(update_fields=["parent", "position"])
        if old_parent == new_parent:
            note = _("Code « %(name)s » changé de place") % {"name": code.name}
        elif new_parent is None:
            note = _("Code « %(name)s » déplacé en haut du livre") % {"name": code.name}
        else:
            note = _("Code « %(name)s » déplacé sous « %(parent)s »") % {
                "name": code.name,
                "parent": new_parent.name,
            }
        version = snapshot(locked, note=note, user=user)
        _record(locked, CHANGE_EVENT, "move", version, code=guid)
    return code


#: Which coding of a group of identical ones is kept: a live one, then a decision over a
#: proposal, then the one already on the code merged into, then the oldest.
_STATUS_RANK = {
    Coding.Status.ACCEPTED: 0,
    Coding.Status.APPLIED: 0,
    Coding.Status.SUGGESTED: 1,
    Coding.Status.REJECTED: 2,
}


def _keeper_key(coding: Coding, into: Code) -> tuple[bool, int, bool, int]:
    return (
        coding.removed_at is not None,
        _STATUS_RANK.get(coding.status, 3),
        coding.code_id != into.pk,
        coding.pk,
    )


def merge(code: Code, into: Code, *, user: Any) -> Merged:
    """Merges ``code`` into ``into``: every coding, memo, adjudication and sub-code of
    ``code`` goes to ``into``; ``code`` stays, inactive, with ``merged_into``."""
    with transaction.atomic():
        locked = _locked(code.codebook_id)
        _present(locked, code, into)
        before = nodes(locked)
        guid, into_guid = str(code.guid), str(into.guid)
        if into_guid == guid or into_guid in tree.descendants(guid, before):
            raise Refused(
                [
                    problem(
                        ProblemCode.CODEBOOK_MERGE_INTO_ITSELF,
                        Location(
                            path=tree.path_of(node_of(code), {n.guid: n for n in before}),
                            field="into",
                        ),
                        name=code.name,
                        into=into.name,
                    )
                ]
            )
        children = [node for node in tree.children_of(before).get(guid, [])]
        start = len(tree.children_of(before).get(into_guid, []))
        moved = {
            node.guid: replace(node, parent=into_guid, position=start + index)
            for index, node in enumerate(children)
        }
        after = [moved.get(node.guid, node) for node in before if node.guid != guid]
        _check(before, after)

        for node in children:
            Code.objects.filter(codebook=locked, guid=node.guid).update(
                parent=into, position=moved[node.guid].position
            )
        codings, collapsed = _merge_codings(code, into)
        memos = Memo.objects.filter(code=code).update(code=into, updated_at=timezone.now())
        adjudications = _merge_adjudications(code, into)
        Code.objects.filter(merged_into=code).update(merged_into=into)
        code.active = False
        code.merged_into = into
        code.save(update_fields=["active", "merged_into"])
        version = snapshot(
            locked,
            note=_("Code « %(name)s » fusionné dans « %(into)s »")
            % {"name": code.name, "into": into.name},
            user=user,
        )
        _record(
            locked,
            CHANGE_EVENT,
            "merge",
            version,
            code=guid,
            into=into_guid,
            codings=codings,
            collapsed=collapsed,
            memos=memos,
        )
    return Merged(codings, collapsed, memos, adjudications, len(children))


def _merge_codings(code: Code, into: Code) -> tuple[int, int]:
    """Moves the codings of ``code`` to ``into``; identical ones collapse to one, which takes
    the memos and quotes of the others. Returns (codings moved, codings collapsed)."""
    groups: dict[tuple[Any, ...], list[Coding]] = defaultdict(list)
    for coding in Coding.objects.filter(code__in=[code, into]).order_by("pk"):
        key = (
            coding.source_id,
            coding.start,
            coding.end,
            coding.coder_id,
            coding.model_id,
            coding.round_id,
        )
        groups[key].append(coding)
    collapsed = 0
    for group in groups.values():
        if len(group) < 2 or all(c.code_id == into.pk for c in group):
            continue
        keeper = min(group, key=lambda coding: _keeper_key(coding, into))
        others = [c.pk for c in group if c.pk != keeper.pk]
        Memo.objects.filter(coding_id__in=others).update(coding=keeper)
        Quote.objects.filter(coding_id__in=others).update(coding=keeper)
        Coding.objects.filter(pk__in=others).delete()
        collapsed += len(others)
        if keeper.code_id != into.pk:
            Coding.objects.filter(pk=keeper.pk).update(code=into)
    moved = Coding.objects.filter(code=code).update(code=into)
    return moved, collapsed


def _merge_adjudications(code: Code, into: Code) -> int:
    """Moves the adjudications of ``code``; where ``into`` has one for the same round and
    source, the merged code is present if either was, and both notes are kept."""
    count = 0
    for adjudication in Adjudication.objects.filter(code=code):
        existing = Adjudication.objects.filter(
            round_id=adjudication.round_id, source_id=adjudication.source_id, code=into
        ).first()
        if existing is None:
            adjudication.code = into
            adjudication.save(update_fields=["code"])
        else:
            existing.present = existing.present or adjudication.present
            notes = [n for n in (existing.note, adjudication.note) if n]
            existing.note = "\n\n".join(dict.fromkeys(notes))
            existing.save(update_fields=["present", "note"])
            adjudication.delete()
        count += 1
    return count


def split(
    code: Code,
    names: Sequence[str],
    *,
    user: Any,
    moves: Mapping[str, Iterable[int]] | None = None,
) -> list[Code]:
    """New sibling codes named ``names``, right after ``code``; the codings stay on ``code``
    until recoded, except those whose ids ``moves`` gives under a new name (ids of codings
    of ``code`` only). Memos stay on ``code``."""
    cleaned = [name.strip() for name in names]
    with transaction.atomic():
        locked = _locked(code.codebook_id)
        _present(locked, code)
        before = nodes(locked)
        guid = str(code.guid)
        me = next(node for node in before if node.guid == guid)
        if not [name for name in cleaned if name]:
            raise Refused(
                [
                    problem(
                        ProblemCode.CODEBOOK_NAME_MISSING,
                        Location(path=tree.path_of(me, {n.guid: n for n in before}), field="names"),
                    )
                ]
            )
        siblings = tree.children_of(before).get(me.parent, [])
        index = [node.guid for node in siblings].index(guid)
        made = [
            CodeNode(
                guid=str(uuid.uuid4()),
                name=name,
                parent=me.parent,
                questions=me.questions,
                color=me.color,
            )
            for name in cleaned
        ]
        ordered = [*siblings[: index + 1], *made, *siblings[index + 1 :]]
        placed = {node.guid: replace(node, position=i) for i, node in enumerate(ordered)}
        after = [placed.get(node.guid, node) for node in before] + [placed[n.guid] for n in made]
        _check(before, after)
        for node in siblings:
            Code.objects.filter(codebook=locked, guid=node.guid).exclude(
                position=placed[node.guid].position
            ).update(position=placed[node.guid].position)
        created = [
            Code.objects.create(
                codebook=locked,
                parent_id=code.parent_id,
                guid=uuid.UUID(node.guid),
                name=node.name,
                position=placed[node.guid].position,
                questions=list(node.questions),
                color=node.color,
            )
            for node in made
        ]
        by_name = {c.name: c for c in created}
        moved = 0
        for name, ids in (moves or {}).items():
            target = by_name.get(name.strip())
            if target is None:
                raise ValueError(f"{name!r} is not one of the new codes")
            moved += Coding.objects.filter(code=code, pk__in=list(ids)).update(code=target)
        version = snapshot(
            locked,
            note=_("Code « %(name)s » scindé : %(names)s")
            % {"name": code.name, "names": ", ".join(f"« {c.name} »" for c in created)},
            user=user,
        )
        _record(
            locked,
            CHANGE_EVENT,
            "split",
            version,
            code=guid,
            new=[str(c.guid) for c in created],
            codings=moved,
        )
    return created


def load_starter(campaign: Campaign, name: str, *, user: Any) -> list[Code]:
    """Loads the starter codebook ``name`` (:func:`vivier.qualitative.starters.names`) into
    the campaign's codebook, which must have no active code; all or nothing."""
    try:
        starter = starters.load(name)
    except KeyError:
        raise Refused(
            [
                problem(
                    ProblemCode.CODEBOOK_STARTER_UNKNOWN,
                    Location(field="starter"),
                    name=name,
                    known=starters.names(),
                )
            ]
        ) from None
    codebook = codebook_of(campaign)
    with transaction.atomic():
        locked = _locked(codebook.pk)
        count = Code.objects.filter(codebook=locked, active=True).count()
        if count:
            raise Refused(
                [
                    problem(
                        ProblemCode.CODEBOOK_NOT_EMPTY,
                        Location(field="starter"),
                        count=count,
                    )
                ]
            )
        wanted = {key for node in starter.nodes for key in node.questions}
        unknown = sorted(wanted - question_keys(campaign))
        if unknown:
            raise Refused(
                [
                    problem(
                        ProblemCode.CODEBOOK_UNKNOWN_QUESTION,
                        Location(file=starters.FILES[name], field="starter"),
                        keys=unknown,
                    )
                ]
            )
        # A guid already used (by a merged code left from an earlier book) gets a new one.
        taken = {
            str(g) for g in Code.objects.filter(codebook=locked).values_list("guid", flat=True)
        }
        made: dict[str, Code] = {}
        for node, _depth in tree.depth_first(list(starter.nodes)):
            guid = uuid.uuid4() if node.guid in taken else uuid.UUID(node.guid)
            made[node.guid] = Code.objects.create(
                codebook=locked,
                parent=made[node.parent] if node.parent is not None else None,
                guid=guid,
                name=node.name,
                definition=node.definition,
                include_rule=node.include_rule,
                exclude_rule=node.exclude_rule,
                examples=list(node.examples),
                color=node.color,
                shortcut=node.shortcut,
                is_codable=node.is_codable,
                questions=list(node.questions),
                position=node.position,
            )
        version = snapshot(
            locked,
            note=_("Livre de codes de départ « %(title)s » chargé") % {"title": starter.title},
            user=user,
        )
        _record(locked, STARTER_EVENT, "starter", version, starter=name, codes=len(made))
    return list(made.values())


__all__ = [
    "CHANGE_EVENT",
    "COUNTED",
    "EDITABLE",
    "STARTER_EVENT",
    "Merged",
    "Refused",
    "Step",
    "active_codes",
    "add_code",
    "codebook_of",
    "coding_counts",
    "history",
    "load_starter",
    "memo_counts",
    "merge",
    "merged_map",
    "move",
    "node_of",
    "nodes",
    "question_keys",
    "snapshot",
    "split",
    "update_code",
    "visible_to",
]
