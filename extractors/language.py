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
        self.rows = _RowTable(self.keys)


class _RowTable:
    """The row of each profile n-gram key, by cuckoo hashing: a key sits in one of two slots given
    by two multiplicative hashes, so looking up a document's n-grams takes a few numpy gathers
    (a binary search over the ~90k keys reads 17 scattered places per n-gram)."""

    MULTIPLIERS = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F], dtype=np.uint64)  # odd, well mixed
    MAX_MOVES = 500  # moves of other keys while inserting one; beyond that the table grows

    def __init__(self, keys: np.ndarray):
        no_row = len(keys)  # what an empty slot holds; its key is above every n-gram key (63 bits)
        self.keys = np.append(keys, np.uint64(2**64 - 1))
        bits = (3 * len(keys)).bit_length()  # a third full at most
        while (slots := self._fill(keys, bits, no_row)) is None:
            bits += 1
        self.shift = np.uint64(64 - bits)
        self.slots = np.array(slots, dtype=np.int32)

    def _fill(self, keys: np.ndarray, bits: int, no_row: int) -> list[int] | None:
        shift = np.uint64(64 - bits)
        first, second = ((keys * m >> shift).tolist() for m in self.MULTIPLIERS)
        slots = [no_row] * (1 << bits)
        for row in range(len(keys)):
            slot = first[row]
            for _ in range(self.MAX_MOVES):
                row, slots[slot] = slots[slot], row  # take the slot; move its key to its other slot
                if row == no_row:
                    break
                slot = second[row] if slot == first[row] else first[row]
            else:
                return None
        return slots

    def find(self, grams: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Rows of the n-gram keys that are in the profiles, and which ones are."""
        candidates = self.slots.take(grams * self.MULTIPLIERS[:, None] >> self.shift)  # rows in both slots
        hits = self.keys.take(candidates) == grams
        found = hits[0] | hits[1]
        return np.where(hits[0], candidates[0], candidates[1])[found], found


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


class _ScriptTable(dict):
    """Script of each character (a SCRIPT_BLOCKS name), filled on demand."""

    def __missing__(self, char: str) -> str:
        self[char] = SCRIPT_BLOCKS[bisect.bisect_right(BLOCK_STARTS, ord(char)) - 1][1]
        return self[char]


SCRIPTS = _ScriptTable()


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
    paragraphs = [(p, counts) for p in _paragraphs(text or "") if (counts := _script_counts(p))]
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


def _paragraphs(text: str) -> list[str]:
    r"""The pieces between whitespace runs that hold a line break: `re.split(r"\s*\n\s*", text)`
    without that regex's retry at every space of the text."""
    lines = text.split("\n")
    if len(lines) == 1:
        return lines
    first, *middle, last = lines
    # whitespace before the first line break and after the last one is no separator
    return [first.rstrip(), *filter(None, map(str.strip, middle)), last.lstrip()]


def _script_counts(paragraph: str) -> dict[str, int]:
    """Letters of each script in the paragraph's beginning (digits, punctuation, symbols ignored)."""
    sample = paragraph[:SCRIPT_SAMPLE_CHARS]
    if not NOT_LATIN_TEXT.search(sample):  # the common case, without a per-character pass
        return {"latin": len(sample)} if LATIN_LETTER.search(sample) else {}
    counts: dict[str, int] = {}
    for char, n in Counter(sample).items():
        script = SCRIPTS[char]
        if script != "-" and char.isalpha():
            counts[script] = counts.get(script, 0) + n
    return counts


def _paragraph_languages(paragraphs: list[tuple[str, dict[str, int]]]) -> list[str]:
    languages: list[str | None] = []
    groups: dict[str, list[int]] = defaultdict(list)  # script -> paragraphs the n-gram model decides
    for i, (_, counts) in enumerate(paragraphs):
        script = max(counts, key=counts.__getitem__)  # the first of equals, as Counter.most_common
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


def _cjk_language(counts: dict[str, int]) -> str:
    hangul, kana, han = counts.get("hangul", 0), counts.get("kana", 0), counts.get("han", 0)
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
    sampled = range(0, len(paragraphs), stride)
    rows, row_ends = _ngram_rows([paragraphs[i][:quota] for i in sampled], script, profiles.rows)
    prior = profiles.priors[script]
    if not len(rows):  # letters, but only acronyms or single capitals ("ITU PP-22"): the likeliest language
        return [candidates[int(np.argmax(prior))]] * len(paragraphs)
    scores = profiles.matrices[script].take(rows, axis=0)
    group_choice = int(np.argmax(_column_sums(scores) + prior))
    languages = [candidates[group_choice]] * len(paragraphs)
    # paragraphs with enough n-grams may read as another language: their sums in one numpy call
    # (reduceat adds pairwise, unlike _column_sums; the margins were set on these very sums)
    long_spans = [(i, start, stop) for i, start, stop in zip(sampled, [0, *row_ends], row_ends)
                  if stop - start >= OWN_LANGUAGE_MIN_NGRAMS]  # (paragraph, first row, end row)
    if long_spans:
        bounds = sorted({b for _, start, stop in long_spans for b in (start, stop)} - {len(rows)})
        sums = np.add.reduceat(scores, bounds) + prior
        own_scores = sums[[bounds.index(start) for _, start, _ in long_spans]]
        owns = own_scores.argmax(axis=1)
        gains = own_scores[np.arange(len(owns)), owns] - own_scores[:, group_choice]
        for (i, start, stop), own, gain in zip(long_spans, owns, gains):
            if gain >= OWN_LANGUAGE_MIN_MARGIN * (stop - start):
                languages[i] = candidates[own]
    return languages


def _column_sums(scores: np.ndarray) -> np.ndarray:
    """Column sums of a C-contiguous float32 matrix, adding row after row into the result exactly
    as `scores.sum(axis=0)` does, with a third of its overhead per row."""
    return np.einsum("ij->j", scores)


def _ngram_rows(samples: list[str], script: str, table: _RowTable) -> tuple[np.ndarray, list[int]]:
    """Profile rows of the 1-3-grams of each sample's words written in `script` (langdetect's
    scheme), and the end row of each sample. Rows come sample by sample; within a sample, 3-grams,
    then 2-grams, then 1-grams, each in text order (float32 sums of the rows depend on that order).

    Words are joined by two spaces: every n-gram of the joined string is then an n-gram of one
    space-padded word, or contains two spaces and is absent from the profiles. All samples are
    joined into one string that way (each begins and ends with a space), so their n-grams are
    looked up at once as integer keys.
    """
    texts = [f" {'  '.join(_words(sample, script))} " for sample in samples]
    codes = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)
    pairs = (codes[:-1] << CODE_BITS) | codes[1:]
    grams = np.concatenate(((pairs[:-1] << CODE_BITS) | codes[2:], pairs, codes))
    # an n-gram belongs to the sample of its first character (n-grams across samples are not found)
    char_samples = np.repeat(np.arange(len(texts)), [len(text) for text in texts])
    gram_samples = np.concatenate((char_samples[:-2], char_samples[:-1], char_samples))
    rows, found = table.find(grams)
    found_samples = gram_samples[found]
    # a stable sort by sample keeps each sample's 3-grams, 2-grams and 1-grams in that order
    by_sample = np.argsort(found_samples, kind="stable")
    row_ends = np.cumsum(np.bincount(found_samples, minlength=len(texts)))
    return rows[by_sample], row_ends.tolist()


def _words(text: str, script: str) -> list[str]:
    """langdetect-normalised words of `text` written in `script`, URLs and e-mail addresses left out."""
    # every URL or address holds one of these; the regex is slow, retrying at every letter
    if "@" in text or "http" in text or "www." in text:
        text = URL_OR_EMAIL.sub(" ", text)
    return [word for word in text.translate(NORMALIZATION).split()
            # foreign-script words and acronyms (langdetect skips capital words too) say nothing
            if SCRIPTS[word[0]] == script and not (word.isupper() and len(word) > 1)]
