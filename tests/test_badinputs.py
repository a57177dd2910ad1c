"""Every file in ../shared/badinputs ends as a correct document or a specific ExtractionError.

One row per MANIFEST.tsv line. Where the manifest says "decide", the decision is written here:
  - pdf_encrypted_empty_owner_pw: a document (the empty owner password opens it, as in pdfminer),
    flagged with a warning;
  - pdf_fuzzed_fails_mid_document: a partial document, pages pdfplumber cannot read taken from
    PDFium, every such page flagged in `warnings`;
  - html_gb2312_fragment_tag_soup: a document (its little text is real Chinese text);
  - html_deep_nesting_over_255: a failure, "binary" (2% NUL bytes: fuzzer junk, not a page);
  - txt_binary_zip_archive.txt: "unsupported_format" naming the ZIP and its member, more specific
    than the manifest's "binary".
"""
from __future__ import annotations

import csv
import logging
import sys
import time
import unicodedata
from dataclasses import dataclass

import pytest

from extractors.loaders import load_document
from extractors.model import ExtractionError, LoadedDocument
from tests.conftest import BADINPUTS

# A file may take this long at most (the slowest, the 1 MB deep-nesting page, takes ~0.3 s).
TIME_BUDGET_SECONDS = 3.0


@dataclass(frozen=True)
class Document:
    script: str  # the script most letters must be in: latin, hangul, han, kana (or any)
    contains: str = ""  # a snippet the text must contain (proves the decoding is right)


@dataclass(frozen=True)
class Failure:
    reason: str


EXPECTED = {
    "pdf_empty_0bytes.pdf": Failure("empty"),
    "pdf_encrypted_userpw.pdf": Failure("encrypted"),
    "pdf_encrypted_aes256_r6.pdf": Failure("encrypted"),
    "pdf_encrypted_empty_owner_pw.pdf": Document("latin", "pdfencryptiontest"),
    "pdf_encrypted_no_id_image_only.pdf": Failure("no_text"),
    "pdf_no_text_layer_flattened.pdf": Failure("no_text"),
    "pdf_truncated_half.pdf": Failure("truncated"),
    "pdf_corrupt_zlib_stream.pdf": Document("latin", "Beautiful is better than ugly."),
    "pdf_bitflip_content_stream.pdf": Document("latin", "Municipalité de Morin-Heights"),
    "pdf_malformed_needs_repair.pdf": Document("any", "2021 3 31"),  # only digits have a Unicode mapping
    "pdf_circular_form_xobjects.pdf": Document("latin", "Hello world Hello world"),
    "pdf_form_pattern_cycle.pdf": Failure("corrupt"),
    "pdf_xref_bogus_W_zero_pages.pdf": Failure("no_pages"),
    "pdf_bad_xref_header_zero_pages.pdf": Failure("no_pages"),
    "pdf_invalid_structure_184b.pdf": Failure("truncated"),  # unterminated objects, no %%EOF
    "pdf_fuzzed_fails_mid_document.pdf": Document("latin", "Key Distribution"),
    "pdf_huge_mediabox_bogus_count.pdf": Failure("no_text"),
    "pdf_100k_digit_number.pdf": Failure("no_text"),
    "pdf_cmap_path_traversal.pdf": Failure("no_text"),  # PDFium's 5 "chars" are combining marks
    "pdf_broken_xref_and_streams.pdf": Document("han", "国土资源遥感"),
    "pdf_bad_colorspace_page_error.pdf": Document("latin", "Environmental Report"),
    "docx_encrypted_ole_container.docx": Failure("encrypted"),
    "docx_legacy_word97_renamed.docx": Failure("unsupported_format"),
    "docx_malformed_table_grid.docx": Document("latin", "Merged B1-B3"),
    "html_gb18030_no_charset.html": Document("han", "中国航天科技集团公司"),
    "html_shiftjis_no_charset.html": Document("han", "衆院議院運営委員会"),
    "html_cp949_no_charset.html": Document("hangul", "한나라당은"),
    "html_gb2312_fragment_tag_soup.html": Document("han", "魔力宝贝"),
    "html_cp1252_misdetected.html": Document("latin", "niño"),
    "html_utf16_meta_says_utf8.html": Document("latin", "Japanese Steels"),
    "html_deep_nesting_500k_open_tags.html": Failure("no_text"),
    "html_deep_nesting_over_255.html": Failure("binary"),
    "html_misnested_formatting_tags.html": Document("latin", "TEXT-AAA"),
    "txt_euckr_korean.txt": Document("hangul", "북조선 사람들은"),
    "txt_cp949_short.txt": Document("hangul", "역사적 예수"),
    "txt_shiftjis.txt": Document("kana", "コンソール アプリケーション"),
    "txt_gb18030_short.txt": Document("han", "简体中文"),
    "txt_utf16le_bom.txt": Document("latin", "This is a test document"),
    "txt_utf16le_no_bom.txt": Document("latin", "DateTime,Bid,Ask\n07/19/2015"),
    "txt_utf32le_bom.txt": Document("latin", "This is a test document"),
    "txt_utf8_bom.txt": Document("latin", "About 2 months ago"),
    "txt_empty_0bytes.txt": Failure("empty"),
    "txt_binary_zip_archive.txt": Failure("unsupported_format"),
}

