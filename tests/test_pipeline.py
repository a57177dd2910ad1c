"""The steps composed: one document from bytes to everything the tables need."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from extractors.pipeline import StepError, process_document, warm_up
from tests.conftest import SEEDS

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=600)


def _check_offsets(doc) -> None:
    body = doc.clean.body_text
    for d in doc.dates:
        assert d.start_date <= d.end_date
        if d.char_start is not None:
            assert body[d.char_start:d.char_end] == d.text
    for party in doc.parties:
        for m in party.mentions:
            assert body[m.char_start:m.char_end] == m.text


def test_every_seed_goes_through_every_step():
    for path in sorted(SEEDS.iterdir()):
        doc = process_document(str(path), path.read_bytes())
        assert doc.clean.body_text and doc.language.language == "en"
        assert set(doc.timings) == {"load", "clean", "language", "type", "dates", "parties"}
        _check_offsets(doc)


def test_a_failing_step_is_named():
    try:
        process_document("empty.txt", b"")
    except StepError as exc:
        assert exc.stage == "load" and exc.error == "empty"
    else:
        raise AssertionError("an empty file must fail")


def test_warm_up_runs():
    warm_up()


@given(TEXT)
def test_arbitrary_text_gives_a_document_or_a_named_failure(text):
    try:
        doc = process_document("x.txt", text.encode("utf-8"))
    except StepError as exc:
        assert exc.stage in {"load", "clean"} and exc.message
        return
    _check_offsets(doc)
    assert doc.doc_type.doc_type and doc.language.language


@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_escape_as_another_exception(data):
    try:
        _check_offsets(process_document("x.bin", data))
    except StepError:
        pass
