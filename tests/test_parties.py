"""extract_parties: persons, organisations, countries, roles, mentions and stable ids."""
from __future__ import annotations

import re
import string

from hypothesis import example, given
from hypothesis import strategies as st

from extractors.model import Party
from extractors.parties import acronym_definitions, extract_parties, org_key


def by_kind(parties: list[Party], kind: str) -> dict[str, Party]:
    return {p.name: p for p in parties if p.kind == kind}


def mention_texts(party: Party) -> set[str]:
    return {m.text for m in party.mentions}


def test_offsets_point_at_their_text():
    text = "Minister Lee Jong-Ho met ITU Secretary-General Houlin Zhao in Geneva, Switzerland."
    for party in extract_parties(text, "en"):
        for m in party.mentions:
            assert text[m.char_start:m.char_end] == m.text


def test_person_name_orders_and_case_share_one_id_across_documents():
    a = extract_parties("The note was signed by Houlin ZHAO, Secretary-General.", "en")
    b = extract_parties("Secretary-General Zhao Houlin opened the meeting.", "en")
    c = extract_parties("H. E. Mr. Houlin Zhao\nSecretary General", "en")
    ids = {p.party_id for doc in (a, b, c) for p in doc if p.kind == "person"}
    names = {p.name for doc in (a, b, c) for p in doc if p.kind == "person"}
    assert len(ids) == 1 and len(names) == 1


def test_bare_surname_resolves_to_the_full_name_in_the_document():
    text = ("The Ministry of Science and ICT (MSIT, Minister: Lee Jong-Ho) attended the conference. "
            "Before the conference, Minister Lee had bilateral meetings.")
    persons = by_kind(extract_parties(text, "en"), "person")
    assert list(persons) == ["Lee Jong-Ho"]
    assert mention_texts(persons["Lee Jong-Ho"]) == {"Lee Jong-Ho", "Lee"}
    assert persons["Lee Jong-Ho"].role == "Minister"


def test_people_sharing_a_surname_are_not_merged():
    text = "Lee Jong-Ho met Lee Chaesub in Busan. Later Chaesub LEE spoke."
    persons = by_kind(extract_parties(text, "en"), "person")
    assert len(persons) == 2
    assert len({p.party_id for p in persons.values()}) == 2


def test_titles_roles_and_east_asian_names():
    text = ("\"It was an honor,\" said Minister of Science, ICT and Future Planning Choi Yang-hee. "
            "ITU Secretary-General Hamadoun Touré agreed. Qin Weizhong, mayor of Shenzhen Municipal People's "
            "Government, and Dr Chaesub LEE, Director of TSB, attended.")
    persons = by_kind(extract_parties(text, "en"), "person")
    assert persons["Choi Yang-Hee"].role == "Minister of Science, ICT and Future Planning"
    assert persons["Hamadoun Toure"].role == "Secretary-General"
    assert persons["Qin Weizhong"].role == "mayor of Shenzhen Municipal People's Government"
    assert persons["Lee Chaesub"].role == "Director of TSB"


def test_letterhead_inverted_caps_name():
    text = "DR. LEE, CHAESUB\n\nCandidate for the post. I am Chaesub LEE, a candidate."
    persons = by_kind(extract_parties(text, "en"), "person")
    assert mention_texts(persons["Lee Chaesub"]) == {"LEE, CHAESUB", "Chaesub LEE"}


def test_events_titles_and_site_words_are_not_parties():
    text = ("The 2022 ITU Plenipotentiary Conference (PP-22) adopted the Bucharest Declaration. "
            "Please refer to the attached PDF. The Internet of Things (IoT) and the Study Group's chair. "
            "The Council Member State attended the AI for Good Global Summit.")
    names = {p.name for p in extract_parties(text, "en")}
    assert names == {"International Telecommunication Union"}


