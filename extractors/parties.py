"""Named parties: persons, organisations and countries, with roles, mentions and stable ids.

Rule-based, cheapest first: a lexicon pass (countries from pycountry/CLDR, known organisations),
acronym definitions ("Full Name (ACR)", "ACR (Full Name)"), organisation head-word patterns
("Ministry of …", "… University", "… Commission"), then persons from titles, roles and name
shape. Overlaps are resolved longest-first; every mention of a party in the document is
collected, and the `party_id` is a hash of the canonical identity alone, so the same party has
the same id in every document and every run.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from hashlib import sha1
from operator import itemgetter

from extractors.model import Party, PartyMention
from extractors.party_lexicon import (APOSTROPHES, CYRILLIC_LETTERS, HANGUL, HANGUL_TEXT, WHITESPACE, KnownOrganisation,
                                      country_display_name, country_formal_name, country_names, fold, has_other_script,
                                      is_demonym, region_names, known_organisation_table, lowercase, lowercase_agrees,
                                      lowercase_mismatches, phrase_matcher, trie_pattern, word_starts_pattern)
from extractors.party_names import (NAME_PARTICLES, PARTICLE_SURNAME, is_east_asian_surname, is_given_name,
                                    is_romanised_given_name,
                                    looks_east_asian, person_display_name, person_key, stable_id, surname_of)

MAX_TEXT = 2_000_000  # longer bodies are cut: the step must stay fast whatever it is given


def _letter_class(predicate) -> str:
    ranges, start, prev = [], None, None
    for code in list(range(0x41, 0x250)) + list(range(0x370, 0x530)) + list(range(0x1E00, 0x1F00)):
        if predicate(chr(code)) and chr(code).isalpha():
            if start is None:
                start = code
            elif code != prev + 1:
                ranges.append((start, prev))
                start = code
            prev = code
        elif start is not None:
            ranges.append((start, prev))
            start = None
    if start is not None:
        ranges.append((start, prev))
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


UP = _letter_class(str.isupper)
LO = _letter_class(str.islower)
# the letters UP matches, and the hyphen: what an inverted all-caps surname is made of
CAPITALS_AND_HYPHEN = frozenset(re.findall(f"[{UP}]", "".join(map(chr, range(0x2000))))) | {"-"}
SPACE_OR_TAB = frozenset(" \t")
SP = r"[ \t\u00a0]+"

# ---------------------------------------------------------------- vocabulary

ROLE_WORDS = (
    "secretary-general|secretary general|deputy secretary-general|director-general|director general|"
    "under-secretary-general|minister|ministre|ministro|ministra|ministerin|bundesminister|министр|"
    "secretary|secrétaire général|secrétaire générale|secretario general|secretária-geral|secretário-geral|"
    "generalsekretär|генеральный секретарь|director|directeur|directrice|diretor|diretora|directora|direktor|"
    "директор|president|président|présidente|presidente|presidenta|präsident|präsidentin|президент|"
    "vice-president|vice president|chairman|chairwoman|chairperson|chair|vice-chair|vice-chairman|"
    "председатель|ambassador|ambassadeur|ambassadrice|embajador|embaixador|botschafter|посол|mayor|maire|"
    "alcalde|prefeito|bürgermeister|мэр|governor|губернатор|premier|prime minister|premier ministre|"
    "chancellor|kanzler|kanzlerin|king|queen|prince|princess|emir|sheikh|sultan|senator|congressman|"
    "congresswoman|commissioner|bundeskanzler|bundeskanzlerin|bundespräsident|bundespräsidentin|"
    "ministerpräsident|ministerpräsidentin|spokesperson|spokesman|spokeswoman|porte-parole|portavoz|sprecher|"
    "chief executive officer|chief executive|ceo|cfo|cto|coo|founder|co-founder|head|professor|dean|rector|"
    "judge|general|colonel|lieutenant|captain|admiral|commander|envoy|special envoy|representative|"
    "permanent representative|counsellor|counselor|councillor|councilor|conseiller|conseillère|consejero|consejera|"
    "conselheiro|conselheira|consul|administrator|coordinator|manager|rapporteur|"
    "pope|bishop|chief|officer|leader|deputy|vice minister|deputy minister|foreign minister|"
    "foreign secretary|candidate|assistant|special assistant|adviser|advisor|aide|analyst|economist|"
    "researcher|author|writer|journalist|correspondent|lawyer|attorney|activist|historian|scientist|"
    "coach|actor|actress|singer|artist|player|striker|inventor|entrepreneur|investor|министр|"
    "заместитель министра|глава|председатель правительства|губернатор|мэр|посол|директор|президента|"
    "министра|премьер-министр"
)
ROLE_MODIFIER_WORDS = ("vice deputy assistant acting executive senior chief prime foreign first special associate "
                       "principal regional managing interim permanent former then").split()
# Tries, not plain alternations: the regex engine tries a case-insensitive alternation one word after another.
ROLE_MODIFIERS = rf"(?:{trie_pattern(sorted(ROLE_MODIFIER_WORDS))}|vice-|under-)"
ROLE = rf"(?:{ROLE_MODIFIERS}[ -]+)*(?:{trie_pattern(sorted(set(ROLE_WORDS.split('|'))))})"
HONORIFIC = (r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Lord|Lady|Madam|Madame|Mme|Mlle|Monsieur|"
             r"Señor|Señora|Sr|Sra|Srta|Dra|Doña|Herr|Frau|Hon|Honourable|Rev|H\.\s?E|S\.\s?E|"
             r"His Excellency|Her Excellency|г-н|г-жа|господин|госпожа)")
TRAILING_HONORIFIC = re.compile(rf",?\s*\b{HONORIFIC}\.?\s*$")
FORMER_PREFIX = re.compile(r"^(?:former|then)\s+", re.IGNORECASE)
NEXT_WORD = re.compile(r" ([\w'’-]+)")
HONORIFIC_WORDS = frozenset(fold(w) for w in (
    "Mr Mrs Ms Miss Mx Dr Prof Professor Sir Dame Lord Lady Madam Madame Mme Mlle Monsieur Señor Señora "
    "Sr Sra Srta Dra Doña Herr Frau Hon Honourable Rev HE His Her Excellency").split())
ROLE_TOKENS = frozenset(fold(w) for w in re.split(r"[| -]", ROLE_WORDS) if w) | frozenset(ROLE_MODIFIER_WORDS)
# Words that mark an organisation when they end (or head) a capitalised name.
ORG_HEADS = frozenset("""
Union Commission Association Agency Authority Bureau Council Committee Institute University College
Academy Corporation Company Telecommunity Airlines Airways Motors Technologies Bank Fund
Foundation Federation Organization Organisation Secretariat Office Department Ministry Administration Corps
Service Services Centre Center Society Alliance Consortium Board Court Parliament Government Commonwealth
Hospital Hospitals Navy
Mission Embassy Command Inc Ltd LLC PLC plc GmbH AG Corp Co Limited Holdings Group Telecom Laboratories
Labs Army Police Forces Front Brigade Brigades Movement Party Network Universidad Université Universität
Universidade Instituto Institut Agence Agencia Ministère Ministerio Ministério Ministero Bundesministerium
Banque Banco Comisión Commissione Comissão Conseil Consejo Conselho Comité Comite Autorité Autoridad
""".split())
COMPANY_HEADS = frozenset("Inc Ltd LLC PLC plc GmbH AG Corp Co Limited Holdings Group Telecom Airlines Airways "
                          "Motors Technologies Corporation Company Corps".split())
FOLDED_HEADS = frozenset(w.casefold() for w in ORG_HEADS)
# Heads that need a qualifier: "Shenzhen Municipal People's Government", not "Government of Korea".
QUALIFIED_HEADS = {"Government": frozenset("municipal provincial metropolitan city people's regional local "
                                           "county prefectural".split())}
# Heads that start a name and take "of/for …" after them.
LEADING_HEADS = frozenset("""Ministry Department University Institute Bank Council Commission Organization
Organisation Association Office Federation Union Academy Secretariat Mission Embassy Agency Authority Board
Court College League Society Centre Center Committee Ministère Ministerio Ministério Ministero Universidad
Université Universidade Instituto Institut Bundesministerium Banque Banco Conseil Consejo Agence Agencia""".split())
EVENT_WORDS = frozenset(fold(w) for w in """
Conference Summit Seminar Forum Symposium Workshop Meeting Meetings Congress Expo Exhibition Festival Games
Olympics Week Day Roundtable Ceremony Session Assembly Declaration Resolution Resolutions Treaty Convention
Agreement Accord Protocol Charter Programme Program Plan Agenda Goals Initiative Strategy Act Law Award
Awards Prize Report Recommendation Recommendations Project Campaign Cup Championship Regulations
Constitution Platform Dialogue Talks Election Elections War Crisis Accords Statement Communique Memorandum
Conférence Sommet Séminaire Conferencia Cumbre Konferenz Gipfel Конференция Саммит Форум
""".split())
GENERIC_ORG_WORDS = frozenset(fold(w) for w in """
Study Focus Working Expert Advisory Joint Regional National International General Executive Central
Special Permanent Standing Steering Technical High-Level World Global Public Private The Our Its Their
This That Federal State Local Municipal Security Member New Trusted
""".split())
CONNECTORS = frozenset("of for and & on in the to de du des d' l' la le el del y e et da do das dos für und der "
                       "die di della".split())
# Capitalised words that never begin a name (sentence-initial function words and the like).
LEFT_STOP = frozenset(fold(w) for w in """
The A An This That These Those Its His Her Their Our My Your In At On By For With From To And But Or As
Of If When While After Before During Since Under Over Between Both Each Every All Some Many Several
Other Another Such Also According Dear Yours Mr Mrs Ms Dr Prof Minister President Director Chairman
Secretary-General Ambassador Vice Deputy Former Le La Les Un Une Des Du El Los Las Der Die Das Ein Eine
Later Earlier Meanwhile However Moreover Furthermore Nevertheless Then Now Today Yesterday Tomorrow Thus Instead
Finally Afterwards Thereafter Here There Yet Hence Indeed Likewise Similarly Accordingly Eventually Currently
""".split())
MONTHS_AND_DAYS = frozenset(fold(w) for w in """
January February March April May June July August September October November December Jan Feb Mar Apr
Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday Saturday Sunday
""".split())
NON_NAME_WORDS = frozenset(fold(w) for w in """
Internet Digital Global International National Government Republic Kingdom State States Federation
Technology Technologies Information Communication Communications Telecommunication Telecommunications
Development Science Sciences Engineering Research Network Networks Policy Strategy Planning Future Smart
Sustainable Innovation Economy Economic Social Human Rights Trade Industry Industrial Energy Health
Education Security Defense Defence Affairs Foreign Justice Finance Culture Sports Tourism Transport
Agriculture Environment Labour Labor Welfare Interior Home Office Press Release News Media Daily Times Post
Herald Journal Tribune Online Photo Photos Video PDF Copyright Reserved Rights Click Share Print Email
Home Menu Search Contact Login Page Chapter Section Annex Appendix Article Table Figure Note Group Team
Staff Writer Reporter Editor Source Update Updated Breaking Latest Top Story Stories Read More Next
Previous Back Related Tags Tag Yes No Not Thank Thanks Welcome Please Dear Sincerely Regards Best
Year Years Month Century Street Road Avenue Square Hall Tower Building Center Centre Park Hotel River
Mountain Island Islands Sea Ocean Bay Lake City Province County District Region North South East West
Northern Southern Eastern Western Central Upper Lower Greater Old New Big Small Grand Royal First Second
Third Last Next Good Great High Low Open Free Public Private Total General Special Official Annual Final
Premium Quality Gender Equality Big Data Cloud Computing Artificial Intelligence Mobile Wireless Broadband
Satellite Spectrum Radio Television Telecom Generation Vision Mission Goal Goals Trust Trusted Platform
Partnership Partnerships Cooperation Collaboration Strategies Journey Journeys Life Normal Force Forces
House Reserve Index Exchange Market Markets Stock Stocks Computer Computers Motor Motors Airlines Airways Air
Airport Station Bridge Capitol Palace Hospital School Church Museum Library Stadium Composite Average
""".split())
# Street words before or after a name make it an address ("Ulica Roberta Frangeša Mihanovića 9",
# "Lal Nehru Marg"), as does a house number after it.
STREET_WORDS = ("street|st|road|rd|avenue|ave|boulevard|blvd|lane|drive|way|square|place|marg|path|nagar|"
                "ulica|ul|cesta|trg|obala|rue|av|calle|c|avenida|paseo|plaza|via|viale|piazza|corso|rua|praça|"
                "largo|straße|strasse|str|platz|weg|gasse|allee|ulitsa|улица|ул|проспект|переулок")
# A street word, then capitalised words up to the name ("Ulica Ivana …", "Calle ").
# As a trie: a case-insensitive alternation of so many words is slow to try at every word.
STREET_WORD = trie_pattern(sorted(set(STREET_WORDS.split("|"))))
STREET_BEFORE = re.compile(rf"(?i:\b(?:{STREET_WORD}))\.?[ \t]+(?:[A-ZÀ-Þ][\w.-]*[ \t]+)*$")
STREET_OR_NUMBER_AFTER = re.compile(rf"[ \t]+(?:(?i:(?:{STREET_WORD}))\b|\d{{1,4}}[a-zA-Z]?(?=[ \t]*(?:,|\n|$)))")
PRONOUN_LIKE = frozenset("he she it we i you they me us him her in on an so do ha as at to by or no".split())
SPEECH_VERB_AFTER = re.compile(r"^[ \t]*(?:,[^,\n]{0,60},[ \t]*)?(?:said|says|told|added|stressed|remarked)\b")
LOWERCASE_ONLY = re.compile(r"[a-z]{3,}")
STREET_NAME_WORDS = frozenset(  # street words that are no one's name: a name holding one is an address
    "street road avenue boulevard marg nagar ulica cesta calle avenida rua straße strasse platz piazza viale "
    "улица проспект".split())
STREET_WINDOW = 60  # characters before a name searched for a street word: keeps the check cheap
SPEECH_VERB_BEFORE = re.compile(r"(?:said|says|told|added|according to)[ \t]+$")

# ---------------------------------------------------------------- compiled patterns

NAME_WORD = (rf"(?:(?:{'|'.join(NAME_PARTICLES)})-[{UP}][{LO}]+|[{UP}](?:['’][{UP}])?[{LO}'’]*[{LO}](?:[{UP}][{LO}]+)?"
             rf"(?:-[{UP}{LO}][{LO}]+)*|[{UP}]{{2,}}(?:-[{UP}]{{2,}})*|[{UP}]\.)")
PARTICLE = r"(?:van|von|der|den|de|da|di|du|dos|das|del|la|le|bin|ibn|al|el|ter)"
NAME_RUN = re.compile(rf"(?<![\w'’.-]){NAME_WORD}(?:{SP}(?:{PARTICLE}{SP})?{NAME_WORD})+(?![\w'’-])")
# The NAME_RUNs that start with a capital: the same pattern with the first capital first, so that
# the engine skips to capitals in C. The others start "al-", "bin-" …: two or three letters
# before "-Capital" (NAME_RUN_HYPHEN). A lookahead first checks in one fast repeat that the first
# word (made of [\w'’.-]) is followed by spaces and a capital or a particle, as most capitals are not.
NAME_RUN_FROM_CAPITAL = re.compile(
    rf"[{UP}](?<![\w'’.-].)(?=[\w'’.-]*{SP}(?:[{UP}]|{PARTICLE}{SP}|(?:{'|'.join(NAME_PARTICLES)})-))"
    rf"(?:(?:['’][{UP}])?[{LO}'’]*[{LO}](?:[{UP}][{LO}]+)?(?:-[{UP}{LO}][{LO}]+)*"
    rf"|[{UP}]+(?:-[{UP}]{{2,}})*|\.)(?:{SP}(?:{PARTICLE}{SP})?{NAME_WORD})+(?![\w'’-])")
NAME_RUN_HYPHEN = re.compile(rf"-(?=[{UP}])")
CORPORATE_ROLE_ACRONYMS = ("CEO", "CFO", "COO")  # in capitals only
CORPORATE_ROLE_WORDS = ("chief executive", "chairman", "chairwoman", "spokesman", "spokeswoman", "spokesperson",
                        "co-founder", "founder")  # in any case
# Not "president": "Republican President" names no organisation.
CORPORATE_ROLE = re.compile(
    rf"(?<![\w'’.-])(?P<org>(?:[{UP}][\w&'’.-]*{SP}){{0,2}}[{UP}][\w&'’-]*)(?:['’]s)?{SP}"
    rf"(?:{'|'.join(CORPORATE_ROLE_ACRONYMS)}|(?i:{'|'.join(CORPORATE_ROLE_WORDS)}))(?![\w-])")
CYRILLIC_TEXT = re.compile(f"[{CYRILLIC_LETTERS}]")
CJK_TEXT = re.compile(r"[\u4e00-\u9fff\uac00-\ud7a3]")
NAME_TOKEN = re.compile(rf"{NAME_WORD}|{PARTICLE}")


def _role_object(list_commas: bool) -> str:
    """A role's object: "of Science, ICT and Future Planning", "de l'Économie", "for the Middle East".
    Commas may continue a list inside it only before a name; after a name a comma ends the role."""
    comma = ",?" if list_commas else ""
    return (rf"(?:{SP}(?i:of|for|to|de|du|des|del|da|do|dos|das|für|der){SP}(?:(?i:the|la|le|les|el){SP}|[lL]['’])?"
            rf"[{UP}][\w'’&-]*(?:{comma}{SP}(?:(?i:and|of|for|the|&|et|y|e|und|de|du|des|la){SP}){{0,2}}"
            rf"[{UP}][\w'’&-]*)*)?")


# The letters a role can end with ("minister", "general" of "secretary-general"): a text whose last
# word ends otherwise (and is not capitalised, as a role's object is) cannot end with a role.
TRAILING_ASCII_LETTERS = re.compile(r"[a-z]+$")
ROLE_FINAL_LETTERS = frozenset(m.group() for w in ROLE_WORDS.split("|") if (m := TRAILING_ASCII_LETTERS.search(w)))
LEADING_ELISION_CAPITAL = re.compile(r"[lL]'[A-Z]")  # "l'Economie"
# A role starts with a letter: `(?=\w)` turns the other word boundaries (word ends) away before the
# role's many alternatives are tried there.
ROLE_BEFORE = re.compile(rf"\b(?=\w)(?P<role>(?i:{ROLE}){_role_object(True)})[ \t]*:?[ \t]*$")
# Characters no ROLE_BEFORE match holds: as a match runs to the end of the text, it starts after
# the last of them.
NOT_IN_ROLE = '.;!?()[]/"“”'
HONORIFIC_BEFORE = re.compile(rf"\b{HONORIFIC}\.?(?:{SP}{HONORIFIC}\.?)*{SP}$|\b{HONORIFIC}\.[ \t]*$")
LONGEST_HONORIFIC = len("His Excellency.")  # with its period
ROLE_AFTER = re.compile(
    rf"^(?:[ \t]*,[ \t]*|[ \t]*\n[ \t]*|[ \t]*\([ \t]*|[ \t]+-[ \t]+)(?:(?i:the|a|an|former){SP})?"
    rf"(?P<role>(?i:{ROLE}){_role_object(False)})(?![\w-])")
TITLE_HONORIFICS = "Mr Mrs Ms Miss Dr Prof Professor Sir Dame Lord Lady Madam Mme Mlle Herr Frau Sr Sra Señor Señora".split()
TITLE_ROLE_MODIFIERS = "Vice Deputy Prime Foreign Acting Chief".split()
TITLE_ROLES = ("President Minister Secretary Senator Governor Chancellor Ambassador Mayor Chairman Chairwoman Judge "
               "Justice General Premier Secretary-General Director-General Commissioner Professor King Queen Pope "
               "Ministre Ministro Presidente Président Präsident Bundeskanzlerin Bundeskanzler").split()
TITLED_SURNAME = re.compile(
    rf"(?:\b(?:{'|'.join(TITLE_HONORIFICS)})\.?"
    rf"|\b(?P<role>(?:(?:{'|'.join(TITLE_ROLE_MODIFIERS)})[ -])?(?:{'|'.join(TITLE_ROLES)})))"
    rf"{SP}(?P<name>[{UP}](?:['’][{UP}])?[{LO}]+(?:-[{UP}][{LO}]+)?)(?![\w-]|['’](?!s\b)|{SP}[{UP}])")
TITLE_STARTS = word_starts_pattern(TITLE_HONORIFICS + TITLE_ROLE_MODIFIERS + TITLE_ROLES, r"\w")
# "DR. LEE, CHAESUB": a letterhead name, surname first, after a title (checked separately: fast).
# Here and below, a left-boundary lookbehind right after the first character (not before the
# pattern) lets the regex engine skip in C to the letters where a match can start.
INVERTED_CAPS_NAME = re.compile(
    rf"(?P<surname>[{UP}](?<![\w-].)[{UP}]+(?:-[{UP}]{{2,}})?),{SP}(?P<given>[{UP}]{{2,}}(?:-[{UP}]{{2,}})?)(?![\w-])")
INVERTED_CAPS_COMMA = re.compile(rf",(?<=[{UP}],)(?={SP}[{UP}]{{2}})")
HONORIFIC_BEFORE_ANY_CASE = re.compile(HONORIFIC_BEFORE.pattern, re.IGNORECASE)
ACRONYM = r"[A-Z][A-Za-z0-9&]*(?:-[A-Za-z0-9]+)?"
ACRONYM_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789&-")
ACRONYM_IN_PARENS = re.compile(rf"\((?P<acr>{ACRONYM})[ \t]*(?=[,;)])")
ACRONYM_BEFORE_PARENS = re.compile(
    r"(?P<acr>[A-Z](?<![\w-].)[A-Za-z0-9&]*(?:-[A-Za-z0-9]+)?)[ \t]*\((?P<full>[^()\n]{5,150})\)")
LEGAL_SUFFIXES = frozenset("inc incorporated corp corporation co company llc ltd limited plc ag gmbh sa s.a nv n.v "
                           "holdings".split())
OF_PHRASE = re.compile(r"^(?:the\s+)?(?P<body>.+?)\s+of\s+(?:the\s+)?(?P<owner>.+)$", re.IGNORECASE)
POSSESSIVE = re.compile(r"['’]s$")
POSSESSIVE_ENDINGS = ("'s", "’s")
# A plural possessive ("Regulators' Association") keeps its apostrophe: it is inside the name.
# A word is `\w(?:[\w&-]|['’](?!s\b)(?=\w)|\.(?=\w))*`, unrolled so that its runs of plain
# characters are one fast repeat.
ORG_TOKEN = re.compile(r"[dlDL]['’](?=\w)|\w[\w&-]*(?:(?:['’](?!s\b)(?=\w)|\.(?=\w))[\w&-]*)*"
                       r"(?:['’]s\b|(?<=s)['’](?![\w'’]))?|,|\S")
STUDY_GROUP = re.compile(r"(?P<sector>I(?<!\w.)TU-[TRD]|U(?<!\w.)IT-[TRD]|C(?<!\w.)CI(?:TT|R))"
                         r"[ \t]+(?:SG[ \t]?|Study[ \t]+Group[ \t]+)(?P<num>\d{1,2})\b")
JOINT_COORDINATION = re.compile(r"[A-Z](?<![\w-].)[A-Za-z0-9]+-JCA\b")
ASCII_LETTERS_AND_DIGITS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
CYRILLIC_MINISTRY = re.compile(r"(?<!\w)(?:Министерство|министерство|Федеральное агентство|Федеральная служба)"
                               r"(?:[ \t]+(?:и[ \t]+)?[а-яё]+,?){1,7}")
KOREAN_ORG = re.compile(rf"(?<![{HANGUL}])[{HANGUL}]{{2,12}}(?:부|위원회|연구원|진흥원|대학교|협회|재단)(?=[은는이가을를의에와과도로만]|[^{HANGUL}]|$)")
KOREAN_NOT_ORG = re.compile(r"(?:정부|전부|일부|내부|외부|본부|간부|세부|대부|부부|학부|북부|남부|동부|서부|중부|지도부|수뇌부|집행부|상부|하부|"
                            r"여부|주부|복부|흉부|두부|안부|가부|거부|기부|공부|농부|어부|신부|회부|조부|교부|배부)")
KOREAN_PERSON = re.compile(
    rf"(?<![{HANGUL}])(?P<name>[{HANGUL}]{{2,3}})[ \t]?(?P<role>장관|차관|사무총장|사무차장|대통령|총리|국장|원장|위원장|대표|의원|"
    rf"대사|시장|회장|사장|교수|박사|처장|청장|본부장|씨)(?![{HANGUL}]{{2}})")
KOREAN_PERSON_AFTER_ROLE = re.compile(
    rf"(?<![{HANGUL}])(?P<role>장관|차관|사무총장|대통령|총리|원장|위원장|대표|대사|시장|회장|사장|교수|박사)[ \t]+"
    rf"(?P<name>[{HANGUL}]{{2,3}})(?=[)\s,은는이가을를의에와과도]|$)")
KOREAN_SURNAMES = frozenset("김이박최정강조윤장임한오서신권황안송류유홍전고문양손배백허남심노하곽성차주우구민진지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉")
CHINESE_ROLES = "副部长|部长|主席|总统|总理|副秘书长|秘书长|市长|局长|司长|大使|院长|董事长|总经理"
CHINESE_SURNAME_CHARS = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任"
                         "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤习")
CHINESE_PERSON = re.compile(
    rf"(?P<role_before>{CHINESE_ROLES})(?P<name>[{CHINESE_SURNAME_CHARS}][\u4e00-\u9fff]{{1,2}})|"
    rf"(?P<name2>[{CHINESE_SURNAME_CHARS}][\u4e00-\u9fff]{{1,2}})(?P<role_after>{CHINESE_ROLES}|先生|女士)")


@dataclass(slots=True)  # not frozen: built by the hundred thousand, and a frozen one is three times slower to build
class Span:
    """One candidate mention: where it is and which party it names."""

    start: int
    end: int
    kind: str
    key: str
    priority: int  # breaks ties between overlapping spans of equal length
    role: str | None = None


# ---------------------------------------------------------------- literal search

# Zero-width boundary checks, used as `.match(text, position)`: a name, acronym or company found
# with str.find (no regex compiled per name: compiling costs more than the search) must stand alone.
NOT_AFTER_WORD = re.compile(r"(?<![\w-])")
NOT_AFTER_NAME = re.compile(r"(?<![\w'’-])")
NOT_BEFORE_WORD = re.compile(r"(?![\w-])")
NOT_BEFORE_ACRONYM_END = re.compile(r"(?![\w]|-\w)")
NOT_BEFORE_NAME_END = re.compile(r"(?![\w-]|['’]\w\w)")
SPACES_OR_TABS = re.compile(r"[ \t]*")
# Characters IGNORECASE equates with an ASCII letter although str.lower() does not (or changes length):
# lowercase_mismatches() of the ASCII letters, less the capital sigma (a test checks it).
IGNORECASE_ONLY_VARIANTS = "\u0130\u0131\u017f"


@dataclass(frozen=True, slots=True)
class LoweredText:
    """A document lower-cased once, to find names in any case with str.find. `exact` says whether
    that agrees with re.IGNORECASE in this text for ASCII names (`agrees` tells for any name);
    where it does not, callers use a regex."""

    text: str
    lower: str
    exact: bool

    def agrees(self, needles: Iterable[str]) -> bool:
        """Whether str.find of `needles` (the strings searched for) in `lower` finds them exactly
        where a re.IGNORECASE search finds them in `text`: no character of the text matches one
        of the needles' characters in one way only."""
        needles = tuple(needles)
        if not self.exact or all(needle.isascii() for needle in needles):
            return self.exact
        return lowercase_agrees(self.text, self.lower, lowercase_mismatches({c for needle in needles for c in needle}))


