"""Publication date: the date a document states it was issued, or None.

A cascade from the most to the least reliable source, returning at the first hit (the model is
htmldate's): HTML metadata, an "Updated:" line, a dateline opening the body ("Geneva, 27 October
2014 –"), the date line of an official document header or of a letter, a date alone near the top.
Dates merely mentioned in the text ("ended on November 7") are not publication dates.
"""
from __future__ import annotations

import logging
import re
from datetime import date

from htmldate import find_date

from extractors.date_grammar import ASCII_DIGITS, NON_ASCII_DIGIT, grammar_for, index_text, interval, scan
from extractors.model import CleanDocument, LoadedDocument, PublishedDate

# htmldate settings measured on devdata/htmldate_eval (benchmarks/dates.py): the original (not
# last-modified) date; the extensive search (about 25 ms a page instead of 4) only when the
# quick one finds nothing, which keeps nearly all of its accuracy.
HTMLDATE_OPTIONS = {"original_date": True, "extensive_search": False}
HTMLDATE_FALLBACK = {"original_date": True, "extensive_search": True}
HEADER_LINES = 40  # how far from the top a header or letter date line may stand
SYMBOL_DISTANCE = 6  # lines between a document symbol and its date
MAX_DATE_LINE = 60  # characters: a date line holds a date and little else
DATELINE_REACH = 160  # characters from the start of the body

# "Updated: Oct 30, 2024", "Published 27 October 2014", "Publié le 3 mai 2023"
LABELLED_DATE_LINE = re.compile(
    r"^\W*(?:last\s+)?(?:updated|published|posted|issued|date|dated|released|publié(?:\s+le)?|mis à jour(?:\s+le)?"
    r"|publicado(?:\s+el)?|actualizado|veröffentlicht(?:\s+am)?|aktualisiert|опубликовано|发布时间|发布日期|更新时间"
    r"|작성일|등록일|입력)\s*[:：]?", re.IGNORECASE | re.MULTILINE)
# A document symbol or the "Original:" line of an official document header ("Document 12-E", "C22/5-E").
DOCUMENT_SYMBOL = re.compile(r"^\s*(?:Document\s+\S+|Original\s*:.*|[A-Z]{1,5}\d*[/-][\w/.()-]*\d[\w/.()-]*)\s*$",
                             re.MULTILINE)
# What may surround a date on its own line: a place and comma before, nothing much after.
PLACE_BEFORE = re.compile(r"^[\W_]*(?:[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,3}\s*,\s*)?(?:the\s+|le\s+|el\s+)?$")
DATELINE_PLACE = re.compile(r"^[\W_]*[A-Z][\w'’.-]*(?:[ -][A-Za-z][\w'’.-]*){0,3}\s*(?:\([^)]{1,40}\))?\s*,?\s*$")
DATELINE_AFTER = re.compile(r"^\s*(?:\([^)]{1,40}\)\s*)?(?:[-–—:]|$)")
LETTER_TRAILER = re.compile(r"^[\s.,]*$")

log = logging.getLogger(__name__)


def _dates_in(text: str, language: str) -> list[tuple[int, int, date]]:
    """Full dates (day, month and year all written) in a short text: (start, end, day)."""
    ascii_text = text if NON_ASCII_DIGIT.search(text) is None else text.translate(ASCII_DIGITS)
    out = []
    grammar = grammar_for(language)
    for found in scan(grammar, ascii_text, index_text(grammar, ascii_text)):
        if found.right is None and found.left.year and found.left.day:
            span = interval(found.left)
            if span is not None:
                out.append((found.start, found.end, span[0]))
    return out


def _html_date(loaded: LoadedDocument) -> date | None:
    if loaded.markup:
        try:
            found = find_date(loaded.markup, **HTMLDATE_OPTIONS) or find_date(loaded.markup, **HTMLDATE_FALLBACK)
        except (ValueError, TypeError) as error:  # malformed markup htmldate cannot parse
            log.debug("htmldate failed on %s: %s", loaded.source_uri, error)
            found = None
        if found:
            return date.fromisoformat(found[:10])
    return loaded.html_published


def _updated_line(clean: CleanDocument, loaded: LoadedDocument, language: str) -> date | None:
    if clean.updated_line:
        dates = _dates_in(clean.updated_line, language)
        if dates:
            return dates[0][2]
    head = "\n".join(loaded.text.splitlines()[:HEADER_LINES]) if loaded.format != "html" else ""
    for label in LABELLED_DATE_LINE.finditer(head):
        line_end = head.find("\n", label.end())
        dates = _dates_in(head[label.end():line_end if line_end >= 0 else len(head)], language)
        if dates and dates[0][0] <= 3:
            return dates[0][2]
    return None


def _dateline(body: str, language: str) -> date | None:
    """"Geneva, 27 October 2014 – ..." or "SEOUL, Oct. 3 (Yonhap) --" with a year."""
    start = len(body) - len(body.lstrip())
    first_line = body[start:start + DATELINE_REACH].split("\n", 1)[0]
    for date_start, date_end, day in _dates_in(first_line, language)[:1]:
        if DATELINE_PLACE.match(first_line[:date_start]) and DATELINE_AFTER.match(first_line[date_end:]):
            return day
    return None


def _date_lines(text: str, language: str) -> list[tuple[int, date]]:
    """Lines near the top that hold a date alone (or a place and a date): (line number, date)."""
    out = []
    for number, line in enumerate(text.splitlines()[:HEADER_LINES]):
        stripped = line.strip(" \t*_#")
        if not stripped or len(stripped) > MAX_DATE_LINE or not any(c.isdigit() for c in stripped):
            continue
        dates = _dates_in(stripped, language)
        if len(dates) == 1:
            date_start, date_end, day = dates[0]
            if PLACE_BEFORE.match(stripped[:date_start]) and LETTER_TRAILER.match(stripped[date_end:]):
                out.append((number, day))
    return out


def _header_date(text: str, language: str, doc_type: str) -> PublishedDate | None:
    lines = _date_lines(text, language)
    if not lines:
        return None
    top = "\n".join(text.splitlines()[:HEADER_LINES])
    symbol_lines = [top.count("\n", 0, m.start()) for m in DOCUMENT_SYMBOL.finditer(top)]
    for number, day in lines:
        if any(abs(number - s) <= SYMBOL_DISTANCE for s in symbol_lines):
            return PublishedDate(day, "document_header")
    number, day = lines[0]
    if doc_type == "letter":
        return PublishedDate(day, "letter_date")
    if doc_type == "official_document":
        return PublishedDate(day, "document_header")
    return PublishedDate(day, "header")


def find_published_date(clean: CleanDocument, loaded: LoadedDocument, doc_type: str,
                        *, language: str = "und") -> PublishedDate | None:
    """The date the document states it was issued, with where it was read; None when not stated."""
    if loaded.format == "html":
        found = _html_date(loaded)
        if found is not None:
            return PublishedDate(found, "html_meta")
    found = _updated_line(clean, loaded, language)
    if found is not None:
        return PublishedDate(found, "updated_line")
    found = _dateline(clean.body_text, language)
    if found is not None:
        return PublishedDate(found, "dateline")
    header = _header_date(clean.body_text, language, doc_type)
    if header is None and loaded.format != "html":
        header = _header_date(loaded.text, language, doc_type)
    return header
