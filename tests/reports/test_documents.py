"""The annex-style report in its four formats, drawn from the 1,771-response HCTS demo.

Each format is rendered once per module (fixtures), then read back with the tool a reader's
software would use: an HTML parser, pypdf, python-docx, openpyxl.
"""

from __future__ import annotations

import copy
import io
import time
from html.parser import HTMLParser
from typing import Any

import pytest
from django.utils import formats

from tests.analysis import support
from vivier.analysis import build_report, build_table, suppress
from vivier.reports.documents import FORMATS, Remark, render
from vivier.surveys.questionnaires import hcts_2020
from vivier.surveys.schema import Questionnaire

REMARKS = [
    Remark(None, "ATTENTION", "Lecture des réponses agrégées seulement, pas réponse par réponse."),
    Remark("q1", "ATTENTION", "Peu de personnes concernées : prévoir des entretiens."),
    Remark("q14", "ANALYSE", "Plus de la moitié des professionnels connaît une pratique."),
    Remark("q14", "CONCLUSION", "La question trie bien la suite du questionnaire."),
    Remark("q23", "SUGGESTION", "Croiser avec le type de structure (Q12)."),
    Remark(None, "ANALYSE", "Ces questions se lisent ensemble.", section="inspiration"),
    Remark("q12", "ANALYSE", '=HYPERLINK("http://example.org")'),
]
KIND_LABELS = {
    "ANALYSE": "Analyse",
    "CONCLUSION": "Conclusion",
    "SUGGESTION": "Suggestion",
    "ATTENTION": "Attention",
}
#: Label given to one option in the XLSX run: it must stay text, never become a formula.
INJECTED = "=1+1"


@pytest.fixture(scope="module")
def hcts() -> tuple[Questionnaire, dict[str, Any]]:
    return support.hcts_demo_report()


@pytest.fixture(scope="module")
def rendered(hcts: tuple[Questionnaire, dict[str, Any]]) -> dict[str, tuple[bytes, float]]:
    """Each format once, with the time it took (reported by ``make bench``, never asserted)."""
    q, report = hcts
    results: dict[str, tuple[bytes, float]] = {}
    for fmt in FORMATS:
        source = report
        if fmt == "xlsx":
            source = copy.deepcopy(report)
            q12 = next(f for f in source["questions"] if f["name"] == "q12")
            q12["options"][0]["label"] = INJECTED
        start = time.perf_counter()
        data = render(source, q, remarks=REMARKS, fmt=fmt, include_texts=True)
        results[fmt] = (data, time.perf_counter() - start)
    return results


def reported_numbers(q: Questionnaire) -> list[int]:
    return [
        question.number
        for question in q.questions()
        if question.number is not None and question.answerable and not question.personal_data
    ]


# --------------------------------------------------------------------------- HTML


class Outline(HTMLParser):
    """What a screen reader user navigates by: language, headings, tables, notes."""

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.headings: list[tuple[str, str]] = []
        self.tables = 0
        self.captions = 0
        self.header_cells_without_scope = 0
        self.notes: list[str] = []
        self._heading: str | None = None
        self._text: list[str] = []
        self._in_note = 0
        self._note_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang")
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading, self._text = tag, []
        elif tag == "table":
            self.tables += 1
        elif tag == "caption":
            self.captions += 1
        elif tag == "th" and "scope" not in attributes:
            self.header_cells_without_scope += 1
        if attributes.get("role") == "note":
            self._in_note, self._note_text = 1, []
        elif self._in_note and tag == "div":
            self._in_note += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == self._heading:
            self.headings.append((tag, " ".join("".join(self._text).split())))
            self._heading = None
        if self._in_note and tag == "div":
            self._in_note -= 1
            if not self._in_note:
                self.notes.append(" ".join("".join(self._note_text).split()))

    def handle_data(self, data: str) -> None:
        if self._heading:
            self._text.append(data)
        if self._in_note:
            self._note_text.append(data)


@pytest.fixture(scope="module")
def outline(rendered: dict[str, tuple[bytes, float]]) -> Outline:
    parser = Outline()
    parser.feed(rendered["html"][0].decode())
    return parser


