"""No input can break an output: control characters are removed where text comes in, and
every writer copes with those stored before."""

from __future__ import annotations

import io
import json
import re

import polars as pl
import pytest
from openpyxl import load_workbook

from tests.campaigns.helpers import page_url, start
from tests.support import small_questionnaire
from vivier.__main__ import main
from vivier.campaigns import services
from vivier.campaigns.imports import import_jsonl
from vivier.campaigns.models import QuestionnaireVersion, Response, definition_checksum
from vivier.campaigns.questionnaire_imports import import_upload
from vivier.reports import snapshots
from vivier.reports.models import Remark
from vivier.surveys.codecs import vivier_json
from vivier.text import has_controls, strip_controls

pytestmark = pytest.mark.django_db

CONTROLS = "\x01\x0b\x1f\x7f\x85"
DIRTY = "Un\x01 groupe\x0b de\x1f parole\x7f pour\x85 tous"
CLEAN = "Un groupe de parole pour tous"
LABEL = "Son nom, en toutes lettres"
DIRTY_LABEL = "Son\x01 nom, en\x1f toutes lettres"
REMARK = "Une remarque\x0b à relire"


def _without_controls(text: str) -> None:
    assert not any(c in text for c in CONTROLS)


# -- Entries ---------------------------------------------------------------------------------


def test_the_respondent_form_stores_texts_without_controls(client, campaign):
    response, url = start(client, campaign)
    client.post(page_url(url, "profil"), {"role": "pro"})
    answer = client.post(page_url(url, "pratique"), {"connait": "yes", "nom": DIRTY})
    assert answer.status_code == 302
    response.refresh_from_db()
    assert response.answers["nom"] == CLEAN


def test_an_assisted_entry_stores_texts_without_controls(alice_client, campaign):
    started = alice_client.post(f"/staff/campagnes/{campaign.slug}/saisie/", {"mode": "assisted"})
    assert started.status_code == 302
    resume = started["Location"]
    alice_client.post(page_url(resume, "profil"), {"role": "pro"})
    alice_client.post(page_url(resume, "pratique"), {"connait": "yes", "nom": DIRTY})
    stored = Response.objects.get(campaign=campaign)
    assert stored.mode == Response.Mode.ASSISTED
    assert stored.answers["nom"] == CLEAN


def test_a_refused_page_shows_back_the_text_without_controls(client, campaign):
    _response, url = start(client, campaign)
    answer = client.post(page_url(url, "profil"), {"role": "pro", "age": "douze\x01"})
    assert answer.status_code == 400
    html = answer.content.decode()
    assert 'value="douze"' in html
    _without_controls(html)


def test_a_response_import_stores_texts_without_controls(campaign):
    line = {
        "id": "p\x01-1",
        "submitted_at": "2020-08-24T10:00:00+02:00",
        "channel": "pa\x7fpier",
        "answers": {"role": "pro", "connait": "yes", "nom": DIRTY},
    }
    import_jsonl(campaign, [json.dumps(line)], source="r.jsonl")
    stored = Response.objects.get(campaign=campaign)
    assert (stored.key, stored.channel, stored.answers["nom"]) == ("p-1", "papier", CLEAN)


def test_nul_and_lone_surrogates_escaped_in_json_are_removed_too(campaign):
    # PostgreSQL's jsonb refuses both; XML writers refuse both.
    line = (
        '{"id": "p2", "submitted_at": "2020-08-24T10:00:00+02:00", "answers": '
        '{"role": "pro", "connait": "yes", "nom": "Caf\\u0000\\ud800\\uffff\\u00e9"}}'
    )
    import_jsonl(campaign, [line], source="r.jsonl")
    assert Response.objects.get(campaign=campaign).answers["nom"] == "Café"


def test_a_kobo_import_stores_texts_without_controls(tmp_path, campaign):
    path = tmp_path / "submissions.json"
    submissions = [{"_uuid": "k1", "role": "other", "role_other": DIRTY}]
    path.write_text(json.dumps(submissions), encoding="utf-8")
    assert main(["import-responses", campaign.slug, str(path), "--from", "kobo"]) == 0
    stored = Response.objects.get(campaign=campaign, key="k1")
    assert stored.answers["role_other"] == CLEAN


