"""Multi-page PDFs with running headers, footers, page numbers and document symbols (reportlab).

Built at test time from seed texts, so nothing binary lives in the repository. Body paragraphs
are separated by blank lines; a form feed ("\\f") in the body forces a page break right there,
even mid-sentence, as in documents assembled from several letters.
"""
from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import pdfplumber
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

from extractors.model import PdfLine, PdfPage

FONT, FONT_SIZE, LEADING = "Helvetica", 11, 14
PARAGRAPH_SPACE = 10
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 72, 120, 90
SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def build_pdf(body: str, *, header_lines: Sequence[str] = (), running_symbol: str | None = None,
              footer: str | None = "Page {n} of {total}", symbol_on_first_page: bool = False) -> bytes:
    """A PDF of `body` with a letterhead/header on every page, a symbol on later pages, and a footer."""
    pages = _layout(body)
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    width, height = A4
    for number, lines in enumerate(pages, start=1):
        y = height - 40
        if running_symbol and (number > 1 or symbol_on_first_page):
            pdf.setFont(FONT, 9)
            pdf.drawRightString(width - MARGIN_X, y, running_symbol)
            y -= 12
        pdf.setFont("Helvetica-Bold", 12)
        for header in header_lines:
            pdf.drawString(MARGIN_X, y - 6, header)
            y -= 15
        pdf.setFont(FONT, FONT_SIZE)
        for text, top in lines:
            pdf.drawString(MARGIN_X, height - top, text)
        if footer:
            pdf.setFont(FONT, 9)
            pdf.drawCentredString(width / 2, 40, footer.format(n=number, total=len(pages)))
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def seed_body(name: str) -> str:
    """A seed's text as PDF body: markdown emphasis dropped, characters outside WinAnsi removed."""
    text = (SEEDS / name).read_text(encoding="utf-8").replace("***", "").replace("**", "").replace("*", "")
    return text.encode("cp1252", "ignore").decode("cp1252")


def load_pages(data: bytes) -> tuple[PdfPage, ...]:
    """PDF bytes -> pages of lines with geometry (top-left origin), as the loader produces them."""
    pages = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            lines = tuple(PdfLine(text=line["text"], x0=line["x0"], x1=line["x1"], top=line["top"], bottom=line["bottom"])
                          for line in page.extract_text_lines() if line["text"].strip())
            pages.append(PdfPage(number=number, width=float(page.width), height=float(page.height), lines=lines))
    return tuple(pages)


def _layout(body: str) -> list[list[tuple[str, float]]]:
    """Wrap the body into lines and pages: (text, distance from the top of the page)."""
    _, height = A4
    usable = A4[0] - 2 * MARGIN_X
    pages: list[list[tuple[str, float]]] = [[]]
    top = MARGIN_TOP
    for chunk_index, chunk in enumerate(body.split("\f")):
        if chunk_index:
            pages.append([])
            top = MARGIN_TOP
        for paragraph in (p for p in chunk.split("\n\n") if p.strip()):
            for raw_line in paragraph.strip().split("\n"):
                for line in simpleSplit(raw_line.strip(), FONT, FONT_SIZE, usable) or [""]:
                    if top > height - MARGIN_BOTTOM:
                        pages.append([])
                        top = MARGIN_TOP
                    pages[-1].append((line, top))
                    top += LEADING
            top += PARAGRAPH_SPACE
    return [page for page in pages if page]
