"""``personal_data find|export|erase|scan|flagged|redact|audit`` through ``call_command``."""

from __future__ import annotations

import json
import os
import stat
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.campaigns.privacy_support import MARIE, people, two_campaigns
from vivier.campaigns.models import Response, TextFlag

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    first, second = two_campaigns()
    people(first, second)
    return first, second


def run(*args: str) -> str:
    out = StringIO()
    call_command("personal_data", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def refusal(*args: str) -> str:
    with pytest.raises(CommandError) as refused:
        run(*args)
    return str(refused.value)


def test_find_export_and_erase_one_person(world, tmp_path):
    found = run("find", MARIE)
    assert found.rstrip().endswith(
        "2 response(s) with these contact details, 0 mention(s) in other responses' free texts"
    )
    out = tmp_path / "marie.json"
    assert run("export", MARIE, "-o", str(out)) == (
        f"2 response(s) and 0 mention(s) written to {out}\n"
    )
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert json.loads(out.read_text(encoding="utf-8"))["identifiers"] == [MARIE.lower()]
    assert json.loads(run("export", "zoe@ex.fr", "-o", "-"))["responses"][0]["id"] == "zoe"
    assert "contact record(s) deleted" in run("erase", MARIE)
    assert not Response.objects.filter(key="marie-brouillon").exists()


def test_free_texts_scanned_listed_redacted_and_audited(world):
    TextFlag.objects.all().delete()
    assert run("scan", "premiere") == "3 response(s) read, 2 free-text answer(s) flagged\n"
    listed = run("flagged", "premiere")
    assert "marie-1  avis  to review" in listed and "marie.dupont" not in listed
    assert "marie.dupont" in run("flagged", "premiere", "--show").lower()
    assert run("redact", "premiere", "paul", "role_other") == (
        "2 e-mail address(es) or number(s) redacted in 'role_other'\n"
    )
    assert "personal-data.redact-text  premiere/paul" in run("audit", "--last", "1")


def test_refusals_name_what_is_wrong(world, tmp_path):
    assert "neither an e-mail address nor a valid telephone number" in refusal(
        "find", "pas-un-contact"
    )
    unknown = refusal("scan", "nulle-part")
    assert unknown.startswith("no campaign named 'nulle-part' (campaigns: ")
    assert "premiere" in unknown and "seconde" in unknown
    assert "has no flagged free text 'avis'" in refusal("redact", "premiere", "zoe", "avis")
    absent = tmp_path / "absent" / "out.json"
    assert refusal("export", MARIE, "-o", str(absent)) == (
        f"{absent}: cannot write (No such file or directory)"
    )
    assert refusal("export", MARIE).startswith("Error: the following arguments are required")
