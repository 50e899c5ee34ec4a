"""Importing responses from a file (POST /staff/campagnes/<slug>/import/), for analysts
only; a refused file brings the form back with the tool that was chosen."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.campaigns.actions import client_of, others, sent_to_sign_in
from vivier.campaigns.models import Response

pytestmark = pytest.mark.django_db

ANALYST = "analyste"
LINE = {"id": "imp-1", "submitted_at": "2020-08-24T10:00:00+02:00", "answers": {"role": "pc"}}


def url(campaign) -> str:
    return f"/staff/campagnes/{campaign.slug}/import/"


def jsonl() -> SimpleUploadedFile:
    return SimpleUploadedFile("reponses.jsonl", (json.dumps(LINE) + "\n").encode())


def test_an_analyst_imports_a_file(analyst_axel_client, campaign):
    answer = analyst_axel_client.post(url(campaign), {"fichier": jsonl(), "source": "vivier"})
    assert answer.status_code == 200
    assert "1 réponse importée de reponses.jsonl" in answer.content.decode()
    assert Response.objects.get(campaign=campaign).key == "imp-1"


def test_it_rejects_the_wrong_method(analyst_axel_client, campaign):
    assert analyst_axel_client.get(url(campaign)).status_code == 405
    assert analyst_axel_client.put(url(campaign)).status_code == 405


@pytest.mark.parametrize("persona", others(ANALYST))
def test_it_requires_the_analyst_role(request, campaign, persona):
    answer = client_of(request, persona).post(url(campaign), {"fichier": jsonl()})
    assert answer.status_code == 403
    assert not Response.objects.exists()


def test_it_sends_anonymous_visitors_to_sign_in(client, campaign):
    assert sent_to_sign_in(client.post(url(campaign), {"fichier": jsonl()}))
    assert not Response.objects.exists()


def test_a_missing_file_brings_the_form_back_with_the_tool_chosen(analyst_axel_client, campaign):
    answer = analyst_axel_client.post(url(campaign), {"source": "limesurvey"})
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "Choisissez le fichier des réponses à importer." in html
    assert 'href="#f-fichier"' in html
    assert '<option value="limesurvey" selected>' in html


def test_an_unknown_tool_is_named(analyst_axel_client, campaign):
    answer = analyst_axel_client.post(url(campaign), {"fichier": jsonl(), "source": "spss"})
    assert answer.status_code == 400
    assert "spss n’en fait pas partie" in answer.content.decode()
    assert not Response.objects.exists()


def test_a_file_that_is_not_utf8_is_said_next_to_the_field(analyst_axel_client, campaign):
    upload = SimpleUploadedFile("reponses.jsonl", "é".encode("latin-1"))
    answer = analyst_axel_client.post(url(campaign), {"fichier": upload, "source": "vivier"})
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "Le fichier n’est pas du texte UTF-8." in html
    assert 'aria-describedby="f-fichier-desc-error"' in html
    assert '<option value="vivier" selected>' in html
