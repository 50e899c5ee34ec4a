import json
from datetime import UTC, datetime

import pytest

from tests.support import make_campaign, small_questionnaire
from vivier.__main__ import main
from vivier.campaigns import services
from vivier.campaigns.models import Response

pytestmark = pytest.mark.django_db(transaction=False)


def _line(**fields):
    base = {
        "id": "p1",
        "submitted_at": "2020-08-24T10:00:00+02:00",
        "channel": "papier",
        "mode": "assisted",
        "answers": {"role": "pro", "connait": "yes", "nom": "Café"},
    }
    base.update(fields)
    return json.dumps(base, ensure_ascii=False)


def test_import_loads_every_line(tmp_path, campaign, capsys):
    path = tmp_path / "reponses.jsonl"
    path.write_text(_line() + "\n" + _line(id="p2", answers={"role": "pc"}) + "\n")
    assert main(["import-responses", campaign.slug, str(path)]) == 0
    assert "2 response(s) imported" in capsys.readouterr().out
    stored = Response.objects.get(campaign=campaign, key="p1")
    assert stored.mode == "assisted"
    assert stored.answers["nom"] == "Café"
    assert stored.status == Response.Status.SUBMITTED


def test_one_bad_line_rejects_the_file_and_names_line_and_question(tmp_path, campaign, capsys):
    path = tmp_path / "reponses.jsonl"
    bad = _line(id="p2", answers={"role": "pro", "age": "vingt"})
    path.write_text(_line() + "\n" + bad + "\n")
    assert main(["import-responses", campaign.slug, str(path)]) == 1
    err = capsys.readouterr().err
    assert "line 2, age" in err
    assert Response.objects.filter(campaign=campaign).count() == 0


def test_answers_to_questions_that_do_not_apply_are_rejected(tmp_path, campaign, capsys):
    path = tmp_path / "reponses.jsonl"
    path.write_text(_line(answers={"role": "pc", "nom": "Café"}) + "\n")
    assert main(["import-responses", campaign.slug, str(path)]) == 1
    assert "line 1, nom" in capsys.readouterr().err


def test_an_id_already_present_is_not_imported_twice(tmp_path, campaign, capsys):
    path = tmp_path / "reponses.jsonl"
    path.write_text(_line() + "\n")
    main(["import-responses", campaign.slug, str(path)])
    assert main(["import-responses", campaign.slug, str(path)]) == 0
    assert "1 already present" in capsys.readouterr().out
    assert Response.objects.filter(campaign=campaign).count() == 1


def test_invalid_json_is_reported_with_its_line(tmp_path, campaign, capsys):
    path = tmp_path / "reponses.jsonl"
    path.write_text(_line() + "\n{oops\n")
    assert main(["import-responses", campaign.slug, str(path)]) == 1
    assert "line 2: not valid JSON" in capsys.readouterr().err


def test_an_unknown_campaign_is_named(tmp_path, db, capsys):
    path = tmp_path / "x.jsonl"
    path.write_text("")
    assert main(["import-responses", "inconnue", str(path)]) == 1
    assert "no campaign named 'inconnue'" in capsys.readouterr().err


def test_export_then_import_into_an_empty_campaign_gives_the_same_responses(tmp_path, campaign):
    services.create_submitted(
        campaign,
        key="w1",
        answers={"role": "pc", "courriel": "a@b.fr"},
        submitted_at=datetime(2020, 8, 24, 9, tzinfo=UTC),
    )
    services.create_submitted(
        campaign,
        key="w2",
        answers={"role": "pro", "connait": "yes", "themes": ["a"]},
        submitted_at=datetime(2020, 8, 25, 9, tzinfo=UTC),
    )
    exported = tmp_path / "export.jsonl"
    assert (
        main(
            [
                "export-responses",
                campaign.slug,
                "--format",
                "json",
                "-o",
                str(exported),
                "--with-personal-data",
            ]
        )
        == 0
    )
    empty = make_campaign(small_questionnaire(), slug="copie")
    assert main(["import-responses", empty.slug, str(exported)]) == 0

    def snapshot(c):
        return [
            (r.key, r.all_answers(), r.submitted_at, r.mode, r.channel)
            for r in Response.objects.filter(campaign=c).order_by("key")
        ]

    assert snapshot(empty) == snapshot(campaign)


