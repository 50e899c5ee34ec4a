"""The coding of free texts in the campaign's report, in every format, and on the dashboard.

An analyst reviews a quote and finds it in the PDF report (the issue's "done means"); the
part holds the frequencies and the typology with their N; a publication hides small
counts; a campaign with nothing coded has no such part, not an empty one. Each format is
read back as other software would: JSON, an HTML parser, pypdf, python-docx, openpyxl, csv.
"""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

import pytest

from tests.coding.test_results import coded_campaign, review
from vivier.reports.rendering import render_report

pytestmark = pytest.mark.django_db

QUOTE = "On va vers [Personne 1] au marché du samedi."


@pytest.fixture
def coded(analyst_axel):
    found = coded_campaign(analyst_axel)
    review(found, "s1", "A", QUOTE)
    review(found, "s3", "B", "Pas encore vérifiée par personne.", reviewed=False)
    return found


@pytest.fixture
def uncoded(analyst_axel):
    return coded_campaign(analyst_axel, slug="vierge", code=False)


class _Text(HTMLParser):
    """The text of an HTML page, and the ids of its elements."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.ids.update(value for name, value in attrs if name == "id" and value)

    def handle_data(self, data):
        self.parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


def html_of(body: bytes) -> _Text:
    parser = _Text()
    parser.feed(body.decode("utf-8"))
    return parser


def spaced(text: str) -> str:
    # Numbers are written with narrow no-break spaces; read them as spaces.
    return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def test_the_json_report_has_the_coding_part(coded):
    report = json.loads(render_report(coded.campaign, "json"))
    part = report["coding"]
    assert part["rule"]["closed_rounds"] == "any_coder"
    nom = part["questions"][0]
    assert (nom["n"], [(c["name"], c["count"]) for c in nom["codes"]]) == (
        4,
        [("Aller vers", 3), ("Pair-aidance", 2), ("Lieu convivial", 2)],
    )
    assert part["typologies"][0]["n"] == 5
    assert [q["text"] for q in part["quotes"]] == [QUOTE]


def test_the_html_report_shows_tables_with_their_n_and_the_reviewed_quote(coded):
    page = html_of(render_report(coded.campaign, "html", lang="fr"))
    assert {"codage", "codage-frequences", "codage-typologies", "codage-citations"} <= page.ids
    text = spaced(page.text)
    assert "Codage des textes libres" in text
    assert "N = 4 textes codés (sur 6)" in text
    assert "N = 5 textes classés dans cette typologie" in text
    assert "Typologie « Types de pratiques »" in text
    assert "Aller vers 3 75,0 %" in text
    assert QUOTE in text
    assert "Pas encore vérifiée" not in text
    # The rule of which codes count is said.
    assert "dès qu’un des codeurs l’a donné" in text


def test_an_analyst_reviews_a_quote_and_finds_it_in_the_pdf(coded):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(render_report(coded.campaign, "pdf", lang="fr")))
    text = spaced(" ".join(page.extract_text() for page in reader.pages))
    assert "Codage des textes libres" in text
    assert "Typologie « Types de pratiques »" in text
    assert "N = 4 textes codés (sur 6)" in text
    assert QUOTE in text
    assert "Pas encore vérifiée" not in text


def test_the_docx_report_has_the_part_with_headings_and_tables(coded):
    import docx

    document = docx.Document(io.BytesIO(render_report(coded.campaign, "docx", lang="fr")))
    headings = {p.text for p in document.paragraphs if p.style.name.startswith("Heading")}
    assert {"Codage des textes libres", "Fréquence des codes par question", "Citations"} <= headings
    texts = [p.text for p in document.paragraphs]
    assert any(QUOTE in t for t in texts)
    cells = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    assert ["Aller vers", "3", "75,0 %"] in [[spaced(c) for c in row] for row in cells]


def test_the_xlsx_report_has_the_coding_and_quotes_sheets(coded):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(render_report(coded.campaign, "xlsx", lang="fr")))
    assert {"Codage", "Citations"} <= set(book.sheetnames)
    rows = list(book["Codage"].iter_rows(values_only=True))
    # Numbers stay numbers: the count, the share, N and the question's texts.
    assert (
        "Fréquence des codes par question",
        "nom",
        "Son nom",
        "Aller vers",
        3,
        75.0,
        4,
        6,
    ) in rows
    assert any(r[0] == "Typologies" and r[3] == "Lieu convivial" and r[4] == 3 for r in rows)
    quotes = list(book["Citations"].iter_rows(values_only=True))
    assert ("Aller vers", "nom", QUOTE) in quotes


def test_the_csv_report_has_a_line_per_code(coded):
    body = render_report(coded.campaign, "csv", lang="fr").decode("utf-8-sig")
    lines = [
        line for line in csv.DictReader(io.StringIO(body)) if line["part"].startswith("coding")
    ]
    first = lines[0]
    assert (first["part"], first["name"], first["option"], first["count"], first["answered"]) == (
        "coding_question",
        "nom",
        "Aller vers",
        "3",
        "4",
    )
    assert any(line["part"] == "coding_typology" for line in lines)


def test_a_publication_hides_the_small_counts_in_every_format(coded):
    report = json.loads(render_report(coded.campaign, "json", publication=True))
    nom = report["coding"]["questions"][0]
    # Every count of the example is under 5.
    assert all(c["count"] is None and c["suppressed"] for c in nom["codes"])
    assert report["coding"]["suppression"] == {"k": 5}
    text = spaced(html_of(render_report(coded.campaign, "html", publication=True)).text)
    assert "Aller vers s s" in text
    # The reviewed quote is an analyst's choice: a publication keeps it.
    assert QUOTE in text


def test_a_campaign_with_nothing_coded_has_no_coding_part(uncoded):
    report = json.loads(render_report(uncoded.campaign, "json"))
    assert "coding" not in report
    page = html_of(render_report(uncoded.campaign, "html", lang="fr"))
    assert "codage" not in page.ids
    assert "Codage des textes libres" not in page.text
    import docx
    from openpyxl import load_workbook

    document = docx.Document(io.BytesIO(render_report(uncoded.campaign, "docx", lang="fr")))
    assert "Codage des textes libres" not in {p.text for p in document.paragraphs}
    book = load_workbook(io.BytesIO(render_report(uncoded.campaign, "xlsx", lang="fr")))
    assert "Codage" not in book.sheetnames


def test_the_report_speaks_english_when_asked(coded):
    text = spaced(html_of(render_report(coded.campaign, "html", lang="en")).text)
    assert "Coding of free texts" in text
    assert "N = 4 coded texts (out of 6)" in text


# -- The dashboard ---------------------------------------------------------------------------------


def test_the_dashboard_shows_the_top_codes_and_links_to_the_coding(coded, analyst_axel_client):
    page = analyst_axel_client.get(f"/staff/campagnes/{coded.campaign.slug}/analyse/")
    assert page.status_code == 200
    body = page.content.decode()
    assert 'id="coding-block"' in body
    assert "Aller vers : 3" in body
    assert f'href="/codage/{coded.campaign.slug}/resultats/"' in body


def test_the_dashboard_has_no_block_without_coding(uncoded, analyst_axel_client):
    page = analyst_axel_client.get(f"/staff/campagnes/{uncoded.campaign.slug}/analyse/")
    assert page.status_code == 200
    assert 'id="coding-block"' not in page.content.decode()


# -- Cross-tabulations with the respondents' profile and co-occurrence ---------------------------


def test_the_json_report_crosses_codes_with_the_profile_and_lists_pairs(coded):
    part = json.loads(render_report(coded.campaign, "json"))["coding"]
    # The small questionnaire's first required single choice shown to all: "role".
    assert part["profile"] == {"question": "role", "ref": "role", "label": "Vous êtes"}
    (nom,) = part["crosstabs"]
    assert (nom["key"], nom["n"], nom["unanswered"]) == ("nom", 4, 0)
    assert [(c["value"], c["n"]) for c in nom["columns"]] == [("pro", 2), ("pc", 1), ("other", 1)]
    cells = {
        row["name"]: [(c["count"], c["percent"]) for c in row["counts"]] for row in nom["codes"]
    }
    assert cells == {
        "Aller vers": [(2, 100.0), (0, 0.0), (1, 100.0)],
        "Pair-aidance": [(1, 50.0), (1, 100.0), (0, 0.0)],
        "Lieu convivial": [(0, 0.0), (1, 100.0), (1, 100.0)],
    }
    # Pairs over every coded text (the note n1 included): N = 5, each pair once.
    assert part["cooccurrence"]["n"] == 5
    assert [(p["names"], p["count"], p["percent"]) for p in part["cooccurrence"]["pairs"]] == [
        (["Aller vers", "Pair-aidance"], 1, 20.0),
        (["Aller vers", "Lieu convivial"], 1, 20.0),
        (["Pair-aidance", "Lieu convivial"], 1, 20.0),
        (["Lieu convivial", "Déclencheur"], 1, 20.0),
    ]
    assert part["cooccurrence"]["pairs"][0]["codes"] == [
        str(coded.codes["A"].guid),
        str(coded.codes["B"].guid),
    ]


def test_the_hcts_profile_question_is_q1(hcts_campaign):
    from vivier.coding.results import profile_question

    found = profile_question(hcts_campaign.questionnaire.questionnaire())
    assert found is not None and found.name == "q1"


def test_a_questionnaire_without_such_a_question_has_no_crosstab():
    from tests.support import small_questionnaire
    from vivier.coding.results import profile_question

    q = small_questionnaire()
    assert profile_question(q).name == "role"
    from dataclasses import replace

    profil = replace(q.sections[0], relevant="${x} = 'y'")
    assert profile_question(replace(q, sections=(profil, *q.sections[1:]))) is None


def test_html_and_pdf_show_the_crosstab_and_the_pairs(coded):
    from pypdf import PdfReader

    page = html_of(render_report(coded.campaign, "html", lang="fr"))
    assert {"codage-croisements", "codage-cooccurrences"} <= page.ids
    text = spaced(page.text)
    assert "Codes des textes de nom selon role" in text
    assert "Professionnel (N = 2)" in text
    assert "Aller vers 2 (100,0 %) 0 (0,0 %) 1 (100,0 %) 3" in text
    assert "Codes donnés ensemble" in text
    assert "Aller vers Pair-aidance 1 20,0 %" in text
    reader = PdfReader(io.BytesIO(render_report(coded.campaign, "pdf", lang="fr")))
    pdf = spaced(" ".join(p.extract_text() for p in reader.pages))
    assert "Codes selon le profil des répondants" in pdf
    assert "Professionnel (N = 2)" in pdf
    assert "Codes donnés ensemble" in pdf


def test_docx_and_xlsx_have_the_crosstab_and_the_pairs(coded):
    import docx
    from openpyxl import load_workbook

    document = docx.Document(io.BytesIO(render_report(coded.campaign, "docx", lang="fr")))
    headings = {p.text for p in document.paragraphs if p.style.name.startswith("Heading")}
    assert {"Codes selon le profil des répondants", "Codes donnés ensemble"} <= headings
    cells = [[spaced(c.text) for c in row.cells] for table in document.tables for row in table.rows]
    assert ["Aller vers", "2 (100,0 %)", "0 (0,0 %)", "1 (100,0 %)", "3"] in cells
    assert ["Aller vers", "Pair-aidance", "1", "20,0 %"] in cells
    book = load_workbook(io.BytesIO(render_report(coded.campaign, "xlsx", lang="fr")))
    crossed = list(book["Croisements"].iter_rows(values_only=True))
    assert ("nom", "Son nom", "Professionnel", 2, "Aller vers", 2, 100.0) in crossed
    pairs = list(book["Cooccurrences"].iter_rows(values_only=True))
    assert ("Aller vers", "Pair-aidance", 1, 20.0, 5) in pairs


def test_a_publication_hides_the_small_cells_of_the_new_tables(coded):
    part = json.loads(render_report(coded.campaign, "json", publication=True))["coding"]
    # Every column has fewer than 5 texts: hidden whole; every pair is under 5.
    (nom,) = part["crosstabs"]
    assert all(c["n"] is None and c["suppressed"] for c in nom["columns"])
    assert all(
        cell["count"] is None and cell["percent"] is None
        for row in nom["codes"]
        for cell in row["counts"]
    )
    assert all(p["count"] is None and p["percent"] is None for p in part["cooccurrence"]["pairs"])
    text = spaced(html_of(render_report(coded.campaign, "html", publication=True)).text)
    assert "Professionnel (N = s)" in text
    assert "Aller vers Pair-aidance s s" in text
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(render_report(coded.campaign, "xlsx", publication=True)))
    crossed = list(book["Croisements"].iter_rows(values_only=True))
    assert not any(isinstance(value, int) and 0 < value < 5 for row in crossed for value in row)
