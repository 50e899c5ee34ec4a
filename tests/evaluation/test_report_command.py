"""``vivier evaluation report``: a plan's reports from the command line."""

from __future__ import annotations

import io

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.evaluation.test_documents import TELLER_NAME, pdf_text, sample_plan
from vivier.evaluation import plans
from vivier.practices import registry
from vivier.sheets.schema import Sheet

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return sample_plan(code="1A")


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("evaluation", "report", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_the_funder_report_is_written_by_the_sheets_code(plan, tmp_path):
    target = tmp_path / "financeurs.pdf"
    said = run("1A", "--track", "funder", "--format", "pdf", "-o", str(target))
    assert f"written to {target}" in said
    text = pdf_text(target.read_bytes())
    assert "Rapport aux financeurs" in text and "Familles accueillies" in text
    line = LogEntry.objects.get(additional_data__event="report.export")
    assert line.additional_data["report"] == "evaluation-funder"
    assert line.additional_data["actor_name"].startswith("cli")


def test_a_code_is_read_whatever_its_case_and_a_slug_works_too(plan, tmp_path):
    run("1a", "--track", "funder", "--format", "xlsx", "-o", str(tmp_path / "a.xlsx"))
    slug = plan.practice.slug
    run(slug, "--track", "qualitative", "--format", "docx", "-o", str(tmp_path / "b.docx"))
    assert (tmp_path / "a.xlsx").read_bytes()[:2] == b"PK"
    assert (tmp_path / "b.docx").read_bytes()[:2] == b"PK"


def test_the_report_speaks_english_with_lang_en(plan, tmp_path):
    target = tmp_path / "q.pdf"
    run("1A", "--track", "qualitative", "--format", "pdf", "-o", str(target), "--lang", "en")
    text = pdf_text(target.read_bytes())
    assert "Stories of change" in text and TELLER_NAME not in text


@pytest.mark.parametrize(
    ("track", "fmt", "message"),
    [
        ("funder", "docx", "the funder report is written as pdf or xlsx, not docx"),
        ("qualitative", "xlsx", "the qualitative report is written as pdf or docx, not xlsx"),
    ],
)
def test_a_format_the_report_does_not_have_is_refused(plan, tmp_path, track, fmt, message):
    target = tmp_path / "nothing"
    with pytest.raises(CommandError, match=message):
        run("1A", "--track", track, "--format", fmt, "-o", str(target))
    assert not target.exists()
    assert not LogEntry.objects.filter(additional_data__event="report.export").exists()


def test_an_unknown_sheet_is_named(plan, tmp_path):
    with pytest.raises(CommandError, match="no practice sheet with the code or slug '9Z'"):
        run("9Z", "--track", "funder", "--format", "pdf", "-o", str(tmp_path / "x.pdf"))


def test_a_sheet_without_a_plan_says_which_sheets_have_one(plan, tmp_path):
    registry.save_sheet(Sheet(title="Sans plan", code="3C"))
    with pytest.raises(CommandError, match=r"'3C' has no evaluation plan \(sheets with one: 1A\)"):
        run("3C", "--track", "funder", "--format", "pdf", "-o", str(tmp_path / "x.pdf"))


def test_a_failed_write_leaves_the_earlier_file_whole(plan, tmp_path, monkeypatch):
    from vivier.evaluation import documents

    target = tmp_path / "rapport.pdf"
    target.write_bytes(b"earlier report")

    def broken(*args, **kwargs):
        raise RuntimeError("writer failed")

    monkeypatch.setattr(documents, "render", broken)
    with pytest.raises(RuntimeError):
        run("1A", "--track", "funder", "--format", "pdf", "-o", str(target))
    assert target.read_bytes() == b"earlier report"
    assert list(tmp_path.iterdir()) == [target]


def test_an_empty_plan_makes_a_report(tmp_path):
    plans.start(registry.save_sheet(Sheet(title="Tout neuf", code="4D")))
    run("4D", "--track", "qualitative", "--format", "pdf", "-o", str(tmp_path / "q.pdf"))
    assert "Aucun récit ne peut être cité." in pdf_text((tmp_path / "q.pdf").read_bytes())
