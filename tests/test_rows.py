from datetime import date, datetime, timezone

import pyarrow as pa

from extractors.model import (CleanDocument, DateMention, DocTypeResult, LanguageResult, LoadedDocument, Party,
                              PartyMention, ProcessedDocument, PublishedDate, RemovedText)
from outputs.rows import build_parties, date_value, document_rows
from outputs.schema import PER_DOCUMENT_TABLES


def _processed() -> ProcessedDocument:
    body = "Dr Chaesub Lee met officials in Geneva on 9 November 2021."
    return ProcessedDocument(
        loaded=LoadedDocument(doc_id="d1", source_uri="/c/a.txt", format="txt", text=body, encoding="utf-8"),
        clean=CleanDocument(body_text=body, title="T", removed=(RemovedText("All Menu Close", "menu", 0),)),
        language=LanguageResult("en", (("en", 1.0),)),
        doc_type=DocTypeResult("news_article", 0.7, ("byline",)),
        published=PublishedDate(date(2021, 11, 9), "dateline"),
        dates=(DateMention("9 November 2021", date(2021, 11, 9), date(2021, 11, 9), "day", 42, 57),),
        parties=(Party("p_lee", "Chaesub Lee", "person", "Dr", (PartyMention("Chaesub Lee", 3, 14),)),),
    )


def test_rows_fit_the_schemas():
    rows = document_rows(_processed(), run_id="r", ingested_at=datetime.now(timezone.utc), pipeline_version="t")
    tables = rows.to_tables()
    assert set(tables) == set(PER_DOCUMENT_TABLES)
    assert tables["documents"].num_rows == 1 and tables["dates"]["value"].to_pylist() == ["2021-11-09"]
    assert tables["document_parties"]["mention_count"].to_pylist() == [1]
    assert tables["mentions"]["text"].to_pylist() == ["Chaesub Lee"]
    assert tables["boilerplate"]["reason"].to_pylist() == ["menu"]
    assert tables["failures"].num_rows == 0


def test_rows_are_held_by_column_and_a_missing_value_is_null():
    now = datetime.now(timezone.utc)
    rows = document_rows(_processed(), run_id="r", ingested_at=now, pipeline_version="t")
    rows.extend(document_rows(_processed(), run_id="r2", ingested_at=now, pipeline_version="t"))
    rows.append("failures", {"source_uri": "/c/b.pdf", "stage": "load", "error": "encrypted", "failed_at": now})
    assert rows.columns["documents"]["run_id"] == ["r", "r2"]
    tables = rows.to_tables()
    assert tables["mentions"].num_rows == 2
    (failure,) = tables["failures"].to_pylist()
    assert failure["doc_id"] is None and failure["message"] is None and failure["error"] == "encrypted"


def test_date_value_follows_the_gold_format():
    d = DateMention("x", date(2022, 9, 26), date(2022, 10, 14), "day", 0, 1)
    assert date_value(d) == "2022-09-26/2022-10-14"
    assert date_value(DateMention("x", date(2020, 12, 1), date(2020, 12, 31), "month", 0, 1)) == "2020-12"
    assert date_value(DateMention("x", date(2015, 1, 1), date(2015, 12, 31), "year", 0, 1)) == "2015"


def test_build_parties_aggregates_across_documents():
    rows = [
        {"doc_id": "a", "party_id": "p1", "name": "Houlin Zhao", "kind": "person", "role": "Secretary-General",
         "mention_count": 2, "aliases": ["Houlin ZHAO"]},
        {"doc_id": "b", "party_id": "p1", "name": "Houlin Zhao", "kind": "person", "role": None,
         "mention_count": 1, "aliases": ["Zhao Houlin"]},
    ]
    t = build_parties(rows, {"a": date(2021, 11, 9), "b": date(2014, 10, 27)})
    (p,) = t.to_pylist()
    assert p["document_count"] == 2 and p["mention_count"] == 3
    assert p["aliases"] == ["Houlin ZHAO", "Houlin Zhao", "Zhao Houlin"]
    assert (p["first_seen"], p["last_seen"]) == (date(2014, 10, 27), date(2021, 11, 9))
    assert p["roles"] == [{"role": "Secretary-General", "date": date(2021, 11, 9), "doc_id": "a"}]
    assert isinstance(t, pa.Table)
