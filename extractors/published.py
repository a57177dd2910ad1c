"""Publication date: the date a document states it was issued, or None.

A cascade from the most to the least reliable source, returning at the first hit (the model is
htmldate's): HTML metadata, an "Updated:" line, a dateline opening the body ("Geneva, 27 October
2014 –"), the date line of an official document header or of a letter, a date alone near the top.
In HTML, a date the body states beats htmldate's when that one looks like a guess from a bare year
(1 January) or stands after a last-modified label. Dates merely mentioned in the text ("ended on
November 7") are not publication dates.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import date

from htmldate import find_date

from extractors.date_grammar import (
    WEEKDAY_NAMES,
    alternation,
    grammar_for,
    index_text,
    interval,
    scan,
)
from extractors.model import CleanDocument, LoadedDocument, PublishedDate

# htmldate settings measured on devdata/htmldate_eval (benchmarks/dates.py): the original (not
# last-modified) date; the extensive search (about 25 ms a page instead of 4) only when the
# quick one finds nothing, which keeps nearly all of its accuracy.
HTMLDATE_OPTIONS = {"original_date": True, "extensive_search": False}
HTMLDATE_FALLBACK = {"original_date": True, "extensive_search": True}
HEADER_LINES = 40  # how far from the top a header or letter date line may stand
SYMBOL_DISTANCE = 6  # lines between a document symbol and its date
MAX_DATE_LINE = 60  # characters: a date line holds a date and little else
DATELINE_REACH = 160  # characters from the start of a line
DATELINE_LINES = 8  # a dateline opens one of the first lines (after a title, a header block)
MODIFIED_LABEL_REACH = 120  # characters between a last-modified label and its date in the markup

# "Updated: Oct 30, 2024", "Published 27 October 2014", "Publié le 3 mai 2023"
LABELLED_DATE_LINE = re.compile(
    r"^\W*(?:last\s+)?(?:updated|published|posted|issued|date|dated|released|publié(?:\s+le)?|mis à jour(?:\s+le)?"
    r"|publicado(?:\s+el)?|actualizado|veröffentlicht(?:\s+am)?|aktualisiert|опубликовано|发布时间|发布日期|更新时间"
    r"|작성일|등록일|입력|보도일시|보도일자|배포일시|배포일자|発表日|公開日|掲載日)\s*[:：]?", re.IGNORECASE | re.MULTILINE)
# A document symbol or the "Original:" line of an official document header ("Document 12-E", "C22/5-E").
DOCUMENT_SYMBOL = re.compile(r"^\s*(?:Document\s+\S+|Original\s*:.*|[A-Z]{1,5}\d*[/-][\w/.()-]*\d[\w/.()-]*)\s*$",
                             re.MULTILINE)
# A dateline before its date: a place of up to four words ("GENEVA", "Ciudad de México", "القاهرة"),
# maybe a country in parentheses, then a comma, a bar or a word for "in/on" ("في", "le", "am"),
# and maybe a weekday ("martes, 21 de mayo"); or nothing at all ("March 5, 2025 | 4 min read").
DATELINE_PLACE = re.compile(
    r"^[\W_]*(?:(?P<place>[^\W\d_][\w'’.-]*(?:[ -][^\W\d_][\w'’.-]*){0,3})\s*(?:\([^)]{1,40}\))?"
    r"\s*(?:[,|]|\s(?:في|le|el|am|den|on))?\s*)?(?:(?i:" + alternation(WEEKDAY_NAMES) + r")\.?\s*,?\s*)?"
    r"(?:(?i:the|le|el|den|am)\s+)?$")
# After the date: a weekday in parentheses ("(화)"), a time and zone ("15:20 JST", "- 18:45 h"), then
# a dash, colon or bar before the text, or the line's end.
CLOCK_TIME = r"(?:[-–—,]?\s*(?:at\s+|à\s+|a las\s+|um\s+)?\d{1,2}[:h.]\d\d(?:\s*(?:[ap]\.?m\.?|h|Uhr))?(?:\s*(?:[A-Z]{2,5}|UTC|GMT)(?:[+-]\d{1,2}(?::?\d\d)?)?)?)"
DATELINE_AFTER = re.compile(r"^\.?\s*(?:\([^)]{1,40}\)\s*)?(?:" + CLOCK_TIME + r"\s*)?(?:[-–—:|]|$)", re.IGNORECASE)
# A last-modified label in the markup shortly before a date: that date is not the issue date.
MODIFIED_LABEL = re.compile(r"(?:modified|modification|updated|mis à jour|actualizad[oa]|actualización|aktualisiert"
                            r"|geändert|atualizad[oa]|atualização|изменен|обновлен|修改|更新|수정)", re.IGNORECASE)
LETTER_TRAILER = re.compile(r"^[\s.,]*$")
# A full date writes its day and its year as two numbers: a text with fewer holds none.
TWO_NUMBERS = re.compile(r"\d\D++\d")
LINE_REACH = 4096  # characters first split into lines: the steps read only the top of a text

log = logging.getLogger(__name__)


def _dates_in(text: str, language: str) -> list[tuple[int, int, date]]:
    """Full dates (day, month and year all written) in a short text: (start, end, day)."""
    if TWO_NUMBERS.search(text) is None:  # most lines read: no need to index them
        return []
    out = []
    grammar = grammar_for(language)
    index = index_text(grammar, text)
    for found in scan(grammar, index.text, index):
        if found.right is None and found.left.year and found.left.day:
            span = interval(found.left)
            if span is not None:
                out.append((found.start, found.end, span[0]))
    return out


def _first_lines(text: str, count: int, *, skip_blank: bool = False, reach: int = LINE_REACH) -> list[str]:
    """The first `count` lines of `text.splitlines()` (or its first `count` lines that are not blank),
    split from a prefix that holds them (`reach` characters, or more) rather than from the whole text."""
    while True:
        lines = text[:reach].splitlines()
        if reach < len(text):
            lines.pop()  # it may go on past the prefix (or its "\r" be the first half of "\r\n")
        if skip_blank:
            lines = [line for line in lines if line.strip()]
        if len(lines) >= count or reach >= len(text):
            return lines[:count]
        reach *= 4


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
    head = "\n".join(_first_lines(loaded.text, HEADER_LINES)) if loaded.format != "html" else ""
    for label in _labels(head):
        line_end = head.find("\n", label.end())
        dates = _dates_in(head[label.end():line_end if line_end >= 0 else len(head)], language)
        if dates and dates[0][0] <= 3:
            return dates[0][2]
    return None


def _labels(head: str) -> Iterator[re.Match[str]]:
    """`LABELLED_DATE_LINE.finditer(head)`, tried only where a line starts (where its `^` can match):
    a search would try every character."""
    end = position = 0
    while position >= 0:
        if position >= end:
            label = LABELLED_DATE_LINE.match(head, position)
            if label is not None:
                yield label
                end = label.end()
        position = head.find("\n", position)
        position = position + 1 if position >= 0 else -1


def _is_place_before(text: str) -> bool:
    """Whether `text` is what may stand before a date on a dateline or a date line ("Geneva, ", "")."""
    before = DATELINE_PLACE.match(text)
    if before is None:
        return False
    place = before.group("place")
    return place is None or not place[0].islower()  # a place is capitalised (or in a script without case)


def _is_dateline(line: str, date_start: int, date_end: int) -> bool:
    return _is_place_before(line[:date_start]) and DATELINE_AFTER.match(line[date_end:]) is not None


def _dateline(body: str, language: str) -> date | None:
    """"Geneva, 27 October 2014 – ...", "SEOUL, Oct. 3 (Yonhap) --", "New Delhi, 28th February, 2025:"
    or "March 5, 2025 | 4 min read", opening one of the first lines of the body."""
    for number, line in enumerate(line.strip() for line in _first_lines(body, DATELINE_LINES, skip_blank=True)):
        for date_start, date_end, day in _dates_in(line[:DATELINE_REACH], language)[:1]:
            # below the first line, a date alone on its line belongs to a header or a letter
            if _is_dateline(line, date_start, date_end) and (number == 0 or line[date_end:].strip(" .")):
                return day
    return None


def _date_lines(head: list[str], language: str) -> list[tuple[int, date]]:
    """Lines near the top that hold a date alone (or a place and a date): (line number, date)."""
    out = []
    for number, line in enumerate(head):
        stripped = line.strip(" \t*_#")
        if not stripped or len(stripped) > MAX_DATE_LINE:
            continue
        dates = _dates_in(stripped, language)
        if len(dates) == 1:
            date_start, date_end, day = dates[0]
            if _is_place_before(stripped[:date_start]) and LETTER_TRAILER.match(stripped[date_end:]):
                out.append((number, day))
    return out


def _header_date(text: str, language: str, doc_type: str) -> PublishedDate | None:
    head = _first_lines(text, HEADER_LINES)
    lines = _date_lines(head, language)
    if not lines:
        return None
    top = "\n".join(head)
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


def _is_modified_date(markup: str, day: date) -> bool:
    """Whether the markup writes `day` right after a last-modified label ("Date de modification : 2024-10-21")."""
    iso = day.isoformat()
    position = markup.find(iso)
    while position >= 0:
        if MODIFIED_LABEL.search(markup, max(0, position - MODIFIED_LABEL_REACH), position):
            return True
        position = markup.find(iso, position + len(iso))
    return False


def _overrides_html_date(html: date, stated: date, markup: str) -> bool:
    """A date the body states beats htmldate's when htmldate's looks like a guess from a bare year
    (1 January of the stated year or the one before) or is a last-modified date."""
    year_guess = (html.month, html.day) == (1, 1) and stated.year - 1 <= html.year <= stated.year
    return stated != html and (year_guess or _is_modified_date(markup, html))


def _body_date(clean: CleanDocument, loaded: LoadedDocument, doc_type: str, language: str) -> PublishedDate | None:
    """A dateline, else the date line of a header or a letter."""
    found = _dateline(clean.body_text, language)
    if found is not None:
        return PublishedDate(found, "dateline")
    header = _header_date(clean.body_text, language, doc_type)
    if header is None and loaded.format != "html":
        header = _header_date(loaded.text, language, doc_type)
    return header


def find_published_date(clean: CleanDocument, loaded: LoadedDocument, doc_type: str,
                        *, language: str = "und") -> PublishedDate | None:
    """The date the document states it was issued, with where it was read; None when not stated."""
    if loaded.format == "html":
        found = _html_date(loaded)
        if found is not None:
            stated = _body_date(clean, loaded, doc_type, language)
            if stated is not None and _overrides_html_date(found, stated.value, loaded.markup or ""):
                return stated
            return PublishedDate(found, "html_meta")
    found = _updated_line(clean, loaded, language)
    if found is not None:
        return PublishedDate(found, "updated_line")
    return _body_date(clean, loaded, doc_type, language)
