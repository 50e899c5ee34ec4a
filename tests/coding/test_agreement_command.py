"""``vivier coding agreement SLUG [--round N] --format json|csv [-o FILE]``: the same report as
the page, for one closed round or every closed round pooled, refused for an open round."""

from __future__ import annotations

import csv
import io
import json

import pytest
from auditlog.models import LogEntry
from django.core.management import CommandError, call_command

from tests.coding.test_rounds import coded_round

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("coding", "agreement", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def closed(campaign, analyst_axel, analyst_bea):
    made, _texts, _codes = coded_round(campaign, analyst_axel, analyst_bea)
    return made


def test_one_round_as_json(closed, campaign):
    data = json.loads(run(campaign.slug, "--round", "1", "--format", "json"))
    assert [r["number"] for r in data["rounds"]] == [1]
    assert (data["overall"]["n_used"], data["overall"]["n_total"]) == (6, 8)
    part = next(c for c in data["codes"] if c["label"] == "Partenariat")
    assert part["alpha"]["value"] == pytest.approx(0.0) and part["band"] == "revise_codebook"
    assert part["pairs"][0]["kappa"]["n_used"] == 3
    line = LogEntry.objects.get(additional_data__event="coding.agreement-export")
    assert line.additional_data["format"] == "json" and line.additional_data["round"] == 1


def test_every_closed_round_as_csv_to_a_file(closed, campaign, tmp_path):
    target = tmp_path / "accord.csv"
    assert run(campaign.slug, "--format", "csv", "-o", str(target)) == ""
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    overall = {r["measure"]: r for r in rows if r["scope"] == "overall"}
    assert overall["percent"]["value"] == f"{5 / 6:.4f}"
    assert (overall["percent"]["n_used"], overall["percent"]["n_total"]) == ("6", "8")
    assert overall["kappa"]["coders"] == "analyst_axel|analyst_bea"
    # Pooled rounds name their texts by round and source.
    keys = {r["key"] for r in rows if r["scope"] == "source"}
    assert keys and all(key.startswith("1/") for key in keys)


def test_an_open_round_is_refused(campaign, analyst_axel, analyst_bea):
    coded_round(campaign, analyst_axel, analyst_bea, close=False)
    with pytest.raises(CommandError, match="round 1 is open"):
        run(campaign.slug, "--round", "1", "--format", "json")
    with pytest.raises(CommandError, match="no round of this campaign is closed"):
        run(campaign.slug, "--format", "csv")
    assert not LogEntry.objects.filter(additional_data__event="coding.agreement-export").exists()


def test_an_unknown_round_or_campaign_is_refused(closed, campaign):
    with pytest.raises(CommandError, match="this campaign has no round 4"):
        run(campaign.slug, "--round", "4", "--format", "json")
    with pytest.raises(CommandError, match="no campaign named 'inconnue'"):
        run("inconnue", "--format", "json")


def test_the_format_is_required(closed, campaign):
    with pytest.raises(CommandError):
        run(campaign.slug)
