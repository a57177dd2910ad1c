"""Date step benchmark: seeds, TimeML, Recognizers-Text, htmldate_eval, and speed.

Run: .venv/bin/python benchmarks/dates.py [--compare-htmldate]

What is counted (printed figures):

* seeds - dates F1 and published-date accuracy on the raw seed texts (body = raw text, the
  "Updated:" line given as the cleaned `updated_line`), scored like ../shared/eval/score.py.
* timeml - TempEval-3 platinum (en) and French TimeBank (fr), plus TBAQ for information. Gold:
  every TIMEX3 of type DATE inside <TEXT> whose text names a month (contains a CLDR month name
  of the language) and whose value is a day (YYYY-MM-DD) or a month (YYYY-MM). The DCT is the
  reference date. A predicted row (granularity day or month, not relative) is a true positive
  when it overlaps a gold TIMEX3 and has the same value; a range row that overlaps two adjacent
  gold TIMEX3 ("from March to May" is two TIMEX3 in TimeML) counts for both when its start
  matches the first and its end the second. A row overlapping no month-naming DATE TIMEX3 is a
  false positive unless it overlaps another TIMEX3 (TIME, DURATION, unresolved value), which is
  ignored.
* recognizers - Recognizers-Text DateTimeModel cases per language. A case is counted when every
  result is a `datetimeV2.date` or `datetimeV2.daterange` whose timex is a day or month
  (`YYYY-MM-DD`, `YYYY-MM`, `XXXX-MM-DD`, `XXXX-MM`, or a `(start,end,P..)` range of days) and
  whose text is written with numbers, month names and weekday names only: every word of it is a
  number (with an ordinal ending: 4th, 1er, 1.º), a CLDR month or weekday name of the language,
  or one of the connecting words in CONNECTING_WORDS ("of", "de", "to", "between", "au", ...);
  CJK texts may hold digits, 年月日号/년월일 and range marks only. So spelled-out numbers
  ("May twenty nine"), offsets ("2 weeks from January 15"), open ranges ("between Jan 22 and
  now"), parts of months ("mid-November", "fin juillet"), holidays and relative words are not
  counted. A case is correct when every result is matched by a predicted row overlapping its
  span with the same start, end (range ends made inclusive) and granularity, where a timex with
  XXXX matches any year; a result Recognizers leaves "not resolved" (30 February) must get no
  row; and no other non-year row is predicted. Cases without a ReferenceDateTime (most French
  ones) were resolved by Recognizers against the day they were written: they get 2016-11-07
  (the usual reference) and are compared on month and day only.
* htmldate_eval - publication date accuracy of find_published_date on the raw HTML, and coverage.
* speed - extract_dates alone on 3 KB documents (UN General Debate speeches cut into 3,000
  character pieces, the seeds and TimeML texts), documents per second.
"""
from __future__ import annotations

import argparse
import gzip
import html
import json
import re
import sys
import time
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import babel.dates
from babel.core import UnknownLocaleError

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from extractors.date_grammar import cldr_month_names  # noqa: E402
from extractors.dates import extract_dates, find_published_date  # noqa: E402
from extractors.model import CleanDocument, DateMention, LoadedDocument  # noqa: E402

SHARED = REPO.parent / "shared"
DEVDATA = SHARED / "devdata"
RECOGNIZERS_LANGUAGES = {"English": "en", "French": "fr", "Spanish": "es", "Portuguese": "pt", "German": "de",
                         "Chinese": "zh", "Korean": "ko", "Japanese": "ja", "Italian": "it", "Dutch": "nl",
                         "Arabic": "ar", "Turkish": "tr"}
