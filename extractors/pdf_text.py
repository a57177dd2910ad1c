"""PDF bytes -> pages of positioned text lines: pdfplumber page by page, pypdfium2 where it fails.

pdfplumber (pdfminer.six) gives precise line geometry but gives up on some damaged files, on
single pages (bad colour spaces, fuzzed streams) or silently loses text (cyclic XObjects). PDFium
is more forgiving, so every page is cross-checked against PDFium's character count and taken
from PDFium when pdfplumber raised, lost most of the text, or put the text outside the page.
"""
from __future__ import annotations

import io
import logging
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import pdfminer.pdftypes
import pdfplumber
import pypdfium2
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.psparser import PSEOF
from pdfplumber.utils.exceptions import PdfminerException

from extractors.model import ExtractionError, PdfLine, PdfPage

logger = logging.getLogger(__name__)
T = TypeVar("T")

MAX_PDF_PAGES = 2000
# pdfplumber's page text must reach this share of PDFium's letters and digits, or PDFium's is used.
# (Below 0.5 on purpose: PDFium keeps the doubled glyphs of fake bold, which we drop as overprint.)
PLUMBER_MIN_SHARE_OF_PDFIUM = 0.4
# Lines this far (points) outside the page box mean broken geometry (e.g. an inverted MediaBox).
OUT_OF_PAGE_TOLERANCE = 5.0
# "%%EOF" must appear in the last bytes of a complete file.
EOF_MARKER_WINDOW = 2048
# Two identical glyphs closer than this (points, and share of the font size) are one glyph overprinted.
OVERPRINT_TOLERANCE = 1.0
OVERPRINT_TOLERANCE_PER_SIZE = 0.2
# Height given to each line when PDFium cannot say where its characters are.
FALLBACK_LINE_HEIGHT = 12.0

CID_PLACEHOLDER = re.compile(r"\(cid:\d+\)")  # pdfminer's stand-in for glyphs with no Unicode mapping
UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufeff\ufffe\uffff]")
PDFIUM_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Typographic ligature glyphs ("ﬁnancial") spelled out, so the text matches what was written.
LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                           "\ufb05": "st", "\ufb06": "st"})


@dataclass(frozen=True, slots=True)
class PdfExtract:
    pages: tuple[PdfPage, ...]
    warnings: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "\f".join("\n".join(line.text for line in page.lines) for page in self.pages)


def extract_pdf(data: bytes) -> PdfExtract:
    """Every page's text lines with geometry. Raises ExtractionError (encrypted, truncated, ...)."""
    warnings: list[str] = []
    pdfium_doc, pdfium_error = _open_pdfium(data)
    try:
        try:
            plumber = pdfplumber.open(io.BytesIO(data))
            plumber_pages = plumber.pages  # parses the page tree: raises on broken resources
        except Exception as exc:  # noqa: BLE001 - pdfminer raises many types (TypeError on cyclic resources)
            kind = "encrypted" if _is_encryption_error(exc) else "error"
            return _pdfium_only(data, pdfium_doc, pdfium_error, _describe(exc), kind)
        with plumber:
            if not plumber_pages:
                return _pdfium_only(data, pdfium_doc, pdfium_error, "0 pages", "no_pages")
            _check_page_count(len(plumber_pages))
            if pdfium_doc is None:
                warnings.append(f"pdfium_unavailable: {pdfium_error}")
            if plumber.doc.encryption is not None:
                warnings.append("pdf_encrypted_with_empty_password: opened without a password")
            pages = tuple(_read_page(page, pdfium_doc, i, warnings) for i, page in enumerate(plumber_pages))
    finally:
        if pdfium_doc is not None:
            pdfium_doc.close()
    extract = PdfExtract(pages=pages, warnings=tuple(warnings))
    if not _has_text(extract):
        raise ExtractionError(
            "no_text", f"the PDF has {len(pages)} page(s) but no text layer (scanned or flattened images?)")
    return extract


def _read_page(page: pdfplumber.page.Page, pdfium_doc, index: int, warnings: list[str]) -> PdfPage:
    number = index + 1
    try:
        lines = _plumber_lines(page)
        error = None
    except Exception as exc:  # noqa: BLE001 - one bad page must not cost the others
        lines, error = (), _describe(exc)
    finally:
        page.close()  # drop pdfplumber's per-page caches: bounded memory on long documents
    width, height = float(page.width), float(page.height)
    pdfium_text = _pdfium_page_text(pdfium_doc, index)
    reason = error
    if pdfium_text is not None and not reason:
        reason = _plumber_shortfall(lines, _letters_and_digits(pdfium_text), height)
    fallback = _pdfium_page(pdfium_doc, index) if reason and pdfium_text is not None else None
    if fallback is None:
        if error:
            warnings.append(f"pdf_page_error: page {number}: {error}")
        return PdfPage(number=number, width=width, height=height, lines=lines)
    warnings.append(f"pdf_page_from_pdfium: page {number}: {reason}")
    pdfium_lines, pdfium_width, pdfium_height = fallback
    return PdfPage(number=number, width=pdfium_width, height=pdfium_height, lines=pdfium_lines)


