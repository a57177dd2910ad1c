"""Month tables from CLDR, locale day order and the scanner's shapes."""
from __future__ import annotations

import re

import pytest

from extractors.date_grammar import (
    MONTH_LANGUAGES,
    RELATIVE_PHRASES,
    alternation,
    cldr_month_names,
    day_first,
    grammar_for,
    index_text,
    month_names,
    prefix_tree,
    scan,
    two_digit_year,
)


@pytest.mark.parametrize(("language", "name", "month"), [
    ("en", "september", 9), ("en", "sept", 9), ("en", "oct", 10),
    ("fr", "septembre", 9), ("fr", "fevrier", 2), ("fr", "févr", 2),
    ("es", "mayo", 5), ("pt", "março", 3), ("de", "märz", 3), ("de", "marz", 3),
    ("ru", "сентября", 9), ("ru", "сентябрь", 9), ("ru", "марте", 3),
    ("hr", "rujna", 9), ("ar", "سبتمبر", 9), ("it", "maggio", 5), ("nl", "maart", 3),
    # locatives derived from the genitive by the regular endings: -a -> -u, -e -> -i, -oga -> -om
    ("hr", "travnju", 4), ("hr", "veljači", 2), ("hr", "studenom", 11), ("pl", "marcu", 3), ("cs", "dubnu", 4),
])
def test_cldr_month_names_cover_wide_abbreviated_genitive_and_accent_free_forms(language, name, month):
    assert cldr_month_names(language)[name].month == month


def test_unknown_language_keeps_only_names_that_agree_across_languages():
    merged = month_names("und")
    assert merged["september"].month == 9
    assert "lis" not in merged  # October in Croatian, November in Polish


def test_abbreviations_may_not_stand_alone():
    assert cldr_month_names("en")["march"].wide and not cldr_month_names("en")["mar"].wide


@pytest.mark.parametrize(("language", "expected"), [("en", False), ("fr", True), ("de", True), ("es", True)])
def test_day_order_comes_from_the_locale_short_date(language, expected):
    assert day_first(language) is expected


def test_two_digit_years_pivot_at_fifty():
    assert (two_digit_year("68"), two_digit_year("18")) == (1968, 2018)


@pytest.mark.parametrize(("text", "kind_parts"), [
    ("26 September to 14 October 2022", ((2022, 9, 26), (2022, 10, 14))),
    ("26–28 May 2025", ((2025, 5, 26), (2025, 5, 28))),
    ("May 26–28, 2025", ((2025, 5, 26), (2025, 5, 28))),
    ("2022年9月26日至10月14日", ((2022, 9, 26), (2022, 10, 14))),
])
def test_a_range_is_one_match_with_both_ends_completed(text, kind_parts):
    grammar = grammar_for("en")
    found = scan(grammar, text, index_text(grammar, text))
    assert len(found) == 1 and found[0].right is not None
    left, right = found[0].left, found[0].right
    assert ((left.year, left.month, left.day), (right.year, right.month, right.day)) == kind_parts


def test_and_without_between_lists_two_dates():
    grammar = grammar_for("en")
    text = "on 3 and 12 September 2022"
    found = scan(grammar, text, index_text(grammar, text))
    assert [(f.left.day, f.right) for f in found] == [(3, None), (12, None)]


@pytest.mark.parametrize("language", ["en", "fr", "de", "ru", "tr", "el", "und"])
def test_the_prefix_tree_matches_what_the_flat_alternation_matches(language):
    names = list(month_names(language))
    flat = re.compile(r"(?i:" + alternation(names) + r")(?!\w)\.?")
    tree = re.compile(r"(?i:" + prefix_tree(names) + r")(?!\w)\.?")
    texts = [f"{case} 2025" for name in names for case in (name, name.upper(), name.capitalize(), name[:-1], name + "s",
                                                            name + ".", name.replace("i", "ı").upper())]
    for text in texts:
        expected, got = flat.match(text), tree.match(text)
        assert (expected and expected.group()) == (got and got.group()), text


def test_month_names_start_with_a_letter():
    """The scanner tries the month-first shapes only where no digit or apostrophe stands."""
    for language in (*MONTH_LANGUAGES, "und"):
        assert all(name[0].isalpha() for name in month_names(language)), language


def test_the_index_reads_every_decimal_digit_as_ascii():
    text = "".join(map(chr, range(0x20, 0x20000)))
    index = index_text(grammar_for("en"), text)
    assert index.digit_runs == [m.span() for m in re.finditer(r"\d+", text)]
    assert [m.start() for m in re.finditer(r"[0-9]", index.text)] == [m.start() for m in re.finditer(r"\d", text)]
    assert len(index.text) == len(text)


def test_the_index_finds_cjk_relative_words_as_one_alternation_would():
    words = [p for p in RELATIVE_PHRASES if ord(p[0]) >= 0x2E80]
    text = "会议于昨天举行，前一天和前天也有，第二天，２０２４年5月下个月。다음 주 오늘 " + "".join(words)
    expected = [m.span() for m in re.finditer(alternation(words), text)]
    assert index_text(grammar_for("zh"), text).cjk_relative == expected


@pytest.mark.parametrize(("text", "dates"), [
    ("2019-Aug-01 and '18", [(2019, 8, 1)]),
    ("Le 3 mars 2021, puis du 1er au 3 juin 2022.", [(2021, 3, 3), (2022, 6, 1)]),
    ("Friday, October 27, 2014 in Busan", [(2014, 10, 27)]),
])
def test_the_scanner_tries_digit_and_month_shapes_where_they_can_start(text, dates):
    grammar = grammar_for("fr" if "mars" in text else "en")
    found = scan(grammar, text, index_text(grammar, text))
    assert [(f.left.year, f.left.month, f.left.day) for f in found if f.left.day] == dates
