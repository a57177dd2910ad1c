"""Country and organisation gazetteers, and the phrase matcher."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import re

from extractors.party_lexicon import (country_display_name, country_formal_name, country_names, fold, is_demonym,
                                      case_forms, known_organisation_table, leftmost_longest, lowercase_mismatches,
                                      phrase_matcher, trie_pattern, word_starts_pattern)


def test_country_names_come_from_maintained_data_in_several_languages():
    en = country_names("en")
    assert en[fold("Republic of Korea")] == en[fold("South Korea")] == en["korea"] == "KOR"
    assert en[fold("Russian Federation")] == en["russia"] == "RUS"
    assert en[fold("United Republic of Tanzania")] == "TZA"
    assert en[fold("People's Republic of China")] == "CHN"
    assert country_names("fr")[fold("Corée du Sud")] == "KOR"
    assert country_names("ko")["대한민국"] == "KOR"
    assert "hong kong" not in en  # dependent territories are not sovereign states


def test_display_and_formal_names_are_stable():
    assert country_display_name("KOR") == "South Korea"
    assert country_formal_name("KOR") == "Republic of Korea"


def test_demonyms_are_not_countries():
    assert is_demonym("Korean") and is_demonym("Malaysian") and is_demonym("French")
    assert not is_demonym("Malaysia") and not is_demonym("Apple")
    assert "korean" not in country_names("en")


def test_matcher_takes_the_longest_name_and_respects_case():
    text = "the Republic of Korea, korea.kr, Korean, Korea-led, US and us, ITU-T and ITU."
    hits = [(text[h.start:h.end], h.kind, h.key) for h in phrase_matcher("en").find(text)]
    assert ("Republic of Korea", "country", "KOR") in hits
    assert ("Korea", "country", "KOR") in hits  # from "Korea-led"
    assert ("US", "country", "USA") in hits
    assert not any(t in {"korea", "us", "Korean"} for t, _, _ in hits)
    assert ("ITU-T", "organization", "ITU Telecommunication Standardization Sector") in hits
    assert [t for t, _, k in hits if k == "International Telecommunication Union"] == ["ITU"]


def test_korean_names_stop_at_particles_not_inside_words():
    text = "한국은 인도적 지원을 했고 인도와 협력했다."
    hits = [text[h.start:h.end] for h in phrase_matcher("ko").find(text)]
    assert hits == ["한국", "인도"]


def test_known_organisations_have_acronyms_and_translations():
    by_name, by_acronym = known_organisation_table()
    assert by_acronym["ITU"].name == by_name[fold("Union internationale des télécommunications")].name
    assert by_acronym["APT"].name == "Asia-Pacific Telecommunity"


def test_lowercase_mismatches_are_what_ignorecase_matches_differently():
    odd = lowercase_mismatches({"i", "s", "k", "a", "в"})
    assert {"ı", "İ", "ſ", "Σ", "ᲀ"} <= odd  # "ı" matches "i" under IGNORECASE yet lower-cases to itself
    assert not {"I", "S", "K", "A", "В", "\u212a"} & odd  # the Kelvin sign lower-cases to "k": no mismatch


def test_a_text_with_an_odd_letter_is_scanned_with_ignorecase():
    matcher = phrase_matcher("en")
    text = "the REPUBLİC OF KOREA met"  # "İ".lower() is two characters: offsets would shift
    assert not matcher.searchable_in_lowercase(text, text.lower())
    assert [(h.start, h.end, h.key) for h in matcher.find(text)] == [(4, 21, "KOR")]


LEXICONISH = st.lists(st.sampled_from([
    "Republic of Korea", "republic of korea", "REPUBLIC OF KOREA", "Republıc of Korea", "the United States of America",
    "Côte d'Ivoire", "Côte d’Ivoire", "Guinea-Bissau", "Papua New Guinea", "International Telecommunication Union",
    "ſouth Africa", "South Africa", "Korea", "ı", "İ", "ſ", "Σ", "K", "ß", " ", "\n", "\t", ".", ",", "(", ")", "'", "-",
    "x"]), max_size=30).map("".join)


@given(LEXICONISH)
def test_the_lowercase_scan_finds_what_the_ignorecase_scan_finds_wherever_it_is_used(text):
    matcher = phrase_matcher("en")
    lower = text.lower()
    if matcher.searchable_in_lowercase(text, lower):
        assert (list(leftmost_longest(matcher.spaced_in_lowercase, lower))
                == list(leftmost_longest(matcher.spaced, text)))


def test_languages_without_names_of_their_own_share_the_english_matcher():
    assert phrase_matcher("id") is phrase_matcher("en") is phrase_matcher("sw")
    assert phrase_matcher("fr") is not phrase_matcher("en")


DECLINED = st.lists(st.sampled_from([
    "Bosna i Hercegovina", "Bosni i Hercegovini", "Bosnia and Herzegovina", "Bosnia", "Hercegovini", "Republika",
    "Republic of Korea", "Republika Koreja", "Koreja", "Korea", "Južna Koreja", "South Korea", "Crne Gore", "Crna Gora",
    "Montenegro", "Slovenije", "Slovenia", "Sjedinjene Američke Države", "United States", "United States of America",
    "Côte d'Ivoire", "Obala Bjelokosti", "Hrvatska", "Hrvatske", "Croatia", "Europske unije", "European Union",
    "Brunei", "Brunei Darussalamu", "United States of Americu", "Argentine", "Argentine Republic", "Corée",
    "Corée du Sud", "du Nord", "Lao", "Lao People's Democratic Republic", "Республики Корея", "Корея",
    "ITU", " ", "  ", "\n", ",", ".", "-", "'", "i", "x", "İ", "ı", "ſ", "Σ", "K"]), max_size=30).map("".join)


@given(DECLINED, st.sampled_from(["hr", "fr", "ru"]))
def test_a_language_matcher_finds_what_one_trie_of_all_its_phrases_finds(text, language):
    matcher = phrase_matcher(language)
    assert len(matcher.spaced_groups) == 2  # the English phrases, then the language's own
    phrases = sorted(frozenset().union(*matcher.spaced_groups))
    one_trie = rf"(?<![\w.])(?:{trie_pattern(phrases)})(?!\w|-\w(?!\w))"
    lower = text.lower()
    assert list(leftmost_longest(matcher.spaced_in_lowercase, lower)) \
        == [m.span() for m in re.finditer(one_trie, lower)]
    assert list(leftmost_longest(matcher.spaced, text)) == [m.span() for m in re.finditer(one_trie, text, re.IGNORECASE)]


def test_word_starts_include_nested_words():
    starts = word_starts_pattern(["Secretary-General", "General", "Mr"], r"\w")
    assert [m.start() for m in starts.finditer("Secretary-General Ban met Mr Lee, not Generalissimo or xMr")] == [
        0, 10, 26, 38]


def country_hits(text: str, language: str) -> dict[str, str]:
    return {text[h.start:h.end]: h.key for h in phrase_matcher(language).find(text) if h.kind == "country"}


def test_declined_country_names_are_found_in_languages_with_cases():
    hr = "Ministri Slovenije i Crne Gore sastali su se u Bosni i Hercegovini, a potom s Poljskom."
    assert country_hits(hr, "hr") == {"Slovenije": "SVN", "Crne Gore": "MNE", "Bosni i Hercegovini": "BIH",
                                      "Poljskom": "POL"}
    ru = "Посол прибыл в Российскую Федерацию из Кыргызской Республики."
    assert country_hits(ru, "ru") == {"Российскую Федерацию": "RUS", "Кыргызской Республики": "KGZ"}


def test_case_forms_keep_undeclined_words_and_skip_other_scripts():
    assert "Bosne i Hercegovine" in case_forms("Bosna i Hercegovina", "hr")
    assert case_forms("Kyrgyzstan", "ru") == [] and case_forms("Bosna", "en") == []


def test_arabic_country_and_organisation_names_are_found_after_joined_proclitics():
    text = "زار الوزير تونس والمغرب ثم سافر إلى اليابان بدعوة من الأمم المتحدة وللاتحاد الدولي للاتصالات مكتب."
    hits = {text[h.start:h.end]: h.key for h in phrase_matcher("ar").find(text)}
    assert hits["تونس"] == "TUN" and hits["المغرب"] == "MAR" and hits["اليابان"] == "JPN"
    assert hits["الأمم المتحدة"] == "United Nations"
    assert hits["للاتحاد الدولي للاتصالات"] == "International Telecommunication Union"
