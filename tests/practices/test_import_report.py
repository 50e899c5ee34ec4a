"""Importing practice sheets from documents: the HCTS report's 21 fiches, and small
invented documents for the boundaries and the fragments the parser cannot place.

The report is read from ../shared (never copied here); its assertions check a few words of
each title and the facts a reader of the report can verify (départements, years).
"""

from __future__ import annotations

import time
from functools import cache
from pathlib import Path

import pytest

from tests.support import shared_path
from vivier.practices.importing import ImportResult, parse_document, read_document
from vivier.practices.importing.places import read_territory
from vivier.sheets.schema import (
    ActorRole,
    PartialDate,
    Stage,
    TerritoryScope,
    Theme,
    from_dict,
    to_dict,
)

CODES = [f"{n}{letter}" for n, letters in
         ((1, "ABCDE"), (2, "ABCD"), (3, "ABC"), (4, "ABC"), (5, "ABCDEF"))
         for letter in letters]  # fmt: skip


@cache
def _report() -> tuple[ImportResult, float]:
    text = read_document(shared_path("seed", "rapport-hcts-pratiques-emergentes.txt"))
    started = time.perf_counter()
    result = parse_document(text)
    elapsed = time.perf_counter() - started
    print(f"import of the report: {elapsed * 1000:.0f} ms")  # shown with -s; no assertion
    return result, elapsed


@pytest.fixture
def report() -> ImportResult:
    return _report()[0]


def sheet(report: ImportResult, code: str):
    return next(s for s in report.sheets if s.code == code)


# --------------------------------------------------------------------------------------------
# The report


def test_exactly_the_21_sheets_in_order(report: ImportResult) -> None:
    assert [s.code for s in report.sheets] == CODES
    # The sheets start at the first fiche, after the chapters' lists of fiches.
    assert report.spans[0][0] > 1900
    assert all(a[1] < b[0] for a, b in zip(report.spans, report.spans[1:], strict=False))


TITLE_WORDS = {
    "1A": ("ARDECHE",),
    "1B": ("NORD",),
    "1C": ("GIRONDE",),
    "1D": ("SEINE-SAINT-DENIS",),  # split over two lines at the hyphen
    "1E": ("IRTS", "FAMILIALES"),
    "2A": ("PROACTIVE", "VIE"),
    "2B": ("MEDIATION", "EMPLOI"),
    "2C": ("PLATEFORME", "EDUCATION"),
    "2D": ("REFERENT DE PARCOURS", "HAUT-RHIN"),
    "3A": ("AMBASSADEURS",),
    "3B": ("ATD QUART MONDE", "CO-FORMATION", "PAUVRETE"),  # four lines
    "3C": ("AURORE", "COMMUNAUTE THERAPEUTIQUE"),
    "4A": ("FLORA",),
    "4B": ("GERS SOLIDAIRE",),
    "4C": ("MISSION INTERFACE",),
    "5A": ("EURE",),
    "5B": ("GIRONDE",),
    "5C": ("ASSISTANCE SOCIALE", "INTERPROFESSIONNELLE"),
    "5D": ("SERVICE SOCIAL", "ELEVES"),
    "5E": ("CAUSE LAWYERING", "SANS SUITE"),
    "5F": ("ECOUTE PARENTS",),
}


@pytest.mark.parametrize("code", CODES)
def test_titles(report: ImportResult, code: str) -> None:
    title = sheet(report, code).title
    for words in TITLE_WORDS[code]:
        assert words in title
    assert not title.startswith("FICHE")
    assert "  " not in title and "- " not in title.replace(" - ", "")


def test_themes_come_from_the_banners(report: ImportResult) -> None:
    expected = {
        "1": Theme.FAMILY_CONFERENCES,
        "2": Theme.OUTREACH,
        "3": Theme.PEER_SUPPORT,
        "4": Theme.NETWORKS_PARTNERSHIP,
        "5": Theme.EMPOWERMENT,
    }
    for s in report.sheets:
        assert s.themes == (expected[s.code[0]],), s.code