def test_countries_official_short_and_translated_forms():
    text = "Republic of Korea, Korea and South Korea; Russia and the Russian Federation; Korean firms."
    countries = by_kind(extract_parties(text, "en"), "country")
    assert set(countries) == {"South Korea", "Russia"}
    assert mention_texts(countries["South Korea"]) == {"Republic of Korea", "Korea", "South Korea"}
    french = by_kind(extract_parties("La Corée et la Côte d'Ivoire.", "fr"), "country")
    assert countries["South Korea"].party_id == french["South Korea"].party_id
    assert "Côte d’Ivoire" in french


def test_acronym_definitions_link_later_mentions():
    text = ("The Ministry of Industry and Information Technology (MIIT) of China and the ITU met. "
            "The MIIT will work with the ITU.")
    orgs = by_kind(extract_parties(text, "en"), "organization")
    assert mention_texts(orgs["Ministry of Industry and Information Technology"]) == {
        "Ministry of Industry and Information Technology", "MIIT"}
    assert acronym_definitions("GSMA (Global System for Mobile Communications Association) met.", []) == {
        "GSMA": "GSM Association"}


def test_known_organisations_have_one_id_in_every_document_and_language():
    english = by_kind(extract_parties("The International Telecommunications Union (ITU) met.", "en"), "organization")
    french = by_kind(extract_parties("L'Union internationale des télécommunications (UIT) s'est réunie.", "fr"),
                     "organization")
    assert english.keys() == french.keys() == {"International Telecommunication Union"}
    assert org_key("General Secretariat of ITU") == "ITU General Secretariat"


def test_itu_family_and_study_groups():
    text = ("Chairman, ITU-T SG13, NGN-JCA. Vice Chairman, ITU-T Focus Group on IPTV. "
            "ITU-R, ITU-T and ITU-D with BR, TSB and BDT.")
    orgs = by_kind(extract_parties(text, "en"), "organization")
    assert {"ITU-T Study Group 13", "NGN-JCA", "ITU-T Focus Group on IPTV", "Radiocommunication Bureau",
            "Telecommunication Standardization Bureau", "Telecommunication Development Bureau",
            "ITU Radiocommunication Sector"} <= set(orgs)
    assert "International Telecommunication Union" not in orgs  # "ITU-T" is not a mention of ITU


def test_organisation_patterns():
    text = ("The Permanent Mission of the Republic of Korea to the United Nations in Geneva wrote. "
            "Research Consultant, Institute for ICT Convergence, Korea. PhD, Hanbat University, Korea 2014. "
            "The loss of Malaysian Airlines Flight MH370. The Government of the Republic of Korea decided.")
    orgs = by_kind(extract_parties(text, "en"), "organization")
    assert {"Permanent Mission of the Republic of Korea", "Institute for ICT Convergence", "Hanbat University",
            "Malaysian Airlines"} <= set(orgs)
    assert not any(name.startswith("Government") for name in orgs)


def test_company_suffixes_and_corporate_roles():
    text = "Apple Inc. released a phone. Apple CEO Steve Jobs said Apple will grow. Ford Motor Company and Ford Motor."
    orgs = by_kind(extract_parties(text, "en"), "organization")
    assert mention_texts(orgs["Apple"]) == {"Apple Inc", "Apple"}
    assert "Ford Motor" in orgs
    assert by_kind(extract_parties(text, "en"), "person")["Steve Jobs"].role == "CEO"


def test_other_languages():
    ko = extract_parties("과학기술정보통신부는 국제전기통신연합(ITU) 회의에 참석했다. 이종호 장관은 루마니아와 회담했다.", "ko")
    assert {(p.kind, p.name) for p in ko} >= {("organization", "과학기술정보통신부"), ("person", "이종호"),
                                              ("country", "Romania")}
    zh = by_kind(extract_parties("国际电信联盟秘书长赵厚麟与工业和信息化部副部长王志军在深圳会面。中国代表出席。", "zh"), "person")
    assert zh["赵厚麟"].role == "秘书长" and "王志军" in zh
    de = extract_parties("Das Bundesministerium für Wirtschaft und Energie und die Internationale Fernmeldeunion.", "de")
    assert {p.name for p in de} == {"Bundesministerium für Wirtschaft und Energie",
                                    "International Telecommunication Union"}


