"""What every document format shares: remarks, wording, number formats and the document plan.

The report dict (``vivier.analysis.report``) is the only source of figures. ``build_document``
turns it, with the questionnaire and the analysts' remarks, into a plan made of plain
strings and inline SVG: parts (respondents' profile, then one per axis), sections, question
blocks with their N line, chart, tables, statistics, example texts and remarks. HTML (and so
PDF) and DOCX are both drawn from this plan, so they say the same thing in the same order;
XLSX reads the report's numbers directly because a spreadsheet wants numbers, not strings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import npgettext, pgettext, pgettext_lazy

from vivier import charts
from vivier.reports import chart_words, localized
from vivier.surveys.schema import Question, Questionnaire, QuestionType, Section

RemarkKind = Literal["ANALYSE", "CONCLUSION", "SUGGESTION", "ATTENTION"]
REMARK_KINDS: tuple[RemarkKind, ...] = ("ANALYSE", "CONCLUSION", "SUGGESTION", "ATTENTION")

#: At most this many free texts are quoted per question: the annex quotes a few, it is not an
#: export of the answers.
MAX_EXAMPLES = 10

#: Short titles of the four axes, used when a questionnaire numbers its sections' axes
#: without naming them in ``meta["axes"]`` (the HCTS template names its own).
DEFAULT_AXIS_TITLES: Mapping[int, str | Promise] = {
    1: pgettext_lazy("report annex", "Du besoin repéré à la naissance de la pratique"),
    2: pgettext_lazy("report annex", "La pratique mise en œuvre et consolidée"),
    3: pgettext_lazy("report annex", "L’évaluation de la pratique et de ses effets"),
    4: pgettext_lazy("report annex", "Ce que la pratique change dans le travail social"),
}


@dataclass(frozen=True, slots=True)
class Remark:
    """An analyst's boxed remark, as in the 2020 annex.

    ``question`` is a question name ("q14"); None (or "") means the remark is about the
    whole campaign, or about ``section`` (a section name) when that is given.
    """

    question: str | None
    kind: str
    text: str
    section: str | None = None

    def __post_init__(self) -> None:
        kind = str(self.kind).strip().upper()
        if kind not in REMARK_KINDS:
            raise ValueError(f"unknown remark kind {self.kind!r}; expected one of {REMARK_KINDS}")
        object.__setattr__(self, "kind", kind)
        # The Django model stores "no question" as an empty string.
        object.__setattr__(self, "question", self.question or None)
        object.__setattr__(self, "section", self.section or None)

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.text.replace("\r\n", "\n").split("\n") if p.strip()]


# --------------------------------------------------------------------------- wording


def _wording() -> dict[str, str]:
    """The documents' words in the active language: French source texts, translated like
    the rest of the interface (the context, "report annex", keeps them apart from a page's
    same words)."""
    return {
        "annex": pgettext("report annex", "Analyse des réponses au questionnaire"),
        "campaign": pgettext("report annex", "Campagne"),
        "responses": pgettext("report annex", "Réponses"),
        "period": pgettext("report annex", "Période"),
        "period_value": pgettext("report annex", "du {first} au {last}"),
        "generated": pgettext("report annex", "Document généré le {date}"),
        "contents": pgettext("report annex", "Sommaire"),
        "overview": pgettext("report annex", "Vue d'ensemble"),
        "per_day": pgettext("report annex", "Réponses par jour"),
        "peak": pgettext("report annex", "Jour de pointe"),
        "diffusion": pgettext("report annex", "Diffusion du questionnaire"),
        "per_channel": pgettext("report annex", "Réponses par lien de diffusion"),
        "channel": pgettext("report annex", "Lien de diffusion"),
        "no_channel": pgettext("report annex", "Sans lien de diffusion"),
        "per_mode": pgettext("report annex", "Réponses par mode de saisie"),
        "mode": pgettext("report annex", "Mode de saisie"),
        "mode_online": pgettext("report annex", "En ligne"),
        "mode_assisted": pgettext("report annex", "Saisie accompagnée"),
        "mode_proxy": pgettext("report annex", "Saisie pour un tiers"),
        "map": pgettext("report annex", "Répondants par département"),
        "regions": pgettext("report annex", "Répondants par région"),
        "region": pgettext("report annex", "Région"),
        "top_departements": pgettext("report annex", "Départements les plus représentés"),
        "departement": pgettext("report annex", "Département"),
        "profile": pgettext("report annex", "Profil des répondants"),
        "axis": pgettext("report annex", "Axe {n}"),
        "general_remarks": pgettext("report annex", "Remarques sur l'ensemble de la campagne"),
        "n_line": pgettext("report annex", "N = {answered} répondants (question posée à {shown})"),
        "multiple_note": pgettext(
            "report annex",
            ("Plusieurs réponses possibles : le total dépasse 100 %."),
        ),
        "answer": pgettext("report annex", "Réponse"),
        "count": pgettext("report annex", "Nombre"),
        "percent": pgettext("report annex", "%"),
        "mean": pgettext("report annex", "Moyenne"),
        "median": pgettext("report annex", "Médiane"),
        "minimum": pgettext("report annex", "Minimum"),
        "maximum": pgettext("report annex", "Maximum"),
        "answers": pgettext("report annex statistic", "Réponses"),
        "mean_rank": pgettext("report annex", "Rang moyen"),
        "first": pgettext("report annex", "Classée en premier"),
        "row": pgettext("report annex", "Ligne"),
        "grid_chart": pgettext("report annex", "{label} (moyenne par ligne)"),
        "scale": pgettext("report annex", "Échelle de {low} à {high}"),
        "figures_of": pgettext("report annex", "Chiffres de la question {q}"),
        "statistics_of": pgettext("report annex", "Statistiques de la question {q}"),
        "examples": pgettext(
            "report annex",
            ("Exemples de réponses ({shown} sur {distinct} réponses distinctes)"),
        ),
        "other_texts": pgettext(
            "report annex",
            ("Précisions données avec « Autre » ({shown} sur {distinct})"),
        ),
        "texts_hidden": pgettext(
            "report annex",
            (
                "Les textes libres ne sont pas reproduits ici : ils peuvent contenir "
                "des données personnelles."
            ),
        ),
        "texts_withheld": pgettext("report annex", "Les textes libres ne sont pas publiés."),
        "no_answer": pgettext("report annex", "Aucune réponse."),
        "suppressed": pgettext("report annex", "s"),
        "suppression_note": pgettext(
            "report annex",
            (
                "Secret statistique (« s ») : les effectifs compris entre 1 et "
                "{k_minus} sont masqués, ainsi que d’autres effectifs choisis pour "
                "qu’aucun ne puisse être retrouvé par différence avec les totaux ; les "
                "pourcentages et moyennes qui en dépendent le sont aussi."
            ),
        ),
        "times": pgettext("report annex", "× {count}"),
        "page": pgettext("report annex", "page"),
        "remark_ANALYSE": pgettext("report annex", "Analyse"),
        "remark_CONCLUSION": pgettext("report annex", "Conclusion"),
        "remark_SUGGESTION": pgettext("report annex", "Suggestion"),
        "remark_ATTENTION": pgettext("report annex", "Attention"),
        "sheet_summary": pgettext("report annex", "Synthèse"),
        "sheet_per_day": pgettext("report annex", "Par jour"),
        "sheet_questions": pgettext("report annex", "Questions"),
        "sheet_remarks": pgettext("report annex", "Remarques"),
        "date": pgettext("report annex", "Date"),
        "number": pgettext("report annex", "N°"),
        "name": pgettext("report annex", "Nom"),
        "label": pgettext("report annex", "Intitulé"),
        "type": pgettext("report annex", "Type"),
        "option": pgettext("report annex", "Option"),
        "code": pgettext("report annex", "Code"),
        "answered": pgettext("report annex", "N répondants"),
        "shown": pgettext("report annex", "N question posée"),
        "kind": pgettext("report annex", "Type de remarque"),
        "question": pgettext("report annex", "Question"),
        "section": pgettext("report annex", "Section"),
        "text": pgettext("report annex", "Texte"),
        "item": pgettext("report annex", "Élément"),
        "value": pgettext("report annex", "Valeur"),
        "title": pgettext("report annex", "Titre"),
        "first_day": pgettext("report annex", "Premier jour"),
        "last_day": pgettext("report annex", "Dernier jour"),
        "generated_on": pgettext("report annex", "Généré le"),
    }


#: A symbol for each remark kind, so that kinds differ by more than colour (printed in
#: black and white, read by someone who does not see colours). All are in DejaVu Sans, the
#: font the PDF falls back to, and in Word's usual fonts.
REMARK_SYMBOLS: Mapping[str, str] = {
    "ANALYSE": "\u25c6",  # ◆
    "CONCLUSION": "\u2714",  # ✔
    "SUGGESTION": "\u27a4",  # ➤
    "ATTENTION": "\u26a0",  # ⚠
}


def labels(lang: str) -> Mapping[str, str]:
    """The documents' words in ``lang`` ("fr" for any language the documents do not speak)."""
    with translation.override(document_lang(lang)):
        return _wording()


