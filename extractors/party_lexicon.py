"""Gazetteers for party extraction: countries, known organisations, and a fast phrase matcher.

Countries come from maintained data (pycountry names, official names and their gettext
translations, Babel/CLDR territory names), never from a hand list; only a few conventional
short forms and abbreviations ("Korea", "UAE", "UK") are added by hand. Known organisations
are the ITU family, UN bodies, regional telecom organisations and major ICT companies and
institutes, each with one canonical English name. Everything is built once per language and
cached; nothing is downloaded.
"""
from __future__ import annotations

import gettext
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache

import pycountry
from babel import Locale, UnknownLocaleError

APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00a0": " ",
                             "\u2010": "-", "\u2011": "-"})
WHITESPACE = re.compile(r"\s+")
UNSPACED_LETTERS = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3\u0e00-\u0e7f\uf900-\ufaff"
UNSPACED_SCRIPT = re.compile(f"[{UNSPACED_LETTERS}]")
HANGUL = "\uac00-\ud7a3"
ARABIC_LETTERS = "\u0600-\u06ff"
ARABIC_TEXT = re.compile(f"[{ARABIC_LETTERS}]")
ARABIC_PROCLITICS = "[وف]?[بلك]?"  # "and"/"so", then "in"/"to"/"as", joined to the next word
HANGUL_TEXT = re.compile(f"[{HANGUL}]")
CYRILLIC_LETTERS = "\u0400-\u04ff"
# The scripts that steps look for separately (Cyrillic, Arabic, the scripts written without spaces,
# Hangul and Chinese among them): one scan tells that a text has none, as most texts have none.
OTHER_SCRIPT_TEXT = re.compile(f"[{CYRILLIC_LETTERS}{ARABIC_LETTERS}{UNSPACED_LETTERS}]")
RIGHT_BOUNDARY = r"(?!\w|-\w(?!\w))"
NOT_AFTER_WORD_OR_PERIOD = r"(?<![\w.].)"  # placed after a name's first character
# Korean particles that may follow a name written without a space ("한국은", "미국과의").
KOREAN_PARTICLE_LOOKAHEAD = rf"(?=[은는이가을를의에와과도로만께측]|[^{HANGUL}]|$)"


@lru_cache(maxsize=2)  # the document being processed: keeps no old texts alive
def has_other_script(text: str) -> bool:
    """Whether `text` holds a letter of a script OTHER_SCRIPT_TEXT lists."""
    return not text.isascii() and OTHER_SCRIPT_TEXT.search(text) is not None


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lookup form: NFKD without accents, casefolded, one space, plain apostrophes."""
    text = unicodedata.normalize("NFKD", text.translate(APOSTROPHES))
    text = unicodedata.normalize("NFC", "".join(c for c in text if not unicodedata.combining(c))).casefold()
    return WHITESPACE.sub(" ", text).strip()


def strip_accents(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in text if not unicodedata.combining(c)))


# ---------------------------------------------------------------- countries

# ISO 3166-1 entries that are dependent territories, not sovereign states.
DEPENDENT_TERRITORIES = frozenset(
    "AS AI AQ AW AX BL BM BQ BV CC CK CW CX EH FK FO GF GG GI GL GP GS GU HK HM IM IO JE KY MF MO MP "
    "MQ MS NC NF NU PF PM PN PR RE SH SJ SX TC TF TK UM VG VI WF YT".split())
# Locales whose territory names are matched (always together with English).
COUNTRY_LANGUAGES = ("en", "fr", "es", "pt", "de", "it", "ru", "zh", "ja", "ko", "ar", "nl", "hr", "bs", "sr", "sl")
PYCOUNTRY_LOCALES = {"zh": "zh_CN", "pt": "pt"}
# Conventional short forms and abbreviations that neither pycountry nor CLDR lists.
EXTRA_COUNTRY_NAMES = {
    "KR": ("Korea", "ROK", "Corée", "Corea", "Coreia", "Корея", "한국", "南韓"),
    "KP": ("DPRK",),
    "AE": ("UAE", "U.A.E.", "EAU"),
    "US": ("USA", "U.S.A.", "U.S.", "US", "United States of America", "America", "EE.UU.", "EUA"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain"),
    "CN": ("PRC", "People's Republic of China"),
    "RU": ("Russia",),
    "KG": ("Кыргызская Республика",),  # the state's official Russian name (CLDR and pycountry give others)
    "CD": ("DRC", "DR Congo", "Democratic Republic of the Congo"),
    "CG": ("Republic of the Congo",),
    "CI": ("Ivory Coast",),
    "CZ": ("Czech Republic",),
    "TR": ("Turkey",),
    "MM": ("Burma",),
    "VA": ("Holy See", "Vatican"),
    "PS": ("Palestine", "State of Palestine"),
    "SZ": ("Swaziland",),
    "MK": ("Macedonia",),
    "CV": ("Cape Verde",),
    "TL": ("East Timor",),
    "NL": ("Holland",),
}
# Short forms shared by two states ("Korea", "Congo") go to the conventional one or to none.
AMBIGUOUS_SHORT_NAMES = {"korea": "KR", "corée": "KR", "corea": "KR", "coreia": "KR", "корея": "KR",
                         "congo": None, "guinea": "GN"}
PARENTHESIS = re.compile(r"\s*\([^)]*\)")


def _inverted(name: str) -> tuple[str, ...]:
    """ "Korea, Republic of" -> ("Republic of Korea", "Korea"); other names unchanged."""
    name = PARENTHESIS.sub("", name).strip()
    if "," not in name:
        return (name,)
    head, _, tail = name.partition(",")
    tail = tail.strip()
    joiner = "" if tail.endswith("'") else " "
    return (f"{tail}{joiner}{head.strip()}", head.strip())


@lru_cache(maxsize=None)
def _maintained_names(alpha2: str, language: str) -> tuple[str, ...]:
    """A country's names in `language` from pycountry and Babel (the English ones serve every language)."""
    return (*_pycountry_names(alpha2, language), *_babel_names(alpha2, language))


