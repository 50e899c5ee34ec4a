"""The questionnaire put together: sections from the pages, title, slug and meta from the
settings, and what a form Vivier exported carries in its ``vivier_*`` columns given back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from vivier.problems import ProblemCode
from vivier.surveys.codecs.xlsform.names import engine_name, slugify, unique
from vivier.surveys.codecs.xlsform.passes.state import BuildState, Segment
from vivier.surveys.codecs.xlsform.sheets import SETTINGS
from vivier.surveys.codecs.xlsform.vivier_columns import restore
from vivier.surveys.expressions import Binary, to_source
from vivier.surveys.schema import Questionnaire, Section


def assemble(state: BuildState, segments: list[Segment]) -> Questionnaire | None:
    sections = _sections(state, segments)
    settings = state.settings
    title = state.given_title or settings.get("title") or settings.get("id_string") or ""
    stem = Path(state.filename).stem
    slug = slugify(state.given_slug or settings.get("id_string") or stem)
    meta: dict[str, Any] = {"source_format": state.source_format, **state.given_meta}
    for key in ("version", "id_string", "default_language", "instance_name", "style"):
        if settings.get(key):
            meta.setdefault(state.source_format, {})[key] = settings[key]
    if settings.get("version"):
        meta["version"] = settings["version"]
    questionnaire = Questionnaire(
        slug=slug,
        title=title or stem,
        sections=tuple(sections),
        language=state.languages.code,
        meta=meta,
    )
    survey = state.survey
    assert survey is not None  # build() returned before assemble() without one
    if not sections and not survey.rows:
        # A survey sheet with its headers only: refused, and said once (pyxform's own
        # verdict only runs on a form Vivier accepted).
        state.report(ProblemCode.XLSFORM_NO_QUESTION, state.where(survey, 1), sheet=survey.title)
        return None
    if not sections:
        # Rows that are all device data, hidden fields or calculations: a valid XLSForm
        # (pyxform converts it), imported, but the person should know.
        state.report(ProblemCode.XLSFORM_NOTHING_TO_ASK, state.where(survey))
    return questionnaire


def restore_vivier_columns(state: BuildState, questionnaire: Questionnaire) -> Questionnaire:
    """A form Vivier exported carries ``vivier_*`` columns: give back what XLSForm lost."""
    settings = state.workbook.sheet(SETTINGS)
    survey_rows = [dict(row.cells) for row in state.survey.rows] if state.survey else []
    settings_row = dict(settings.rows[0].cells) if settings and settings.rows else None
    restored = restore(questionnaire, survey_rows, settings_row)
    if restored is not questionnaire and state.survey is not None:
        # The exporter kept the Vivier text of rewritten conditions: nothing was dropped.
        kept = {
            (row.number, column)
            for row in state.survey.rows
            for column in ("relevant", "constraint")
            if row.cells.get(f"vivier_{column}")
            # An email's regex() is the exporter's: Vivier checks addresses itself.
            or (column == "constraint" and row.cells.get("vivier_type") == "email")
        }
        state.diagnostics = [
            d
            for d in state.diagnostics
            if d.kind is not ProblemCode.XLSFORM_EXPRESSION_UNSUPPORTED
            or (d.location.row, d.location.column) not in kept
        ]
    return restored


def _sections(state: BuildState, segments: list[Segment]) -> list[Section]:
    taken: set[str] = set()
    sections = []
    for segment in segments:
        if segment.loose:
            question = segment.questions[0]
            name = unique(question.name, taken)
            taken.add(name)
            state.section_rows[name] = state.rows[question.name]
            sections.append(
                Section(
                    name,
                    question.label,
                    tuple(segment.questions),
                    meta={state.source_format: {"loose": True}},
                )
            )
            continue
        group = segment.groups[-1]
        name = unique(engine_name(group.source_name, "group"), taken)
        taken.add(name)
        state.section_rows[name] = group.cells
        title, title_tr = state.languages.split(group.cells.texts("label"))
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
                    state.source_format: {
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
