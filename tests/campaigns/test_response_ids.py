"""An imported id becomes part of the staff's links: one that would break a link is refused."""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from vivier.__main__ import main
from vivier.campaigns.imports import ImportFailedError, import_jsonl
from vivier.campaigns.models import Response

pytestmark = pytest.mark.django_db


def _line(key: str) -> str:
    return json.dumps(
        {
            "id": key,
            "submitted_at": "2020-08-24T10:00:00+02:00",
            "answers": {"role": "pc"},
        },
        ensure_ascii=False,
    )


@pytest.mark.parametrize("key", ["a/b", "/", "..", "."])
def test_an_id_that_cannot_be_a_link_is_refused_with_its_line(campaign, key):
    with pytest.raises(ImportFailedError) as failed:
        import_jsonl(campaign, [_line("ok-1"), _line(key)], source="r.jsonl")
    (error,) = failed.value.errors
    assert (error.location.line, error.location.field) == (2, "id")
    assert "must not contain '/'" in str(error)
    assert error.describe("fr").startswith("ligne 2, id : ")
    assert "ne doit pas contenir de « / »" in error.describe("fr")
    assert not Response.objects.filter(campaign=campaign).exists()


def test_the_command_line_names_the_line_and_imports_nothing(tmp_path, campaign, capsys):
    path = tmp_path / "r.jsonl"
    path.write_text(_line("ok-1") + "\n" + _line("2020/08/24-7") + "\n", encoding="utf-8")
    assert main(["import-responses", campaign.slug, str(path)]) == 1
    err = capsys.readouterr().err
    assert "nothing imported" in err
    assert "line 2, id: '2020/08/24-7' cannot be used as an id" in err
    assert not Response.objects.filter(campaign=campaign).exists()


def test_the_staff_import_page_says_it_in_french(alice_client, campaign):
    upload = SimpleUploadedFile("r.jsonl", (_line("a/b") + "\n").encode())
    answer = alice_client.post(
        f"/staff/campagnes/{campaign.slug}/import/", {"fichier": upload, "source": "vivier"}
    )
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "ligne 1, id" in html
    assert "« a/b » ne peut pas servir d&#x27;identifiant" in html
    assert not Response.objects.filter(campaign=campaign).exists()


def test_every_other_id_works_in_the_staff_list_and_on_its_page(alice_client, campaign):
    keys = ["simple", "uuid:5b1c-42", "avec espace", "a?b#c%d", "é\\à", "...x", "=1+2"]
    import_jsonl(campaign, [_line(k) for k in keys], source="r.jsonl")
    listing = alice_client.get(f"/staff/campagnes/{campaign.slug}/reponses/")
    assert listing.status_code == 200
    links = re.findall(
        rf'href="(/staff/campagnes/{campaign.slug}/reponses/[^"]+/)"', listing.content.decode()
    )
    assert len(links) == len(keys)
    for link in links:
        page = alice_client.get(link.replace("&amp;", "&"))
        assert page.status_code == 200, link
