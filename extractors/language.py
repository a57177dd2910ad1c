"""Language of a document body: ISO 639-1 code plus the share of each language by paragraph.

    detect_language(text) -> LanguageResult(language, shares)

Two stages, cheapest first:
1. Script. Every paragraph (line) is assigned its majority script. Scripts used by one language
   decide alone (Hangul -> ko, kana -> ja, Han without kana -> zh, Greek -> el, Thai -> th, ...).
2. Character n-grams, for scripts shared by several languages (Latin, Cyrillic, Arabic,
   Devanagari). We score langdetect's own language profiles (1- to 3-gram frequencies of 55
   languages) with a deterministic naive Bayes over *every* n-gram of a bounded sample, restricted
   to the languages written in that script. langdetect's `Detector` draws random n-grams, repeats
   seven trials and updates its probabilities in pure Python, which costs 10-20 ms per document
   here; summing log-probabilities with numpy gives the same model's answer in about a
   millisecond per 3 KB and needs no random seed.

Paragraphs of the dominant script are judged together (a short line alone is noisy) unless a
long paragraph clearly reads as another language, so an English body with a French quote block
or Korean site chrome gets shares like (("en", 0.91), ("ko", 0.09)).
"""
from __future__ import annotations

import bisect
import json
import math
import re
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

import numpy as np
from langdetect import DetectorFactory
from langdetect.detector_factory import PROFILES_DIRECTORY
from langdetect.utils.ngram import NGram

from extractors.model import LanguageResult

DetectorFactory.seed = 0  # project rule; our scoring below is deterministic and draws no samples

UNDETERMINED = "und"

# langdetect profile codes -> ISO 639-1.
PROFILE_CODES = {"zh-cn": "zh", "zh-tw": "zh"}
# Additive smoothing of an n-gram probability, as langdetect's default (alpha 0.5 / BASE_FREQ 10000).
SMOOTHING = 0.5 / 10000

# Unicode script blocks: (first code point, script). A code point belongs to the last block that
# starts at or before it; "-" marks ranges that are no letters of interest (symbols, punctuation).
SCRIPT_BLOCKS = (
    (0x0000, "-"), (0x0041, "latin"), (0x005B, "-"), (0x0061, "latin"), (0x007B, "-"),
    (0x00C0, "latin"), (0x00D7, "-"), (0x00D8, "latin"), (0x00F7, "-"), (0x00F8, "latin"),
    (0x0250, "-"), (0x0370, "greek"), (0x0400, "cyrillic"), (0x0530, "armenian"), (0x0590, "hebrew"),
    (0x0600, "arabic"), (0x0700, "syriac"), (0x0750, "arabic"), (0x0780, "thaana"), (0x07C0, "-"),
    (0x0900, "devanagari"), (0x0980, "bengali"), (0x0A00, "gurmukhi"), (0x0A80, "gujarati"),
    (0x0B00, "oriya"), (0x0B80, "tamil"), (0x0C00, "telugu"), (0x0C80, "kannada"), (0x0D00, "malayalam"),
    (0x0D80, "sinhala"), (0x0E00, "thai"), (0x0E80, "lao"), (0x0F00, "tibetan"), (0x1000, "myanmar"),
    (0x10A0, "georgian"), (0x1100, "hangul"), (0x1200, "ethiopic"), (0x13A0, "-"), (0x1780, "khmer"),
    (0x1800, "-"), (0x1E00, "latin"), (0x1F00, "greek"), (0x2000, "-"), (0x3040, "kana"), (0x3100, "-"),
    (0x3130, "hangul"), (0x3190, "-"), (0x3400, "han"), (0x4DC0, "-"), (0x4E00, "han"), (0xA000, "-"),
    (0xAC00, "hangul"), (0xD7B0, "-"), (0xF900, "han"), (0xFB00, "-"), (0xFB50, "arabic"), (0xFE00, "-"),
    (0xFE70, "arabic"), (0xFF00, "-"), (0xFF21, "latin"), (0xFF3B, "-"), (0xFF41, "latin"), (0xFF5B, "-"),
    (0xFF66, "kana"), (0xFFA0, "hangul"), (0xFFE0, "-"),
)
BLOCK_STARTS = tuple(start for start, _ in SCRIPT_BLOCKS)
# Scripts written by (practically) one language.
SCRIPT_LANGUAGE = {
    "greek": "el", "armenian": "hy", "hebrew": "he", "thaana": "dv", "bengali": "bn",
    "gurmukhi": "pa", "gujarati": "gu", "oriya": "or", "tamil": "ta", "telugu": "te", "kannada": "kn",
    "malayalam": "ml", "sinhala": "si", "thai": "th", "lao": "lo", "tibetan": "bo", "myanmar": "my",
    "georgian": "ka", "hangul": "ko", "ethiopic": "am", "khmer": "km", "kana": "ja",
}
CJK_SCRIPTS = frozenset({"han", "kana", "hangul"})
KANA_SHARE_FOR_JAPANESE = 0.05  # Japanese prose is mostly kanji + kana; a few kana mean Japanese
# Scripts shared by several languages: the n-gram model chooses among the profiles written in them.
# Other scripts (Syriac, Canadian syllabics...) get "und".
SCRIPT_CANDIDATES = {
    "latin": ("af", "ca", "cs", "cy", "da", "de", "en", "es", "et", "fi", "fr", "hr", "hu", "id", "it",
              "lt", "lv", "nl", "no", "pl", "pt", "ro", "sk", "sl", "so", "sq", "sv", "sw", "tl", "tr", "vi"),
    "cyrillic": ("bg", "mk", "ru", "uk"),
    "arabic": ("ar", "fa", "ur"),
    "devanagari": ("hi", "mr", "ne"),
}

