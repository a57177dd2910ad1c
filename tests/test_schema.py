import pyarrow as pa

from outputs.schema import ALL_TABLES, DATES, DOCUMENT_PARTIES, DOCUMENTS, FAILURES, MENTIONS, SCHEMA_VERSION, with_metadata

# The contract's required columns (CONTRACT.md §2): names and types users rely on.
CONTRACT = {
    "documents": (DOCUMENTS, {"doc_id": pa.string(), "source_uri": pa.string(), "format": pa.string(),
                              "title": pa.string(), "language": pa.string(), "doc_type": pa.string(),
                              "published_date": pa.date32(), "body_text": pa.string(),
                              "ingested_at": pa.timestamp("us", tz="UTC"), "pipeline_version": pa.string()}),
    "dates": (DATES, {"doc_id": pa.string(), "text": pa.string(), "start_date": pa.date32(), "end_date": pa.date32(),
                      "granularity": pa.string(), "char_start": pa.int32(), "char_end": pa.int32()}),
    "document_parties": (DOCUMENT_PARTIES, {"doc_id": pa.string(), "party_id": pa.string(), "name": pa.string(),
                                            "kind": pa.string(), "role": pa.string(), "mention_count": pa.int32()}),
    "mentions": (MENTIONS, {"doc_id": pa.string(), "party_id": pa.string(), "text": pa.string(),
                            "char_start": pa.int32(), "char_end": pa.int32()}),
    "failures": (FAILURES, {"source_uri": pa.string(), "doc_id": pa.string(), "stage": pa.string(), "error": pa.string(),
                            "message": pa.string(), "failed_at": pa.timestamp("us", tz="UTC")}),
}


def test_contract_columns_have_their_names_and_types():
    for table, (schema, required) in CONTRACT.items():
        for name, typ in required.items():
            assert schema.field(name).type == typ, (table, name)


def test_every_table_has_doc_id_or_party_id():
    for name, schema in ALL_TABLES.items():
        assert {"doc_id", "party_id", "source_uri"} & set(schema.names), name


def test_metadata_carries_version_and_table():
    md = with_metadata(DATES, "dates").metadata
    assert md[b"plenipo.schema_version"] == SCHEMA_VERSION.encode()
    assert md[b"plenipo.table"] == b"dates"
