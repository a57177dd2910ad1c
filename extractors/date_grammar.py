"""The date grammar: month names from CLDR (via Babel), locale day order, compiled patterns.

`grammar_for(language)` builds, once per language, a scanner: a cascade of shape regexes from
most to least specific (ranges, numeric, CJK, day-month-year, month-day-year, month-year) tried
in order, so the first listed shape that fits wins. Every shape is a named group (its *kind*);
`Match.lastgroup` says which shape matched and the inner groups `<kind>_<side><field>` carry
day, month and year.

Speed: the scanner is only tried, anchored, at a few word starts before each run of digits
(every dated expression has a digit). Month names standing alone ("in March") and relative
words ("yesterday") are found through a set intersection of the text's whitespace tokens,
which runs at C speed, before any regex looks for them.
"""
from __future__ import annotations

import bisect
import calendar
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date
from functools import cache

import babel.dates
from babel.core import UnknownLocaleError

# Languages whose month names are read from CLDR. A document in another language gets English
# plus every name that means the same month in all of these.
MONTH_LANGUAGES = ("en", "fr", "es", "pt", "de", "it", "nl", "ru", "uk", "ar", "hr", "sr", "pl", "cs", "ro",
                   "tr", "sv", "da", "nb", "fi", "el", "id", "ms", "vi", "hu")
CJK_LANGUAGES = frozenset({"zh", "ja", "ko"})
FALLBACK_LANGUAGE = "en"

# Every Unicode decimal digit (Arabic-Indic, full-width, ...) mapped to ASCII: a length-preserving
# translation, so offsets found in the translated text are offsets in the original.
ASCII_DIGITS = {cp: str(unicodedata.decimal(chr(cp))) for cp in range(0x80, 0x30000)
                if unicodedata.category(chr(cp)) == "Nd"}

SPACE = r"[ \t\u00a0\u202f\u2009]"
DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212~\uff5e\u301c"
CUE_WINDOW = 24  # characters looked at before a match for a cue word
REACH_BEFORE_DIGITS = 40  # a date may start this many characters before its first digit ("January to April 2015")

# Words that join the two ends of a range ("26 September to 14 October", "du 1er au 3 juin").
RANGE_WORDS = ("to", "until", "till", "through", "thru", "and", "au", "à", "et", "jusqu'au", "a", "al", "hasta", "y",
               "e", "até", "bis", "und", "tot", "fino al", "до", "по", "и", "do", "i")
# "and"-like connectors make a range only after a "between" word; otherwise they list two dates.
AND_WORDS = frozenset({"and", "et", "y", "e", "und", "и", "i", "و"})
BETWEEN_WORDS = ("between", "entre", "zwischen", "tra", "fra", "tussen", "между", "između", "بين", "يومي", "يومَي")
CJK_RANGE_WORDS = ("至", "到", "에서", "부터", "～", "~")

# Words after which a bare year ("since 1952", "in 2018") is a calendar reference.
YEAR_CUES = (
    "in", "since", "by", "until", "till", "from", "during", "before", "after", "through", "throughout", "early",
    "late", "mid", "end of", "beginning of", "start of", "middle of", "as of", "back in", "around", "circa",
    "the year", "to", "between",
    "en", "depuis", "dès", "jusqu'en", "avant", "après", "vers", "début", "fin", "courant", "l'année", "d'ici",
    "desde", "hasta", "durante", "a partir de", "principios de", "finales de", "mediados de", "el año",
    "em", "até", "no ano de", "após",
    "im", "seit", "bis", "ab", "vor", "nach", "anfang", "ende", "mitte", "im jahr", "im jahre", "sinds", "tot",
    "nel", "dal", "fino al", "entro",
    "в", "с", "до", "к", "od", "do", "u",
    "for", "ahead of", "para", "prevista para", "previsto para", "pour", "für",  # targets: "prevista para 2026"
    "عام", "العام", "منذ", "منذ عام", "في", "خلال", "حتى", "بحلول",
)
# Words after which a month name standing alone ("in March", "début mars") is a date.
MONTH_CUES = YEAR_CUES + (
    "of", "and", "or", "last", "next", "this", "each", "every", "ce", "cette", "este", "esta", "diesen", "deste", "mi", "de", "d'", "mois de", "no", "na", "del",
    "no mês de", "a", "у", "и", "или", "et", "ou", "y", "o", "und", "oder", "شهر", "شهري",
)
# Words before a year-less month that fix its year relative to the document date.
LAST_WORDS = frozenset({"last", "past", "previous", "dernier", "dernière", "derniers", "dernières", "pasado",
                        "pasada", "passado", "passada", "último", "última", "letzten", "vergangenen", "прошлом",
                        "الماضي", "الماضية", "지난"})
NEXT_WORDS = frozenset({"next", "coming", "prochain", "prochaine", "prochains", "próximo", "próxima", "que viene",
                        "nächsten", "kommenden", "следующем", "المقبل", "المقبلة", "القادم", "القادمة", "오는"})
THIS_WORDS = frozenset({"this", "ce", "cette", "este", "esta", "diesen", "dieser", "deste", "desta", "questo"})
# What may stand for "now" at the end of a CV-style year range ("2015 – Present").
PRESENT_WORDS = ("present", "now", "today", "date", "présent", "aujourd'hui", "presente", "actualidad", "hoy",
                 "atual", "heute", "jetzt", "oggi", "heden", "настоящее время", "н.в.")


@dataclass(frozen=True, slots=True)
class Relative:
    unit: str  # day, week or month
    offset: int
    anchor: str  # "reference": the document date; "previous": the last day named before ("the following day")