def _plumber_lines(page: pdfplumber.page.Page) -> tuple[PdfLine, ...]:
    lines = []
    for raw in _without_overprinted_chars(page).extract_text_lines(return_chars=False):
        text = _clean_line(raw["text"])
        if text:
            lines.append(PdfLine(text=text, x0=float(raw["x0"]), x1=float(raw["x1"]),
                                 top=float(raw["top"]), bottom=float(raw["bottom"])))
    return tuple(lines)


def _without_overprinted_chars(page: pdfplumber.page.Page) -> pdfplumber.page.Page:
    """The page without glyphs printed again on top of themselves (fake bold reads "MMuunniicc").

    pdfplumber's own `dedupe_chars` is quadratic in the characters of a page (0.3 s for 2,300).
    Here: a grid of 1-point cells, so each glyph is compared with its neighbours only.
    """
    kept: dict[tuple, list[tuple[float, float]]] = {}
    duplicates: set[int] = set()
    for char in page.chars:
        glyph = (char["text"], char["fontname"], char["size"], char["upright"])
        y, x = char["doctop"], char["x0"]
        tolerance = min(OVERPRINT_TOLERANCE, OVERPRINT_TOLERANCE_PER_SIZE * char["size"])
        cell = (round(y), round(x))
        neighbours = ((glyph, cell[0] + dy, cell[1] + dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1))
        if any(abs(y - ky) <= tolerance and abs(x - kx) <= tolerance
               for key in neighbours for ky, kx in kept.get(key, ())):
            duplicates.add(id(char))
        else:
            kept.setdefault((glyph, *cell), []).append((y, x))
    if not duplicates:
        return page
    return page.filter(lambda obj: id(obj) not in duplicates)


def _plumber_shortfall(lines: tuple[PdfLine, ...], pdfium_chars: int, height: float) -> str | None:
    """Why pdfplumber's lines for a page should not be trusted, or None."""
    plumber_chars = sum(_letters_and_digits(line.text) for line in lines)
    if plumber_chars < PLUMBER_MIN_SHARE_OF_PDFIUM * pdfium_chars:
        return f"pdfplumber found {plumber_chars} letters/digits, pdfium {pdfium_chars}"
    if pdfium_chars and any(line.top < -OUT_OF_PAGE_TOLERANCE or line.bottom > height + OUT_OF_PAGE_TOLERANCE
                            for line in lines):
        return "pdfplumber placed text outside the page (broken page geometry)"
    return None


def _pdfium_only(data: bytes, pdfium_doc, pdfium_error: str | None, plumber_problem: str,
                 plumber_kind: str) -> PdfExtract:
    """pdfplumber could not read the file (`plumber_kind`: encrypted, no_pages or error):
    take the text from PDFium, or explain the failure as specifically as the evidence allows."""
    page_count = len(pdfium_doc) if pdfium_doc is not None else 0
    _check_page_count(page_count)
    pages = []
    for index in range(page_count):
        lines, width, height = _pdfium_page(pdfium_doc, index) or ((), 0.0, 0.0)
        pages.append(PdfPage(number=index + 1, width=width, height=height, lines=lines))
    extract = PdfExtract(pages=tuple(pages), warnings=(f"pdf_read_by_pdfium: pdfplumber: {plumber_problem}",))
    if _has_text(extract):
        return extract
    pdfium_said = pdfium_error or f"{page_count} page(s), no text"
    if plumber_kind == "encrypted" or "password" in pdfium_said.lower():
        raise ExtractionError("encrypted", "the PDF is password-protected (encrypted); it cannot be read without the password")
    if not _has_eof_marker(data):
        raise ExtractionError("truncated", f"the PDF is truncated: no %%EOF marker at its end (interrupted download?); "
                                           f"pdfplumber: {plumber_problem}; pdfium: {pdfium_said}")
    if plumber_kind == "no_pages":
        raise ExtractionError("no_pages", f"the PDF has no readable pages: pdfplumber: {plumber_problem}; pdfium: {pdfium_said}")
    raise ExtractionError("corrupt", f"the PDF cannot be parsed: pdfplumber: {plumber_problem}; pdfium: {pdfium_said}")


def _open_pdfium(data: bytes) -> tuple[object | None, str | None]:
    try:
        return pypdfium2.PdfDocument(data), None
    except pypdfium2.PdfiumError as exc:
        return None, str(exc)


def _pdfium_page_text(pdfium_doc, index: int) -> str | None:
    """One page's text as PDFium reads it (cheap: no character positions), or None."""
    return _read_pdfium_page(pdfium_doc, index, lambda textpage, width, height: textpage.get_text_range())


def _pdfium_page(pdfium_doc, index: int) -> tuple[tuple[PdfLine, ...], float, float] | None:
    """(lines, width, height) of one page as PDFium reads it, or None when it cannot."""
    return _read_pdfium_page(
        pdfium_doc, index, lambda textpage, width, height: (_pdfium_lines(textpage, height), width, height))