def test_nothing_to_find():
    assert extract_parties("", "en") == []
    assert extract_parties("   \n", "und") == []
    assert extract_parties("no names here at all.", "xx") == []


@given(st.text(max_size=400))
def test_never_raises_and_offsets_hold(text):
    for party in extract_parties(text, "en"):
        assert party.kind in {"person", "organization", "country"}
        assert party.mentions
        for m in party.mentions:
            assert text[m.char_start:m.char_end] == m.text


NAMEISH = st.lists(st.sampled_from(["Lee", "Jong-Ho", "Minister", "ITU", "Korea", "Ministry", "of", "Science",
                                    "and", "ICT", "(MSIT)", "Houlin", "ZHAO", "Dr.", "said", ",", "\n", "Union",
                                    "International", "Telecommunication", "the", "Republic", "Choi", "Steve",
                                    "Jobs", "University", "Hanbat", "CEO", "Apple", "Inc."]), max_size=40)


@given(NAMEISH, st.sampled_from(["en", "fr", "ko", "zh", "und"]))
def test_ids_are_deterministic_and_one_name_per_id(words, language):
    text = " ".join(words)
    first = extract_parties(text, language)
    assert first == extract_parties(text, language)
    seen: dict[str, tuple[str, str]] = {}
    for party in first + extract_parties(text.upper(), language) + extract_parties(text.title(), language):
        assert seen.setdefault(party.party_id, (party.name, party.kind)) == (party.name, party.kind)
        for m in party.mentions:
            assert m.char_end > m.char_start


def test_titled_surname_alone_is_a_person_scoped_to_its_document():
    text = "Ms Pugh has received treatment. Doctors said Pugh was recovering."
    persons = by_kind(extract_parties(text, "en"), "person")
    assert mention_texts(persons["Pugh"]) == {"Pugh"} and len(persons["Pugh"].mentions) == 2
    other = by_kind(extract_parties("Mr Pugh, a farmer, disagreed.", "en"), "person")
    assert other["Pugh"].party_id != persons["Pugh"].party_id  # two documents, maybe two people


def test_role_stops_before_the_honorific():
    text = "The Director of the Telecommunication Development Bureau, Ms Doreen Bogdan-Martin, spoke."
    persons = by_kind(extract_parties(text, "en"), "person")
    assert persons["Doreen Bogdan-Martin"].role == "Director of the Telecommunication Development Bureau"


def test_a_possessive_is_not_part_of_a_name():
    text = "Apple CEO Steve Jobs's company grew. Unlike October, Mr. Comey's letter arrived. Jobs said so."
    persons = by_kind(extract_parties(text, "en"), "person")
    assert mention_texts(persons["Steve Jobs"]) == {"Steve Jobs", "Jobs"} and persons["Steve Jobs"].role == "CEO"
    assert mention_texts(persons["Comey"]) == {"Comey"}


def test_particle_surnames_are_kept_and_also_mentioned_without_the_particle():
    text = ("Iraqi Prime Minister Haider al-Abadi met Ziad Khalaf al-Karbouly in Baghdad. "
            "Later Abadi said the talks went well.")
    persons = by_kind(extract_parties(text, "en"), "person")
    assert set(persons) == {"Haider al-Abadi", "Ziad Khalaf al-Karbouly"}  # not "Later Abadi"
    assert mention_texts(persons["Haider al-Abadi"]) == {"Haider al-Abadi", "Abadi"}
    assert persons["Haider al-Abadi"].role == "Prime Minister"


# The fast scans must find exactly what their plain regex definitions find (they only skip work).