# Relative expressions, lower case. Spanish "mañana" is left out: it also means "morning".
RELATIVE_PHRASES: dict[str, Relative] = {
    **dict.fromkeys(("the day before yesterday", "avant-hier", "anteayer", "anteontem", "vorgestern", "позавчера",
                     "前天", "그저께"), Relative("day", -2, "reference")),
    **dict.fromkeys(("the day after tomorrow", "après-demain", "pasado mañana", "depois de amanhã", "übermorgen",
                     "послезавтра", "后天", "모레"), Relative("day", 2, "reference")),
    **dict.fromkeys(("yesterday", "hier", "ayer", "ontem", "gestern", "ieri", "gisteren", "вчера", "昨天", "昨日", "어제"),
                    Relative("day", -1, "reference")),
    **dict.fromkeys(("today", "aujourd'hui", "aujourd’hui", "hoy", "hoje", "heute", "oggi", "vandaag", "сегодня",
                     "今天", "今日", "오늘"), Relative("day", 0, "reference")),
    **dict.fromkeys(("tomorrow", "demain", "amanhã", "domani", "завтра", "明天", "明日", "내일"),
                    Relative("day", 1, "reference")),
    **dict.fromkeys(("the following day", "the next day", "the day after", "le lendemain", "al día siguiente",
                     "el día siguiente", "no dia seguinte", "am folgenden tag", "am nächsten tag", "на следующий день",
                     "次日", "第二天", "다음 날"), Relative("day", 1, "previous")),
    **dict.fromkeys(("the previous day", "the preceding day", "the day before", "la veille", "el día anterior",
                     "no dia anterior", "am vortag", "накануне", "前一天"), Relative("day", -1, "previous")),
    **dict.fromkeys(("last week", "la semaine dernière", "la semana pasada", "a semana passada", "letzte woche",
                     "vergangene woche", "на прошлой неделе", "上周", "上星期", "지난주"), Relative("week", -1, "reference")),
    **dict.fromkeys(("next week", "la semaine prochaine", "la próxima semana", "la semana que viene",
                     "a próxima semana", "nächste woche", "на следующей неделе", "下周", "下星期", "다음 주"),
                    Relative("week", 1, "reference")),
    **dict.fromkeys(("this week", "cette semaine", "esta semana", "diese woche", "на этой неделе", "本周", "这周",
                     "이번 주"), Relative("week", 0, "reference")),
    **dict.fromkeys(("last month", "le mois dernier", "el mes pasado", "o mês passado", "letzten monat",
                     "vergangenen monat", "в прошлом месяце", "上个月", "上月", "지난달"), Relative("month", -1, "reference")),
    **dict.fromkeys(("next month", "le mois prochain", "el próximo mes", "el mes que viene", "o próximo mês",
                     "nächsten monat", "в следующем месяце", "下个月", "下月", "다음 달"), Relative("month", 1, "reference")),
    **dict.fromkeys(("this month", "ce mois-ci", "este mes", "este mês", "diesen monat", "в этом месяце", "本月",
                     "这个月", "이번 달"), Relative("month", 0, "reference")),
}


@dataclass(frozen=True, slots=True)
class MonthName:
    month: int
    wide: bool  # a full name, not an abbreviation: only these may stand alone ("in March")
    capitalised: bool  # CLDR writes it with a capital (en, de): standing alone it must be capitalised


@dataclass(frozen=True, slots=True)
class Grammar:
    language: str
    months: dict[str, MonthName]  # case-folded name -> month
    day_first: bool  # numeric 7/8/2025 reads as 7 August
    scanner: Scanner
    month_tokens: frozenset[str]  # whitespace tokens that hold a month name ("March,", "(mars", "Nov.")
    index_tokens: frozenset[str]  # the month tokens and those of relative words ("yesterday,")


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _is_cjk(name: str) -> bool:
    return any(ord(c) >= 0x2E80 for c in name)


# Languages whose month names take a locative case CLDR does not list ("u ožujku", "w marcu", "v březnu").
# The locative follows from the genitive (CLDR's format form) by regular endings: -a -> -u (ožujka ->
# ožujku, marca -> marcu), -e -> -i (veljače -> veljači, prosince -> prosinci), adjectival -oga -> -om
# (studenoga -> studenom). A form that clashes with another name is not added.
SLAVIC_LOCATIVE_LANGUAGES = frozenset({"hr", "sr", "bs", "cs", "pl", "sk", "sl"})
SLAVIC_LOCATIVE_ENDINGS = (("oga", "om"), ("a", "u"), ("e", "i"))


def _slavic_locatives(genitive: str) -> list[str]:
    for ending, locative in SLAVIC_LOCATIVE_ENDINGS:
        if genitive.endswith(ending):
            return [genitive[: -len(ending)] + locative]
    return []


def _russian_locative(nominative: str) -> str:
    """"март" -> "марте" ("в марте"): CLDR has only the nominative and genitive forms."""
    return nominative[:-1] + "е" if nominative[-1] in "ьй" else nominative + "е"