DEPARTEMENTS = {
    "1A": ("07",),
    "1B": ("59",),
    "1C": ("33",),  # Gironde, the family-group conferences
    "1D": ("93",),
    "1E": ("66",),
    "2A": ("41",),  # "Loir-et-Cher", not "Cher"
    "2D": ("68",),
    "3A": ("69", "38"),
    "3C": ("24",),  # "Brantôme (Dordogne)"
    "4A": ("78",),  # a list of communes; the title says Yvelines
    "4B": ("32",),
    "4C": ("75",),
    "5A": ("27",),
    "5B": ("33",),
    "5C": ("13",),  # "Bouches-du-Rhône", not "Rhône"
    "5D": ("34",),  # "Bassin de Thau"; the initiators name the DSDEN of Hérault
    "5E": ("93",),
    "5F": ("34",),  # Montpellier
}


@pytest.mark.parametrize("code", sorted(DEPARTEMENTS))
def test_departements(report: ImportResult, code: str) -> None:
    assert sheet(report, code).territory.departements == DEPARTEMENTS[code]


def test_territory_scopes_and_labels(report: ImportResult) -> None:
    assert sheet(report, "3B").territory.scope is TerritoryScope.NATIONAL
    assert sheet(report, "3B").territory.departements == ()
    assert sheet(report, "1C").territory.scope is TerritoryScope.DEPARTEMENTAL
    assert sheet(report, "4A").territory.scope is TerritoryScope.COMMUNAL
    assert len(sheet(report, "4A").territory.communes) == 5
    two_c = sheet(report, "2C").territory
    assert set(two_c.departements) >= {"69", "13"}  # head office in Lyon, a site in Marseille
    # No département can be read for an intercommunality the text does not place: the
    # import says so instead of guessing.
    assert sheet(report, "2B").territory.departements == ()
    assert any(
        w.location.practice == "2B" and "département" in w.message("en") for w in report.warnings
    )


YEARS = {
    "1A": 2014, "1B": 2016, "1C": 2016, "1D": 2019, "1E": 2018, "2A": 2012, "2B": 2020,
    "2C": 2014, "2D": 2020, "3A": 2020, "3B": 2017, "3C": 2007, "4A": 2013, "4B": 2015,
    "4C": 2017, "5A": 2016, "5B": 2012, "5D": 2020, "5E": 2021, "5F": 2016,
}  # fmt: skip


def test_start_years(report: ImportResult) -> None:
    assert {s.code: s.start_year for s in report.sheets if s.start_year} == YEARS
    assert sheet(report, "5C").start_year is None  # the cell is empty in the report
    assert any(
        w.location.practice == "5C" and "start year" in w.message("en") for w in report.warnings
    )
    assert "2007" in sheet(report, "3C").year_text and "Depuis" in sheet(report, "5A").year_text


def test_sections_found_as_often_as_the_template_says(report: ImportResult) -> None:
    counts = {
        name: sum(1 for s in report.sheets if getattr(s, name))
        for name in (
            "definition", "description", "objectives", "funding_text", "references",
            "governance", "participation_text", "deployment", "conditions_text",
            "perspectives", "implementation_review", "results", "evaluation",
        )
    }  # fmt: skip
    assert counts == {
        "definition": 13,
        "description": 21,
        "objectives": 21,
        "funding_text": 21,
        "references": 8,
        "governance": 4,
        "participation_text": 11,
        "deployment": 18,
        "conditions_text": 20,
        "perspectives": 17,
        "implementation_review": 18,
        "results": 21,
        "evaluation": 18,
    }
    # 20 sheets have the genesis heading, and it is empty in 3C.
    assert sum(1 for s in report.sheets if s.genesis) == 19
    assert any(w.location.practice == "3C" and "Genèse" in w.message("en") for w in report.warnings)


def test_heading_words_in_prose_are_not_headings(report: ImportResult) -> None:
    # "Phase 4 : Evaluation…" stays in its list; "- Objectif : …" in the deployment;
    # "Financement ONDAM…" continues the funding.
    assert "Phase 4 : Evaluation" in sheet(report, "3A").conditions_text
    assert "- Objectif" in sheet(report, "5C").deployment
    assert "ONDAM" in sheet(report, "5F").funding_text
    assert not sheet(report, "3A").evaluation.startswith("et modélisation")


