"""extract_dates: shapes, languages, ranges, missing years, years, relative expressions, validator."""
from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.dates import extract_dates
from extractors.model import GRANULARITIES
from tests.conftest import SEEDS, SHARED, needs_shared

REFERENCE = date(2024, 10, 30)


def values(rows, *, years: bool = False) -> list[str]:
    out = []
    for r in rows:
        if (r.granularity == "year") != years:
            continue
        n = {"day": 10, "month": 7, "year": 4}[r.granularity]
        a, b = r.start_date.isoformat()[:n], r.end_date.isoformat()[:n]
        out.append(a if a == b else f"{a}/{b}")
    return out


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("Geneva, 9 November 2021", "en", "2021-11-09"),
    ("signed on October 27, 2021.", "en", "2021-10-27"),
    ("Updated: Oct 30, 2024", "en", "2024-10-30"),
    ("Sept. 3, 2019", "en", "2019-09-03"),
    ("the 4th of July 1995", "en", "1995-07-04"),
    ("on 27.11.2006 in Bern", "en", "2006-11-27"),
    ("2022.09.26", "ko", "2022-09-26"),
    ("2022-09-26", "en", "2022-09-26"),
    ("on 7/8/2025", "en", "2025-07-08"),
    ("le 7/8/2025", "fr", "2025-08-07"),
    ("2024年10月30日", "zh", "2024-10-30"),
    ("2022년 9월 26일", "ko", "2022-09-26"),
    ("le 27 septembre 2022", "fr", "2022-09-27"),
    ("29 сентября 2022 года", "ru", "2022-09-29"),
    ("12 de mayo de 2025", "es", "2025-05-12"),
    ("am 28. Oktober 2020", "de", "2020-10-28"),
    ("26. rujna 2022.", "hr", "2022-09-26"),
    ("26 سبتمبر 2022", "ar", "2022-09-26"),
    ("December 2020", "en", "2020-12"),
    ("diciembre de 2020", "es", "2020-12"),
    ("26 September to 14 October 2022", "en", "2022-09-26/2022-10-14"),
    ("26–28 May 2025", "en", "2025-05-26/2025-05-28"),
    ("du 1er au 3 juin 2023", "fr", "2023-06-01/2023-06-03"),
    ("between 3 and 12 September 2022", "en", "2022-09-03/2022-09-12"),
    ("January to April 2015", "en", "2015-01/2015-04"),
    ("December 20, 2021 to January 5, 2022", "en", "2021-12-20/2022-01-05"),
    ("from 10/1/2018-10/7/2018", "en", "2018-10-01/2018-10-07"),
])
def test_full_dates_in_every_usual_shape(text, language, expected):
    assert values(extract_dates(text, language, None)) == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("The seminar will convene on Nov 8 in Chongqing.", ["2024-11-08"]),
    ("The report came out in March.", ["2024-03"]),
    ("The talks run from 1 to 3 June.", ["2024-06-01/2024-06-03"]),
    ("11月8日", ["2024-11-08"]),
    ("He died last June.", ["2024-06"]),
    ("The talks will resume in January.", ["2025-01"]),
])
def test_missing_years_come_from_the_document_date(text, expected):
    assert values(extract_dates(text, "en" if text.isascii() else "zh", REFERENCE)) == expected


def test_missing_year_comes_from_the_event_in_the_same_sentence():
    text = ("The Ministry attended the 2022 Plenipotentiary Conference (PP-22) of the ITU, held at Bucharest, "
            "Romania from September 25.")
    assert values(extract_dates(text, "en", None)) == ["2022-09-25"]


def test_missing_year_comes_from_the_event_the_document_is_about():
    text = ("The conference ended on November 7 after adopting 71 resolutions.\n"
            "At the 2014 ICT Ministerial Meeting on October 19, they adopted the Busan Declaration.")
    assert values(extract_dates(text, "en", None)) == ["2014-11-07", "2014-10-19"]


def test_a_date_without_any_year_in_reach_is_left_out():
    assert extract_dates("See you on November 7.", "en", None) == []


def test_a_month_name_alone_needs_a_cue_and_its_proper_case():
    assert extract_dates("You may go. March on. The April report.", "en", REFERENCE) == []
    assert values(extract_dates("Since May the plan has stalled.", "en", REFERENCE)) == ["2024-05"]