def test_html_is_a_standalone_page_with_one_title(
    rendered: dict[str, tuple[bytes, float]], outline: Outline
) -> None:
    html = rendered["html"][0].decode()
    assert html.startswith("<!DOCTYPE html>")
    assert outline.lang == "fr"
    assert [h for h in outline.headings if h[0] == "h1"] == [
        ("h1", "Les pratiques professionnelles émergentes en travail social (HCTS, 2020)")
    ]
    # Nothing fetched: styles and charts are inside the page.
    assert "<link" not in html and "<script" not in html and "<svg" in html


def test_html_questions_follow_the_questionnaire(
    hcts: tuple[Questionnaire, dict[str, Any]], outline: Outline
) -> None:
    q, _ = hcts
    questions = [text for tag, text in outline.headings if tag == "h4"]
    assert [int(text.split(".")[0][1:]) for text in questions] == reported_numbers(q)
    assert "Q14. Connaissez-vous au moins une pratique émergente ?" in questions
    parts = [text for tag, text in outline.headings if tag == "h2"]
    assert parts[2] == "Profil des répondants"
    assert [p.split(" – ")[0] for p in parts[3:]] == ["Axe 1", "Axe 2", "Axe 3", "Axe 4"]


def test_html_heading_levels_never_skip(outline: Outline) -> None:
    level = 0
    for tag, _ in outline.headings:
        assert int(tag[1]) <= level + 1, tag
        level = int(tag[1])


def test_html_tables_have_captions_and_scoped_headers(outline: Outline) -> None:
    assert outline.tables > 40
    assert outline.captions == outline.tables
    assert outline.header_cells_without_scope == 0


def test_html_shows_each_remark_with_its_word_label(outline: Outline) -> None:
    for kind, label in KIND_LABELS.items():
        texts = [r.text for r in REMARKS if r.kind == kind]
        for text in texts:
            assert any(
                note.startswith(f"{_symbol(kind)} {label}") and text in note
                for note in outline.notes
            ), (
                kind,
                text,
            )


def _symbol(kind: str) -> str:
    from vivier.reports.documents.common import REMARK_SYMBOLS

    return REMARK_SYMBOLS[kind]


def test_html_numbers_and_notes(rendered: dict[str, tuple[bytes, float]]) -> None:
    html = rendered["html"][0].decode()
    # Thousands grouped with the separator of Django's French formats (a no-break space).
    sep = formats.get_format("THOUSAND_SEPARATOR", lang="fr")
    assert sep in ("\u00a0", "\u202f")
    assert f"N = 1{sep}301 répondants (question posée à 1{sep}752)" in html
    assert "Plusieurs réponses possibles : le total dépasse 100 %." in html
    assert "du 27 juillet 2020 au 23 septembre 2020" in html
    # Contact details are personal data: never in the report.
    assert "Votre adresse électronique" not in html
    assert "Pour vous recontacter" not in html


def test_free_texts_only_on_request(hcts: tuple[Questionnaire, dict[str, Any]]) -> None:
    q, report = hcts
    quoted = render(report, q, remarks=[], fmt="html", include_texts=True).decode()
    hidden = render(report, q, remarks=[], fmt="html").decode()
    assert "Animatrice socioculturelle" in quoted
    assert "Animatrice socioculturelle" not in hidden
    assert "peuvent contenir des données personnelles" in hidden


def test_published_report_hides_small_counts(hcts: tuple[Questionnaire, dict[str, Any]]) -> None:
    q, report = hcts
    html = render(suppress(report, k=5), q, remarks=[], fmt="html", include_texts=True).decode()
    assert '<td class="num">s</td>' in html
    assert "Secret statistique (« s »)" in html
    assert "Animatrice socioculturelle" not in html


def test_english_page_and_unknown_format(hcts: tuple[Questionnaire, dict[str, Any]]) -> None:
    q, report = hcts
    html = render(report, q, remarks=[], fmt="html", lang="en").decode()
    assert '<html lang="en">' in html
    assert "N = 1,301 respondents (question asked to 1,752)" in html
    with pytest.raises(ValueError):
        render(report, q, remarks=[], fmt="odt")
    with pytest.raises(ValueError):
        Remark("q1", "NOTE", "unknown kind")


# --------------------------------------------------------------------------- PDF


