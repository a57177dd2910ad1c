"""Turn what the pipeline learned about documents into rows of the contract's tables."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

import pyarrow as pa

from extractors.model import DateMention, ProcessedDocument
from outputs.schema import PER_DOCUMENT_TABLES


def _empty_columns() -> dict[str, dict[str, list]]:
    return {name: {column: [] for column in schema.names} for name, schema in PER_DOCUMENT_TABLES.items()}


@dataclass(slots=True)
class TableRows:
    """Rows for the per-document tables, held column by column: what Arrow builds a table
    from, and smaller and faster to pickle between processes than one dict per row."""

    columns: dict[str, dict[str, list]] = field(default_factory=_empty_columns)

    def append(self, table: str, row: dict) -> None:
        """Add one row; a column the row lacks is null."""
        for column, values in self.columns[table].items():
            values.append(row.get(column))

    def extend(self, other: "TableRows") -> None:
        for name, columns in other.columns.items():
            mine = self.columns[name]
            for column, values in columns.items():
                mine[column].extend(values)

    def to_tables(self) -> dict[str, pa.Table]:
        return {name: pa.Table.from_pydict(columns, schema=PER_DOCUMENT_TABLES[name])
                for name, columns in self.columns.items()}


def date_value(mention: DateMention) -> str:
    """The normalised value of a date row, as the gold format writes it."""
    width = {"day": 10, "month": 7, "year": 4}[mention.granularity]
    start, end = mention.start_date.isoformat()[:width], mention.end_date.isoformat()[:width]
    return start if start == end else f"{start}/{end}"


def document_rows(doc: ProcessedDocument, *, run_id: str, ingested_at: datetime, pipeline_version: str,
                  byte_size: int | None = None) -> TableRows:
    out = TableRows()
    loaded, clean = doc.loaded, doc.clean
    doc_id = loaded.doc_id
    out.append("documents", {
        "doc_id": doc_id,
        "source_uri": loaded.source_uri,
        "format": loaded.format,
        "title": clean.title,
        "language": doc.language.language,
        "doc_type": doc.doc_type.doc_type,
        "published_date": doc.published.value if doc.published else None,
        "body_text": clean.body_text,
        "ingested_at": ingested_at,
        "pipeline_version": pipeline_version,
        "published_date_source": doc.published.source if doc.published else None,
        "doc_type_score": doc.doc_type.score,
        "doc_type_evidence": list(doc.doc_type.evidence),
        "languages": [{"language": lang, "share": share} for lang, share in doc.language.shares],
        "sections": [
            {"kind": s.kind, "char_start": s.char_start, "char_end": s.char_end, "title": s.title}
            for s in doc.doc_type.sections
        ],
        "author": clean.author,
        "photo_credit": clean.photo_credit,
        "updated_line": clean.updated_line,
        "encoding": loaded.encoding,
        "byte_size": byte_size,
        "page_count": len(loaded.pages) or None,
        "warnings": list(loaded.warnings),
        "run_id": run_id,
    })
    for d in doc.dates:
        out.append("dates", {
            "doc_id": doc_id, "text": d.text, "start_date": d.start_date, "end_date": d.end_date,
            "granularity": d.granularity, "char_start": d.char_start, "char_end": d.char_end,
            "relative": d.relative, "value": date_value(d),
        })
    for party in doc.parties:
        aliases = sorted({m.text for m in party.mentions})
        out.append("document_parties", {
            "doc_id": doc_id, "party_id": party.party_id, "name": party.name, "kind": party.kind,
            "role": party.role, "mention_count": len(party.mentions), "aliases": aliases,
        })
        for m in party.mentions:
            out.append("mentions", {"doc_id": doc_id, "party_id": party.party_id, "text": m.text,
                                    "char_start": m.char_start, "char_end": m.char_end, "kind": party.kind})
    for r in clean.removed:
        out.append("boilerplate", {"doc_id": doc_id, "text": r.text, "reason": r.reason, "position": r.position})
    return out


def failure_row(*, source_uri: str, doc_id: str | None, stage: str, error: str, message: str,
                failed_at: datetime, run_id: str) -> dict:
    return {"source_uri": source_uri, "doc_id": doc_id, "stage": stage, "error": error,
            "message": message, "failed_at": failed_at, "run_id": run_id}


def build_parties(document_parties: Iterable[dict], doc_dates: dict[str, date | None]) -> pa.Table:
    """The cross-document `parties` table from every `document_parties` row.

    `doc_dates` maps doc_id to the date the document speaks from (published date, else
    ingestion day) for first/last seen and the dates of roles.
    """
    from outputs.schema import PARTIES

    acc: dict[str, dict] = {}
    for row in document_parties:
        p = acc.setdefault(row["party_id"], {
            "party_id": row["party_id"], "name": row["name"], "kind": row["kind"], "aliases": set(),
            "docs": set(), "mention_count": 0, "dates": [], "roles": {},
        })
        p["aliases"].update(row.get("aliases") or ())
        p["aliases"].add(row["name"])
        p["docs"].add(row["doc_id"])
        p["mention_count"] += row.get("mention_count") or 0
        seen = doc_dates.get(row["doc_id"])
        if seen is not None:
            p["dates"].append(seen)
        if row.get("role"):
            key = (row["role"], seen)
            p["roles"].setdefault(key, row["doc_id"])
    rows = []
    for p in sorted(acc.values(), key=lambda p: p["party_id"]):
        roles = sorted(p["roles"].items(), key=lambda kv: (kv[0][1] or date.min, kv[0][0]))
        rows.append({
            "party_id": p["party_id"], "name": p["name"], "kind": p["kind"],
            "aliases": sorted(p["aliases"]), "document_count": len(p["docs"]),
            "mention_count": p["mention_count"],
            "first_seen": min(p["dates"]) if p["dates"] else None,
            "last_seen": max(p["dates"]) if p["dates"] else None,
            "roles": [{"role": role, "date": when, "doc_id": doc_id} for (role, when), doc_id in roles],
        })
    return pa.Table.from_pylist(rows, schema=PARTIES)