def _run_start(text: str, end: int, characters: frozenset[str]) -> int:
    """Where the run of `characters` that ends at `end` begins (`end` when there is none)."""
    start = end
    while start and text[start - 1] in characters:
        start -= 1
    return start


def _matches_at(pattern: re.Pattern, starts: Iterable[int], text: str) -> Iterator[re.Match]:
    """`pattern.finditer(text)` trying only `starts` (ascending): any superset of the positions
    where a match can begin, found by a cheaper pattern. The pattern must not match empty text."""
    end = 0
    for start in starts:
        if start >= end and (m := pattern.match(text, start)) is not None:
            end = m.end()
            yield m


@lru_cache(maxsize=2)  # the document being processed: keeps no old texts alive
def _scripts_in(text: str) -> frozenset[re.Pattern]:
    """Which of CYRILLIC_TEXT, HANGUL_TEXT and CJK_TEXT find something in `text` (most texts: none,
    told by one scan)."""
    if not has_other_script(text):
        return frozenset()
    return frozenset(p for p in (CYRILLIC_TEXT, HANGUL_TEXT, CJK_TEXT) if p.search(text))


@lru_cache(maxsize=2)  # the document being processed: keeps no old texts alive
def _lowered(text: str) -> LoweredText:
    lower = lowercase(text)
    return LoweredText(text, lower, lowercase_agrees(text, lower, IGNORECASE_ONLY_VARIANTS))


