"""Import of a LimeSurvey survey structure (``.lss``, LimeSurvey 3 to 6) as a questionnaire.

Entry point: :func:`read_lss`. The file is read safely (:mod:`.document`), gathered
into groups and questions whatever its version (:mod:`.model`), each question
type is mapped or refused by name (:mod:`.questions`), relevance equations are
translated where the engine can run them (:mod:`.expressions`), and the result
is checked by the engine. Every change made to fit is a warning naming the group and the
question code; anything that prevents a faithful import is an error, and then no
questionnaire is returned.

Mapping
=======

- Survey: base language (``surveys.language``) → ``language``; title, description (and
  welcome text), end text → ``title``, ``description``, ``thanks``; the additional
  languages → ``translations`` everywhere (questionnaire, sections, questions, options).
  Texts are HTML in LimeSurvey: they become plain text, scripts removed.
- Groups → sections named ``g<gid>``, in group order, ``grelevance`` → ``relevant``.
- Questions, in question order; ``mandatory`` Y → ``required``, S → ``soft_required``.
- Types: L ! → single choice; O → single choice + long text ``<code>_comment``; M →
  multiple choice (subquestions are the options); P → multiple choice + one short text
  ``<code>_<option>comment`` per option, shown when it is ticked; S → short text
  (decimal when ``numbers_only``); T U → long text; N → integer (``num_value_int_only``) or
  decimal, with its min/max as constraint; D → date; Y → yes/no with only Yes and No;
  G → single choice F/M; 5 → rating 1–5; A B → rating grid (5 or 10 points), one row per
  subquestion; F H → one single choice ``<code>_<sq>`` per subquestion; E C → the same
  with the fixed options I/S/D and Y/N/U; 1 (dual scale) → one single choice
  ``<code>_<sq>_0`` and ``<code>_<sq>_1`` per subquestion; Q → one short text (or decimal)
  per subquestion; K → one number per subquestion; ; → one text per cell
  ``<code>_<row>_<column>``; : → one number per cell, or with the checkbox layout one
  multiple choice per row whose options are the columns; R → ranking; X → display;
  | (file upload) → display, with a warning; I (language switch) and * (equation) are left
  out with a warning. Any other letter is an error naming it.
- Names: a question keeps its LimeSurvey code (also in ``meta["source_name"]``, with the
  LimeSurvey variable name for derived questions). A code that is not a valid engine
  name, or that an earlier question already uses, gets a new unique name (``R2Q03_2``) and a
  warning; conditions naming the code refer to the first question with it.
- Conditions: see :mod:`.expressions` for what translates. The legacy
  ``<conditions>`` table (old surveys without relevance equations) is translated too:
  conditions on the same answer in a scenario are alternatives, the others must all hold,
  scenarios are alternatives. A condition that does not translate, or that the engine
  refuses (a question placed later, an option that does not exist…), is dropped with a
  warning: the question is then always asked. A constant false condition (``0``) and the
  ``hidden`` attribute mean LimeSurvey never shows the question: it is left out.

Response columns
================

Each imported question carries ``meta["limesurvey"]``, what an importer of LimeSurvey
responses needs::

    {"qid": 34, "gid": 12, "type": "M", "code": "Q2", "sgqa": "123456X12X34",
     "columns": [{"suffix": "SQ001", "role": "option", "option": "SQ001"},
                 {"suffix": "other", "role": "other"}],
     "values": {"Y": "yes", "N": "no"}}          # only when codes differ

A column of a LimeSurvey response export is named, depending on the export options, by
question code: ``<code>`` when ``suffix`` is empty, else ``<code>[<suffix>]`` (LimeSurvey
3+) or ``<code>_<suffix>`` (expression names), or by SGQA: ``<sgqa><suffix>``
(``123456X12X34SQ001``). For a dual-scale suffix ``SQ001#0`` the headings are
``<code>[SQ001][1]`` / ``<code>_SQ001_0`` for scale 0 and ``…[2]`` / ``…_1`` for scale 1.
``role`` says what the column's value becomes:

- ``value``: the answer of this question, LimeSurvey codes translated by ``values``
  (``-oth-`` → ``other`` for a list with "other"; ``Y``/``N`` → ``yes``/``no``);
- ``option``: ``Y`` (``1`` in a checkbox array of numbers) means the option ``option`` is
  ticked (it goes in the answer list);
- ``other``: the "other" text, stored under ``<name>_other``; for a multiple choice a
  non-empty text also ticks ``other``;
- ``row``: the rating of the grid row ``row``;
- ``rank``: the code of the option placed at rank ``rank`` (1 is first).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from vivier.problems import Localized, Location, ProblemCode, codes, problem
from vivier.surveys.codecs.limesurvey.document import LssDocument, LssReadError, Row, read_document
from vivier.surveys.codecs.limesurvey.expressions import (
    NeverTrue,
    Unsupported,
    quote,
    translate,
)
from vivier.surveys.codecs.limesurvey.model import LsGroup, LsQuestion, LsSurvey, read_survey
from vivier.surveys.codecs.limesurvey.questions import Draft, QuestionMapper, Session
from vivier.surveys.codecs.limesurvey.text import html_to_text
from vivier.surveys.codecs.report import ImportResult, engine_diagnostics, result
from vivier.surveys.errors import Field, Issue
from vivier.surveys.expressions import Binary, parse, to_source
from vivier.surveys.schema import Question, Questionnaire, Section
from vivier.surveys.validation import validate_questionnaire

SOURCE_FORMAT = "limesurvey"
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
#: Rounds of "drop the conditions the engine refuses, check again"; one usually suffices.
_MAX_ENGINE_ROUNDS = 5


def read_lss(data: bytes, filename: str) -> ImportResult:
    """Import a LimeSurvey ``.lss`` file; never raises on bad input."""
    try:
        return _read(data, filename)
    except LssReadError as exc:
        found = exc.diagnostic
        where = Location(file=filename, line=found.location.line)
        return result(None, [found.at(where)], SOURCE_FORMAT)
    except Exception as exc:  # an unforeseen file must not surface as a traceback
        refused = problem(
            ProblemCode.LIMESURVEY_UNREADABLE, Location(file=filename), detail=type(exc).__name__
        )
        return result(None, [refused], SOURCE_FORMAT)


def _read(data: bytes, filename: str) -> ImportResult:
    document = read_document(data)
    _check_document(document)
    survey = read_survey(document)
    session = Session(survey, filename)
    if not survey.groups:
        session.report(ProblemCode.LIMESURVEY_NO_GROUP, Location(file=filename, sheet="groups"))
        return result(None, session.diagnostics, SOURCE_FORMAT)
    for orphan in survey.orphans:
        session.report(
            ProblemCode.LIMESURVEY_ORPHAN_QUESTION,
            Location(file=filename, element=orphan.row.table, line=orphan.row.line),
            question=orphan.code,
            gid=orphan.gid,
        )
    _dropped_quotas(document, session)
    builder = _Builder(session)
    questionnaire = builder.build()
    if any(d.is_error for d in session.diagnostics):
        return result(None, session.diagnostics, SOURCE_FORMAT)
    questionnaire = builder.settle(questionnaire)
    found = [*session.diagnostics, *engine_diagnostics(questionnaire, builder.locate)]
    return result(questionnaire, found, SOURCE_FORMAT)


def _dropped_quotas(document: LssDocument, session: Session) -> None:
    """Quotas (close the survey, or part of it, once N respondents gave an answer) have no
    equivalent in Vivier: said once, with their names and limits, so nobody expects them."""
    quotas = document.rows("quota")
    if not quotas:
        return
    names: dict[str, str] = {}
    for row in document.rows("quota_languagesettings"):
        quota_id, name = row.get("quotals_quota_id").strip(), row.get("quotals_name").strip()
        if name and (quota_id not in names or row.get("quotals_language") == session.base):
            names[quota_id] = name
    shown: list[Localized] = []
    for row in quotas:
        quota_id = row.get("id").strip()
        name = row.get("name").strip() or names.get(quota_id) or f"quota {quota_id}"
        limit = row.get("qlimit").strip()
        if limit.isdigit():
            shown.append(codes.QUOTA_WITH_LIMIT(name=name, limit=limit))
        else:
            shown.append(codes.QUOTA(name=name))
    count = len(quotas)
    session.report(
        ProblemCode.LIMESURVEY_QUOTAS_DROPPED,
        Location(file=session.filename, element="quota", line=quotas[0].line),
        count=count,
        plural="s" if count > 1 else "",
        quotas=codes.joined(shown),
        dropped=codes.QUOTAS_DROPPED if count > 1 else codes.QUOTA_DROPPED,
    )


def _check_document(document: LssDocument) -> None:
    kind = document.doc_type
    if kind == "Survey":
        return
    if kind:
        raise LssReadError(ProblemCode.LIMESURVEY_NOT_A_SURVEY, kind=kind)
    raise LssReadError(ProblemCode.LIMESURVEY_NOT_LSS)


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-")


class _Builder:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.survey: LsSurvey = session.survey
        self.mapper = QuestionMapper(session)
        #: Drafts per section, in order; translated conditions by question name.
        self.sections: list[tuple[LsGroup, list[Draft]]] = []
        self.translated: dict[str, str] = {}
        self.extra: dict[str, str] = {}
        self.group_relevance: dict[str, str] = {}
        self.drafts: dict[str, Draft] = {}
        self.groups_by_section: dict[str, LsGroup] = {}
        self.translations: dict[tuple[str, int | None, str, str, str], str] = {}
        self.legacy: dict[str, str] = {}
        #: The LimeSurvey source of each translated question condition, for messages.
        self.sources: dict[str, str] = {}

    # -- first pass: structure ---------------------------------------------------------------

    def build(self) -> Questionnaire:
        for group in self.survey.groups:
            self._group(group)
        sections = []
        for group, drafts in self.sections:
            name = self._section_name(group)
            relevant = self._group_condition(group, name)
            if relevant is None:
                continue
            questions = []
            for draft in drafts:
                question = self._with_condition(draft)
                if question is not None:
                    questions.append(question)
            if not questions:
                self._empty_group_warning(group)
                continue
            sections.append(self._section(group, name, questions, relevant))
        return self._questionnaire(sections)

    def _group(self, group: LsGroup) -> None:
        session = self.session
        if group.randomization_group:
            session.report(
                ProblemCode.LIMESURVEY_RANDOM_ORDER_IGNORED,
                session.where(group),
                group=session.group_name(group),
                randomization=group.randomization_group,
            )
        drafts: list[Draft] = []
        for question in group.questions:
            if self._left_out(question, group):
                continue
            self._attribute_warnings(question, group)
            drafts.extend(self.mapper.map(question, group))
        self.sections.append((group, drafts))

    def _left_out(self, question: LsQuestion, group: LsGroup) -> bool:
        """Questions LimeSurvey never shows (``hidden``, relevance ``0``) are left out."""
        hidden = question.attribute("hidden") == "1"
        never = False
        if not hidden:
            try:
                translate(question.relevance, lambda name: None)
            except NeverTrue:
                never = True
            except Unsupported:
                pass
        if not (hidden or never):
            return False
        why = codes.HIDDEN_BY_ATTRIBUTE if hidden else codes.NEVER_SHOWN
        self.session.dropped.setdefault(
            question.code,
            (
                f"« {question.code} » est une question {why.fr}, non importée",
                f"'{question.code}' is a question {why.en}, not imported",
            ),
        )
        self.session.report(
            ProblemCode.LIMESURVEY_HIDDEN_QUESTION_DROPPED,
            self.session.where(group, question),
            question=question.code,
            why=why,
        )
        return True

    def _attribute_warnings(self, question: LsQuestion, group: LsGroup) -> None:
        where = self.session.where(group, question)
        code = question.code
        dropped = ProblemCode.LIMESURVEY_VALIDATION_DROPPED
        if question.regex:
            what = codes.VALIDATION_REGEX(regex=question.regex)
            self.session.report(dropped, where, question=code, what=what)
        if question.attribute("em_validation_q"):
            self.session.report(dropped, where, question=code, what=codes.VALIDATION_EQUATION)
        if question.attribute("array_filter") or question.attribute("array_filter_exclude"):
            self.session.report(ProblemCode.LIMESURVEY_ARRAY_FILTER_DROPPED, where, question=code)
        random = question.attribute("random_group") or (
            "random_order" if question.attribute("random_order") == "1" else ""
        )
        if random:
            self.session.report(
                ProblemCode.LIMESURVEY_QUESTION_RANDOM_ORDER_IGNORED,
                where,
                question=code,
                random=random,
            )

    def _empty_group_warning(self, group: LsGroup) -> None:
        self.session.report(
            ProblemCode.LIMESURVEY_EMPTY_GROUP,
            self.session.where(group),
            group=self.session.group_name(group),
        )

    # -- conditions ------------------------------------------------------------------------

    def _translate(self, source: str, of_what: Localized, where: Location) -> str:
        """The engine condition, or "" with a warning when it does not map.

        An array's rows share their question's condition: it is translated (and a problem
        reported) once per place, not once per row.
        """
        key = (where.sheet, where.row, where.path, source, of_what.en)
        if key in self.translations:
            return self.translations[key]
        self.translations[key] = ""
        try:
            translated = translate(source, self.session.resolve)
        except Unsupported as exc:
            self.session.report(
                ProblemCode.LIMESURVEY_CONDITION_DROPPED,
                where,
                of_what=of_what,
                source=source.strip(),
                reason=Localized(exc.fr, exc.en),
            )
            return ""
        self.translations[key] = translated
        return translated

    def _section_name(self, group: LsGroup) -> str:
        gid = group.gid
        name = f"g{gid}" if gid.isdigit() else self.session.allocate(f"g_{gid}")
        self.groups_by_section[name] = group
        return name

    def _group_condition(self, group: LsGroup, section: str) -> str | None:
        """The section's condition; None when LimeSurvey never shows the group."""
        name = self.session.group_name(group)
        where = self.session.where(group)
        try:
            relevant = self._translate(group.relevance, codes.OF_GROUP(group=name), where)
        except NeverTrue:
            self.session.report(ProblemCode.LIMESURVEY_HIDDEN_GROUP_DROPPED, where, group=name)
            return None
        if relevant:
            self.group_relevance[section] = relevant
        return relevant

    def _with_condition(self, draft: Draft) -> Question | None:
        """The draft's question with its translated condition; None if never shown."""
        source, code = draft.source, draft.source.code
        where = self.session.where(draft.group, source)
        parts, sources = [], []
        for expression, what in draft.conditions:
            if what == "question" and expression.strip() in {"", "1"}:
                expression = self._legacy_conditions(source, where)
            if what == "question":
                of_what = codes.OF_QUESTION(question=code)
                subject = codes.THE_QUESTION(question=code)
            else:
                sub = what.split()[-1]
                of_what = codes.OF_SUBQUESTION(question=code, sub=sub)
                subject = codes.THE_SUBQUESTION(question=code, sub=sub)
            try:
                translated = self._translate(expression, of_what, where)
            except NeverTrue:
                self.session.report(
                    ProblemCode.LIMESURVEY_NEVER_SHOWN_QUESTION_DROPPED,
                    where,
                    name=draft.question.name,
                    what=subject,
                )
                return None
            if translated:
                parts.append(translated)
                sources.append(expression.strip())
        name = draft.question.name
        self.drafts[name] = draft
        translated = _conjunction(parts)
        if translated:
            self.translated[name] = translated
            self.sources[name] = " && ".join(sources)
        if draft.extra:
            self.extra[name] = draft.extra
        relevant = _conjunction([p for p in (draft.extra, translated) if p])
        return replace(draft.question, relevant=relevant)

    def _legacy_conditions(self, question: LsQuestion, where: Location) -> str:
        """The ``<conditions>`` rows of a question, written as an ExpressionScript source."""
        if question.qid not in self.legacy:
            self.legacy[question.qid] = self._legacy_source(question, where)
        return self.legacy[question.qid]

    def _legacy_source(self, question: LsQuestion, where: Location) -> str:
        rows = [r for r in self.survey.conditions if r.get("qid").strip() == question.qid]
        if not rows:
            return ""
        scenarios: dict[str, dict[str, list[str]]] = {}
        for row in rows:
            piece = self._legacy_condition(row)
            if piece is None:
                readable = f"{row.get('cfieldname')} {row.get('method')} {row.get('value')}".strip()
                self.session.report(
                    ProblemCode.LIMESURVEY_LEGACY_CONDITION_DROPPED,
                    where,
                    condition=readable,
                    question=question.code,
                )
                return ""
            scenario = scenarios.setdefault(row.get("scenario").strip() or "1", {})
            scenario.setdefault(row.get("cfieldname").strip(), []).append(piece)
        alternatives = []
        for fields in scenarios.values():
            required = ["(" + " || ".join(pieces) + ")" for pieces in fields.values()]
            alternatives.append("(" + " && ".join(required) + ")")
        return " || ".join(alternatives)

    def _legacy_condition(self, row: Row) -> str | None:
        field_name = row.get("cfieldname").strip()
        method = row.get("method").strip() or "=="
        value = row.get("value")
        if method not in {"==", "!=", "<", "<=", ">", ">="} or value.startswith("@"):
            return None
        if field_name.startswith("+"):
            variable = self.session.sgqa.get(field_name[1:] + value)
            if variable is None:
                return None
            return f'{variable} {"==" if method == "==" else "!="} "Y"'
        variable = self.session.sgqa.get(field_name)
        if variable is None:
            return None
        # LimeSurvey compares numerically when the value is a number.
        literal = value if _NUMBER.fullmatch(value) else quote(value)
        return f"{variable} {method} {literal}"

    # -- assembly --------------------------------------------------------------------------

    def _section(
        self, group: LsGroup, name: str, questions: list[Question], relevant: str
    ) -> Section:
        session = self.session
        names = {lang: html_to_text(group.names.get(lang, "")).text for lang in session.languages}
        descriptions = {
            lang: html_to_text(group.descriptions.get(lang, "")).text for lang in session.languages
        }
        translations = {}
        for lang in session.languages[1:]:
            texts = {"title": names[lang], "description": descriptions[lang]}
            kept = {key: text for key, text in texts.items() if text}
            if kept:
                translations[lang] = kept
        return Section(
            name=name,
            title=names[session.base] or session.group_name(group),
            questions=tuple(questions),
            description=descriptions[session.base],
            relevant=relevant,
            meta={
                "source_name": names[session.base],
                "limesurvey": {
                    "gid": int(group.gid) if group.gid.isdigit() else group.gid,
                    "randomization_group": group.randomization_group,
                },
            },
            translations=translations,
        )

    def _questionnaire(self, sections: list[Section]) -> Questionnaire:
        survey = self.survey
        texts: dict[str, dict[str, str]] = {}
        for lang in survey.languages:
            settings = survey.settings.get(lang, {})
            description = [
                html_to_text(settings.get("description", "")).text,
                html_to_text(settings.get("welcome", "")).text,
            ]
            texts[lang] = {
                "title": html_to_text(settings.get("title", "")).text,
                "description": "\n\n".join(part for part in description if part),
                "thanks": html_to_text(settings.get("end", "")).text,
            }
        base = texts[survey.language]
        title = base["title"] or f"LimeSurvey {survey.sid}".strip()
        translations = {}
        for lang in survey.languages[1:]:
            kept = {key: text for key, text in texts[lang].items() if text}
            if kept:
                translations[lang] = kept
        return Questionnaire(
            slug=slugify(base["title"]) or f"limesurvey-{survey.sid or 'import'}",
            title=title,
            sections=tuple(sections),
            description=base["description"],
            language=survey.language,
            thanks=base["thanks"],
            meta={
                "source_format": SOURCE_FORMAT,
                "limesurvey": {
                    "sid": int(survey.sid) if survey.sid.isdigit() else survey.sid,
                    "db_version": survey.db_version,
                    "languages": list(survey.languages),
                },
            },
            translations=translations,
        )

    # -- engine checks ---------------------------------------------------------------------

    def settle(self, questionnaire: Questionnaire) -> Questionnaire:
        """Drop the translated conditions the engine refuses, until it accepts the rest."""
        for _ in range(_MAX_ENGINE_ROUNDS):
            refused = [
                issue
                for issue in validate_questionnaire(questionnaire)
                if issue.is_error and issue.field is Field.RELEVANT
            ]
            changed = False
            for issue in refused:
                changed = self._drop_refused(issue) or changed
            if not changed:
                break
            questionnaire = self._apply_conditions(questionnaire)
        return questionnaire

    def _drop_refused(self, issue: Issue) -> bool:
        if issue.question is not None:
            condition = self.translated.pop(issue.question, None)
            if condition is None:
                return False
            source = self.sources.get(issue.question, "")
            draft = self.drafts[issue.question]
            where = self.session.where(draft.group, draft.source)
            of_what = codes.OF_QUESTION(question=issue.question)
        elif issue.section is not None:
            condition = self.group_relevance.pop(issue.section, "") or None
            if condition is None:
                return False
            group = self.groups_by_section[issue.section]
            source = group.relevance.strip()
            where = self.session.where(group)
            of_what = codes.OF_GROUP(group=self.session.group_name(group))
        else:
            return False
        self.session.report(
            ProblemCode.LIMESURVEY_CONDITION_REJECTED,
            where,
            of_what=of_what,
            source=source,
            condition=condition,
            reason=Localized(issue.message("fr"), issue.message("en")),
        )
        return True

    def _apply_conditions(self, questionnaire: Questionnaire) -> Questionnaire:
        sections = []
        for section in questionnaire.sections:
            questions = tuple(
                replace(
                    q,
                    relevant=_conjunction(
                        [
                            p
                            for p in (self.extra.get(q.name, ""), self.translated.get(q.name, ""))
                            if p
                        ]
                    ),
                )
                for q in section.questions
            )
            relevant = self.group_relevance.get(section.name, "")
            sections.append(replace(section, questions=questions, relevant=relevant))
        return replace(questionnaire, sections=tuple(sections))

    def locate(self, issue: Issue) -> Location:
        session = self.session
        if issue.question is not None and issue.question in self.drafts:
            draft = self.drafts[issue.question]
            return session.where(draft.group, draft.source)
        if issue.section is not None and issue.section in self.groups_by_section:
            return session.where(self.groups_by_section[issue.section])
        return Location(file=session.filename, path=issue.where("en"))


def _conjunction(parts: list[str]) -> str:
    """``a and b``, parenthesised where precedence needs it (the printer knows where)."""
    if len(parts) <= 1:
        return parts[0] if parts else ""
    node = parse(parts[0])
    for part in parts[1:]:
        node = Binary("and", node, parse(part))
    return to_source(node)


__all__ = ["SOURCE_FORMAT", "read_lss", "slugify"]
