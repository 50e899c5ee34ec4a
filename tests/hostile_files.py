"""Hostile documents, generated on the fly so that none sits in the repository.

Each function returns the bytes of one file an attacker (or a broken tool) could hand to an
importer (the large ones are made once per run): zip bombs that are small on disk and
inflate to gigabytes, Word documents with a DTD (billion laughs, external entity), corrupt
and "bomb" PDFs, JSON nested thousands deep, and spreadsheets whose header row holds a
million columns.

The zip bombs are written by hand rather than through ``zipfile``: deflating 2 GiB takes
seconds, while a deflate stream restarted by a full flush repeats itself exactly, so one
compressed mebibyte of filler is copied 2,048 times. ``zipfile`` reads the result back like
any archive (a test checks it does inflate), which is what makes it a real bomb.
"""

from __future__ import annotations

import functools
import io
import struct
import zipfile
import zlib

GIB = 1024 * 1024 * 1024
_CHUNK = 1024 * 1024


def deflated_filler(prefix: bytes, filler: bytes, size: int, suffix: bytes) -> tuple[bytes, int]:
    """A raw deflate stream of ``prefix + filler * (size // len(filler)) + suffix``, and its
    CRC-32, built in well under a second whatever ``size``."""
    chunk = filler * (_CHUNK // len(filler))
    count = size // len(chunk)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = compressor.compress(prefix) + compressor.flush(zlib.Z_FULL_FLUSH)
    first = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeated = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.compress(suffix) + compressor.flush()
    stream = head + first + repeated * (count - 1) + tail
    crc = zlib.crc32(prefix)
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(suffix, crc)
    return stream, crc


def zip_archive(members: dict[str, bytes], raw: dict[str, tuple[bytes, int, int]]) -> bytes:
    """A zip file: ``members`` deflated as usual, ``raw`` given as (deflate stream, CRC-32,
    uncompressed size) as :func:`deflated_filler` makes them. Sizes stay under 4 GiB, so no
    zip64 records are needed."""
    entries: list[tuple[str, bytes, int, int]] = []
    for name, content in members.items():
        compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
        stream = compressor.compress(content) + compressor.flush()
        entries.append((name, stream, zlib.crc32(content), len(content)))
    entries.extend((name, stream, crc, size) for name, (stream, crc, size) in raw.items())
    out = io.BytesIO()
    central = io.BytesIO()
    for name, stream, crc, size in entries:
        encoded = name.encode()
        offset = out.tell()
        fields = (20, 0, 8, 0, 0x21, crc, len(stream), size, len(encoded), 0)
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", *fields))
        out.write(encoded)
        out.write(stream)
        central.write(
            struct.pack(
                "<4s6H3L5H2L",
                b"PK\x01\x02",
                20,
                *fields[:-1],
                0,
                0,
                0,
                0,
                0,
                offset,
            )
        )
        central.write(encoded)
    start = out.tell()
    directory = central.getvalue()
    out.write(directory)
    count = len(entries)
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(directory), start, 0))
    return out.getvalue()


# -- Office documents ---------------------------------------------------------------------------

_XLSX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="survey" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
    ),
}
_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_SHEET_TAIL = "</sheetData></worksheet>"


def _inline(value: str) -> str:
    return f'<c t="inlineStr"><is><t>{value}</t></is></c>'


def xlsx_sheet(rows: list[list[str]], raw_rows: str = "") -> bytes:
    """A one-sheet workbook (``survey``) of inline strings, the simplest real .xlsx;
    ``raw_rows`` (XML) follow ``rows``."""
    body = "".join(
        f'<row r="{n}">' + "".join(_inline(v) for v in row) + "</row>"
        for n, row in enumerate(rows, start=1)
    )
    members = {name: text.encode() for name, text in _XLSX_PARTS.items()}
    members["xl/worksheets/sheet1.xml"] = (_SHEET_HEAD + body + raw_rows + _SHEET_TAIL).encode()
    members["xl/sharedStrings.xml"] = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
    )
    return zip_archive(members, {})


@functools.cache
def xlsx_bomb(size: int = 2 * GIB) -> bytes:
    """An .xlsx of about 2 MB whose shared-strings part holds one string of ``size`` bytes."""
    members = {name: text.encode() for name, text in _XLSX_PARTS.items()}
    members["xl/worksheets/sheet1.xml"] = (
        _SHEET_HEAD
        + '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>name</t></is>'
        "</c></row>" + _SHEET_TAIL
    ).encode()
    prefix = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
    stream, crc = deflated_filler(prefix, b"a", size, b"</t></si></sst>")
    return zip_archive(members, {"xl/sharedStrings.xml": (stream, crc, _filled(prefix, size, 15))})