@pytest.mark.parametrize(("text", "expected"), [
    ("ever since joining the Union in 1952 and", ["1952"]),
    ("The next conference will be held in 2018.", ["2018"]),
    ("- 2015 – Present Director, TSB\n- 1995 – 2004 Director, KT", ["2015", "1995", "2004"]),
    ("MA Electronics Engineering, Konkuk University, Korea, 1985\n", ["1985"]),
    ("Achievements (2015 ~ 2021)", ["2015", "2021"]),
    ("2008年奥运会", ["2008"]),
])
def test_bare_years_used_as_calendar_references(text, expected):
    assert values(extract_dates(text, "zh" if "年" in text else "en", None), years=True) == expected


@pytest.mark.parametrize("text", [
    "At the coming PP-22, the new leadership will be elected.",
    "hosting the 2014 ITU Plenipotentiary Conference and ITU Telecom World 2017.",
    "Minister to attend the 2022 ITU Plenipotentiary Conference",
    "jointly organized the annual ITU-MIIT Seminar 2021. Held in a hybrid mode",
    "Copyright©2024 China Daily. Ref KGV/303/2021, tel 3,000 delegates",
])
def test_years_inside_names_and_numbers_are_not_dates(text):
    assert extract_dates(text, "en", None) == []


def test_relative_expressions_are_resolved_and_flagged():
    rows = extract_dates("Talks opened yesterday and continue next week.", "en", date(2024, 10, 30))
    assert [(r.text, values([r])[0], r.relative) for r in rows] == [
        ("yesterday", "2024-10-29", True), ("next week", "2024-11-04/2024-11-10", True)]


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("会议昨天在北京举行，下周将继续。", "zh", [("昨天", "2024-10-29"), ("下周", "2024-11-04/2024-11-10")]),
    ("회의는 어제 열렸고 다음 주에 계속된다.", "ko", [("어제", "2024-10-29"), ("다음 주", "2024-11-04/2024-11-10")]),
])
def test_cjk_relative_expressions(text, language, expected):
    rows = extract_dates(text, language, date(2024, 10, 30))
    assert [(r.text, values([r])[0]) for r in rows if r.relative] == expected


def test_the_following_day_counts_from_the_day_named_before():
    text = "The conference in 2022 opened on September 25. On the following day, the Minister spoke."
    rows = extract_dates(text, "en", None)
    assert [(values([r])[0], r.relative) for r in rows if r.granularity == "day"] == [
        ("2022-09-25", False), ("2022-09-26", True)]


def test_relative_expressions_need_a_document_date():
    assert extract_dates("It happened yesterday.", "en", None) == []


@pytest.mark.parametrize("text", ["30 February 2021", "3 May 1700", "on 31/04/2020", "12 June 2300"])
def test_the_validator_rejects_impossible_and_implausible_dates(text):
    assert values(extract_dates(text, "en", REFERENCE)) == []


def test_ambiguous_numeric_dates_follow_the_order_the_document_shows():
    text = "A/70/PV.17 29/09/2015 and A/70/PV.22 01/10/2015"
    assert values(extract_dates(text, "en", None)) == ["2015-09-29", "2015-10-01"]
    assert values(extract_dates("on 01/10/2015", "en", None)) == ["2015-01-10"]


def test_a_full_stop_after_a_month_name_is_not_part_of_the_date():
    (row,) = extract_dates("It happened on the night of 6 to 7 July. Then it rained.", "en", date(2021, 8, 1))
    assert (row.text, values([row])) == ("6 to 7 July", ["2021-07-06/2021-07-07"])


def test_offsets_index_the_original_text_even_with_non_ascii_digits():
    text = "تم في ٢٦ سبتمبر ٢٠٢٢ في بوخارست"
    (row,) = extract_dates(text, "ar", None)
    assert text[row.char_start:row.char_end] == row.text == "٢٦ سبتمبر ٢٠٢٢"
    assert row.start_date == date(2022, 9, 26)


@needs_shared
def test_seed_documents_match_their_gold_dates():
    gold = {g["file"]: g for g in json.loads((SHARED / "eval" / "gold_seeds.json").read_text(encoding="utf-8"))}
    for path in sorted(SEEDS.iterdir()):
        g = gold[path.name]
        published = date.fromisoformat(g["published_date"]) if g["published_date"] else None
        rows = extract_dates(path.read_text(encoding="utf-8"), g["language"], published)
        found = set(values(rows)) | ({published.isoformat()} if published else set())
        optional = set(g.get("dates_optional", []))
        assert found - optional == set(g["dates"]) - optional, path.name
        assert set(values(rows, years=True)) == set(g["years"]), path.name