def _literal_spans(haystack: str, needle: str, text: str, left: re.Pattern, right: re.Pattern) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) of `needle` in `haystack` (the text itself, or its lower-case
    form) where `left` and `right` match `text` at the start and end: `finditer` of
    `left needle right` without compiling it."""
    spans: list[tuple[int, int]] = []
    position, size = 0, len(needle)
    while size and (start := haystack.find(needle, position)) >= 0:
        if left.match(text, start) and right.match(text, start + size):
            spans.append((start, start + size))
            position = start + size
        else:
            position = start + 1
    return spans


# ---------------------------------------------------------------- public

def extract_parties(body_text: str, language: str) -> list[Party]:
    """Every person, organisation and country named in `body_text`, in order of first mention."""
    if not isinstance(body_text, str) or not body_text.strip():
        return []
    text = body_text[:MAX_TEXT]
    language = (language or "und").lower()[:2]
    lexicon_hits = phrase_matcher(language).find(text)
    spans = [Span(h.start, h.end, h.kind, h.key, 2) for h in lexicon_hits]
    definitions = acronym_definitions(text, spans)
    spans += organisation_spans(text, spans, definitions)
    taken = _resolve(spans)
    spans = taken + person_spans(text, taken)
    return _build_parties(text, _resolve(spans))


# ---------------------------------------------------------------- organisations

@lru_cache(maxsize=65536)
def org_key(surface: str) -> str:
    """Canonical organisation key, also its display name: a known organisation's canonical name,
    else the name with normalised spacing, apostrophes and letterhead capitals."""
    by_name, _ = known_organisation_table()
    known = by_name.get(fold(surface))
    inverted = OF_PHRASE.match(surface)
    if known is None and inverted:  # "General Secretariat of ITU" = "ITU General Secretariat"
        known = _owned_known_organisation(inverted.group("body"), inverted.group("owner"))
    if known is not None:
        return known.name
    words = WHITESPACE.sub(" ", surface.translate(APOSTROPHES)).strip(" ,").split(" ")
    if words and words[0].casefold() == "the":
        words = words[1:]
    while len(words) > 1 and words[-1].rstrip(".,").casefold() in LEGAL_SUFFIXES:
        words = words[:-1]  # "Apple Inc.", "Apple Computer, Inc." and "Apple" are one company
        words[-1] = words[-1].rstrip(",")
    shouting = all(not any(c.islower() for c in w) for w in words)
    out = []
    for i, word in enumerate(words):
        if word.casefold() in CONNECTORS and i:
            out.append(word.casefold())
        elif shouting and len(word) > 4:
            out.append(word[:1] + word[1:].lower())
        else:
            out.append(word[:1].upper() + word[1:] if i == 0 else word)
    return " ".join(out)


def _owned_known_organisation(body: str, owner: str) -> KnownOrganisation | None:
    """ "<body> of <owner>" as the known "<owner> <body>", the owner written as it is, or as its
    known organisation's name or acronym ("General Secretariat of the International
    Telecommunication Union" = "ITU General Secretariat")."""
    by_name, by_acronym = known_organisation_table()
    owner_org = by_name.get(fold(owner)) or by_acronym.get(owner)
    owners = [owner] + ([owner_org.name, *owner_org.acronyms] if owner_org is not None else [])
    return next((by_name[k] for o in owners if (k := fold(f"{o} {body}")) in by_name), None)


