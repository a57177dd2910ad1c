"""Quality and speed of the language and document-type steps.

    .venv/bin/python benchmarks/classify.py

Prints: seeds doc_type and language accuracy (against ../shared/eval/gold_seeds.json); UN General
Debate speeches classified `speech`; article-extraction-benchmark pages classified `news_article`
or `blog_post`; langid_passages accuracy on the languages langdetect has profiles for; langid_lingua
sentence accuracy for ten languages; documents per second of each step.
"""
from __future__ import annotations

import gzip
import json
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from extractors.boilerplate import strip_boilerplate  # noqa: E402
from extractors.doctype import classify_document  # noqa: E402
from extractors.language import _profiles, detect_language  # noqa: E402
from extractors.loaders import load_document  # noqa: E402
from extractors.model import CleanDocument, LoadedDocument  # noqa: E402

SHARED = REPO.parent / "shared"
DEVDATA = SHARED / "devdata"
LINGUA_LANGUAGES = ("en", "fr", "es", "pt", "de", "ru", "ar", "zh", "ko", "hr")
NORWEGIAN = {"nb": "no", "nn": "no"}  # langdetect has one Norwegian profile


def main() -> None:
    timings: Counter = Counter()
    counts: Counter = Counter()
    started = time.perf_counter()
    _profiles()  # once per process; not part of the per-document figures
    profile_seconds = time.perf_counter() - started
    seeds = _prepare(sorted((REPO / "seeds").iterdir()), timings, counts)
    speeches = _prepare(sorted((DEVDATA / "un_general_debate_speeches" / "txt").glob("*.txt")), timings, counts)
    pages = _prepare(sorted((DEVDATA / "article_extraction_benchmark" / "html").glob("*.html.gz")), timings, counts)

    gold = {item["file"]: item for item in json.loads((SHARED / "eval" / "gold_seeds.json").read_text(encoding="utf-8"))}
    seed_results = [(name, *_classify(loaded, clean, timings, counts)) for name, loaded, clean in seeds]
    type_hits = sum(doc_type == gold[name]["doc_type"] for name, _, doc_type in seed_results if name in gold)
    language_hits = sum(language == gold[name]["language"] for name, language, _ in seed_results if name in gold)
    print(f"seeds: doc_type_accuracy {type_hits / len(gold):.3f}, language_accuracy {language_hits / len(gold):.3f} "
          f"({len(gold)} documents)")
    for name, language, doc_type in seed_results:
        print(f"  {name}: {doc_type} ({gold.get(name, {}).get('doc_type')}), {language} ({gold.get(name, {}).get('language')})")

    speech_types = Counter(_classify(loaded, clean, timings, counts)[1] for _, loaded, clean in speeches)
    _share("un_general_debate_speeches", speech_types, ("speech",))
    page_types = Counter(_classify(loaded, clean, timings, counts)[1] for _, loaded, clean in pages)
    _share("article_extraction_benchmark", page_types, ("news_article", "blog_post"))

    _passages()
    _lingua_sentences()

    print(f"speed (documents/second, this machine, single process; language profiles load once in {profile_seconds:.2f} s):")
    print(f"  (mean cleaned body: {counts['body_chars'] / counts['type']:.0f} characters)")
    for step in ("load", "clean", "language", "type"):
        if counts[step]:
            print(f"  {step:9s} {counts[step] / timings[step]:10.0f} docs/s  ({1000 * timings[step] / counts[step]:.3f} ms/doc,"
                  f" {counts[step]} docs)")


def _prepare(paths: list[Path], timings: Counter, counts: Counter) -> list[tuple[str, LoadedDocument, CleanDocument]]:
    prepared = []
    for path in paths:
        data = path.read_bytes()
        name = path.name
        if name.endswith(".gz"):
            data, name = gzip.decompress(data), name.removesuffix(".gz")
        loaded = _timed("load", timings, counts, load_document, name, data)
        prepared.append((path.name, loaded, _timed("clean", timings, counts, strip_boilerplate, loaded)))
    return prepared


def _classify(loaded: LoadedDocument, clean: CleanDocument, timings: Counter, counts: Counter) -> tuple[str, str]:
    counts["body_chars"] += len(clean.body_text)
    language = _timed("language", timings, counts, detect_language, clean.body_text).language
    return language, _timed("type", timings, counts, classify_document, clean, loaded.format, language).doc_type


def _timed(step: str, timings: Counter, counts: Counter, function, *args):
    started = time.perf_counter()
    result = function(*args)
    timings[step] += time.perf_counter() - started
    counts[step] += 1
    return result


def _share(corpus: str, types: Counter, expected: tuple[str, ...]) -> None:
    total = sum(types.values())
    hits = sum(types[t] for t in expected)
    print(f"{corpus}: {100 * hits / max(total, 1):.1f}% {'|'.join(expected)} ({hits}/{total}); all: {dict(types.most_common())}")


def _passages() -> None:
    supported = set(_profiles().languages)
    hits = total = 0
    misses = []
    for path in sorted((DEVDATA / "langid_passages" / "texts").glob("*.txt")):
        code = path.name.split(".")[0]
        code = NORWEGIAN.get(code, code)
        if code not in supported:
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        found = detect_language("\n".join(line for line in lines if not line.startswith("# "))).language
        total += 1
        hits += found == code
        if found != code:
            misses.append(f"{path.name} -> {found}")
    print(f"langid_passages (langdetect languages): {100 * hits / max(total, 1):.1f}% ({hits}/{total}); misses: {misses}")


def _lingua_sentences() -> None:
    results = []
    for code in LINGUA_LANGUAGES:
        path = DEVDATA / "langid_lingua" / "sentences" / f"{code}.txt"
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        hits = sum(detect_language(line).language == code for line in lines)
        results.append((code, hits, len(lines)))
    hits, total = sum(r[1] for r in results), sum(r[2] for r in results)
    print(f"langid_lingua sentences: {100 * hits / total:.1f}% overall; "
          + ", ".join(f"{code} {100 * h / n:.1f}%" for code, h, n in results))


if __name__ == "__main__":
    main()
