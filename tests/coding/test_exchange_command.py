"""``vivier coding export`` and ``vivier coding import``: files written whole, names masked
unless asked, errors one located line each with exit status 1 and nothing stored."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.coding.test_exchange import coding_project
from tests.qualitative.test_refi import tamper
from tests.support import make_campaign, small_questionnaire
from vivier.coding.models import Code, Coding
from vivier.qualitative.refi import qdc, qdpx

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"


@pytest.fixture
def coded(campaign, analyst_axel, analyst_bea):
    return coding_project(campaign, analyst_axel, analyst_bea)


def test_export_writes_a_valid_project_and_masks_names_by_default(campaign, coded, tmp_path):
    target = tmp_path / "projet.qdpx"
    call_command("coding", "export", campaign.slug, "--format", "qdpx", "-o", str(target))
    project, warnings = qdpx.read_qdpx(target.read_bytes())
    assert warnings == [] and all("Claire" not in s.text for s in project.sources)
    call_command(
        "coding", "export", campaign.slug, "--format", "qdpx", "-o", str(target),
        "--with-personal-data",
    )  # fmt: skip
    project, _warnings = qdpx.read_qdpx(target.read_bytes())
    assert any("Claire" in s.text for s in project.sources)


def test_export_writes_a_codebook_and_a_csv(campaign, coded, tmp_path):
    book = tmp_path / "livre.qdc"
    call_command("coding", "export", campaign.slug, "--format", "qdc", "-o", str(book))
    assert len(qdc.read_qdc(book.read_bytes())[0].codes) == 2
    out = io.StringIO()
    call_command("coding", "export", campaign.slug, "--format", "csv", stdout=out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert len(rows) == 5  # the heading and 4 codings (a text's line ends stay in its cell)


def test_export_of_an_unknown_campaign(campaign):
    with pytest.raises(CommandError, match="no campaign named 'inconnue'"):
        call_command("coding", "export", "inconnue", "--format", "qdc")


def test_import_reads_a_qualcoder_project(campaign, tmp_path):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "coding", "import", campaign.slug, str(DATA / "qualcoder-entretiens.qdpx"),
        stdout=out, stderr=err,
    )  # fmt: skip
    assert "9 coding(s) added" in out.getvalue() and "10 code(s) added" in out.getvalue()
    assert err.getvalue().count("warning: ") == 3
    assert Coding.objects.filter(source__campaign=campaign).count() == 9


def test_a_round_trip_through_the_commands(campaign, coded, tmp_path):
    target = tmp_path / "projet.qdpx"
    call_command(
        "coding", "export", campaign.slug, "--format", "qdpx", "-o", str(target),
        "--with-personal-data",
    )  # fmt: skip
    empty = make_campaign(small_questionnaire("vide"), slug="vide")
    call_command(
        "coding", "import", "vide", str(target), stdout=io.StringIO(), stderr=io.StringIO()
    )
    again = tmp_path / "encore.qdpx"
    call_command(
        "coding", "export", "vide", "--format", "qdpx", "-o", str(again), "--with-personal-data"
    )
    before, after = qdpx.read_qdpx(target.read_bytes())[0], qdpx.read_qdpx(again.read_bytes())[0]
    assert (after.codes, after.cases, after.variables) == (
        before.codes,
        before.cases,
        before.variables,
    )
    assert Code.objects.filter(codebook__campaign=empty).count() == 3


def test_a_broken_file_fails_with_located_lines_and_stores_nothing(campaign, tmp_path):
    broken = tmp_path / "casse.qdpx"
    broken.write_bytes(
        tamper(
            lambda text: text.replace('endPosition="', 'endPosition="9', 1).replace(
                '<CodeRef targetGUID="00000000-0000-4000-8000-000000000012"',
                '<CodeRef targetGUID="00000000-0000-4000-8000-000000000099"',
            )
        )
    )
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("coding", "import", campaign.slug, str(broken), stderr=err)
    lines = [*err.getvalue().splitlines(), str(caught.value)]
    assert len(lines) == 2
    assert all("casse.qdpx › project.qde" in line and "line " in line for line in lines)
    assert "nothing imported" in str(caught.value)
    assert not Code.objects.filter(codebook__campaign=campaign).exists()


def test_a_missing_file(campaign, tmp_path):
    with pytest.raises(CommandError, match=r"absent\.qdpx"):
        call_command("coding", "import", campaign.slug, str(tmp_path / "absent.qdpx"))
