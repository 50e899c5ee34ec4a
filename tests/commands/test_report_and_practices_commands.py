"""``report`` (reports app) and ``practices import|export`` (practices app) through
``call_command``."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.practices.test_import_report import INVENTED
from vivier.campaigns import services
from vivier.practices.models import Practice

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def refusal(*args: str) -> str:
    with pytest.raises(CommandError) as refused:
        run(*args)
    return str(refused.value)


def test_the_report_goes_to_a_file_or_to_standard_output(tmp_path, campaign):
    services.create_submitted(
        campaign, key="r1", answers={"role": "pc"}, submitted_at=datetime(2020, 8, 24, tzinfo=UTC)
    )
    target = tmp_path / "rapport.json"
    out = run("report", "petit", "-o", str(target))
    assert out.startswith(f"report of 'petit' written to {target} (")
    assert json.loads(target.read_text())["responses"] == 1
    assert json.loads(run("report", "petit", "-o", "-"))["campaign"] == "petit"


def test_the_report_refusals(tmp_path, campaign):
    assert refusal("report", "nope", "-o", "-") == "no campaign named 'nope' (campaigns: petit)"
    assert "invalid choice: 'odt'" in refusal("report", "petit", "--format", "odt", "-o", "-")
    # A binary format cannot go to a text stream.
    assert refusal("report", "petit", "--format", "docx", "-o", "-") == (
        "this format is binary: give a file (-o FILE)"
    )


def test_practices_import_then_export(tmp_path, db):
    document = tmp_path / "rapport.txt"
    document.write_text(INVENTED, encoding="utf-8")
    out = run("practices", "import", str(document))
    assert out.rstrip().endswith(
        f"{document}: 2 draft sheet(s) created; 2 fragment(s) could not be placed "
        "(see the staff area)"
    )
    assert sorted(Practice.objects.values_list("code", flat=True)) == ["9A", "9B"]
    from vivier.practices import registry

    published = Practice.objects.get(code="9B")
    for state in ("validated", "published"):
        registry.move(published, state)
    target = tmp_path / "pratiques.csv"
    assert run("practices", "export", "--format", "csv", "-o", str(target)) == (
        f"published practices written to {target}\n"
    )
    text = target.read_text()
    assert "ATELIER VELO SOLIDAIRE" in text and "JARDINS" not in text


def test_practices_refusals(tmp_path, db):
    odt = tmp_path / "fiches.odt"
    odt.write_text("x")
    assert "fiches.odt" in refusal("practices", "import", str(odt))
    absent = tmp_path / "absent.txt"
    assert refusal("practices", "import", str(absent)) == f"{absent}: no such file"
    target = tmp_path / "absent" / "out.json"
    assert refusal("practices", "export", "-o", str(target)) == (
        f"{target}: cannot write (No such file or directory)"
    )
    assert not Practice.objects.exists()