@cache
def cldr_month_names(language: str) -> dict[str, MonthName]:
    """Every CLDR month name of one language: wide and abbreviated, format (genitive) and
    stand-alone, case-folded, with accent-free variants and the abbreviation plus one letter
    ("Sept" beside "Sep")."""
    try:
        tables = {(width, context): babel.dates.get_month_names(width, context, language)
                  for width in ("wide", "abbreviated") for context in ("format", "stand-alone")}
    except (UnknownLocaleError, ValueError):
        return {}
    names: dict[str, MonthName] = {}

    def add(name: str, month: int, wide: bool) -> None:
        key = name.strip().rstrip(".").casefold()
        if len(key) < 3 or _is_cjk(key) or any(c.isdigit() for c in key):
            return
        entry = MonthName(month, wide, name[:1].isupper())
        for variant in {key, strip_accents(key)}:
            previous = names.get(variant)
            if previous is None or (wide and not previous.wide and previous.month == month):
                names[variant] = entry

    for (width, _), table in tables.items():
        for month, name in table.items():
            add(name, month, width == "wide")
    for month, wide_name in tables[("wide", "format")].items():
        abbreviation = tables[("abbreviated", "format")][month].rstrip(".")
        if wide_name.casefold().startswith(abbreviation.casefold()) and len(wide_name) > len(abbreviation) + 1:
            add(wide_name[: len(abbreviation) + 1], month, False)
        if language == "ru":
            add(_russian_locative(tables[("wide", "stand-alone")][month]), month, True)
    if language in SLAVIC_LOCATIVE_LANGUAGES:
        for month, genitive in tables[("wide", "format")].items():
            for locative in _slavic_locatives(genitive.casefold()):
                if locative not in names:
                    add(locative, month, True)
    return names


@cache
def month_names(language: str) -> dict[str, MonthName]:
    """The month names a document in `language` may use: its own, then English; for an unknown
    language, every name that means the same month in all languages that have it."""
    if language in MONTH_LANGUAGES:
        table = dict(cldr_month_names(FALLBACK_LANGUAGE))
        table.update(cldr_month_names(language))
        return table
    merged: dict[str, MonthName] = {}
    clashes: set[str] = set()
    for lang in MONTH_LANGUAGES:
        for name, entry in cldr_month_names(lang).items():
            if name in merged and merged[name].month != entry.month:
                clashes.add(name)
            merged.setdefault(name, entry)
    for name in clashes:
        del merged[name]
    merged.update(cldr_month_names(FALLBACK_LANGUAGE))
    return merged


@cache
def day_first(language: str) -> bool:
    """Whether the locale's short date puts the day before the month (CLDR `d/M/yy` vs `M/d/yy`)."""
    try:
        pattern = babel.dates.get_date_format("short", locale=language).pattern
    except (UnknownLocaleError, ValueError):
        return True
    day, month = pattern.find("d"), pattern.find("M")
    return day < month if day >= 0 and month >= 0 else True


def alternation(words) -> str:
    """A regex alternation of literal words, longest first so that a longer name wins."""
    return "|".join(re.escape(w) for w in _longest_first(words))


def _longest_first(words) -> list[str]:
    return sorted(set(words), key=lambda w: (-len(w), w))


def prefix_tree(words) -> str:
    """`alternation(words)` for a case-insensitive pattern, written as a tree of shared prefixes
    ("sep(?:tember|t)?"). `re` tries alternatives one by one: the tree reaches the few words that
    start like the text instead of trying hundreds of month or weekday names at every place.

    It matches what the flat alternation matches, in the same order: words that can match at one
    place are prefixes of each other (ignoring case) and share one branch at every level, where
    the longer ones still come first and a word ending there comes last.
    """
    return _subtree(_longest_first(words))


def _subtree(words: list[str]) -> str:
    """The tree of `words` (longest first; "" for a word that ends here), safe to concatenate."""
    if len(words) == 1:
        return re.escape(words[0])
    groups: list[list[str]] = []  # words whose first letters match each other ignoring case
    for word in words:
        if word:
            group = next((g for g in groups if _same_letter(g[0][0], word[0])), None)
            if group is None:
                groups.append([word])
            else:
                group.append(word)
    branches = []
    for group in groups:
        if len(group) > 1 and len({word[0] for word in group}) == 1:
            branches.append(re.escape(group[0][0]) + _subtree([word[1:] for word in group]))
        else:  # one word, or first letters that differ yet match alike ("i", "ı"): listed flat
            branches.append("|".join(map(re.escape, group)))
    return "(?:" + "|".join(branches) + (")?" if "" in words else ")")


@cache
def _same_letter(a: str, b: str) -> bool:
    return any(re.fullmatch(re.escape(x), y, re.IGNORECASE) for x, y in ((a, b), (b, a)))


TOKEN_OPENERS = ("", "(", "“", "\"", "«")
TOKEN_CLOSERS = ("", ".", ",", ";", ":", "!", "?", ")", "”", "\"", "»", "),", ").", "،")
TOKEN_PUNCTUATION = "".join(set("".join(TOKEN_OPENERS + TOKEN_CLOSERS)))


def token_variants(words) -> frozenset[str]:
    """The whitespace tokens a word can appear as: in three cases and wrapped in punctuation."""
    cases = {case for w in words for case in (w, w.lower(), w.capitalize(), w.upper())}
    return frozenset(o + w + c for w in cases for o in TOKEN_OPENERS for c in TOKEN_CLOSERS)


# Regex building blocks; `{p}` is replaced by the group prefix of one alternative and side.
DAY = (r"(?<![\d.,$€£¥])(?<!\d[:/])(?P<{p}d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th|er|re|ᵉʳ|e|\.?º|\.?°|\.)?"
       r"(?!\w|[/.]\d)")
# any four digits after a month name are its year: "3 May 1700" is then rejected whole by the validator
YEAR = (r"(?:(?P<{p}y>[12]\d\d\d)|(?:['’]|(?<=de )|(?<=of )|(?<=del ))(?P<{p}yy>\d\d))(?!\d)(?:" + SPACE
        + r"*(?:года|году|год|г\.))?")
DAY_MONTH_SEP = "(?:" + SPACE + r"*(?:de|del|of|the)" + SPACE + "+|" + SPACE + r"*[-/.]" + SPACE + "*|" + SPACE + "+)"
MONTH_YEAR_SEP = ("(?:" + SPACE + r"*," + SPACE + "*|" + SPACE + r"+(?:de|del|of|in)" + SPACE + "+|" + SPACE + "+|"
                  + SPACE + r"*[-/]" + SPACE + "*)")
