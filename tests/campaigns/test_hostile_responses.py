"""Hostile response files: JSON nested 10,000 deep and CSV exports of a million columns.

Each is refused as a whole with a sentence naming the problem, by ``vivier import-responses``
(no traceback) and by the staff upload (French, no error page), and no response is stored.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests import hostile_files as hostile
from vivier.__main__ import main
from vivier.campaigns.models import Response

pytestmark = pytest.mark.django_db

DEEP = hostile.json_nested(10_000)
#: (file name, --from, content, words of the French refusal, words of the English one)
FILES = [
    ("profond.jsonl", "vivier", DEEP + "\n", "imbriqué sur plus de", "nested more than"),
    ("profond.json", "kobo", DEEP, "imbriqué sur plus de", "nested more than"),
    ("lignes.json", "kobo", '{"a": 1}\n' + DEEP + "\n", "imbriqué", "nested"),
    ("large.csv", "kobo", hostile.csv_wide(1_000_000), "la limite d'Excel", "Excel's limit"),
    ("large-ls.csv", "limesurvey", hostile.csv_wide(1_000_000, first="submitdate"),
     "la limite d'Excel", "Excel's limit"),
    ("ligne-large.csv", "kobo", "a,b\n" + hostile.csv_wide(20_000),
     "compte 20", "holds 20,000 cells"),
]  # fmt: skip
IDS = [name for name, *_ in FILES]


@pytest.mark.parametrize(("name", "source", "content", "fr", "en"), FILES, ids=IDS)
def test_the_command_line_refuses_with_a_sentence(campaign, tmp_path, capsys, name, source,
                                                  content, fr, en):  # fmt: skip
    path = tmp_path / name
    path.write_text(content)
    assert main(["import-responses", campaign.slug, str(path), "--from", source]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "nothing imported" in err and en in err
    assert not Response.objects.filter(campaign=campaign).exists()


@pytest.mark.parametrize(("name", "source", "content", "fr", "en"), FILES, ids=IDS)
def test_the_staff_upload_refuses_in_french(campaign, alice_client, name, source, content, fr,
                                            en):  # fmt: skip
    upload = SimpleUploadedFile(name, content.encode())
    url = f"/staff/campagnes/{campaign.slug}/import/"
    answer = alice_client.post(url, {"fichier": upload, "source": source})
    assert answer.status_code == 400
    page = answer.content.decode().replace("&#x27;", "'").replace("\u00a0", " ")
    assert fr in page
    assert not Response.objects.filter(campaign=campaign).exists()


def test_the_staff_upload_is_for_staff_only(campaign, client, carol):
    url = f"/staff/campagnes/{campaign.slug}/import/"
    upload = SimpleUploadedFile("profond.jsonl", DEEP.encode())
    assert client.post(url, {"fichier": upload}).status_code == 302
    client.force_login(carol)
    upload = SimpleUploadedFile("profond.jsonl", DEEP.encode())
    assert client.post(url, {"fichier": upload}).status_code == 403
    assert not Response.objects.filter(campaign=campaign).exists()
