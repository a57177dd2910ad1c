"""Person names: what a name looks like, and the identity key that makes "Houlin ZHAO" = "Zhao Houlin".

Name shape comes from lexicons, not from a statistical model: East Asian surnames and the
syllable inventories of Hanyu Pinyin and Korean romanisation (so "Qin Weizhong", "Lim Hyesook",
"Lee Jong-Ho" are recognised without any title), plus the given-name dictionary shipped by the
gender-guesser package (48,000 first names from many countries) for Western names.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from hashlib import sha1
from importlib import resources

from extractors.party_lexicon import APOSTROPHES

# Romanised East Asian surnames (Korean and Chinese), lowercase.
EAST_ASIAN_SURNAMES = frozenset("""
kim lee yi rhee park pak bak choi choe jung chung jeong kang cho jo yoon yun jang chang lim im limb
han oh seo suh shin sin kwon gwon hwang ahn an song yoo yu ryu hong jeon chun jun ko koh go moon mun
yang son sohn bae pae baek paik heo hur huh nam shim sim noh roh ha kwak gwak sung seong cha joo ju
woo wu koo ku min jin ji chi eom um chae won cheon bang gong hyun hyeon ham byun byeon yeom yeo
choo chu do so seok suk sun seon ma gil yeon wi pyo myung ki ban wang geum keum ok yuk in maeng je
mo tak kook guk eo eun pyeon yong ye kyung kyeong bong sa boo
li zhang liu chen huang zhao zhou xu sun zhu hu guo he lin gao luo zheng liang xie tang feng deng
cao peng zeng xiao tian dong pan yuan cai jiang du ye cheng wei su lu ding ren shen yao lv lyu cui
zhong tan wang fan shi liao jia xia fu fang bai zou meng xiong qin qiu yin xue yan duan lei hou long
shi tao li he gu mao hao gong shao wan qian yan tan wu dai mo kong xiang tang qi wen zhan niu
nguyen tran le pham hoang phan vu vo dang bui ngo duong ly
""".split())
# Surnames that are also everyday English words: they need a title or a clearly Asian given name.
AMBIGUOUS_SURNAMES = frozenset("park song moon long bang gong young do so sun in ma he yan wing ban ham won "
                               "ok so sa boo je ye lei hu mo".split())

PINYIN_SYLLABLE = (r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
                   r"(?:iang|iong|uang|ang|eng|ing|ong|uai|ian|iao|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|ve|er|a|o|e|i|u|v)"
                   r"(?:n(?![aeiouv])|r(?![aeiouv]))?")
KOREAN_SYLLABLE = (r"(?:kk|tt|pp|ss|jj|ch|sh|[gknd trlmbpsjhyw])?"
                   r"(?:yeo|yae|wae|ae|ya|eo|ye|wa|oe|yo|wo|we|wi|yu|eu|ui|oo|ee|ou|ei|a|e|o|u|i)"
                   r"(?:ng|ck|[kntlmpgb](?![aeiouwy]))?").replace(" ", "")
ROMANISED_GIVEN_NAME = re.compile(
    rf"(?:{PINYIN_SYLLABLE}|{KOREAN_SYLLABLE}){{1,2}}(?:-(?:{PINYIN_SYLLABLE}|{KOREAN_SYLLABLE}))?", re.IGNORECASE)

# Given names that are also common capitalised English words or place names.
GIVEN_NAME_STOPWORDS = frozenset("""
will may june april august mark bill rose grant hope faith joy ray art guy pat sue don gene dean chase
chance case page rich lane dale glen wade cliff ford price major long young summer autumn star sky
china india asia africa america georgia jordan chad israel paris florence sydney austin victoria
london berlin geneva lisbon madrid roma china vienna kim lee park king prince princess lord christian
angel sunny honey baby lucky happy golden royal north south east west new old general central
university united national international global world european african asian digital future
san santa saint sankt hong kong hang german french british american chinese korean japanese russian
""".split())
NAME_PARTICLES = ("al", "el", "bin", "ibn", "abu", "ben")  # joined by a hyphen: "al-Assad", "bin-Laden"
PARTICLE_SURNAME = re.compile(rf"(?:{'|'.join(NAME_PARTICLES)})-(?=\w)", re.IGNORECASE)
TITLECASE_PARTICLES = frozenset("al el bin ibn van von der den de da di du la le dos das del".split())


@lru_cache(maxsize=None)
def given_names() -> frozenset[str]:
    """Lower-case first names from gender-guesser's dictionary, minus everyday words."""
    names: set[str] = set()
    data = resources.files("gender_guesser").joinpath("data/nam_dict.txt")
    with data.open(encoding="utf-8") as lines:
        for line in lines:
            if line[:1] in "#=" or len(line) < 30:
                continue
            counts = line[30:-1].replace(" ", "").replace("$", "")
            if not counts or max(counts) < "3":
                continue  # rare everywhere: too likely to be an ordinary word
            name = line.split()[1]
            if "<" in name or "+" in name:
                continue
            names.add(name.casefold())
    return frozenset(names - GIVEN_NAME_STOPWORDS)