MONTH_DAY_SEP = "(?:" + SPACE + "*[-/]" + SPACE + "*|" + SPACE + r"+(?:the" + SPACE + "+)?)"
DAY_YEAR_SEP = "(?:" + SPACE + r"*," + SPACE + "*|" + SPACE + r"+of" + SPACE + "+|" + SPACE + "+|" + SPACE + "*-" + SPACE + "*)"
NUMERIC_GUARD = r"(?<![\d.,/$€£¥])(?<!\d-)"  # not inside a longer number ("1-2-3-2020")
NUMERIC_YEAR_FIRST = (NUMERIC_GUARD + r"(?P<{p}y>1[89]\d\d|2[01]\d\d)(?P<{p}sep>" + SPACE + r"?[-/.]" + SPACE
                      + r"?)(?P<{p}m>1[0-2]|0?[1-9])(?P={p}sep)(?P<{p}d>3[01]|[12]\d|0?[1-9])\.?(?!\d)")
NUMERIC_DAY_MONTH = (NUMERIC_GUARD + r"(?:(?P<{p}a>\d{1,2})(?P<{p}sep>[-/.])(?P<{p}b>\d{1,2})(?P={p}sep)"
                     r"(?P<{p}y>1[89]\d\d|2[01]\d\d)|(?P<{p}pa>\d\d)(?P<{p}psep>[/.])(?P<{p}pb>\d\d)(?P={p}psep)"
                     r"(?P<{p}yy>\d\d))(?!\d|[.,]\d)")
# "22/04", "5/12", "28.10.": day and month with no year, kept only after a date cue or inside a range;
# with dots both parts take two digits ("21.4 per cent" is a number)
NUMERIC_SHORT = (NUMERIC_GUARD + r"(?:(?P<{p}a>\d{1,2})(?P<{p}sep>/)(?P<{p}b>\d{1,2})|(?P<{p}da>\d\d)(?P<{p}dsep>\.)"
                 r"(?P<{p}db>\d\d)\.?)(?![\d/]|[.,]\d)")
CJK_DATE = (r"(?:(?:(?P<{p}y>1[89]\d\d|2[01]\d\d)|(?<!\d)(?P<{p}yy>\d\d))\s*[年년]\s*)?(?<!\d)(?P<{p}m>1[0-2]|0?[1-9])\s*[月월]"
            r"(?:\s*(?P<{p}d>3[01]|[12]\d|0?[1-9])\s*[日일号號])?")
CJK_DAY = r"(?P<{p}d>3[01]|[12]\d|0?[1-9])\s*[日일号號]"


def _fill(template: str, prefix: str) -> str:
    return template.replace("{p}", prefix)


# Shapes whose match starts with a month name; the others start with a digit or the apostrophe of "'18".
MONTH_FIRST_SHAPES = frozenset({"range_md", "range_month", "range_mixed", "mdy", "my"})
DIGIT_FIRST_SHAPES = frozenset({"range_num", "range_short", "range_cjk", "range_dm", "range_mixed", "numeric", "cjk", "dmy"})
APOSTROPHES = ("'", "’")


@dataclass(frozen=True, slots=True)
class Scanner:
    """The date shapes of a grammar in cascade order, each compiled alone.

    `match` tries, at one place, the shapes that can start with the character there, and returns
    the first match. That is what one regex of all shapes (`|` tries alternatives in order) would
    return, but cheaper: it skips the shapes that cannot start there, and one regex would save
    and restore its 160 groups at every alternative it tries.
    """

    digit_first: tuple[re.Pattern[str], ...]
    month_first: tuple[re.Pattern[str], ...]

    def match(self, text: str, pos: int) -> re.Match[str] | None:
        first = text[pos:pos + 1]
        for shape in self.digit_first if first.isdecimal() or first in APOSTROPHES else self.month_first:
            match = shape.match(text, pos)
            if match is not None:
                return match
        return None