URL_OR_EMAIL = re.compile(r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PARAGRAPH_SPLIT = re.compile(r"\s*\n\s*")

SCRIPT_SAMPLE_CHARS = 400  # a paragraph's script is read from its beginning
SAMPLE_CHARS = 1500  # n-gram sample per script group, spread over its paragraphs
PARAGRAPH_SAMPLE_CHARS = 400  # at most this much of one paragraph goes into the sample
PARAGRAPH_MIN_SAMPLE_CHARS = 100  # enough to tell a paragraph's own language
# Log-prior (nats) for the corpus's languages: decides only when the text says almost nothing
# ("Hi", "ITU PP-22 Bucharest"); a sentence carries hundreds of n-grams and outweighs it.
LANGUAGE_PRIORS = {"en": 4.0, "fr": 2.0, "es": 2.0, "pt": 2.0, "de": 2.0, "ru": 2.0, "ar": 2.0, "hr": 2.0}
OWN_LANGUAGE_MIN_NGRAMS = 120  # a paragraph needs this much evidence to differ from its group
OWN_LANGUAGE_MIN_MARGIN = 0.4  # mean log-probability gain per n-gram over the group's language
SHARE_DECIMALS = 3


class _Profiles:
    """langdetect's n-gram profiles as a log-probability matrix (n-gram x language)."""

    def __init__(self, directory: Path):
        languages: list[str] = []
        frequencies: list[dict[str, int]] = []
        totals: list[list[int]] = []
        for path in sorted(directory.iterdir()):
            profile = json.loads(path.read_text(encoding="utf-8"))
            languages.append(profile["name"])
            frequencies.append(profile["freq"])
            totals.append(profile["n_words"])
        # n-grams of one space-padded word: never a space alone, never two spaces in a row
        grams = [[gram for gram in freq if 1 <= len(gram) <= 3 and gram != " " and "  " not in gram]
                 for freq in frequencies]
        gram_keys = [_gram_keys(language_grams) for language_grams in grams]
        # rows ordered by each n-gram's integer key, so a key's position in `keys` is its row
        self.keys = np.unique(np.concatenate(gram_keys))
        probabilities = np.zeros((len(self.keys), len(languages)), dtype=np.float64)
        for column, (freq, language_grams, keys, total) in enumerate(zip(frequencies, grams, gram_keys, totals)):
            counts = np.fromiter((freq[gram] for gram in language_grams), dtype=np.float64, count=len(language_grams))
            lengths = np.fromiter(map(len, language_grams), dtype=np.int64, count=len(language_grams))
            probabilities[np.searchsorted(self.keys, keys), column] = counts / np.asarray(total, dtype=np.float64)[lengths - 1]
        log_probabilities = np.log(probabilities + SMOOTHING).astype(np.float32)
        codes = [PROFILE_CODES.get(name, name) for name in languages]
        self.languages = tuple(sorted(set(codes)))
        # one contiguous matrix per script, holding only the languages written in it
        self.priors = {script: np.array([LANGUAGE_PRIORS.get(c, 0.0) for c in candidates], dtype=np.float32)
                       for script, candidates in SCRIPT_CANDIDATES.items()}
        self.matrices = {script: np.ascontiguousarray(log_probabilities[:, [codes.index(c) for c in candidates]])
                         for script, candidates in SCRIPT_CANDIDATES.items()}


CODE_BITS = 21  # every Unicode code point fits in 21 bits


def _gram_keys(grams: list[str]) -> np.ndarray:
    """Each n-gram (n <= 3) as one integer: its code points side by side. Code points are never 0,
    so 1-, 2- and 3-gram keys fall in disjoint ranges."""
    lengths = np.fromiter(map(len, grams), dtype=np.int64, count=len(grams))
    codes = np.frombuffer("".join(grams).encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)
    ends = np.cumsum(lengths)
    # a code point's shift is its distance from the end of its n-gram
    shifts = ((np.repeat(ends, lengths) - 1 - np.arange(len(codes))) * CODE_BITS).astype(np.uint64)
    return np.add.reduceat(codes << shifts, ends - lengths)


@cache
def _profiles() -> _Profiles:
    return _Profiles(Path(PROFILES_DIRECTORY))


@cache
def _script(char: str) -> str:
    return SCRIPT_BLOCKS[bisect.bisect_right(BLOCK_STARTS, ord(char)) - 1][1]


class _NormalizationTable(dict):
    """str.translate table applying langdetect's per-character normalisation, filled on demand."""

    def __missing__(self, code_point: int) -> str:
        self[code_point] = NGram.normalize(chr(code_point))
        return self[code_point]


NORMALIZATION = _NormalizationTable()
LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")
# anything but Latin letters, digits, punctuation and spaces (general punctuation: curly quotes, dashes)
NOT_LATIN_TEXT = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\u2000-\u206f]")