CYRILLIC_TO_LATIN = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye"})
# Russian case endings, so "Владимира" and "Владимиром" are read as "Владимир".
CYRILLIC_CASE_ENDINGS = ("ом", "ем", "ой", "ей", "ым", "им", "а", "у", "е", "ю", "я", "ы")


def is_given_name(token: str) -> bool:
    folded = token.casefold()
    names = given_names()
    if folded in names:
        return True
    if "а" <= folded[:1] <= "я":  # Cyrillic: transliterate, also without a case ending
        forms = [folded] + [folded[:-len(e)] for e in CYRILLIC_CASE_ENDINGS if folded.endswith(e) and len(folded) > 4]
        for form in forms:
            latin = form.translate(CYRILLIC_TO_LATIN)
            if latin in names or latin.removesuffix("iy") + "i" in names or latin.removesuffix("y") in names:
                return True
    return False


def is_east_asian_surname(token: str) -> bool:
    return token.casefold() in EAST_ASIAN_SURNAMES


@lru_cache(maxsize=65536)
def is_romanised_given_name(token: str) -> bool:
    """ "Houlin", "Hyesook", "Jong-Ho", "Yang-hee": whole token made of Pinyin/Korean syllables."""
    return len(token) >= 3 and ROMANISED_GIVEN_NAME.fullmatch(token) is not None


def looks_east_asian(tokens: list[str]) -> bool:
    """Two tokens, one a surname, the other a romanised given name (either order)."""
    if len(tokens) != 2:
        return False
    for surname, given in ((tokens[0], tokens[1]), (tokens[1], tokens[0])):
        if not is_east_asian_surname(surname) or not is_romanised_given_name(given):
            continue
        if is_east_asian_surname(given) and "-" not in given:
            continue  # "Lee Kim": two surnames, not a name
        if surname.casefold() in AMBIGUOUS_SURNAMES and "-" not in given:
            continue  # "Park Hotel"
        return True
    return False


def surname_of(tokens: list[str]) -> str:
    """The token a later bare mention uses ("Mr Zhao", "Dr. Lee", "Jobs")."""
    upper = [t for t in tokens if len(t) > 1 and t.isupper()]
    if len(upper) == 1 and len(tokens) > 1:
        return upper[0]  # "Chaesub LEE": the capitalised one is the family name
    if len(tokens) == 2 and looks_east_asian(tokens):
        first_is_surname = is_east_asian_surname(tokens[0]) and not (
            is_east_asian_surname(tokens[1]) and not is_romanised_given_name(tokens[0]))
        return tokens[0] if first_is_surname and "-" not in tokens[0] else tokens[1]
    return tokens[-1]


@lru_cache(maxsize=65536)
def _key_token(token: str) -> str:
    text = unicodedata.normalize("NFKD", token.translate(APOSTROPHES))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return text.strip(".'")


def person_key(tokens: list[str]) -> str:
    """Casefolded, accent-free, sorted tokens without initials: the same for every name order."""
    parts = [_key_token(t) for t in tokens]
    return " ".join(sorted(p for p in parts if len(p) > 1))


def person_display_name(key: str) -> str:
    """A readable name from the key alone (so it is identical in every document).

    East Asian names are written surname first; otherwise known given names go first.
    """
    tokens = key.split()
    if len(tokens) == 2 and looks_east_asian(tokens):
        surname = surname_of(tokens)
        tokens = [surname] + [t for t in tokens if t != surname]
    else:  # known given names first, a particle surname ("al-Abadi") last
        tokens = sorted(tokens, key=lambda t: (PARTICLE_SURNAME.match(t) is not None, not is_given_name(t), tokens.index(t)))
    return " ".join(_title(t) for t in tokens)


def _title(token: str) -> str:
    parts = token.split("-")
    return "-".join(p if p in TITLECASE_PARTICLES and i == 0 and len(parts) > 1 else p[:1].upper() + p[1:]
                    for i, p in enumerate(parts))


@lru_cache(maxsize=65536)
def stable_id(kind: str, key: str) -> str:
    """party_id: a pure function of the canonical identity."""
    return "p_" + sha1(f"{kind}\x1f{key}".encode("utf-8")).hexdigest()[:16]