def test_a_questionnaire_import_stores_labels_without_controls(db):
    q = small_questionnaire(slug="importe")
    document = json.loads(vivier_json.dumps(q))
    document["title"] = "Petit\x01 questionnaire"
    document["sections"][1]["questions"][1]["label"] = DIRTY_LABEL
    result, version = import_upload(json.dumps(document).encode(), "q.json")
    assert result.ok and version is not None
    _without_controls(json.dumps(version.definition, ensure_ascii=False))
    assert version.title == "Petit questionnaire"
    assert version.questionnaire().question("nom").label == "Son nom, en toutes lettres"


def test_a_practice_import_stores_sheets_without_controls(tmp_path, capsys):
    from vivier.practices.models import Practice

    path = tmp_path / "fiches.txt"
    path.write_text(
        "FICHE N°7C : UNE FICHE\x01 EN WORD\nTerritoire\nFinistère\n"
        " Descriptif de l’action\nUne\x0b action\x7f claire.\n",
        encoding="utf-8",
    )
    assert main(["practices", "import", str(path)]) == 0
    sheet = Practice.objects.get(code="7C").sheet()
    assert (sheet.title, sheet.description) == ("UNE FICHE EN WORD", "Une action claire.")


def test_a_sheet_edited_in_the_browser_is_stored_without_controls(alice_client):
    from vivier.practices import registry
    from vivier.practices.models import Practice
    from vivier.sheets.schema import Sheet

    practice = registry.save_sheet(Sheet(title="Cafés des parents"))
    answer = alice_client.post(
        f"/staff/pratiques/{practice.slug}/modifier/",
        {"title": "Cafés\x01 des parents", "summary": DIRTY, "departements": "33", "note": ""},
    )
    assert answer.status_code == 302
    sheet = Practice.objects.get(pk=practice.pk).sheet()
    assert (sheet.title, sheet.summary) == ("Cafés des parents", CLEAN)


def test_a_title_made_only_of_controls_is_refused_as_empty(alice_client):
    from vivier.practices import registry
    from vivier.sheets.schema import Sheet

    practice = registry.save_sheet(Sheet(title="Cafés des parents"))
    answer = alice_client.post(
        f"/staff/pratiques/{practice.slug}/modifier/", {"title": "\x01\x02", "note": ""}
    )
    assert answer.status_code == 400
    assert 'href="#id_title"' in answer.content.decode()


def test_a_remark_is_stored_without_controls(alice_client, campaign):
    alice_client.post(
        f"/staff/campagnes/{campaign.slug}/analyse/remarques/",
        {"question": "nom", "kind": "ANALYSE", "text": REMARK},
    )
    assert Remark.objects.get(campaign=campaign).text == "Une remarque à relire"


# -- Writers, with texts stored before entries cleaned them ----------------------------------


@pytest.fixture
def stored_dirty(campaign):
    """A response, a label and a remark stored with control characters, entries bypassed."""
    snapshots.forget(files=True)
    response = services.create_submitted(
        campaign,
        key="sale-1",
        answers={"role": "pro", "connait": "yes", "nom": "x"},
        submitted_at=campaign.opens_at,
    )
    Response.objects.filter(pk=response.pk).update(
        answers={"role": "pro", "connait": "yes", "nom": DIRTY}
    )
    version = campaign.questionnaire
    definition = json.loads(json.dumps(version.definition))
    definition["sections"][1]["questions"][1]["label"] = DIRTY_LABEL
    QuestionnaireVersion.objects.filter(pk=version.pk).update(
        definition=definition, checksum=definition_checksum(definition)
    )
    Remark.objects.create(campaign=campaign, question="nom", kind="ANALYSE", text=REMARK)
    assert has_controls(Response.objects.get(pk=response.pk).answers["nom"])
    yield campaign
    snapshots.forget(files=True)


def _xlsx_text(data: bytes) -> str:
    book = load_workbook(io.BytesIO(data), read_only=True)
    return "\n".join(
        str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row if v
    )


