"""One document through every step: load -> clean -> language -> type -> dates -> parties."""
from __future__ import annotations

import time

from extractors.boilerplate import strip_boilerplate
from extractors.dates import extract_dates, find_published_date
from extractors.doctype import classify_document
from extractors.language import detect_language
from extractors.loaders import load_document
from extractors.model import ExtractionError, LoadedDocument, ProcessedDocument
from extractors.parties import extract_parties

STAGES = ("load", "clean", "language", "type", "dates", "parties")


class StepError(Exception):
    """A step failed on one document: `stage` says which, the cause says why."""

    def __init__(self, stage: str, error: str, message: str):
        super().__init__(f"{stage}: {error}: {message}")
        self.stage = stage
        self.error = error
        self.message = message


class _Stage:
    """Times a step and turns its exceptions into a StepError naming the step."""

    def __init__(self, name: str, timings: dict[str, float]):
        self.name, self.timings = name, timings

    def __enter__(self):
        self.t0 = time.perf_counter()

    def __exit__(self, kind, exc, tb):
        self.timings[self.name] = self.timings.get(self.name, 0.0) + time.perf_counter() - self.t0
        if exc is None or isinstance(exc, StepError):
            return False
        if isinstance(exc, ExtractionError):
            raise StepError(self.name, exc.reason, exc.message) from exc
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            return False
        raise StepError(self.name, type(exc).__name__, str(exc) or repr(exc)) from exc


def process_loaded(loaded: LoadedDocument, template_lines: frozenset[str] = frozenset(),
                   timings: dict[str, float] | None = None) -> ProcessedDocument:
    timings = {} if timings is None else timings
    with _Stage("clean", timings):
        clean = strip_boilerplate(loaded, template_lines)
        if not clean.body_text.strip():
            raise ExtractionError("no_text", "nothing left after boilerplate removal")
    with _Stage("language", timings):
        language = detect_language(clean.body_text)
    with _Stage("type", timings):
        doc_type = classify_document(clean, loaded.format, language.language)
    with _Stage("dates", timings):
        published = find_published_date(clean, loaded, doc_type.doc_type)
        dates = tuple(extract_dates(clean.body_text, language.language, published.value if published else None))
    with _Stage("parties", timings):
        parties = tuple(extract_parties(clean.body_text, language.language))
    return ProcessedDocument(loaded=loaded, clean=clean, language=language, doc_type=doc_type,
                             published=published, dates=dates, parties=parties, timings=timings)


def process_document(source_uri: str, data: bytes, template_lines: frozenset[str] = frozenset()) -> ProcessedDocument:
    """Run every step on one file's bytes. Raises StepError naming the step that failed."""
    timings: dict[str, float] = {}
    with _Stage("load", timings):
        loaded = load_document(source_uri, data)
    return process_loaded(loaded, template_lines, timings)



_WARM_UP_TEXT = (
    "Geneva, 27 October 2014 - The International Telecommunication Union (ITU) Council met today. "
    "Secretary-General Doreen Bogdan-Martin welcomed the Minister of Communications of Brazil.\n\n"
    "The conference will be held from 26 September to 14 October 2022 in Bucharest, Romania."
)


def warm_up() -> None:
    """Run every step once on a small text, so lazily built tables (language profiles,
    gazetteers, compiled grammars) are ready before the first real document."""
    process_document("warm-up.txt", _WARM_UP_TEXT.encode("utf-8"))