def detect_language(text: str) -> LanguageResult:
    """Main language of `text` (ISO 639-1, "und" without letters) and per-paragraph shares."""
    paragraphs = [(p, _script_counts(p)) for p in PARAGRAPH_SPLIT.split(text or "")]
    paragraphs = [(p, counts) for p, counts in paragraphs if counts]
    if not paragraphs:
        return LanguageResult(UNDETERMINED, ())
    languages = _paragraph_languages(paragraphs)
    sizes: Counter = Counter()
    for (paragraph, _), language in zip(paragraphs, languages):
        sizes[language] += len(paragraph)
    total = sum(sizes.values())
    ranked = sorted(sizes.items(), key=lambda item: (-item[1], item[0]))
    shares = tuple((language, round(size / total, SHARE_DECIMALS)) for language, size in ranked)
    return LanguageResult(ranked[0][0], shares)


def _script_counts(paragraph: str) -> Counter:
    """Letters of each script in the paragraph's beginning (digits, punctuation, symbols ignored)."""
    sample = paragraph[:SCRIPT_SAMPLE_CHARS]
    if not NOT_LATIN_TEXT.search(sample):  # the common case, without a per-character pass
        return Counter(latin=len(sample)) if LATIN_LETTER.search(sample) else Counter()
    counts: Counter = Counter()
    for char, n in Counter(sample).items():
        script = _script(char)
        if script != "-" and char.isalpha():
            counts[script] += n
    return counts