def _is_name_word(token: str) -> bool:
    return bool(token) and (token[0].isupper() or token[0].isdigit()) and token[0].isalnum()


def _line_bounds(text: str, position: int, radius: int = 400) -> tuple[int, int]:
    """The line around `position`, cut to `radius` characters each side: a name never spans more,
    and a bounded window keeps one-line megabyte texts linear."""
    low, high = max(0, position - radius), min(len(text), position + radius)
    start = text.rfind("\n", low, position) + 1 or low
    end = text.find("\n", position, high)
    return start, high if end < 0 else end


def _head_span(tokens: list[tuple[int, int, str]], h: int) -> tuple[int, int] | None:
    """Token range (i, j) of the organisation name around head token h, or None."""
    head = tokens[h][2].rstrip(".")
    head = head[:1].upper() + head[1:]
    # Left: capitalised words, with inner connectors ("Global System for Mobile … Association").
    i = h
    while i > 0:
        prev = tokens[i - 1][2]
        if prev.endswith(POSSESSIVE_ENDINGS) and _is_owner(prev[:-2]):
            break  # "Georgia's Ministry of …": the owner is not part of the name
        if _is_name_word(prev) and fold(prev) not in LEFT_STOP:
            i -= 1
        elif prev.casefold() in {"of", "for", "and", "&"} and head not in COMPANY_HEADS and i >= 2 and _is_name_word(tokens[i - 2][2]) \
                and fold(tokens[i - 2][2]) not in LEFT_STOP and tokens[i - 2][2].rstrip(".") not in ORG_HEADS:
            i -= 2
        else:
            break
    j = _right_extent(tokens, h, head)
    if j == h and h + 1 < len(tokens) and _is_name_word(tokens[h + 1][2]) \
            and (fold(tokens[h + 1][2]) in EVENT_WORDS or fold(tokens[h + 1][2]) in EVENT_NAME_WORDS):
        return None  # "ITU Telecom World", "Security Council Resolution": the head is inside another name
    return i, j


PREPOSITIONS = frozenset("of for on in to de du des d' del da do das dos für pour".split())
ARTICLES = frozenset("the la l' les le el los las die der das den a an".split())
CONJUNCTIONS = frozenset("and & et y e und и".split())
EVENT_NAME_WORDS = frozenset("world asia africa europe americas global".split())
# "to the United Nations Office and other International Organizations": "other" continues a mission's name.
OTHER_WORDS = frozenset("other others otros otras autres outros outras andere anderen altre altri".split())
# Heads named by a number: "Working Party 5D", "Study Group 13", "Focus Group 2".
NUMBERED_HEADS = frozenset("Party Group".split())
DESIGNATION = re.compile(r"\d{1,2}[A-Z]?(?:/\d{1,2})?")


def _is_word(token: str) -> bool:
    return bool(token) and token[0].isupper() and token[0].isalpha()


def _right_extent(tokens: list[tuple[int, int, str]], h: int, head: str) -> int:
    """Last token of "<head> of/for/on the Capitalised Words" ("Ministry of Science, ICT and Future
    Planning", "Focus Group on IPTV", "Permanent Mission of X to the United Nations in Geneva")."""
    words = [t[2] for t in tokens]
    if h + 1 < len(words) and head in NUMBERED_HEADS and DESIGNATION.fullmatch(words[h + 1]):
        return h + 1
    if h + 1 >= len(words) or words[h + 1].casefold() not in PREPOSITIONS:
        return h
    head = head[:1].upper() + head[1:]
    leading = head in LEADING_HEADS or head == "Commonwealth"
    first = words[h + 1].casefold()
    if (not leading and first not in {"of", "for", "on"}) or (first == "to" and head not in {"Mission", "Embassy"}):
        return h
    if first == "in" and (h + 2 >= len(words) or words[h + 2].casefold() != "the"):
        return h
    j, k, in_list = h, h + 1, False
    mission = head in {"Mission", "Embassy"}
    while k < len(words):
        word, low = words[k], words[k].casefold()
        if _is_word(word) and fold(word) not in MONTHS_AND_DAYS:
            j, k = k, k + 1
            continue
        if low == "," and _list_continues(words, k):
            k, in_list = k + 1, True
            continue
        if mission and low in OTHER_WORDS and k + 1 < len(words) and _is_word(words[k + 1]):
            k += 1  # "… Office and other International Organizations in Geneva"
            continue
        if low in ARTICLES or (low in CONNECTORS and (low != "to" or mission)):
            nxt = words[k + 1] if k + 1 < len(words) else ""
            if low in CONJUNCTIONS and nxt.casefold() in ARTICLES and not (
                    in_list or (_place_before(words, k) and _place_follows(words, k + 2))):
                break  # "Ministry of X and the ITU": two names
            k += 1
            continue
        break
    return j


def _place_before(words: list[str], k: int) -> bool:
    """The one or two words before `k` name a territory or region ("Asia", "Latin America")."""
    return fold(words[k - 1]) in region_names() or (k >= 2 and fold(f"{words[k - 2]} {words[k - 1]}") in region_names())


def _place_follows(words: list[str], k: int) -> bool:
    """ "… for Asia and the Pacific": after a place, "and the", then one or two capitalised words that end the
    name and hold no organisation head or acronym (a place), not another organisation's name."""
    n = k
    while n < len(words) and n - k < 3 and _is_word(words[n]):
        word = words[n]
        if word.isupper() or word.rstrip(".") in ORG_HEADS or word in QUALIFIED_HEADS or fold(word) in EVENT_WORDS:
            return False
        n += 1
    return 0 < n - k <= 2 and (n == len(words) or not _is_word(words[n]) and words[n].casefold() not in PREPOSITIONS)


def _list_continues(words: list[str], comma: int) -> bool:
    """ "Science, ICT and Future Planning": a comma inside a name only in an "A, B and C" list."""
    k = comma + 1
    while k < len(words) and _is_word(words[k]):
        k += 1
    if k == comma + 1 or k + 1 >= len(words) or words[k].casefold() not in {"and", "&", "et", "y", "und", "e"}:
        return False
    after = k + 2 if words[k + 1].casefold() in ARTICLES else k + 1  # "…, Communications and the Digital Economy"
    return after < len(words) and _is_word(words[after])


def _is_owner(word: str) -> bool:
    """ "Korea", "ITU" before "'s": a separate party owning what follows (unlike "People's")."""
    return fold(word) in country_names("en") or (len(word) > 1 and word.isupper())


def _acceptable_org(words: list[str]) -> bool:
    folded = [fold(w) for w in words if w not in {",", "&"}]
    if len(folded) < 2 or any(w in EVENT_WORDS for w in folded):
        return False
    content = [w for w in folded if w not in CONNECTORS]
    if all(w in GENERIC_ORG_WORDS or w in FOLDED_HEADS for w in content):
        return False  # "Study Group", "the Council", "National Assembly"
    for head, qualifiers in QUALIFIED_HEADS.items():
        if fold(head) in folded and not qualifiers & set(folded):
            return False
    return True