def test_page_furniture_footnotes_and_urls(report: ImportResult) -> None:
    # A page number cut a sentence in two: it is gone and the sentence is whole again.
    assert "plus de 2000 professionnels" in sheet(report, "5A").references
    assert "souvent demandeuses" in sheet(report, "4C").evaluation
    # A footnote printed in the middle of a sentence is moved to the sources.
    two_b = sheet(report, "2B")
    assert "réussite pour mettre en œuvre la pratique" in two_b.conditions_text
    assert "https" not in two_b.conditions_text
    assert any("seve-emploi/" in s for s in two_b.sources)  # URL rejoined at its hyphen
    # Its call glued to a word is removed, not the digits of real numbers.
    assert "SEVE 17emploi" not in two_b.description
    # Bare URL lines inside a list go to the sources, once.
    three_c = sheet(report, "3C")
    assert "aurore.asso.fr" not in three_c.description
    assert three_c.sources.count("https://aurore.asso.fr/") == 1
    # The last sheet stops before the annex.
    assert "ANNEXE" not in sheet(report, "5F").evaluation
    for s in report.sheets:
        for text in (s.description, s.evaluation, s.results):
            assert "\n42\n" not in text and "\n100\n" not in text


def test_compound_words_split_at_line_ends_keep_their_hyphen(report: ImportResult) -> None:
    texts = " ".join(s.description + s.genesis + s.deployment for s in report.sheets)
    assert "médico-sociales" in texts
    assert "médicosociales" not in texts


def test_actors_and_publics(report: ImportResult) -> None:
    one_b = [a.name for a in sheet(report, "1B").actors]
    assert len(one_b) == 3 and "Conseil départemental du Nord" in one_b
    two_a = sheet(report, "2A").actors
    assert ActorRole.PARTNER in two_a[-1].roles and "CIDFF" in [a.name for a in two_a]
    one_e = sheet(report, "1E").actors
    assert {a.name for a in one_e if ActorRole.FUNDER in a.roles} >= {"CAF 66", "CD 11"}
    assert len(sheet(report, "5D").publics) == 4


def test_genesis_timeline_and_key_figures(report: ImportResult) -> None:
    one_a = sheet(report, "1A")
    assert [e.date for e in one_a.timeline][:2] == [PartialDate(2002), PartialDate(2014)]
    assert any(e.date == PartialDate(2013, 11, 1) for e in sheet(report, "4A").timeline)
    figures = {(f.value, f.unit) for f in sheet(report, "1C").key_figures}
    assert (23, "professionnels") in figures and (41, "situations") in figures
    five_a = {(f.value, f.unit, f.qualifier) for f in sheet(report, "5A").key_figures}
    assert (2466, "personnes", "") in five_a  # "2 466": thousands written with a space
    assert (2000, "professionnels", "plus de") in five_a  # a count, not the year 2000
    for s in report.sheets:
        for figure in s.key_figures:
            assert figure.source  # every figure keeps the sentence it comes from


def test_multi_practice_sheet(report: ImportResult) -> None:
    five_e = sheet(report, "5E")
    assert five_e.practices[0].name == "LE CAUSE LAWYERING"
    assert "SANS SUITE" in five_e.practices[1].name
    assert all(p.description for p in five_e.practices)
    assert five_e.objectives.startswith("(1)") and "\n\n(2)" in five_e.objectives


def test_nothing_left_unplaced_in_the_report(report: ImportResult) -> None:
    assert report.unplaced == []


def test_imported_sheets_are_valid_json_sheets(report: ImportResult) -> None:
    for s in report.sheets:
        assert from_dict(to_dict(s)) == s
        assert s.stage is None  # a draft: the stage is for a reviewer to set


# --------------------------------------------------------------------------------------------
# Invented documents