@functools.cache
def xlsx_wide(columns: int = 1_000_000) -> bytes:
    """An .xlsx whose ``survey`` sheet has one header row of ``columns`` distinct cells."""
    return xlsx_sheet([["type", "name", "label", *(f"c{i}" for i in range(columns - 3))]])


def _filled(prefix: bytes, size: int, suffix_length: int) -> int:
    return len(prefix) + (size // _CHUNK) * _CHUNK + suffix_length


def docx_bytes(paragraphs: list[str]) -> bytes:
    """A real Word document (python-docx's own template) with these paragraphs."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _replace_member(archive: bytes, name: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = content if info.filename == name else source.read(info)
            target.writestr(info.filename, data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@functools.cache
def docx_with_dtd(kind: str) -> bytes:
    """A Word document whose body declares a DTD: ``laughs`` (entities that expand
    exponentially, a billion times "lol") or ``xxe`` (an entity reading /etc/passwd)."""
    if kind == "laughs":
        entities = ['<!ENTITY lol0 "lol">'] + [
            f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
        ]
        dtd, use = "".join(entities), "&lol9;"
    else:
        dtd, use = '<!ENTITY xxe SYSTEM "file:///etc/passwd">', "&xxe;"
    body = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f"<!DOCTYPE w:document [{dtd}]>"
        f'<w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>{use}</w:t></w:r></w:p>'
        "</w:body></w:document>"
    )
    return _replace_member(docx_bytes(["Fiche"]), "word/document.xml", body.encode())


@functools.cache
def docx_bomb(size: int = 2 * GIB) -> bytes:
    """A Word document of about 2 MB whose body inflates to ``size`` bytes of text."""
    base = docx_bytes(["Fiche"])
    members: dict[str, bytes] = {}
    with zipfile.ZipFile(io.BytesIO(base)) as source:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                members[info.filename] = source.read(info)
    prefix = f'<w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>'.encode()
    suffix = b"</w:t></w:r></w:p></w:body></w:document>"
    stream, crc = deflated_filler(prefix, b"a", size, suffix)
    raw = {"word/document.xml": (stream, crc, _filled(prefix, size, len(suffix)))}
    return zip_archive(members, raw)


# -- PDF ----------------------------------------------------------------------------------------


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF file from its numbered objects (1 is the catalogue), with a correct xref."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def _page_pdf(content: bytes, content_dict: bytes) -> bytes:
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< "
            + content_dict
            + b" /Length %d >>\nstream\n" % len(content)
            + content
            + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def pdf_text(text: str) -> bytes:
    """A one-page PDF showing ``text`` (ASCII), to check the reader still reads PDFs."""
    content = b"BT /F1 12 Tf 72 720 Td (" + text.encode("ascii") + b") Tj ET"
    return _page_pdf(content, b"")


def pdf_corrupt() -> bytes:
    """The first bytes of a PDF, then noise: no objects, no cross-reference table."""
    return b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"


@functools.cache
def pdf_bomb(size: int = 2 * GIB) -> bytes:
    """A one-page PDF of about 2 MB whose content stream inflates to ``size`` bytes."""
    raw, _crc = deflated_filler(b"BT /F1 12 Tf 72 720 Td (", b" ", size, b") Tj ET")
    length = len(b"BT /F1 12 Tf 72 720 Td (") + (size // _CHUNK) * _CHUNK + len(b") Tj ET")
    # FlateDecode is the zlib format: a two-byte header, the raw stream, Adler-32 of the data.
    adler = zlib.adler32(b"BT /F1 12 Tf 72 720 Td (")
    chunk = b" " * _CHUNK
    for _ in range(size // _CHUNK):
        adler = zlib.adler32(chunk, adler)
    adler = zlib.adler32(b") Tj ET", adler)
    assert length > 0
    stream = b"\x78\xda" + raw + struct.pack(">L", adler)
    return _page_pdf(stream, b"/Filter /FlateDecode")


def pdf_nested(depth: int = 10_000) -> bytes:
    """A one-page PDF whose page dictionary holds arrays nested ``depth`` deep."""
    nested = b"[" * depth + b"]" * depth
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Deep " + nested + b" >>",
        ]
    )


def pdf_many_pages(pages: int) -> bytes:
    """A PDF with ``pages`` empty pages: small on disk, long to walk."""
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"] * pages
    return _pdf(objects)


# -- JSON and CSV -------------------------------------------------------------------------------


def json_nested(depth: int = 10_000) -> str:
    """An object whose ``answers`` hold lists nested ``depth`` deep."""
    return '{"id": "r1", "answers": {"q": ' + "[" * depth + "]" * depth + "}}"


def csv_wide(columns: int = 1_000_000, first: str = "") -> str:
    """A CSV whose header row has ``columns`` distinct cells (``first`` is put in front)."""
    cells = [f"c{i}" for i in range(columns)]
    if first:
        cells[0] = first
    return ",".join(cells) + "\n"
