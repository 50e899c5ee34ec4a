"""Open data: CSV and JSON of the published practices, their schema page, the export."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.practices.test_catalogue import DRAFT, SHEETS, publish
from vivier.practices import opendata, registry

pytestmark = pytest.mark.django_db


@pytest.fixture
def sheets():
    found = {key: publish(sheet) for key, sheet in SHEETS.items()}
    found["draft"] = registry.save_sheet(DRAFT)
    return found


def test_the_csv_has_one_flat_row_per_published_practice(client, sheets):
    response = client.get("/pratiques/donnees.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert list(rows[0]) == list(opendata.FIELDS)
    assert {r["title"] for r in rows} == {s.title for s in SHEETS.values()}
    by_code = {r["code"]: r for r in rows}
    b = by_code["1B"]
    assert b["slug"] == sheets["conf33b"].slug
    assert b["url"] == f"http://testserver/pratiques/{b['slug']}/"
    assert b["themes"] == "conferences_familiales"
    assert b["departements"] == "64;33"
    assert b["regions"] == "75"
    assert (b["start_year"], b["status"], b["stage"]) == ("2016", "renaissante", "essaimage")
    assert by_code["1A"]["themes"] == "conferences_familiales;pouvoir_d_agir"


def test_the_csv_is_safe_from_formula_injection(sheets):
    rows = list(csv.DictReader(io.StringIO(opendata.export("csv"))))
    (national,) = [r for r in rows if r["code"] == ""]
    assert national["summary"].startswith("'=HYPERLINK")
    assert national["url"].startswith("/pratiques/")  # no base URL: paths from the root


def test_the_json_holds_the_whole_public_sheet(client, sheets):
    response = client.get("/pratiques/donnees.json")
    document = json.loads(response.content)
    assert document["count"] == 4
    assert document["schema"] == "http://testserver/pratiques/donnees/"
    (conf,) = [p for p in document["practices"] if p["code"] == "1A"]
    assert conf["slug"] == sheets["conf"].slug
    assert conf["departements"] == ["33"] and conf["regions"] == ["75"]
    assert conf["stage"] == "experimentation"
    assert conf["timeline"][0]["text"] == "Voyage d’étude aux Pays-Bas"
    assert conf["key_figures"][0]["value"] == 120
    # Media without recorded consent never leave.
    assert [m["title"] for m in conf["media"]] == ["Film avec accord"]
    assert "Brouillon" not in response.content.decode()


def test_export_for_the_command_line(sheets):
    assert json.loads(opendata.export("json"))["count"] == 4
    assert opendata.export("csv").startswith("code,slug,url,title,")
    with pytest.raises(ValueError, match="csv, json"):
        opendata.export("xml")


def test_nothing_is_exported_without_published_practices(db):
    registry.save_sheet(DRAFT)
    assert json.loads(opendata.export("json"))["practices"] == []
    assert opendata.export("csv").count("\n") == 1


def test_the_schema_page_documents_every_field(client):
    response = client.get("/pratiques/donnees/")
    html = response.content.decode()
    assert response.status_code == 200
    for name in opendata.FIELDS:
        assert f"<code>{name}</code>" in html
    assert "<code>existante_confidentielle</code>" in html
    assert "Existante mais confidentielle" in html
    assert html.count("<caption>") == 1 + len(opendata.CODE_LISTS)
