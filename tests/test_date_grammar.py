"""Month tables from CLDR, locale day order and the scanner's shapes."""
from __future__ import annotations

import pytest

from extractors.date_grammar import (
    cldr_month_names,
    day_first,
    grammar_for,
    index_text,
    month_names,
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
