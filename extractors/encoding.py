"""Bytes -> text for plain-text and HTML sources, in any common encoding.

The order of evidence, strongest first:
  1. a byte-order mark (UTF-32 before UTF-16: the UTF-32LE BOM starts with the UTF-16LE one);
  2. the NUL pattern of UTF-16/32 without a BOM (such bytes are often *valid* UTF-8, full of NULs);
  3. strict UTF-8 (the fast path; legacy-encoded text almost never passes it by accident);
  4. a declared charset (HTML <meta>, XML declaration), if it decodes;
  5. charset-normalizer, corrected where it is known to confuse encodings (single-byte Latin
     code pages such as cp1252 read as cp1250/cp1258; legacy CJK names mapped to their supersets).
The result is NUL-free, without a leading U+FEFF, with "\n" newlines.
"""
from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from collections import Counter

import charset_normalizer

from extractors.model import ExtractionError

# (BOM, codec) pairs; UTF-32 first because b"\xff\xfe\x00\x00" also starts with the UTF-16LE BOM.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

NUL_PATTERN_PROBE_BYTES = 4096
# In ASCII-heavy UTF-16LE every other byte is NUL; real text rarely falls below this share.
UTF16_NUL_SHARE = 0.3
# Share of NUL bytes (outside UTF-16/32) above which the input is binary, not text with a stray NUL.
BINARY_NUL_SHARE = 0.001
# Share of control characters in decoded text above which it is binary data, not text.
BINARY_CONTROL_SHARE = 0.05
# charset-normalizer looks at a prefix: enough evidence, bounded work on huge files.
DETECTION_PROBE_BYTES = 256 * 1024
DETECTION_MAX_MESS = 0.5
# Candidate code pages are compared on a shorter prefix, and only charset-normalizer's first few.
SCORING_PROBE_BYTES = 32 * 1024
MAX_DETECTION_CANDIDATES = 8
# Tried when charset-normalizer finds nothing: the code pages most documents used before UTF-8.
FALLBACK_CODECS = ("cp1252", "cp1250", "cp1251", "cp932", "gb18030", "cp949", "big5hkscs", "euc_jp")
# Handicaps (in misfits per telling character) for candidates that must clearly beat the others.
MULTI_BYTE_MARGIN = 0.05
RARE_CODEC_MARGIN = 0.1
C1_CONTROL_WEIGHT = 5
CORE_CJK_CHARSETS = ("gb2312", "shift_jis", "euc_kr", "big5")
RARE_CODEC_PREFIXES = ("cp4", "cp7", "cp8", "cp10", "cp11", "mac", "hp", "ptcp", "kz", "johab", "euc_jis", "shift_jis_",
                       "koi8-t")
DECLARED_CHARSET_PROBE_BYTES = 4096

CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
NUL_AND_NONCHARACTERS = re.compile(r"[\x00\ufffe\uffff]")
LINE_BREAKS = re.compile(r"\r\n?")
NON_ASCII_CHARS = re.compile(r"[^\x00-\x7f]")
HTML_META_CHARSET = re.compile(rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
XML_DECLARED_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)

# Declared labels mapped as browsers do (WHATWG Encoding): legacy names mean their supersets.
LABEL_SUPERSETS = {
    "ascii": "cp1252", "us-ascii": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "iso_8859-1": "cp1252", "l1": "cp1252",
    "iso-8859-9": "cp1254", "iso8859-9": "cp1254", "latin5": "cp1254",
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "chinese": "gb18030",
    "euc-kr": "cp949", "euc_kr": "cp949", "ks_c_5601-1987": "cp949", "korean": "cp949", "windows-949": "cp949",
    "shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932", "ms_kanji": "cp932",
    "windows-31j": "cp932",
    "big5": "big5hkscs",
    # A <meta> claiming UTF-16 in an ASCII-compatible page is wrong by construction.
    "utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8",
}
# Codec names (as charset-normalizer and `codecs.lookup(...).name` spell them) mapped to supersets.
CODEC_SUPERSETS = {
    "ascii": "utf-8", "latin_1": "cp1252", "iso8859-1": "cp1252",
    "gb2312": "gb18030", "gbk": "gb18030", "euc_kr": "cp949", "shift_jis": "cp932", "big5": "big5hkscs",
    "iso8859-9": "cp1254", "iso8859-11": "cp874", "tis-620": "cp874",
}
# Single-byte code pages that charset-normalizer swaps for one another on Latin text.
LATIN_SINGLE_BYTE_DEFAULTS = ("cp1252", "cp1250")
# Codecs with more than one byte per character (as `codecs.lookup(...).name` spells them).
MULTI_BYTE_CODECS = frozenset(codecs.lookup(name).name for name in (
    "utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be", "utf-7",
    "gb18030", "gbk", "gb2312", "hz", "big5", "big5hkscs", "cp950", "cp949", "euc_kr", "johab",
    "cp932", "shift_jis", "shift_jis_2004", "shift_jisx0213", "euc_jp", "euc_jis_2004", "euc_jisx0213",
    "iso2022_jp", "iso2022_jp_1", "iso2022_jp_2", "iso2022_jp_2004", "iso2022_jp_3", "iso2022_jp_ext", "iso2022_kr"))