def _pycountry_names(alpha2: str, language: str) -> list[str]:
    country = pycountry.countries.get(alpha_2=alpha2)
    raw = [country.name, getattr(country, "official_name", None), getattr(country, "common_name", None)]
    raw = [r for r in raw if r]
    if language != "en":
        translate = _pycountry_translator(language)
        raw = [translate(r) for r in raw if translate(r) != r] if translate else []
    names = []
    for r in raw:
        names.extend(_inverted(r.removeprefix("the ")))
    return names


@lru_cache(maxsize=None)
def _pycountry_translator(language: str):
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR,
                                   languages=[PYCOUNTRY_LOCALES.get(language, language)]).gettext
    except OSError:  # no catalogue for this language: Babel names only
        return None


def _babel_names(alpha2: str, language: str) -> list[str]:
    try:
        name = Locale.parse(language).territories.get(alpha2)
    except (UnknownLocaleError, ValueError):
        return []
    if not name or " - " in name:  # "Congo - Kinshasa" is a CLDR display form, not a name
        return []
    names = [PARENTHESIS.sub("", name).strip()]
    names += [m.strip("()") for m in PARENTHESIS.findall(name)]
    return [n.replace("St.", "Saint").strip() for n in names] + [n for n in names if "St." in n]


def sovereign_alpha2() -> list[str]:
    return sorted(c.alpha_2 for c in pycountry.countries if c.alpha_2 not in DEPENDENT_TERRITORIES)


def is_acronym(name: str) -> bool:
    """ "UAE", "U.S.", "DPRK": matched case-sensitively so "us" and "Us" never count."""
    letters = name.replace(".", "")
    return letters.isupper() and letters.isalpha() and len(letters) <= 5


# Case forms of country names in languages that decline them ("Slovenije", "u Bosni i Hercegovini",
# "Кыргызской Республики"). Every word of a CLDR/pycountry name takes the same case: for each case,
# a word ending (longest first; "" = a final consonant) is replaced by each of its endings there.
# Adjective and noun endings both apply where the two differ ("Crnoj Gori": -oj and -i).
# Sibilarisation ("Amerika" -> "Americi") and fleeting vowels are not modelled.
CONSONANT = ""
CASE_ENDINGS: dict[str, tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]] = {
    # Croatian, Bosnian, Serbian (Latin): genitive, dative/locative, accusative, instrumental.
    "hr": (("a", (("e",), ("i", "oj"), ("u",), ("om",))),
           ("o", (("a", "og"), ("u", "om"), ("o",), ("om", "im"))),
           (CONSONANT, (("a",), ("u",), ("",), ("om",)))),
    # Slovene: genitive, dative/locative, accusative/instrumental.
    "sl": (("a", (("e",), ("i",), ("o",))), (CONSONANT, (("a",), ("u",), ("om",)))),
    # Russian: genitive, dative, accusative, instrumental, prepositional.
    "ru": (("ая", (("ой",), ("ой",), ("ую",), ("ой",), ("ой",))),
           ("ий", (("ого",), ("ому",), ("ий",), ("им",), ("ом",))),
           ("ый", (("ого",), ("ому",), ("ый",), ("ым",), ("ом",))),
           ("ия", (("ии",), ("ии",), ("ию",), ("ией",), ("ии",))),
           ("я", (("и",), ("е",), ("ю",), ("ей",), ("е",))),
           ("ка", (("ки",), ("ке",), ("ку",), ("кой",), ("ке",))),
           ("а", (("ы", "и"), ("е",), ("у",), ("ой",), ("е",))),
           (CONSONANT, (("а",), ("у",), ("",), ("ом",), ("е",)))),
}
CASE_LANGUAGE = {"hr": "hr", "bs": "hr", "sr": "hr", "sl": "sl", "ru": "ru"}
UNDECLINED_WORDS = frozenset("i in и".split())


