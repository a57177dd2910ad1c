"""PDF page furniture and reading order: header/footer bands out, paragraphs rejoined.

A line is furniture when it sits in the top or bottom band of a page and either has the shape
of a page number, or its text (digits ignored) recurs in the bands of other pages: running
headers, footers, document symbols ("PP22/12-E"), letterheads. The first occurrence of a
repeated letterhead on page 1 is kept (it says who wrote the document); later ones go.
The remaining lines become paragraphs by their vertical gaps, and a paragraph cut by a page
break (no sentence end before the break) is joined with the first paragraph of the next page.
"""
from __future__ import annotations

import re
import statistics
import unicodedata
from collections import defaultdict
from collections.abc import Sequence

from extractors.model import LoadedDocument, PdfLine, PdfPage, RemovedText

HEADER_BAND = 0.15  # share of the page height from the top
FOOTER_BAND = 0.12  # share of the page height from the bottom
BAND_LINES = 3  # without geometry: this many lines at each end of a page form the bands
SYNTHETIC_LINE_HEIGHT = 12.0
PARAGRAPH_GAP_FACTOR = 1.6  # a gap this much larger than the usual line gap starts a paragraph
SHORT_LINE_SHARE = 0.75  # a line ending before this share of the text width ends its paragraph
INDENT_SHARE = 0.3  # a line starting this far right of the left edge is right-aligned or centred

DIGITS = re.compile(r"\d+")
LETTER_WORD = re.compile(r"[^\W\d_]{2,}")
WHITESPACE = re.compile(r"\s+")
PAGE_NUMBER = re.compile(r"^(?:[-–—]\s*)?(?:page|seite|página|pagina|p\.|pág\.)?\s*\d{1,4}\s*"
                         r"(?:(?:of|/|von|de|sur|di)\s*\d{1,4})?(?:\s*[-–—])?$|"
                         r"^[ivxlc]{1,6}$|^第\s*\d+\s*页$|^\d+\s*(?:페이지|쪽)$|^-\s*[ivxlc]{1,6}\s*-$", re.IGNORECASE)
TERMINAL_PUNCT = re.compile(r"[.!?:;。！？…]['\"”’»)*\]]*$")
LIST_ITEM_START = re.compile(r"^\s*(?:[-–•*·▪●◦]|\d{1,2}[.)]\s|[a-z][.)]\s)")


def pdf_body_text(doc: LoadedDocument) -> tuple[str, list[RemovedText]]:
    """Body text of a PDF (paragraphs separated by blank lines) and the furniture removed."""
    pages = doc.pages or pages_from_text(doc.text or "")
    furniture = find_furniture(pages)
    page_offsets = _page_offsets(doc.text or "")
    removed = [RemovedText(text=pages[p].lines[i].text, reason=reason,
                           position=_locate(doc.text or "", pages[p].lines[i].text, page_offsets, p))
               for (p, i), reason in sorted(furniture.items())]
    paragraphs: list[str] = []
    previous_page_ends_full = True
    for p, page in enumerate(pages):
        kept = [page.lines[i] for i in _reading_order(page) if (p, i) not in furniture]
        page_paragraphs = paragraphs_of(kept)
        if (paragraphs and page_paragraphs
                and continues(paragraphs[-1], page_paragraphs[0], before_line_full=previous_page_ends_full)):
            paragraphs[-1] = _join(paragraphs[-1], page_paragraphs.pop(0))
        paragraphs.extend(page_paragraphs)
        if kept:
            previous_page_ends_full = not _is_short(kept[-1], *_text_edges(kept))
    return "\n\n".join(paragraphs), removed


def pages_from_text(text: str) -> tuple[PdfPage, ...]:
    """Pages without geometry (text split on form feeds), with one synthetic line per text line."""
    pages = []
    for number, page_text in enumerate(text.split("\f"), start=1):
        raw_lines = page_text.split("\n")
        lines, y = [], 0.0
        for raw in raw_lines:
            if raw.strip():
                text = raw.strip()
                lines.append(PdfLine(text=text, x0=0.0, x1=float(len(text)), top=y, bottom=y + SYNTHETIC_LINE_HEIGHT * 0.8))
            y += SYNTHETIC_LINE_HEIGHT
        pages.append(PdfPage(number=number, width=100.0, height=max(y, SYNTHETIC_LINE_HEIGHT), lines=tuple(lines)))
    return tuple(pages)


def find_furniture(pages: Sequence[PdfPage]) -> dict[tuple[int, int], str]:
    """(page index, line index) -> reason, for headers, footers and page numbers."""
    banded: dict[tuple[int, int], str] = {}
    for p, page in enumerate(pages):
        for i, band in _band_lines(page):
            banded[(p, i)] = band
    pages_with_key: dict[str, set[int]] = defaultdict(set)
    for (p, i) in banded:
        pages_with_key[_repetition_key(pages[p].lines[i].text)].add(p)
    furniture: dict[tuple[int, int], str] = {}
    kept_first: set[str] = set()
    for (p, i), band in sorted(banded.items()):
        text = pages[p].lines[i].text.strip()
        if PAGE_NUMBER.match(text):
            furniture[(p, i)] = "page_number"
            continue
        key = _repetition_key(text)
        if len(pages_with_key[key]) < 2 or not key:
            continue
        # a letterhead repeated from page 1 keeps its first occurrence: it names the author
        if band == "header" and p == 0 and len(LETTER_WORD.findall(text)) >= 2 and key not in kept_first:
            kept_first.add(key)
            continue
        furniture[(p, i)] = "page_header" if band == "header" else "page_footer"
    return furniture


