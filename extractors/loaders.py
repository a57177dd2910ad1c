"""Source bytes -> LoadedDocument: the format from the content, then text in the right encoding.

    load_document(source_uri, data) -> LoadedDocument   (raises ExtractionError only)
    sniff_format(data, name="")     -> "txt" | "html" | "pdf" | "docx"  (ExtractionError otherwise)
    decode_text(data)               -> (text, encoding)

The format is decided by magic bytes and content; the file name's extension only breaks the tie
between plain text and HTML. Unsupported or unreadable inputs raise ExtractionError with a stable
`reason` (empty, binary, encrypted, truncated, corrupt, no_text, no_pages, unsupported_format,
too_large) and a message that says what the file is and why it cannot be used.
"""
from __future__ import annotations

import hashlib
import io
import re
import zipfile
from pathlib import PurePosixPath

from extractors.docx_text import extract_docx
from extractors.encoding import declared_html_encoding, decode_text, looks_like_wide_unicode, normalize_text
from extractors.html_text import extract_html
from extractors.model import ExtractionError, LoadedDocument
from extractors.pdf_text import extract_pdf

__all__ = ["decode_text", "load_document", "sniff_format"]

MAX_INPUT_BYTES = 256 * 1024 * 1024
# Text and HTML beyond this are not articles or letters but dumps; parsing them costs too much.
MAX_TEXT_BYTES = 32 * 1024 * 1024
MAX_HTML_BYTES = 16 * 1024 * 1024
SNIFF_PROBE_BYTES = 1024
PDF_HEADER_SEARCH_BYTES = 1024  # readers accept "%PDF-" anywhere in the first KB

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
# Stream names inside an OLE2 compound file (stored as UTF-16LE) that say what it holds.
OLE2_STREAM_KINDS = (
    ("EncryptedPackage".encode("utf-16-le"), "encrypted",
     "a password-protected Office document (OLE2 EncryptedPackage): it cannot be read without the password"),
    ("WordDocument".encode("utf-16-le"), "unsupported_format", "a Word 97-2003 .doc file (OLE2), not DOCX: save it as .docx"),
    ("Workbook".encode("utf-16-le"), "unsupported_format", "an Excel 97-2003 .xls file (OLE2)"),
    ("PowerPoint Document".encode("utf-16-le"), "unsupported_format", "a PowerPoint 97-2003 .ppt file (OLE2)"),
)
# Magic bytes of common formats that are certainly not documents we read.
OTHER_FORMAT_MAGICS = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"), (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"), (b"BZh", "a bzip2 archive"), (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"), (b"Rar!\x1a\x07", "a RAR archive"), (b"\x7fELF", "an ELF executable"),
    (b"{\\rtf", "an RTF document"), (b"%!PS", "a PostScript file"), (b"\x00\x00\x00\x0cjP  ", "a JPEG 2000 image"),
    (b"OggS", "an Ogg media file"), (b"ID3", "an MP3 audio file"), (b"\x1aE\xdf\xa3", "a Matroska/WebM video"),
    (b"SQLite format 3\x00", "an SQLite database"), (b"PAR1", "a Parquet file"),
)
RIFF_KINDS = ((b"WEBP", "a WebP image"), (b"WAVE", "a WAV audio file"), (b"AVI ", "an AVI video"))

HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml", ".shtml"})
# WHATWG MIME sniffing: a document that opens with one of these tags is HTML.
HTML_OPENING = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|script|iframe|h1|div|font|table|a|style|title|b|br|p|meta|!--)[\s>/]")
XHTML_OPENING = re.compile(rb"<\?xml[^>]*>\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.DOTALL)
MARKUP_TAG = re.compile(rb"<[a-z!/?]")


def load_document(source_uri: str, data: bytes) -> LoadedDocument:
    """Read one source file's bytes into text. Raises ExtractionError (never anything else)."""
    try:
        return _load(sniff_format(data, PurePosixPath(source_uri).name), source_uri, data)
    except ExtractionError:
        raise
    except MemoryError as exc:
        raise ExtractionError("memory", "out of memory while reading the file") from exc
    except Exception as exc:  # noqa: BLE001 - parsers of damaged files raise anything; keep type and message
        raise ExtractionError("corrupt", f"the file cannot be parsed: {type(exc).__name__}: {exc}") from exc


def _load(fmt: str, source_uri: str, data: bytes) -> LoadedDocument:
    doc_id = hashlib.sha256(data).hexdigest()
    if fmt == "pdf":
        pdf = extract_pdf(data)
        return LoadedDocument(doc_id=doc_id, source_uri=source_uri, format="pdf", text=pdf.text,
                              pages=pdf.pages, warnings=pdf.warnings)
    if fmt == "docx":
        text = normalize_text(extract_docx(data))
        _require_text(text, "the DOCX has no text in its body paragraphs or tables")
        return LoadedDocument(doc_id=doc_id, source_uri=source_uri, format="docx", text=text)
    if fmt == "html":
        return _load_html(doc_id, source_uri, data)
    _check_size(data, MAX_TEXT_BYTES, "text file")
    text, encoding = decode_text(data)
    _require_text(text, f"the text file ({encoding}) holds only whitespace or symbols")
    return LoadedDocument(doc_id=doc_id, source_uri=source_uri, format="txt", text=text, encoding=encoding)


def sniff_format(data: bytes, name: str = "") -> str:
    """The format of `data` from its content: txt, html, pdf or docx.

    `name` (a file name) only decides between txt and HTML when the content leaves it open.
    Raises ExtractionError for empty, oversized, encrypted and unsupported inputs.
    """
    if not data:
        raise ExtractionError("empty", "the file is empty (0 bytes)")
    _check_size(data, MAX_INPUT_BYTES, "file")
    if data.startswith(ZIP_MAGICS):  # before the PDF search: a ZIP may hold an uncompressed PDF
        return _sniff_zip(data)
    if data.startswith(OLE2_MAGIC):
        raise _ole2_error(data)
    if b"%PDF-" in data[:PDF_HEADER_SEARCH_BYTES]:
        return "pdf"
    _reject_other_formats(data)
    probe = _ascii_view(data[:SNIFF_PROBE_BYTES])
    if HTML_OPENING.match(probe) or XHTML_OPENING.match(probe):
        return "html"
    if PurePosixPath(name).suffix.lower() in HTML_EXTENSIONS and MARKUP_TAG.search(probe):
        return "html"
    return "txt"


def _load_html(doc_id: str, source_uri: str, data: bytes) -> LoadedDocument:
    _check_size(data, MAX_HTML_BYTES, "HTML page")
    markup, encoding = decode_text(data, declared_encoding=declared_html_encoding(data))
    # lxml-based extraction (libxml2 caps nesting at 256) stays fast on pathological nesting.
    extract = extract_html(markup)
    text = normalize_text(extract.text).strip()
    _require_text(text, "no main text found in the HTML page")
    return LoadedDocument(doc_id=doc_id, source_uri=source_uri, format="html", text=text, encoding=encoding,
                          markup=markup, html_title=extract.title, html_author=extract.author)


def _sniff_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        # A ZIP whose central directory is missing was cut short; say so when it looks like Office.
        if b"[Content_Types].xml" in data[:SNIFF_PROBE_BYTES] or b"word/" in data[:SNIFF_PROBE_BYTES]:
            raise ExtractionError("truncated", f"the DOCX archive is incomplete (truncated download?): {exc}") from exc
        raise ExtractionError("corrupt", f"a damaged ZIP archive: {exc}") from exc
    if "word/document.xml" in names:
        return "docx"
    if any(n.startswith("xl/") for n in names):
        kind = "an Excel .xlsx workbook"
    elif any(n.startswith("ppt/") for n in names):
        kind = "a PowerPoint .pptx presentation"
    elif "mimetype" in names:
        kind = "an OpenDocument/EPUB file"
    else:
        listed = ", ".join(names[:3]) + (", ..." if len(names) > 3 else "")
        kind = f"a ZIP archive of {len(names)} file(s) ({listed})"
    raise ExtractionError("unsupported_format", f"{kind}, not a DOCX document")


def _ole2_error(data: bytes) -> ExtractionError:
    for stream_name, reason, kind in OLE2_STREAM_KINDS:
        if stream_name in data:
            return ExtractionError(reason, kind)
    return ExtractionError("unsupported_format", "an OLE2 compound file (legacy Office format), not a supported document")


def _reject_other_formats(data: bytes) -> None:
    for magic, kind in OTHER_FORMAT_MAGICS:
        if data.startswith(magic):
            raise ExtractionError("unsupported_format", f"{kind}, not a text, HTML, PDF or DOCX document")
    if data.startswith(b"RIFF"):
        for tag, kind in RIFF_KINDS:
            if data[8:12] == tag:
                raise ExtractionError("unsupported_format", f"{kind}, not a text, HTML, PDF or DOCX document")


def _ascii_view(probe: bytes) -> bytes:
    """Lower-cased bytes with BOMs and UTF-16/32 NUL padding removed, leading space stripped."""
    if looks_like_wide_unicode(probe) or probe.startswith((b"\xff\xfe", b"\xfe\xff")):
        probe = probe.replace(b"\x00", b"")
    return probe.removeprefix(b"\xef\xbb\xbf").removeprefix(b"\xff\xfe").removeprefix(b"\xfe\xff").lstrip().lower()


def _check_size(data: bytes, limit: int, what: str) -> None:
    if len(data) > limit:
        raise ExtractionError("too_large", f"the {what} has {len(data):,} bytes, more than the limit of {limit:,}")


def _require_text(text: str, message: str) -> None:
    if not any(char.isalnum() for char in text):
        raise ExtractionError("no_text", message)