def test_pdf_pages_and_text(rendered: dict[str, tuple[bytes, float]]) -> None:
    from pypdf import PdfReader

    data, _seconds = rendered["pdf"]
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) > 5
    text = "\n".join(page.extract_text() for page in reader.pages)
    # Text extraction renders the gaps between words as narrow or no-break spaces depending
    # on the pypdf release and the fonts: read them as the spaces they stand for.
    text = text.replace("\u202f", " ").replace("\u00a0", " ")
    assert "Q14" in text
    assert f"page 2 / {len(reader.pages)}" in text


# --------------------------------------------------------------------------- DOCX


def test_docx_headings_pictures_and_remarks(
    hcts: tuple[Questionnaire, dict[str, Any]], rendered: dict[str, tuple[bytes, float]]
) -> None:
    import docx

    q, _ = hcts
    document = docx.Document(io.BytesIO(rendered["docx"][0]))
    by_style: dict[str, list[str]] = {}
    for paragraph in document.paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
    assert [h.split(" – ")[0] for h in by_style["Heading 1"] if h.startswith("Axe")] == [
        "Axe 1",
        "Axe 2",
        "Axe 3",
        "Axe 4",
    ]
    assert "Profil des répondants" in by_style["Heading 1"]
    assert "Ce qui vous a inspiré" in by_style["Heading 2"]
    questions = by_style["Heading 3"]
    assert [int(text.split(".")[0][1:]) for text in questions] == reported_numbers(q)
    assert len(document.inline_shapes) > 40
    bold_labels = {
        run.text
        for table in document.tables
        for cell in table._cells
        for paragraph in cell.paragraphs
        for run in paragraph.runs
        if run.bold
    }
    for kind, label in KIND_LABELS.items():
        assert f"{_symbol(kind)} {label.upper()}" in bold_labels


# --------------------------------------------------------------------------- XLSX


def test_xlsx_sheets_figures_and_inert_text(
    hcts: tuple[Questionnaire, dict[str, Any]], rendered: dict[str, tuple[bytes, float]]
) -> None:
    from openpyxl import load_workbook

    _, report = hcts
    workbook = load_workbook(io.BytesIO(rendered["xlsx"][0]))
    assert workbook.sheetnames == ["Synthèse", "Par jour", "Questions", "Remarques"]

    summary = {row[0]: row[1] for row in workbook["Synthèse"].iter_rows(values_only=True)}
    assert summary["Réponses"] == 1771
    per_day = list(workbook["Par jour"].iter_rows(min_row=2, values_only=True))
    assert len(per_day) == len(report["per_day"])
    assert sum(count for _, count in per_day) == 1771

    sheet = workbook["Questions"]
    header = [cell.value for cell in sheet[1]]
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    rows = [
        dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)
    ]
    q14 = next(f for f in report["questions"] if f["name"] == "q14")
    got = [
        (r["Code"], r["Nombre"], r["%"], r["N répondants"], r["N question posée"])
        for r in rows
        if r["Nom"] == "q14"
    ]
    assert got == [
        (o["value"], o["count"], o["percent"], q14["answered"], q14["shown"])
        for o in q14["options"]
    ]
    assert not any(r["Nom"] in ("q74", "q75") for r in rows)

    injected = [cell for row in sheet.iter_rows() for cell in row if cell.value == INJECTED]
    assert injected and all(cell.data_type == "s" for cell in injected)
    remarks = workbook["Remarques"]
    formula_like = [
        cell
        for row in remarks.iter_rows(min_row=2)
        for cell in row
        if str(cell.value).startswith("=")
    ]
    assert formula_like and all(cell.data_type == "s" for cell in formula_like)
    assert remarks.max_row == len(REMARKS) + 1


def test_user_text_is_escaped(hcts: tuple[Questionnaire, dict[str, Any]]) -> None:
    q, report = hcts
    remarks = [Remark("q1", "ANALYSE", "<script>alert(1)</script>")]
    html = render(report, q, remarks=remarks, fmt="html").decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_campaign_without_responses_still_renders(fmt: str) -> None:
    q = hcts_2020.build()
    report = build_report(q, build_table(q, []), campaign="vide")
    data = render(suppress(report), q, remarks=[Remark(None, "ATTENTION", "Rien encore.")], fmt=fmt)
    assert len(data) > 1000
