"""The Parquet tables plenipo writes: the single source of truth for every column.

The contract (CONTRACT.md §2) fixes the required columns; the extra columns here are
ours. Bump SCHEMA_VERSION on any change a reader could notice; it is stored in every
file's metadata under `plenipo.schema_version`.
"""
from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = "1"
TS = pa.timestamp("us", tz="UTC")

_LANGUAGE_SHARE = pa.struct([("language", pa.string()), ("share", pa.float32())])
_SECTION = pa.struct([("kind", pa.string()), ("char_start", pa.int32()), ("char_end", pa.int32()), ("title", pa.string())])
_ROLE_SEEN = pa.struct([("role", pa.string()), ("date", pa.date32()), ("doc_id", pa.string())])

DOCUMENTS = pa.schema([
    ("doc_id", pa.string()),
    ("source_uri", pa.string()),
    ("format", pa.string()),
    ("title", pa.string()),
    ("language", pa.string()),
    ("doc_type", pa.string()),
    ("published_date", pa.date32()),
    ("body_text", pa.string()),
    ("ingested_at", TS),
    ("pipeline_version", pa.string()),
    # ours
    ("published_date_source", pa.string()),
    ("doc_type_score", pa.float32()),
    ("doc_type_evidence", pa.list_(pa.string())),
    ("languages", pa.list_(_LANGUAGE_SHARE)),
    ("sections", pa.list_(_SECTION)),
    ("author", pa.string()),
    ("photo_credit", pa.string()),
    ("updated_line", pa.string()),
    ("encoding", pa.string()),
    ("byte_size", pa.int64()),
    ("page_count", pa.int32()),
    ("warnings", pa.list_(pa.string())),
    ("run_id", pa.string()),
])

DATES = pa.schema([
    ("doc_id", pa.string()),
    ("text", pa.string()),
    ("start_date", pa.date32()),
    ("end_date", pa.date32()),
    ("granularity", pa.string()),
    ("char_start", pa.int32()),
    ("char_end", pa.int32()),
    # ours
    ("relative", pa.bool_()),
    ("value", pa.string()),  # normalised: YYYY-MM-DD, YYYY-MM, YYYY, or START/END
])

DOCUMENT_PARTIES = pa.schema([
    ("doc_id", pa.string()),
    ("party_id", pa.string()),
    ("name", pa.string()),
    ("kind", pa.string()),
    ("role", pa.string()),
    ("mention_count", pa.int32()),
    # ours
    ("aliases", pa.list_(pa.string())),
])

MENTIONS = pa.schema([
    ("doc_id", pa.string()),
    ("party_id", pa.string()),
    ("text", pa.string()),
    ("char_start", pa.int32()),
    ("char_end", pa.int32()),
    ("kind", pa.string()),
])

FAILURES = pa.schema([
    ("source_uri", pa.string()),
    ("doc_id", pa.string()),
    ("stage", pa.string()),
    ("error", pa.string()),
    ("message", pa.string()),
    ("failed_at", TS),
    ("run_id", pa.string()),
])

BOILERPLATE = pa.schema([
    ("doc_id", pa.string()),
    ("text", pa.string()),
    ("reason", pa.string()),
    ("position", pa.int32()),
])

# Cross-document view of every party, rebuilt after each run from document_parties.
PARTIES = pa.schema([
    ("party_id", pa.string()),
    ("name", pa.string()),
    ("kind", pa.string()),
    ("aliases", pa.list_(pa.string())),
    ("document_count", pa.int32()),
    ("mention_count", pa.int32()),
    ("first_seen", pa.date32()),
    ("last_seen", pa.date32()),
    ("roles", pa.list_(_ROLE_SEEN)),
])

# Tables written per document, in commit order: `documents` last, so a document row
# exists only once everything about it is written.
PER_DOCUMENT_TABLES: dict[str, pa.Schema] = {
    "dates": DATES,
    "document_parties": DOCUMENT_PARTIES,
    "mentions": MENTIONS,
    "boilerplate": BOILERPLATE,
    "failures": FAILURES,
    "documents": DOCUMENTS,
}
DERIVED_TABLES: dict[str, pa.Schema] = {"parties": PARTIES}
ALL_TABLES: dict[str, pa.Schema] = {**PER_DOCUMENT_TABLES, **DERIVED_TABLES}


def with_metadata(schema: pa.Schema, table_name: str) -> pa.Schema:
    """The schema as written to disk: with our version and the table name in its metadata."""
    return schema.with_metadata({
        b"plenipo.schema_version": SCHEMA_VERSION.encode(),
        b"plenipo.table": table_name.encode(),
    })