def _read_pdfium_page(pdfium_doc, index: int, read: Callable[[object, float, float], T]) -> T | None:
    """`read(textpage, width, height)` on one PDFium page, releasing PDFium's handles after."""
    if pdfium_doc is None or index >= len(pdfium_doc):
        return None
    try:
        page = pdfium_doc[index]
        try:
            width, height = page.get_size()
            textpage = page.get_textpage()
            try:
                return read(textpage, float(width), float(height))
            finally:
                textpage.close()
        finally:
            page.close()
    except pypdfium2.PdfiumError as exc:
        logger.info("pdfium cannot read page %d: %s", index + 1, exc)
        return None


def _pdfium_lines(textpage, page_height: float) -> tuple[PdfLine, ...]:
    """PDFium's lines with the union of their character boxes (top-left origin)."""
    text = textpage.get_text_range()
    char_count = textpage.count_chars()
    boxes_align = len(text) == char_count  # else (non-BMP characters) positions cannot be mapped
    lines = []
    for number, match in enumerate(_pdfium_line_spans(text)):
        start, end = match
        line_text = _clean_line(text[start:end])
        if not line_text:
            continue
        boxes = [textpage.get_charbox(i) for i in range(start, end) if not text[i].isspace()] if boxes_align else []
        if boxes:
            x0, x1 = min(b[0] for b in boxes), max(b[2] for b in boxes)
            top, bottom = page_height - max(b[3] for b in boxes), page_height - min(b[1] for b in boxes)
        else:  # fabricated but monotonic positions keep the reading order usable downstream
            x0, x1 = 0.0, 0.0
            top, bottom = number * FALLBACK_LINE_HEIGHT, (number + 1) * FALLBACK_LINE_HEIGHT
        lines.append(PdfLine(text=line_text, x0=float(x0), x1=float(x1), top=float(top), bottom=float(bottom)))
    return tuple(lines)


def _pdfium_line_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in PDFIUM_LINE_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _clean_line(text: str) -> str:
    text = CID_PLACEHOLDER.sub("", text).translate(LIGATURES)
    return UNPRINTABLE.sub("", text).strip()


def _letters_and_digits(text: str) -> int:
    return sum(1 for char in text if char.isalnum())


def _has_text(extract: PdfExtract) -> bool:
    return any(_letters_and_digits(line.text) for page in extract.pages for line in page.lines)


def _check_page_count(page_count: int) -> None:
    if page_count > MAX_PDF_PAGES:
        raise ExtractionError("too_large", f"the PDF has {page_count} pages, more than the limit of {MAX_PDF_PAGES}")


def _has_eof_marker(data: bytes) -> bool:
    return b"%%EOF" in data[-EOF_MARKER_WINDOW:]


def _root_cause(exc: BaseException) -> BaseException:
    # pdfplumber wraps pdfminer errors as PdfminerException(original): its own message is empty.
    if isinstance(exc, PdfminerException) and exc.args and isinstance(exc.args[0], BaseException):
        return exc.args[0]
    return exc.__cause__ or exc


def _is_encryption_error(exc: BaseException) -> bool:
    return isinstance(_root_cause(exc), (PDFPasswordIncorrect, PDFEncryptionError))


def _describe(exc: BaseException) -> str:
    cause = _root_cause(exc)
    if isinstance(cause, PSEOF):
        return f"unexpected end of file ({cause})"
    message = str(cause) or repr(cause)
    return f"{type(cause).__name__}: {message}"


def _decompress_corrupted_linear(data: bytes) -> bytes:
    """pdfminer's `decompress_corrupted` (same result) without its quadratic byte concatenation.

    Upstream feeds zlib one byte at a time and appends to an immutable bytes object: 3-6 s for
    a 0.5 MB damaged stream (pdfminer.six #1163). Here zlib gets 64 KB chunks; only the chunk
    that fails is replayed byte by byte from a snapshot, to stop at exactly the same byte.
    """
    decompressor = zlib.decompressobj()
    output: list[bytes] = []
    position, chunk_size = 0, 65536
    while position < len(data):
        snapshot = decompressor.copy()
        chunk = data[position:position + chunk_size]
        try:
            output.append(decompressor.decompress(chunk))
            position += len(chunk)
            continue
        except zlib.error:
            decompressor = snapshot
        for offset in range(len(chunk)):
            try:
                output.append(decompressor.decompress(chunk[offset:offset + 1]))
            except zlib.error:
                if position + offset < len(data) - 3:  # not just the trailing checksum: give up
                    raise
                logger.info("data lost while decompressing a corrupted stream")
                return b"".join(output)
        position += len(chunk)
    return b"".join(output)


if hasattr(pdfminer.pdftypes, "decompress_corrupted"):
    pdfminer.pdftypes.decompress_corrupted = _decompress_corrupted_linear
