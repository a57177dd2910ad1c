"""Date expressions in body text, normalised to intervals with their precision.

`extract_dates` runs the grammar of `date_grammar` over the text, resolves missing years from
context (the same sentence, then the document date, then the year of the event the document
is about), validates the values, then adds bare calendar years ("since 1952") and relative
expressions ("the following day"). `find_published_date` lives in `published` and is
re-exported here.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from datetime import date, timedelta

from extractors.date_grammar import (
    CJK_YEAR_SUFFIX,
    CUE_WINDOW,
    LAST_WORDS,
    NAME_AFTER_YEAR,
    NEXT_WORDS,
    RELATIVE_ENDING,
    RELATIVE_PHRASES,
    RELATIVE_TOKENS,
    SENTENCE_BREAK,
    THIS_WORDS,
    YEAR_CUE_BEFORE,
    YEAR_RANGE,
    Found,
    Parts,
    Relative,
    TextIndex,
    grammar_for,
    index_text,
    interval,
    overlaps,
    scan,
    scan_lone_months,
)
from extractors.model import DateMention
from extractors.published import find_published_date

__all__ = ["extract_dates", "find_published_date"]

EARLIEST_YEAR = 1850
FUTURE_MARGIN_YEARS = 30  # announcements and targets ("by 2050") may lie this far past the document date
LATEST_YEAR_WITHOUT_REFERENCE = 2100
SENTENCE_REACH = 400  # characters searched each way for the ends of a sentence
PAST_BIAS = 2.5  # a year-less date is read this much more readily in the past than in the future
FUTURE_TENSE = re.compile(r"\b(?:will|shall|to be held|upcoming|forthcoming|scheduled|planned|sera|aura|se tiendra"
                          r"|será|tendrá|wird|werden|будет|состоится)\b|将于|将在|即将|예정|계획"
                          # the synthetic future of Romance languages: "se tomará", "realizarão", "si terrà", "auront"
                          r"|\b\w\w+(?:rá|rán|rão|rà|ranno|ront)\b", re.IGNORECASE)
LINE_END_PUNCTUATION = " \t.;"
# Two years coordinated after a lower-case word are calendar years: "of 2015 and 2019", "en 2018 y 2022"
YEAR_CONJUNCTION = r"\s*(?:,|and|or|et|ou|y|o|e|und|oder|и|i)\s+"
COORDINATED_YEAR_AFTER = re.compile(YEAR_CONJUNCTION + r"(?:1[89]|20)\d\d(?![\w/-])")
LOWER_WORD_BEFORE = re.compile(r"(?:^|\s)[^\W\d_A-Z]+\s+$")
COORDINATED_YEAR_BEFORE = re.compile(r"(?:^|\s)[^\W\d_A-Z]+\s+(?:1[89]|20)\d\d" + YEAR_CONJUNCTION + "$")
APPOSITION_GAP = 3  # "Накануне, 11 сентября": a relative word restated by the date right after it
# A span of years: "2014-2018", "2002/03", "2024年至2026年"
YEAR_PAIR = re.compile(r"\d{4}\s*(?:年\s*)?(?:[-/–~～]|至|到|부터)\s*\d{2,4}(?!\d)")
YEAR_PAIR_REACH = 12  # characters around a year where the other end of its span may stand
# Target years, not the year of a date near them: "ahead of 2030", "Agenda 2030", "d'ici 2030"
TARGET_REACH = 12  # characters before a year searched for a target word
TARGET_YEAR_BEFORE = re.compile(r"\b(?:ahead of|by|towards?|beyond|agenda|vision|horizon|d'ici|horizonte|hacia|até|bis)"
                                r"\s+$", re.IGNORECASE)


class YearContext:
    """Where missing years come from: the sentence, the document date, the document's event year."""

    def __init__(self, text: str, years: list[tuple[int, int]], found: list[Found], reference: date | None):
        self.text = text
        self.reference = reference
        self.years = years  # (position, year) of every four-digit year in the text
        self.positions = [p for p, _ in years]
        self.document_year = self._document_year(found)
        # (start, first day) of every expression written with its year, in text order
        self.dated = [(f.start, span[0]) for f in found if f.left.year and (span := interval(f.left)) is not None]
        self.dated_starts = [start for start, _ in self.dated]

    def _document_year(self, found: list[Found]) -> int | None:
        """The year most dates written in full carry (the latest on a tie), else the year of the first
        event named with its year ("the 2014 ICT Ministerial Meeting")."""
        explicit = Counter(f.left.year for f in found if f.left.year)
        if explicit:
            return max(explicit.items(), key=lambda item: (item[1], item[0]))[0]
        for position, year in self.years:
            if NAME_AFTER_YEAR.match(self.text, position + 4):
                return year
        return None

    def _is_target_year(self, position: int) -> bool:
        return TARGET_YEAR_BEFORE.search(self.text, max(0, position - TARGET_REACH), position) is not None

    def _in_year_range(self, position: int) -> bool:
        """"2002/2003", "2014-2018", "2024年至2026年": a span of years says nothing about one date's year."""
        return any(m.start() <= position < m.end()
                   for m in YEAR_PAIR.finditer(self.text, max(0, position - YEAR_PAIR_REACH), position + YEAR_PAIR_REACH))

    def sentence(self, position: int) -> tuple[int, int]:
        floor = max(0, position - SENTENCE_REACH)
        start = floor
        for match in SENTENCE_BREAK.finditer(self.text, floor, position):
            start = match.end()
        after = SENTENCE_BREAK.search(self.text, position, position + SENTENCE_REACH)
        return start, after.start() if after else min(len(self.text), position + SENTENCE_REACH)

    def year_for(self, found: Found) -> int | None:
        start, end = self.sentence(found.start)
        if found.cue is None or self.reference is None:  # "last June" is placed by the document date
            lo, hi = bisect.bisect_left(self.positions, start), bisect.bisect_left(self.positions, end)
            near = [(abs(p - found.start), y) for p, y in self.years[lo:hi]
                    if not found.start <= p < found.end and not self._in_year_range(p) and not self._is_target_year(p)]
            if near:
                return min(near)[1]
        if self.reference is not None:
            future = FUTURE_TENSE.search(self.text, start, end) is not None
            guess = year_near(self.reference, found.left, found.cue, future)
            return self._paragraph_year(found, guess) if found.cue is None else guess
        return self.document_year

    def _paragraph_year(self, found: Found, guess: int) -> int:
        """The year of the last date written in full earlier in the same paragraph, when it is a year
        next to the guess and the date then follows that one ("open in October 2026. The meeting is
        planned for 8 November"): the paragraph is about that year's events."""
        i = bisect.bisect_left(self.dated_starts, found.start)
        if not i:
            return guess
        start, previous = self.dated[i - 1]
        if "\n" in self.text[start:found.start] or abs(previous.year - guess) != 1:
            return guess
        span = interval(Parts(previous.year, found.left.month, found.left.day))
        return previous.year if span is not None and span[0] >= previous else guess