def case_forms(name: str, language: str) -> list[str]:
    """`name` in every case of `language` ("Bosna i Hercegovina" -> "Bosne i Hercegovine", …)."""
    table = CASE_ENDINGS.get(CASE_LANGUAGE.get(language, ""))
    if table is None or (CASE_LANGUAGE[language] == "ru") != ("\u0400" <= name[:1] <= "\u04ff"):
        return []  # a name in another script than the language's
    words = name.split(" ")
    forms: set[str] = set()
    for case in range(len(table[0][1])):
        variants = [""]
        for n, word in enumerate(words):
            options = [word]
            if len(word) > 2 and word.casefold() not in UNDECLINED_WORDS and word[-1].isalpha():
                for ending, cases in table:
                    if ending == CONSONANT and word[-1].casefold() in "aeiouyаеёиоуыэюяйь":
                        continue
                    if word.endswith(ending):
                        options = [word[:len(word) - len(ending)] + e for e in cases[case]]
                        break
            variants = [(v + " " if n else "") + o for v in variants for o in options]
        forms.update(variants)
    forms.discard(name)
    return sorted(forms)


@lru_cache(maxsize=None)
def country_entries(language: str) -> tuple[tuple[str, str], ...]:
    """(surface name, ISO alpha-3) for English plus `language`; names shared by two states dropped."""
    pairs: list[tuple[str, str]] = []
    owner: dict[str, str] = {}
    clashes: set[str] = set()
    languages = ["en"] + ([language] if language in COUNTRY_LANGUAGES and language != "en" else [])
    for alpha2 in sovereign_alpha2():
        alpha3 = pycountry.countries.get(alpha_2=alpha2).alpha_3
        names = list(EXTRA_COUNTRY_NAMES.get(alpha2, ()))
        for lang in languages:
            names += _maintained_names(alpha2, lang)
        if language in CASE_LANGUAGE:
            names += [form for name in names for form in case_forms(name, language)]
        for name in names:
            key = fold(name)
            if len(key) < 2:
                continue
            if owner.setdefault(key, alpha3) != alpha3:
                clashes.add(key)
            pairs.append((name.translate(APOSTROPHES), alpha3))
    preferred = {key: pycountry.countries.get(alpha_2=a2).alpha_3 for key, a2 in AMBIGUOUS_SHORT_NAMES.items() if a2}
    kept = []
    for name, alpha3 in dict.fromkeys(pairs):
        key = fold(name)
        if key in AMBIGUOUS_SHORT_NAMES or key in clashes:
            if preferred.get(key) != alpha3:
                continue
        kept.append((name, alpha3))
    for key, alpha3 in preferred.items():
        if all(fold(n) != key for n, _ in kept):
            kept.append((key.title(), alpha3))
    return tuple(kept)


@lru_cache(maxsize=None)
def country_names(language: str) -> dict[str, str]:
    """folded country name -> ISO alpha-3, for English plus `language`."""
    return {fold(name): alpha3 for name, alpha3 in country_entries(language)}


DEMONYM_ENDINGS = ("ian", "an", "ese", "ish", "i", "ic", "ean", "ine")
IRREGULAR_DEMONYMS = frozenset("french dutch swiss greek thai welsh irish scottish english filipino czech "
                               "slovak british".split())


@lru_cache(maxsize=None)
def _country_prefixes() -> frozenset[str]:
    return frozenset(key[:4] for key in country_names("en") if len(key) >= 4 and " " not in key)


@lru_cache(maxsize=4096)
def is_demonym(word: str) -> bool:
    """ "Korean", "Chinese", "Iraqi", "French": a people's adjective, not a country (nor a company)."""
    folded = fold(word)
    if folded in IRREGULAR_DEMONYMS:
        return True
    return len(folded) >= 5 and folded.endswith(DEMONYM_ENDINGS) and folded[:4] in _country_prefixes() \
        and folded not in country_names("en")