def document_lang(lang: str) -> str:
    return "en" if lang == "en" else "fr"


def fmt_int(value: int | None, lang: str) -> str:
    """A count: "1 771" in French, "1,771" in English (Django's number formats)."""
    return localized.number(value, document_lang(lang))


def fmt_decimal(value: float | int | None, lang: str) -> str:
    """A mean or median: at most two decimals, trailing zeros dropped (3,5, not 3,50)."""
    return localized.number(value, document_lang(lang), places=None)


def fmt_percent(value: float | None, lang: str) -> str:
    """ "59,0 %" in French, "59.0%" in English."""
    return localized.percent(value, document_lang(lang))


def fmt_date(value: date, lang: str) -> str:
    """ "24 août 2020" / "Aug. 24, 2020": the charts' date, in Django's words for ``lang``."""
    return localized.date_text(value, "date", document_lang(lang))


def quoted(text: str) -> str:
    """``text`` between the quotation marks of the active language: « … » or “…”."""
    return pgettext("quotation", "« %(text)s »") % {"text": text}


def question_heading(number: int | None, name: str, label: str) -> str:
    return f"Q{number}. {label}" if number is not None else f"{name}. {label}"


def question_ref(number: int | None, name: str) -> str:
    return f"Q{number}" if number is not None else name


