"""Importing measurements from a CSV file: all or nothing, every problem with its file, row
and column, bounded in size."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.evaluation.test_measurements import make_plan, record
from vivier.evaluation import measurement_imports, measurements
from vivier.evaluation.models import Measurement

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(holder_hugo):
    return make_plan(holder_hugo)


def run(plan, text: str, submit: bool = False, author=None):
    return measurement_imports.import_csv(plan, text.encode(), "valeurs.csv", author, submit=submit)


def described(result) -> list[str]:
    return [found.describe("fr") for found in result.diagnostics]


def test_every_kind_of_value_is_imported_as_a_draft(plan, holder_hugo):
    result = run(
        plan,
        "indicator;period;value;numerator;denominator;narrative;dimension;category\n"
        "accompagnes;2024;1 250;;;;;\n"
        "accompagnes;2024;30;;;;public;jeunes\n"
        "relogement;2024;;45;90;;;\n"
        "ressenti;2024;;;;On m’écoute enfin.;;\n"
        "visites;2024-T2;12;;;;;\n",
        author=holder_hugo,
    )
    assert result.errors == [] and result.stored == 5
    rows = Measurement.objects.order_by("indicator", "dimension")
    assert [(r.indicator, r.period, r.state, r.entered_by) for r in rows] == [
        ("accompagnes", "2024", "draft", holder_hugo),
        ("accompagnes", "2024", "draft", holder_hugo),
        ("relogement", "2024", "draft", holder_hugo),
        ("ressenti", "2024", "draft", holder_hugo),
        ("visites", "2024-T2", "draft", holder_hugo),
    ]
    assert rows[0].value == Decimal(1250) and rows[1].category == "jeunes"
    assert rows[3].narrative == "On m’écoute enfin."


def test_values_may_arrive_submitted(plan):
    result = run(plan, "indicator,period,value\naccompagnes,2024,110\n", submit=True)
    assert result.stored == 1
    row = Measurement.objects.get()
    assert row.state == "submitted" and row.submitted_at is not None


def test_french_headings_are_read_too(plan):
    result = run(plan, "Indicateur;Période;Valeur\naccompagnes;2024;110\n")
    assert result.errors == [] and result.stored == 1


def test_one_problem_stores_nothing_and_every_problem_has_its_place(plan):
    result = run(
        plan,
        "indicator,period,value,numerator,denominator\n"
        "accompagnes,2024,110,,\n"
        "inconnu,2024,3,,\n"
        "accompagnes,2025-T1,3,,\n"
        "relogement,2024,,4,0\n"
        "accompagnes,2024,120,,\n",
    )
    assert result.stored == 0 and not Measurement.objects.exists()
    assert described(result) == [
        "fichier « valeurs.csv », ligne 3, colonne « indicator » : « inconnu » n’est pas un "
        "indicateur du plan : indicateurs du plan « accompagnes », « relogement », "
        "« ressenti », « visites »",
        "fichier « valeurs.csv », ligne 4, colonne « period » : « 2025-T1 » ne convient pas : "
        "cet indicateur est suivi par année, par exemple 2024",
        "fichier « valeurs.csv », ligne 5, colonne « denominator » : le dénominateur vaut 0 : "
        "le taux ne peut pas être calculé",
        "fichier « valeurs.csv », ligne 6 : la ligne 2 donne déjà une valeur pour cet "
        "indicateur, cette période et cette catégorie",
    ]
    assert [found.code for found in result.errors] == [
        "MEASURE_INDICATOR_UNKNOWN",
        "MEASURE_PERIOD_FREQUENCY",
        "MEASURE_DENOMINATOR_ZERO",
        "MEASURE_ROW_REPEATED",
    ]


def test_problems_are_said_in_english_too(plan):
    result = run(plan, "indicator,period,value\naccompagnes,2024,douze\n")
    assert result.diagnostics[0].describe("en") == (
        "file 'valeurs.csv', row 2, column 'value': a number in personnes is expected, for "
        "example 12 personnes (read: 'douze')"
    )


def test_a_missing_column_refuses_the_file_and_an_unknown_one_is_ignored(plan):
    result = run(plan, "indicator,value\naccompagnes,3\n")
    assert [found.code for found in result.errors] == ["MEASURE_COLUMN_MISSING"]
    assert "la colonne « period » manque" in described(result)[0]
    result = run(plan, "indicator,period,value,remarque\naccompagnes,2024,3,bien\n")
    assert result.stored == 1
    assert [found.code for found in result.warnings] == ["MEASURE_COLUMN_UNKNOWN"]
    assert described(result)[0].startswith("fichier « valeurs.csv », colonne « remarque »")


def test_locked_periods_and_values_already_sent_refuse_the_file(plan, evaluator_eva):
    measurements.submit(record(plan, value="110"), None)
    result = run(plan, "indicator,period,value\naccompagnes,2024,3\naccompagnes,2025,4\n")
    assert result.stored == 0
    assert described(result) == [
        "fichier « valeurs.csv », ligne 2, colonne « period » : la valeur de cette période est "
        "déjà soumise : elle ne peut plus être remplacée"
    ]
    measurements.lock(plan, "2025", evaluator_eva)
    result = run(plan, "indicator,period,value\naccompagnes,2025,4\n")
    assert described(result) == [
        "fichier « valeurs.csv », ligne 2, colonne « period » : la période 2025 est close : "
        "aucune valeur ne peut y être ajoutée ou modifiée"
    ]
    assert Measurement.objects.count() == 1


def test_a_draft_is_replaced_by_the_imported_value(plan):
    row = record(plan, value="110")
    assert run(plan, "indicator,period,value\naccompagnes,2024,115\n").stored == 1
    assert Measurement.objects.get().pk == row.pk
    assert Measurement.objects.get().value == Decimal(115)


def test_the_size_and_the_rows_are_bounded(plan, monkeypatch):
    monkeypatch.setattr(measurement_imports, "MAX_BYTES", 40)
    result = run(plan, "indicator,period,value\n" + "accompagnes,2024,1\n" * 3)
    assert [found.code for found in result.errors] == ["FILE_TOO_BIG"]
    monkeypatch.setattr(measurement_imports, "MAX_BYTES", 2_000_000)
    monkeypatch.setattr(measurement_imports, "MAX_ROWS", 2)
    result = run(plan, "indicator,period,value\n" + "accompagnes,2024,1\n" * 3)
    assert [found.code for found in result.errors] == ["MEASURE_TOO_MANY_ROWS"]
    assert not Measurement.objects.exists()


def test_an_empty_file_or_one_of_headings_only_is_said(plan):
    assert [found.code for found in run(plan, "").errors] == ["CSV_EMPTY"]
    assert [found.code for found in run(plan, "indicator,period\n").errors] == ["CSV_EMPTY"]


def test_a_spreadsheet_formula_or_control_characters_are_kept_as_text(plan):
    result = run(plan, "indicator,period,narrative\nressenti,2024,=1+1\x01 bien\n")
    assert result.stored == 1
    assert Measurement.objects.get().narrative == "=1+1 bien"
