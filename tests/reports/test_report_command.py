"""`vivier report SLUG --format json` gives the exact figures of the campaign."""

import json

import pytest

from vivier.__main__ import main

pytestmark = pytest.mark.django_db


def _report(tmp_path, *extra):
    out = tmp_path / "report.json"
    assert main(["report", "hcts-2020", "--format", "json", "-o", str(out), *extra]) == 0
    return json.loads(out.read_text())


def _question(report, name):
    return next(q for q in report["questions"] if q["name"] == name)


def test_it_reports_the_campaign_totals_and_the_peak_day(tmp_path, demo):
    report = _report(tmp_path)
    assert report["campaign"] == "hcts-2020"
    assert report["responses"] == 1771
    assert report["peak"] == {"date": "2020-08-24", "count": 362}
    assert sum(day["count"] for day in report["per_day"]) == 1771


def test_percentages_are_of_the_respondents_who_answered(tmp_path, demo):
    q14 = _question(_report(tmp_path), "q14")
    assert q14["answered"] == 1301
    options = {o["value"]: o for o in q14["options"]}
    assert options["yes"]["count"] == 768
    assert options["yes"]["percent"] == round(100 * 768 / 1301, 1)


def test_a_publication_hides_small_cells(tmp_path, demo):
    q2 = _question(_report(tmp_path, "--publication"), "q2")
    assert all(o["count"] is None or o["count"] == 0 or o["count"] >= 5 for o in q2["options"])


def test_an_unknown_campaign_is_named(tmp_path, db, capsys):
    assert main(["report", "nope", "--format", "json", "-o", str(tmp_path / "r.json")]) == 1
    assert "no campaign named 'nope'" in capsys.readouterr().err


def test_the_document_speaks_french_unless_asked_otherwise(tmp_path, demo):
    """The command's language is its own option, whatever language was last active."""
    from django.utils import translation

    def html(*extra):
        out = tmp_path / f"report{len(extra)}.html"
        assert main(["report", "hcts-2020", "--format", "html", "-o", str(out), *extra]) == 0
        return out.read_text(encoding="utf-8")

    with translation.override("en"):
        french = html()
    english = html("--lang", "en")
    assert '<html lang="fr"' in french and '<html lang="en"' in english
    assert main(["report", "hcts-2020", "--format", "html", "-o", "-", "--lang", "de"]) != 0
