"""Loading: format sniffing, TXT/HTML/PDF/DOCX to LoadedDocument, specific failures, bounds."""
from __future__ import annotations

import hashlib
import io
import logging
import random
import time
import zipfile
import zlib

import docx
import pytest
from hypothesis import given, settings, strategies as st
from reportlab.lib import pdfencrypt
from reportlab.pdfgen import canvas

from extractors import loaders, pdf_text
from extractors.loaders import load_document, sniff_format
from extractors.model import ExtractionError
from extractors.pdf_text import _decompress_corrupted_linear

BODY_LINES = ("GENEVA, 3 May 2024 - The Secretary-General met the Minister today.",
              "Both sides agreed to deepen cooperation on digital infrastructure.")


def make_pdf(pages: list[list[str]], **canvas_args) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(595, 842), **canvas_args)
    for lines in pages:
        y = 800
        for line in lines:
            pdf.drawString(72, y, line)
            y -= 20
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def make_docx(build) -> bytes:
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def reason_of(data: bytes, name: str = "file.bin") -> str:
    with pytest.raises(ExtractionError) as caught:
        load_document(name, data)
    assert caught.value.message  # every failure explains itself
    return caught.value.reason


# --- sniffing --------------------------------------------------------------------------------

@pytest.mark.parametrize("data, name, fmt", [
    (b"%PDF-1.7\n...", "x.txt", "pdf"),
    (b"\n\n%PDF-1.4 junk before the header is allowed", "x", "pdf"),
    (b"<!DOCTYPE html><html><body>x</body></html>", "notes.txt", "html"),
    (b"  <html lang=en><p>x</p></html>", "", "html"),
    (b"<p>Hello</p>", "page.html", "html"),
    (b"<b>bold</b> text", "", "html"),
    ("<html><body>x</body></html>".encode("utf-16"), "", "html"),
    (b"Plain text that mentions <angle brackets>.", "page.txt", "txt"),
    (b"Plain text in a file named .html", "page.html", "txt"),
    (b"Just text.", "", "txt"),
])
def test_sniff_format(data: bytes, name: str, fmt: str) -> None:
    assert sniff_format(data, name) == fmt


def test_sniff_docx_and_other_zips() -> None:
    assert sniff_format(make_docx(lambda d: d.add_paragraph("x")), "a.pdf") == "docx"
    with pytest.raises(ExtractionError) as xlsx:
        sniff_format(make_zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"}))
    assert xlsx.value.reason == "unsupported_format" and "Excel" in xlsx.value.message
    with pytest.raises(ExtractionError) as plain_zip:
        sniff_format(make_zip({"report.pdf": b"%PDF-1.4"}))
    assert plain_zip.value.reason == "unsupported_format" and "report.pdf" in plain_zip.value.message


@pytest.mark.parametrize("data, reason, word", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "WordDocument".encode("utf-16-le"), "unsupported_format", "Word 97"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "EncryptedPackage".encode("utf-16-le"), "encrypted", "password"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "unsupported_format", "OLE2"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "unsupported_format", "PNG"),
    (b"\xff\xd8\xff\xe0" + b"\x00" * 50, "unsupported_format", "JPEG"),
    (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "unsupported_format", "WebP"),
    (b"{\\rtf1\\ansi hello}", "unsupported_format", "RTF"),
    (b"", "empty", "empty"),
])
def test_unsupported_inputs_fail_specifically(data: bytes, reason: str, word: str) -> None:
    with pytest.raises(ExtractionError) as caught:
        sniff_format(data, "document.docx")
    assert caught.value.reason == reason and word in caught.value.message


def test_size_caps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loaders, "MAX_TEXT_BYTES", 100)
    monkeypatch.setattr(loaders, "MAX_HTML_BYTES", 100)
    assert reason_of(b"word " * 50, "a.txt") == "too_large"
    assert reason_of(b"<html><body>" + b"word " * 50 + b"</body></html>", "a.html") == "too_large"


# --- text and HTML ------------------------------------------------------------------------------

def test_txt_document() -> None:
    data = "Ministère des Affaires étrangères\r\nCommuniqué de presse\r\n".encode("cp1252")
    loaded = load_document("/in/press.txt", data)
    assert loaded.doc_id == hashlib.sha256(data).hexdigest()
    assert (loaded.format, loaded.encoding, loaded.source_uri) == ("txt", "cp1252", "/in/press.txt")
    assert loaded.text == "Ministère des Affaires étrangères\nCommuniqué de presse\n"
    assert loaded.pages == () and loaded.markup is None


def test_text_without_letters_is_a_failure() -> None:
    assert reason_of(b" \n\t --- *** \n", "a.txt") == "no_text"


