"""The survey an ``.lss`` file describes, gathered from its tables, whatever its version.

Two layouts exist:

- before DBVersion ~400 (LimeSurvey ≤ 3), texts live in the structure rows themselves, one
  row per language (``<questions>`` rows carry ``question``, ``help`` and ``language``;
  ``<groups>`` rows ``group_name``; ``<answers>`` rows ``answer``);
- from LimeSurvey 4, structure rows are language-free and texts are in ``<question_l10ns>``,
  ``<group_l10ns>``, ``<answer_l10ns>`` (and ``<defaultvalue_l10ns>``).

Both are read the same way: structural fields come from the row of the base language (old
files repeat them per language, not always identically), texts from every row that has
one. Columns this module does not know are ignored, so newer exports still read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from vivier.surveys.codecs.limesurvey.document import LssDocument, Row


@dataclass
class LsAnswer:
    code: str
    order: int
    scale: int
    texts: dict[str, str]
    row: Row


@dataclass
class LsSubquestion:
    qid: str
    code: str
    order: int
    scale: int
    relevance: str
    texts: dict[str, str]
    row: Row


@dataclass
class LsQuestion:
    qid: str
    gid: str
    type: str
    code: str
    other: bool
    #: ``Y``, ``S`` (soft) or ``N``; empty in files that predate the column.
    mandatory: str
    order: int
    relevance: str
    row: Row
    texts: dict[str, str] = field(default_factory=dict)
    helps: dict[str, str] = field(default_factory=dict)
    #: Question-level JavaScript (``script`` column of LimeSurvey 4+).
    scripts: dict[str, str] = field(default_factory=dict)
    regex: str = ""
    attributes: dict[str, str] = field(default_factory=dict)
    #: Attributes that depend on the language: ``{"em_validation_q_tip": {"en": "…"}}``.
    language_attributes: dict[str, dict[str, str]] = field(default_factory=dict)
    subquestions: list[LsSubquestion] = field(default_factory=list)
    answers: list[LsAnswer] = field(default_factory=list)
    #: Default values: ``(subquestion code or "", scale) -> {language: value}``.
    defaults: dict[tuple[str, int], dict[str, str]] = field(default_factory=dict)

    def attribute(self, name: str, default: str = "") -> str:
        return self.attributes.get(name, default).strip() or default

    def subquestions_of(self, scale: int) -> list[LsSubquestion]:
        found = [sq for sq in self.subquestions if sq.scale == scale]
        return sorted(found, key=lambda sq: (sq.order, sq.row.index))

    def answers_of(self, scale: int) -> list[LsAnswer]:
        found = [a for a in self.answers if a.scale == scale]
        return sorted(found, key=lambda a: (a.order, a.row.index))


@dataclass
class LsGroup:
    gid: str
    order: int
    relevance: str
    randomization_group: str
    row: Row
    names: dict[str, str] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    questions: list[LsQuestion] = field(default_factory=list)


@dataclass
class LsSurvey:
    sid: str
    language: str
    #: Base language first, then the additional ones.
    languages: tuple[str, ...]
    db_version: int | None
    #: ``{language: {"title": …, "description": …, "welcome": …, "end": …}}``
    settings: dict[str, dict[str, str]]
    groups: list[LsGroup]
    #: Rows of the legacy ``<conditions>`` table, in file order.
    conditions: tuple[Row, ...] = ()
    #: Questions whose group is missing from the file.
    orphans: list[LsQuestion] = field(default_factory=list)


def _int(text: str, default: int = 0) -> int:
    try:
        return int(text.strip())
    except ValueError:
        return default


def _is_root(row: Row) -> bool:
    return row.get("parent_qid", "0").strip() in {"", "0"}


def _by_key(rows: Iterable[Row], key: str, base: str) -> dict[str, list[Row]]:
    """Rows grouped by ``key``, the base language's row first."""
    grouped: dict[str, list[Row]] = {}
    for row in rows:
        grouped.setdefault(row.get(key).strip(), []).append(row)
    for found in grouped.values():
        found.sort(key=lambda r: 0 if r.get("language", base) in {base, ""} else 1)
    return grouped


def read_survey(document: LssDocument) -> LsSurvey:
    surveys = document.rows("surveys")
    survey_row = surveys[0] if surveys else None
    settings_rows = document.rows("surveys_languagesettings")
    base = survey_row.get("language").strip() if survey_row else ""
    if not base and settings_rows:
        base = settings_rows[0].get("surveyls_language").strip()
    base = base or "en"
    additional = survey_row.get("additional_languages").split() if survey_row else []
    languages = tuple(dict.fromkeys([base, *additional]))
    sid = survey_row.get("sid").strip() if survey_row else ""
    if not sid and settings_rows:
        sid = settings_rows[0].get("surveyls_survey_id").strip()
    settings = {
        row.get("surveyls_language").strip() or base: {
            "title": row.get("surveyls_title"),
            "description": row.get("surveyls_description"),
            "welcome": row.get("surveyls_welcometext"),
            "end": row.get("surveyls_endtext"),
        }
        for row in settings_rows
    }
    groups = _groups(document, base)
    questions = _questions(document, base)
    by_gid = {group.gid: group for group in groups}
    orphans = []
    for question in questions:
        group = by_gid.get(question.gid)
        if group is None:
            orphans.append(question)
        else:
            group.questions.append(question)
    for group in groups:
        group.questions.sort(key=lambda q: (q.order, q.row.index))
    groups.sort(key=lambda g: (g.order, g.row.index))
    return LsSurvey(
        sid,
        base,
        languages,
        document.db_version,
        settings,
        groups,
        document.rows("conditions"),
        orphans,
    )


