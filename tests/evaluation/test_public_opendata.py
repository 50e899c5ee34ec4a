"""The evaluation fields of the open data (CSV and JSON), documented on /pratiques/donnees/:
whether a plan exists, its number of indicators, whether persons concerned co-decide and at
which steps (when the plan publishes its matrix), its published series (JSON)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.evaluation.test_public import DRAFT_VALUE, evaluated
from tests.practices.test_catalogue import SHEETS, publish
from vivier.practices import opendata

pytestmark = pytest.mark.django_db


@pytest.fixture
def sheets():
    found = {key: publish(sheet) for key, sheet in SHEETS.items()}
    evaluated(found["conf"])
    evaluated(found["pair"], publish_all=False)
    return found


def by_slug(rows: list[dict]) -> dict[str, dict]:
    return {row["slug"]: row for row in rows}


def test_the_csv_says_whether_a_plan_exists_and_what_it_publishes(client, sheets):
    response = client.get("/pratiques/donnees.csv")
    rows = by_slug(list(csv.DictReader(io.StringIO(response.content.decode()))))
    conf, pair, other = (
        rows[sheets["conf"].slug],
        rows[sheets["pair"].slug],
        rows[sheets["conf33b"].slug],
    )
    assert (conf["evaluation_plan"], conf["evaluation_indicators"]) == ("true", "4")
    assert conf["evaluation_co_decide"] == "true"
    assert conf["evaluation_co_decide_steps"] == "questions;jugement"
    # Co-decides too, but keeps its matrix private: the open data says nothing of it.
    assert (pair["evaluation_plan"], pair["evaluation_indicators"]) == ("true", "4")
    assert (pair["evaluation_co_decide"], pair["evaluation_co_decide_steps"]) == ("", "")
    assert (other["evaluation_plan"], other["evaluation_indicators"]) == ("false", "")
    assert "evaluation_series" not in conf


def test_the_json_holds_the_published_series_with_small_counts_withheld(client, sheets):
    document = json.loads(client.get("/pratiques/donnees.json").content)
    practices = by_slug(document["practices"])
    conf = practices[sheets["conf"].slug]
    assert conf["evaluation_plan"] is True and conf["evaluation_co_decide"] is True
    assert conf["evaluation_co_decide_steps"] == ["questions", "jugement"]
    series = {item["key"]: item for item in conf["evaluation_series"]}
    assert [(p["period"], p["value"], p["target"]) for p in series["familles"]["points"]] == [
        ("2023", 35.0, None),
        ("2024", 42.0, 40),
    ]
    assert series["presents"]["points"] == [
        {"period": "2024", "value": None, "target": None, "narrative": "", "suppressed": True}
    ]
    assert [(p["value"], p["suppressed"]) for p in series["retour"]["points"]] == [
        (None, True),
        (75.0, False),
    ]
    assert series["retour"]["unit"] == "%"
    assert series["paroles"]["points"][0]["narrative"] == "On nous écoute enfin."
    assert DRAFT_VALUE not in json.dumps(conf["evaluation_series"])
    # A plan that does not publish its indicators gives none; a sheet without a plan none.
    assert practices[sheets["pair"].slug]["evaluation_series"] == []
    assert practices[sheets["conf33b"].slug]["evaluation_series"] == []
    assert practices[sheets["pair"].slug]["evaluation_co_decide"] is None


def test_the_export_reads_the_plans_in_a_few_queries(sheets, django_assert_max_num_queries):
    for key in ("conf33b", "national"):
        evaluated(sheets[key])
    with django_assert_max_num_queries(4):
        opendata.export("json")


def test_the_schema_page_documents_the_evaluation_fields(client, db):
    html = client.get("/pratiques/donnees/").content.decode()
    for name in (
        "evaluation_plan",
        "evaluation_indicators",
        "evaluation_co_decide",
        "evaluation_co_decide_steps",
        "evaluation_series",
    ):
        assert f"<code>{name}</code>" in html, name
    assert "<code>jugement</code>" in html and "Juger les résultats" in html
    assert "Vide quand il n’y a pas de plan" in html
