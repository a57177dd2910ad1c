"""Loader figures: encoding accuracy on real sentences, the bad-inputs outcomes, and speed.

    .venv/bin/python benchmarks/loaders.py
"""
from __future__ import annotations

import io
import logging
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from reportlab.pdfgen import canvas  # noqa: E402

from extractors.encoding import decode_text  # noqa: E402
from extractors.loaders import load_document  # noqa: E402
from extractors.model import ExtractionError  # noqa: E402

SHARED = REPO.parent / "shared"
LINGUA = SHARED / "devdata" / "langid_lingua" / "sentences"
BADINPUTS = SHARED / "badinputs"
# A superset's reading counts as right (cp932 maps 0x8160 to U+FF5E where Shift_JIS says U+301C).
SUPERSETS = {"shift_jis": "cp932", "euc_kr": "cp949", "gb2312": "gb18030"}
# Languages per legacy encoding they were commonly written in before UTF-8.
LEGACY_ENCODINGS = {
    "cp1252": "en fr es de pt it nl ca da nb sv fi is ga et af eu id ms sq".split(),
    "cp1250": "pl cs sk hu hr sl bs ro".split(),
    "cp1251": "ru uk bg mk sr be kk mn".split(),
    "cp1253": ["el"], "cp1254": ["tr", "az"], "cp1255": ["he"], "cp1256": ["ar", "fa", "ur"], "cp1257": ["lt", "lv"],
    "koi8_r": ["ru"], "cp874": ["th"],
    "cp949": ["ko"], "euc_kr": ["ko"], "gb18030": ["zh"], "gb2312": ["zh"],
    "cp932": ["ja"], "shift_jis": ["ja"], "euc_jp": ["ja"],
}


def encoding_accuracy(sentences_per_text: int) -> tuple[int, int, dict[str, tuple[int, int]]]:
    """Texts of N real sentences, encoded in a legacy encoding: how many decode exactly."""
    total = correct = 0
    per_encoding: dict[str, tuple[int, int]] = {}
    for codec, languages in LEGACY_ENCODINGS.items():
        ok = count = 0
        for lang in languages:
            lines = (LINGUA / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
            for start in range(0, len(lines), sentences_per_text):
                text = " ".join(lines[start:start + sentences_per_text])
                try:
                    data = text.encode(codec)
                    data.decode("utf-8")
                    continue  # ASCII-only (or valid UTF-8 by accident): nothing to detect
                except UnicodeEncodeError:
                    continue
                except UnicodeDecodeError:
                    pass
                count += 1
                try:
                    ok += decode_text(data)[0] in {data.decode(codec), data.decode(SUPERSETS.get(codec, codec))}
                except ExtractionError:
                    pass
        per_encoding[codec] = (ok, count)
        total, correct = total + count, correct + ok
    return correct, total, per_encoding


def badinputs_table() -> None:
    print(f"{'file':42s} {'seconds':>7s}  outcome")
    for path in sorted(BADINPUTS.iterdir()):
        if path.suffix in {".md", ".tsv"}:
            continue
        start = time.perf_counter()
        try:
            loaded = load_document(str(path), path.read_bytes())
            outcome = (f"document {loaded.format} {loaded.encoding or ''} {len(loaded.text)} chars"
                       f"{f', {len(loaded.warnings)} warnings' if loaded.warnings else ''}")
        except ExtractionError as exc:
            outcome = f"failure {exc.reason}"
        print(f"{path.name:42s} {time.perf_counter() - start:7.3f}  {outcome}")


def per_call_ms(function, runs: int) -> float:
    for _ in range(min(runs, 50)):
        function()
    start = time.perf_counter()
    for _ in range(runs):
        function()
    return (time.perf_counter() - start) / runs * 1000


def sample_pdf(pages: int) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(595, 842))
    for number in range(pages):
        for row in range(45):
            pdf.drawString(60, 800 - row * 17, f"Page {number + 1}, line {row + 1}: the Council adopted the resolution.")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def main() -> None:
    logging.disable(logging.WARNING)
    if LINGUA.is_dir():
        for group in (5, 1):
            correct, total, per_encoding = encoding_accuracy(group)
            print(f"encoding accuracy, texts of {group} sentence(s): {correct}/{total} = {correct / total:.3f}")
            print("  " + ", ".join(f"{codec} {ok}/{n}" for codec, (ok, n) in per_encoding.items()))
    if BADINPUTS.is_dir():
        badinputs_table()
    small_txt = ("GENEVA, 3 May 2024 - The Secretary-General met the Minister today.\n" * 20).encode()
    print(f"small UTF-8 .txt ({len(small_txt)} bytes): {per_call_ms(lambda: load_document('a.txt', small_txt), 5000):.4f} ms/doc")
    legacy_txt = ("Ministère des Affaires étrangères : communiqué de presse du 3 mai 2024.\n" * 20).encode("cp1252")
    print(f"small cp1252 .txt ({len(legacy_txt)} bytes): {per_call_ms(lambda: load_document('a.txt', legacy_txt), 200):.3f} ms/doc")
    pdf = sample_pdf(20)
    print(f"20-page text PDF (2,300 chars/page): {per_call_ms(lambda: load_document('a.pdf', pdf), 2) / 20:.1f} ms/page")


if __name__ == "__main__":
    main()
