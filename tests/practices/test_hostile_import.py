"""Hostile documents given to the practice importer: refused with a sentence, nothing created.

Word documents that are zip bombs or declare a DTD (billion laughs, external entity), PDFs
that are corrupt, inflate to gigabytes, nest 10,000 deep or hold 100,000 pages, and files
over the size limit: the reader raises ``UnreadableDocument`` with a code, the command line
prints a sentence (no traceback), the staff page answers in French (no error page). The
documents are generated (``tests.hostile_files``).
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests import hostile_files as hostile
from vivier.__main__ import main
from vivier.practices.importing import read_document
from vivier.practices.importing.reader import (
    MAX_DOCUMENT_BYTES,
    MAX_PDF_PAGES,
    UnreadableDocument,
)
from vivier.practices.models import Practice

DOCUMENTS = {
    "bombe.docx": (lambda: hostile.docx_bomb(), "ARCHIVE_MEMBER_TOO_BIG"),
    "rires.docx": (lambda: hostile.docx_with_dtd("laughs"), "ARCHIVE_XML_DTD"),
    "xxe.docx": (lambda: hostile.docx_with_dtd("xxe"), "ARCHIVE_XML_DTD"),
    "pas-un-zip.docx": (lambda: b"PK\x03\x04 ceci n'est pas une archive", "ARCHIVE_CORRUPT"),
    "abime.pdf": (lambda: hostile.pdf_corrupt(), "PDF_UNREADABLE"),
    "bombe.pdf": (lambda: hostile.pdf_bomb(), "PDF_LIMIT"),
    "profond.pdf": (lambda: hostile.pdf_nested(), "PDF_UNREADABLE"),
    "pages.pdf": (lambda: hostile.pdf_many_pages(MAX_PDF_PAGES + 1), "PDF_TOO_MANY_PAGES"),
}


def write(tmp_path, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(DOCUMENTS[name][0]())
    return str(path)


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_the_reader_refuses_with_a_code_and_both_languages(tmp_path, name):
    with pytest.raises(UnreadableDocument) as refused:
        read_document(write(tmp_path, name))
    assert refused.value.code == DOCUMENTS[name][1]
    assert refused.value.message("fr") != refused.value.message("en")
    assert refused.value.message("fr") and refused.value.message("en")


def test_the_xxe_document_never_reads_the_server_files(tmp_path):
    with pytest.raises(UnreadableDocument) as refused:
        read_document(write(tmp_path, "xxe.docx"))
    assert "root:" not in str(refused.value)


def test_a_document_over_the_size_limit_is_refused_unread(tmp_path):
    path = tmp_path / "enorme.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_DOCUMENT_BYTES + 1)  # sparse: nothing is written to the disk
    with pytest.raises(UnreadableDocument) as refused:
        read_document(path)
    assert refused.value.code == "DOCUMENT_TOO_BIG"


def test_a_page_tree_lying_about_its_count_is_still_bounded(tmp_path):
    data = hostile.pdf_many_pages(MAX_PDF_PAGES + 1).replace(
        b"/Count %d" % (MAX_PDF_PAGES + 1), b"/Count 1"
    )
    path = tmp_path / "menteur.pdf"
    path.write_bytes(data)
    with pytest.raises(UnreadableDocument) as refused:
        read_document(path)
    assert refused.value.code in {"PDF_TOO_MANY_PAGES", "PDF_LIMIT"}


def test_ordinary_documents_still_read(tmp_path):
    word = tmp_path / "fiche.docx"
    word.write_bytes(hostile.docx_bytes(["FICHE N°1", "Des cafés des parents"]))
    assert read_document(word) == "FICHE N°1\nDes cafés des parents"
    pdf = tmp_path / "fiche.pdf"
    pdf.write_bytes(hostile.pdf_text("Cafes des parents"))
    assert "Cafes des parents" in read_document(pdf)


def test_a_comment_in_a_word_body_is_skipped_not_a_crash(tmp_path):
    import io
    import zipfile

    base = hostile.docx_bytes(["Avant", "Après"])
    with zipfile.ZipFile(io.BytesIO(base)) as source:
        members = {i.filename: source.read(i) for i in source.infolist()}
    body = members["word/document.xml"].decode()
    members["word/document.xml"] = body.replace("<w:body>", "<w:body><!-- note -->", 1).encode()
    path = tmp_path / "commentaire.docx"
    path.write_bytes(hostile.zip_archive(members, {}))
    assert read_document(path) == "Avant\nAprès"


# -- The command line and the staff page (database) ---------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_the_command_line_says_why_and_creates_nothing(tmp_path, capsys, name):
    assert main(["practices", "import", write(tmp_path, name)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"{name}: cannot be read (" in err
    assert not Practice.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_the_staff_page_says_why_in_french_and_creates_nothing(alice_client, name):
    upload = SimpleUploadedFile(name, DOCUMENTS[name][0]())
    answer = alice_client.post("/staff/pratiques/importer/", {"document": upload})
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "n’a pas pu être lu" in page
    assert "Traceback" not in page
    assert not Practice.objects.exists()


@pytest.mark.django_db
def test_the_staff_page_names_the_bomb_in_french(alice_client):
    upload = SimpleUploadedFile("bombe.docx", hostile.docx_bomb())
    page = alice_client.post("/staff/pratiques/importer/", {"document": upload}).content.decode()
    assert "se décompresse en 2\u00a0048 Mo" in page


@pytest.mark.django_db
def test_the_staff_page_refuses_a_file_over_the_limit_before_reading_it(alice_client, monkeypatch):
    from vivier.practices.importing import reader

    # A limit of 1 MB, so the test uploads 1 MB and a byte rather than 20.
    monkeypatch.setattr(reader, "MAX_DOCUMENT_BYTES", 1024 * 1024)
    upload = SimpleUploadedFile("enorme.txt", b"x" * (1024 * 1024 + 1))
    answer = alice_client.post("/staff/pratiques/importer/", {"document": upload})
    assert answer.status_code == 400
    assert "dépasse la taille maximale de 1 Mo" in answer.content.decode()
    assert not Practice.objects.exists()


@pytest.mark.django_db
def test_the_upload_still_requires_staff(client, carol):
    upload = SimpleUploadedFile("bombe.docx", b"x")
    assert client.post("/staff/pratiques/importer/", {"document": upload}).status_code == 302
    client.force_login(carol)
    upload = SimpleUploadedFile("bombe.docx", b"x")
    assert client.post("/staff/pratiques/importer/", {"document": upload}).status_code == 403
    assert not Practice.objects.exists()