@lru_cache(maxsize=None)
def region_names() -> frozenset[str]:
    """Folded English CLDR names of every territory and region ("asia", "oceania", "kenya"): the
    places a name such as "Regional Office for Asia and the Pacific" is about."""
    return frozenset(fold(PARENTHESIS.sub("", name)) for name in Locale("en").territories.values())


@lru_cache(maxsize=None)
def country_display_name(alpha3: str) -> str:
    """The English CLDR name ("South Korea", "Russia"): the same for an id in every document."""
    country = pycountry.countries.get(alpha_3=alpha3)
    return Locale("en").territories.get(country.alpha_2) or country.name


@lru_cache(maxsize=None)
def country_formal_name(alpha3: str) -> str:
    """ "Republic of Korea", "Russian Federation": the form used in "Permanent Mission of …"."""
    country = pycountry.countries.get(alpha_3=alpha3)
    return _inverted(country.name)[0]


# ---------------------------------------------------------------- organisations

@dataclass(frozen=True, slots=True)
class KnownOrganisation:
    name: str  # canonical display name, also the identity key
    aliases: tuple[str, ...] = ()  # full names in any language, matched case-insensitively
    acronyms: tuple[str, ...] = ()  # matched case-sensitively


def _org(name: str, aliases: str = "", acronyms: str = "") -> KnownOrganisation:
    return KnownOrganisation(name, tuple(a.strip() for a in aliases.split("|") if a.strip()),
                             tuple(acronyms.split()))