def build_scanner(months: dict[str, MonthName]) -> Scanner:
    """The scanner of every date shape; group names are `<kind>_<side><field>`."""
    month = r"(?<!\w)(?P<{p}m>(?i:" + prefix_tree(months) + r"))(?!\w)\.?"
    conn = ("(?P<{p}conn>" + SPACE + "*[" + DASHES + "]" + SPACE + "*|" + SPACE + "+(?i:" + alternation(RANGE_WORDS)
            + ")" + SPACE + "+(?:(?i:the|le|el|la|den|dem|zum)" + SPACE + "+)?|" + SPACE + r"+(?:و|إلى|حتى)" + SPACE + "*)")
    cjk_conn = r"(?P<{p}conn>\s*(?:[" + DASHES + "]|" + alternation(CJK_RANGE_WORDS) + r")\s*)"
    day_year = "(?:" + DAY_YEAR_SEP + YEAR + ")?"

    def dmy(p: str) -> str:
        return _fill(DAY + DAY_MONTH_SEP + month + "(?:" + MONTH_YEAR_SEP + YEAR + ")?", p)

    def mdy(p: str) -> str:
        return _fill(month + MONTH_DAY_SEP + DAY + day_year, p)

    def my(p: str) -> str:
        return _fill(month + "(?:" + MONTH_YEAR_SEP + YEAR + ")?", p)

    def num(p: str, guarded: bool = True) -> str:
        pattern = "(?:" + _fill(NUMERIC_YEAR_FIRST, p + "i") + "|" + _fill(NUMERIC_DAY_MONTH, p + "n") + ")"
        return pattern if guarded else pattern.replace(NUMERIC_GUARD, "")

    def num_short(p: str, guarded: bool = True) -> str:
        pattern = _fill(NUMERIC_SHORT, p + "h")
        return pattern if guarded else pattern.replace(NUMERIC_GUARD, "")

    def ymd(p: str) -> str:  # "2019/aug/01", "2019-Aug-01"
        return _fill(r"(?<![\d.,/])" + YEAR + r"(?P<{p}ysep>[-/ ])" + month + r"(?P={p}ysep)" + DAY, p)

    shapes = {
        # ranges first: "26 September to 14 October 2022", "26–28 May 2025", "May 26–28, 2025"
        # the right end follows a dash, so it goes without the guard against digits before it
        "range_num": lambda k: num(k + "l") + _fill(conn, k + "c") + num(k + "r", False),
        "range_short": lambda k: (num_short(k + "l") + _fill(conn, k + "c") + "(?:" + num(k + "r", False) + "|"
                                  + num_short(k + "r", False) + ")"),
        "range_cjk": lambda k: (_fill(CJK_DATE, k + "l") + _fill(cjk_conn, k + "c") + "(?:" + _fill(CJK_DATE, k + "r")
                                + "|" + _fill(CJK_DAY, k + "e") + ")"),
        "range_dm": lambda k: "(?:" + dmy(k + "l") + "|" + _fill(DAY, k + "k") + ")" + _fill(conn, k + "c") + dmy(k + "r"),
        "range_md": lambda k: (mdy(k + "l") + _fill(conn, k + "c") + "(?:" + mdy(k + "r") + "|"
                               + _fill(DAY + day_year, k + "e") + ")"),
        "range_month": lambda k: my(k + "l") + _fill(conn, k + "c") + my(k + "r"),
        # "12. Januar 2016 bis zum 22.01.2016", "January 12, 2016 - 01/22/2016"
        "range_mixed": lambda k: ("(?:" + dmy(k + "l") + "|" + mdy(k + "a") + ")" + _fill(conn, k + "c")
                                  + num(k + "r", False)),
        # single dates, most specific first; "my" without a year is a month alone ("in March")
        "numeric": lambda k: num(k + "s") + "|" + ymd(k + "s") + "|" + num_short(k + "s"),
        "cjk": lambda k: _fill(CJK_DATE, k + "s"),
        "dmy": lambda k: dmy(k + "s"),
        "mdy": lambda k: mdy(k + "s"),
        "my": lambda k: my(k + "s"),
    }
    if shapes.keys() - DIGIT_FIRST_SHAPES - MONTH_FIRST_SHAPES:
        raise ValueError("every shape must say how it starts")
    compiled = {kind: re.compile(f"(?P<{kind}>{shape(kind + '_')})") for kind, shape in shapes.items()}
    return Scanner(digit_first=tuple(p for kind, p in compiled.items() if kind in DIGIT_FIRST_SHAPES),
                   month_first=tuple(p for kind, p in compiled.items() if kind in MONTH_FIRST_SHAPES))


def _cue_pattern(words) -> re.Pattern[str]:
    return re.compile(r"(?:^|[^\w'’])(?:" + prefix_tree(words) + r")[\s\-*_]*$", re.IGNORECASE)


YEAR_CUE_BEFORE = _cue_pattern(YEAR_CUES)
MONTH_CUE_BEFORE = _cue_pattern(MONTH_CUES)
BETWEEN_BEFORE = _cue_pattern(BETWEEN_WORDS + tuple(f"{w} the" for w in BETWEEN_WORDS) + ("entre el", "entre le"))
NUMERIC_CUES = ("on", "from", "between", "until", "till", "by", "this", "next", "last", "le", "du", "au", "am", "den", "für",
                "vom", "bis", "zum", "el", "del", "al", "dia", "no dia", "entre", "desde", "hasta", "até", "ab", "seit")
WEEKDAY_NAMES = tuple({name.casefold() for lang in MONTH_LANGUAGES for width in ("wide", "abbreviated")
                       for name in babel.dates.get_day_names(width, "format", lang).values()})
# a cue word, or nothing at all before it on its line ("22/04 – Meeting in Geneva")
NUMERIC_CUE_BEFORE = re.compile(r"(?:(?:^|[^\w'’])(?:" + prefix_tree(NUMERIC_CUES + WEEKDAY_NAMES) + r")[\s,.]*|(?:\A|\n)[ \t]*)$",
                                re.IGNORECASE)
RELATIVE_CUE_AFTER = re.compile(r"\s+(" + alternation(LAST_WORDS | NEXT_WORDS) + r")(?!\w)", re.IGNORECASE)
RELATIVE_CUE_BEFORE = re.compile(r"(?:^|\W)(" + alternation(LAST_WORDS | NEXT_WORDS | THIS_WORDS) + r")\s*$",
                                 re.IGNORECASE)

FINAL_WORD = re.compile(r"[^\W\d_]+$")
CJK_DATE_CHARACTERS = frozenset("年月日号號년월일")
YEAR_RANGE = re.compile(r"(?P<a>1[89]\d\d|20\d\d)" + SPACE + "*[" + DASHES + "]" + SPACE
                        + r"*(?:(?P<b>1[89]\d\d|20\d\d)(?![\w/%])|(?P<now>(?i:" + alternation(PRESENT_WORDS) + r"))(?!\w))")
CJK_YEAR_SUFFIX = re.compile(r"\s*[年년](?!\s*\d{1,2}\s*[月월])")
NAME_AFTER_YEAR = re.compile(SPACE + r"+[A-Z][\w-]*")  # "2017 Plenipotentiary", "2022 ITU"
SENTENCE_BREAK = re.compile(r"[.!?。！？]\s|\n")