# --------------------------------------------------------------------------- the plan


@dataclass(frozen=True, slots=True)
class Table:
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    #: Per column: right-aligned figures (True) or text (False).
    numeric: tuple[bool, ...]


@dataclass(frozen=True, slots=True)
class Chart:
    svg: str
    #: Said in the DOCX picture's description; the SVG carries its own title.
    title: str


@dataclass(frozen=True, slots=True)
class QuestionBlock:
    name: str
    number: int | None
    heading: str
    ref: str
    type: str
    n_line: str
    notes: tuple[str, ...]
    chart: Chart | None
    tables: tuple[Table, ...]
    texts_title: str
    #: Quoted free texts: (text, how many times it was given, "" if once).
    texts: tuple[tuple[str, str], ...]
    remarks: tuple[Remark, ...]


@dataclass(frozen=True, slots=True)
class SectionBlock:
    name: str
    title: str
    remarks: tuple[Remark, ...]
    questions: tuple[QuestionBlock, ...]


@dataclass(frozen=True, slots=True)
class Part:
    anchor: str
    title: str
    sections: tuple[SectionBlock, ...]


@dataclass(frozen=True, slots=True)
class Document:
    lang: str
    labels: Mapping[str, str]
    title: str
    campaign: str
    facts: tuple[tuple[str, str], ...]
    generated: str
    timeline: Chart | None
    overview_tables: tuple[Table, ...]
    map: Chart | None
    remarks: tuple[Remark, ...]
    parts: tuple[Part, ...]
    suppression_note: str
    first_day: date | None = None
    last_day: date | None = None
    peak: tuple[date, int] | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)


