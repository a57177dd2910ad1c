"""Build the binary documents of the unseen corpus (two PDFs, one DOCX) into a folder.

Binaries are not committed: tests/test_unseen.py and benchmarks/unseen.py call `build(folder)`.
Run by hand with `.venv/bin/python tests/corpus/make_binary.py OUT_DIR` to look at them.

The PDFs have what real ones have and a text layer has to survive: a first-page letterhead,
a running header and a "Page N of M" footer on every page, lines wrapped by the layout, and
one sentence that breaks across a page boundary (pdf_page_break below).
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.shared import Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 56
BODY_TOP = PAGE_HEIGHT - 110
BODY_BOTTOM = 80
FONT, BOLD, SIZE, LEADING = "Helvetica", "Helvetica-Bold", 10.5, 14


@dataclass(frozen=True)
class Block:
    """One paragraph of a PDF page; `bold` for headings, `right` for the symbol block."""

    text: str
    bold: bool = False
    right: bool = False
    gap: float = 8


@dataclass(frozen=True)
class PdfSpec:
    name: str
    running_header: str  # printed on every page after the first, with "- N -" above it
    first_page_header: tuple[str, ...]  # letterhead lines on page 1 only
    pages: tuple[tuple[Block, ...], ...]
    footer: str = "Page {page} of {pages}"
    header_on_first_page: bool = False


def _draw_page(c: Canvas, spec: PdfSpec, number: int, blocks: tuple[Block, ...]) -> None:
    total = len(spec.pages)
    c.setFont(FONT, 8.5)
    if number > 1 or spec.header_on_first_page:
        if number > 1:
            c.drawCentredString(PAGE_WIDTH / 2, PAGE_HEIGHT - 40, f"- {number} -")
        c.drawRightString(PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 54, spec.running_header)
    c.drawCentredString(PAGE_WIDTH / 2, 40, spec.footer.format(page=number, pages=total))
    y = BODY_TOP
    if number == 1:
        c.setFont(BOLD, 11)
        y = PAGE_HEIGHT - 80
        for line in spec.first_page_header:
            c.drawString(MARGIN, y, line)
            y -= LEADING
        y -= 10
    for block in blocks:
        font = BOLD if block.bold else FONT
        c.setFont(font, SIZE)
        width = PAGE_WIDTH - 2 * MARGIN
        for line in simpleSplit(block.text, font, SIZE, width):
            if y < BODY_BOTTOM:
                raise ValueError(f"{spec.name}: page {number} overflows at {line!r}")
            if block.right:
                c.drawRightString(PAGE_WIDTH - MARGIN, y, line)
            else:
                c.drawString(MARGIN, y, line)
            y -= LEADING
        y -= block.gap


def write_pdf(spec: PdfSpec, folder: Path) -> Path:
    path = folder / spec.name
    c = Canvas(str(path), pagesize=A4, invariant=1)
    for number, blocks in enumerate(spec.pages, start=1):
        _draw_page(c, spec, number, blocks)
        c.showPage()
    c.save()
    return path


ITU_CANDIDACY = PdfSpec(
    name="u14_itu_candidacy.pdf",
    running_header="PP-22/41-E",
    first_page_header=("PLENIPOTENTIARY CONFERENCE (PP-22)", "Bucharest, 26 September \u2013 14 October 2022"),
    pages=(
        (
            Block("PLENARY MEETING", bold=True),
            Block("Document 41-E", right=True, gap=0),
            Block("14 June 2022", right=True, gap=0),
            Block("Original: French", right=True, gap=14),
            Block("Note by the Secretary-General", bold=True),
            Block("CANDIDACY FOR MEMBERSHIP OF THE RADIO REGULATIONS BOARD (RRB)", bold=True, gap=12),
            Block("I have the honour to transmit to the Conference, in annex, the candidacy of:"),
            Block("Ms Amina NDIAYE (Republic of Senegal)", bold=True),
            Block("for membership of the Radio Regulations Board.", gap=20),
            Block("Houlin ZHAO", gap=0),
            Block("Secretary-General", gap=14),
            Block("Annex: 1", gap=24),
            Block("REPUBLIC OF SENEGAL - Ministry of Communication, Telecommunications and the Digital Economy", bold=True),
            Block("Dakar, 2 June 2022"),
            Block("Mr Houlin Zhao, Secretary-General, International Telecommunication Union, Geneva"),
            Block("Excellency,"),
            Block(
                "I have the honour to inform you that the Government of the Republic of Senegal has decided to "
                "present the candidacy of Ms Amina Ndiaye for membership of the Radio Regulations Board at the "
                "elections to be held during the Plenipotentiary Conference in Bucharest, Romania, from 26 September "
                "to 14 October 2022."
            ),
            Block(
                "Ms Ndiaye has worked in spectrum management since 2003. From 2012 to 2020 she directed the "
                "frequency management department of the Telecommunications and Posts Regulatory Authority (ARTP), "
                "where she led the cross-border coordination with Mauritania, Mali and The Gambia, and the programme "
                "connecting more than four hundred rural",
                gap=0,
            ),
        ),
        (
            Block(
                "schools to broadband in fourteen countries of the region. She has chaired the spectrum working "
                "group of the African Telecommunications Union (ATU) since 2019."
            ),
            Block(
                "The Government of Senegal is convinced that Ms Ndiaye will serve the Board with independence and "
                "impartiality, in the interest of all Member States."
            ),
            Block("Please accept, Excellency, the assurances of my highest consideration.", gap=20),
            Block("Moussa SARR", gap=0),
            Block("Minister of Communication, Telecommunications and the Digital Economy"),
        ),
        (
            Block("CURRICULUM VITAE - Amina NDIAYE", bold=True),
            Block("Nationality: Senegalese", gap=2),
            Block("Education: MSc Telecommunications, Ecole superieure multinationale des telecommunications (ESMT), Dakar, 2002", gap=10),
            Block("PROFESSIONAL EXPERIENCE", bold=True),
            Block("2020 \u2013 Present Senior Advisor, ARTP", gap=2),
            Block("2012 \u2013 2020 Director of Frequency Management, ARTP", gap=2),
            Block("2003 \u2013 2012 Engineer, Sonatel", gap=10),
            Block("ITU ACTIVITIES", bold=True),
            Block("2019 \u2013 Present Chair, ATU spectrum working group", gap=2),
            Block("Delegate of Senegal to the World Radiocommunication Conferences of 2015 and 2019", gap=2),
        ),
    ),
)

REGULATOR_RELEASE = PdfSpec(
    name="u24_icasa_media_release.pdf",
    running_header="INDEPENDENT COMMUNICATIONS AUTHORITY OF SOUTH AFRICA",
    header_on_first_page=True,
    first_page_header=("MEDIA RELEASE",),
    footer="350 Witch-Hazel Avenue, Eco Point Office Park, Centurion | www.icasa.org.za | Page {page} of {pages}",
    pages=(
        (
            Block("FOR IMMEDIATE RELEASE", bold=True, gap=2),
            Block("9 September 2024", gap=12),
            Block("ICASA publishes draft regulations on spectrum for community networks", bold=True, gap=12),
            Block(
                "Centurion - The Independent Communications Authority of South Africa (ICASA) has today published "
                "draft regulations that set aside spectrum in the 5.8 GHz band for community networks serving rural "
                "and peri-urban areas across South Africa."
            ),
            Block(
                "ICASA Chairperson, Councillor Nomvula Dlamini, said the draft regulations respond to the policy "
                "direction issued by the Minister of Communications and Digital Technologies in March 2024. "
                "\u201cCommunity networks have shown that local operators can connect villages that national networks "
                "have bypassed,\u201d Dlamini said."
            ),
            Block(
                "The regulations were developed in consultation with the Department of Communications and Digital "
                "Technologies (DCDT) and take into account the Frequency Allocation Plan of the Southern African "
                "Development Community (SADC), maintained by the Communications Regulators' Association of Southern "
                "Africa (CRASA). Cross-border coordination with Lesotho, Botswana and Eswatini will follow the "
                "procedures of the International Telecommunication Union (ITU)."
            ),
            Block(
                "Interested parties are invited to submit written representations by 15 October 2024. The Authority "
                "will host a public workshop in Johannesburg on 21 November 2024, where operators and",
                gap=0,
            ),
        ),
        (
            Block(
                "community networks will present their submissions. Since 2021, ICASA has issued 47 class licences "
                "to community network operators."
            ),
            Block("ENDS", bold=True, gap=12),
            Block("Issued by: ICASA Communications", gap=2),
            Block("Media enquiries: Ms Lerato Mokoena, 082 000 1234, lmokoena@icasa.example.org.za"),
        ),
    ),
)

MINISTER_LETTER_HEADER = ("MINISTRY OF COMMUNICATIONS, DIGITAL TECHNOLOGY AND INNOVATIONS", "REPUBLIC OF GHANA")
MINISTER_LETTER_FOOTER = "P.O. Box M.38, Accra | Tel: +233 302 000 000 | info@moc.example.gov.gh"
MINISTER_LETTER_BODY = (
    "Our Ref.: MOCDTI/ITU/25/07",
    "Accra, 18 July 2025",
    "H.E. Ms Doreen Bogdan-Martin\nSecretary-General\nInternational Telecommunication Union\nPlace des Nations\n"
    "1211 Geneva 20\nSwitzerland",
    "Your Excellency,",
    "**HOSTING OF THE ITU REGIONAL ECONOMIC DIALOGUE FOR AFRICA",
    "I have the honour to inform you that the Government of the Republic of Ghana wishes to host the ITU Regional "
    "Economic Dialogue on Telecommunications and ICTs for Africa in Accra from 14 to 16 October 2025.",
    "Ghana has been a Member State of the Union since 1957 and has consistently supported the work of the "
    "Telecommunication Development Bureau (BDT) in the region. The National Communications Authority (NCA) and the "
    "Ghana Investment Fund for Electronic Communications (GIFEC) will provide the venue, interpretation and "
    "logistical support for the event.",
    "We would be grateful if the BDT could confirm the dates by the end of August, so that invitations can be "
    "issued to the Member States of the African Telecommunications Union (ATU) and to Nigeria, C\u00f4te d'Ivoire "
    "and Togo as neighbouring administrations.",
    "Please accept, Excellency, the assurances of my highest consideration.",
    "Samuel Nartey Addo\nMinister for Communications, Digital Technology and Innovations",
    "cc: Director, Telecommunication Development Bureau",
)


def write_docx(folder: Path) -> Path:
    """A minister's letter: letterhead in the page header, address line in the page footer."""
    path = folder / "u16_letter_minister.docx"
    doc = Document()
    doc.core_properties.author = "MOCDTI"
    section = doc.sections[0]
    for i, line in enumerate(MINISTER_LETTER_HEADER):
        para = section.header.paragraphs[0] if i == 0 else section.header.add_paragraph()
        para.add_run(line).bold = True
    section.footer.paragraphs[0].add_run(MINISTER_LETTER_FOOTER).font.size = Pt(8)
    for text in MINISTER_LETTER_BODY:
        bold = text.startswith("**")
        doc.add_paragraph().add_run(text.removeprefix("**")).bold = bold
    doc.save(str(path))
    return path


def build(folder: Path) -> list[Path]:
    """Write every binary document of the corpus into `folder`; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    return [write_pdf(ITU_CANDIDACY, folder), write_pdf(REGULATOR_RELEASE, folder), write_docx(folder)]


if __name__ == "__main__":
    for p in build(Path(sys.argv[1] if len(sys.argv) > 1 else "corpus_binaries")):
        print(p)