KNOWN_ORGANISATIONS: tuple[KnownOrganisation, ...] = (
    # ITU family
    _org("International Telecommunication Union",
         "International Telecommunications Union|Union internationale des télécommunications|"
         "Unión Internacional de Telecomunicaciones|União Internacional de Telecomunicações|"
         "Internationale Fernmeldeunion|Unione internazionale delle telecomunicazioni|"
         "Международный союз электросвязи|国际电信联盟|国际电联|國際電信聯盟|국제전기통신연합|"
         "国際電気通信連合|الاتحاد الدولي للاتصالات", "ITU UIT МСЭ"),
    _org("ITU Radiocommunication Sector", "Radiocommunication Sector|ITU Radiocommunication Sector",
         "ITU-R UIT-R МСЭ-R"),
    _org("ITU Telecommunication Standardization Sector",
         "Telecommunication Standardization Sector|ITU Telecommunication Standardization Sector",
         "ITU-T UIT-T МСЭ-Т МСЭ-T"),
    _org("ITU Telecommunication Development Sector",
         "Telecommunication Development Sector|ITU Telecommunication Development Sector",
         "ITU-D UIT-D МСЭ-D"),
    _org("Telecommunication Standardization Bureau",
         "Telecommunication Standardisation Bureau|Bureau de la normalisation des télécommunications", "TSB"),
    _org("Radiocommunication Bureau", "Bureau des radiocommunications", "BR"),
    _org("Telecommunication Development Bureau",
         "Bureau de développement des télécommunications", "BDT"),
    _org("ITU Council", "Council of the International Telecommunication Union|ITU Council|Conseil de l'UIT"),
    _org("ITU General Secretariat", "General Secretariat|ITU General Secretariat"),
    _org("Radio Regulations Board", "", "RRB"),
    _org("International Telegraph and Telephone Consultative Committee", "", "CCITT"),
    _org("International Radio Consultative Committee", "", "CCIR"),
    # United Nations system
    _org("United Nations", "Organisation des Nations Unies|Nations Unies|Naciones Unidas|Nações Unidas|"
         "Vereinte Nationen|Организация Объединённых Наций|Организация Объединенных Наций|联合国|聯合國|"
         "유엔|국제연합|国際連合|国連|الأمم المتحدة", "UN U.N. ONU ООН"),
    _org("United Nations General Assembly", "UN General Assembly", "UNGA"),
    _org("United Nations Security Council", "UN Security Council|Security Council", "UNSC"),
    _org("United Nations Educational, Scientific and Cultural Organization", "", "UNESCO"),
    _org("United Nations Development Programme", "UN Development Programme", "UNDP"),
    _org("United Nations Children's Fund", "", "UNICEF"),
    _org("United Nations Conference on Trade and Development", "", "UNCTAD"),
    _org("United Nations Environment Programme", "", "UNEP"),
    _org("United Nations High Commissioner for Refugees", "UN Refugee Agency", "UNHCR"),
    _org("United Nations Industrial Development Organization", "", "UNIDO"),
    _org("United Nations Economic and Social Commission for Asia and the Pacific", "", "ESCAP UNESCAP"),
    _org("United Nations Economic Commission for Africa", "", "UNECA"),
    _org("United Nations Economic Commission for Europe", "", "UNECE"),
    _org("United Nations Department of Economic and Social Affairs", "", "UNDESA"),
    _org("Office of the United Nations High Commissioner for Human Rights", "", "OHCHR"),
    _org("World Health Organization", "World Health Organisation"),
    _org("World Trade Organization", "World Trade Organisation", "WTO"),
    _org("World Intellectual Property Organization", "", "WIPO"),
    _org("International Labour Organization", "International Labour Organisation", "ILO"),
    _org("Food and Agriculture Organization", "", "FAO"),
    _org("International Monetary Fund", "", "IMF"),
    _org("World Bank", "World Bank Group"),
    _org("Universal Postal Union", "", "UPU"),
    _org("World Meteorological Organization", "", "WMO"),
    _org("International Civil Aviation Organization", "", "ICAO"),
    _org("International Maritime Organization", "", "IMO"),
    _org("International Atomic Energy Agency", "", "IAEA"),
    # regional telecommunication organisations
    _org("Asia-Pacific Telecommunity", "Asia Pacific Telecommunity", "APT"),
    _org("Inter-American Telecommunication Commission", "Comisión Interamericana de Telecomunicaciones", "CITEL"),
    _org("African Telecommunications Union", "African Telecommunication Union|Union africaine des télécommunications", "ATU UAT"),
    _org("European Conference of Postal and Telecommunications Administrations", "", "CEPT"),
    _org("Regional Commonwealth in the Field of Communications",
         "Региональное содружество в области связи", "RCC РСС"),
    _org("Arab Spectrum Management Group", "", "ASMG"),
    _org("Caribbean Telecommunications Union", "", "CTU"),
    _org("Pacific Islands Telecommunications Association", "", "PITA"),
    _org("Commonwealth Telecommunications Organisation", "", "CTO"),
    _org("Body of European Regulators for Electronic Communications", "", "BEREC"),
    _org("GSM Association", "Global System for Mobile Communications Association", "GSMA"),
    _org("European Telecommunications Standards Institute", "", "ETSI"),
    _org("3rd Generation Partnership Project", "", "3GPP"),
    _org("Institute of Electrical and Electronics Engineers", "", "IEEE"),
    _org("Internet Engineering Task Force", "", "IETF"),
    _org("International Organization for Standardization", ""),
    _org("International Electrotechnical Commission", "", "IEC"),
    _org("Internet Corporation for Assigned Names and Numbers", "", "ICANN"),
    _org("World Wide Web Consortium", "", "W3C"),
    _org("Internet Society", "", "ISOC"),
    # intergovernmental organisations
    _org("European Union", "Union européenne|Unión Europea|União Europeia|Europäische Union|Европейский союз|"
         "欧盟|유럽연합", "EU"),
    _org("European Commission", "Commission européenne|Comisión Europea|Europäische Kommission"),
    _org("African Union", "Union africaine", "AU"),
    _org("Association of Southeast Asian Nations", "", "ASEAN"),
    _org("Asia-Pacific Economic Cooperation", "", "APEC"),
    _org("Organization of American States", "", "OAS"),
    _org("League of Arab States", "Arab League"),
    _org("Gulf Cooperation Council", "", "GCC"),
    _org("North Atlantic Treaty Organization", "", "NATO"),
    _org("Organisation for Economic Co-operation and Development",
         "Organization for Economic Cooperation and Development", "OECD"),
    _org("Organization for Security and Co-operation in Europe", "", "OSCE"),
    _org("Council of Europe"),
    _org("World Economic Forum", "", "WEF"),
    # ICT companies and research institutes
    _org("KT Corporation", "Korea Telecom", "KT"),
    _org("SK Telecom", "", "SKT"),
    _org("LG Uplus"),
    _org("Samsung Electronics", "Samsung"),
    _org("LG Electronics"),
    _org("Huawei", "Huawei Technologies"),
    _org("ZTE", "ZTE Corporation", "ZTE"),
    _org("China Mobile"),
    _org("China Telecom"),
    _org("China Unicom"),
    _org("Nippon Telegraph and Telephone", "NTT Docomo|Docomo", "NTT"),
    _org("KDDI", "", "KDDI"),
    _org("SoftBank"),
    _org("Ericsson"),
    _org("Nokia"),
    _org("Qualcomm"),
    _org("Intel"),
    _org("Cisco", "Cisco Systems"),
    _org("Google"),
    _org("Microsoft"),
    _org("IBM", "International Business Machines", "IBM"),
    _org("AT&T", "", "AT&T"),
    _org("Verizon"),
    _org("Deutsche Telekom"),
    _org("Vodafone"),
    _org("Telefónica", "Telefonica"),
    _org("Telstra"),
    _org("Singtel"),
    _org("Rostelecom", "Ростелеком"),
    _org("Electronics and Telecommunications Research Institute", "", "ETRI"),
    _org("Korea Advanced Institute of Science and Technology", "", "KAIST"),
    _org("Korea Information Society Development Institute", "", "KISDI"),
    _org("National Information Society Agency", "", "NIA"),
    _org("Telecommunications Technology Association", "", "TTA"),
    _org("China Academy of Information and Communications Technology", "", "CAICT"),
    _org("National Institute of Information and Communications Technology", "", "NICT"),
    _org("Massachusetts Institute of Technology", "", "MIT"),
)