# The non-ASCII letters of languages written in single-byte code pages. Text decoded with the
# right code page uses one alphabet; the wrong Latin code page mixes letters of several
# ("ńiño", "ˇQué", "bi³a") or yields symbols inside words.
LATIN_ALPHABETS = {
    "es": "áéíóúüñ¡¿", "pt": "áàâãéêíóôõúüç", "fr": "àâæçéèêëîïôœùûüÿ", "de": "äöüßé",
    "it": "àèéìíîòóùú", "nl": "áéëïóöüèç", "ca": "àèéíïòóúüç·", "da_no": "æøåéó", "sv_fi": "åäöéšž",
    "is": "áðéíóúýþæö", "ga": "áéíóú", "tr": "çğıİöşüâî", "et": "õäöüšž",
    "pl": "ąćęłńóśźż", "cs": "áčďéěíňóřšťúůýž", "sk": "áäčďéíĺľňóôŕšťúýž", "hu": "áéíóöőúüű",
    "hr_sl_bs": "čćđšž", "ro": "ăâîşţșț", "sq": "ëç", "lt": "ąčęėįšųūž", "lv": "āčēģīķļņšūž",
    "vi": "àáâãèéêìíòóôõùúýăđĩũơư",
}
# Whole-script alphabets for the non-Latin single-byte code pages (cp1251, cp1253, koi8_r, ...).
# Fullwidth forms, but not halfwidth katakana (U+FF61-FF9F): rare in real text, common in misreadings.
_CJK_COMMON = (("\u3000", "\u303f"), ("\u3400", "\u4dbf"), ("\u4e00", "\u9fff"), ("\uf900", "\ufaff"),
               ("\uff01", "\uff60"), ("\uffe0", "\uffef"))
SCRIPT_RANGES = {
    "cyrillic": (("\u0400", "\u04ff"),), "greek": (("\u0370", "\u03ff"),), "hebrew": (("\u0590", "\u05ff"),),
    "arabic": (("\u0600", "\u06ff"),), "thai": (("\u0e00", "\u0e7f"),),
    "chinese": _CJK_COMMON,
    "japanese": (("\u3040", "\u30ff"), *_CJK_COMMON),
    "korean": (("\uac00", "\ud7af"), ("\u1100", "\u11ff"), ("\u3130", "\u318f"), *_CJK_COMMON),
}
# Letters of another script glued to a Latin word ("utilitzaciґ", "Jyv䔮kyl") are what a wrong code
# page makes of an accented letter. CJK may touch Latin on one side ("Pythonで"), not on both.
FOREIGN_LETTER_IN_LATIN_WORD = re.compile(
    r"(?<=[A-Za-z])[\u0370-\u06ff\u0e00-\u0e7f]|[\u0370-\u06ff\u0e00-\u0e7f](?=[A-Za-z])"
    r"|(?<=[A-Za-z])[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff\uff61-\uff9f](?=[A-Za-z])")
# Punctuation most code pages share: it says nothing about which one is right (nor do symbols,
# digits and combining marks: see `_is_evidence`).
NEUTRAL_NON_ASCII = frozenset("\u00a0\u00ad“”‘’„‚«»‹›–—…•")
NEUTRAL_CATEGORIES = frozenset({"Mn", "Mc", "Me", "Nd", "Sm", "Sc", "So"})
# Symbols are neutral, except between letters ("NŠrb°" is a misread "Nærbø").
SYMBOL_GLUED_TO_LETTER = re.compile(r"(?<=[^\W\d_])[°§©®×÷±¶†‡‰¢¤¥¦¬¯](?=[^\W\d_])")