def organisation_spans(text: str, existing: list[Span], definitions: dict[str, str]) -> list[Span]:
    spans: list[Span] = []
    spans += _head_word_organisations(text)
    spans += _permanent_missions(text, spans, existing)
    spans += _bare_itu_council(text, spans, existing)
    for m in (STUDY_GROUP.finditer(text) if ("ITU-" in text or "UIT-" in text or "CCI" in text) else ()):
        sector = m.group("sector").replace("UIT", "ITU")
        spans.append(Span(m.start(), m.end(), "organization", f"{sector} Study Group {int(m.group('num'))}", 3))
    for m in _matches_at(JOINT_COORDINATION, _joint_coordination_starts(text), text):
        spans.append(Span(m.start(), m.end(), "organization", m.group(), 3))
    scripts = _scripts_in(text)
    for m in (CYRILLIC_MINISTRY.finditer(text) if CYRILLIC_TEXT in scripts else ()):
        surface = m.group().rstrip(",")
        spans.append(Span(m.start(), m.start() + len(surface), "organization", org_key(surface), 1))
    for m in (KOREAN_ORG.finditer(text) if HANGUL_TEXT in scripts else ()):
        if not KOREAN_NOT_ORG.fullmatch(m.group()):
            spans.append(Span(m.start(), m.end(), "organization", m.group(), 1))
    spans += _corporate_role_organisations(text)
    spans += _short_company_names(text, spans)
    # Acronyms defined in this document: every later (and earlier) use is a mention.
    for acronym, key in definitions.items():
        for start, end in _literal_spans(text, acronym, text, NOT_AFTER_WORD, NOT_BEFORE_ACRONYM_END):
            spans.append(Span(start, end, "organization", key, 4))
    return spans


def _joint_coordination_starts(text: str) -> list[int]:
    """Where a JOINT_COORDINATION can start: at the first of the letters and digits before a "-JCA"."""
    return [_run_start(text, hyphen, ASCII_LETTERS_AND_DIGITS) for hyphen in _all_positions(text, "-JCA")]


def _corporate_role_organisations(text: str) -> list[Span]:
    """ "Apple CEO Steve Jobs", "GM chairman", "Boeing spokesman": the words before a corporate
    role name an organisation; every other use of that name in the document is a mention."""
    names: set[str] = set()
    for m in _corporate_role_matches(text):
        words = m.group("org").split()
        while words and fold(words[0]) in LEFT_STOP:
            words.pop(0)
        if not words or any(_not_org_word(w) for w in words) or is_given_name(words[0]):
            continue
        names.add(" ".join(words))
    spans = []
    for name in names:
        key = org_key(name)
        for start, end in _literal_spans(text, name, text, NOT_AFTER_NAME, NOT_BEFORE_NAME_END):
            spans.append(Span(start, end, "organization", key, 1))
    return spans


def _corporate_role_matches(text: str) -> Iterator[re.Match]:
    """`CORPORATE_ROLE.finditer(text)`, scanning only the lines that hold one of its role words
    (a match never spans lines)."""
    lowered = _lowered(text)
    if not lowered.exact:
        yield from CORPORATE_ROLE.finditer(text)
        return
    found = [start for word in CORPORATE_ROLE_ACRONYMS for start in _all_positions(text, word)]
    found += [start for word in CORPORATE_ROLE_WORDS for start in _all_positions(lowered.lower, word)]
    lines = sorted({_whole_line(text, start) for start in found})
    for line_start, line_end in lines:
        yield from CORPORATE_ROLE.finditer(text, line_start, line_end)


def _whole_line(text: str, position: int) -> tuple[int, int]:
    end = text.find("\n", position)
    return text.rfind("\n", 0, position) + 1, len(text) if end < 0 else end


def _not_org_word(word: str) -> bool:
    folded = fold(word)
    return (folded in ROLE_TOKENS or folded in HONORIFIC_WORDS or folded in MONTHS_AND_DAYS or folded in LEFT_STOP
            or is_demonym(word) or folded in country_names("en"))


def _short_company_names(text: str, spans: list[Span]) -> list[Span]:
    """ "Ford Motor Company" then "Ford Motor": the name without its legal suffix is the same party."""
    out = []
    for key in {s.key for s in spans if s.kind == "organization" and s.priority == 1}:
        surfaces = {text[s.start:s.end] for s in spans if s.key == key}
        if key in surfaces or not key[:1].isupper() or len(key) < 3:
            continue
        for start, end in _literal_spans(text, key, text, NOT_AFTER_NAME, NOT_BEFORE_NAME_END):
            out.append(Span(start, end, "organization", key, 1))
    return out


def _head_word_organisations(text: str) -> list[Span]:
    spans = []
    for m in HEAD_WORD.finditer(text):
        found = _tokens_and_head_span(text, m.start())
        if found is None:
            continue
        tokens, (i, j) = found
        while i < j and tokens[i][2].casefold() in CONNECTORS:
            i += 1
        words = [POSSESSIVE.sub("", t[2]) for t in tokens[i:j + 1]]
        if not _acceptable_org(words) or _generic_tail(tokens, i, words):
            continue
        start, end = tokens[i][0], tokens[j][1]
        surface = POSSESSIVE.sub("", text[start:end].rstrip(","))
        spans.append(Span(start, start + len(surface), "organization", org_key(surface), 1))
    return spans


def _generic_tail(tokens: list[tuple[int, int, str]], i: int, words: list[str]) -> bool:
    """ "Minister of Communications and Digital Technologies": generic words and a head after
    "Capitalised and" are the end of a longer name the walk left out, not a name of their own."""
    if i < 2 or tokens[i - 1][2].casefold() not in CONJUNCTIONS or not _is_name_word(tokens[i - 2][2]):
        return False
    return all(fold(w) in NON_NAME_WORDS or fold(w) in GENERIC_ORG_WORDS or w.rstrip(".") in ORG_HEADS
               for w in words if w.casefold() not in CONNECTORS)


# Tokens around a head word, before falling back to its whole line: enough for nearly every name.
HEAD_NEIGHBOURHOOD = (60, 100)  # characters before, after


def _tokens_and_head_span(text: str, head: int) -> tuple[list[tuple[int, int, str]], tuple[int, int]] | None:
    """The tokens of the line around a head word, and the token range of the organisation name
    around it (see `_head_span`), or None.

    Only a neighbourhood of the head is tokenised first (cut at whitespace, so its tokens are the
    line's tokens), and only as far to the right as the walk reads; the whole line is used when the
    walk may have reached the neighbourhood's edge."""
    low, high = _line_bounds(text, head)
    start = max(low, head - HEAD_NEIGHBOURHOOD[0])
    while start > low and not text[start - 1].isspace():
        start -= 1
    end = min(high, head + HEAD_NEIGHBOURHOOD[1])
    while end < high and not text[end].isspace():
        end += 1
    for window_start, window_end in ((start, end), (low, high)):
        tokens, walk_ends = _tokens_to_walk(text, window_start, window_end, head)
        h = bisect_left(tokens, head, key=itemgetter(0))
        if h >= len(tokens) or tokens[h][0] != head:
            return None
        bounds = _head_span(tokens, h)
        cut_right = window_end < high and not walk_ends
        cut_left = window_start > low and bounds is not None and bounds[0] <= 1
        if not (cut_left or cut_right):
            break  # always so for the whole line
    return None if bounds is None else (tokens, bounds)


def _tokens_to_walk(text: str, start: int, end: int, head: int) -> tuple[list[tuple[int, int, str]], bool]:
    """The tokens of text[start:end] up to the first one after `head` that ends the walk to the
    right (nothing reads past it: most names end right after their head), and whether there is one."""
    tokens = []
    for t in ORG_TOKEN.finditer(text, start, end):
        token = (t.start(), t.end(), t.group())
        tokens.append(token)
        if token[0] > head and _ends_right_walk(token[2]):
            return tokens, True
    return tokens, False


def _ends_right_walk(word: str) -> bool:
    """A token `_right_extent` never walks past (nor looks beyond)."""
    low = word.casefold()
    return not _is_word(word) and word != "," and low not in ARTICLES and low not in CONNECTORS and low not in OTHER_WORDS


HEAD_WORD = re.compile(trie_pattern(sorted(ORG_HEADS | set(QUALIFIED_HEADS) | {"ministère", "ministerio", "ministério"}),
                                   after_first=r"(?<![\w-].)") + r"(?![\w-])")


ITU_COUNCIL = "ITU Council"
# "The Council is invited …", "Le Conseil a décidé": the council an ITU document speaks of.
BARE_COUNCIL = re.compile(r"(?<![\w-])(?:[Tt]he|[Ll]e|[Ee]l|[Oo]|du|au|del|al|do|ao)[ \t]+"
                          r"(?P<council>Council|Conseil|Consejo|Conselho)(?![\w-])"
                          # not "Council Member State", "Conseil canadien des normes", "Conseil d'État"
                          r"(?![ \t]+(?:[A-Z]|[\w'’-]+[ \t]+(?:of|de|des|du|del|da|do|dos)\b|d['’]))")
# An ITU Council document's symbol ("Document C24/8-F", "C25/11"): the document is about the ITU.
COUNCIL_WORDS = ("Council", "Conseil", "Consejo", "Conselho")
COUNCIL_DOCUMENT = re.compile(r"C(?<![\w/]C)\d{2}/\d{1,3}(?:\(Rev\.\d\))?(?:-[EFSACR])?(?![\w/])")
# An organisation that is itself a council ("UN Security Council", "Council of Europe"), unlike a
# council's body ("Council Working Group on …").
OTHER_COUNCIL = re.compile(r"(?:Council|Conseil|Consejo|Conselho)(?:$| (?:of|de|du|del|da|do)\b)")