def year_near(reference: date, probe: Parts, cue: str | None, future_tense: bool) -> int:
    """The year that puts a year-less date closest to the document date; the past is favoured
    (news reports what happened) unless the sentence is in the future tense."""
    best: tuple[float, int] | None = None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        span = interval(Parts(year, probe.month, probe.day))
        if span is None:
            continue
        first, last = span
        # "last June" is before this month; "el pasado 15 de mayo" only before the document date
        latest_start = reference if probe.day else reference.replace(day=1)
        if (cue in LAST_WORDS and first >= latest_start) or (cue in NEXT_WORDS and last <= reference) \
                or (cue in THIS_WORDS and year != reference.year):
            continue
        if last < reference:
            distance = (reference - last).days * (1.0 if not future_tense else PAST_BIAS)
        elif first > reference:
            distance = (first - reference).days * (PAST_BIAS if not future_tense else 1.0)
        else:
            distance = 0.0
        if best is None or distance < best[0]:
            best = (distance, year)
    return best[1] if best else reference.year


def _latest_year(reference: date | None) -> int:
    return reference.year + FUTURE_MARGIN_YEARS if reference else LATEST_YEAR_WITHOUT_REFERENCE


def _mention(text: str, found: Found, context: YearContext) -> DateMention | None:
    """The row for one expression, or None when its year cannot be told or its value is implausible."""
    left, right = found.left, found.right
    if left.year is None:
        year = context.year_for(found)
        if year is None:
            return None
        left.year = year
        if right is not None and right.year is None:
            right.year = year
    first = interval(left)
    last = interval(right) if right is not None else first
    if first is None or last is None:
        return None
    if right is not None and first[0] > last[1]:
        earlier = interval(Parts(left.year - 1, left.month, left.day))  # "December 20 to January 5, 2022"
        if earlier is None or earlier[0] > last[1]:
            return None
        first = earlier
    if not EARLIEST_YEAR <= first[0].year or last[1].year > _latest_year(context.reference):
        return None
    granularity = "day" if (left.day or (right and right.day)) else "month"
    return DateMention(text[found.start:found.end], first[0], last[1], granularity, found.start, found.end)


