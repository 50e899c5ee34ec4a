"""Second pass over the survey sheet: the questions, grouped into pages by their groups."""

from __future__ import annotations

import re
from typing import Any

from vivier.problems import ProblemCode, codes
from vivier.surveys.codecs.xlsform.passes.choices import choice_filter, question_choices
from vivier.surveys.codecs.xlsform.passes.expressions import check_calculation, expression
from vivier.surveys.codecs.xlsform.passes.state import NO, YES, BuildState, Entry, Group, Segment
from vivier.surveys.codecs.xlsform.sheets import Cells
from vivier.surveys.codecs.xlsform.xpath import Translation
from vivier.surveys.expressions import Node, evaluate, parse, references, truthy, uses_current
from vivier.surveys.schema import Question, QuestionType


def second_pass(state: BuildState) -> list[Segment]:
    for entry in state.calculations.values():
        check_calculation(state, entry)
    segments: list[Segment] = []
    stack: list[Group] = []
    current: Segment | None = None
    for item in state.entries:
        if isinstance(item, tuple):
            stack.pop()
            current = None
            continue
        if isinstance(item, Group):
            _begin(state, item)
            stack.append(item)
            current = None
            continue
        question = build_question(state, item)
        if question is None:
            continue
        if not stack:
            segments.append(Segment((), [question], loose=True))
            continue
        if current is None:
            current = Segment(tuple(stack))
            segments.append(current)
        current.questions.append(question)
    return segments


def _begin(state: BuildState, group: Group) -> None:
    cells, kind = group.cells, group.kind
    if kind.control in {"repeat", "loop"}:
        state.report(
            ProblemCode.XLSFORM_REPEAT_FLATTENED,
            state.at(cells, "type"),
            name=group.source_name,
            control=codes.REPEAT if kind.control == "repeat" else codes.LOOP,
        )
    relevance = expression(state, cells, "relevant")
    group.relevant = relevance.node if relevance is not None else None


def build_question(state: BuildState, entry: Entry) -> Question | None:
    cells = entry.cells
    # Choices first: a list that cannot be built turns the question into a text.
    choices, other = question_choices(state, entry)
    kind = entry.kind
    assert kind.question_type is not None
    question_type = kind.question_type
    appearance = cells.get("appearance")
    if question_type is QuestionType.SHORT_TEXT and "multiline" in appearance.lower():
        question_type = QuestionType.LONG_TEXT
    if kind.downgrade is not None:
        state.report(
            ProblemCode.XLSFORM_TYPE_DOWNGRADED,
            state.at(cells, "type"),
            type=cells.get("type"),
            reason=kind.downgrade,
        )
    read_only = cells.get("read_only").lower() in YES
    if read_only and question_type is not QuestionType.DISPLAY:
        question_type = QuestionType.DISPLAY
        state.report(ProblemCode.XLSFORM_READ_ONLY, state.at(cells, "read_only"))
    label, label_tr = state.languages.split(cells.texts("label"))
    hint, hint_tr = state.languages.split(cells.texts("hint"))
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
        state.report(
            ProblemCode.XLSFORM_MEDIA_LABEL,
            state.at(cells, "label", state.languages.primary),
            media=media,
        )
    if not label and not hint:
        state.report(
            ProblemCode.XLSFORM_NO_LABEL,
            state.at(cells, "label", state.languages.primary),
            name=entry.source_name,
        )
        return None
    if not label:
        label, hint, label_tr, hint_tr = hint, "", hint_tr, {}
    relevance = expression(state, cells, "relevant")
    constraint: Translation | None = None
    required = False
    if question_type is not QuestionType.DISPLAY:
        constraint = expression(state, cells, "constraint")
        required = _required(state, cells)
    required_message, required_tr = state.languages.split(cells.texts("required_message"))
    constraint_message, constraint_tr = state.languages.split(cells.texts("constraint_message"))
    translations: dict[str, dict[str, str]] = {}
    for key, texts in (
        ("label", label_tr),
        ("hint", hint_tr),
        ("required_message", required_tr),
        ("constraint_message", constraint_tr),
    ):
        for lang, text in texts.items():
            if lang != state.languages.code:
                translations.setdefault(lang, {})[key] = text
    choice_filter(state, cells)
    meta: dict[str, Any] = {
        "source_name": entry.source_name,
        state.source_format: {
            "row": cells.number,
            "type": cells.get("type"),
            "group_path": list(entry.group_path),
            **({"list_name": kind.list_name} if kind.list_name else {}),
        },
    }
    if appearance:
        meta["appearance"] = appearance
    state.rows[entry.name] = cells
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
        default=_default(state, cells, question_type),
        translations=translations,
    )


def _required(state: BuildState, cells: Cells) -> bool:
    text = cells.get("required").strip()
    if text.lower() in YES:
        return True
    if text.lower() in NO:
        return False
    translation = expression(state, cells, "required")
    if translation is not None and translation.node is not None:
        node = parse(translation.expression)
        if not _refers(node):
            return truthy(evaluate(node, {}))
    if translation is not None:
        state.report(
            ProblemCode.XLSFORM_CONDITIONAL_REQUIRED, state.at(cells, "required"), text=text
        )
    return False


def _default(state: BuildState, cells: Cells, question_type: QuestionType) -> str:
    text = cells.get("default")
    if not text or question_type is QuestionType.DISPLAY:
        return ""
    if "${" in text or "(" in text:
        state.report(ProblemCode.XLSFORM_DYNAMIC_DEFAULT, state.at(cells, "default"), text=text)
        return ""
    if question_type is QuestionType.DATE and re.match(r"\d{4}-\d{2}-\d{2}[ T]", text):
        return text[:10]
    return text


def _refers(node: Node) -> bool:
    return bool(references(node)) or uses_current(node)
