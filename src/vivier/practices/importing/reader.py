"""Plain text out of the documents sheets arrive in: .txt, .docx, .pdf.

The parser works on text only, so that one set of rules serves every format; each reader
keeps one paragraph (or one extracted PDF line) per line, which is what the parser's
line-anchored headings expect.

Documents come from outside, so each reader is bounded before it parses anything: the file's
size, then for a Word document its archive (declared sizes, ratio, parts, and no DTD in any
XML part: :mod:`vivier.surveys.codecs.shared.archive_guard`), for a PDF its pages, and for every
format the length of the text. A document that breaks a bound, or that its library cannot
read, raises :class:`UnreadableDocument`, which carries its problem of the catalogue
(:class:`~vivier.problems.ProblemCode`) and says why in French and in English; nothing else
escapes, whatever the file holds.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from vivier.problems import ProblemCode, ProblemError, number, problem
from vivier.surveys.codecs.shared.archive_guard import (
    DOCUMENT,
    ArchiveRefused,
    check_archive,
    scan_all_xml,
)

MIB = 1024 * 1024
#: The upload page promises 20 MB; the report's 21 sheets weigh 350 KB as text.
MAX_DOCUMENT_BYTES = 20 * MIB
#: Characters of text read from one document: fourteen times the report's 21 sheets, so the
#: parser's work stays a few seconds whatever the file.
MAX_TEXT_CHARS = 5_000_000
#: Pages of a PDF: the report is under 200 pages; each page costs pypdf a content-stream
#: parse, so a file of 100,000 empty pages would hold the importer for minutes.
MAX_PDF_PAGES = 1_000


class UnsupportedDocument(ProblemError):
    """The file's type is not one the importer reads."""


class UnreadableDocument(ProblemError):
    """The document is refused: too big, hostile, or not readable by its library.

    ``code`` is stable (``DOCX_UNREADABLE``, ``ARCHIVE_XML_DTD``, ``PDF_TOO_MANY_PAGES``...);
    ``str()`` is the English sentence, :meth:`message` gives either language.
    """


def read_document(path: str | Path) -> str:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in {".txt", ".text", ".md"}:
        reader = _read_text
    elif suffix == ".docx":
        reader = _read_docx
    elif suffix == ".pdf":
        reader = _read_pdf
    else:
        raise UnsupportedDocument.of(ProblemCode.DOCUMENT_TYPE_UNSUPPORTED, name=path.name)
    text = reader(_read_bytes(path))
    if len(text) > MAX_TEXT_CHARS:
        raise UnreadableDocument.of(ProblemCode.DOCUMENT_TOO_LONG, limit=number(MAX_TEXT_CHARS))
    return text


def _read_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_DOCUMENT_BYTES:
        raise UnreadableDocument.of(
            ProblemCode.DOCUMENT_TOO_BIG, size_mb=size // MIB, limit_mb=MAX_DOCUMENT_BYTES // MIB
        )
    return path.read_bytes()


def _read_text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Word's "plain text" export on Windows is often cp1252.
        return data.decode("cp1252", errors="replace")


def _read_docx(data: bytes) -> str:
    import docx  # python-docx; imported here so reading text needs no optional library

    try:
        with check_archive(data, DOCUMENT) as archive:
            scan_all_xml(archive, DOCUMENT)
    except ArchiveRefused as exc:
        raise UnreadableDocument(exc.diagnostic) from exc
    try:
        document = docx.Document(io.BytesIO(data))
        return _docx_text(document)
    except Exception as exc:  # a broken package makes python-docx raise anything
        raise UnreadableDocument.of(ProblemCode.DOCX_UNREADABLE, detail=type(exc).__name__) from exc


def _docx_text(document: Any) -> str:
    lines: list[str] = []
    # Body paragraphs and tables in document order: the identification table of a sheet
    # is often a real Word table, and its cells must come between the title and the text.
    # Comments and processing instructions have no string tag: they are skipped.
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
        if tag == "p":
            lines.append(_runs(child))
        elif tag == "tbl":
            for row in child.iter("{*}tr"):
                cells = []
                for cell in row.iterchildren("{*}tc"):
                    text = " ".join(_runs(p) for p in cell.iter("{*}p"))
                    cells.append(" ".join(text.split()))
                # "Territoire" | "Gironde" becomes "Territoire Gironde", as in the report.
                lines.append(" ".join(c for c in cells if c))
    return "\n".join(lines)


def _runs(element: Any) -> str:
    """The text of an element's ``t`` runs, in order."""
    return "".join(node.text or "" for node in element.iter("{*}t"))


def _read_pdf(data: bytes) -> str:
    from pypdf import PdfReader, apply_configuration
    from pypdf.errors import LimitReachedError

    try:
        # pypdf's own bounds, tightened for a document of text: a page tree of a few
        # thousand entries at most, and no stream inflating past 16 MB (text pages need a
        # few hundred kilobytes each; the default, 75 MB, lets one bomb take 200 MB).
        with apply_configuration(
            page_tree_maximum_entries=4 * MAX_PDF_PAGES,
            page_tree_maximum_page_entries=4 * MAX_PDF_PAGES,
            zlib_maximum_output_length=16 * MIB,
        ):
            reader = PdfReader(io.BytesIO(data))
            pages: Any = reader.root_object["/Pages"]
            declared = pages.get("/Count", 0)
            if isinstance(declared, int) and declared > MAX_PDF_PAGES:
                raise _too_many_pages(declared)
            texts = []
            for number, page in enumerate(reader.pages, start=1):
                if number > MAX_PDF_PAGES:  # a page tree that lies about its count
                    raise _too_many_pages(number)
                texts.append(page.extract_text() or "")
    except UnreadableDocument:
        raise
    except LimitReachedError as exc:
        # pypdf's own bounds (inflated stream sizes, parsing work, nesting) were reached.
        raise UnreadableDocument.of(ProblemCode.PDF_LIMIT) from exc
    except Exception as exc:  # a corrupt PDF makes pypdf raise anything, RecursionError too
        raise UnreadableDocument.of(ProblemCode.PDF_UNREADABLE, detail=type(exc).__name__) from exc
    text = "\n".join(texts)
    # Recent pypdf releases render the gap between two words as a narrow no-break space;
    # the parser's headings and "Territoire"/"Année" cells expect plain spaces.
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def _too_many_pages(pages: int) -> UnreadableDocument:
    return UnreadableDocument(
        problem(ProblemCode.PDF_TOO_MANY_PAGES, pages=pages, limit=MAX_PDF_PAGES)
    )