def _calendar_years(text: str, years: list[tuple[int, int]], taken: list[tuple[int, int]],
                    reference: date | None) -> list[DateMention]:
    """Bare years used as calendar references: after a cue ("since 1952"), CV ranges ("1995 – 2004",
    "2015 – Present"), in parentheses or closing a list line (", 1985"), "2008年"; never inside a
    name ("ITU Telecom World 2017", "the 2022 Plenipotentiary Conference")."""
    rows: list[DateMention] = []
    latest = _latest_year(reference)
    skip_until = -1
    for position, year in years:
        end = position + 4
        if position < skip_until or overlaps(taken, position, end) or not EARLIEST_YEAR <= year <= latest:
            continue
        span = YEAR_RANGE.match(text, position)
        if span is not None and (position == 0 or not text[position - 1].isalnum()):
            for group in ("a", "b"):
                if span.group(group) and int(span.group(group)) <= latest:
                    rows.append(_year_row(text, span.start(group), int(span.group(group))))
            skip_until = span.end()
        elif _is_calendar_year(text, position, end):
            rows.append(_year_row(text, position, year))
    return rows


def _year_row(text: str, start: int, year: int) -> DateMention:
    return DateMention(text[start:start + 4], date(year, 1, 1), date(year, 12, 31), "year", start, start + 4)


def _is_calendar_year(text: str, start: int, end: int) -> bool:
    if CJK_YEAR_SUFFIX.match(text, end):  # "2008年"
        return True
    if (start and text[start - 1] in "/-.,@©#:_") or (end < len(text) and (text[end].isalnum() or text[end] in "/%°")):
        return False
    if NAME_AFTER_YEAR.match(text, end):
        return False
    if YEAR_CUE_BEFORE.search(text, max(0, start - CUE_WINDOW), start):
        return True
    if start and text[start - 1] == "(" and text.startswith(")", end):
        return True
    if COORDINATED_YEAR_AFTER.match(text, end) and LOWER_WORD_BEFORE.search(text, max(0, start - CUE_WINDOW), start):
        return True
    if COORDINATED_YEAR_BEFORE.search(text, max(0, start - 2 * CUE_WINDOW), start):
        return True
    line_end = text.find("\n", end)
    rest = text[end:line_end if line_end >= 0 else len(text)]
    return text[max(0, start - 3):start].rstrip(" ").endswith(",") and not rest.strip(LINE_END_PUNCTUATION)