@lru_cache(maxsize=None)
def known_organisation_table() -> tuple[dict[str, KnownOrganisation], dict[str, KnownOrganisation]]:
    """(folded full name -> organisation, exact acronym -> organisation)."""
    by_name: dict[str, KnownOrganisation] = {}
    by_acronym: dict[str, KnownOrganisation] = {}
    for org in KNOWN_ORGANISATIONS:
        for alias in (org.name, *org.aliases):
            by_name.setdefault(fold(alias), org)
            by_name.setdefault(fold(strip_accents(alias)), org)
        for acronym in org.acronyms:
            by_acronym.setdefault(acronym, org)
    return by_name, by_acronym


# ---------------------------------------------------------------- case-insensitive matching

@lru_cache(maxsize=2)  # the document being processed: keeps no old texts alive
def lowercase(text: str) -> str:
    """`text.lower()`, kept for the few steps that search one document in any case."""
    return text.lower()


@lru_cache(maxsize=None)
def _cased_characters() -> str:
    # Unicode has no cased character beyond U+1FFFF.
    return "".join(chr(i) for i in range(0x20000) if chr(i).lower() != chr(i) or chr(i).upper() != chr(i))


@lru_cache(maxsize=None)
def _lowercase_owners() -> dict[str, str]:
    """lower-case character -> the cased characters whose lower() it is."""
    owners: dict[str, str] = {}
    for char in _cased_characters():
        owners[char.lower()] = owners.get(char.lower(), "") + char
    return owners


@lru_cache(maxsize=None)
def _lowercase_mismatches_of(letter: str) -> frozenset[str]:
    matched = set(re.findall(re.escape(letter), _cased_characters(), re.IGNORECASE)) | {letter}
    lowered = set(_lowercase_owners().get(letter, "")) | ({letter} if letter.lower() == letter else set())
    return frozenset(matched ^ lowered)


def lowercase_mismatches(letters: set[str]) -> frozenset[str]:
    """The characters x for which "x.lower() equals a letter" and "re.IGNORECASE matches x to that
    letter" disagree, for these (lower-case) letters: "ı" matches "i" under IGNORECASE but
    lower-cases to itself. A capital sigma is one too: it lower-cases by its place in a word."""
    return frozenset({"\u03a3"}).union(*map(_lowercase_mismatches_of, letters))


def lowercase_agrees(text: str, lower: str, mismatches: Iterable[str]) -> bool:
    """Whether lower-case needles found in `lower` (lowercase(text)) are what re.IGNORECASE finds in
    `text`: `lower` keeps the text's offsets, and the text holds none of `mismatches` (the
    `lowercase_mismatches` of the needles' letters). Each is looked for with `in`: faster than a
    regex scan for any of them."""
    return len(lower) == len(text) and not any(c in text for c in mismatches)


# ---------------------------------------------------------------- phrase matcher

TRIE_ATOMS = {" ": r"\s+", "'": "['\u2019\u02bc]", "-": "[-\u2010\u2011]"}  # what a trie matches for these
# Characters that a trie matches both as themselves and for a plain "'" or "-": a phrase holding
# one could be matched along two branches of a trie.
TRIE_VARIANT_CHARACTERS = frozenset("\u2019\u02bc\u2010\u2011")