TARGET_LANGUAGES = ("en", "fr", "es", "pt", "de", "zh", "ko")
DAY_OR_MONTH_TIMEX = re.compile(r"(?:\d{4}|XXXX)-\d\d(?:-\d\d)?")
RANGE_TIMEX = re.compile(r"\(((?:\d{4}|XXXX)-\d\d-\d\d),((?:\d{4}|XXXX)-\d\d-\d\d),P\w+\)")
NUMERIC_DATE = re.compile(r"(?<!\d)(?:\d{1,2}[./-]\d{1,2}|\d{4}[./-]\d{1,2}[./-]\d{1,2})(?!\d)|\d+\s*[月월]")
WORD = re.compile(r"[^\W\d_]+")
TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
SPEED_ROUNDS = 5  # the best round: other processes on the machine slow some rounds down
DEFAULT_REFERENCE = date(2016, 11, 7)  # Recognizers' usual ReferenceDateTime
CONNECTING_WORDS = frozenset("""of the from to until till through and between on in de del du des le la les el los
    au aux à al a y et e entre desde hasta até em no na do da dos das von vom bis zum zur am im an den dem der die das
    und zwischen ab""".split())
ORDINAL_NUMBER = re.compile(r"\d+(?:st|nd|rd|th|er|re|e|º|°|ª)?", re.IGNORECASE)
CJK_DATE_TEXT = re.compile(r"[\d\s年月日号號년월일至到~～〜\-–,、]+")


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@lru_cache(maxsize=None)
def weekday_names(language: str) -> frozenset[str]:
    try:
        return frozenset(n.casefold().rstrip(".") for w in ("wide", "abbreviated")
                         for n in babel.dates.get_day_names(w, "format", language).values())
    except (UnknownLocaleError, ValueError):
        return frozenset()


def written_with_numbers_and_names(text: str, language: str) -> bool:
    """The counted Recognizers cases: numbers, month and weekday names, connecting words only."""
    if language in ("zh", "ja", "ko"):
        return CJK_DATE_TEXT.fullmatch(text) is not None and re.search(r"\d\s*[月월]|\d[./-]\d", text) is not None
    months, weekdays = cldr_month_names(language), weekday_names(language)
    words = re.findall(r"[^\W_]+", text.casefold())
    return bool(words) and all(ORDINAL_NUMBER.fullmatch(w) or w in months or w in weekdays or w in CONNECTING_WORDS
                               for w in words) and names_a_month(text, language)


def names_a_month(text: str, language: str) -> bool:
    months = cldr_month_names(language)
    return any(w.casefold() in months for w in WORD.findall(text)) or NUMERIC_DATE.search(text) is not None


def value_of(row: DateMention) -> str:
    n = {"day": 10, "month": 7, "year": 4}[row.granularity]
    a, b = row.start_date.isoformat()[:n], row.end_date.isoformat()[:n]
    return a if a == b else f"{a}/{b}"


# ---------------------------------------------------------------- seeds
def bench_seeds() -> None:
    gold = {g["file"]: g for g in json.loads((SHARED / "eval" / "gold_seeds.json").read_text(encoding="utf-8"))}
    tp = fp = fn = published_ok = 0
    for path in sorted((REPO / "seeds").iterdir()):
        g = gold.get(path.name)
        if g is None:
            continue
        text = path.read_text(encoding="utf-8")
        updated = next((line for line in text.splitlines() if line.lower().startswith("updated:")), None)
        loaded = LoadedDocument(doc_id=path.name, source_uri=str(path), format="txt", text=text)
        published = find_published_date(CleanDocument(body_text=text, updated_line=updated), loaded, g["doc_type"])
        rows = extract_dates(text, g["language"], published.value if published else None)
        predicted = {value_of(r) for r in rows if r.granularity != "year"}
        if published:
            predicted.add(published.value.isoformat())
        expected = set(g["dates"])
        predicted -= set(g.get("dates_optional", [])) - expected
        tp += len(predicted & expected)
        fp += len(predicted - expected)
        fn += len(expected - predicted)
        published_ok += (published.value.isoformat() if published else None) == g["published_date"]
    p, r, f = prf(tp, fp, fn)
    print(f"seeds          dates P {p:.3f} R {r:.3f} F1 {f:.3f}   published_date accuracy {published_ok / len(gold):.3f}")


