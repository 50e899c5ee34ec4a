"""Each LimeSurvey question type, mapped to engine questions (or refused by name).

One LimeSurvey question may become several engine questions: an array asks one question
per subquestion, a list with comment adds the comment box. Each engine question records
in ``meta["limesurvey"]`` which response columns fill it (the mapping is described in
:mod:`vivier.surveys.codecs.limesurvey.reader`), and every LimeSurvey variable name a condition may
use (``Q1``, ``Q2_SQ001``, ``Q1_other``) is registered with the :class:`Session` so that
conditions can be translated once every question is known.

Conditions are not translated here: a :class:`Draft` keeps the LimeSurvey sources, since a
condition may name a question placed later in the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from vivier.problems import Diagnostic, Localized, Location, ProblemCode, codes, problem
from vivier.surveys.codecs.limesurvey.expressions import Target
from vivier.surveys.codecs.limesurvey.labels import word
from vivier.surveys.codecs.limesurvey.model import LsGroup, LsQuestion, LsSubquestion, LsSurvey
from vivier.surveys.codecs.limesurvey.text import has_piping, html_to_text
from vivier.surveys.schema import OTHER_SUFFIX, Choice, Question, QuestionType, RatingScale

NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NUMBER_RE = re.compile(r"-?\d+(?:\.\d+)?")

#: Every type letter of LimeSurvey 3 to 6, with its name in LimeSurvey's interface.
TYPE_NAMES: dict[str, str] = {
    "1": "Array dual scale",
    "5": "5 point choice",
    "A": "Array (5 point choice)",
    "B": "Array (10 point choice)",
    "C": "Array (Yes/No/Uncertain)",
    "D": "Date/Time",
    "E": "Array (Increase/Same/Decrease)",
    "F": "Array",
    "G": "Gender",
    "H": "Array by column",
    "I": "Language switch",
    "K": "Multiple numerical input",
    "L": "List (radio)",
    "M": "Multiple choice",
    "N": "Numerical input",
    "O": "List with comment",
    "P": "Multiple choice with comments",
    "Q": "Multiple short text",
    "R": "Ranking",
    "S": "Short free text",
    "T": "Long free text",
    "U": "Huge free text",
    "X": "Text display",
    "Y": "Yes/No",
    "!": "List (dropdown)",
    ":": "Array (Numbers)",
    ";": "Array (Texts)",
    "|": "File upload",
    "*": "Equation",
}


@dataclass
class Draft:
    """An engine question waiting for its condition."""

    question: Question
    source: LsQuestion
    group: LsGroup
    #: LimeSurvey conditions that must all hold: ``(source, what they belong to)``.
    conditions: list[tuple[str, str]] = field(default_factory=list)
    #: A condition the importer adds itself (a comment box shown when its option is ticked).
    extra: str = ""


class Session:
    """What the whole import shares: diagnostics, names in use, variables for conditions."""

    def __init__(self, survey: LsSurvey, filename: str) -> None:
        self.survey = survey
        self.filename = filename
        self.diagnostics: list[Diagnostic] = []
        self.names: set[str] = set()
        self.variables: dict[str, Target] = {}
        #: SGQA column name (``123456X12X34SQ001``) -> LimeSurvey variable name.
        self.sgqa: dict[str, str] = {}
        #: The group (name) of the first question with each code, for duplicate warnings.
        self.owners: dict[str, Localized] = {}
        #: Codes of questions left out, with why, so conditions naming them can say it.
        self.dropped: dict[str, tuple[str, str]] = {}

    @property
    def base(self) -> str:
        return self.survey.language

    @property
    def languages(self) -> tuple[str, ...]:
        return self.survey.languages

    def report(self, code: ProblemCode, where: Location, /, **params: Any) -> None:
        """Note a problem of the catalogue; its code says whether it refuses the file."""
        self.diagnostics.append(problem(code, where, **params))

    def where(self, group: LsGroup, question: LsQuestion | None = None) -> Location:
        row = question.row if question else group.row
        path = f"group « {self.group_name(group)} »"
        if question is not None:
            path += f", question « {question.code} »"
        return Location(file=self.filename, element=row.table, line=row.line, path=path)

    def group_name(self, group: LsGroup) -> str:
        return html_to_text(group.names.get(self.base, "")).text or f"gid {group.gid}"

    def allocate(self, desired: str) -> str:
        """A valid engine name, unused so far, as close to ``desired`` as possible."""
        name = re.sub(r"[^A-Za-z0-9_]", "_", desired) or "q"
        if not NAME_RE.fullmatch(name):
            name = "q" + name
        candidate, counter = name, 1
        while candidate in self.names or candidate + OTHER_SUFFIX in self.names:
            counter += 1
            candidate = f"{name}_{counter}"
        self.names.add(candidate)
        return candidate

    def register(self, variable: str, target: Target, question: LsQuestion, suffix: str) -> None:
        self.variables.setdefault(variable, target)
        sgqa = f"{self.survey.sid}X{question.gid}X{question.qid}{suffix}"
        self.sgqa.setdefault(sgqa, variable)

    def resolve(self, name: str) -> Target | None:
        found = self.variables.get(name)
        if found is not None:
            return found
        for code, (fr, en) in self.dropped.items():
            if name == code or name.startswith(code + "_"):
                return Target(unsupported_fr=fr, unsupported_en=en)
        return None


class _Texts:
    """Plain texts of one question, noting scripts and piping so one warning says it."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.script = False
        self.piping = False

    def plain(self, html: str) -> str:
        converted = html_to_text(html)
        self.script = self.script or converted.had_script
        self.piping = self.piping or has_piping(converted.text)
        return converted.text

    def per_language(self, texts: Mapping[str, str]) -> dict[str, str]:
        return {lang: self.plain(texts.get(lang, "")) for lang in self.session.languages}