def reported(question: Question, figures: Mapping[str, Any] | None) -> bool:
    """Whether a question has a place in the report.

    Personal data (contact details) never appears, information texts carry no figures, and
    the analysis gives ``answered`` None for both.
    """
    if figures is None or question.personal_data or not question.answerable:
        return False
    # A published report hides a small ``answered`` (None, listed in "suppressed_keys"):
    # the question keeps its place, with its figures marked.
    return figures.get("answered") is not None or "answered" in (
        figures.get("suppressed_keys") or ()
    )


def axis_titles(q: Questionnaire) -> dict[int, str]:
    """The questionnaire's own axis titles, else the 2020 ones (in the active language)."""
    titles = {axis: str(title) for axis, title in DEFAULT_AXIS_TITLES.items()}
    for entry in q.meta.get("axes") or ():
        try:
            titles[int(entry["axis"])] = str(entry["title"])
        except (KeyError, TypeError, ValueError):
            continue
    return titles


def section_axis(section: Section) -> int | None:
    axis = section.meta.get("axis")
    try:
        return int(axis) if axis is not None else None
    except (TypeError, ValueError):
        return None


def report_days(report: Mapping[str, Any]) -> list[tuple[date, int]]:
    return [(date.fromisoformat(d["date"]), int(d["count"] or 0)) for d in report["per_day"]]


def report_peak(report: Mapping[str, Any]) -> tuple[date, int] | None:
    peak = report.get("peak")
    if not peak or peak.get("count") is None:
        return None
    return date.fromisoformat(peak["date"]), int(peak["count"])


def figure_or_mark(node: Mapping[str, Any], key: str, mark: str) -> Any:
    """A figure of the report, or ``mark`` where a publication hid it (for the formats that
    write numbers: a blank cell would read as "no data")."""
    if key in (node.get("suppressed_keys") or ()):
        return mark
    return node.get(key)


def suppression_k(report: Mapping[str, Any]) -> int | None:
    info = report.get("suppression")
    return int(info["k"]) if isinstance(info, Mapping) and "k" in info else None