TRICKY = st.lists(st.sampled_from([
    "Lee", "LEE", "lee", "Jong-Ho", "Zhao", "Houlin", "ZHAO, HOULIN", "Houlın", "Kİm", "ſteve", "Steve", "Jobs",
    "Minister", "Mr", "Mrs.", "Dr.", "Vice-President", "Secretary-General", "said", "the", "of", "al-Assad",
    "bin-Laden", "Apple", "CEO", "chairman", "Chairman", "Ford Motor Company", "Ford Motor", "(MSIT)", "MSIT",
    "Ministry", "Science", "ICT", "University", "Korea", "Republic", "ITU", "UN", "(", ")", ",", ":", ";", ".",
    "-", "'", "’", " ", "  ", "\t", "\n", "\u00a0", "Σ", "ᲀ", "K", "x", "Force", "force", "index",
    "José", "JOSÉ", "García", "garcía", "Παππάς", "ΠΑΠΠΆΣ", "παππάσ", "ß", "ẞ", "Deputy", "His Excellency", "H.E.",
    "The", "Le", "Council", "Conseil", "IPTV", "-JCA", "ITU-T", "SG", "Study Group", "13", "CCITT", "KIM-LEE",
    "COO", "Chief Executive", "co-founder", '"', "?", "/"]), max_size=60).map("".join)


@given(TRICKY)
def test_fast_scans_find_what_their_patterns_find(text):
    from extractors import parties as p

    def spans(matches):
        return [m.span() for m in matches]

    assert spans(p._name_runs(text)) == spans(p.NAME_RUN.finditer(text))
    titled = p._matches_at(p.TITLED_SURNAME, (m.start() for m in p.TITLE_STARTS.finditer(text)), text)
    assert spans(titled) == spans(p.TITLED_SURNAME.finditer(text))
    assert spans(p._corporate_role_matches(text)) == spans(p.CORPORATE_ROLE.finditer(text))
    up = p.UP
    inverted_caps = re.compile(rf"(?<![\w-])[{up}][{up}]+(?:-[{up}]{{2,}})?,{p.SP}[{up}]{{2,}}(?:-[{up}]{{2,}})?(?![\w-])")
    assert spans(p._matches_at(p.INVERTED_CAPS_NAME, p._inverted_caps_starts(text), text)) \
        == spans(inverted_caps.finditer(text))
    assert spans(p._matches_at(p.BARE_COUNCIL, p._bare_council_starts(text), text)) \
        == spans(p.BARE_COUNCIL.finditer(text))
    plain_joint_coordination = re.compile(r"(?<![\w-])[A-Z][A-Za-z0-9]+-JCA\b")
    assert spans(p._matches_at(p.JOINT_COORDINATION, p._joint_coordination_starts(text), text)) \
        == spans(plain_joint_coordination.finditer(text))
    plain_study_group = re.compile(r"\b(?P<sector>ITU-[TRD]|UIT-[TRD]|CCITT|CCIR)[ \t]+"
                                   r"(?:SG[ \t]?|Study[ \t]+Group[ \t]+)(?P<num>\d{1,2})\b")
    assert [(m.span(), m.groups()) for m in p.STUDY_GROUP.finditer(text)] \
        == [(m.span(), m.groups()) for m in plain_study_group.finditer(text)]
    plain_org_token = re.compile(r"[dlDL]['’](?=\w)|\w(?:[\w&-]|['’](?!s\b)(?=\w)|\.(?=\w))*"
                                 r"(?:['’]s\b|(?<=s)['’](?![\w'’]))?|,|\S")
    assert spans(p.ORG_TOKEN.finditer(text)) == spans(plain_org_token.finditer(text))
    role, plain_role = p._role_before(text), p.ROLE_BEFORE.search(text)
    assert (role and role.group("role")) == (plain_role and plain_role.group("role"))
    assert p._ends_with_honorific(text) == bool(p.HONORIFIC_BEFORE.search(text))
    plain_acronyms = re.compile(rf"(?<![\w-])(?P<acr>{p.ACRONYM})[ \t]*\((?P<full>[^()\n]{{5,150}})\)")
    before_parens = p._matches_at(p.ACRONYM_BEFORE_PARENS, p._acronym_before_parens_starts(text), text)
    assert spans(before_parens) == spans(plain_acronyms.finditer(text))
    common = set(re.findall(r"(?<![\w-])[a-z]{3,}(?![\w-])", text))
    assert all((w in p.CommonWords(text)) == (w in common) for w in ["force", "index", "the", "said", "of", "lee"])