def test_csv_export_writes_a_header_and_one_row_per_response(tmp_path, campaign):
    services.create_submitted(
        campaign,
        key="w1",
        answers={"role": "pc"},
        submitted_at=datetime(2020, 8, 24, 9, tzinfo=UTC),
    )
    out = tmp_path / "export.csv"
    assert main(["export-responses", campaign.slug, "--format", "csv", "-o", str(out)]) == 0
    lines = out.read_text().splitlines()
    assert lines[0].startswith("id,submitted_at,channel,mode,version,role,role_other,age")
    assert len(lines) == 2


def test_questionnaire_export_writes_the_definition(tmp_path, campaign):
    out = tmp_path / "q.json"
    assert main(["questionnaire", "export", "petit", "--format", "json", "-o", str(out)]) == 0
    data = json.loads(out.read_text())
    assert data["slug"] == "petit"


def test_erasing_personal_data_keeps_the_answers(campaign, capsys):
    kept = services.create_submitted(
        campaign,
        key="e1",
        answers={"role": "pc", "courriel": "a@b.fr"},
        submitted_at=datetime(2020, 8, 24, 9, tzinfo=UTC),
    )
    services.create_submitted(
        campaign,
        key="e2",
        answers={"role": "pc", "courriel": "c@d.fr"},
        submitted_at=datetime(2020, 8, 24, 9, tzinfo=UTC),
    )
    assert main(["erase-personal-data", campaign.slug, "--response", "e1"]) == 0
    assert "erased from 1 response(s)" in capsys.readouterr().out
    kept = Response.objects.get(pk=kept.pk)
    assert kept.all_answers() == {"role": "pc"}
    assert Response.objects.get(key="e2").all_answers()["courriel"] == "c@d.fr"
    assert main(["erase-personal-data", campaign.slug, "--response", "zz"]) == 1


def test_xlsx_and_parquet_exports_hold_every_response_and_a_codebook(tmp_path, campaign):
    import polars as pl
    from openpyxl import load_workbook

    services.create_submitted(
        campaign,
        key="w1",
        answers={"role": "other", "role_other": "=1+1", "age": 40},
        submitted_at=datetime(2020, 8, 24, 9, tzinfo=UTC),
    )
    services.create_submitted(
        campaign,
        key="w2",
        answers={"role": "pro", "connait": "yes", "themes": ["a", "b"]},
        submitted_at=datetime(2020, 8, 25, 9, tzinfo=UTC),
    )
    xlsx, parquet, book = tmp_path / "r.xlsx", tmp_path / "r.parquet", tmp_path / "book.csv"
    assert (
        main(
            [
                "export-responses",
                campaign.slug,
                "--format",
                "xlsx",
                "-o",
                str(xlsx),
                "--codebook",
                str(book),
            ]
        )
        == 0
    )
    sheet = load_workbook(xlsx)["Réponses"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert len(rows) == 3
    assert rows[1][header.index("role_other")] == "'=1+1"
    assert sheet.cell(2, header.index("role_other") + 1).data_type == "s"
    assert "courriel" not in header
    options = "pro=Professionnel | pc=Personne concernée | other=Autre (précisez)"
    assert f"role,role,,Vous êtes,single_choice,{options},no" in book.read_text()

    assert main(["export-responses", campaign.slug, "--format", "parquet", "-o", str(parquet)]) == 0
    frame = pl.read_parquet(parquet)
    assert frame.height == 2
    assert frame["age"].to_list() == [40, None]
    assert frame["themes"].to_list() == [None, ["a", "b"]]
