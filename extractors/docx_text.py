"""DOCX bytes -> text: body paragraphs and tables in document order.

The body XML is walked directly rather than through python-docx's `table.rows[i].cells`,
which raises on malformed grids ("no tc element at grid_offset") and repeats merged cells.
"""
from __future__ import annotations

import io
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml.etree import XMLSyntaxError

from extractors.model import ExtractionError

# python-docx inflates every part into memory: refuse archives that would blow up (zip bombs).
MAX_DOCX_UNCOMPRESSED_BYTES = 300 * 1024 * 1024
# A table row is one tab-separated line when every cell is short and single-line; else one block per cell.
MAX_TABULAR_CELL_CHARS = 120

PARAGRAPH, TABLE, ROW, CELL, CONTENT_CONTROL, CONTENT_CONTROL_BODY = (
    qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:sdt"), qn("w:sdtContent"))


def extract_docx(data: bytes) -> str:
    """Paragraphs separated by blank lines; table rows as lines. Raises ExtractionError only."""
    _check_uncompressed_size(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, XMLSyntaxError, zipfile.BadZipFile, AttributeError) as exc:
        raise ExtractionError("corrupt", f"the DOCX cannot be opened: {type(exc).__name__}: {exc}") from exc
    blocks = _blocks(document.element.body)
    return "\n\n".join(block for block in blocks if block.strip())


def _blocks(container) -> list[str]:
    """Text blocks of the paragraphs, tables and content controls directly inside `container`."""
    blocks: list[str] = []
    for child in container.iterchildren():
        if child.tag == PARAGRAPH:
            blocks.append(child.text.strip())
        elif child.tag == TABLE:
            blocks.extend(_table_blocks(child))
        elif child.tag == CONTENT_CONTROL:
            for content in child.iterchildren(CONTENT_CONTROL_BODY):
                blocks.extend(_blocks(content))
    return blocks


def _table_blocks(table) -> list[str]:
    blocks: list[str] = []
    for row in table.iterchildren(ROW):
        cells = ["\n\n".join(b for b in _blocks(cell) if b) for cell in row.iterchildren(CELL)]
        cells = [cell for cell in cells if cell]
        if all("\n" not in cell and len(cell) <= MAX_TABULAR_CELL_CHARS for cell in cells):
            blocks.append("\t".join(cells))
        else:  # a layout table (letterheads, two-column releases): its cells are paragraphs
            blocks.extend(cells)
    return blocks


def _check_uncompressed_size(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise ExtractionError("corrupt", f"the DOCX is not a readable ZIP archive: {exc}") from exc
    if total > MAX_DOCX_UNCOMPRESSED_BYTES:
        raise ExtractionError(
            "too_large", f"the DOCX inflates to {total:,} bytes, more than the limit of {MAX_DOCX_UNCOMPRESSED_BYTES:,}")