def test_the_longest_honorific_fits_the_tail_searched_for_one():
    from extractors import parties as p

    for title in ("His Excellency", "Her Excellency.", "Honourable", "H. E.", "Mr.", "Her Excellency Mrs", "г-жа"):
        text = f"A long sentence about the visit of {title} \u00a0"
        assert p._ends_with_honorific(text) and p.HONORIFIC_BEFORE.search(text)


def test_ascii_names_are_searched_lower_cased_unless_a_letter_matches_otherwise_under_ignorecase():
    from extractors import parties as p
    from extractors.party_lexicon import lowercase_mismatches

    assert set(p.IGNORECASE_ONLY_VARIANTS) == lowercase_mismatches(set(string.ascii_lowercase)) - {"\u03a3"}


@given(TRICKY, st.sampled_from([("Houlin", "Zhao"), ("Lee", "Jong-Ho"), ("Steve", "Jobs"), ("Kim", "Jong", "Un"),
                                 ("José", "García"), ("Σωκράτης", "Παππάς"), ("Kİm", "Lee"), ("Straße", "Jobs")]))
@example("Mr ΠΑΠΠΆΣ and Σωκράτης παππάσ, not Παππάς", ("Σωκράτης", "Παππάς"))  # capital and final sigmas
@example("GARCÍA, José met José García and STRASSE Jobs", ("José", "García"))
def test_names_found_without_a_regex_are_the_regex_matches(text, tokens):
    from extractors import parties as p

    lowered = p._lowered(text)
    assert p._full_name_spans(lowered, tokens) == [m.span() for m in p._full_name_pattern(tokens).finditer(text)]
    surnames = tuple(sorted({t.casefold() for t in tokens}, key=len, reverse=True))
    bare = re.compile(rf"(?<![\w'’-])(?:{'|'.join(map(re.escape, surnames))})(?![\w-])", re.IGNORECASE)
    assert p._surname_spans(lowered, surnames) == [m.span() for m in bare.finditer(text)]


def test_head_word_neighbourhood_of_any_size_gives_the_whole_line_result():
    from extractors import parties as p

    text = ("He met the Global System for Mobile Communications Association today, and Korea's Ministry of Science, "
            "ICT and Future Planning agreed.")
    saved = p.HEAD_NEIGHBOURHOOD
    try:
        p.HEAD_NEIGHBOURHOOD = (1000, 1000)
        whole_lines = p._head_word_organisations(text)
        assert {text[s.start:s.end] for s in whole_lines} == {"Global System for Mobile Communications Association",
                                                               "Ministry of Science, ICT and Future Planning"}
        for size in range(0, 80):
            p.HEAD_NEIGHBOURHOOD = (size, size)
            assert p._head_word_organisations(text) == whole_lines
    finally:
        p.HEAD_NEIGHBOURHOOD = saved


ORGISH = st.lists(st.sampled_from([
    "Ministry", "of", "Science", "Science,", "ICT", "and", "the", "Future", "Planning", "Georgia's", "Korea's",
    "Permanent", "Mission", "to", "United", "Nations", "in", "Geneva", "Global", "System", "for", "Mobile",
    "Association", "University", "Commission", "Council", "Telecom", "World", "Department", "Shenzhen",
    "Municipal", "People's", "Government", "Apple", "Inc.", "said", "met", "January", "&", ".", ",", "\n"]),
    max_size=50).map(" ".join)


@given(ORGISH | TRICKY)
def test_head_words_tokenised_near_the_head_match_whole_lines(text):
    from extractors import parties as p

    def organisations(neighbourhood: tuple[int, int]) -> list:
        saved, p.HEAD_NEIGHBOURHOOD = p.HEAD_NEIGHBOURHOOD, neighbourhood
        try:
            return p._head_word_organisations(text)
        finally:
            p.HEAD_NEIGHBOURHOOD = saved

    whole_lines = organisations((1000, 1000))  # wider than the line window
    for neighbourhood in ((3, 5), (12, 20), (30, 45), p.HEAD_NEIGHBOURHOOD):
        assert organisations(neighbourhood) == whole_lines