def _bare_itu_council(text: str, spans: list[Span], existing: list[Span]) -> list[Span]:
    """ "the Council" alone is the ITU Council in a document about the ITU that names no other council."""
    if not any(word in text for word in COUNCIL_WORDS):
        return []
    organisations = {s.key for s in spans + existing if s.kind == "organization"}
    if not (any(k == "International Telecommunication Union" or k.startswith("ITU") for k in organisations)
            or COUNCIL_DOCUMENT.search(text)):
        return []
    if any(OTHER_COUNCIL.search(k) for k in organisations - {ITU_COUNCIL}):
        return []
    return [Span(m.start("council"), m.end("council"), "organization", ITU_COUNCIL, 1)
            for m in _matches_at(BARE_COUNCIL, _bare_council_starts(text), text)]


def _bare_council_starts(text: str) -> list[int]:
    """Where a BARE_COUNCIL can start: one to three characters (its article) before the spaces or
    tabs before a council word."""
    starts = set()
    for word in COUNCIL_WORDS:
        for position in _all_positions(text, word):
            end = _run_start(text, position, SPACE_OR_TAB)
            if end < position:
                starts.update(range(max(0, end - 3), end))
    return sorted(starts)


def _permanent_missions(text: str, spans: list[Span], existing: list[Span]) -> list[Span]:
    """ "Permanent Mission of the Republic of Korea …" is keyed on the country, whatever the wording."""
    out = []
    countries = [s for s in existing if s.kind == "country"]
    for span in spans:
        surface = text[span.start:span.end]
        if not surface.startswith("Permanent Mission of"):
            continue
        inside = [c for c in countries if span.start <= c.start and c.end <= span.end]
        if inside:
            formal = country_formal_name(inside[0].key)
            article = "the " if " of " in formal or formal.split()[0] in {"United", "Russian", "Czech", "Dominican",
                                                                          "Central", "Holy"} else ""
            out.append(Span(span.start, span.end, "organization", f"Permanent Mission of {article}{formal}", 3))
    return out


def _initials_match(acronym: str, words: list[str]) -> bool:
    letters = [c for c in acronym if c.isupper()]
    caps = [c for w in words if w.casefold() not in CONNECTORS for c in (w[0] + "".join(x for x in w[1:] if x.isupper()))
            if c.isalpha()]
    if not letters or not caps or letters[0] != caps[0].upper():
        return False
    it = iter(c.upper() for c in caps)
    return all(any(c == x for x in it) for c in letters)


def acronym_definitions(text: str, lexicon_spans: list[Span]) -> dict[str, str]:
    """acronym -> organisation key, from "Full Name (ACR)" and "ACR (Full Name)" in this text."""
    by_name, by_acronym = known_organisation_table()
    orgs_ending_at = {s.end: s for s in lexicon_spans if s.kind == "organization"}
    definitions: dict[str, str] = {}
    for m in ACRONYM_IN_PARENS.finditer(text):
        acronym = m.group("acr")
        if sum(c.isupper() for c in acronym) < 2 or acronym in definitions:
            continue
        name_end = _run_start(text, m.start(), SPACE_OR_TAB)  # before the spaces before "("
        known = orgs_ending_at.get(name_end)
        if known is not None:
            definitions[acronym] = known.key
            continue
        full = _full_name_before(text, name_end, acronym)
        if full is not None:
            definitions[acronym] = org_key(full)
    for m in _matches_at(ACRONYM_BEFORE_PARENS, _acronym_before_parens_starts(text), text):
        acronym, full = m.group("acr"), m.group("full").strip()
        if acronym in definitions or sum(c.isupper() for c in acronym) < 2:
            continue
        words = full.split()
        if fold(full) in by_name or (_initials_match(acronym, words) and _acceptable_org(words)
                                     and any(w.rstrip(".") in ORG_HEADS for w in words)):
            definitions[acronym] = org_key(full)
    for acronym in list(definitions):
        known = by_acronym.get(acronym)
        if known is not None and definitions[acronym] != known.name and fold(definitions[acronym]) in by_name:
            definitions[acronym] = by_name[fold(definitions[acronym])].name
    return definitions


def _acronym_before_parens_starts(text: str) -> list[int]:
    """Every capital in the run of acronym characters before a "(" (spaces or tabs between):
    where an ACRONYM_BEFORE_PARENS can start."""
    starts = set()
    for paren in _all_positions(text, "("):
        end = _run_start(text, paren, SPACE_OR_TAB)
        start = _run_start(text, end, ACRONYM_CHARACTERS)
        starts.update(i for i in range(start, end) if "A" <= text[i] <= "Z")
    return sorted(starts)


def _full_name_before(text: str, end: int, acronym: str) -> str | None:
    """The organisation name that "(ACR)" defines, ending at `end`, or None."""
    line_start, _ = _line_bounds(text, max(end - 1, 0))
    tokens = [(t.start(), t.end(), t.group()) for t in ORG_TOKEN.finditer(text, line_start, end)]
    # Walk back over the capitalised run and its connectors.
    i = len(tokens)
    while i > 0:
        word = tokens[i - 1][2]
        if _is_name_word(word) or (word.casefold() in CONNECTORS - {"the"} and i >= 2
                                   and _is_name_word(tokens[i - 2][2])) or word == ",":
            i -= 1
        else:
            break
    run = tokens[i:]
    while run and (run[0][2].casefold() in CONNECTORS or run[0][2] == "," or fold(run[0][2]) in LEFT_STOP):
        run = run[1:]
    for k in range(len(run) - 1, -1, -1):
        words = [t[2] for t in run[k:]]
        if words[0].casefold() in CONNECTORS or words[0] == ",":
            continue
        if _initials_match(acronym, words):
            has_head = any(w.rstrip(".") in ORG_HEADS or w in QUALIFIED_HEADS for w in words)
            if has_head and _acceptable_org(words):
                return text[run[k][0]:run[-1][1]]
            return None
    return _lowercase_name_before(tokens, text, acronym)


def _lowercase_name_before(tokens: list[tuple[int, int, str]], text: str, acronym: str) -> str | None:
    """French/Spanish/Russian style names, capitalised only at the head: "Autorité de régulation des
    communications électroniques (ARCEP)". The head must be within 10 words and the acronym must
    mostly spell the initials of the content words."""
    for k in range(len(tokens) - 1, max(len(tokens) - 11, -1), -1):
        word = tokens[k][2]
        if word in {",", "(", ")", "."}:
            return None
        if word.capitalize() in LEADING_HEADS:
            words = [t[2] for t in tokens[k:]]
            initials = [w[0].upper() for w in words if w.casefold() not in CONNECTORS and w[0].isalpha()]
            letters = [c for c in acronym if c.isupper()]
            it = iter(initials)
            matched = sum(1 for c in letters if any(c == x for x in it))
            if initials and letters and initials[0] == letters[0] and matched >= 0.6 * len(letters) \
                    and matched >= 0.6 * len(initials):
                return text[tokens[k][0]:tokens[-1][1]]
            return None
    return None


# ---------------------------------------------------------------- persons

@dataclass(frozen=True, slots=True)
class PersonCandidate:
    start: int
    end: int
    tokens: tuple[str, ...]
    role: str | None


@lru_cache(maxsize=65536)
def _is_stop_word(token: str) -> bool:
    """A word that never belongs to a person's name: a role, title, month, event, organisation head…"""
    folded = fold(token)
    return (folded in ROLE_TOKENS or folded in HONORIFIC_WORDS or folded in MONTHS_AND_DAYS or folded in LEFT_STOP
            or folded in EVENT_WORDS or token.rstrip(".") in ORG_HEADS or folded in NON_NAME_WORDS)


def _token_is_stop(token: str, previous: str | None, known_acronyms: set[str], following: str | None = None) -> bool:
    if _is_stop_word(token) or token in known_acronyms:
        return True
    if len(token) > 1 and token.replace("-", "").isupper():
        # An all-capital word is a surname only after a given name ("Chaesub LEE"), before one
        # ("SATO Kenji"), or if it is a known surname.
        return not (is_east_asian_surname(token) or (previous is not None and not previous.isupper())
                    or (following is not None and _is_given_name_after_caps(following)))
    return False


def _is_given_name_after_caps(token: str) -> bool:
    """ "Kenji" in "SATO Kenji": a capitalised (not all-capital) given name, known or romanised."""
    return token[:1].isupper() and not token.isupper() and not _is_stop_word(token) and (
        is_given_name(token) or is_romanised_given_name(token))


def _segments(tokens: list[tuple[int, int, str]], known_acronyms: set[str]) -> list[tuple[int, int]]:
    """Maximal runs of tokens that could belong to a person name, as (first, last+1) indices."""
    out, begin = [], None
    for n, (_, _, tok) in enumerate(tokens):
        previous = tokens[n - 1][2] if n and begin is not None else None
        following = tokens[n + 1][2] if n + 1 < len(tokens) else None
        if _token_is_stop(tok, previous, known_acronyms, following):
            if begin is not None:
                out.append((begin, n))
            begin = None
        elif begin is None:
            begin = n
    if begin is not None:
        out.append((begin, len(tokens)))
    return out


def _choose_name(words: list[str], trigger: str | None, common_words: Container[str]) -> tuple[int, int] | None:
    """Which slice of a segment is the name: East Asian shape, a known given name, or a run after a
    title. `trigger` is "title" (honorific or role next to it), "speech" (said/told) or None;
    `common_words` are the document's lower-case words ("index", "force"): not surnames."""
    n = len(words)
    if n >= 2 and looks_east_asian(words[-2:]):
        return n - 2, n
    if n >= 2 and looks_east_asian(words[:2]):
        return 0, 2

    def plain(tokens: list[str]) -> bool:
        return not any(w.casefold() in common_words for w in tokens)

    if CYRILLIC_TEXT.match(words[0]) and not any(is_given_name(w) for w in words):
        return None  # Russian capitalises only the first word of other names ("Сообщества Мадрида")

    if n >= 2 and len(words[-2]) > 1 and words[-2].isupper() and _is_given_name_after_caps(words[-1]) \
            and (trigger is not None or n == 2):
        return n - 2, n  # "… Coordination NAKAMURA Yui": surname-first, the surname in capitals
    for i, word in enumerate(words):
        if is_given_name(word) and 2 <= n - i <= 4 and not word.isupper():
            if trigger is not None or plain(words[i + 1:]):
                return i, n
            break
    if trigger == "title" and 2 <= n <= 3 and plain(words):
        return 0, n
    if trigger == "title" and n > 3 and plain(words[-2:]):
        return n - 2, n
    if trigger == "speech" and n == 2 and plain(words):
        return 0, n
    return None