def _relative_matches(text: str, index: TextIndex) -> list[tuple[int, int, Relative]]:
    out = [(start, end, RELATIVE_PHRASES[text[start:end]]) for start, end in index.cjk_relative]
    for word in {RELATIVE_TOKENS[t] for t in index.relative_tokens}:
        pattern = RELATIVE_ENDING[word]
        for variant in {word, word.capitalize(), word.upper()}:
            i = text.find(variant)
            while i >= 0:
                end = i + len(variant)
                if end == len(text) or not text[end].isalnum():
                    match = pattern.search(text, max(0, i - 40), end)
                    if match is not None:
                        out.append((match.start(), end, RELATIVE_PHRASES[match.group().casefold()]))
                i = text.find(variant, end)
    out.sort(key=lambda m: (m[0], -m[1]))
    kept: list[tuple[int, int, Relative]] = []
    for match in out:  # "the day before yesterday" also holds "the day before"
        if not kept or match[0] >= kept[-1][1]:
            kept.append(match)
    return kept


def _relative(text: str, index: TextIndex, reference: date | None,
              days: list[DateMention]) -> list[DateMention]:
    """"yesterday", "next week" against the document date; "the following day" against the last day named before."""
    rows: list[DateMention] = []
    day_starts = [d.char_start for d in days]
    for start, end, relative in _relative_matches(text, index):
        i = bisect.bisect_left(day_starts, start)
        if i < len(days) and day_starts[i] - end <= APPOSITION_GAP and not text[end:day_starts[i]].strip(" ,"):
            continue  # the date right after it says which day it is
        anchor = reference
        # "the day before" refers to the last day named in the same paragraph, else to the document date
        if relative.anchor == "previous" and i and "\n" not in text[days[i - 1].char_end:start]:
            anchor = days[i - 1].end_date
        if anchor is None:
            continue
        granularity = "day"
        if relative.unit == "day":
            first = last = anchor + timedelta(days=relative.offset)
        elif relative.unit == "week":
            first = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=relative.offset)
            last = first + timedelta(days=6)
        else:
            month_index = anchor.year * 12 + anchor.month - 1 + relative.offset
            first, last = interval(Parts(month_index // 12, month_index % 12 + 1, None)) or (anchor, anchor)
            granularity = "month"
        rows.append(DateMention(text[start:end], first, last, granularity, start, end, relative=True))
    return rows


def extract_dates(body_text: str, language: str, reference: date | None) -> list[DateMention]:
    """Every date expression of `body_text`, in text order, with offsets into it.

    `reference` is the document's date (publication date), used to resolve missing years and
    relative expressions; without it, a year comes from the sentence or the document's event.
    """
    if not body_text:
        return []
    if reference is not None and not EARLIEST_YEAR <= reference.year <= LATEST_YEAR_WITHOUT_REFERENCE:
        reference = None  # a document date out of any plausible range tells nothing
    grammar = grammar_for(language or "und")
    index = index_text(grammar, body_text)
    text = index.text  # digits in ASCII: same length, same offsets
    years = [(s, year) for s, e in index.digit_runs
             if e - s == 4 and EARLIEST_YEAR <= (year := int(text[s:e])) <= LATEST_YEAR_WITHOUT_REFERENCE]
    found = scan(grammar, text, index)
    found += scan_lone_months(grammar, text, index, [(f.start, f.end) for f in found])
    context = YearContext(text, years, found, reference)
    rows = [row for row in (_mention(text, f, context) for f in found) if row is not None]
    taken = sorted((r.char_start, r.char_end) for r in rows)
    rows += _calendar_years(text, years, taken, reference)
    days = sorted((r for r in rows if r.granularity == "day"), key=lambda r: r.char_start)
    relative = _relative(text, index, reference, days)
    rows += [r for r in relative if not overlaps(taken, r.char_start, r.char_end)]
    rows.sort(key=lambda r: (r.char_start, r.char_end))
    if text is body_text:
        return rows
    return [DateMention(body_text[r.char_start:r.char_end], r.start_date, r.end_date, r.granularity,
                        r.char_start, r.char_end, r.relative) for r in rows]