# ---------------------------------------------------------------- TimeML
def parse_timeml(path: Path) -> tuple[date | None, str, list[dict]]:
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r'functionInDocument="CREATION_TIME"[^>]*value="(\d{4}-\d\d-\d\d)', raw) or \
        re.search(r'<DCT>.*?value="(\d{4}-\d\d-\d\d)', raw, re.DOTALL)
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.DOTALL)
    text_parts: list[str] = []
    length = 0
    timexes: list[dict] = []
    open_timex: dict | None = None
    position = 0
    source = body.group(1) if body else ""
    for tag in TAG.finditer(source):
        chunk = html.unescape(source[position:tag.start()])
        text_parts.append(chunk)
        length += len(chunk)
        position = tag.end()
        closing, name, attributes = tag.groups()
        if name != "TIMEX3":
            continue
        if not closing:
            attrs = dict(re.findall(r'(\w+)="([^"]*)"', attributes))
            open_timex = {"type": attrs.get("type"), "value": attrs.get("value", ""), "start": length}
        elif open_timex is not None:
            open_timex["end"] = length
            timexes.append(open_timex)
            open_timex = None
    text_parts.append(html.unescape(source[position:]))
    text = "".join(text_parts)
    for t in timexes:
        t["text"] = text[t["start"]:t["end"]]
    return (date.fromisoformat(dct.group(1)) if dct else None), text, timexes


def timex_value(value: str) -> str | None:
    return value if re.fullmatch(r"\d{4}-\d\d(?:-\d\d)?", value) else None


def bench_timeml(folder: Path, language: str) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for path in sorted(folder.rglob("*.tml")):
        dct, text, timexes = parse_timeml(path)
        gold = [t for t in timexes if t["type"] == "DATE" and timex_value(t["value"]) and names_a_month(t["text"], language)
                and not NUMERIC_DATE.fullmatch(t["text"].strip())]
        others = [t for t in timexes if t not in gold]
        rows = [r for r in extract_dates(text, language, dct) if r.granularity != "year" and not r.relative]
        matched: set[int] = set()
        for row in rows:
            hits = [i for i, t in enumerate(gold) if t["start"] < row.char_end and row.char_start < t["end"]]
            value = value_of(row)
            if "/" in value and hits:
                # a range row stands for the TIMEX3 of each of its ends ("du 19 au 23 juillet")
                good = [i for i, end in zip((hits[0], hits[-1]), value.split("/"))
                        if gold[i]["value"] == end and i not in matched] if len(hits) > 1 else \
                    [i for i in hits if gold[i]["value"] in value.split("/") and i not in matched]
                matched.update(good)
                tp += len(good)
                fp += not good
                continue
            if hits:
                if gold[hits[0]]["value"] == value and hits[0] not in matched:
                    matched.add(hits[0])
                    tp += 1
                else:
                    fp += 1
            elif not any(t["start"] < row.char_end and row.char_start < t["end"] for t in others):
                fp += 1
        fn += len(gold) - len(matched)
    return tp, fp, fn


def report_timeml() -> None:
    root = DEVDATA / "timeml"
    if not root.is_dir():
        print("timeml         (devdata absent)")
        return
    total = [0, 0, 0]
    for name, folder, language in (("te3_platinum", root / "te3_platinum", "en"), ("fr_timebank", root / "fr_timebank", "fr")):
        counts = bench_timeml(folder, language)
        total = [a + b for a, b in zip(total, counts)]
        p, r, f = prf(*counts)
        print(f"timeml {name:14s} P {p:.3f} R {r:.3f} F1 {f:.3f}  (tp {counts[0]} fp {counts[1]} fn {counts[2]})")
    p, r, f = prf(*total)
    print(f"timeml platinum+fr     P {p:.3f} R {r:.3f} F1 {f:.3f}  <- target F1 >= 0.85")
    counts = bench_timeml(root / "tbaq_cleaned", "en")
    p, r, f = prf(*counts)
    print(f"timeml tbaq (info)     P {p:.3f} R {r:.3f} F1 {f:.3f}  (tp {counts[0]} fp {counts[1]} fn {counts[2]})")


