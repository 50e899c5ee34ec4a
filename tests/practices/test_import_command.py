"""`vivier practices import` turns the report into 21 draft sheets for review."""

import pytest

from tests.support import shared_path
from vivier.__main__ import main
from vivier.practices.models import Practice

pytestmark = pytest.mark.django_db


def test_importing_the_report_creates_its_21_sheets_as_drafts(capsys):
    report = shared_path("seed", "rapport-hcts-pratiques-emergentes.txt")
    assert main(["practices", "import", str(report)]) == 0
    out = capsys.readouterr().out
    assert "21 draft sheet(s) created" in out
    drafts = Practice.objects.filter(state="draft")
    assert drafts.count() == 21
    assert sorted(drafts.values_list("code", flat=True))[:3] == ["1A", "1B", "1C"]
    gironde = drafts.get(code="1C")
    assert "33" in gironde.sheet().territory.departements
    assert gironde.versions.get().note.startswith("importée depuis")


def test_importing_the_report_again_adds_nothing_and_names_the_sheets_skipped(capsys):
    report = shared_path("seed", "rapport-hcts-pratiques-emergentes.txt")
    assert main(["practices", "import", str(report)]) == 0
    capsys.readouterr()
    assert main(["practices", "import", str(report)]) == 0
    out = capsys.readouterr().out
    assert "0 draft sheet(s) created" in out
    assert "already in the registry, not imported again: 1A, 1B" in out
    assert Practice.objects.count() == 21


def test_an_unsupported_document_is_refused_by_name(tmp_path, capsys):
    path = tmp_path / "fiches.odt"
    path.write_text("x")
    assert main(["practices", "import", str(path)]) == 1
    assert "fiches.odt" in capsys.readouterr().err
    assert not Practice.objects.exists()


def test_a_missing_file_is_named(tmp_path, capsys):
    assert main(["practices", "import", str(tmp_path / "absent.txt")]) == 1
    assert "absent.txt: no such file" in capsys.readouterr().err


def test_the_open_data_export_lists_published_sheets_only(tmp_path):
    from vivier.practices import registry
    from vivier.sheets.schema import Sheet

    shown = registry.save_sheet(Sheet(title="Cafés des parents"))
    for state in ("validated", "published"):
        registry.move(shown, state)
    registry.save_sheet(Sheet(title="Brouillon secret"))
    out = tmp_path / "pratiques.csv"
    assert main(["practices", "export", "--format", "csv", "-o", str(out)]) == 0
    text = out.read_text()
    assert "Cafés des parents" in text
    assert "Brouillon secret" not in text