def _groups(document: LssDocument, base: str) -> list[LsGroup]:
    groups = []
    for gid, rows in _by_key(document.rows("groups"), "gid", base).items():
        main = rows[0]
        group = LsGroup(
            gid,
            _int(main.get("group_order")),
            main.get("grelevance"),
            main.get("randomization_group").strip(),
            main,
        )
        for row in rows:
            _add_group_texts(group, row, base)
        groups.append(group)
    by_gid = {group.gid: group for group in groups}
    for row in document.rows("group_l10ns"):
        found = by_gid.get(row.get("gid").strip())
        if found is not None:
            _add_group_texts(found, row, base)
    return groups


def _add_group_texts(group: LsGroup, row: Row, base: str) -> None:
    language = row.get("language").strip() or base
    if row.has("group_name"):
        group.names.setdefault(language, row.get("group_name"))
    if row.has("description"):
        group.descriptions.setdefault(language, row.get("description"))


def _questions(document: LssDocument, base: str) -> list[LsQuestion]:
    all_rows = [*document.rows("questions"), *document.rows("subquestions")]
    roots = _by_key([r for r in all_rows if _is_root(r)], "qid", base)
    subs = _by_key([r for r in all_rows if not _is_root(r)], "qid", base)
    questions: dict[str, LsQuestion] = {}
    for qid, rows in roots.items():
        main = rows[0]
        question = LsQuestion(
            qid=qid,
            gid=main.get("gid").strip(),
            type=main.get("type").strip(),
            code=main.get("title").strip(),
            other=main.get("other").strip().upper() == "Y",
            mandatory=main.get("mandatory").strip().upper(),
            order=_int(main.get("question_order")),
            relevance=main.get("relevance"),
            row=main,
            regex=main.get("preg").strip(),
        )
        for row in rows:
            _add_question_texts(question, row, base)
        questions[qid] = question
    subquestions: dict[str, LsSubquestion] = {}
    for qid, rows in subs.items():
        main = rows[0]
        parent = questions.get(main.get("parent_qid").strip())
        if parent is None:
            continue
        sub = LsSubquestion(
            qid,
            main.get("title").strip(),
            _int(main.get("question_order")),
            _int(main.get("scale_id")),
            main.get("relevance"),
            {},
            main,
        )
        for row in rows:
            if row.has("question"):
                sub.texts.setdefault(row.get("language").strip() or base, row.get("question"))
        parent.subquestions.append(sub)
        subquestions[qid] = sub
    for row in document.rows("question_l10ns"):
        qid = row.get("qid").strip()
        if qid in questions:
            _add_question_texts(questions[qid], row, base)
        elif qid in subquestions:
            language = row.get("language").strip() or base
            subquestions[qid].texts.setdefault(language, row.get("question"))
    _add_answers(document, questions, base)
    _add_attributes(document, questions)
    _add_defaults(document, questions, subquestions, base)
    return list(questions.values())


def _add_question_texts(question: LsQuestion, row: Row, base: str) -> None:
    language = row.get("language").strip() or base
    if row.has("question"):
        question.texts.setdefault(language, row.get("question"))
    if row.has("help"):
        question.helps.setdefault(language, row.get("help"))
    if row.get("script").strip():
        question.scripts.setdefault(language, row.get("script"))


def _add_answers(document: LssDocument, questions: dict[str, LsQuestion], base: str) -> None:
    by_aid: dict[str, LsAnswer] = {}
    seen: dict[tuple[str, str, int], LsAnswer] = {}
    for row in document.rows("answers"):
        question = questions.get(row.get("qid").strip())
        if question is None:
            continue
        scale = _int(row.get("scale_id"))
        key = (question.qid, row.get("code").strip(), scale)
        answer = seen.get(key)
        if answer is None:
            answer = LsAnswer(key[1], _int(row.get("sortorder")), scale, {}, row)
            seen[key] = answer
            question.answers.append(answer)
        if row.has("answer"):
            answer.texts.setdefault(row.get("language").strip() or base, row.get("answer"))
        if row.get("aid").strip():
            by_aid[row.get("aid").strip()] = answer
    for row in document.rows("answer_l10ns"):
        found = by_aid.get(row.get("aid").strip())
        if found is not None:
            found.texts.setdefault(row.get("language").strip() or base, row.get("answer"))


def _add_attributes(document: LssDocument, questions: dict[str, LsQuestion]) -> None:
    for row in document.rows("question_attributes"):
        question = questions.get(row.get("qid").strip())
        if question is None:
            continue
        name, value, language = row.get("attribute"), row.get("value"), row.get("language")
        if language.strip():
            question.language_attributes.setdefault(name, {})[language.strip()] = value
        else:
            question.attributes[name] = value


def _add_defaults(
    document: LssDocument,
    questions: dict[str, LsQuestion],
    subquestions: dict[str, LsSubquestion],
    base: str,
) -> None:
    by_dvid: dict[str, dict[str, str]] = {}
    for row in document.rows("defaultvalues"):
        question = questions.get(row.get("qid").strip())
        if question is None or row.get("specialtype").strip():
            continue
        sqid = row.get("sqid").strip()
        sub = subquestions.get(sqid) if sqid not in {"", "0"} else None
        key = (sub.code if sub else "", _int(row.get("scale_id")))
        values = question.defaults.setdefault(key, {})
        if row.has("defaultvalue"):
            values.setdefault(row.get("language").strip() or base, row.get("defaultvalue"))
        if row.get("dvid").strip():
            by_dvid[row.get("dvid").strip()] = values
    for row in document.rows("defaultvalue_l10ns"):
        found = by_dvid.get(row.get("dvid").strip())
        if found is not None:
            found.setdefault(row.get("language").strip() or base, row.get("defaultvalue"))