def decode_text(data: bytes, *, declared_encoding: str | None = None) -> tuple[str, str]:
    """Decode `data` to clean text; return (text, codec name). Raises ExtractionError only."""
    if not data:
        raise ExtractionError("empty", "the file is empty (0 bytes)")
    text, encoding = _decode(data, declared_encoding)
    if _control_share(text) > BINARY_CONTROL_SHARE:
        raise ExtractionError("binary", f"binary data, not text: too many control characters after decoding as {encoding}")
    return normalize_text(text), encoding


def normalize_text(text: str) -> str:
    """NUL-free, no leading BOM, "\\n" line breaks."""
    if "\r" in text:
        text = LINE_BREAKS.sub("\n", text)
    if NUL_AND_NONCHARACTERS.search(text):
        text = NUL_AND_NONCHARACTERS.sub("", text)
    return text.removeprefix("\ufeff")


def declared_html_encoding(data: bytes) -> str | None:
    """The charset an HTML page declares in its first bytes (<meta> or XML declaration), if any."""
    head = data[:DECLARED_CHARSET_PROBE_BYTES]
    match = HTML_META_CHARSET.search(head) or XML_DECLARED_ENCODING.search(head)
    return match.group(1).decode("ascii").lower() if match else None


def looks_like_wide_unicode(data: bytes) -> str | None:
    """The UTF-16/32 codec whose NUL pattern `data` shows (no BOM needed), else None."""
    probe = data[:NUL_PATTERN_PROBE_BYTES]
    if len(probe) < 4 or b"\x00" not in probe:
        return None
    usable = len(probe) - len(probe) % 4
    lanes = [probe[lane:usable:4].count(0) / (usable // 4) for lane in range(4)]
    # UTF-32LE ASCII-range text: byte 0 carries the letter, bytes 1-3 are NUL (mirror image for BE).
    if min(lanes[1:]) > 0.9 and lanes[0] < 0.1:
        return "utf-32-le"
    if min(lanes[:3]) > 0.9 and lanes[3] < 0.1:
        return "utf-32-be"
    even, odd = (lanes[0] + lanes[2]) / 2, (lanes[1] + lanes[3]) / 2
    if odd > UTF16_NUL_SHARE and even < UTF16_NUL_SHARE / 3:
        return "utf-16-le"
    if even > UTF16_NUL_SHARE and odd < UTF16_NUL_SHARE / 3:
        return "utf-16-be"
    return None


def _decode(data: bytes, declared_encoding: str | None) -> tuple[str, str]:
    for bom, codec in BYTE_ORDER_MARKS:
        if data.startswith(bom):
            decoded = _strict(data[len(bom):], codec)
            if decoded is not None:
                return decoded, codec
            break  # a BOM followed by undecodable bytes is no evidence: look at the content
    if b"\x00" in data:
        wide = looks_like_wide_unicode(data)
        decoded = _strict(data, wide) if wide else None
        if decoded is not None:
            return decoded, wide
        if data.count(0) > BINARY_NUL_SHARE * len(data):
            raise ExtractionError("binary", f"binary data, not text: {data.count(0)} NUL bytes in {len(data)}")
        data = data.replace(b"\x00", b"")
    decoded = _strict(data, "utf-8")
    if decoded is not None:
        return decoded, "utf-8"
    codec = _codec_for_label(declared_encoding) if declared_encoding else None
    decoded = _strict(data, codec) if codec else None
    if decoded is not None:
        return decoded, codec
    return _detect(data)


def _detect(data: bytes) -> tuple[str, str]:
    probe = _cut_at_whitespace(data, DETECTION_PROBE_BYTES)
    matches = charset_normalizer.from_bytes(probe)
    if not matches:  # dense CJK text can exceed the default mess threshold (0.2)
        matches = charset_normalizer.from_bytes(probe, threshold=DETECTION_MAX_MESS)
    best = matches.best()
    if best is None:
        candidates = dict.fromkeys(FALLBACK_CODECS)
    else:
        guess = _superset(best.encoding)
        # Ties go to the first candidate: cp1252 for Latin text, else charset-normalizer's own choice.
        first = [*LATIN_SINGLE_BYTE_DEFAULTS, guess] if _is_single_byte(guess) else [guess, *LATIN_SINGLE_BYTE_DEFAULTS]
        others = (_superset(m.encoding) for m in list(matches)[:MAX_DETECTION_CANDIDATES])
        candidates = dict.fromkeys([*first, *others])
    codec = _most_plausible_codec(_cut_at_whitespace(probe, SCORING_PROBE_BYTES), candidates)
    if codec is None:
        raise ExtractionError("binary", "binary data, not text: no text encoding fits these bytes")
    text = _strict(data, codec)
    if text is None:  # the probe decoded but the rest does not
        text = data.decode(codec, errors="replace")
    return text, codec


def _cut_at_whitespace(data: bytes, size: int) -> bytes:
    """A prefix of `data` of at most `size` bytes that ends on ASCII whitespace where possible,
    so no multi-byte character is cut (0x20 and 0x0A are never trail bytes in CJK encodings)."""
    if len(data) <= size:
        return data
    probe = data[:size]
    cut = max(probe.rfind(b"\n"), probe.rfind(b" "))
    return probe[: cut + 1] if cut > 0 else probe


def _most_plausible_codec(probe: bytes, candidates: dict[str, None]) -> str | None:
    """The candidate whose decoding fits one real alphabet best.

    Candidates come in order of preference. A later one wins only with fewer misfit characters;
    against a multi-byte guess (charset-normalizer's language statistics are better at telling
    CJK encodings apart) or as a DOS/Mac-era code page, with clearly fewer.
    """
    best_codec, best_misfits = None, 0.0
    for codec in candidates:
        text = _strict(probe, codec)
        if text is None or codec.startswith("utf"):
            continue
        misfits, evidence = alphabet_misfits(text)
        if best_codec is None:
            best_codec, best_misfits = codec, misfits
        elif misfits + _challenger_handicap(codec) * evidence < best_misfits:
            best_codec, best_misfits = codec, misfits
    return best_codec


def _challenger_handicap(codec: str) -> float:
    if codec.startswith(RARE_CODEC_PREFIXES):
        return RARE_CODEC_MARGIN
    return 0.0 if _is_single_byte(codec) else MULTI_BYTE_MARGIN


def alphabet_misfits(text: str) -> tuple[int, int]:
    """(misfits, evidence): of the telling non-ASCII characters of `text`, how many fall
    outside the single alphabet that covers most of them.

    Letters of another script glued to Latin words, and symbols glued to letters, are misfits
    too: that is what a wrong code page makes of an accented letter.
    """
    counts = {c: n for c, n in Counter(NON_ASCII_CHARS.findall(text)).items() if _is_evidence(c)}
    evidence = sum(counts.values())
    if evidence == 0:
        return 0, 0
    best = 0
    for letters in LATIN_ALPHABETS.values():
        best = max(best, sum(n for c, n in counts.items() if c.lower() in letters or c in letters))
    for ranges in SCRIPT_RANGES.values():
        best = max(best, sum(n for c, n in counts.items() if any(low <= c <= high for low, high in ranges)))
    glued = len(FOREIGN_LETTER_IN_LATIN_WORD.findall(text)) + len(SYMBOL_GLUED_TO_LETTER.findall(text))
    # C1 control characters are what ISO-8859 code pages make of Windows punctuation: never text.
    c1_controls = sum(n for c, n in counts.items() if "\x80" <= c <= "\x9f")
    rare_cjk = sum(n for c, n in counts.items() if c >= "\u2e80" and not _is_common_cjk(c))
    return evidence - best + glued + rare_cjk + C1_CONTROL_WEIGHT * c1_controls, evidence


@functools.lru_cache(maxsize=65536)
def _is_common_cjk(char: str) -> bool:
    """In the core national character sets: real CJK text stays there (a wrong CJK codec does not,
    e.g. Shift-JIS kana read as GBK become rare GBK/3 ideographs)."""
    for charset in CORE_CJK_CHARSETS:
        try:
            char.encode(charset)
            return True
        except UnicodeEncodeError:
            continue
    return False


def _is_evidence(char: str) -> bool:
    # Combining marks (Vietnamese tones in cp1258), digits and symbols fit every alphabet.
    return char not in NEUTRAL_NON_ASCII and unicodedata.category(char) not in NEUTRAL_CATEGORIES


def _control_share(text: str) -> float:
    if not CONTROL_CHARS.search(text):
        return 0.0
    return len(CONTROL_CHARS.findall(text)) / len(text)


def _codec_for_label(label: str) -> str | None:
    label = label.strip().lower()
    if label in LABEL_SUPERSETS:
        return LABEL_SUPERSETS[label]
    try:
        return _superset(codecs.lookup(label).name)
    except LookupError:
        return None


def _superset(codec: str) -> str:
    try:
        name = codecs.lookup(codec).name
    except LookupError:
        return codec
    return CODEC_SUPERSETS.get(name, CODEC_SUPERSETS.get(codec, name))


def _is_single_byte(codec: str) -> bool:
    try:
        return codecs.lookup(codec).name not in MULTI_BYTE_CODECS
    except LookupError:
        return False


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None
