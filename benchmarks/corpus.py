"""Generate N realistic, distinct documents from the seeds and ../shared/devdata texts.

Used by the end-to-end benchmark and by the crash (kill) test. Each generated file has
distinct bytes (a varied reference line, shuffled paragraphs, shifted years), so every
file is a new document for the pipeline. The mix is printed by `describe`.
"""
from __future__ import annotations

import gzip
import random
import re
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
YEAR = re.compile(r"\b(19[5-9]\d|20[0-2]\d)\b")


def _seed_texts() -> list[tuple[str, str]]:
    return [("seed", p.read_text(encoding="utf-8")) for p in sorted((REPO / "seeds").glob("*.txt"))]


def _speeches(limit: int) -> list[tuple[str, str]]:
    folder = SHARED / "devdata" / "un_general_debate_speeches" / "txt"
    out = []
    for p in sorted(folder.glob("*.txt"))[:limit] if folder.is_dir() else []:
        text = p.read_text(encoding="utf-8", errors="replace")
        out.append(("speech", text[:4000]))
    return out


def _html_pages(limit: int) -> list[tuple[str, str]]:
    folder = SHARED / "devdata" / "article_extraction_benchmark" / "html"
    out = []
    for p in sorted(folder.glob("*.html.gz"))[:limit] if folder.is_dir() else []:
        out.append(("html", gzip.decompress(p.read_bytes()).decode("utf-8", errors="replace")))
    return out


def _vary(kind: str, text: str, i: int, rng: random.Random) -> str:
    if kind == "html":
        return text.replace("</body>", f"<!-- copy {i} --></body>", 1) if "</body>" in text else text + f"\n<!-- copy {i} -->"
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    if len(paragraphs) > 4:  # keep head and tail (title, sign-off), shuffle some middle paragraphs
        middle = paragraphs[2:-2]
        rng.shuffle(middle)
        paragraphs = paragraphs[:2] + middle + paragraphs[-2:]
    shift = rng.randint(-3, 3)
    body = YEAR.sub(lambda m: str(int(m.group()) + shift), "\n\n".join(paragraphs))
    return body + f"\n\nReference: PLN/{i:06d}\n"


def generate_corpus(out: Path, n: int, seed: int = 0, html_share: float = 0.05) -> Counter:
    """Write n documents into `out` and return how many of each kind were written.

    Mix: `html_share` news pages from the article benchmark; of the rest, half derived
    from the seeds and half from UN General Debate speeches (cut to 4,000 characters).
    """
    rng = random.Random(seed)
    seeds, speeches = _seed_texts(), _speeches(100)
    pages = _html_pages(60)
    out.mkdir(parents=True, exist_ok=True)
    kinds: Counter = Counter()
    for i in range(n):
        if pages and rng.random() < html_share:
            kind, text = rng.choice(pages)
            ext = "html"
        else:  # our domain (press releases, news, ITU documents) half the time, speeches the rest
            kind, text = rng.choice(seeds if not speeches or rng.random() < 0.5 else speeches)
            ext = "txt"
        (out / f"doc_{i:06d}.{ext}").write_text(_vary(kind, text, i, rng), encoding="utf-8")
        kinds[kind] += 1
    return kinds


def describe(kinds: Counter) -> str:
    total = sum(kinds.values()) or 1
    return ", ".join(f"{k} {v} ({100 * v / total:.0f}%)" for k, v in sorted(kinds.items()))


if __name__ == "__main__":
    import sys

    target, count = Path(sys.argv[1]), int(sys.argv[2])
    print(describe(generate_corpus(target, count)))