def organisation_mentions(text: str) -> set[str]:
    return {m.text for p in extract_parties(text, "en") if p.kind == "organization" for m in p.mentions}


def test_organisation_names_run_through_lists_missions_possessives_numbers_and_regions():
    assert "Ministry of Energy, Mines and the Blue Economy" in organisation_mentions(
        "Yesterday the Ministry of Energy, Mines and the Blue Economy opened a tender.")
    assert ("Embassy of Peru to the United Nations Office and other International Organizations in Vienna"
            in organisation_mentions("The Embassy of Peru to the United Nations Office and other International "
                                     "Organizations in Vienna sent a note."))
    assert "Broadcasters' Association of West Africa" in organisation_mentions(
        "A statement from the Broadcasters' Association of West Africa followed.")
    assert "ITU-T Focus Group 3B" in organisation_mentions("Delegates joined ITU-T Focus Group 3B last week.")
    assert "UNESCO Regional Bureau for Latin America and the Caribbean" in organisation_mentions(
        "The UNESCO Regional Bureau for Latin America and the Caribbean will host it.")
    # Two organisations stay two, and "and the" after a non-place still ends the name.
    assert organisation_mentions("The Ministry of Trade and the Treasury met.") == {"Ministry of Trade"}


def test_generic_words_after_and_in_a_role_are_no_organisation():
    assert organisation_mentions("The Minister of Science and Information Technologies spoke on Friday.") == set()
    assert "Digital Realty Corporation" in organisation_mentions("Google and Digital Realty Corporation agreed.")


def test_an_office_of_a_known_organisation_takes_its_known_name():
    parties = extract_parties("We thank the General Secretariat of the International Telecommunication Union.", "en")
    assert "ITU General Secretariat" in by_kind(parties, "organization")


def person_mentions(text: str) -> set[str]:
    return {m.text for p in extract_parties(text, "en") if p.kind == "person" for m in p.mentions}


def test_capitalised_surname_first_names_after_a_title_or_an_unknown_word():
    assert person_mentions("Next, Minister of State for Digital Affairs TANAKA Hiroshi said the fund was open.") \
        == {"TANAKA Hiroshi"}
    assert person_mentions("Director for Network Planning YAMADA Emi said so.") == {"YAMADA Emi"}
    assert person_mentions("Regional Councillor Thandiwe Mokoena, who chairs the board, agreed.") \
        == {"Thandiwe Mokoena"}
    assert person_mentions("KDDI Corp and NTT Docomo said so.") == set()


def test_street_names_are_no_persons():
    assert person_mentions("Send it to Ulica Ivana Gundulića 12, 21000 Split.") == set()
    assert person_mentions("Our office: 14 Mahatma Gandhi Marg, Pune.") == set()
    assert person_mentions("Calle Maria Luisa Torres 8\nMadrid") == set()
    assert person_mentions("Maria Torres said the office moved.") == {"Maria Torres"}


def test_the_council_alone_is_the_itu_council_only_in_an_itu_document_naming_no_other_council():
    itu = "Report of the ITU Secretary-General. The Council is invited to approve the budget."
    assert organisation_mentions(itu) >= {"Council"}
    assert "ITU Council" in by_kind(extract_parties(itu, "en"), "organization")
    assert "Council" not in organisation_mentions("The Council met in Brussels on budget rules.")
    assert "Council" not in organisation_mentions(
        "The ITU briefed the UN Security Council. The Council then adjourned.")
    assert "Council" not in organisation_mentions("ITU news: the Council Member States and the Conseil national des arts.")
    fr = "Rapport du Secrétaire général de l'UIT. Le Conseil est invité à prendre note."
    assert "ITU Council" in by_kind(extract_parties(fr, "fr"), "organization")
    symbol = "Document C23/41-F\nRapport annuel. Le Conseil est prié d'approuver le budget."
    assert "ITU Council" in by_kind(extract_parties(symbol, "fr"), "organization")
