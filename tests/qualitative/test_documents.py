"""Reading an interview note from a file (``vivier.qualitative.documents``): .txt in UTF-8,
UTF-16 or cp1252, .docx and .odt built here, and the refusals, each naming the file."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from odf.opendocument import OpenDocumentText
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import H, LineBreak, P, S

from vivier.qualitative import documents
from vivier.sheets.schema import Section, Sheet


def refusal(filename: str, data: bytes) -> documents.NoteRefused:
    with pytest.raises(documents.NoteRefused) as caught:
        documents.read_note(filename, data)
    return caught.value


def docx_bytes() -> bytes:
    document = docx.Document()
    document.add_heading("Entretien du 12 mars", level=1)
    document.add_paragraph("Elle anime un groupe de parole.")
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text = "Public"
    table.rows[0].cells[1].text = "Aidants familiaux"
    table.rows[1].cells[0].text = "Lieu"
    table.rows[1].cells[1].text = "Centre social"
    document.add_paragraph("Fin de l’entretien.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def odt_bytes(spaces: int = 3) -> bytes:
    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text="Audition"))
    paragraph = P(text="Bonjour")
    paragraph.addElement(S(c=spaces))
    paragraph.addText("à vous")
    paragraph.addElement(LineBreak())
    paragraph.addText("seconde ligne")
    document.text.addElement(paragraph)
    table = Table()
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    row = TableRow()
    for words in ("Public", "Jeunes majeurs"):
        cell = TableCell()
        cell.addElement(P(text=words))
        row.addElement(cell)
    table.addElement(row)
    document.text.addElement(table)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# -- Text files --------------------------------------------------------------------------------


def test_utf8_with_a_bom_and_windows_line_ends():
    data = "\ufeffPremière ligne\r\nSeconde ligne  \r\n\r\n".encode()
    assert documents.read_note("note.txt", data) == "Première ligne\nSeconde ligne"


def test_cp1252_is_read_when_the_file_is_not_utf8():
    data = "L’équipe a dit « oui » – œuvre".encode("cp1252")
    assert documents.read_note("NOTE.TXT", data) == "L’équipe a dit « oui » – œuvre"


def test_utf16_with_its_bom():
    data = "Entretien : café".encode("utf-16")
    assert documents.read_note("note.txt", data) == "Entretien : café"


def test_control_characters_are_removed():
    assert documents.read_note("n.txt", b"a\x01b\x0bc") == "abc"


def test_a_binary_file_named_txt_is_refused():
    found = refusal("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert found.code == "NOTE_UNREADABLE"
    assert found.diagnostic.location.file == "photo.txt"


# -- Office files ------------------------------------------------------------------------------


def test_docx_paragraphs_and_table_cells_in_order():
    assert documents.read_note("entretien.docx", docx_bytes()) == (
        "Entretien du 12 mars\n"
        "Elle anime un groupe de parole.\n"
        "Public\tAidants familiaux\n"
        "Lieu\tCentre social\n"
        "Fin de l’entretien."
    )


def test_odt_headings_paragraphs_spaces_breaks_and_tables():
    assert documents.read_note("audition.odt", odt_bytes()) == (
        "Audition\nBonjour   à vous\nseconde ligne\nPublic\tJeunes majeurs"
    )


def test_odt_space_counts_are_bounded():
    text = documents.read_note("audition.odt", odt_bytes(spaces=10**9))
    assert text.startswith("Audition\nBonjour" + " " * documents.MAX_SPACES + "à vous")


def test_a_broken_docx_is_refused_with_its_file_named():
    found = refusal("entretien.docx", b"PK\x03\x04 pas une archive")
    assert found.code == "ARCHIVE_CORRUPT"
    assert found.diagnostic.describe().startswith("fichier « entretien.docx » : ")


def test_a_zip_that_is_no_word_document_is_unreadable():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("bonjour.txt", "rien")
    found = refusal("faux.docx", out.getvalue())
    assert found.code == "NOTE_UNREADABLE"
    assert "document Word" in found.message("fr")


def test_an_odt_without_content_is_unreadable():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    found = refusal("vide.odt", out.getvalue())
    assert found.code == "NOTE_UNREADABLE"
    assert found.diagnostic.location.file == "vide.odt"


def test_a_dtd_in_an_odt_is_refused_before_odfpy_reads_it():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            "content.xml",
            '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>',
        )
    assert refusal("bombe.odt", out.getvalue()).code == "ARCHIVE_XML_DTD"


# -- Refusals of any file ----------------------------------------------------------------------


def test_an_unknown_format_names_the_accepted_ones():
    found = refusal("C:\\notes\\entretien.pdf", b"%PDF-1.7")
    assert found.code == "NOTE_FORMAT"
    assert found.diagnostic.describe() == (
        "fichier « C:\\notes\\entretien.pdf » : le format « .pdf » n’est pas lu : "
        "formats acceptés .txt, .docx, .odt"
    )


def test_an_empty_text_is_refused():
    assert refusal("vide.txt", b"  \r\n\t\n").code == "NOTE_EMPTY"
    out = io.BytesIO()
    docx.Document().save(out)
    assert refusal("vide.docx", out.getvalue()).code == "NOTE_EMPTY"


def test_a_file_too_big_is_refused_before_it_is_read(monkeypatch):
    monkeypatch.setattr(documents, "MAX_BYTES", 10)
    found = refusal("long.txt", b"x" * 11)
    assert found.code == "NOTE_TOO_BIG"


def test_a_text_too_long_is_refused(monkeypatch):
    monkeypatch.setattr(documents, "MAX_CHARS", 5)
    found = refusal("long.txt", b"abcdefgh")
    assert found.code == "NOTE_TOO_LONG"
    assert found.message("en") == "the text holds 8 characters: the limit is 5"


# -- A typed note and a practice sheet ---------------------------------------------------------


def test_a_typed_note_is_cleaned_like_an_imported_one():
    typed = documents.clean("Première ligne\r\nSeconde ligne  ")
    imported = documents.read_note("n.txt", "Première ligne\r\nSeconde ligne  ".encode())
    assert typed == imported == "Première ligne\nSeconde ligne"


def test_a_sheet_gives_its_narrative_text_under_headings():
    sheet = Sheet(
        title="Conférences familiales",
        summary="Des familles décident ensemble.",
        description="Un coordinateur prépare la réunion.",
        other_sections=(Section("Historique", "Lancée en 2016."),),
    )
    assert documents.sheet_text(sheet) == (
        "Conférences familiales\n\nRésumé\nDes familles décident ensemble.\n\n"
        "Description\nUn coordinateur prépare la réunion.\n\nHistorique\nLancée en 2016."
    )