def trie_pattern(phrases: list[str], after_first: str = "") -> str:
    """One regex alternation shaped as a character trie: matched in C, longest first.

    `after_first` is put after each first character: a left-boundary lookbehind there (rather than
    before the pattern) keeps the pattern starting with literals, which the regex engine skips to
    in C instead of trying every position."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}

    def atom(char: str) -> str:
        return TRIE_ATOMS.get(char) or re.escape(char)

    def emit(node: dict, first: bool) -> str:
        ends = "" in node
        branches = []
        for char in sorted(k for k in node if k):
            child = node[char]
            atoms = [atom(char), after_first if first else ""]
            while len(child) == 1 and "" not in child:  # a run of single letters: no group, no recursion
                (char, child), = child.items()
                atoms.append(atom(char))
            branches.append("".join(atoms) + emit(child, False))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{body})?"
        return body

    return emit(trie, True)


def word_starts_pattern(words: list[str], not_after: str) -> re.Pattern:
    """Matches the first character of any of `words` where it is not preceded by `not_after` (one
    character class): a fast way to list every place one of the words begins, nested ones
    included, since each match is one character long and the pattern starts with literals."""
    rests: dict[str, set[str]] = {}
    for word in words:
        rests.setdefault(word[0], set()).add(word[1:])
    branches = [re.escape(first) + f"(?<!{not_after}.)" + ("" if "" in ends else f"(?={trie_pattern(sorted(ends))})")
                for first, ends in sorted(rests.items())]
    return re.compile("|".join(branches))


@lru_cache(maxsize=None)
def _lexicon_phrases(language: str) -> frozenset[str]:
    """The names the matcher for `language` finds in any case, case-folded and folded: countries
    (English and `language`) and known organisations."""
    surfaces = [n for n, _ in country_entries(language) if not is_acronym(n)]
    surfaces += [a for org in KNOWN_ORGANISATIONS for a in (org.name, *org.aliases)]
    phrases = {WHITESPACE.sub(" ", form(s)).strip() for s in surfaces for form in (str.casefold, fold)}
    return frozenset(p for p in phrases if p)


@lru_cache(maxsize=None)
def _spaced_groups(phrases: frozenset[str]) -> tuple[frozenset[str], ...]:
    """The phrases in groups that each become one pattern: those of the English matcher, which every
    matcher has (one pattern built once: building is most of the cost of a matcher), then the
    others. `leftmost_longest` finds in two tries what one trie of all the phrases finds as long as
    no character of a text can lead a trie down two branches, in any case: else the phrases stay
    one group."""
    shared = phrases & _lexicon_phrases("en")
    letters = {c for p in phrases for c in p}
    one_branch = not (letters & TRIE_VARIANT_CHARACTERS or letters & lowercase_mismatches(letters)
                      or any(c.lower() != c for c in letters))
    return (shared, phrases - shared) if shared and shared != phrases and one_branch else (phrases,)


@lru_cache(maxsize=None)
def _spaced_source(phrases: frozenset[str]) -> str:
    return rf"(?<![\w.])(?:{trie_pattern(sorted(phrases))}){RIGHT_BOUNDARY}"


@lru_cache(maxsize=None)
def _compiled(source: str, flags: int = 0) -> re.Pattern:
    """`re.compile`, kept for good: the matchers of several languages share patterns (re's own
    cache is small, and a trie of names is slow to compile)."""
    return re.compile(source, flags)


def leftmost_longest(tries: tuple[re.Pattern, ...], text: str) -> Iterator[tuple[int, int]]:
    """The spans that `finditer` of one phrase trie holding the phrases of all `tries` finds: at
    each step the leftmost match of any trie, the longest of those that start there (a trie
    matches its longest phrase at a place). A trie is searched again once the text passes its match."""
    if len(tries) == 1:
        yield from (m.span() for m in tries[0].finditer(text))
        return
    found = [trie.search(text) for trie in tries]
    while any(found):
        first = min((m for m in found if m is not None), key=lambda m: (m.start(), -m.end()))
        yield first.span()
        end = first.end()
        found = [trie.search(text, end) if m is not None and m.start() < end else m for trie, m in zip(tries, found)]


@dataclass(slots=True)  # not frozen: one per name in a text, and a frozen one is three times slower to build
class LexiconHit:
    start: int
    end: int
    kind: str  # country or organization
    key: str  # alpha-3 for countries, canonical name for organisations


class PhraseMatcher:
    """Finds every lexicon phrase in a text (countries + known organisations for one language)."""

    def __init__(self, language: str):
        self.countries = country_names(language)
        self.org_names, self.org_acronyms = known_organisation_table()
        self.country_acronyms = {n: a3 for n, a3 in country_entries(language) if is_acronym(n)}
        phrases = _lexicon_phrases(language)
        spaced = frozenset(p for p in phrases if not UNSPACED_SCRIPT.search(p))
        unspaced = sorted(p for p in phrases if UNSPACED_SCRIPT.search(p))
        acronyms = sorted({a.translate(APOSTROPHES) for a in self.org_acronyms} | set(self.country_acronyms))
        # "Korea-led", "MSIT-ITU" hold a name; "ITU-T" (hyphen + one letter) is another name.
        # Names are matched in any case, on the lower-cased text (twice as fast as IGNORECASE) where
        # it has none of the few characters on which the two disagree.
        self.spaced_groups = _spaced_groups(spaced)
        self.spaced_in_lowercase = tuple(_compiled(_spaced_source(group)) for group in self.spaced_groups)
        self.lowercase_mismatches = "".join(sorted(lowercase_mismatches({c for p in spaced for c in p})))
        self.acronym = _compiled(trie_pattern(acronyms, after_first=NOT_AFTER_WORD_OR_PERIOD) + RIGHT_BOUNDARY)
        hangul = sorted(p for p in unspaced if HANGUL_TEXT.search(p))
        other = sorted(p for p in unspaced if not HANGUL_TEXT.search(p))
        self.hangul = (_compiled(rf"(?<![{HANGUL}])(?:{trie_pattern(hangul)}){KOREAN_PARTICLE_LOOKAHEAD}")
                       if hangul else None)
        self.unspaced = _compiled(trie_pattern(other)) if other else None
        # Arabic writes "and", "in", "to" … joined to the next word ("والأردن", "للاتحاد"): names
        # after such a proclitic are matched separately, keyed on the name without it.
        arabic = {p for p in spaced if ARABIC_TEXT.match(p)}
        self.arabic_clitic_forms = {"ل" + p[1:]: p for p in arabic if p.startswith("ال")}
        self.arabic = _compiled(rf"(?<![\w.])(?:{ARABIC_PROCLITICS})(?P<name>"
                                rf"{trie_pattern(sorted(arabic | set(self.arabic_clitic_forms)))}){RIGHT_BOUNDARY}"
                                ) if arabic else None

    @cached_property
    def spaced(self) -> tuple[re.Pattern, ...]:
        return tuple(_compiled(_spaced_source(group), re.IGNORECASE) for group in self.spaced_groups)

    def searchable_in_lowercase(self, text: str, lower: str) -> bool:
        """Whether `spaced_in_lowercase` finds in `lower` (text.lower()) what `spaced` finds in `text`."""
        return lowercase_agrees(text, lower, self.lowercase_mismatches)

    def find(self, text: str) -> list[LexiconHit]:
        hits: list[LexiconHit] = []
        lower = lowercase(text)
        if self.searchable_in_lowercase(text, lower):
            spaced = leftmost_longest(self.spaced_in_lowercase, lower)
        else:
            spaced = leftmost_longest(self.spaced, text)
        for start, end in spaced:
            surface = text[start:end]
            if not (surface[0].isupper() or surface[0].isdigit() or surface[0].upper() == surface[0].lower()):
                continue  # "china" (porcelain), "korea" in an address: names are capitalised
            self._add(hits, start, end, fold(surface))
        for m in self.acronym.finditer(text):
            surface = m.group().translate(APOSTROPHES)
            org = self.org_acronyms.get(surface)
            if org:
                hits.append(LexiconHit(m.start(), m.end(), "organization", org.name))
            elif surface in self.country_acronyms:
                hits.append(LexiconHit(m.start(), m.end(), "country", self.country_acronyms[surface]))
        for m in self.arabic.finditer(text) if self.arabic is not None and has_other_script(text) and ARABIC_TEXT.search(text) else ():
            name = m.group("name")
            if m.start("name") > m.start() or name in self.arabic_clitic_forms:  # bare names were found above
                self._add(hits, m.start("name"), m.end(), fold(self.arabic_clitic_forms.get(name, name)))
        for pattern in (self.hangul, self.unspaced) if has_other_script(text) and UNSPACED_SCRIPT.search(text) else ():
            if pattern is not None:
                for m in pattern.finditer(text):
                    self._add(hits, m.start(), m.end(), fold(m.group()))
        return hits

    def _add(self, hits: list[LexiconHit], start: int, end: int, key: str) -> None:
        org = self.org_names.get(key)
        if org is not None:
            hits.append(LexiconHit(start, end, "organization", org.name))
        elif key in self.countries:
            hits.append(LexiconHit(start, end, "country", self.countries[key]))


def phrase_matcher(language: str) -> PhraseMatcher:
    """The matcher for `language`; languages without names of their own share the English one
    (built once, not once per such language)."""
    return _phrase_matcher(language if language in COUNTRY_LANGUAGES else "en")


@lru_cache(maxsize=None)
def _phrase_matcher(language: str) -> PhraseMatcher:
    return PhraseMatcher(language)