INVENTED = """\
Rapport sur des pratiques imaginaires

Les fiches sont à retrouver à la fin du document :
Fiche n°9a : Jardins du quartier des Tilleuls, p. 12
Fiche n°9b : Atelier vélo solidaire, p.
14

 Pouvoir d'agir
FICHE N°9A : JARDINS PARTAGES DU QUARTIER DES TILLEULS A
CHAMBERY-
LE-VIEUX
Territoire Département de la Savoie
Année Depuis 2017
Initiateurs et
acteurs concernés
Centre social des Tilleuls, Ville de Chambéry
Public(s) cible(s) Habitants du quartier,
Familles monoparentales



Un paragraphe égaré avant toute rubrique.

 Descriptif de l'action
Les habitants cultivent des parcelles avec l'aide d'un animateur
co-
financé par la ville.
Objectif visé : créer du lien entre voisins.
 Genèse et émergence de la pratique
- Fin 2016, des habitants demandent un terrain.
- Le 21 mars 2017, première plantation avec 35 familles.

7

- En 2019, ouverture d'un deuxième jardin de 600 m².
Financements : la ville prête le terrain ; budget annuel de 4 500 € en 2020.
 Bilan de la mise en œuvre de la pratique
Une phrase sans rubrique sous le bilan.
Mise en œuvre : tout s'est bien passé.
Effets de la pratique par rapport aux objectifs et attentes : plus de 40 habitants
participent chaque semaine.
 Evaluation
Un questionnaire annuel.
 Aller-vers
FICHE 9B : ATELIER VELO SOLIDAIRE
Territoire Lyon et Villeurbanne
Année 2021
Initiateurs et acteurs concernés Association Roue Libre3
Public(s) cible(s) Jeunes de 16 à 25 ans
 Descriptif de l'action
Un atelier mobile répare les vélos au pied des immeubles.
3 https://example.org/roue-libre
 Objectif : rendre la mobilité accessible.
Financements : aucun coût.
Effets de la pratique par rapport aux objectifs et attentes : 120 vélos réparés.
ANNEXE – QUESTIONNAIRE
Evaluation
Ce texte appartient à l'annexe.
"""


@pytest.fixture
def invented() -> ImportResult:
    return parse_document(INVENTED)


def test_invented_boundaries_skip_the_list_of_sheets(invented: ImportResult) -> None:
    assert [s.code for s in invented.sheets] == ["9A", "9B"]
    first, second = invented.sheets
    assert first.title == "JARDINS PARTAGES DU QUARTIER DES TILLEULS A CHAMBERY-LE-VIEUX"
    assert first.themes == (Theme.EMPOWERMENT,) and second.themes == (Theme.OUTREACH,)
    # The next sheet's banner is not the end of the previous sheet.
    assert "Aller-vers" not in first.evaluation
    assert first.evaluation == "Un questionnaire annuel."
    # The annex after the last sheet belongs to no sheet.
    assert second.evaluation == ""
    assert "annexe" not in " ".join(to_dict(second).__str__().split()).lower()


def test_invented_identification_table(invented: ImportResult) -> None:
    first, second = invented.sheets
    assert first.territory.departements == ("73",)
    assert first.start_year == 2017 and first.year_text == "Depuis 2017"
    assert [a.name for a in first.actors] == ["Centre social des Tilleuls", "Ville de Chambéry"]
    assert first.publics == ("Habitants du quartier", "Familles monoparentales")
    assert second.territory.departements == ("69",)  # Lyon; Villeurbanne is not in the table
    assert [a.name for a in second.actors] == ["Association Roue Libre"]  # footnote call gone


def test_invented_sections_dates_and_figures(invented: ImportResult) -> None:
    first, second = invented.sheets
    assert first.description.endswith("co-financé par la ville.")
    assert first.objectives == "créer du lien entre voisins."
    assert [(e.date, e.date_text) for e in first.timeline] == [
        (PartialDate(2016), "Fin 2016"),
        (PartialDate(2017, 3, 21), "Le 21 mars 2017"),
        (PartialDate(2019), "En 2019"),
    ]
    assert "7" not in first.genesis.split()  # the page number is dropped
    assert first.implementation_review == "tout s'est bien passé."
    figures = {(f.value, f.unit, f.year, f.qualifier) for f in first.key_figures}
    assert (4500, "€", 2020, "") in figures
    assert (35, "familles", 2017, "") in figures
    assert (40, "habitants", None, "plus de") in figures
    assert second.sources[-1] == "3 https://example.org/roue-libre"
    assert second.objectives == "rendre la mobilité accessible."
    assert second.funding_text == "aucun coût."


def test_invented_unplaced_fragments_have_line_numbers(invented: ImportResult) -> None:
    lines = INVENTED.splitlines()
    assert [(u.sheet, u.text) for u in invented.unplaced] == [
        ("9A", "Un paragraphe égaré avant toute rubrique."),
        ("9A", "Une phrase sans rubrique sous le bilan."),
    ]
    for fragment in invented.unplaced:
        assert lines[fragment.line - 1].strip() == fragment.text
    messages = [(w.location.line, w.message("en")) for w in invented.warnings]
    assert any(m.startswith("not placed") for _, m in messages)
    # 9B has no genesis; that is no error, but a missing expected section is reported.
    assert not any(
        w.location.practice == "9B" and "Objectif" in w.message("en") for w in invented.warnings
    )


