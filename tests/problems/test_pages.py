"""Problems reach pages in the page's language: French by default, English when chosen."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.problems.examples import DOCUMENTS
from vivier.problems import ProblemCode
from vivier.surveys.codecs.importing import import_bytes

pytestmark = pytest.mark.django_db

#: A sheet without the financing section: its import warns about it.
WITHOUT_FUNDING = DOCUMENTS[ProblemCode.PRACTICE_SECTION_MISSING]


def _import(client, text: str) -> str:
    upload = SimpleUploadedFile("fiches.txt", text.encode(), content_type="text/plain")
    answer = client.post("/staff/pratiques/importer/", {"document": upload})
    assert answer.status_code == 200
    return answer.content.decode()


def test_sheet_import_warnings_are_in_french_on_the_staff_page(alice_client):
    page = _import(alice_client, WITHOUT_FUNDING)
    assert "Avertissements" in page
    assert "ligne 2, fiche 9A : pas de rubrique « Financements »" in page
    assert "no section" not in page


def test_sheet_import_warnings_are_in_english_once_chosen(alice_client):
    alice_client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = _import(alice_client, WITHOUT_FUNDING)
    assert "line 2, sheet 9A: no section &#x27;Financements&#x27;" in page
    assert "pas de rubrique" not in page


def test_a_vivier_json_refusal_says_why_in_french_and_english():
    document = {"format": "vivier-questionnaire", "format_version": 1, "slug": "x"}
    document |= {"title": "X", "sections": {"s1": []}}
    (refused,) = import_bytes(json.dumps(document).encode(), "q.json").errors
    assert refused.code == "VIVIER_JSON_INVALID"
    assert refused.message("fr") == ("Champ « sections » : attendu : une liste ; trouvé : un objet")
    assert refused.message("en") == "Field 'sections': expected a list, got an object"