def test_html_document() -> None:
    paragraph = ("The International Telecommunication Union announced today that its member states agreed "
                 "on a new framework for spectrum coordination, after two weeks of negotiations in Geneva. ")
    markup = (f"<!DOCTYPE html><html><head><meta charset='windows-1252'><title>ITU – accord</title></head>"
              f"<body><article><h1>Accord</h1><p>{paragraph * 3}</p><p>Café crème für alle.</p></article></body></html>")
    loaded = load_document("news.html", markup.encode("cp1252"))
    assert loaded.format == "html" and loaded.encoding == "cp1252"
    assert loaded.markup == markup
    assert "spectrum coordination" in loaded.text and "Café crème" in loaded.text
    assert "<p>" not in loaded.text and "\x00" not in loaded.text


def test_html_without_text_is_a_failure() -> None:
    assert reason_of(b"<html><body><div><img src=a.png></div></body></html>", "a.html") == "no_text"


def test_deep_nesting_finishes_fast() -> None:
    data = b"<html><body>" + b"<div>" * 200_000 + b"deep text" + b"</div>" * 200_000 + b"</body></html>"
    start = time.perf_counter()
    try:
        load_document("deep.html", data)
    except ExtractionError:
        pass
    assert time.perf_counter() - start < 5


def test_small_utf8_text_loads_in_well_under_half_a_millisecond() -> None:
    data = ("GENEVA, 3 May 2024 - The Secretary-General met the Minister today.\n" * 20).encode()
    for _ in range(50):
        load_document("a.txt", data)
    runs = 500
    start = time.perf_counter()
    for _ in range(runs):
        load_document("a.txt", data)
    assert (time.perf_counter() - start) / runs < 0.0005


# --- PDF ----------------------------------------------------------------------------------------

def test_pdf_pages_lines_and_geometry() -> None:
    data = make_pdf([["PRESS RELEASE", *BODY_LINES], ["Page two text.", "Contact: press@example.org"]])
    loaded = load_document("r.pdf", data)
    assert loaded.format == "pdf" and loaded.warnings == ()
    assert [page.number for page in loaded.pages] == [1, 2]
    assert loaded.text == "\n".join(["PRESS RELEASE", *BODY_LINES]) + "\f" + "Page two text.\nContact: press@example.org"
    first = loaded.pages[0]
    assert (first.width, first.height) == (595, 842)
    tops = [line.top for line in first.lines]
    assert tops == sorted(tops)
    for line in first.lines:
        assert 0 <= line.x0 < line.x1 <= first.width and 0 <= line.top < line.bottom <= first.height
    assert first.lines[0].top == pytest.approx(842 - 800 - 9, abs=3)  # baseline 800, 12 pt Helvetica


def test_pdf_page_falls_back_to_pdfium_with_geometry(monkeypatch: pytest.MonkeyPatch) -> None:
    data = make_pdf([["PRESS RELEASE", *BODY_LINES]])
    reference = load_document("r.pdf", data).pages[0].lines

    def broken(page):
        raise ValueError("Non-hexadecimal digit found")

    monkeypatch.setattr(pdf_text, "_plumber_lines", broken)
    loaded = load_document("r.pdf", data)
    assert any("pdf_page_from_pdfium" in w and "Non-hexadecimal" in w for w in loaded.warnings)
    lines = loaded.pages[0].lines
    assert [line.text for line in lines] == [line.text for line in reference]
    for ours, theirs in zip(lines, reference):
        assert ours.top == pytest.approx(theirs.top, abs=4) and ours.x0 == pytest.approx(theirs.x0, abs=2)


def test_pdfium_lines_without_usable_boxes_get_monotonic_positions() -> None:
    class TextPageWithoutAlignedBoxes:  # e.g. text with characters outside the BMP
        def get_text_range(self) -> str:
            return "First line 𝐀\r\nSecond line\r\n\r\nThird line"

        def count_chars(self) -> int:
            return 99

    lines = pdf_text._pdfium_lines(TextPageWithoutAlignedBoxes(), page_height=842)
    assert [line.text for line in lines] == ["First line 𝐀", "Second line", "Third line"]
    assert all(a.bottom <= b.top for a, b in zip(lines, lines[1:]))


def test_pdf_line_cleaning() -> None:
    assert pdf_text._clean_line(" \ufb01nancial (cid:12)e\ufb03cient\x00 ") == "financial efficient"


def test_pdf_without_text_layer_is_a_failure() -> None:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.rect(100, 100, 200, 200, fill=1)
    pdf.showPage()
    pdf.save()
    assert reason_of(buffer.getvalue(), "scan.pdf") == "no_text"


def test_encrypted_pdf() -> None:
    encryption = pdfencrypt.StandardEncryption("user-secret", ownerPassword="owner-secret")
    assert reason_of(make_pdf([list(BODY_LINES)], encrypt=encryption), "locked.pdf") == "encrypted"