TOKEN_SPLIT = re.compile(r"[\s\-/'’]+")  # how index_text cuts a text into tokens


def _relative_by_last_word() -> dict[str, re.Pattern[str]]:
    """For each last word of a spaced relative phrase, a pattern of the phrases ending with it."""
    groups: dict[str, list[str]] = {}
    for phrase in RELATIVE_PHRASES:
        if not _is_cjk(phrase):
            groups.setdefault(TOKEN_SPLIT.split(phrase)[-1], []).append(phrase)
    return {word: re.compile(r"(?<!\w)(?:" + alternation(phrases) + r")$", re.IGNORECASE)
            for word, phrases in groups.items()}


RELATIVE_ENDING = _relative_by_last_word()
RELATIVE_TOKENS = {variant: word for word in RELATIVE_ENDING for variant in token_variants([word])}
RELATIVE_TOKEN_SET = frozenset(RELATIVE_TOKENS)


def _digits_or_cjk_relative() -> re.Pattern[str]:
    """What index_text finds character by character, in one pass: runs of decimal digits in any
    script (group `digits`) and CJK relative words ("昨天"), which no space sets apart.

    A pattern searched through whole texts must start with a character class: `re` then skips to
    the next character of the class at C speed (a leading repeat or lookaround would hide it). Here
    that is the range from "0" to the last decimal digit; lookbehinds then tell a digit from the
    first character of a CJK word, and which word it may start.
    """
    rests: dict[str, list[str]] = {}
    for phrase in RELATIVE_PHRASES:
        if _is_cjk(phrase):
            rests.setdefault(phrase[0], []).append(phrase[1:])
    first, last = chr(min(ASCII_DIGITS)), chr(max(ASCII_DIGITS))
    if not all(first <= c <= last for c in rests):
        raise ValueError("every CJK relative word must start within the range of decimal digits")
    words = "|".join(f"(?<={re.escape(c)})(?:{alternation(r)})" for c, r in rests.items())
    return re.compile(f"[0-9{first}-{last}](?:(?P<digits>(?<=\\d)\\d*)|(?<=[{''.join(rests)}])(?:{words}))")


DIGITS_OR_CJK_RELATIVE = _digits_or_cjk_relative()


@cache
def scanner_for(month_key: str) -> Scanner:
    return build_scanner(month_names(month_key))


@cache
def month_tokens_for(month_key: str) -> frozenset[str]:
    """The month tokens of one month table, built once for all languages that share it (the merged
    table has some 150,000)."""
    return token_variants(month_names(month_key))


@cache
def index_tokens_for(month_key: str) -> frozenset[str]:
    """The month tokens and the relative-word tokens in one set: index_text looks a text's tokens up once."""
    return month_tokens_for(month_key) | RELATIVE_TOKEN_SET


@cache
def grammar_for(language: str) -> Grammar:
    """The grammar for documents in `language` (ISO 639-1; anything unknown gets the merged table)."""
    language = (language or "und").split("-")[0].lower()
    month_key = language if language in MONTH_LANGUAGES else (FALLBACK_LANGUAGE if language in CJK_LANGUAGES else "und")
    return Grammar(language=language, months=month_names(month_key), day_first=day_first(language),
                   scanner=scanner_for(month_key), month_tokens=month_tokens_for(month_key),
                   index_tokens=index_tokens_for(month_key))


@dataclass(slots=True)
class Parts:
    """One end of a date expression as written: any field may be missing."""

    year: int | None
    month: int | None
    day: int | None
    wide: bool = True  # month written in full (not an abbreviation)
    capitalised_ok: bool = True
    reading: str | None = None  # numeric day/month order: "open" (a guess), "day_first", "month_first"


@dataclass(slots=True)
class Found:
    start: int
    end: int
    left: Parts
    right: Parts | None = None  # set for ranges
    cue: str | None = None  # "last"/"next"/"this" before a month with no year


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def month_of(grammar: Grammar, word: str | None) -> MonthName | None:
    if word is None:
        return None
    if word.isdigit():
        return MonthName(int(word), True, False)
    key = word.rstrip(".").casefold()
    return grammar.months.get(key) or grammar.months.get(strip_accents(key))


def two_digit_year(value: str) -> int:
    """'68 -> 1968, '18 -> 2018: the pivot every date library uses."""
    year = int(value)
    return 2000 + year if year < 50 else 1900 + year


def _day_month(grammar: Grammar, a: int, b: int, separator: str) -> tuple[int, int, str | None]:
    """(day, month, reading) of a numeric "a/b": the locale's order, dots day-first, unless only one
    reading is possible. `reading` is "day_first"/"month_first" when the numbers force it, "open"
    when the order is the locale's guess, None for dotted dates (always day-first)."""
    if separator == ".":
        return a, b, None
    if (a > 12) != (b > 12):
        return (a, b, "day_first") if a > 12 else (b, a, "month_first")
    return (a, b, "open") if grammar.day_first else (b, a, "open")


class MatchGroups:
    """The named groups of one scanner match, read on demand: `groupdict()` would copy all 160."""

    __slots__ = ("_match", "_names")

    def __init__(self, match: re.Match[str]):
        self._match, self._names = match, match.re.groupindex

    def get(self, name: str) -> str | None:
        return self._match.group(name) if name in self._names else None

    def __getitem__(self, name: str) -> str | None:
        return self._match.group(name)