def person_spans(text: str, taken: list[Span]) -> list[Span]:
    known_acronyms = {text[s.start:s.end] for s in taken if s.kind == "organization" and s.end - s.start <= 8}
    occupied = _occupancy(taken)
    common_words = CommonWords(text)
    candidates: list[PersonCandidate] = []
    for m in _name_runs(text):
        if _fully_occupied(occupied, m.start(), m.end()):
            continue
        tokens = _until_possessive([(t.start(), t.end(), t.group()) for t in NAME_TOKEN.finditer(text, m.start(), m.end())])
        for first, last in _segments(tokens, known_acronyms):
            if last - first < 2:
                continue  # a bare surname is only a mention of a full name found elsewhere
            candidate = _candidate(text, tokens, first, last, occupied, common_words)
            if candidate is not None:
                candidates.append(candidate)
    for m in _matches_at(INVERTED_CAPS_NAME, _inverted_caps_starts(text), text):
        if HONORIFIC_BEFORE_ANY_CASE.search(text, max(0, m.start() - 30), m.start()):
            candidates.append(PersonCandidate(m.start("surname"), m.end("given"),
                                          (m.group("given"), m.group("surname")), None))
    spans = [Span(c.start, c.end, "person", person_key(list(c.tokens)), 5, c.role)
             for c in candidates if len(person_key(list(c.tokens)).split()) >= 2]
    if CJK_TEXT in _scripts_in(text):
        spans += _cjk_persons(text)
    return spans + _person_repeats(text, spans, occupied, _titled_surnames(text, occupied, known_acronyms))


def _inverted_caps_starts(text: str) -> list[int]:
    """Where an INVERTED_CAPS_NAME can start: at the first of the capitals and hyphens before a
    comma that follows a capital and comes before spaces and two capitals."""
    return [_run_start(text, comma.start(), CAPITALS_AND_HYPHEN) for comma in INVERTED_CAPS_COMMA.finditer(text)]


