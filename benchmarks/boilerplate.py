"""Boilerplate removal quality and speed (issue 3).

Runs the pipeline's own path (load_document -> strip_boilerplate) and prints:
- seeds: `body_kept` and `boilerplate_removed` exactly as ../shared/eval/score.py computes them;
- article_extraction_benchmark: token-level F1 of body_text against `articleBody`. Tokens are
  Unicode word runs (\\w+), lower-cased; per page, precision and recall are the overlap of the two
  bags of tokens (multiset intersection) over the predicted and the gold bag; F1 per page, then
  averaged over the 181 pages. The benchmark's own 4-gram-shingle variant is printed too;
- trafilatura_eval: share of `with` snippets kept in body_text, share of `without` snippets absent
  (NFKC + whitespace normalised substring tests);
- speed: documents per second of the text-level pass (the typical document is about 3 KB),
  and of the whole HTML path (decode + main-content extraction + text pass).
With --baseline, the same figures for plain trafilatura (bare_extraction, default settings).

Usage: .venv/bin/python benchmarks/boilerplate.py [--baseline]
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))

from extractors.boilerplate import clean_text, strip_boilerplate  # noqa: E402
from extractors.loaders import load_document  # noqa: E402
from extractors.model import ExtractionError  # noqa: E402

AEB = SHARED / "devdata" / "article_extraction_benchmark"
TRAF = SHARED / "devdata" / "trafilatura_eval"
GOLD_SEEDS = SHARED / "eval" / "gold_seeds.json"
TOKEN = re.compile(r"\w+")
QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
SHINGLE = 4


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).translate(QUOTES)).strip()


def body_of(name: str, data: bytes) -> str:
    try:
        return strip_boilerplate(load_document(name, data)).body_text
    except ExtractionError:
        return ""


def trafilatura_body(name: str, data: bytes) -> str:
    import trafilatura
    from trafilatura.utils import decode_file
    doc = trafilatura.bare_extraction(decode_file(data), include_comments=False)
    return (doc.text or "") if doc else ""


def overlap_f1(gold: Counter, predicted: Counter) -> tuple[float, float, float]:
    common = sum((gold & predicted).values())
    p = common / sum(predicted.values()) if predicted else (1.0 if not gold else 0.0)
    r = common / sum(gold.values()) if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def shingles(tokens: list[str]) -> Counter:
    return Counter(tuple(tokens[i:i + SHINGLE]) for i in range(max(len(tokens) - SHINGLE + 1, 1))) if tokens else Counter()


def article_benchmark(extract: Callable[[str, bytes], str]) -> dict[str, float]:
    truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    rows, shingle_rows = [], []
    start = time.perf_counter()
    for key, item in truth.items():
        predicted = extract(f"{key}.html", gzip.open(AEB / "html" / f"{key}.html.gz").read())
        gold_tokens, predicted_tokens = TOKEN.findall(item["articleBody"].lower()), TOKEN.findall(predicted.lower())
        rows.append(overlap_f1(Counter(gold_tokens), Counter(predicted_tokens)))
        shingle_rows.append(overlap_f1(shingles(gold_tokens), shingles(predicted_tokens)))
    n = len(rows)
    return {"pages": n, "precision": sum(r[0] for r in rows) / n, "recall": sum(r[1] for r in rows) / n,
            "f1": sum(r[2] for r in rows) / n, "f1_shingle4": sum(r[2] for r in shingle_rows) / n,
            "pages_per_s": n / (time.perf_counter() - start)}


def trafilatura_eval(extract: Callable[[str, bytes], str]) -> dict[str, float]:
    gold = json.loads((TRAF / "gold.json").read_text(encoding="utf-8"))
    kept = with_total = removed = without_total = 0
    for name, item in gold.items():
        body = norm(extract(name, gzip.open(TRAF / "html" / f"{name}.gz").read()))
        with_total += len(item["with"])
        kept += sum(norm(s) in body for s in item["with"])
        without_total += len(item["without"])
        removed += sum(norm(s) not in body for s in item["without"])
    return {"pages": len(gold), "with_kept": kept / with_total, "without_removed": removed / without_total}


def seeds() -> dict[str, float]:
    gold = json.loads(GOLD_SEEDS.read_text(encoding="utf-8"))
    kept = body_total = removed = bp_total = 0
    for item in gold:
        path = REPO / "seeds" / item["file"]
        body = norm(body_of(path.name, path.read_bytes()))
        body_total += len(item.get("body_must_contain", []))
        kept += sum(norm(s) in body for s in item.get("body_must_contain", []))
        for s in item.get("boilerplate_must_not_contain", []):
            bp_total += 1
            removed += norm(s) not in body
        for s in item.get("boilerplate_max_once", []):
            bp_total += 1
            removed += body.count(norm(s)) <= 1
    return {"docs": len(gold), "body_kept": kept / max(body_total, 1), "boilerplate_removed": removed / max(bp_total, 1)}


def text_pass_speed(texts: list[str], rounds: int = 7) -> dict[str, float]:
    """The text-level pass alone (whole-page mode, as for .txt sources).

    CPU time of the process (not wall time), fastest of several rounds: the machine is shared,
    and wall time under load measures other processes rather than this code."""
    size = sum(len(t.encode("utf-8")) for t in texts)
    elapsed = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for text in texts:
            clean_text(text)
        elapsed = min(elapsed, time.process_time() - start)
    return {"docs": len(texts), "mean_kb": size / len(texts) / 1024, "docs_per_s": len(texts) / elapsed,
            "ms_per_doc": 1000 * elapsed / len(texts), "ms_per_3kb": 1000 * elapsed / (size / 3072)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", action="store_true", help="also score plain trafilatura")
    args = parser.parse_args()
    if GOLD_SEEDS.exists():
        s = seeds()
        print(f"seeds ({s['docs']} docs): body_kept {s['body_kept']:.4f}  boilerplate_removed {s['boilerplate_removed']:.4f}")
    systems = [("plenipo", body_of)] + ([("trafilatura (plain)", trafilatura_body)] if args.baseline else [])
    for label, extract in systems:
        if AEB.exists():
            a = article_benchmark(extract)
            print(f"article_extraction_benchmark [{label}] ({a['pages']} pages): token F1 {a['f1']:.4f} "
                  f"(P {a['precision']:.4f} R {a['recall']:.4f}; 4-gram shingle F1 {a['f1_shingle4']:.4f}) "
                  f"{a['pages_per_s']:.1f} pages/s")
        if TRAF.exists():
            t = trafilatura_eval(extract)
            print(f"trafilatura_eval [{label}] ({t['pages']} pages): must-contain kept {t['with_kept']:.4f}  "
                  f"must-not-contain removed {t['without_removed']:.4f}")
    corpora = [("seed texts", [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))])]
    if AEB.exists():
        truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
        corpora.append(("article bodies", [item["articleBody"] for item in truth.values()]))
    for label, texts in corpora:
        v = text_pass_speed(texts)
        print(f"text-level pass on {v['docs']} {label} (CPU time): {v['docs_per_s']:.0f} docs/s, {v['ms_per_doc']:.3f} ms/doc "
              f"(mean {v['mean_kb']:.1f} KB), {v['ms_per_3kb']:.3f} ms per 3 KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