class _Builder:
    def __init__(
        self,
        report: Mapping[str, Any],
        q: Questionnaire,
        remarks: Sequence[Remark],
        lang: str,
        include_texts: bool,
    ) -> None:
        self.report = report
        self.q = q
        self.lang = document_lang(lang)
        self.t = labels(lang)
        # The charts speak the document's language, whatever the page's.
        self._chart_words = chart_words.wording(self.lang)
        self.include_texts = include_texts
        self.k = suppression_k(report)
        self.figures = {f["name"]: f for f in report["questions"]}
        self.by_question: dict[str, list[Remark]] = {}
        self.by_section: dict[str, list[Remark]] = {}
        self.general: list[Remark] = []
        self._place_remarks(remarks)

    # ------------------------------------------------------------------ remarks

    def _place_remarks(self, remarks: Sequence[Remark]) -> None:
        shown_questions = {
            question.name
            for question in self.q.questions()
            if reported(question, self.figures.get(question.name))
        }
        shown_sections = {s.name for s in self.q.sections}
        for remark in remarks:
            if remark.question is not None and remark.question in shown_questions:
                self.by_question.setdefault(remark.question, []).append(remark)
            elif remark.question is None and remark.section in shown_sections:
                self.by_section.setdefault(remark.section or "", []).append(remark)
            else:
                # A remark whose question is not in the report (personal data, another
                # version) is still the analyst's word: keep it with the general remarks
                # rather than drop it silently.
                self.general.append(remark)

    # ------------------------------------------------------------------ formats

    def count(self, value: int | None, suppressed: bool = False) -> str:
        if value is None and (suppressed or self.k is not None):
            return self.t["suppressed"].format(k=self.k or "k")
        return fmt_int(value, self.lang)

    def percent(self, value: float | None, suppressed: bool = False) -> str:
        if value is None and suppressed:
            return self.t["suppressed"]  # the mark of hidden counts: the spreadsheet's too
        if value is None and self.k is not None:
            return "–"
        return fmt_percent(value, self.lang)

    def statistic(self, figures: Mapping[str, Any], key: str) -> str:
        """A mean, median, minimum or maximum: the mark when a publication hid it."""
        if key in (figures.get("suppressed_keys") or ()):
            return self.t["suppressed"]
        return fmt_decimal(figures.get(key), self.lang)

    # ------------------------------------------------------------------ overview

    def overview(self) -> tuple[Chart | None, tuple[Table, ...], Chart | None]:
        t = self.t
        days = report_days(self.report)
        peak = report_peak(self.report)
        timeline = (
            Chart(
                charts.timeline_chart(
                    days,
                    title=t["per_day"],
                    words=self._chart_words,
                    peak=peak,
                ),
                t["per_day"],
            )
            if days
            else None
        )
        tables: list[Table] = []
        channels = self.report.get("per_channel") or []
        if channels:
            tables.append(
                Table(
                    caption=t["per_channel"],
                    header=(t["channel"], t["responses"], t["percent"]),
                    rows=tuple(
                        (
                            c["channel"] or t["no_channel"],
                            self.count(c["count"], bool(c.get("suppressed"))),
                            self.percent(c["percent"]),
                        )
                        for c in channels
                    ),
                    numeric=(False, True, True),
                )
            )
        modes = [m for m in self.report.get("per_mode") or [] if m.get("count") != 0]
        if modes:
            tables.append(
                Table(
                    caption=t["per_mode"],
                    header=(t["mode"], t["responses"], t["percent"]),
                    rows=tuple(
                        (
                            t.get(f"mode_{m['mode']}", str(m["mode"])),
                            self.count(m["count"], bool(m.get("suppressed"))),
                            self.percent(m["percent"]),
                        )
                        for m in modes
                    ),
                    numeric=(False, True, True),
                )
            )
        departement = self._departement_figures()
        chart = None
        if departement is not None and departement.get("answered"):
            chart = Chart(
                charts.tile_map(
                    self._tile_counts(departement), title=t["map"], words=self._chart_words
                ),
                t["map"],
            )
        return timeline, tuple(tables), chart

    def _departement_figures(self) -> Mapping[str, Any] | None:
        for question in self.q.questions():
            if question.type is QuestionType.DEPARTEMENT and reported(
                question, self.figures.get(question.name)
            ):
                return self.figures[question.name]
        return None

    @staticmethod
    def _tile_counts(figures: Mapping[str, Any]) -> dict[str, int]:
        return {o["value"]: o["count"] for o in figures.get("options", []) if o.get("count")}

    # ------------------------------------------------------------------ questions

    def question(self, question: Question, figures: Mapping[str, Any]) -> QuestionBlock:
        t = self.t
        ref = question_ref(figures.get("number"), question.name)
        label = figures.get("label") or question.label
        heading = question_heading(figures.get("number"), question.name, label)
        # None here is a hidden (suppressed) answered, not "no answer": figures are marked.
        answered = figures.get("answered")
        n_line = t["n_line"].format(
            answered=self.count(figures.get("answered")),
            shown=self.count(figures.get("shown")),
        )
        notes: list[str] = []
        chart: Chart | None = None
        tables: list[Table] = []
        texts_title = ""
        texts: tuple[tuple[str, str], ...] = ()
        kind = figures["type"]
        caption = t["figures_of"].format(q=ref)
        options = figures.get("options") or []
        if kind == QuestionType.MULTIPLE_CHOICE:
            notes.append(t["multiple_note"])
        if answered == 0:
            notes.append(t["no_answer"])
        elif kind == QuestionType.DEPARTEMENT:
            chart = Chart(
                charts.tile_map(self._tile_counts(figures), title=heading, words=self._chart_words),
                heading,
            )
            tables.extend(self._departement_tables(figures, ref))
        elif figures.get("rows"):
            chart, table = self._grid(figures, heading, caption)
            tables.append(table)
        elif options:
            chart = Chart(
                charts.bar_chart(
                    [(o["label"], o["percent"], o["count"]) for o in options],
                    title=heading,
                    words=self._chart_words,
                    # No "< k" on a hidden bar: a complementary cell may be larger.
                    threshold=None,
                ),
                heading,
            )
            tables.append(self._options_table(figures, caption))
            if kind == QuestionType.RATING:
                tables.append(self._statistics(figures, ref, ("mean", "median")))
        elif kind in (QuestionType.INTEGER, QuestionType.DECIMAL, QuestionType.DATE):
            keys = (
                ("count", "min", "max")
                if kind == QuestionType.DATE
                else ("count", "mean", "median", "min", "max")
            )
            tables.append(self._statistics(figures, ref, keys))
        elif kind in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT):
            notes.append(self.text_count(figures.get("count")))
            texts_title, texts = self._texts(figures.get("texts"), figures, "examples")
        if options and "other_texts" in figures:
            other_title, other = self._texts(figures.get("other_texts"), figures, "other_texts")
            if other:
                texts_title, texts = other_title, other
        if any(o.get("suppressed") for o in options) or figures.get("suppressed"):
            notes.append(self.suppression_note())
        return QuestionBlock(
            name=question.name,
            number=figures.get("number"),
            heading=heading,
            ref=ref,
            type=str(kind),
            n_line=n_line,
            notes=tuple(notes),
            chart=chart,
            tables=tuple(tables),
            texts_title=texts_title,
            texts=texts,
            remarks=tuple(self.by_question.get(question.name, ())),
        )

    def text_count(self, count: int | None) -> str:
        text = npgettext(
            "report annex",
            "{count} réponse en texte libre.",
            "{count} réponses en texte libre.",
            count if count is not None else 2,
        )
        return text.format(count=self.count(count))

    def suppression_note(self) -> str:
        k = self.k or 5
        return self.t["suppression_note"].format(k=k, k_minus=k - 1)

    def _texts(
        self, entries: Sequence[Mapping[str, Any]] | None, figures: Mapping[str, Any], key: str
    ) -> tuple[str, tuple[tuple[str, str], ...]]:
        t = self.t
        if figures.get("texts_withheld") or (entries is None and self.k is not None):
            return (t["texts_withheld"], ()) if key == "examples" else ("", ())
        if not entries:
            return "", ()
        if not self.include_texts:
            # Free texts may name people or places: they are quoted only when the caller
            # says the document stays with staff allowed to read them.
            return (t["texts_hidden"], ()) if key == "examples" else ("", ())
        shown = entries[:MAX_EXAMPLES]
        title = t[key].format(shown=len(shown), distinct=len(entries))
        # The count goes outside the quotation marks: it is ours, not the respondent's.
        quoted = tuple(
            (
                str(e["text"]),
                t["times"].format(count=fmt_int(e["count"], self.lang))
                if (e.get("count") or 0) > 1
                else "",
            )
            for e in shown
        )
        return title, quoted

    def _options_table(self, figures: Mapping[str, Any], caption: str) -> Table:
        t = self.t
        options = figures.get("options") or []
        ranking = figures["type"] == QuestionType.RANKING
        header: tuple[str, ...] = (t["answer"], t["count"], t["percent"])
        if ranking:
            header = (*header, t["mean_rank"], t["first"])
        rows = []
        for o in options:
            row: tuple[str, ...] = (
                str(o["label"]),
                self.count(o["count"], bool(o.get("suppressed"))),
                self.percent(o["percent"], bool(o.get("suppressed"))),
            )
            if ranking:
                row = (
                    *row,
                    self.statistic(o, "mean_rank"),
                    self.count(o.get("first")),
                )
            rows.append(row)
        return Table(caption, header, tuple(rows), (False, *([True] * (len(header) - 1))))

    def _statistics(self, figures: Mapping[str, Any], ref: str, keys: Sequence[str]) -> Table:
        t = self.t
        names = {
            "count": t["answers"],
            "mean": t["mean"],
            "median": t["median"],
            "min": t["minimum"],
            "max": t["maximum"],
        }
        rows = []
        for key in keys:
            value = figures.get(key)
            if key == "count":
                text = self.count(value)
            elif isinstance(value, str):
                text = fmt_date(date.fromisoformat(value), self.lang) if len(value) == 10 else value
            else:
                text = self.statistic(figures, key)
            rows.append((names[key], text))
        return Table(
            t["statistics_of"].format(q=ref), (t["item"], t["value"]), tuple(rows), (False, True)
        )

    def _grid(self, figures: Mapping[str, Any], heading: str, caption: str) -> tuple[Chart, Table]:
        t = self.t
        rows = figures["rows"]
        points = [o for o in rows[0]["options"]] if rows else []
        chart_title = t["grid_chart"].format(label=heading)
        chart = Chart(
            charts.bar_chart(
                [(r["label"], r["mean"], r["answered"]) for r in rows],
                title=chart_title,
                unit="",
                words=self._chart_words,
                # Means drawn against the top of the scale, not against the largest mean,
                # so 3.6 out of 5 does not look like a full bar.
                max_value=float(points[-1]["value"]) if points else None,
                # No "< k" on a hidden bar: a complementary cell may be larger.
                threshold=None,
            ),
            chart_title,
        )
        header = (
            t["row"],
            *(str(p["value"]) for p in points),
            t["answers"],
            t["mean"],
            t["median"],
        )
        body = tuple(
            (
                str(r["label"]),
                *(self.count(o["count"], bool(o.get("suppressed"))) for o in r["options"]),
                self.count(r.get("answered")),
                self.statistic(r, "mean"),
                self.statistic(r, "median"),
            )
            for r in rows
        )
        scale = ""
        if points:
            named = [
                f"{p['value']} = {p['label']}" for p in points if str(p["label"]) != str(p["value"])
            ]
            scale = t["scale"].format(low=points[0]["value"], high=points[-1]["value"])
            if named:
                scale += " (" + pgettext("report annex", " ; ").join(named) + ")"
        table = Table(
            f"{caption}. {scale}" if scale else caption,
            header,
            body,
            (False, *([True] * (len(header) - 1))),
        )
        return chart, table

    def _departement_tables(self, figures: Mapping[str, Any], ref: str) -> list[Table]:
        t = self.t
        tables = []
        regions = [r for r in figures.get("regions") or [] if r.get("count") != 0]
        if regions:
            tables.append(
                Table(
                    f"{t['regions']} ({ref})",
                    (t["region"], t["count"], t["percent"]),
                    tuple(
                        (
                            str(r["name"]),
                            self.count(r["count"], bool(r.get("suppressed"))),
                            self.percent(r["percent"], bool(r.get("suppressed"))),
                        )
                        for r in sorted(regions, key=lambda r: -(r.get("count") or 0))
                    ),
                    (False, True, True),
                )
            )
        # All 101 départements would fill two pages: the table lists the most represented,
        # the map shows every one, and the spreadsheet has them all.
        top = sorted(
            (o for o in figures.get("options") or [] if o.get("count")),
            key=lambda o: -o["count"],
        )[:15]
        if top:
            tables.append(
                Table(
                    f"{t['top_departements']} ({ref})",
                    (t["departement"], t["count"], t["percent"]),
                    tuple(
                        (
                            f"{o['label']} ({o['value']})",
                            self.count(o["count"]),
                            self.percent(o["percent"]),
                        )
                        for o in top
                    ),
                    (False, True, True),
                )
            )
        return tables

    # ------------------------------------------------------------------ parts

    def parts(self) -> tuple[Part, ...]:
        t = self.t
        titles = axis_titles(self.q)
        profile: list[SectionBlock] = []
        axes: dict[int, list[SectionBlock]] = {}
        for section in self.q.sections:
            blocks = tuple(
                self.question(question, self.figures[question.name])
                for question in section.questions
                if reported(question, self.figures.get(question.name))
            )
            if not blocks:
                # Contact details, or information pages: nothing to report.
                continue
            block = SectionBlock(
                name=section.name,
                title=section.title,
                remarks=tuple(self.by_section.get(section.name, ())),
                questions=blocks,
            )
            axis = section_axis(section)
            if axis is None:
                profile.append(block)
            else:
                axes.setdefault(axis, []).append(block)
        parts = []
        if profile:
            parts.append(Part("profil", t["profile"], tuple(profile)))
        for axis in sorted(axes):
            title = t["axis"].format(n=axis)
            if titles.get(axis):
                title = f"{title} – {titles[axis]}"
            parts.append(Part(f"axe-{axis}", title, tuple(axes[axis])))
        return tuple(parts)