def parts_of(grammar: Grammar, groups: MatchGroups, prefix: str) -> Parts | None:
    """The day, month and year an alternative's groups hold for one side (`prefix`)."""
    if groups.get(prefix + "iy"):  # numeric, year first
        return Parts(int(groups[prefix + "iy"]), int(groups[prefix + "im"]), int(groups[prefix + "id"]))
    if groups.get(prefix + "ny"):  # numeric, day and month in the locale's order
        day, month, reading = _day_month(grammar, int(groups[prefix + "na"]), int(groups[prefix + "nb"]),
                                         groups[prefix + "nsep"])
        return Parts(int(groups[prefix + "ny"]), month, day, reading=reading)
    if groups.get(prefix + "nyy"):  # "15.05.99"
        day, month, reading = _day_month(grammar, int(groups[prefix + "npa"]), int(groups[prefix + "npb"]),
                                         groups[prefix + "npsep"])
        return Parts(two_digit_year(groups[prefix + "nyy"]), month, day, reading=reading)
    for short in ("h", "hd"):  # "22/04", "28.10.": day and month only
        if groups.get(prefix + short + "a"):
            day, month, reading = _day_month(grammar, int(groups[prefix + short + "a"]), int(groups[prefix + short + "b"]),
                                             groups[prefix + short + "sep"])
            return Parts(None, month, day, reading=reading)
    word = groups.get(prefix + "m")
    entry = month_of(grammar, word)
    if entry is None:
        return None
    year = _int(groups.get(prefix + "y")) or (two_digit_year(groups[prefix + "yy"]) if groups.get(prefix + "yy") else None)
    capitalised_ok = not entry.capitalised or word[:1].isupper()
    return Parts(year, entry.month, _int(groups.get(prefix + "d")), entry.wide, capitalised_ok)


def merge_range(left: Parts, right: Parts) -> None:
    """Give each end what it leaves implicit ("26–28 May 2025", "26 September to 14 October 2022")."""
    left.month = left.month or right.month
    right.month = right.month or left.month
    left.year = left.year or right.year
    right.year = right.year or left.year


def _without_full_stop(grammar: Grammar, text: str, end: int) -> int:
    """"on September 25." and "from 6 to 7 July." end before the full stop, which the ordinal dot
    ("28. Oktober") or the abbreviation dot ("Oct.") took."""
    if text[end - 1] != ".":
        return end
    if text[end - 2].isdigit():
        return end - 1
    word = FINAL_WORD.search(text, max(0, end - 16), end - 1)
    entry = month_of(grammar, word.group()) if word else None
    return end - 1 if entry is not None and entry.wide else end


def _starts_before(text: str, position: int, floor: int, month_starts: list[int]) -> list[int]:
    """Where a date whose first digit is at `position` may begin: a month name shortly before it
    on the same line ("October 27", "January to April 2015"), farthest first, or the digit itself."""
    limit = max(floor, position - REACH_BEFORE_DIGITS)
    line_start = text.rfind("\n", limit, position) + 1
    lo = bisect.bisect_left(month_starts, max(limit, line_start))
    hi = bisect.bisect_left(month_starts, position)
    return month_starts[lo:hi] + [position]


def _found_from(grammar: Grammar, text: str, match: re.Match[str]) -> list[Found]:
    kind = match.lastgroup or ""
    groups = MatchGroups(match)
    k = kind + "_"
    end = _without_full_stop(grammar, text, match.end())
    short = groups.get(k + "sha") or groups.get(k + "shda") or (
        (groups.get(k + "lha") or groups.get(k + "lhda")) and not (groups.get(k + "rny") or groups.get(k + "riy")))
    if short and not NUMERIC_CUE_BEFORE.search(
            text, max(0, match.start() - CUE_WINDOW), match.start()):
        return []  # "5/12" is a date only after a cue ("on 5/12", "Friday 5/12"); else a fraction or a score
    if not kind.startswith("range"):
        parts = parts_of(grammar, groups, k + "s")
        if parts is None:
            return []
        if parts.day is None and parts.year is None and kind != "cjk" and not month_alone_ok(text, match.start(), parts):
            return []
        # the cue only helps to find a missing year
        cue = relative_cue(text, match.start(), end) if parts.year is None else None
        return [Found(match.start(), end, parts, cue=cue)]
    left = parts_of(grammar, groups, k + "l") or parts_of(grammar, groups, k + "a")
    if left is None and groups.get(k + "kd"):
        left = Parts(None, None, int(groups[k + "kd"]))
    right = parts_of(grammar, groups, k + "r")
    if right is None and groups.get(k + "ed"):
        right = Parts(_int(groups.get(k + "ey")), None, int(groups[k + "ed"]))
    if left is None or right is None:
        return []
    if not (left.capitalised_ok and right.capitalised_ok) and not any((left.day, left.year, right.day, right.year)):
        return []  # "may to march": only "May to March" is a range of months
    merge_range(left, right)
    connector = (groups.get(k + "cconn") or "").strip().casefold()
    if connector in AND_WORDS and not BETWEEN_BEFORE.search(text, max(0, match.start() - CUE_WINDOW), match.start()):
        # "on 3 and 12 September": two dates, not a range
        return [Found(match.start(), match.start(k + "cconn"), left), Found(match.end(k + "cconn"), end, right)]
    return [Found(match.start(), end, left, right)]


def relative_cue(text: str, start: int, end: int) -> str | None:
    """"last June", "le 8 mars dernier", "1er septembre prochain": the word that places the date."""
    cue = RELATIVE_CUE_BEFORE.search(text, max(0, start - 12), start) or RELATIVE_CUE_AFTER.match(text, end)
    return cue.group(1).lower() if cue else None


def month_alone_ok(text: str, start: int, parts: Parts) -> bool:
    """A month name standing alone is a date only in full, in its proper case, after a cue ("in March")."""
    if not (parts.wide and parts.capitalised_ok):
        return False
    return MONTH_CUE_BEFORE.search(text, max(0, start - CUE_WINDOW), start) is not None


