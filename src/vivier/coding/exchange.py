"""A campaign's coding in and out: REFI-QDA project (``.qdpx``), codebook (``.qdc``), CSV.

What a project export holds, and why:

- every text of the campaign (answers, notes, documents), as the person exporting may read
  it: with ``personal_data`` false, the names and contacts found in a text are masked as
  :func:`vivier.coding.masking.visible_text` masks them, and each coding's offsets are moved
  with the text so that they still cover the same words;
- the codebook (a merged, inactive code only if codings still point to it); a code's
  definition, rules and examples make its one REFI-QDA description
  (:mod:`vivier.qualitative.refi.descriptions`);
- the codings people applied, and the model's suggestions a person accepted, those under a
  user of their own (``model:vivier-lemmes@3``, the model coder), so that another tool can
  tell them apart; suggestions not decided or refused are not codings and stay out, and so
  do the codings of a round still open (blind until it closes);
- cases with their attributes as variables, memos as notes, and the users who wrote them.

An import is all or nothing (one transaction): codes are matched by guid (kept, updated,
or added under their parent), texts by guid in the campaign or by their exact text among its
answers (a text found nowhere becomes a note of the campaign), users by user name, then by
full name (a name matching nobody leaves its codings without a coder, and the report says
how many). A coding whose code or text is missing refuses the file, naming it.
"""

from __future__ import annotations

import csv
import io
import re
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from vivier.campaigns.models import Campaign
from vivier.problems import Diagnostic, Location, ProblemCode, problem
from vivier.qualitative import spans
from vivier.qualitative.refi import descriptions, model, qdc, qdpx
from vivier.qualitative.refi.safety import Refused
from vivier.text.spreadsheet import defuse_formula

from . import codebooks, masking
from .models import (
    Case,
    Code,
    Codebook,
    Coding,
    CodingRound,
    Memo,
    Source,
    SuggestionModel,
)

#: Stable guids for what Vivier has no guid for (users, variables, selections).
NAMESPACE = uuid.UUID("5b0b8f2e-4f0b-4c47-9a57-0e1f7e6c2d11")
_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")
#: The formats a person may ask for, with their file suffix and media type.
FORMATS = {
    "qdpx": ("qdpx", "application/zip"),
    "qdc": ("qdc", "application/xml"),
    "csv": ("csv", "text/csv; charset=utf-8"),
}
CSV_COLUMNS = (
    "source",
    "kind",
    "question",
    "response",
    "code",
    "start",
    "end",
    "text",
    "coder",
)