def _until_possessive(tokens: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """ "Barack Obama's Secretary …": a name ends at its possessive, which is not part of it (nor is
    what follows: "Sudan People's Liberation Army" names no person)."""
    for n, (start, end, token) in enumerate(tokens):
        if len(token) > 3 and token.endswith(POSSESSIVE_ENDINGS):
            return tokens[:n] + [(start, end - 2, token[:-2])]
    return tokens


def _name_runs(text: str) -> Iterator[re.Match]:
    """`NAME_RUN.finditer(text)`: the runs from capitals, unless a run can start with a particle."""
    particle_starts = (start for m in NAME_RUN_HYPHEN.finditer(text) for start in (m.start() - 3, m.start() - 2)
                       if start >= 0 and text[start:m.start()] in NAME_PARTICLES)
    if any(NAME_RUN.match(text, start) for start in particle_starts):
        return NAME_RUN.finditer(text)
    return NAME_RUN_FROM_CAPITAL.finditer(text)


class CommonWords:
    """The document's lower-case words of three letters or more ("index", "force"), standing alone
    (no word character or hyphen next to them); looked up lazily, as few words are asked."""

    def __init__(self, text: str):
        self.text = text
        self.known: dict[str, bool] = {}

    def __contains__(self, word: object) -> bool:
        if word not in self.known:
            self.known[word] = isinstance(word, str) and LOWERCASE_ONLY.fullmatch(word) is not None and bool(
                _literal_spans(self.text, word, self.text, NOT_AFTER_WORD, NOT_BEFORE_WORD))
        return self.known[word]


def _titled_surnames(text: str, occupied: bytearray, known_acronyms: set[str]) -> list[tuple[int, int, str | None]]:
    """ "Mr Osborne", "Ms. Pugh", "President Trump": one name after a title, as (start, end, role)."""
    out = []
    for m in _matches_at(TITLED_SURNAME, (t.start() for t in TITLE_STARTS.finditer(text)), text):
        start, end = m.span("name")
        if _fully_occupied(occupied, start, end) or _token_is_stop(m.group("name"), None, known_acronyms):
            continue
        out.append((start, end, _clean_role(m.group("role"))))
    return out


def _candidate(text: str, tokens: list[tuple[int, int, str]], first: int, last: int,
               occupied: bytearray, common_words: Container[str]) -> PersonCandidate | None:
    words = [t[2] for t in tokens[first:last]]
    while words and (words[-1].endswith(".") or (words[-1][0].islower() and not PARTICLE_SURNAME.match(words[-1]))):
        words.pop()
        last -= 1
    while words and (words[0][0].islower() or fold(words[0]) in LEFT_STOP):
        words.pop(0)
        first += 1
    if not words:
        return None
    seg_start = tokens[first][0]
    line_start, _ = _line_bounds(text, seg_start)
    before = text[max(line_start, seg_start - 160):seg_start]
    role_match = _role_before(before)
    if role_match is not None and role_match.group("role").split()[-1].casefold() in CONNECTORS:
        role_match = None  # "Secretary of the Air Force …": the words after are the role's object
    trigger = "title" if role_match is not None or _ends_with_honorific(before) else (
        "speech" if SPEECH_VERB_BEFORE.search(before) else None)
    choice = _choose_name(words, trigger, common_words)
    after_text = None
    if choice is None or choice[1] == len(words):
        after_text = text[tokens[last - 1][1]:tokens[last - 1][1] + 160]
    after_match = ROLE_AFTER.match(after_text) if after_text is not None else None
    if choice is None and trigger is None and after_text is not None:
        trigger = "title" if after_match is not None else ("speech" if SPEECH_VERB_AFTER.match(after_text) else None)
        choice = _choose_name(words, trigger, common_words) if trigger else None
    if choice is None:
        return None
    i, j = choice
    start, end = tokens[first + i][0], tokens[first + j - 1][1]
    if _fully_occupied(occupied, start, end) or _is_address(text, line_start, start, end) \
            or any(w.casefold() in STREET_NAME_WORDS for w in words[i:j]):
        return None
    role = None
    if after_match is not None and j == len(words):
        role = after_match.group("role")
    elif i == 0 and role_match is not None:
        role = role_match.group("role")
    elif i > 0 and (role_before_name := _role_before(text[line_start:start])):
        role = role_before_name.group("role")
    name_tokens = tuple(w for w in words[i:j] if w.casefold() not in CONNECTORS or "-" in w)
    return PersonCandidate(start, end, name_tokens, _clean_role(role))


def _is_address(text: str, line_start: int, start: int, end: int) -> bool:
    """A street name: after a street word or any words before it on its line, or before a street
    word or a house number."""
    return bool(STREET_OR_NUMBER_AFTER.match(text, end)) or bool(
        STREET_BEFORE.search(text, max(line_start, start - STREET_WINDOW), start))


def _role_before(before: str) -> re.Match | None:
    """`ROLE_BEFORE.search(before)`, skipped when `before` cannot end with a role: its last word
    (before spaces and a colon) is plain ASCII, not capitalised, and does not end a role word; and
    searched from the last character NOT_IN_ROLE on."""
    stripped = before.rstrip(" \t")
    stripped = stripped[:-1].rstrip(" \t") if stripped.endswith(":") else stripped
    last_word = stripped.rsplit(None, 1)[-1] if stripped.strip() else ""
    if last_word.isascii() and not ("A" <= last_word[:1] <= "Z" or LEADING_ELISION_CAPITAL.match(last_word)):
        tail = TRAILING_ASCII_LETTERS.search(last_word.lower())
        if tail is None or tail.group() not in ROLE_FINAL_LETTERS:
            return None
    return ROLE_BEFORE.search(before, max(map(before.rfind, NOT_IN_ROLE)) + 1)


def _ends_with_honorific(before: str) -> bool:
    """Whether HONORIFIC_BEFORE finds something in `before`: then it finds the last honorific
    alone, which ends where the spaces at the end begin, so only that tail is searched."""
    tail = max(0, len(before.rstrip(" \t\u00a0")) - LONGEST_HONORIFIC)
    return HONORIFIC_BEFORE.search(before, tail) is not None


def _clean_role(role: str | None) -> str | None:
    if not role:
        return None
    role = TRAILING_HONORIFIC.sub("", WHITESPACE.sub(" ", role)).strip(" ,:;-")
    role = FORMER_PREFIX.sub("", role)
    return role or None


def _cjk_persons(text: str) -> list[Span]:
    spans = []
    for pattern in (KOREAN_PERSON, KOREAN_PERSON_AFTER_ROLE):
        for m in pattern.finditer(text):
            name = m.group("name")
            if name[0] in KOREAN_SURNAMES:
                spans.append(Span(m.start("name"), m.end("name"), "person", name, 5, m.group("role")))
    for m in CHINESE_PERSON.finditer(text):
        group = "name" if m.group("name") else "name2"
        role = m.group("role_before") or m.group("role_after")
        spans.append(Span(m.start(group), m.end(group), "person", m.group(group), 5,
                          None if role in {"先生", "女士"} else role))
    return spans


def _person_repeats(text: str, found: list[Span], occupied: bytearray,
                    titled: list[tuple[int, int, str | None]]) -> list[Span]:
    """Every other mention of a found person: the full name in any order or case, and the bare
    surname ("Mr Zhao", "Minister Lee", "Jobs"), given to the nearest full mention.

    A titled surname with no full name in the document ("Ms Pugh") is a person too, but its id is
    scoped to this document: a bare surname cannot say which "Mr Lee" of the world it is."""
    persons = {s.key: s for s in sorted(found, key=lambda s: s.start) if s.kind == "person" and " " in s.key}
    lowered = _lowered(text)
    spans: list[Span] = []
    by_surname: dict[str, list[str]] = {}
    for key, first in persons.items():
        surface_tokens = [t.group() for t in NAME_TOKEN.finditer(text, first.start, first.end)]
        tokens = [t for t in surface_tokens if len(t.strip(".")) > 1]
        if len(tokens) < 2:
            continue
        spans += [Span(start, end, "person", key, 5) for start, end in _full_name_spans(lowered, tuple(tokens))]
        surname = surname_of(tokens).casefold()
        particle = PARTICLE_SURNAME.match(surname)
        for form in {surname, surname[particle.end():] if particle else surname}:  # "al-Abadi", then "Abadi"
            if form not in PRONOUN_LIKE:
                by_surname.setdefault(form, []).append(key)
    document_tag = None
    full_surnames = set(by_surname)
    for start, end, role in titled:
        word = text[start:end].casefold()
        if word in PRONOUN_LIKE or word in full_surnames:
            continue  # "Minister Lee" after "Lee Jong-Ho": the bare-surname pass below links it
        document_tag = document_tag or "@" + sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        key = fold(text[start:end]) + document_tag
        by_surname.setdefault(word, [key])
        spans.append(Span(start, end, "person", key, 5, role))
    if not by_surname:
        return spans
    full_mentions = sorted([(s.start, s.key) for s in found + spans if s.kind == "person"])
    full_occupied = _occupancy(found + spans, base=occupied)
    for start, end in _surname_spans(lowered, tuple(sorted(by_surname, key=len, reverse=True))):
        word = text[start:end]
        if not word[0].isupper() or _fully_occupied(full_occupied, start, end):
            continue
        if NAME_RUN.match(text, end + 1) and text[end:end + 1] == " " \
                and _is_name_word(text[end + 1:end + 2]) and not _bare_followed_ok(text, end):
            continue  # part of another, longer name
        keys = by_surname[word.casefold()]
        spans.append(Span(start, end, "person", _nearest(keys, full_mentions, start), 5))
    return spans


def _surname_spans(lowered: LoweredText, surnames: tuple[str, ...]) -> list[tuple[int, int]]:
    """Bare surnames in any case, standing alone; where two match at one place, the earlier in
    `surnames` (longest first) wins, as in a regex alternation."""
    text = lowered.text
    if not lowered.agrees(surnames):
        pattern = re.compile(rf"(?<![\w'’-])(?:{'|'.join(map(re.escape, surnames))})(?![\w-])", re.IGNORECASE)
        return [m.span() for m in pattern.finditer(text)]
    starts = sorted({start for surname in surnames for start in _all_positions(lowered.lower, surname)})
    spans: list[tuple[int, int]] = []
    for start in starts:
        if (spans and start < spans[-1][1]) or not NOT_AFTER_NAME.match(text, start):
            continue
        for surname in surnames:
            end = start + len(surname)
            if lowered.lower.startswith(surname, start) and NOT_BEFORE_WORD.match(text, end):
                spans.append((start, end))
                break
    return spans


def _all_positions(haystack: str, needle: str) -> list[int]:
    positions, start = [], haystack.find(needle)
    while start >= 0 and needle:
        positions.append(start)
        start = haystack.find(needle, start + 1)
    return positions


def _full_name_spans(lowered: LoweredText, tokens: tuple[str, ...]) -> list[tuple[int, int]]:
    """Every mention of a full name, in its order, reversed or inverted with a comma, in any case."""
    text = lowered.text
    # A token letter whose lower case is longer ("İ") is matched by the regex as one character.
    if not all(len(t.lower()) == len(t) for t in tokens) or not lowered.agrees(t.lower() for t in tokens):
        return [m.span() for m in _full_name_pattern(tokens).finditer(text)]
    orders = _name_orders(tokens)
    starts = sorted({start for first in {order[0] for order in orders} for start in _all_positions(lowered.lower, first)})
    spans: list[tuple[int, int]] = []
    for start in starts:
        if (spans and start < spans[-1][1]) or not NOT_AFTER_WORD.match(text, start):
            continue
        end = next((e for e in (_order_end(lowered, start, order) for order in orders) if e is not None), None)
        if end is not None:
            spans.append((start, end))
    return spans


NameOrder = tuple[str, tuple[tuple[str, str], ...]]  # (first token, ((separator, token), …)), lower-cased


def _name_order_forms(tokens: tuple[str, ...]) -> dict[str, NameOrder]:
    """The orders a full name is written in: its own, reversed ("Zhao Houlin"), inverted with a
    comma ("LEE, CHAESUB"); as {regex source: order}. The separator is " " (spaces or tabs) or ","
    (a comma, then optional spaces or tabs)."""
    low = [t.lower() for t in tokens]
    return {r"[ \t]+".join(map(re.escape, tokens)): (low[0], tuple((" ", t) for t in low[1:])),
            r"[ \t]+".join(map(re.escape, reversed(tokens))): (low[-1], tuple((" ", t) for t in reversed(low[:-1]))),
            re.escape(tokens[-1]) + r",[ \t]*" + r"[ \t]+".join(map(re.escape, tokens[:-1])):
                (low[-1], ((",", low[0]),) + tuple((" ", t) for t in low[1:-1]))}


@lru_cache(maxsize=4096)
def _name_orders(tokens: tuple[str, ...]) -> tuple[NameOrder, ...]:
    """The orders in the order `_full_name_pattern` tries them."""
    forms = _name_order_forms(tokens)
    return tuple(forms[source] for source in sorted(forms))


def _order_end(lowered: LoweredText, start: int, order: NameOrder) -> int | None:
    """Where the name written in `order` from `start` ends, or None."""
    first, rest = order
    if not lowered.lower.startswith(first, start):
        return None
    text, position = lowered.text, start + len(first)
    for separator, token in rest:
        if separator == ",":
            if not text.startswith(",", position):
                return None
            position = SPACES_OR_TABS.match(text, position + 1).end()
        else:
            after = SPACES_OR_TABS.match(text, position).end()
            if after == position:
                return None
            position = after
        if not lowered.lower.startswith(token, position):
            return None
        position += len(token)
    return position if NOT_BEFORE_WORD.match(text, position) else None


@lru_cache(maxsize=4096)
def _full_name_pattern(tokens: tuple[str, ...]) -> re.Pattern:
    """The name in any of its orders, in any case (for texts `_full_name_spans` cannot search lower-cased)."""
    return re.compile(rf"(?<![\w-])(?:{'|'.join(sorted(_name_order_forms(tokens)))})(?![\w-])", re.IGNORECASE)


def _bare_followed_ok(text: str, end: int) -> bool:
    """A bare surname followed by a capitalised word is still a mention if that word is not a name."""
    nxt = NEXT_WORD.match(text[end:end + 40])
    return nxt is not None and (fold(nxt.group(1)) in NON_NAME_WORDS or fold(nxt.group(1)) in LEFT_STOP
                                or nxt.group(1).rstrip(".") in ORG_HEADS)


def _nearest(keys: list[str], full_mentions: list[tuple[int, str]], position: int) -> str:
    """The person among `keys` whose full name was mentioned last before `position` (else first after)."""
    if len(keys) == 1:
        return keys[0]
    i = bisect_left(full_mentions, (position, ""))
    for _, key in reversed(full_mentions[max(0, i - 200):i]):
        if key in keys:
            return key
    return next((key for _, key in full_mentions[i:i + 200] if key in keys), keys[0])


# ---------------------------------------------------------------- overlaps and assembly

def _occupancy(spans: list[Span], base: bytearray | None = None) -> bytearray:
    size = max((s.end for s in spans), default=0)
    occupied = bytearray(base) if base is not None else bytearray()
    if len(occupied) < size:
        occupied.extend(b"\0" * (size - len(occupied)))
    for s in spans:
        occupied[s.start:s.end] = b"\1" * (s.end - s.start)
    return occupied


def _fully_occupied(occupied: bytearray, start: int, end: int) -> bool:
    chunk = occupied[start:end]
    return len(chunk) == end - start and 0 not in chunk


def _resolve(spans: list[Span]) -> list[Span]:
    """Keep non-overlapping spans, longest first (a country inside an organisation's name is
    part of that name); equal lengths go to the higher priority."""
    kept: list[Span] = []
    occupied = bytearray(max((s.end for s in spans), default=0))
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), -s.priority, s.start)):
        if span.end <= span.start or occupied.find(1, span.start, span.end) >= 0:
            continue
        occupied[span.start:span.end] = b"\1" * (span.end - span.start)
        kept.append(span)
    return sorted(kept, key=lambda s: s.start)


@lru_cache(maxsize=65536)
def _display_name(kind: str, key: str) -> str:
    if kind == "country":
        return country_display_name(key)
    if kind == "person":
        name = key.partition("@")[0]  # a document-scoped surname keeps its tag in the id only
        return person_display_name(name) if name.isascii() else name
    return key


def _build_parties(text: str, spans: list[Span]) -> list[Party]:
    grouped: dict[tuple[str, str], list[Span]] = {}
    for span in spans:
        grouped.setdefault((span.kind, span.key), []).append(span)
    parties = []
    for (kind, key), members in grouped.items():
        mentions = tuple(PartyMention(text[s.start:s.end], s.start, s.end) for s in members)
        role = next((s.role for s in members if s.role), None)
        parties.append(Party(party_id=stable_id(kind, key), name=_display_name(kind, key), kind=kind,
                             role=role, mentions=mentions))
    return sorted(parties, key=lambda p: p.mentions[0].char_start)


__all__ = ["extract_parties", "org_key", "acronym_definitions"]
