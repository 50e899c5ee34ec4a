"""Each action of the exchange pages (/codage/<slug>/echange/…): it works for the right
person, refuses the wrong method, sends anonymous visitors to sign in and refuses the
others (403 without the right, 404 for a campaign that does not exist)."""

from __future__ import annotations

from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.campaigns.actions import client_of, others, sent_to_sign_in
from tests.coding.test_exchange import coding_project
from vivier.coding.models import Code, Coding

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
#: Who downloads: whoever reads every text (the analysts, the personal-data role).
READERS = ["analyst_axel", "privacy_paul"]
NOT_READERS = others("analyste", "donnees_personnelles")
#: Who imports: whoever changes the codebook (the analysts).
NOT_MANAGERS = others("analyste")


def base(campaign) -> str:
    return f"/codage/{campaign.slug}/echange/"


@pytest.fixture
def coded(campaign, analyst_axel, analyst_bea):
    return coding_project(campaign, analyst_axel, analyst_bea)


def events(name: str) -> int:
    return sum(
        1 for entry in LogEntry.objects.all() if (entry.additional_data or {}).get("event") == name
    )


# -- The page ----------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", READERS)
def test_the_page_lists_the_downloads(request, persona, campaign):
    answer = client_of(request, persona).get(base(campaign))
    assert answer.status_code == 200 and 'id="downloads"' in answer.content.decode()


def test_the_import_link_is_for_those_who_may_import(
    analyst_axel_client, privacy_paul_client, campaign
):
    assert 'id="import-link"' in analyst_axel_client.get(base(campaign)).content.decode()
    assert 'id="import-link"' not in privacy_paul_client.get(base(campaign)).content.decode()


def test_the_page_rejects_the_wrong_method(analyst_axel_client, campaign):
    assert analyst_axel_client.post(base(campaign)).status_code == 405


def test_the_page_sends_anonymous_visitors_to_sign_in(client, campaign):
    assert sent_to_sign_in(client.get(base(campaign)))


@pytest.mark.parametrize("persona", NOT_READERS)
def test_the_page_is_refused_to_others(request, persona, campaign):
    assert client_of(request, persona).get(base(campaign)).status_code == 403


def test_the_page_of_an_unknown_campaign_is_a_404(analyst_axel_client):
    assert analyst_axel_client.get("/codage/inconnue/echange/").status_code == 404


def test_the_hub_links_the_page_for_readers_only(analyst_axel_client, group_gael_client, campaign):
    hub = f"/codage/{campaign.slug}/"
    assert 'id="area-exchange"' in analyst_axel_client.get(hub).content.decode()
    assert 'id="area-exchange"' not in group_gael_client.get(hub).content.decode()


# -- Downloads ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["qdpx", "qdc", "csv"])
def test_each_download_is_a_file_and_is_audited(analyst_axel_client, campaign, coded, fmt):
    answer = analyst_axel_client.get(base(campaign) + f"telecharger/{fmt}/")
    assert answer.status_code == 200
    assert answer["Content-Disposition"].startswith("attachment;")
    assert events("coding.export") == 1


def test_the_analyst_gets_names_masked_and_the_personal_data_role_gets_them(
    analyst_axel_client, privacy_paul_client, campaign, coded
):
    url = base(campaign) + "telecharger/csv/"
    assert "Claire" not in analyst_axel_client.get(url).content.decode("utf-8-sig")
    assert "Claire" in privacy_paul_client.get(url).content.decode("utf-8-sig")


def test_an_unknown_format_is_a_404(analyst_axel_client, campaign):
    assert analyst_axel_client.get(base(campaign) + "telecharger/nvp/").status_code == 404


def test_a_download_rejects_the_wrong_method(analyst_axel_client, campaign):
    assert analyst_axel_client.post(base(campaign) + "telecharger/qdpx/").status_code == 405


def test_a_download_sends_anonymous_visitors_to_sign_in(client, campaign):
    assert sent_to_sign_in(client.get(base(campaign) + "telecharger/qdpx/"))


@pytest.mark.parametrize("persona", NOT_READERS)
def test_a_download_is_refused_to_others(request, persona, campaign):
    answer = client_of(request, persona).get(base(campaign) + "telecharger/qdpx/")
    assert answer.status_code == 403


# -- Import ------------------------------------------------------------------------------------


def upload(name: str, data: bytes) -> dict:
    return {"document": SimpleUploadedFile(name, data, content_type="application/zip")}


def test_the_analyst_imports_a_qualcoder_project(analyst_axel_client, campaign):
    url = base(campaign) + "importer/"
    assert analyst_axel_client.get(url).status_code == 200
    data = (DATA / "qualcoder-entretiens.qdpx").read_bytes()
    answer = analyst_axel_client.post(url, upload("entretiens.qdpx", data))
    assert answer.status_code == 302 and answer["Location"] == base(campaign)
    assert Coding.objects.filter(source__campaign=campaign).count() == 9
    assert events("coding.import") == 1
    page = analyst_axel_client.get(base(campaign)).content.decode()
    assert "Fichier importé" in page and "QualCoder" in page


def test_a_broken_file_is_a_400_naming_each_problem_and_stores_nothing(
    analyst_axel_client, campaign
):
    from tests.qualitative.test_refi import tamper

    broken = tamper(lambda text: text.replace('endPosition="', 'endPosition="9', 1))
    answer = analyst_axel_client.post(base(campaign) + "importer/", upload("p.qdpx", broken))
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "QDPX_OFFSETS_OUTSIDE" in page and "PlainTextSelection" in page
    assert not Code.objects.filter(codebook__campaign=campaign).exists()
    assert events("coding.import") == 0


def test_no_file_is_a_400(analyst_axel_client, campaign):
    assert analyst_axel_client.post(base(campaign) + "importer/", {}).status_code == 400


def test_the_import_rejects_the_wrong_method(analyst_axel_client, campaign):
    assert analyst_axel_client.put(base(campaign) + "importer/").status_code == 405


def test_the_import_sends_anonymous_visitors_to_sign_in(client, campaign):
    assert sent_to_sign_in(client.get(base(campaign) + "importer/"))


@pytest.mark.parametrize("persona", NOT_MANAGERS)
def test_the_import_is_refused_to_others(request, persona, campaign):
    data = (DATA / "qualcoder-entretiens.qdpx").read_bytes()
    answer = client_of(request, persona).post(
        base(campaign) + "importer/", upload("entretiens.qdpx", data)
    )
    assert answer.status_code == 403
    assert not Code.objects.filter(codebook__campaign=campaign).exists()