def test_truncated_pdf() -> None:
    data = make_pdf([list(BODY_LINES)] * 3)
    assert reason_of(data[: len(data) // 2], "cut.pdf") == "truncated"


def test_pdf_page_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_text, "MAX_PDF_PAGES", 1)
    assert reason_of(make_pdf([["one"], ["two"]]), "long.pdf") == "too_large"


def test_pdfminer_has_the_cmap_fix() -> None:
    """CVE-2025-64512 (code execution through pickled CMaps) is fixed in pdfminer.six 20251230."""
    import pdfminer
    assert int(pdfminer.__version__.split(".")[0]) >= 20251230


def _upstream_decompress_corrupted(data: bytes) -> bytes:
    """pdfminer.six's original algorithm (quadratic), as the reference for ours."""
    d = zlib.decompressobj()
    result, i = b"", 0
    try:
        for i in range(len(data)):
            result += d.decompress(data[i:i + 1])
    except zlib.error:
        if i < len(data) - 3:
            raise
    return result


@pytest.mark.parametrize("flip_from_end", [1, 2, 3, 500, 5000])
def test_linear_decompress_corrupted_matches_upstream(flip_from_end: int) -> None:
    stream = bytearray(zlib.compress(random.Random(1).randbytes(20_000) + b"BT /F1 12 Tf (Hello) Tj ET" * 2000))
    stream[-flip_from_end] ^= 0xFF
    data = bytes(stream)
    try:
        expected = _upstream_decompress_corrupted(data)
    except zlib.error:
        with pytest.raises(zlib.error):
            _decompress_corrupted_linear(data)
        return
    logging.disable(logging.WARNING)
    try:
        assert _decompress_corrupted_linear(data) == expected
    finally:
        logging.disable(logging.NOTSET)


# --- DOCX ---------------------------------------------------------------------------------------

def test_docx_paragraphs_and_tables_in_order() -> None:
    def build(document) -> None:
        document.add_heading("Joint Statement", level=1)
        document.add_paragraph(BODY_LINES[0])
        table = document.add_table(rows=3, cols=3)
        table.cell(0, 0).text, table.cell(0, 1).text, table.cell(0, 2).text = "Name", "Role", "Country"
        table.cell(1, 0).text, table.cell(1, 1).text, table.cell(1, 2).text = "A. Person", "Minister", "Kenya"
        table.cell(2, 0).merge(table.cell(2, 2)).text = "Merged note"
        document.add_paragraph(BODY_LINES[1])
        layout = document.add_table(rows=1, cols=2)
        layout.cell(0, 0).text = "Long left column. " * 10
        layout.cell(0, 1).text = "Right column"

    loaded = load_document("s.docx", make_docx(build))
    assert loaded.format == "docx"
    assert loaded.text.split("\n\n") == [
        "Joint Statement", BODY_LINES[0], "Name\tRole\tCountry", "A. Person\tMinister\tKenya", "Merged note",
        BODY_LINES[1], ("Long left column. " * 10).strip(), "Right column"]


def test_docx_without_text_is_a_failure() -> None:
    assert reason_of(make_docx(lambda d: d.add_paragraph("   ")), "blank.docx") == "no_text"


def test_truncated_docx() -> None:
    data = make_docx(lambda d: d.add_paragraph("text " * 1000))
    assert reason_of(data[: len(data) // 2], "cut.docx") in {"truncated", "corrupt"}


def test_docx_zip_bomb_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from extractors import docx_text
    monkeypatch.setattr(docx_text, "MAX_DOCX_UNCOMPRESSED_BYTES", 1000)
    assert reason_of(make_docx(lambda d: d.add_paragraph("text " * 1000)), "big.docx") == "too_large"


# --- properties ---------------------------------------------------------------------------------

MAGIC_PREFIXES = st.sampled_from([b"", b"%PDF-1.4\n", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
                                  b"<html><body>", b"\xff\xfe", b"\xef\xbb\xbf"])


@settings(max_examples=150)
@given(MAGIC_PREFIXES, st.binary(max_size=1500), st.sampled_from(["a.txt", "a.html", "a.pdf", "a.docx", "a"]))
def test_load_document_raises_only_extraction_errors(prefix: bytes, body: bytes, name: str) -> None:
    data = prefix + body
    logging.disable(logging.WARNING)
    try:
        loaded = load_document(name, data)
    except ExtractionError as exc:
        assert exc.reason in {"empty", "binary", "encrypted", "truncated", "corrupt", "no_text", "no_pages",
                              "unsupported_format", "too_large", "memory"}
        return
    finally:
        logging.disable(logging.NOTSET)
    assert loaded.doc_id == hashlib.sha256(data).hexdigest() == load_document(name, data).doc_id
    assert loaded.format in {"txt", "html", "pdf", "docx"}
    assert "\x00" not in loaded.text and not loaded.text.startswith("\ufeff")
    assert any(char.isalnum() for char in loaded.text)


@given(st.text(min_size=1, max_size=300))
def test_any_unicode_text_file_loads_or_fails_cleanly(text: str) -> None:
    data = text.encode("utf-8")
    try:
        loaded = load_document("a.txt", data)
    except ExtractionError as exc:
        assert exc.reason in {"no_text", "binary", "unsupported_format"}
        return
    assert loaded.format in {"txt", "html", "pdf"} and "\x00" not in loaded.text
