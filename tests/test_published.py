"""find_published_date: the cascade of sources, and None when the document states no date."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors import published as published_module
from extractors.dates import find_published_date
from extractors.model import CleanDocument, LoadedDocument, PublishedDate


def published(body: str, doc_type: str = "press_release", *, fmt: str = "txt", updated: str | None = None,
              raw: str | None = None, markup: str | None = None) -> PublishedDate | None:
    loaded = LoadedDocument(doc_id="x", source_uri="x", format=fmt, text=raw if raw is not None else body, markup=markup)
    return find_published_date(CleanDocument(body_text=body, updated_line=updated), loaded, doc_type)


def test_html_metadata_comes_first():
    markup = ('<html><head><meta property="article:published_time" content="2023-05-04T10:00:00Z"></head>'
              '<body><p>Geneva, 27 October 2014 – text</p></body></html>')
    assert published("Geneva, 27 October 2014 – text", fmt="html", markup=markup) == PublishedDate(date(2023, 5, 4), "html_meta")


def test_updated_line():
    assert published("Body text.", updated="Updated: Oct 30, 2024") == PublishedDate(date(2024, 10, 30), "updated_line")


def test_labelled_line_in_the_raw_text_when_cleaning_kept_none():
    raw = "Title\n\nPublished: 3 May 2023\n\nBody text."
    assert published("Body text.", raw=raw) == PublishedDate(date(2023, 5, 3), "updated_line")


def test_dateline_opening_the_body():
    body = "GENEVA, 27 October 2014 – The ITU Plenipotentiary Conference opened today."
    assert published(body) == PublishedDate(date(2014, 10, 27), "dateline")


@pytest.mark.parametrize(("body", "expected"), [
    ("Outage report\n\nNAIROBI, 9 April 2023 - Operators said the network was restored.", date(2023, 4, 9)),
    ("AUTHORITY\n(Ministry)\n\nFor Immediate Release\n\nMumbai, 3rd March, 2023: The authority has today issued a paper.",
     date(2023, 3, 3)),
    ("April 2, 2023 | 6 min read\n\nThe operators met on Monday.", date(2023, 4, 2)),
    ("June 3, 2023 09:10 CET\n\nBERLIN, June 3 (XYZ) - The agency said.", date(2023, 6, 3)),
    ("Lima | lunes, 6 de marzo de 2023 - 10:30 h El regulador presentó su informe.", date(2023, 3, 6)),
    ("الرباط في 7 مارس 2023\n\nأعلنت الوزارة اليوم.", date(2023, 3, 7)),
])
def test_datelines_in_more_shapes(body, expected):
    assert published(body, "news_article") == PublishedDate(expected, "dateline")


def test_a_date_alone_below_the_first_line_is_a_header_date_not_a_dateline():
    body = "Title of the release\n\nLisboa, 9 de junho de 2023\n\nO ministério anunciou hoje."
    assert published(body) == PublishedDate(date(2023, 6, 9), "header")


def test_labelled_release_date_line_in_korean():
    raw = "보도자료\n배포일시 2023. 6. 9.(금) 10:00\n담당부서 정책과\n\n본문입니다."
    assert published("본문입니다.", raw=raw) == PublishedDate(date(2023, 6, 9), "updated_line")


def test_a_stated_date_beats_an_html_date_that_looks_like_a_guess_from_a_bare_year():
    body = "Nota\n\nLisboa, 9 de junho de 2023\n\nO ministério anunciou hoje."
    markup = ('<html><head><meta name="date" content="2023-01-01"></head><body><p>Nota</p>'
              '<p>Lisboa, 9 de junho de 2023</p><p>O ministério anunciou hoje.</p></body></html>')
    assert published(body, fmt="html", markup=markup) == PublishedDate(date(2023, 6, 9), "header")


def test_a_stated_date_beats_an_html_last_modified_date():
    body = "Speech\n\nOttawa, June 12, 2023\n\nThank you."
    markup = ('<html><body><p>Speech</p><p>Ottawa, June 12, 2023</p><p>Thank you.</p>'
              '<dl><dt>Last updated:</dt><dd><time>2023-06-20</time></dd></dl></body></html>')
    assert published(body, fmt="html", markup=markup).value == date(2023, 6, 12)


def test_official_document_header_date_next_to_its_symbol():
    body = "PLENARY MEETING\n\nDocument 12-E\n9 November 2021\nOriginal: English\n\nNote by the Secretary-General\n"
    assert published(body, "official_document") == PublishedDate(date(2021, 11, 9), "document_header")


def test_letter_date_line():
    body = "H. E. Mr. Houlin Zhao\nSecretary General\nGeneva\n\nOctober 27, 2021\n\nYour Excellency,\n\nIt is a pleasure."
    assert published(body, "letter") == PublishedDate(date(2021, 10, 27), "letter_date")


def test_a_date_merely_mentioned_in_the_text_is_not_a_publication_date():
    body = ("The ITU Plenipotentiary Conference in Busan ended its 19-day journey on November 7, 2014, after "
            "adopting 71 new resolutions.\nThe closing ceremony was held on November 7, 2014.")
    assert published(body, "news_article") is None


def test_html_without_any_date_gives_none():
    markup = "<html><head><title>x</title></head><body><p>No date here.</p></body></html>"
    assert published("No date here.", "news_article", fmt="html", markup=markup) is None


@given(body=st.text(max_size=400), doc_type=st.sampled_from(["letter", "official_document", "news_article"]))
def test_never_raises_on_arbitrary_text(body, doc_type):
    result = published(body, doc_type)
    assert result is None or isinstance(result.value, date)


LINE_BREAKS = st.sampled_from(["\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", " ", "a", "b"])


@given(text=st.lists(LINE_BREAKS, max_size=40).map("".join), count=st.integers(1, 8), reach=st.integers(1, 9))
def test_first_lines_are_those_of_splitlines(text, count, reach):
    assert published_module._first_lines(text, count, reach=reach) == text.splitlines()[:count]
    nonblank = [line for line in text.splitlines() if line.strip()]
    assert published_module._first_lines(text, count, skip_blank=True, reach=reach) == nonblank[:count]


@pytest.mark.parametrize("head", [
    "Title\nPublished: 3 May 2023\nBody",
    "Published\nDate: 3 May 2023\n\nUpdated 4 May 2023",  # a label's trailing space runs into the next line
    "\n\n  — Updated: 1 June 2024\nposted\n",
    "nothing here\nat all",
])
def test_labels_are_those_a_search_finds(head):
    expected = [m.span() for m in published_module.LABELLED_DATE_LINE.finditer(head)]
    assert [m.span() for m in published_module._labels(head)] == expected


def test_a_text_with_fewer_than_two_numbers_has_no_full_date():
    assert published_module._dates_in("On 3 May", "en") == []
    assert published_module._dates_in("3 May 2023", "en") == [(0, 10, date(2023, 5, 3))]