MANIFEST = BADINPUTS / "MANIFEST.tsv"
ROWS = list(csv.DictReader(MANIFEST.open(encoding="utf-8"), delimiter="\t")) if MANIFEST.exists() else []
needs_badinputs = pytest.mark.skipif(not ROWS, reason="../shared/badinputs is absent")


def script_of(char: str) -> str:
    name = unicodedata.name(char, "")
    if name.startswith("HANGUL"):
        return "hangul"
    if name.startswith(("HIRAGANA", "KATAKANA")):
        return "kana"
    if name.startswith("CJK"):
        return "han"
    return "latin" if name.startswith("LATIN") else "other"


def assert_document(loaded: LoadedDocument, expected: Document) -> None:
    assert expected.contains in loaded.text
    assert "\x00" not in loaded.text and "\ufffd" not in loaded.text
    letters = [script_of(c) for c in loaded.text if c.isalpha()]
    if expected.script == "any":
        return
    if expected.script == "kana":  # Japanese: kana present, the rest kanji
        assert letters.count("kana") > 0.2 * len(letters)
    elif expected.script == "han":  # Chinese text, or Japanese with kanji first
        assert letters.count("han") + letters.count("kana") > 0.5 * len(letters)
    else:
        assert letters.count(expected.script) > 0.5 * len(letters)


@needs_badinputs
def test_expectations_cover_the_manifest() -> None:
    assert sorted(EXPECTED) == sorted(row["file"] for row in ROWS)


@needs_badinputs
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input_outcome(name: str) -> None:
    data = (BADINPUTS / name).read_bytes()
    expected = EXPECTED[name]
    logging.disable(logging.WARNING)  # pdfminer logs every repaired oddity
    start = time.perf_counter()
    try:
        loaded = load_document(f"badinputs/{name}", data)
    except ExtractionError as exc:
        assert isinstance(expected, Failure), f"{name}: failed with {exc.reason}: {exc.message}"
        assert exc.reason == expected.reason, exc.message
        assert len(exc.message) > 15
    else:
        assert isinstance(expected, Document), f"{name}: loaded, expected {expected}"
        assert_document(loaded, expected)
    finally:
        logging.disable(logging.NOTSET)
    assert time.perf_counter() - start < TIME_BUDGET_SECONDS


@needs_badinputs
def test_partial_pdfs_say_which_pages_came_from_pdfium() -> None:
    loaded = load_document("f.pdf", (BADINPUTS / "pdf_fuzzed_fails_mid_document.pdf").read_bytes())
    assert len(loaded.pages) == 16
    assert any(w.startswith("pdf_page_from_pdfium: page 1:") for w in loaded.warnings)


@needs_badinputs
def test_repaired_geometry_stays_on_the_page() -> None:
    loaded = load_document("m.pdf", (BADINPUTS / "pdf_malformed_needs_repair.pdf").read_bytes())
    page = loaded.pages[0]
    assert all(0 <= line.top < line.bottom <= page.height for line in page.lines)


@needs_badinputs
def test_cmap_path_traversal_never_reads_outside_package_data() -> None:
    opened: list[str] = []

    def audit(event: str, args: tuple) -> None:
        if event == "open" and isinstance(args[0], str) and recording:
            opened.append(args[0])

    recording = True
    sys.addaudithook(audit)  # hooks cannot be removed: `recording` switches this one off
    try:
        with pytest.raises(ExtractionError):
            load_document("evil.pdf", (BADINPUTS / "pdf_cmap_path_traversal.pdf").read_bytes())
    finally:
        recording = False
    assert not [path for path in opened if path.startswith("/etc")]
