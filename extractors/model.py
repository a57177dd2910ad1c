"""Typed data that travels between the pipeline steps.

Every step is a pure function from one of these to another; nothing here knows about
Prefect, files or Parquet. Offsets (`char_start`, `char_end`) always index into the
final `body_text` of the document.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

FORMATS = ("txt", "html", "pdf", "docx")
DOC_TYPES = ("official_document", "letter", "speech", "press_release", "news_article", "blog_post", "other")
PARTY_KINDS = ("person", "organization", "country")
GRANULARITIES = ("day", "month", "year")


class ExtractionError(Exception):
    """A document that cannot be turned into text; `reason` is a short stable code.

    Codes: empty, binary, encrypted, truncated, corrupt, no_text, no_pages,
    unsupported_format, too_large, timeout, memory.
    """

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason
        self.message = message


@dataclass(frozen=True, slots=True)
class PdfLine:
    """One text line of a PDF page with its position (points, origin top-left)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass(frozen=True, slots=True)
class PdfPage:
    number: int  # 1-based
    width: float
    height: float
    lines: tuple[PdfLine, ...]


@dataclass(frozen=True, slots=True)
class LoadedDocument:
    """A source file read into text, before any cleaning.

    `text` is the whole extracted text. For PDFs, pages are separated by form feeds
    ("\\f") and `pages` keeps each page's lines with their geometry.
    """

    doc_id: str
    source_uri: str
    format: str
    text: str
    pages: tuple[PdfPage, ...] = ()
    encoding: str | None = None
    markup: str | None = None  # the decoded HTML source, for HTML inputs
    html_title: str | None = None
    html_author: str | None = None
    html_published: date | None = None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RemovedText:
    """A piece of the raw text that cleaning cut, and why (the `boilerplate` audit)."""

    text: str
    reason: str  # e.g. menu, share_widget, copyright, licence, registration, contact, byline, page_header, page_number, template
    position: int  # character offset in LoadedDocument.text


@dataclass(frozen=True, slots=True)
class CleanDocument:
    """The body after boilerplate removal, plus the metadata taken out of it."""

    body_text: str
    title: str | None = None
    author: str | None = None
    photo_credit: str | None = None
    updated_line: str | None = None  # e.g. "Updated: Oct 30, 2024" as written
    removed: tuple[RemovedText, ...] = ()


@dataclass(frozen=True, slots=True)
class LanguageResult:
    language: str  # ISO 639-1, "und" when nothing can be said
    shares: tuple[tuple[str, float], ...] = ()  # per-paragraph shares, largest first


@dataclass(frozen=True, slots=True)
class Section:
    kind: str  # a doc type, or "cv", "annex", "vision_statement", ...
    char_start: int
    char_end: int
    title: str | None = None


@dataclass(frozen=True, slots=True)
class DocTypeResult:
    doc_type: str
    score: float
    evidence: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()


@dataclass(frozen=True, slots=True)
class DateMention:
    text: str
    start_date: date
    end_date: date
    granularity: str  # day, month or year
    char_start: int | None
    char_end: int | None
    relative: bool = False


@dataclass(frozen=True, slots=True)
class PublishedDate:
    value: date
    source: str  # html_meta, updated_line, dateline, document_header, letter_date, header


@dataclass(frozen=True, slots=True)
class PartyMention:
    text: str
    char_start: int
    char_end: int


@dataclass(frozen=True, slots=True)
class Party:
    """One party found in one document, with every mention of it."""

    party_id: str
    name: str  # canonical display name
    kind: str  # person, organization, country
    role: str | None = None
    mentions: tuple[PartyMention, ...] = ()


@dataclass(frozen=True, slots=True)
class ProcessedDocument:
    """Everything the pipeline learned about one document: the rows it will write."""

    loaded: LoadedDocument
    clean: CleanDocument
    language: LanguageResult
    doc_type: DocTypeResult
    published: PublishedDate | None
    dates: tuple[DateMention, ...] = ()
    parties: tuple[Party, ...] = ()
    timings: dict[str, float] = field(default_factory=dict)