def _paragraph_languages(paragraphs: list[tuple[str, Counter]]) -> list[str]:
    languages: list[str | None] = []
    groups: dict[str, list[int]] = defaultdict(list)  # script -> paragraphs the n-gram model decides
    for i, (_, counts) in enumerate(paragraphs):
        script = counts.most_common(1)[0][0]
        if script in CJK_SCRIPTS:
            languages.append(_cjk_language(counts))
        elif script in SCRIPT_LANGUAGE:
            languages.append(SCRIPT_LANGUAGE[script])
        else:
            languages.append(None)
            groups[script].append(i)
    for script, members in groups.items():
        for i, language in zip(members, _group_languages(script, [paragraphs[i][0] for i in members])):
            languages[i] = language
    return languages  # type: ignore[return-value]  # every None was filled by its group


def _cjk_language(counts: Counter) -> str:
    hangul, kana, han = counts["hangul"], counts["kana"], counts["han"]
    if hangul >= kana and hangul * 4 >= han:  # Korean prose may carry some hanja
        return "ko"
    if kana >= KANA_SHARE_FOR_JAPANESE * (kana + han):
        return "ja"
    return "zh"


def _group_languages(script: str, paragraphs: list[str]) -> list[str]:
    """Languages of paragraphs that share a multi-language script (one n-gram model call)."""
    candidates = SCRIPT_CANDIDATES.get(script)
    if candidates is None:  # a script langdetect has no profile for: say nothing wrong
        return [UNDETERMINED] * len(paragraphs)
    profiles = _profiles()
    # every paragraph contributes its beginning; many paragraphs are thinned out evenly
    quota = max(PARAGRAPH_MIN_SAMPLE_CHARS, min(PARAGRAPH_SAMPLE_CHARS, SAMPLE_CHARS // len(paragraphs)))
    stride = math.ceil(len(paragraphs) * quota / SAMPLE_CHARS)
    rows: list[np.ndarray] = []
    spans: list[tuple[int, int, int]] = []  # (paragraph, first row, end row) of each sampled paragraph
    end = 0
    for i in range(0, len(paragraphs), stride):
        rows.append(_ngram_rows(paragraphs[i][:quota], script, profiles.keys))
        start, end = end, end + len(rows[-1])
        spans.append((i, start, end))
    prior = profiles.priors[script]
    if not end:  # letters, but only acronyms or single capitals ("ITU PP-22"): the likeliest language
        return [candidates[int(np.argmax(prior))]] * len(paragraphs)
    scores = profiles.matrices[script].take(np.concatenate(rows), axis=0)
    group_choice = int(np.argmax(scores.sum(axis=0) + prior))
    languages = [candidates[group_choice]] * len(paragraphs)
    # paragraphs with enough n-grams may read as another language: their sums in one numpy call
    long_spans = [(i, start, stop) for i, start, stop in spans if stop - start >= OWN_LANGUAGE_MIN_NGRAMS]
    if long_spans:
        bounds = sorted({b for _, start, stop in long_spans for b in (start, stop)} - {end})
        sums = dict(zip(bounds, np.add.reduceat(scores, bounds) + prior))
        for i, start, stop in long_spans:
            own_scores = sums[start]
            own = int(np.argmax(own_scores))
            if own_scores[own] - own_scores[group_choice] >= OWN_LANGUAGE_MIN_MARGIN * (stop - start):
                languages[i] = candidates[own]
    return languages


def _ngram_rows(text: str, script: str, keys: np.ndarray) -> np.ndarray:
    """Profile rows of the 1-3-grams of `text`'s words written in `script` (langdetect's scheme).

    Words are joined by two spaces: every n-gram of the joined string is then an n-gram of one
    space-padded word, or contains two spaces and is absent from the profiles. The n-grams are
    looked up all at once as integer keys (3-grams, then 2-grams, then 1-grams, each in text order).
    """
    words = [word for word in URL_OR_EMAIL.sub(" ", text).translate(NORMALIZATION).split()
             # foreign-script words and acronyms (langdetect skips capital words too) say nothing
             if _script(word[0]) == script and not (len(word) > 1 and word.isupper())]
    joined = f" {'  '.join(words)} "
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)
    pairs = (codes[:-1] << CODE_BITS) | codes[1:]
    grams = np.concatenate(((pairs[:-1] << CODE_BITS) | codes[2:], pairs, codes))
    positions = np.minimum(np.searchsorted(keys, grams), len(keys) - 1)
    return positions[keys[positions] == grams]