def test_document_without_sheets() -> None:
    result = parse_document("Un texte sans fiche.\nFiche n°1a : sommaire, p. 3\n")
    assert result.sheets == []
    assert result.warnings[0].message("en").startswith("no sheet found")
    assert result.warnings[0].message("fr").startswith("aucune fiche trouvée")


def test_territory_reading() -> None:
    territory, fallback = read_territory("Rhône et Isère")
    assert territory.departements == ("69", "38") and not fallback
    assert read_territory("Loir-et-Cher")[0].departements == ("41",)
    assert read_territory("Bouches-du-Rhône")[0].departements == ("13",)
    assert read_territory("Gironde (33)")[0].departements == ("33",)
    assert read_territory("National")[0].scope is TerritoryScope.NATIONAL
    # "cher" the adjective is not the département of the Cher.
    assert read_territory("un quartier cher au cœur des habitants")[0].departements == ()
    territory, fallback = read_territory("Bassin de vie", "", "CAF 29 et partenaires")
    assert territory.departements == ("29",) and fallback


def test_read_document_formats(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("FICHE N°7C : UNE FICHE EN WORD")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Territoire", "Finistère"
    table.cell(1, 0).text, table.cell(1, 1).text = "Année", "2019"
    document.add_paragraph(" Descriptif de l’action")
    document.add_paragraph("Une action.")
    path = tmp_path / "fiche.docx"
    document.save(str(path))
    result = parse_document(read_document(path))
    assert [s.code for s in result.sheets] == ["7C"]
    assert result.sheets[0].territory.departements == ("29",)
    assert result.sheets[0].start_year == 2019
    assert result.sheets[0].description == "Une action."

    text_path = tmp_path / "fiche.txt"
    text_path.write_bytes("Année 2019 – é".encode("cp1252"))
    assert read_document(text_path) == "Année 2019 – é"
    with pytest.raises(ValueError, match=r"only \.txt, \.docx and \.pdf"):
        read_document(tmp_path / "fiche.odt")


def test_stage_enum_is_untouched_by_import() -> None:
    # The importer never sets domain judgements (stage, status): a reviewer does.
    assert Stage.EMERGENCE.value == "emergence"


def test_a_real_pdf_of_report_sheets_imports_like_the_text(tmp_path: Path) -> None:
    """The first three sheets of the report, printed to PDF (WeasyPrint), then imported."""
    from html import escape

    from weasyprint import HTML

    lines = shared_path("seed", "rapport-hcts-pratiques-emergentes.txt").read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("FICHE N°1A"))
    end = next(i for i, line in enumerate(lines) if line.startswith("FICHE N°1D"))
    body = "".join(f"<p>{escape(line)}</p>" for line in lines[start:end] if line.strip())
    path = tmp_path / "fiches.pdf"
    HTML(string=f"<html><body>{body}</body></html>").write_pdf(str(path))
    result = parse_document(read_document(path))
    assert [s.code for s in result.sheets] == ["1A", "1B", "1C"]
    assert [s.territory.departements for s in result.sheets] == [("07",), ("59",), ("33",)]
    assert [s.start_year for s in result.sheets] == [2014, 2016, 2016]
    assert result.sheets[2].title.startswith("RETOUR D’EXPERIENCE DU CONSEIL DEPARTEMENTAL")


def test_conditions_are_split_into_success_factors_and_obstacles(report: ImportResult) -> None:
    gironde = sheet(report, "1C")
    kinds = {(c.kind.value, c.category.value if c.category else None) for c in gironde.conditions}
    assert ("success_factor", "soutien_politique") in kinds
    obstacles = [c.text for c in gironde.conditions if c.kind.value == "obstacle"]
    assert obstacles and obstacles[0].startswith("Parmi les freins")
    # Every condition is a sentence of the section: nothing is invented.
    for practice in report.sheets:
        for condition in practice.conditions:
            assert condition.text in practice.conditions_text
    assert sum(len(s.conditions) for s in report.sheets) >= 20