def _docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    # Text extraction gives word gaps as spaces of several kinds and breaks long lines.
    return re.sub(r"\s+", " ", text)


def _parquet_text(data: bytes) -> str:
    frame = pl.read_parquet(io.BytesIO(data))
    return "\n".join(str(v) for column in frame.iter_columns() for v in column.to_list())


READERS = {
    "csv": lambda data: data.decode("utf-8"),
    "json": lambda data: data.decode("utf-8"),
    "html": lambda data: data.decode("utf-8"),
    "xlsx": _xlsx_text,
    "docx": _docx_text,
    "pdf": _pdf_text,
    "parquet": _parquet_text,
}


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx", "parquet"])
def test_every_response_export_copes(tmp_path, stored_dirty, fmt):
    out, book = tmp_path / f"reponses.{fmt}", tmp_path / "codebook.csv"
    args = ["export-responses", stored_dirty.slug, "--format", fmt, "-o", str(out)]
    assert main([*args, "--codebook", str(book)]) == 0
    text = READERS[fmt](out.read_bytes())
    assert CLEAN in text
    _without_controls(text)
    codebook = book.read_text(encoding="utf-8")
    assert LABEL in codebook
    _without_controls(codebook)


@pytest.mark.parametrize("fmt", ["json", "html", "pdf", "docx", "xlsx", "csv"])
def test_every_report_format_copes(tmp_path, stored_dirty, fmt):
    out = tmp_path / f"rapport.{fmt}"
    assert main(["report", stored_dirty.slug, "--format", fmt, "-o", str(out)]) == 0
    text = READERS[fmt](out.read_bytes())
    _without_controls(text)
    # The workbook and the CSV table hold figures (and the workbook the remarks), never
    # free texts; the report dict holds figures and texts, labels are the documents'.
    if fmt not in ("xlsx", "csv"):
        assert CLEAN in text
    if fmt != "json":
        assert LABEL in text
    if fmt not in ("json", "csv"):
        assert "Une remarque à relire" in text


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "xlsx", "parquet", "codebook.csv"])
def test_every_staff_export_download_copes(alice_client, stored_dirty, fmt):
    answer = alice_client.get(f"/staff/campagnes/{stored_dirty.slug}/export.{fmt}")
    assert answer.status_code == 200
    text = READERS[fmt.replace("jsonl", "json").replace("codebook.", "")](answer.content)
    assert (LABEL if fmt == "codebook.csv" else CLEAN) in text
    _without_controls(text)


@pytest.mark.parametrize("fmt", ["json", "html", "pdf", "docx", "xlsx", "csv"])
def test_every_report_download_copes(alice_client, stored_dirty, fmt):
    answer = alice_client.get(f"/staff/campagnes/{stored_dirty.slug}/rapport.{fmt}")
    assert answer.status_code == 200
    text = READERS[fmt](answer.content)
    _without_controls(text)
    if fmt not in ("xlsx", "csv"):
        assert CLEAN in text


@pytest.mark.parametrize("fmt", ["json", "xlsform"])
def test_the_questionnaire_export_copes(tmp_path, stored_dirty, fmt):
    out = tmp_path / f"q.{'json' if fmt == 'json' else 'xlsx'}"
    slug = stored_dirty.questionnaire.slug
    assert main(["questionnaire", "export", slug, "--format", fmt, "-o", str(out)]) == 0
    text = READERS["json" if fmt == "json" else "xlsx"](out.read_bytes())
    assert LABEL in text
    _without_controls(text)


def test_the_staff_pages_cope_with_texts_stored_before(alice_client, stored_dirty):
    # A browser ignores control characters: the pages show the stored text as it is (cleaning
    # every text of a large campaign at each page view would cost more than it gives).
    detail = alice_client.get(f"/staff/campagnes/{stored_dirty.slug}/reponses/sale-1/")
    assert detail.status_code == 200
    answer = alice_client.get(f"/staff/campagnes/{stored_dirty.slug}/analyse/q/nom/")
    assert answer.status_code == 200
    texts = answer.content.decode().split('<ul class="vivier-texts">')[1].split("</ul>")[0]
    assert strip_controls(texts) == f"<li>{CLEAN}</li>"