# ---------------------------------------------------------------- Recognizers-Text
def gold_spans(result: dict) -> list[tuple[str, str, str]] | None:
    """Acceptable (start, end, granularity) values of one result, or None when it is not a day/month date."""
    out = []
    resolution = result.get("Resolution")
    values = resolution.get("values", []) if isinstance(resolution, dict) else []
    if values and all(v.get("value") == "not resolved" for v in values):
        return []  # an impossible date (30 February): no row expected
    for value in values:
        timex = value.get("timex", "")
        if DAY_OR_MONTH_TIMEX.fullmatch(timex):
            granularity = "day" if len(timex) == 10 else "month"
            if "value" in value:
                out.append((value["value"], value["value"], granularity))
            elif "start" in value and "end" in value:
                end = date.fromisoformat(value["end"]) - timedelta(days=1)
                out.append((value["start"], end.isoformat(), granularity))
            out.append((timex, timex, granularity))
        elif value.get("value") == "not resolved":
            continue
        elif RANGE_TIMEX.fullmatch(timex):
            a, b = RANGE_TIMEX.fullmatch(timex).groups()
            out.append((a, b, "day"))
            if "start" in value and "end" in value:
                out.append((value["start"], value["end"], "day"))
        else:
            return None
    return out if values else None


def same_day(expected: str, predicted: date, any_year: bool = False) -> bool:
    if expected.startswith("XXXX") or any_year:
        return expected[4:] == predicted.isoformat()[4:len(expected)]
    return predicted.isoformat()[:len(expected)] == expected


def row_matches(row: DateMention, spans: list[tuple[str, str, str]], any_year: bool = False) -> bool:
    def same(expected: str, predicted: date) -> bool:
        return same_day(expected, predicted, any_year)

    for start, end, granularity in spans:
        if row.granularity == "month" and start != end and start.endswith("-01"):
            # a range of months: Recognizers gives first days, the end either exclusive or the last month's first day
            ends = {end[:7]}
            if not end.startswith("XXXX"):
                ends.add((date.fromisoformat(end) - timedelta(days=1)).isoformat()[:7])
            if same(start[:7], row.start_date) and any(same(e, row.end_date) for e in ends):
                return True
            continue
        if granularity == "month":
            ok = row.granularity == "month" and same(start, row.start_date) and same(end, row.start_date)
        else:
            ok = row.granularity == "day" and same(start, row.start_date) and same(end, row.end_date)
        if ok:
            return True
    return False


def bench_recognizers(folder: Path, language: str) -> tuple[int, int]:
    cases = json.loads(gzip.open(folder / "DateTimeModel.json.gz", "rt", encoding="utf-8-sig").read())
    counted = correct = 0
    for case in cases:
        results = case.get("Results") or []
        if not results or any(r.get("TypeName") not in ("datetimeV2.date", "datetimeV2.daterange") for r in results):
            continue
        spans = [gold_spans(r) for r in results]
        if any(s is None for s in spans) or not all(written_with_numbers_and_names(r["Text"], language) for r in results):
            continue
        counted += 1
        reference = (case.get("Context") or {}).get("ReferenceDateTime")
        text = case["Input"]
        rows = [r for r in extract_dates(text, language, date.fromisoformat(reference[:10]) if reference else DEFAULT_REFERENCE)
                if r.granularity != "year"]
        ok = True
        used: set[int] = set()
        for result, accepted in zip(results, spans):
            start, end = result["Start"], result["Start"] + len(result["Text"])
            if not accepted:  # nothing may be found there
                ok = ok and not any(row.char_start < end and start < row.char_end for row in rows)
                continue
            hit = next((i for i, row in enumerate(rows) if i not in used and row.char_start < end
                        and start < row.char_end and row_matches(row, accepted, not reference)), None)
            if hit is None:
                ok = False
                break
            used.add(hit)
        ok = ok and all(i in used or row.relative for i, row in enumerate(rows))
        correct += ok
    return counted, correct