@dataclass(frozen=True, slots=True)
class TextIndex:
    """What one cheap pass over a text tells: where its digits and month names are, which relative words it has."""

    text: str  # the text with its decimal digits in ASCII: same length, same offsets
    digit_runs: list[tuple[int, int]]
    relative_tokens: set[str]  # whitespace tokens that hold a relative word ("yesterday,", "Today")
    cjk_relative: list[tuple[int, int]]  # spans of CJK relative words ("昨天")
    month_words: dict[str, list[int]]  # month names as written in the text -> where they stand as whole words
    month_starts: list[int]  # where any of them stands, sorted


def index_text(grammar: Grammar, text: str) -> TextIndex:
    """Digit runs, relative words and month names of `text`, found with C-speed string methods, sets
    and one regex pass; non-ASCII digits are read as ASCII ones."""
    runs: list[tuple[int, int]] = []
    cjk_relative: list[tuple[int, int]] = []
    for match in DIGITS_OR_CJK_RELATIVE.finditer(text):
        (runs if match.lastgroup else cjk_relative).append(match.span())
    if not text.isascii() and not all(text[start:end].isascii() for start, end in runs):
        text = text.translate(ASCII_DIGITS)
    # split at hyphens, slashes and apostrophes too: "enero-febrero", "Dec/2018", "d'avril"
    tokens = text.replace("-", " ").replace("/", " ").replace("'", " ").replace("’", " ").split()
    # intersecting a set with the list keeps the few tokens that matter without a set of them all
    known = grammar.index_tokens.intersection(tokens)
    words = {t.strip(TOKEN_PUNCTUATION) for t in known if t in grammar.month_tokens}
    occurrences = {word: _occurrences(text, word) for word in words}
    starts = sorted(i for positions in occurrences.values() for i in positions)
    return TextIndex(text, runs, known.intersection(RELATIVE_TOKEN_SET), cjk_relative, occurrences, starts)


def _may_be_date(text: str, start: int, end: int, month_starts: list[int]) -> bool:
    """Whether the digits at start:end can belong to a date: a month name near them, a date
    separator touching them ("27.11.2006", "31-dic"), or a CJK date character after them."""
    if end - start > 4:
        return False
    i = bisect.bisect_left(month_starts, start - REACH_BEFORE_DIGITS)
    if i < len(month_starts) and month_starts[i] <= end + REACH_BEFORE_DIGITS:
        return True
    if (end < len(text) and text[end] in "./-") or (start and text[start - 1] in "./-"):
        return True
    after = text[end:end + 2].lstrip()
    return bool(after) and after[0] in CJK_DATE_CHARACTERS


def scan(grammar: Grammar, text: str, index: TextIndex) -> list[Found]:
    """Every date shape with a digit in `text` (digits already ASCII), years not yet resolved."""
    found: list[Found] = []
    consumed = 0
    for run_start, run_end in index.digit_runs:
        if run_start < consumed or not _may_be_date(text, run_start, run_end, index.month_starts):
            continue
        for start in _starts_before(text, run_start, consumed, index.month_starts):
            match = grammar.scanner.match(text, start)
            if match is not None and match.end() > run_start:
                found.extend(_found_from(grammar, text, match))
                consumed = match.end()
                break
    _follow_document_order(found, grammar.day_first)
    return found


def _follow_document_order(found: list[Found], day_first_locale: bool) -> None:
    """Read ambiguous numeric dates ("01/10/2015") in the order the document's unambiguous ones
    show ("29/09/2015"), when that order is not the locale's."""
    sides = [p for f in found for p in (f.left, f.right) if p is not None and p.reading is not None]
    if not sides:
        return
    votes = Counter(p.reading for p in sides if p.reading != "open")
    document_day_first = votes["day_first"] > votes["month_first"]
    if votes and document_day_first != day_first_locale and votes["day_first"] != votes["month_first"]:
        for side in sides:
            if side.reading == "open":
                side.day, side.month = side.month, side.day


def scan_lone_months(grammar: Grammar, text: str, index: TextIndex, taken: list[tuple[int, int]]) -> list[Found]:
    """Month names with no digit near them: "in March", "en mars", "from May to September"."""
    wide = [w for w in index.month_words if (entry := month_of(grammar, w)) is not None and entry.wide]
    taken = sorted(taken)
    starts = sorted(i for word in wide for i in index.month_words[word] if not overlaps(taken, i, i + 1))
    found: list[Found] = []
    for start in starts:
        if found and start < found[-1].end:
            continue
        match = grammar.scanner.match(text, start)
        if match is not None:
            found.extend(_found_from(grammar, text, match))
    return found


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether start:end overlaps one of `spans` (sorted, not overlapping each other)."""
    i = bisect.bisect_right(spans, (start, 1 << 62))
    return (i > 0 and spans[i - 1][1] > start) or (i < len(spans) and spans[i][0] < end)


def _occurrences(text: str, word: str) -> list[int]:
    """Starts of `word` as a whole word in `text`."""
    out = []
    i = text.find(word)
    while i >= 0:
        end = i + len(word)
        if (i == 0 or not text[i - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            out.append(i)
        i = text.find(word, end)
    return out


def interval(parts: Parts) -> tuple[date, date] | None:
    """First and last day an expression covers; None when the values are not a real date."""
    if parts.year is None or parts.month is None or not 1 <= parts.month <= 12 or not MINYEAR <= parts.year <= MAXYEAR:
        return None
    last_day = calendar.monthrange(parts.year, parts.month)[1]
    if parts.day is None:
        return date(parts.year, parts.month, 1), date(parts.year, parts.month, last_day)
    if not 1 <= parts.day <= last_day:
        return None  # 30 February
    day = date(parts.year, parts.month, parts.day)
    return day, day
