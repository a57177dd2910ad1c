"""Quality and speed of extract_parties.

Prints:
- seeds: parties/persons/organizations/countries P/R/F1 with the matching rules of
  ../shared/eval/score.py (the body comes from the pipeline when it runs, else the raw file);
- meantime_en: person and organisation mention F1 (exact span and overlap) and cross-document
  identity: pairs of gold mentions of one entity that get one party_id (pairwise P/R);
- ner/re3d_en: person/organisation mention F1 (exact and overlap);
- ner/uner PUD (en, de, pt, ru, zh): person/organisation mention F1 (overlap);
- documents/second of extract_parties over all of these texts.

Run: .venv/bin/python benchmarks/parties.py
"""
from __future__ import annotations

import gzip
import importlib.util
import json
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEVDATA = SHARED / "devdata"
sys.path.insert(0, str(REPO))

from extractors.parties import extract_parties  # noqa: E402

KINDS = {"persons": "person", "organizations": "organization", "countries": "country"}
PRONOUNS = {"i", "he", "she", "we", "they", "it", "you", "me", "him", "her", "us", "them", "his", "its", "their"}


def prf(tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P={p:.3f} R={r:.3f} F1={f:.3f} (tp={tp} fp={fp} fn={fn})"


# ---------------------------------------------------------------- seeds

def _scorer():
    path = SHARED / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("plenipo_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _seed_body(path: Path) -> tuple[str, str]:
    try:
        from extractors.pipeline import process_document
        doc = process_document(str(path), path.read_bytes())
        return doc.clean.body_text, "pipeline body"
    except Exception as exc:  # the pipeline is another module's work: fall back and say so
        return path.read_text(encoding="utf-8"), f"raw text ({type(exc).__name__})"


def seeds() -> list[str]:
    gold_path = SHARED / "eval" / "gold_seeds.json"
    if not gold_path.exists():
        return []
    score = _scorer()
    counts = defaultdict(lambda: [0, 0, 0])
    texts, sources = [], Counter()
    for g in json.loads(gold_path.read_text(encoding="utf-8")):
        body, source = _seed_body(REPO / "seeds" / g["file"])
        sources[source] += 1
        texts.append(body)
        preds = [(p.kind, {score.norm_name(n) for n in {p.name, *(m.text for m in p.mentions)}})
                 for p in extract_parties(body, g.get("language", "en"))]
        used = [False] * len(preds)
        for key, kind in KINDS.items():
            for aliases in g.get(key + "_optional", []):
                targets = {score.norm_name(a) for a in aliases}
                for i, (k, names) in enumerate(preds):
                    if k == kind and names & targets:
                        used[i] = True
            for aliases in g.get(key, []):
                targets = {score.norm_name(a) for a in aliases}
                hit = [i for i, (k, names) in enumerate(preds) if k == kind and names & targets]
                for i in hit:
                    used[i] = True
                counts[key][0 if hit else 2] += 1
        for i, (k, _) in enumerate(preds):
            if not used[i]:
                counts[next(key for key, kind in KINDS.items() if kind == k)][1] += 1
    total = [sum(counts[k][n] for k in KINDS) for n in range(3)]
    lines = [f"seeds ({', '.join(f'{n} {s}' for s, n in sources.items())})",
             f"  parties        {prf(*total)}"]
    lines += [f"  {key:14s} {prf(*counts[key])}" for key in KINDS]
    return lines, texts


# ---------------------------------------------------------------- meantime

def load_meantime() -> list[dict]:
    """Documents as {doc, text, gold: [(start, end, kind, instance_id)]}, text rebuilt from tokens."""
    docs = []
    for path in sorted((DEVDATA / "meantime_en" / "xml").glob("*/*.xml.gz")):
        root = ET.fromstring(gzip.decompress(path.read_bytes()))
        pieces, offsets, prev_sentence, pos = [], {}, None, 0
        for tok in root.iter("token"):
            sep = "" if prev_sentence is None else ("\n" if tok.get("sentence") != prev_sentence else " ")
            pos += len(sep)
            offsets[tok.get("t_id")] = (pos, pos + len(tok.text or ""))
            pieces.append(sep + (tok.text or ""))
            pos += len(tok.text or "")
            prev_sentence = tok.get("sentence")
        text = "".join(pieces)
        markables = root.find("Markables")
        mentions = {m.get("m_id"): [a.get("t_id") for a in m.findall("token_anchor")]
                    for m in markables.findall("ENTITY_MENTION") if m.get("syntactic_type") == "NAM"}
        entities = {e.get("m_id"): (e.get("ent_type"), e.get("instance_id")) for e in markables.findall("ENTITY")}
        gold = []
        for rel in root.find("Relations").findall("REFERS_TO"):
            target = rel.find("target").get("m_id")
            if target not in entities or entities[target][0] not in {"PER", "ORG"}:
                continue
            for src in rel.findall("source"):
                anchors = mentions.get(src.get("m_id"))
                if anchors:
                    start = min(offsets[t][0] for t in anchors)
                    end = max(offsets[t][1] for t in anchors)
                    kind = "person" if entities[target][0] == "PER" else "organization"
                    gold.append((start, end, kind, entities[target][1]))
        docs.append({"doc": path.name, "text": text, "gold": gold})
    return docs


def mention_scores(docs: list[dict], predictions: list[list]) -> dict[str, Counter]:
    """Exact-span and overlap matching per kind; also returns the matched (gold, party_id) links."""
    out = {"exact": Counter(), "overlap": Counter()}
    links = []  # (doc index, gold instance, party_id) for overlap-matched gold mentions
    for n, (doc, parties) in enumerate(zip(docs, predictions)):
        pred = [(m.char_start, m.char_end, p.kind, p.party_id) for p in parties
                for m in p.mentions if p.kind in {"person", "organization"}]
        for kind in ("person", "organization"):
            g = [x for x in doc["gold"] if x[2] == kind]
            pk = [x for x in pred if x[2] == kind]
            exact = {(s, e) for s, e, *_ in g} & {(s, e) for s, e, *_ in pk}
            out["exact"][kind + "_tp"] += len(exact)
            out["exact"][kind + "_fp"] += len({(s, e) for s, e, *_ in pk}) - len(exact)
            out["exact"][kind + "_fn"] += len({(s, e) for s, e, *_ in g}) - len(exact)
            g_hit = [x for x in g if any(s < x[1] and x[0] < e for s, e, *_ in pk)]
            p_hit = [x for x in pk if any(s < x[1] and x[0] < e for s, e, *_ in g)]
            out["overlap"][kind + "_tp"] += len(g_hit)
            out["overlap"][kind + "_fn"] += len(g) - len(g_hit)
            out["overlap"][kind + "_fp"] += len(pk) - len(p_hit)
        for s, e, kind, instance in doc["gold"]:
            match = next((pid for ps, pe, pkind, pid in pred if ps < e and s < pe and pkind == kind), None)
            links.append((n, instance, match))
    return out, links


def pairwise_identity(links: list[tuple[int, str, str | None]], cross_only: bool) -> tuple[float, float, int]:
    """Pairwise precision/recall of party_id against the gold instance ids over gold mentions."""
    def pairs(groups: Counter) -> int:
        return sum(c * (c - 1) // 2 for c in groups.values())

    gold_groups, pred_groups, both_groups = Counter(), Counter(), Counter()
    doc_gold, doc_pred, doc_both = Counter(), Counter(), Counter()
    for doc, instance, party in links:
        gold_groups[instance] += 1
        doc_gold[(doc, instance)] += 1
        if party is not None:
            pred_groups[party] += 1
            both_groups[(instance, party)] += 1
            doc_pred[(doc, party)] += 1
            doc_both[(doc, instance, party)] += 1
    g, p, b = pairs(gold_groups), pairs(pred_groups), pairs(both_groups)
    if cross_only:
        g, p, b = g - pairs(doc_gold), p - pairs(doc_pred), b - pairs(doc_both)
    return (b / p if p else 0.0), (b / g if g else 0.0), b


def meantime() -> tuple[list[str], list[str]]:
    if not (DEVDATA / "meantime_en").exists():
        return ["meantime_en: absent"], []
    docs = load_meantime()
    predictions = [extract_parties(d["text"], "en") for d in docs]
    scores, links = mention_scores(docs, predictions)
    lines = [f"meantime_en ({len(docs)} docs, {sum(len(d['gold']) for d in docs)} gold NAM PER/ORG mentions)"]
    for mode in ("exact", "overlap"):
        for kind in ("person", "organization"):
            c = scores[mode]
            lines.append(f"  {kind:12s} mentions {mode:7s} {prf(c[kind + '_tp'], c[kind + '_fp'], c[kind + '_fn'])}")
    for cross in (False, True):
        p, r, b = pairwise_identity(links, cross)
        label = "cross-document pairs" if cross else "all pairs (within + across)"
        lines.append(f"  identity {label:28s} precision={p:.3f} recall={r:.3f} (correct pairs={b})")
    return lines, [d["text"] for d in docs]


# ---------------------------------------------------------------- re3d

def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8-sig").splitlines() if line.strip()]


def re3d() -> tuple[list[str], list[str]]:
    root = DEVDATA / "ner" / "re3d_en"
    if not root.exists():
        return ["re3d_en: absent"], []
    docs = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        entities = defaultdict(list)
        for e in _jsonl(folder / "entities.json"):
            kind = {"Person": "person", "Organisation": "organization"}.get(e["type"])
            value = e.get("value", "")
            if kind and e.get("confidence", 1) >= 0.5 and value[:1].isupper() and value.casefold() not in PRONOUNS:
                entities[e["documentId"]].append((e["begin"], e["end"], kind, None))
        for d in _jsonl(folder / "documents.json"):
            docs.append({"doc": d["_id"], "text": d["text"], "gold": entities.get(d["_id"], [])})
    predictions = [extract_parties(d["text"], "en") for d in docs]
    scores, _ = mention_scores(docs, predictions)
    lines = [f"re3d_en ({len(docs)} docs, {sum(len(d['gold']) for d in docs)} gold Person/Organisation spans, "
             "confidence >= 0.5, capitalised, no pronouns)"]
    for mode in ("exact", "overlap"):
        for kind in ("person", "organization"):
            c = scores[mode]
            lines.append(f"  {kind:12s} mentions {mode:7s} {prf(c[kind + '_tp'], c[kind + '_fp'], c[kind + '_fn'])}")
    return lines, [d["text"] for d in docs]


UNER_SETS = {"en": "English-PUD", "de": "German-PUD", "pt": "Portuguese-PUD", "ru": "Russian-PUD", "zh": "Chinese-PUD"}


def load_uner(folder: Path) -> list[dict]:
    """UNER .iob2 as documents (sentences of one `newdoc` joined by newlines) with char-offset gold."""
    docs: list[dict] = []
    text, gold, sentence, tokens = "", [], "", []

    def flush_sentence():
        nonlocal text, sentence, tokens
        if not sentence:
            return
        base = len(text) + (1 if text else 0)
        text = f"{text}\n{sentence}" if text else sentence
        pos, open_span = 0, None
        for token, tag in tokens:
            start = sentence.find(token, pos)
            if start < 0:
                open_span = None
                continue
            end, pos = start + len(token), start + len(token)
            kind = {"PER": "person", "ORG": "organization"}.get(tag[2:])
            if tag.startswith("B-") and kind:
                open_span = [base + start, base + end, kind]
                gold.append(open_span)
            elif tag.startswith("I-") and open_span is not None and kind == open_span[2]:
                open_span[1] = base + end
            else:
                open_span = None
        sentence, tokens = "", []

    for path in sorted(folder.glob("*.iob2")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# newdoc") and text:
                flush_sentence()
                docs.append({"text": text, "gold": [(s, e, k, None) for s, e, k in gold]})
                text, gold = "", []
            elif line.startswith("# text = "):
                flush_sentence()
                sentence = line[len("# text = "):]
            elif line and not line.startswith("#"):
                cols = line.split("\t")
                if len(cols) >= 3:
                    tokens.append((cols[1], cols[2]))
        flush_sentence()
        if text:
            docs.append({"text": text, "gold": [(s, e, k, None) for s, e, k in gold]})
            text, gold = "", []
    return docs


def uner() -> tuple[list[str], list[str]]:
    root = DEVDATA / "ner" / "uner"
    if not root.exists():
        return ["uner: absent"], []
    lines, texts = ["uner PUD (parallel news/wiki sentences; mentions overlap-matched)"], []
    for language, name in UNER_SETS.items():
        docs = load_uner(root / name)
        predictions = [extract_parties(d["text"], language) for d in docs]
        scores, _ = mention_scores(docs, predictions)
        c = scores["overlap"]
        lines.append(f"  {language} person       {prf(c['person_tp'], c['person_fp'], c['person_fn'])}")
        lines.append(f"  {language} organization {prf(c['organization_tp'], c['organization_fp'], c['organization_fn'])}")
        texts += [d["text"] for d in docs]
    return lines, texts


def warm_up() -> str:
    t0 = time.perf_counter()
    extract_parties("warm-up: Korea, ITU.", "en")
    return f"lexicon build (first call): {time.perf_counter() - t0:.2f} s"


def speed(texts: list[str]) -> list[str]:
    """Throughput over all benchmark texts, repeated for about 5 s; the machine is shared, so the
    best round (least disturbed) is printed beside the overall mean."""
    rounds: list[float] = []
    start = time.perf_counter()
    while time.perf_counter() - start < 5.0 or not rounds:
        t0 = time.perf_counter()
        for text in texts:
            extract_parties(text, "en")
        rounds.append(time.perf_counter() - t0)
    n = len(texts)
    avg_chars = sum(map(len, texts)) / max(n, 1)
    return [f"speed: {n * len(rounds) / sum(rounds):.0f} documents/second mean, {n / min(rounds):.0f} best round "
            f"({n} documents x {len(rounds)} rounds, mean {avg_chars:.0f} chars, one process)"]


def main() -> None:
    print(warm_up())
    seed_lines, seed_texts = seeds()
    meantime_lines, meantime_texts = meantime()
    re3d_lines, re3d_texts = re3d()
    uner_lines, _ = uner()
    for line in seed_lines + meantime_lines + re3d_lines + uner_lines:
        print(line)
    for line in speed(seed_texts + meantime_texts + re3d_texts):
        print(line)


if __name__ == "__main__":
    main()