# date-like pieces glued at random: digits, separators, month names, connectors, relative words
DATE_PIECES = list("0123456789 .,/-–~年月日년월일\n٣２") + ["May", "March", " to ", " and ", "between ", "since ",
                                                          "septembre", "de ", "Present", "yesterday",
                                                          "the following day", "2022", "Sept."]
DATEISH = st.lists(st.sampled_from(DATE_PIECES), max_size=40).map("".join)


@given(text=st.one_of(st.text(max_size=300), DATEISH),
       language=st.sampled_from(["en", "fr", "de", "ru", "zh", "ko", "ar", "und", "xx", ""]),
       reference=st.one_of(st.none(), st.dates()))
def test_rows_are_always_well_formed(text, language, reference):
    for row in extract_dates(text, language, reference):
        assert text[row.char_start:row.char_end] == row.text
        assert row.start_date <= row.end_date
        assert row.granularity in GRANULARITIES


@pytest.mark.parametrize(("text", "language", "reference", "expected"), [
    # Slavic locative month names ("u travnju", "w marcu")
    ("Sastanak će se održati u travnju 2023.", "hr", None, ["2023-04"]),
    ("Spotkanie odbędzie się w marcu 2023 r.", "pl", None, ["2023-03"]),
    # Arabic: "and" joined to the day after "يومي" makes a range; "المقبل" (next) places the month
    ("تعقد الورشة يومي 8 و9 مايو 2023 في عمان.", "ar", None, ["2023-05-08/2023-05-09"]),
    ("ستعقد الهيئة اجتماعا خلال شهر يناير المقبل.", "ar", date(2023, 6, 1), ["2024-01"]),
    # a month alone after "for"/"para"
    ("A second round is planned for September in Accra.", "en", date(2023, 6, 1), ["2023-09"]),
    ("La cumbre, prevista para octubre, reunirá a los ministros.", "es", date(2023, 6, 1), ["2023-10"]),
    # "ahead of 2035" is a target, not the year of "April 4"
    ("The talks run until April 4, ahead of 2035.", "en", date(2023, 3, 28), ["2023-04-04"]),
    # a span of years in Chinese says nothing about the year of "9月5日"; 将于 marks the future
    ("双方计划在2023年至2025年间合作，首次会议将于9月5日举行。", "zh", date(2023, 6, 1), ["2023-09-05"]),
    # the synthetic future of Romance languages
    ("La comisión se reunirá en octubre.", "es", date(2023, 6, 1), ["2023-10"]),
    # "el pasado 2 de junio" is before the document date, even in the same month
    ("El acuerdo se firmó el pasado 2 de junio.", "es", date(2023, 6, 10), ["2023-06-02"]),
    ("지난 5월에 이어 오는 10월 회의를 연다.", "ko", date(2023, 6, 1), ["2023-05", "2023-10"]),
    # the paragraph is about the year of its last full date when the year-less date follows it
    ("Registration opens in September 2024. The welcome event is planned for 3 October.", "en", date(2023, 3, 1),
     ["2024-09", "2024-10-03"]),
])
def test_more_languages_cues_and_year_resolution(text, language, reference, expected):
    assert values(extract_dates(text, language, reference)) == expected


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("وتأسست الهيئة منذ عام 1932 وانضمت في عام 1947.", "ar", ["1932", "1947"]),
    ("He observed the elections of 2011 and 2016.", "en", ["2011", "2016"]),
    ("La sede estará lista para 2027.", "es", ["2027"]),
])
def test_more_calendar_year_cues(text, language, expected):
    assert values(extract_dates(text, language, None), years=True) == expected


def test_a_relative_word_restated_by_the_date_after_it_is_not_a_row():
    rows = extract_dates("Накануне, 4 марта, эксперты встретились в Москве.", "ru", date(2023, 3, 5))
    assert [(r.text, r.relative) for r in rows] == [("4 марта", False)]


def test_the_day_before_opening_a_paragraph_counts_from_the_document_date():
    text = "The forum closed on 2 May 2023.\nThe day before, the ministers met in private."
    rows = extract_dates(text, "en", date(2023, 6, 8))
    assert [(values([r])[0], r.relative) for r in rows] == [("2023-05-02", False), ("2023-06-07", True)]
