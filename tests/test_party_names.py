"""Person-name shape and identity keys."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from extractors.party_names import (is_given_name, is_romanised_given_name, looks_east_asian, person_display_name,
                                    person_key, stable_id, surname_of)


def test_key_ignores_order_case_accents_and_initials():
    assert person_key(["Houlin", "ZHAO"]) == person_key(["Zhao", "Houlin"]) == "houlin zhao"
    assert person_key(["Hamadoun", "Touré"]) == person_key(["HAMADOUN", "TOURE"])
    assert person_key(["George", "W.", "Bush"]) == person_key(["George", "Bush"])
    assert person_key(["Lee", "Jong-Ho"]) != person_key(["Lee", "Chaesub"])


def test_display_name_depends_on_the_key_only():
    assert person_display_name("houlin zhao") == "Zhao Houlin"
    assert person_display_name("jobs steve") == "Steve Jobs"
    assert person_display_name("jong-ho lee") == "Lee Jong-Ho"
    assert person_display_name("al-karbouly khalaf ziad") == "Ziad Khalaf al-Karbouly"  # the particle surname last


def test_east_asian_shape():
    assert looks_east_asian(["Lim", "Hyesook"]) and looks_east_asian(["Chaesub", "LEE"])
    assert looks_east_asian(["Qin", "Weizhong"]) and looks_east_asian(["Choi", "Yang-hee"])
    assert not looks_east_asian(["Park", "Hotel"])
    assert not looks_east_asian(["Future", "Planning"])
    assert is_romanised_given_name("Jong-Ho") and not is_romanised_given_name("Standardization")


def test_surname_for_bare_mentions():
    assert surname_of(["Chaesub", "LEE"]) == "LEE"
    assert surname_of(["Zhao", "Houlin"]) == "Zhao"
    assert surname_of(["Houlin", "Zhao"]) == "Zhao"
    assert surname_of(["Steve", "Jobs"]) == "Jobs"


def test_given_names_exclude_everyday_words():
    assert is_given_name("Tomas") and is_given_name("Steve")
    assert not is_given_name("May") and not is_given_name("China") and not is_given_name("Hong")


@given(st.text(max_size=30), st.text(max_size=30))
def test_stable_id_is_a_pure_function(kind, key):
    assert stable_id(kind, key) == stable_id(kind, key)
    assert stable_id(kind, key).startswith("p_")