def report_recognizers() -> None:
    root = DEVDATA / "recognizers_text_datetime"
    if not root.is_dir():
        print("recognizers    (devdata absent)")
        return
    for folder_name, language in RECOGNIZERS_LANGUAGES.items():
        folder = root / folder_name
        if not (folder / "DateTimeModel.json.gz").exists():
            continue
        counted, correct = bench_recognizers(folder, language)
        target = "  <- target >= 0.80" if language in TARGET_LANGUAGES else ""
        print(f"recognizers {language}  accuracy {correct / max(counted, 1):.3f}  ({correct}/{counted} date cases){target}")


# ---------------------------------------------------------------- htmldate_eval
def decode_html(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        declared = re.search(rb'charset=["\']?([\w-]+)', raw[:4096])
        try:
            return raw.decode(declared.group(1).decode() if declared else "cp1252", errors="replace")
        except LookupError:
            return raw.decode("cp1252", errors="replace")


def report_htmldate(compare: bool) -> None:
    root = DEVDATA / "htmldate_eval"
    if not root.is_dir():
        print("htmldate_eval  (devdata absent)")
        return
    gold = json.loads((root / "gold.json").read_text(encoding="utf-8"))
    pages = [(g, decode_html(gzip.open(root / g["file"], "rb").read())) for g in gold]
    import extractors.published as published

    settings = [dict(published.HTMLDATE_OPTIONS)]
    if compare:
        settings = [{"original_date": o, "extensive_search": e} for e in (False, True) for o in (True, False)]
    default = dict(published.HTMLDATE_OPTIONS)
    for options in settings:
        published.HTMLDATE_OPTIONS.clear()
        published.HTMLDATE_OPTIONS.update(options)
        ok = found = 0
        started = time.perf_counter()
        for g, markup in pages:
            loaded = LoadedDocument(doc_id=g["file"], source_uri=g["url"], format="html", text="", markup=markup)
            result = find_published_date(CleanDocument(body_text=""), loaded, "news_article")
            found += result is not None
            ok += (result.value.isoformat() if result else None) == g["date"]
        elapsed = time.perf_counter() - started
        print(f"htmldate_eval  accuracy {ok / len(pages):.3f}  coverage {found / len(pages):.3f}  "
              f"{1000 * elapsed / len(pages):.1f} ms/page  {options}")
    published.HTMLDATE_OPTIONS.clear()
    published.HTMLDATE_OPTIONS.update(default)


# ---------------------------------------------------------------- speed
def speed_corpus() -> list[str]:
    docs: list[str] = []
    speeches = DEVDATA / "un_general_debate_speeches" / "txt"
    if speeches.is_dir():
        for path in sorted(speeches.iterdir()):
            text = path.read_text(encoding="utf-8")
            docs += [text[i:i + 3000] for i in range(0, len(text) - 1500, 3000)]
    for path in sorted((DEVDATA / "timeml" / "te3_platinum").glob("*.tml")):
        docs.append(parse_timeml(path)[1][:3000])
    docs += [p.read_text(encoding="utf-8")[:3000] for p in sorted((REPO / "seeds").iterdir())]
    return docs


def report_speed() -> None:
    docs = speed_corpus()
    extract_dates(docs[0], "en", None)  # build the grammar outside the timing
    reference = date(2021, 11, 9)
    best = 0.0
    for _ in range(SPEED_ROUNDS):
        started = time.perf_counter()
        for text in docs:
            extract_dates(text, "en", reference)
        best = max(best, len(docs) / (time.perf_counter() - started))
    size = sum(map(len, docs)) / len(docs)
    print(f"speed          extract_dates {best:,.0f} documents/second ({len(docs)} documents, mean {size:,.0f} chars; "
          f"best of {SPEED_ROUNDS} rounds)  <- target >= 2,000")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare-htmldate", action="store_true", help="measure every htmldate setting")
    args = parser.parse_args()
    bench_seeds()
    report_timeml()
    report_recognizers()
    report_htmldate(args.compare_htmldate)
    report_speed()
    return 0


if __name__ == "__main__":
    sys.exit(main())