def _joined(*parts: Mapping[str, str]) -> dict[str, str]:
    """``parent — row — column`` in every language, skipping empty parts."""
    languages = parts[0].keys()
    return {lang: " — ".join(p[lang] for p in parts if p.get(lang)) for lang in languages}


def _fixed(key: str, languages: tuple[str, ...]) -> dict[str, str]:
    return {lang: word(key, lang) for lang in languages}


def _suffix_label(labels: Mapping[str, str], key: str) -> dict[str, str]:
    return {
        lang: f"{text} ({word(key, lang)})" if text else word(key, lang)
        for lang, text in labels.items()
    }


class QuestionMapper:
    """Turns one LimeSurvey question into drafts, registering its variables."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # -- entry point -----------------------------------------------------------------------

    def map(self, source: LsQuestion, group: LsGroup) -> list[Draft]:
        handler = self._handlers().get(source.type)
        where = self.session.where(group, source)
        if handler is None:
            self.session.report(
                ProblemCode.LIMESURVEY_UNKNOWN_TYPE, where, question=source.code, type=source.type
            )
            return []
        texts = _Texts(self.session)
        build = _Build(self, source, group, texts)
        drafts = handler(build)
        self._text_warnings(source, texts, where)
        return drafts

    def _handlers(self) -> dict[str, Callable[[_Build], list[Draft]]]:
        return {
            "L": _Build.single_list,
            "!": _Build.single_list,
            "O": _Build.single_list,
            "M": _Build.multiple,
            "P": _Build.multiple,
            "S": _Build.text,
            "T": _Build.text,
            "U": _Build.text,
            "N": _Build.numeric,
            "D": _Build.date,
            "Y": _Build.yes_no,
            "G": _Build.gender,
            "5": _Build.five_point,
            "A": _Build.rating_grid,
            "B": _Build.rating_grid,
            "F": _Build.array,
            "H": _Build.array,
            "E": _Build.array,
            "C": _Build.array,
            "1": _Build.dual_scale,
            "Q": _Build.multiple_inputs,
            "K": _Build.multiple_inputs,
            ";": _Build.cells,
            ":": _Build.cells,
            "R": _Build.ranking,
            "X": _Build.display,
            "|": _Build.upload,
            "I": _Build.dropped,
            "*": _Build.dropped,
        }

    def _text_warnings(self, source: LsQuestion, texts: _Texts, where: Location) -> None:
        if texts.script or source.scripts:
            self.session.report(ProblemCode.LIMESURVEY_SCRIPT_REMOVED, where, question=source.code)
        if texts.piping:
            self.session.report(
                ProblemCode.LIMESURVEY_PIPING_KEPT_AS_TEXT, where, question=source.code
            )


class _Build:
    """The mapping of one question: texts, names and variables, then one method per type."""

    def __init__(
        self, mapper: QuestionMapper, source: LsQuestion, group: LsGroup, texts: _Texts
    ) -> None:
        self.session = mapper.session
        self.source = source
        self.group = group
        self.texts = texts
        self.where = self.session.where(group, source)
        self.languages = self.session.languages
        self.base = self.session.base
        self.labels = texts.per_language(source.texts)
        self.hints = texts.per_language(source.helps)
        if not self.labels.get(self.base):
            self.labels[self.base] = source.code
            if source.type not in {"*", "I"}:
                self.session.report(
                    ProblemCode.LIMESURVEY_EMPTY_TEXT,
                    self.where,
                    question=source.code,
                    language=self.base,
                )
        # Dropped types keep no name: a later question may take their code.
        self.code = source.code if source.type in {"*", "I"} else self._name()
        self.required = source.mandatory == "Y"
        self.soft = source.mandatory == "S"

    def _name(self) -> str:
        source = self.source
        name = self.session.allocate(source.code)
        # Two groups may share a name (as in LimeSurvey's own test survey): the gid tells
        # them apart.
        group = codes.GROUP_WITH_GID(name=self.session.group_name(self.group), gid=self.group.gid)
        first = self.session.owners.setdefault(source.code, group)
        if name == source.code:
            return name
        if NAME_RE.fullmatch(source.code):
            self.session.report(
                ProblemCode.LIMESURVEY_DUPLICATE_CODE,
                self.where,
                source=source.code,
                first=first,
                group=group,
                name=name,
            )
        else:
            self.session.report(
                ProblemCode.LIMESURVEY_RENAMED, self.where, source=source.code, name=name
            )
        return name

    # -- helpers ---------------------------------------------------------------------------

    def variable(self, suffix: str = "") -> str:
        """The LimeSurvey variable name of a part of this question (``Q2_SQ001``)."""
        return self.code + (f"_{suffix}" if suffix else "")

    def register(self, suffix: str, target: Target, sgqa_suffix: str | None = None) -> None:
        self.session.register(
            self.variable(suffix),
            target,
            self.source,
            suffix if sgqa_suffix is None else sgqa_suffix,
        )
        if self.code != self.source.code:
            # Conditions written with the original code still find a renamed question
            # (unless an earlier question owns that code: then it is that one's).
            original = self.source.code + (f"_{suffix}" if suffix else "")
            self.session.variables.setdefault(original, target)

    def meta(
        self, variable: str, columns: list[dict[str, Any]], values: Mapping[str, str] | None
    ) -> dict[str, Any]:
        source = self.source
        details: dict[str, Any] = {
            "qid": _number(source.qid),
            "gid": _number(source.gid),
            "type": source.type,
            "code": source.code,
            "sgqa": f"{self.session.survey.sid}X{source.gid}X{source.qid}",
            "columns": columns,
        }
        if values:
            details["values"] = dict(values)
        # A renamed question keeps, as its source name, what LimeSurvey calls it.
        if variable.startswith(self.code):
            variable = source.code + variable[len(self.code) :]
        return {"source_name": variable, "limesurvey": details}

    def question(
        self,
        name: str,
        kind: QuestionType,
        labels: Mapping[str, str],
        columns: list[dict[str, Any]],
        *,
        variable: str | None = None,
        values: Mapping[str, str] | None = None,
        hints: Mapping[str, str] | None = None,
        other_labels: Mapping[str, str] | None = None,
        mandatory: bool = True,
        **fields: Any,
    ) -> Question:
        """An engine question with its translations; ``mandatory=False`` for side boxes."""
        hints = self.hints if hints is None else hints
        translations: dict[str, dict[str, str]] = {}
        for lang in self.languages[1:]:
            texts = {"label": labels.get(lang, ""), "hint": hints.get(lang, "")}
            if other_labels and fields.get("other"):
                texts["other_label"] = other_labels.get(lang, "")
            kept = {key: text for key, text in texts.items() if text}
            if kept:
                translations[lang] = kept
        answerable = kind is not QuestionType.DISPLAY and mandatory
        return Question(
            name=name,
            type=kind,
            label=labels.get(self.base) or self.source.code,
            hint=hints.get(self.base, ""),
            required=self.required and answerable,
            soft_required=self.soft and answerable,
            meta=self.meta(variable or name, columns, values),
            translations=translations,
            **fields,
        )

    def draft(self, question: Question, *conditions: tuple[str, str], extra: str = "") -> Draft:
        own = (self.source.relevance, "question")
        return Draft(question, self.source, self.group, [own, *conditions], extra)

    def choices_from_answers(self, scale: int = 0) -> tuple[Choice, ...]:
        return tuple(
            self._choice(answer.code, answer.texts) for answer in self.source.answers_of(scale)
        )

    def choices_from_subquestions(self, subquestions: list[LsSubquestion]) -> tuple[Choice, ...]:
        return tuple(self._choice(sq.code, sq.texts) for sq in subquestions)

    def _choice(self, code: str, texts: Mapping[str, str]) -> Choice:
        labels = self.texts.per_language(texts)
        translations = {lang: labels[lang] for lang in self.languages[1:] if labels.get(lang)}
        return Choice(code, labels.get(self.base) or code, translations)

    def fixed_choices(self, pairs: list[tuple[str, str]]) -> tuple[Choice, ...]:
        return tuple(
            Choice(
                value,
                word(key, self.base),
                {lang: word(key, lang) for lang in self.languages[1:]},
            )
            for value, key in pairs
        )

    def sub_labels(self, sub: LsSubquestion) -> dict[str, str]:
        labels = self.texts.per_language(sub.texts)
        if not labels.get(self.base):
            labels[self.base] = sub.code
        return labels

    def sub_condition(self, sub: LsSubquestion) -> tuple[str, str]:
        return (sub.relevance, f"subquestion {sub.code}")

    def other_label(self) -> tuple[str, dict[str, str]]:
        replaced = self.source.language_attributes.get("other_replace_text", {})
        labels = {
            lang: self.texts.plain(replaced.get(lang, "")) or word("other", lang)
            for lang in self.languages
        }
        return labels[self.base], labels

    def numeric_kind(self) -> QuestionType:
        whole = self.source.attribute("num_value_int_only") == "1"
        return QuestionType.INTEGER if whole else QuestionType.DECIMAL

    def range_constraint(self) -> str:
        low = self.source.attribute("min_num_value_n")
        high = self.source.attribute("max_num_value_n")
        parts = []
        if _NUMBER_RE.fullmatch(low):
            parts.append(f". >= {low}")
        if _NUMBER_RE.fullmatch(high):
            parts.append(f". <= {high}")
        return " and ".join(parts)

    def report(self, code: ProblemCode, /, **params: Any) -> None:
        self.session.report(code, self.where, **params)

    def default(self, values: Mapping[str, str] | None = None) -> str:
        found = self.source.defaults.get(("", 0), {})
        text = found.get(self.base) or next(iter(found.values()), "")
        if not text.strip():
            return ""
        if "{" in text:
            self.report(
                ProblemCode.LIMESURVEY_DEFAULT_DROPPED, question=self.source.code, text=text
            )
            return ""
        return (values or {}).get(text, text)

    # -- one method per type ---------------------------------------------------------------

    def single_list(self) -> list[Draft]:
        source = self.source
        values = {"-oth-": "other"} if source.other else {}
        other_label, other_labels = self.other_label()
        columns: list[dict[str, Any]] = [{"suffix": "", "role": "value"}]
        if source.other:
            columns.append({"suffix": "other", "role": "other"})
            self.register("other", Target(self.code + OTHER_SUFFIX, shown_is_value=True))
        self.register("", Target(self.code, values=values))
        main = self.question(
            self.code,
            QuestionType.SINGLE_CHOICE,
            self.labels,
            columns,
            values=values,
            choices=self.choices_from_answers(),
            other=source.other,
            other_label=other_label,
            other_labels=other_labels,
            default=self.default(values),
        )
        drafts = [self.draft(main)]
        if source.type == "O":
            name = self.session.allocate(self.variable("comment"))
            self.register("comment", Target(name, shown_is_value=True))
            comment = self.question(
                name,
                QuestionType.LONG_TEXT,
                _suffix_label(self.labels, "comment"),
                [{"suffix": "comment", "role": "value"}],
                variable=self.variable("comment"),
                hints={},
                mandatory=False,
            )
            drafts.append(self.draft(comment))
        return drafts

    def multiple(self) -> list[Draft]:
        source = self.source
        options = source.subquestions_of(0)
        other_label, other_labels = self.other_label()
        self.register(
            "",
            Target(
                unsupported_fr=f"« {source.code} » est une question à choix multiple : une "
                f"condition doit désigner une option, par exemple {source.code}_SQ001",
                unsupported_en=f"'{source.code}' is a multiple choice question: a condition "
                f"must name one of its options, for example {source.code}_SQ001",
            ),
        )
        columns: list[dict[str, Any]] = []
        for sub in options:
            self.register(sub.code, Target(self.code, option=sub.code))
            columns.append({"suffix": sub.code, "role": "option", "option": sub.code})
            if sub.relevance.strip() not in {"", "1"}:
                self.report(
                    ProblemCode.LIMESURVEY_OPTION_CONDITION_DROPPED,
                    option=sub.code,
                    question=source.code,
                    condition=sub.relevance.strip(),
                )
        if source.other:
            self.register("other", Target(self.code + OTHER_SUFFIX, shown_is_value=True))
            columns.append({"suffix": "other", "role": "other"})
        main = self.question(
            self.code,
            QuestionType.MULTIPLE_CHOICE,
            self.labels,
            columns,
            choices=self.choices_from_subquestions(options),
            other=source.other,
            other_label=other_label,
            other_labels=other_labels,
        )
        drafts = [self.draft(main)]
        if source.type == "P":
            drafts.extend(self._option_comments(options, other_labels))
        return drafts

    def _option_comments(
        self, options: list[LsSubquestion], other_labels: Mapping[str, str]
    ) -> list[Draft]:
        parts = [(sub.code, self.sub_labels(sub)) for sub in options]
        if self.source.other:
            parts.append(("other", dict(other_labels)))
        drafts = []
        for code, labels in parts:
            variable = self.variable(f"{code}comment")
            name = self.session.allocate(variable)
            self.register(f"{code}comment", Target(name, shown_is_value=True))
            comment = self.question(
                name,
                QuestionType.SHORT_TEXT,
                _suffix_label(_joined(self.labels, labels), "comment"),
                [{"suffix": f"{code}comment", "role": "value"}],
                variable=variable,
                hints={},
                mandatory=False,
            )
            condition = f"selected(${{{self.code}}}, '{code}')"
            drafts.append(self.draft(comment, extra=condition))
        self.report(ProblemCode.LIMESURVEY_COMMENTS_AS_QUESTIONS, question=self.source.code)
        return drafts

    def text(self) -> list[Draft]:
        kind = {"S": QuestionType.SHORT_TEXT}.get(self.source.type, QuestionType.LONG_TEXT)
        if self.source.type == "S" and self.source.attribute("numbers_only") == "1":
            kind = QuestionType.DECIMAL
        return self._simple(kind)

    def numeric(self) -> list[Draft]:
        return self._simple(self.numeric_kind(), constraint=self.range_constraint())

    def date(self) -> list[Draft]:
        return self._simple(QuestionType.DATE, shown=False)

    def _simple(self, kind: QuestionType, *, shown: bool = True, **fields: Any) -> list[Draft]:
        self.register("", Target(self.code, shown_is_value=shown))
        question = self.question(
            self.code,
            kind,
            self.labels,
            [{"suffix": "", "role": "value"}],
            default=self.default(),
            **fields,
        )
        return [self.draft(question)]

    def yes_no(self) -> list[Draft]:
        values = {"Y": "yes", "N": "no"}
        self.register("", Target(self.code, values=values))
        question = self.question(
            self.code,
            QuestionType.YES_NO,
            self.labels,
            [{"suffix": "", "role": "value"}],
            values=values,
            choices=self.fixed_choices([("yes", "yes"), ("no", "no")]),
            default=self.default(values),
        )
        return [self.draft(question)]

    def gender(self) -> list[Draft]:
        self.register("", Target(self.code))
        question = self.question(
            self.code,
            QuestionType.SINGLE_CHOICE,
            self.labels,
            [{"suffix": "", "role": "value"}],
            choices=self.fixed_choices([("F", "female"), ("M", "male")]),
            default=self.default(),
        )
        return [self.draft(question)]

    def five_point(self) -> list[Draft]:
        self.register("", Target(self.code, shown_is_value=True))
        question = self.question(
            self.code,
            QuestionType.RATING,
            self.labels,
            [{"suffix": "", "role": "value"}],
            scale=RatingScale(points=5, minimum=1),
            default=self.default(),
        )
        return [self.draft(question)]

    def rating_grid(self) -> list[Draft]:
        source = self.source
        points = 5 if source.type == "A" else 10
        rows = source.subquestions_of(0)
        columns: list[dict[str, Any]] = []
        for sub in rows:
            reason = (
                f"« {self.variable(sub.code)} » est une ligne d'un tableau, importé comme une "
                "grille de notes que les conditions de Vivier ne peuvent pas citer",
                f"'{self.variable(sub.code)}' is a row of an array, imported as a rating grid "
                "that Vivier conditions cannot name",
            )
            self.register(sub.code, Target(unsupported_fr=reason[0], unsupported_en=reason[1]))
            columns.append({"suffix": sub.code, "role": "row", "row": sub.code})
            self._sub_condition_warning(sub)
        scale = RatingScale(points=points, minimum=1, rows=self.choices_from_subquestions(rows))
        question = self.question(self.code, QuestionType.RATING, self.labels, columns, scale=scale)
        return [self.draft(question)]

    def _sub_condition_warning(self, sub: LsSubquestion) -> None:
        if sub.relevance.strip() in {"", "1"}:
            return
        self.report(
            ProblemCode.LIMESURVEY_ROW_CONDITION_DROPPED,
            row=sub.code,
            question=self.source.code,
            condition=sub.relevance.strip(),
        )

    def array(self) -> list[Draft]:
        kind = self.source.type
        if kind == "E":
            choices = self.fixed_choices([("I", "increase"), ("S", "same"), ("D", "decrease")])
        elif kind == "C":
            choices = self.fixed_choices([("Y", "yes"), ("N", "no"), ("U", "uncertain")])
        else:
            choices = self.choices_from_answers()
        drafts = []
        for sub in self.source.subquestions_of(0):
            variable = self.variable(sub.code)
            name = self.session.allocate(variable)
            self.register(sub.code, Target(name))
            question = self.question(
                name,
                QuestionType.SINGLE_CHOICE,
                _joined(self.labels, self.sub_labels(sub)),
                [{"suffix": sub.code, "role": "value"}],
                variable=variable,
                choices=choices,
            )
            drafts.append(self.draft(question, self.sub_condition(sub)))
        return drafts

    def dual_scale(self) -> list[Draft]:
        headers = [self.source.language_attributes.get(f"dualscale_header{k}", {}) for k in "AB"]
        drafts = []
        for sub in self.source.subquestions_of(0):
            for scale in (0, 1):
                variable = self.variable(f"{sub.code}_{scale}")
                name = self.session.allocate(variable)
                self.register(f"{sub.code}_{scale}", Target(name), f"{sub.code}#{scale}")
                header = self.texts.per_language(headers[scale])
                question = self.question(
                    name,
                    QuestionType.SINGLE_CHOICE,
                    _joined(self.labels, self.sub_labels(sub), header),
                    [{"suffix": f"{sub.code}#{scale}", "role": "value"}],
                    variable=variable,
                    choices=self.choices_from_answers(scale),
                )
                drafts.append(self.draft(question, self.sub_condition(sub)))
        return drafts

    def multiple_inputs(self) -> list[Draft]:
        if self.source.type == "K":
            kind = self.numeric_kind()
            constraint = self.range_constraint()
        else:
            numbers = self.source.attribute("numbers_only") == "1"
            kind = QuestionType.DECIMAL if numbers else QuestionType.SHORT_TEXT
            constraint = ""
        drafts = []
        for sub in self.source.subquestions_of(0):
            variable = self.variable(sub.code)
            name = self.session.allocate(variable)
            self.register(sub.code, Target(name, shown_is_value=True))
            question = self.question(
                name,
                kind,
                _joined(self.labels, self.sub_labels(sub)),
                [{"suffix": sub.code, "role": "value"}],
                variable=variable,
                constraint=constraint,
            )
            drafts.append(self.draft(question, self.sub_condition(sub)))
        return drafts

    def cells(self) -> list[Draft]:
        source = self.source
        rows, columns = source.subquestions_of(0), source.subquestions_of(1)
        if source.type == ":" and source.attribute("multiflexible_checkbox") == "1":
            return self._checkbox_rows(rows, columns)
        if source.type == ";":
            numbers = source.attribute("numbers_only") == "1"
            kind = QuestionType.DECIMAL if numbers else QuestionType.SHORT_TEXT
        else:
            step = source.attribute("multiflexible_step")
            decimal = source.attribute("input_boxes") == "1" or "." in step
            kind = QuestionType.DECIMAL if decimal else QuestionType.INTEGER
        drafts = []
        for row in rows:
            for column in columns:
                suffix = f"{row.code}_{column.code}"
                variable = self.variable(suffix)
                name = self.session.allocate(variable)
                self.register(suffix, Target(name, shown_is_value=True))
                question = self.question(
                    name,
                    kind,
                    _joined(self.labels, self.sub_labels(row), self.sub_labels(column)),
                    [{"suffix": suffix, "role": "value"}],
                    variable=variable,
                )
                conditions = (self.sub_condition(row), self.sub_condition(column))
                drafts.append(self.draft(question, *conditions))
        return drafts

    def _checkbox_rows(
        self, rows: list[LsSubquestion], columns: list[LsSubquestion]
    ) -> list[Draft]:
        drafts = []
        for row in rows:
            variable = self.variable(row.code)
            name = self.session.allocate(variable)
            self.register(
                row.code,
                Target(
                    unsupported_fr=f"« {variable} » est une ligne de cases à cocher : une "
                    f"condition doit désigner une case, par exemple {variable}_<colonne>",
                    unsupported_en=f"'{variable}' is a row of checkboxes: a condition must "
                    f"name one box, for example {variable}_<column>",
                ),
            )
            cells: list[dict[str, Any]] = []
            for column in columns:
                suffix = f"{row.code}_{column.code}"
                self.register(suffix, Target(name, option=column.code))
                cells.append({"suffix": suffix, "role": "option", "option": column.code})
            question = self.question(
                name,
                QuestionType.MULTIPLE_CHOICE,
                _joined(self.labels, self.sub_labels(row)),
                cells,
                variable=variable,
                choices=self.choices_from_subquestions(columns),
            )
            drafts.append(self.draft(question, self.sub_condition(row)))
        self.report(ProblemCode.LIMESURVEY_CHECKBOX_ARRAY, question=self.source.code)
        return drafts

    def ranking(self) -> list[Draft]:
        source = self.source
        choices = self.choices_from_answers()
        if not choices:
            choices = self.choices_from_subquestions(source.subquestions_of(0))
        columns: list[dict[str, Any]] = [
            {"suffix": str(rank), "role": "rank", "rank": rank}
            for rank in range(1, len(choices) + 1)
        ]
        for rank in range(1, len(choices) + 1):
            reason = (
                f"« {self.variable(str(rank))} » est un rang d'un classement, que les "
                "conditions de Vivier ne peuvent pas citer",
                f"'{self.variable(str(rank))}' is a rank of a ranking, which Vivier conditions "
                "cannot name",
            )
            self.register(str(rank), Target(unsupported_fr=reason[0], unsupported_en=reason[1]))
        question = self.question(
            self.code, QuestionType.RANKING, self.labels, columns, choices=choices
        )
        return [self.draft(question)]

    def display(self) -> list[Draft]:
        reason = (
            f"« {self.source.code} » est un texte affiché, sans réponse",
            f"'{self.source.code}' is a displayed text, without an answer",
        )
        self.register("", Target(unsupported_fr=reason[0], unsupported_en=reason[1]))
        question = self.question(self.code, QuestionType.DISPLAY, self.labels, [])
        return [self.draft(question)]

    def upload(self) -> list[Draft]:
        self.report(ProblemCode.LIMESURVEY_UPLOAD_AS_DISPLAY, question=self.source.code)
        return self.display()

    def dropped(self) -> list[Draft]:
        source = self.source
        name = TYPE_NAMES[source.type]
        self.session.dropped.setdefault(
            source.code,
            (
                f"« {source.code} » est une question de type « {name} », non importée",
                f"'{source.code}' is a question of type '{name}', not imported",
            ),
        )
        code = (
            ProblemCode.LIMESURVEY_EQUATION_DROPPED
            if source.type == "*"
            else ProblemCode.LIMESURVEY_LANGUAGE_SWITCH_DROPPED
        )
        self.report(code, question=source.code)
        return []


def _number(text: str) -> int | str:
    return int(text) if text.isdigit() else text
