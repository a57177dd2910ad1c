"""Parquet schemas (outputs.schema) and the transactional data-folder store (outputs.store)."""
