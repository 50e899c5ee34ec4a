"""Plain text out of the documents sheets arrive in: .txt, .docx, .pdf.

The parser works on text only, so that one set of rules serves every format; each reader
keeps one paragraph (or one extracted PDF line) per line, which is what the parser's
line-anchored headings expect.
"""

from __future__ import annotations

from pathlib import Path


class UnsupportedDocument(ValueError):
    """The file's type is not one the importer reads."""


def read_document(path: str | Path) -> str:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in {".txt", ".text", ".md"}:
        return _read_text(path)
    if suffix == ".docx":
        return _read_docx(path)
    if suffix == ".pdf":
        return _read_pdf(path)
    raise UnsupportedDocument(f"{path.name}: only .txt, .docx and .pdf documents can be imported")


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Word's "plain text" export on Windows is often cp1252.
        return data.decode("cp1252", errors="replace")


def _read_docx(path: Path) -> str:
    import docx  # python-docx; imported here so reading text needs no optional library

    document = docx.Document(str(path))
    lines: list[str] = []
    # Body paragraphs and tables in document order: the identification table of a sheet
    # is often a real Word table, and its cells must come between the title and the text.
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(
                "".join(node.text or "" for node in child.iter() if node.tag.endswith("}t"))
            )
        elif tag == "tbl":
            for row in child.iter():
                if row.tag.endswith("}tr"):
                    cells = []
                    for cell in row.iterchildren():
                        if cell.tag.endswith("}tc"):
                            text = " ".join(
                                "".join(n.text or "" for n in p.iter() if n.tag.endswith("}t"))
                                for p in cell.iter()
                                if p.tag.endswith("}p")
                            )
                            cells.append(" ".join(text.split()))
                    # "Territoire" | "Gironde" becomes "Territoire Gironde", as in the report.
                    lines.append(" ".join(c for c in cells if c))
    return "\n".join(lines)


def _read_pdf(path: Path) -> str:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    # Recent pypdf releases render the gap between two words as a narrow no-break space;
    # the parser's headings and "Territoire"/"Année" cells expect plain spaces.
    return text.replace("\u202f", " ").replace("\u00a0", " ")