def paragraphs_of(lines: Sequence[PdfLine]) -> list[str]:
    """Lines of one page (reading order) grouped into paragraphs by gaps and short lines.

    Wrapped lines are joined with a space; a short line (address, letterhead, list) keeps its
    line break, so the text pass still sees it as a line of its own.
    """
    if not lines:
        return []
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:]) if b.top > a.top]
    # the gap between wrapped lines is the smallest common one: on pages of short blocks
    # (headers, lists, CVs) the median is already a paragraph gap
    usual_gap = sorted(gaps)[len(gaps) // 4] if gaps else 0.0
    heights = [line.bottom - line.top for line in lines]
    line_height = statistics.median(heights) if heights else SYNTHETIC_LINE_HEIGHT
    left_edge, width = _text_edges(lines)
    paragraphs: list[str] = [lines[0].text.strip()]
    for prev, line in zip(lines, lines[1:]):
        gap = line.top - prev.bottom
        big_gap = gap > max(usual_gap * PARAGRAPH_GAP_FACTOR, usual_gap + 0.5 * line_height)
        short_prev = _is_short(prev, left_edge, width)
        if big_gap or (short_prev and TERMINAL_PUNCT.search(prev.text.strip())):
            paragraphs.append(line.text.strip())
        elif short_prev or LIST_ITEM_START.match(line.text):
            paragraphs[-1] += "\n" + line.text.strip()  # a line break the text pass may still join
        else:
            paragraphs[-1] = _join(paragraphs[-1], line.text.strip())
    return [p for p in paragraphs if p]


def continues(before: str, after: str, *, before_line_full: bool = True) -> bool:
    """Does `after` (top of a page) continue the sentence that `before` (bottom of the last page) began?

    A lowercase start says so; otherwise the last line before the break must run to the right
    margin (a short one ends a signature, an address or a heading) and `after` must not open
    with an all-caps heading.
    """
    if not before or not after or TERMINAL_PUNCT.search(before) or LIST_ITEM_START.match(after):
        return False
    if after[0].islower():
        return True
    first_line = after.split("\n", 1)[0]
    return before_line_full and len(before) >= 40 and not before.isupper() and not _is_heading(first_line)


def _is_heading(text: str) -> bool:
    return text.isupper() and sum(c.isalpha() for c in text) >= 4


def _text_edges(lines: Sequence[PdfLine]) -> tuple[float, float]:
    """Left edge and width of the text block of these lines."""
    left_edge = min(line.x0 for line in lines)
    return left_edge, max(max(line.x1 for line in lines) - left_edge, 1.0)


def _is_short(line: PdfLine, left_edge: float, width: float) -> bool:
    """Ends well before the right margin, or starts well right of the left one (a right-aligned
    or centred line: symbol blocks, dates): its line break is real."""
    return (line.x1 - left_edge) < SHORT_LINE_SHARE * width or (line.x0 - left_edge) > INDENT_SHARE * width


def _join(before: str, after: str) -> str:
    if before.endswith("-") and len(before) > 1 and before[-2].isalpha() and after[:1].islower():
        return before[:-1] + after
    return f"{before} {after}"


def _band_lines(page: PdfPage) -> list[tuple[int, str]]:
    if not page.lines:
        return []
    order = sorted(range(len(page.lines)), key=lambda i: page.lines[i].top)
    header_limit, footer_limit = page.height * HEADER_BAND, page.height * (1 - FOOTER_BAND)
    bands = []
    for rank, i in enumerate(order):
        line = page.lines[i]
        if line.bottom <= header_limit or rank < 1:
            bands.append((i, "header"))
        elif line.top >= footer_limit or rank >= len(order) - 1:
            bands.append((i, "footer"))
        elif rank < BAND_LINES and _no_geometry(page):
            bands.append((i, "header"))
        elif rank >= len(order) - BAND_LINES and _no_geometry(page):
            bands.append((i, "footer"))
    return bands


def _no_geometry(page: PdfPage) -> bool:
    return page.width == 100.0 and all(line.x0 == 0.0 for line in page.lines)


def _repetition_key(text: str) -> str:
    return WHITESPACE.sub(" ", DIGITS.sub("#", unicodedata.normalize("NFKC", text))).strip().casefold()


def _reading_order(page: PdfPage) -> list[int]:
    return sorted(range(len(page.lines)), key=lambda i: (round(page.lines[i].top, 1), page.lines[i].x0))


def _page_offsets(text: str) -> list[int]:
    offsets, start = [], 0
    for page_text in text.split("\f"):
        offsets.append(start)
        start += len(page_text) + 1
    return offsets


def _locate(text: str, snippet: str, page_offsets: list[int], page_index: int) -> int:
    start = page_offsets[page_index] if page_index < len(page_offsets) else 0
    found = text.find(snippet, start)
    return found if found >= 0 else start