def _guid(kind: str, key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


# -- Masking with offsets ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Shown:
    """A text as it is exported, and how an offset of the stored text moves into it."""

    text: str
    #: (stored start, stored end, shown start, shown end, masked) for each stretch.
    stretches: tuple[tuple[int, int, int, int, bool], ...] = ()

    def start(self, offset: int) -> int:
        return self._move(offset, at_end=False)

    def end(self, offset: int) -> int:
        return self._move(offset, at_end=True)

    def _move(self, offset: int, *, at_end: bool) -> int:
        for old_start, old_end, new_start, new_end, hidden in self.stretches:
            if old_start <= offset < old_end or (at_end and offset == old_end):
                if hidden:
                    # A span that starts or ends inside a masked name takes the placeholder.
                    return new_end if at_end else new_start
                return new_start + offset - old_start
        return len(self.text) if self.stretches else offset


def shown(source: Source, personal_data: bool) -> Shown:
    """``source``'s text as an export shows it: whole, or masked as
    :func:`masking.visible_text` masks it (the test compares both)."""
    found = masking.spans(source, sees=personal_data)
    if not found:
        return Shown(source.text)
    text = source.text
    parts: list[str] = []
    stretches: list[tuple[int, int, int, int, bool]] = []
    at = size = 0

    def keep(start: int, end: int, piece: str, hidden: bool) -> None:
        nonlocal size
        parts.append(piece)
        stretches.append((start, end, size, size + len(piece), hidden))
        size += len(piece)

    for start, end, kind in found:
        if start > at:
            keep(at, start, text[at:start], False)
        keep(start, end, masking.placeholder(kind), True)
        at = end
    keep(at, len(text), text[at:], False)
    return Shown("".join(parts), tuple(stretches))


# -- Export ------------------------------------------------------------------------------------


def _codebook(campaign: Campaign) -> Codebook | None:
    return Codebook.objects.filter(campaign=campaign).first()


def exported_codings(campaign: Campaign) -> Any:
    """The codings an export carries (see the module's docstring)."""
    return (
        Coding.objects.filter(source__campaign=campaign, removed_at__isnull=True)
        .filter(
            Q(origin=Coding.Origin.HUMAN, status=Coding.Status.APPLIED)
            | Q(origin=Coding.Origin.MODEL, status=Coding.Status.ACCEPTED)
        )
        .exclude(round__status=CodingRound.Status.OPEN)
        .select_related("coder", "model", "code")
        .order_by("source_id", "pk")
    )


def _described(code: Code) -> str:
    return descriptions.write(
        descriptions.Described(
            definition=code.definition,
            include_rule=code.include_rule,
            exclude_rule=code.exclude_rule,
            examples=tuple(str(example) for example in code.examples or ()),
        )
    )


def _tree(rows: list[Code], notes: dict[int, list[str]]) -> tuple[model.Code, ...]:
    below: dict[int | None, list[Code]] = defaultdict(list)
    kept = {row.pk for row in rows}
    for row in rows:
        below[row.parent_id if row.parent_id in kept else None].append(row)

    def build(parent: int | None) -> tuple[model.Code, ...]:
        return tuple(
            model.Code(
                guid=str(row.guid),
                name=row.name,
                is_codable=row.is_codable,
                color=row.color.upper() if _COLOR.match(row.color or "") else "",
                description=_described(row),
                children=build(row.pk),
                note_refs=tuple(notes.get(row.pk, ())),
            )
            for row in below[parent]
        )

    return build(None)


def _codes_of(codebook: Codebook | None, used: set[int]) -> list[Code]:
    if codebook is None:
        return []
    rows = list(Code.objects.filter(codebook=codebook).order_by("position", "pk"))
    keep = {row.pk for row in rows if row.active or row.pk in used}
    # A kept code's ancestors are kept too, so that its place in the tree stays.
    by_pk = {row.pk: row for row in rows}
    for pk in list(keep):
        parent = by_pk[pk].parent_id
        while parent is not None and parent not in keep:
            keep.add(parent)
            parent = by_pk[parent].parent_id
    return [row for row in rows if row.pk in keep]


class _Users:
    """The project's users, gathered as they are met."""

    def __init__(self) -> None:
        self.found: dict[str, model.User] = {}

    def of(self, user: Any) -> str:
        if user is None:
            return ""
        return self.named(user.get_username())

    def named(self, name: str) -> str:
        if name not in self.found:
            self.found[name] = model.User(guid=_guid("user", name), name=name)
        return self.found[name].guid

    def name_of(self, guid: str) -> str:
        return next((user.name for user in self.found.values() if user.guid == guid), "")

    def coder(self, coding: Coding) -> str:
        if coding.origin == Coding.Origin.MODEL:
            return self.named(coding.model.coder_name if coding.model else "model:inconnu")
        return self.of(coding.coder)


def _value(value: Any) -> model.Value | None:
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if value == value and abs(value) != float("inf") else str(value)
    if isinstance(value, list | tuple):
        return "; ".join(str(item) for item in value)
    return None if value is None else str(value)


def _variable_type(values: Iterable[model.Value]) -> model.VariableType:
    seen = list(values)
    if seen and all(isinstance(v, bool) for v in seen):
        return model.VariableType.BOOLEAN
    if seen and all(isinstance(v, int) and not isinstance(v, bool) for v in seen):
        return model.VariableType.INTEGER
    if seen and all(isinstance(v, int | float) and not isinstance(v, bool) for v in seen):
        return model.VariableType.FLOAT
    return model.VariableType.TEXT


def project_of(campaign: Campaign, *, personal_data: bool = False) -> model.Project:
    """The campaign's coding as a REFI-QDA project (see the module's docstring)."""
    users = _Users()
    codings = list(exported_codings(campaign))
    codebook = _codebook(campaign)
    memos = list(Memo.objects.filter(campaign=campaign).select_related("author").order_by("pk"))
    exported_ids = {coding.pk for coding in codings}
    on_code: dict[int, list[str]] = defaultdict(list)
    on_source: dict[int, list[str]] = defaultdict(list)
    on_coding: dict[int, list[str]] = defaultdict(list)
    on_project: list[str] = []
    notes = []
    for memo in memos:
        if memo.coding_id is not None and memo.coding_id not in exported_ids:
            # The memo of a coding left out (an open round's) stays out with it.
            continue
        guid = str(memo.guid)
        notes.append(
            model.Note(
                guid=guid,
                text=memo.text,
                name=" ".join(memo.text.split())[:60],
                creating_user=users.of(memo.author),
            )
        )
        if memo.coding_id is not None:
            on_coding[memo.coding_id].append(guid)
        elif memo.code_id is not None:
            on_code[memo.code_id].append(guid)
        elif memo.source_id is not None:
            on_source[memo.source_id].append(guid)
        else:
            on_project.append(guid)
    codes = _tree(_codes_of(codebook, {c.code_id for c in codings}), on_code)
    by_source: dict[int, list[Coding]] = defaultdict(list)
    for coding in codings:
        by_source[coding.source_id].append(coding)
    sources = []
    for source in Source.objects.filter(campaign=campaign).select_related("created_by"):
        sources.append(
            _source(
                source, by_source.get(source.pk, []), users, on_coding, on_source, personal_data
            )
        )
    # Note refs on a source must follow its selections: _source puts them there.
    cases, variables = _cases(campaign)
    return model.Project(
        name=campaign.title,
        origin=qdc.ORIGIN,
        users=tuple(users.found.values()),
        codes=codes,
        variables=variables,
        cases=cases,
        sources=tuple(sources),
        notes=tuple(notes),
        note_refs=tuple(on_project),
    )


def _source(
    source: Source,
    codings: list[Coding],
    users: _Users,
    on_coding: dict[int, list[str]],
    on_source: dict[int, list[str]],
    personal_data: bool,
) -> model.TextSource:
    text = shown(source, personal_data)
    groups: dict[tuple[int, int, str], list[Coding]] = defaultdict(list)
    for coding in codings:
        if coding.start is None or coding.end is None:
            start, end = 0, len(text.text)
        else:
            start, end = text.start(coding.start), text.end(coding.end)
        if start < end:
            groups[(start, end, users.coder(coding))].append(coding)
    selections = tuple(
        model.Selection(
            guid=_guid("selection", str(group[0].guid)),
            start=start,
            end=end,
            creating_user=coder,
            codings=tuple(
                model.Coding(
                    guid=str(coding.guid),
                    code=str(coding.code.guid),
                    creating_user=coder,
                    note_refs=tuple(on_coding.get(coding.pk, ())),
                )
                for coding in group
            ),
        )
        for (start, end, coder), group in sorted(
            groups.items(), key=lambda item: (item[0][0], item[0][1], item[1][0].pk)
        )
    )
    return model.TextSource(
        guid=str(source.guid),
        name=source.name,
        text=text.text,
        creating_user=users.of(source.created_by),
        selections=selections,
        note_refs=tuple(on_source.get(source.pk, ())),
    )


def _cases(campaign: Campaign) -> tuple[tuple[model.Case, ...], tuple[model.Variable, ...]]:
    rows = list(Case.objects.filter(campaign=campaign).order_by("pk"))
    refs: dict[int, list[str]] = defaultdict(list)
    for case_id, guid in Source.objects.filter(campaign=campaign, case__isnull=False).values_list(
        "case_id", "guid"
    ):
        refs[case_id].append(str(guid))
    values: dict[str, list[model.Value]] = defaultdict(list)
    for row in rows:
        for key, raw in (row.attributes or {}).items():
            value = _value(raw)
            if value is not None:
                values[str(key)].append(value)
    variables = {
        key: model.Variable(guid=_guid("variable", key), name=key, type=_variable_type(seen))
        for key, seen in sorted(values.items())
    }
    cases = []
    for row in rows:
        kept = []
        for key, raw in (row.attributes or {}).items():
            value = _value(raw)
            if value is None:
                continue
            variable = variables[str(key)]
            if variable.type is model.VariableType.TEXT:
                value = (
                    str(value) if not isinstance(value, bool) else ("true" if value else "false")
                )
            elif variable.type is model.VariableType.FLOAT:
                value = float(value)
            kept.append(model.VariableValue(variable.guid, value))
        cases.append(
            model.Case(
                guid=str(row.guid),
                name=row.name,
                variable_values=tuple(kept),
                source_refs=tuple(refs.get(row.pk, ())),
            )
        )
    return tuple(cases), tuple(variables.values())


def export_project(campaign: Campaign, *, personal_data: bool = False) -> bytes:
    """The campaign's coding as a ``.qdpx`` archive, valid against the REFI-QDA schema."""
    return qdpx.write_qdpx(project_of(campaign, personal_data=personal_data))


def export_codebook(campaign: Campaign) -> bytes:
    """The campaign's codebook as a ``.qdc`` document (active codes, with their tree)."""
    codebook = _codebook(campaign)
    codes = _tree(_codes_of(codebook, set()), {})
    return qdc.write_qdc(model.Codebook(codes=codes, origin=qdc.ORIGIN))


def export_csv(campaign: Campaign, *, personal_data: bool = False) -> bytes:
    """One row per exported coding: its text, question, response, code path, offsets,
    segment (masked unless ``personal_data``) and coder. Cells are made inert for
    spreadsheets."""
    codings = list(exported_codings(campaign).select_related("source", "source__response"))
    codebook = _codebook(campaign)
    paths = (
        dict(model.walk(_tree(_codes_of(codebook, {c.code_id for c in codings}), {})))
        if codebook
        else {}
    )
    users = _Users()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    texts: dict[int, Shown] = {}
    for coding in codings:
        source = coding.source
        if source.pk not in texts:
            texts[source.pk] = shown(source, personal_data)
        text = texts[source.pk]
        if coding.start is None or coding.end is None:
            start, end = 0, len(text.text)
        else:
            start, end = text.start(coding.start), text.end(coding.end)
        coder = users.coder(coding)
        row = [
            source.name,
            source.kind,
            source.question,
            source.response.key if source.response else "",
            " / ".join(paths.get(str(coding.code.guid), (coding.code.name,))),
            str(start),
            str(end),
            text.text[start:end],
            users.name_of(coder),
        ]
        writer.writerow([defuse_formula(cell) for cell in row])
    # A byte-order mark so that spreadsheets read the accents right.
    return buffer.getvalue().encode("utf-8-sig")


# -- Import ------------------------------------------------------------------------------------


@dataclass
class ImportReport:
    """What an import did, or every problem that stopped it (then nothing was stored)."""

    filename: str
    codes_created: int = 0
    codes_updated: int = 0
    sources_matched: int = 0
    sources_created: int = 0
    codings_created: int = 0
    codings_kept: int = 0
    cases_created: int = 0
    cases_updated: int = 0
    memos_created: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [found for found in self.diagnostics if found.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [found for found in self.diagnostics if not found.is_error]

    @property
    def imported(self) -> bool:
        return not self.errors

    def counts(self) -> dict[str, int]:
        return {
            name: getattr(self, name)
            for name in (
                "codes_created",
                "codes_updated",
                "sources_matched",
                "sources_created",
                "codings_created",
                "codings_kept",
                "cases_created",
                "cases_updated",
                "memos_created",
            )
        }


class _Rollback(Exception):
    """Raised inside the transaction to undo it when a problem is found while storing."""


def suffix_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def import_file(campaign: Campaign, name: str, data: bytes, *, user: Any) -> ImportReport:
    """Reads ``data`` (a ``.qdpx`` or ``.qdc`` named ``name``) into ``campaign``, all of it
    or nothing."""
    report = ImportReport(filename=name)
    kind = suffix_of(name)
    if kind not in ("qdpx", "qdc"):
        report.diagnostics.append(
            problem(
                ProblemCode.UNKNOWN_FORMAT,
                Location(file=name),
                suffix=f".{kind}" if kind else "—",
                known=[".qdpx", ".qdc"],
            )
        )
        return report
    try:
        if kind == "qdc":
            codebook, warnings = qdc.read_qdc(data, name)
            project = model.Project(name=campaign.title, codes=codebook.codes)
        else:
            project, warnings = qdpx.read_qdpx(data, name)
    except Refused as refused:
        report.diagnostics += [_in_file(found, name, kind) for found in refused.diagnostics]
        return report
    report.diagnostics += [_in_file(found, name, kind) for found in warnings]
    try:
        with transaction.atomic():
            _store(campaign, project, report, user=user, name=name)
            if report.errors:
                raise _Rollback
    except _Rollback:
        _reset_counts(report)
    return report


def _in_file(found: Diagnostic, name: str, kind: str) -> Diagnostic:
    """A problem of ``project.qde`` placed in the uploaded file too."""
    where = found.location
    if kind == "qdpx" and where.file == qdpx.MEMBER:
        return found.at(Location(file=f"{name} › {qdpx.MEMBER}", line=where.line, path=where.path))
    if kind == "qdpx" and where.file not in (name, ""):
        return found
    return found.at(Location(file=name, line=where.line, path=where.path, field=where.field))


def _reset_counts(report: ImportReport) -> None:
    for name in report.counts():
        setattr(report, name, 0)


def _store(
    campaign: Campaign, project: model.Project, report: ImportReport, *, user: Any, name: str
) -> None:
    codebook = _codebook_for(campaign)
    codes = _store_codes(codebook, project.codes, report)
    if report.codes_created or report.codes_updated:
        _snapshot(codebook, user, name)
    if not project.sources and not project.cases and not project.notes:
        return
    people = _People(project, report)
    sources = _store_sources(campaign, project, report, people, user=user, name=name)
    _store_cases(campaign, project, report, sources)
    by_coding = _store_codings(project, report, codes, sources, people)
    _store_memos(campaign, project, report, codes, sources, by_coding, people)
    people.warn()


def _codebook_for(campaign: Campaign) -> Codebook:
    return codebooks.codebook_of(campaign)


def _snapshot(codebook: Codebook, user: Any, name: str) -> None:
    codebooks.snapshot(codebook, note=_("Import de « %(file)s »") % {"file": name}, user=user)


def _store_codes(
    codebook: Codebook, tree: tuple[model.Code, ...], report: ImportReport
) -> dict[str, Code]:
    existing = {str(row.guid): row for row in Code.objects.filter(codebook=codebook)}
    stored: dict[str, Code] = {}
    top = max((row.position for row in existing.values() if row.parent_id is None), default=-1)

    def store(code: model.Code, parent: Code | None, position: int) -> None:
        described = descriptions.read(code.description)
        fields = {
            "name": code.name[:200] or "—",
            "definition": described.definition,
            "include_rule": described.include_rule,
            "exclude_rule": described.exclude_rule,
            "examples": list(described.examples),
            "color": code.color if _COLOR.match(code.color) else "",
            "is_codable": code.is_codable,
            "parent": parent,
        }
        row = existing.get(code.guid)
        if row is None:
            row = Code.objects.create(
                codebook=codebook, guid=uuid.UUID(code.guid), position=position, **fields
            )
            report.codes_created += 1
        else:
            changed = [key for key, value in fields.items() if getattr(row, key) != value]
            if changed:
                for key in changed:
                    setattr(row, key, fields[key])
                row.save(update_fields=changed)
                report.codes_updated += 1
        stored[code.guid] = row
        for index, child in enumerate(code.children):
            store(child, row, index)

    for index, code in enumerate(tree):
        guid_known = code.guid in existing
        store(code, None, existing[code.guid].position if guid_known else top + 1 + index)
    stored.update({guid: row for guid, row in existing.items() if guid not in stored})
    return stored


class _People:
    """The file's users matched to accounts (by user name, then by full name)."""

    def __init__(self, project: model.Project, report: ImportReport) -> None:
        self.report = report
        self.names = {user.guid: user.name for user in project.users}
        self.accounts: dict[str, Any] = {}
        self.models: dict[str, SuggestionModel] = {}
        self.unmatched: dict[str, int] = defaultdict(int)
        people = get_user_model().objects
        for guid, name in self.names.items():
            if not name:
                continue
            found = people.filter(**{people.model.USERNAME_FIELD: name}).first()
            if found is None:
                parts = name.split(" ", 1)
                if len(parts) == 2:
                    matches = list(people.filter(first_name=parts[0], last_name=parts[1])[:2])
                    found = matches[0] if len(matches) == 1 else None
            if found is not None:
                self.accounts[guid] = found

    def account(self, guid: str) -> Any:
        return self.accounts.get(guid)

    def coder(self, campaign: Campaign, guid: str) -> tuple[Any, SuggestionModel | None]:
        """The person, or the campaign's model, who made a coding; counts those unmatched."""
        if guid in self.accounts:
            return self.accounts[guid], None
        name = self.names.get(guid, "")
        if name.startswith("model:"):
            if name not in self.models:
                for row in SuggestionModel.objects.filter(campaign=campaign):
                    if row.coder_name == name:
                        self.models[name] = row
            if name in self.models:
                return None, self.models[name]
        self.unmatched[name or guid or "?"] += 1
        return None, None

    def is_model(self, guid: str) -> bool:
        return self.names.get(guid, "").startswith("model:")

    def warn(self) -> None:
        for name, count in self.unmatched.items():
            self.report.diagnostics.append(
                problem(
                    ProblemCode.QDPX_USER_UNMATCHED,
                    Location(file=self.report.filename),
                    name=name,
                    count=count,
                )
            )


def _store_sources(
    campaign: Campaign,
    project: model.Project,
    report: ImportReport,
    people: _People,
    *,
    user: Any,
    name: str,
) -> dict[str, Source]:
    stored: dict[str, Source] = {}
    by_guid = {str(row.guid): row for row in Source.objects.filter(campaign=campaign)}
    for source in project.sources:
        row = by_guid.get(source.guid)
        if row is not None and row.text != source.text:
            report.diagnostics.append(
                problem(
                    ProblemCode.QDPX_SOURCE_TEXT_CHANGED,
                    Location(file=report.filename),
                    name=source.name,
                    guid=source.guid,
                )
            )
            continue
        if row is None:
            answers = list(
                Source.objects.filter(campaign=campaign, kind=Source.Kind.ANSWER, text=source.text)[
                    :2
                ]
            )
            row = answers[0] if len(answers) == 1 else None
        if row is not None:
            report.sources_matched += 1
        else:
            now = timezone.now()
            row = Source.objects.create(
                campaign=campaign,
                kind=Source.Kind.NOTE,
                guid=uuid.UUID(source.guid),
                name=(source.name or _("Texte importé"))[:200],
                text=source.text,
                origin=name[:200],
                created_by=people.account(source.creating_user) or user,
                created_at=now,
                updated_at=now,
            )
            report.sources_created += 1
        stored[source.guid] = row
    return stored


def _store_cases(
    campaign: Campaign, project: model.Project, report: ImportReport, sources: dict[str, Source]
) -> None:
    variables = {variable.guid: variable for variable in project.variables}
    existing = {str(row.guid): row for row in Case.objects.filter(campaign=campaign)}
    for case in project.cases:
        attributes = {variables[value.variable].name: value.value for value in case.variable_values}
        row = existing.get(case.guid)
        if row is None:
            row = Case.objects.create(
                campaign=campaign,
                guid=uuid.UUID(case.guid),
                name=(case.name or case.guid)[:200],
                attributes=attributes,
            )
            report.cases_created += 1
        elif any(row.attributes.get(key) != value for key, value in attributes.items()):
            row.attributes = {**row.attributes, **attributes}
            row.save(update_fields=["attributes"])
            report.cases_updated += 1
        linked = [sources[guid].pk for guid in case.source_refs if guid in sources]
        Source.objects.filter(pk__in=linked).update(case=row)


def _store_codings(
    project: model.Project,
    report: ImportReport,
    codes: dict[str, Code],
    sources: dict[str, Source],
    people: _People,
) -> dict[str, Coding]:
    """Each coding stored (or the identical one found); by file guid, for the memos."""
    stored: dict[str, Coding] = {}
    for source in project.sources:
        row = sources.get(source.guid)
        if row is None:
            continue
        campaign = row.campaign
        taken = set(Coding.objects.filter(source=row).values_list("guid", flat=True))
        for selection in source.selections:
            whole = selection.start == 0 and selection.end == len(source.text)
            start, end = (None, None) if whole else (selection.start, selection.end)
            exact, prefix, suffix = (
                ("", "", "")
                if whole
                else spans.selector(source.text, selection.start, selection.end)
            )
            for coding in selection.codings:
                code = codes[coding.code]
                author = coding.creating_user or selection.creating_user
                coder, suggestion_model = people.coder(campaign, author)
                # A model's coding stays a model's, accepted, even without its model here.
                by_model = suggestion_model is not None or people.is_model(author)
                guid = uuid.UUID(coding.guid)
                found = _same_coding(row, code, start, end, coder, suggestion_model, guid)
                if found is not None:
                    report.codings_kept += 1
                    stored[coding.guid] = found
                    continue
                made = Coding.objects.create(
                    source=row,
                    code=code,
                    origin=Coding.Origin.MODEL if by_model else Coding.Origin.HUMAN,
                    status=Coding.Status.ACCEPTED if by_model else Coding.Status.APPLIED,
                    model=suggestion_model,
                    coder=coder,
                    start=start,
                    end=end,
                    exact=exact,
                    prefix=prefix,
                    suffix=suffix,
                    guid=uuid.uuid4() if guid in taken else guid,
                )
                taken.add(made.guid)
                report.codings_created += 1
                stored[coding.guid] = made
                if selection.description.strip():
                    # Another tool's memo on a selection (QualCoder writes its coding memos
                    # so) becomes a memo on each of its codings.
                    Memo.objects.create(
                        campaign=campaign,
                        coding=made,
                        text=selection.description,
                        author=coder,
                    )
                    report.memos_created += 1
                for note in selection.note_refs:
                    stored.setdefault(f"selection-note:{note}", made)
    return stored


def _same_coding(
    source: Source,
    code: Code,
    start: int | None,
    end: int | None,
    coder: Any,
    suggestion_model: SuggestionModel | None,
    guid: uuid.UUID,
) -> Coding | None:
    """The coding already stored that this one is: the same guid (a file imported again),
    or the same code on the same span by the same known coder. Codings whose coder matched
    nobody are told apart by their guid only, so that two unknown coders stay two."""
    live = Coding.objects.filter(source=source, removed_at__isnull=True)
    found = live.filter(guid=guid).first()
    if found is not None or (coder is None and suggestion_model is None):
        return found
    return live.filter(code=code, start=start, end=end, coder=coder, model=suggestion_model).first()


def _store_memos(
    campaign: Campaign,
    project: model.Project,
    report: ImportReport,
    codes: dict[str, Code],
    sources: dict[str, Source],
    by_coding: dict[str, Coding],
    people: _People,
) -> None:
    targets: dict[str, dict[str, Any]] = {}
    for code in model.all_codes(project.codes):
        for note in code.note_refs:
            targets.setdefault(note, {"code": codes[code.guid]})
    for source in project.sources:
        for note in source.note_refs:
            if source.guid in sources:
                targets.setdefault(note, {"source": sources[source.guid]})
        for selection in source.selections:
            for coding in selection.codings:
                for note in coding.note_refs:
                    if coding.guid in by_coding:
                        targets.setdefault(note, {"coding": by_coding[coding.guid]})
            for note in selection.note_refs:
                made = by_coding.get(f"selection-note:{note}")
                if made is not None:
                    targets.setdefault(note, {"coding": made})
    existing = set(Memo.objects.filter(campaign=campaign).values_list("guid", flat=True))
    for written in project.notes:
        guid = uuid.UUID(written.guid)
        if guid in existing:
            continue
        Memo.objects.create(
            campaign=campaign,
            guid=guid,
            text=written.text,
            author=people.account(written.creating_user),
            **targets.get(written.guid, {}),
        )
        report.memos_created += 1


__all__ = [
    "CSV_COLUMNS",
    "FORMATS",
    "ImportReport",
    "Shown",
    "export_codebook",
    "export_csv",
    "export_project",
    "import_file",
    "project_of",
    "shown",
]