def build_document(
    report: Mapping[str, Any],
    q: Questionnaire,
    *,
    remarks: Sequence[Remark],
    lang: str = "fr",
    include_texts: bool = False,
    title: str | None = None,
    generated: datetime | date | None = None,
) -> Document:
    """The plan of the document in ``lang``: every word, date and number is written under
    that language, whatever the language of the page that asked for it."""
    lang = document_lang(lang)
    with translation.override(lang):
        return _build_document(report, q, remarks, lang, include_texts, title, generated)


def _build_document(
    report: Mapping[str, Any],
    q: Questionnaire,
    remarks: Sequence[Remark],
    lang: str,
    include_texts: bool,
    title: str | None,
    generated: datetime | date | None,
) -> Document:
    builder = _Builder(report, q, remarks, lang, include_texts)
    t = builder.t
    days = report_days(report)
    peak = report_peak(report)
    first, last = (days[0][0], days[-1][0]) if days else (None, None)
    facts: list[tuple[str, str]] = [
        (t["campaign"], str(report["campaign"])),
        (t["responses"], builder.count(report["responses"])),
    ]
    if first and last:
        facts.append(
            (
                t["period"],
                t["period_value"].format(first=fmt_date(first, lang), last=fmt_date(last, lang)),
            )
        )
    if peak:
        facts.append(
            (
                t["peak"],
                npgettext(
                    "report annex", "{date} : {count} réponse", "{date} : {count} réponses", peak[1]
                ).format(date=fmt_date(peak[0], lang), count=fmt_int(peak[1], lang)),
            )
        )
    when = generated or timezone.localdate()
    when_day = when.date() if isinstance(when, datetime) else when
    timeline, tables, chart = builder.overview()
    parts = builder.parts()
    return Document(
        lang=lang,
        labels=t,
        title=title or q.title,
        campaign=str(report["campaign"]),
        facts=tuple(facts),
        generated=t["generated"].format(date=fmt_date(when_day, lang)),
        timeline=timeline,
        overview_tables=tables,
        map=chart,
        remarks=tuple(builder.general),
        parts=parts,
        suppression_note=builder.suppression_note() if builder.k is not None else "",
        first_day=first,
        last_day=last,
        peak=peak,
    )
