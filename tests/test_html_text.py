"""Main-content extraction from HTML, with the article's lead paragraph put back (issue 3)."""
from __future__ import annotations

import gzip
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.html_text import extract_html
from tests.conftest import DEVDATA

PARAGRAPHS = [
    "The national regulator published on Monday its long-awaited decision on the allocation of the 3.6 GHz band, "
    "ending two years of consultation with operators and local authorities.",
    "Under the decision, each of the three incumbent operators receives a block of 100 MHz, while a smaller block "
    "is reserved for regional networks serving industrial sites and universities.",
    "The ministry said the auction proceeds would finance rural coverage, and that the first licences should be "
    "issued before the end of the year, subject to the approval of the competition authority.",
]
LEAD = ("Operators welcomed the long-awaited spectrum decision, but consumer groups warned that prices for "
        "mobile data could rise in rural regions.")


def page(lead_markup: str = "", aside: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<html><head><title>Regulator allocates 3.6 GHz band | Daily Wire</title>
<meta name="author" content="Ana Ruiz"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/tech">Tech</a></li></ul></nav>
<main><article><header><h1>Regulator allocates 3.6 GHz band</h1>{lead_markup}</header>
<div class="article-body">{body}</div></article>{aside}</main>
<footer><p>© 2024 Daily Wire. All rights reserved.</p><p>Imprint | Privacy | Cookies</p></footer></body></html>"""


def test_article_text_title_and_author():
    extract = extract_html(page())
    for paragraph in PARAGRAPHS:
        assert paragraph in extract.text
    assert "All rights reserved" not in extract.text and "Privacy" not in extract.text
    assert extract.text.count("\n\n") >= 2  # paragraphs separated by blank lines
    assert extract.title and "3.6 GHz" in extract.title
    assert extract.author == "Ana Ruiz"


def test_lead_paragraph_is_put_back_before_the_body():
    extract = extract_html(page(f'<div class="teaser-text">{LEAD}</div>'))
    assert extract.text.startswith(LEAD)
    assert extract.text.count(LEAD) == 1


def test_teasers_of_other_articles_are_not_taken_as_lead():
    related = ('<aside class="related"><div class="teaser-text">Another story about satellite broadband prices '
               'that readers may also like to read today.</div></aside>')
    extract = extract_html(page(aside=related))
    assert "satellite broadband" not in extract.text


@given(st.text(max_size=300))
def test_never_raises_on_arbitrary_markup(markup):
    extract = extract_html(markup)
    assert isinstance(extract.text, str)


@pytest.mark.skipif(not (DEVDATA / "trafilatura_eval").exists(), reason="devdata not beside the checkout")
def test_trafilatura_eval_sample_keeps_the_main_text():
    """A quick sample; benchmarks/boilerplate.py measures the whole set."""
    folder = DEVDATA / "trafilatura_eval"
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    kept = total = 0
    for name in sorted(gold)[:12]:
        markup = gzip.open(folder / "html" / f"{name}.gz").read().decode("utf-8", "replace")
        text = " ".join(extract_html(markup).text.split())
        for snippet in gold[name]["with"]:
            total += 1
            kept += " ".join(snippet.split()) in text
    assert kept / total >= 0.85


def test_body_is_found_in_the_first_element_holding_it_in_document_order():
    """An element comes before the tails of its children: a later tail can name an earlier element."""
    from trafilatura.utils import load_html

    from extractors.html_text import _element_holding

    tree = load_html("<html><head><title>Spectrum news today</title></head><body><script>var x = 'Spectrum news today';"
                     "</script><div id='outer'><p id='inner'>Spectrum news today</p>Spectrum news today, the tail"
                     "</div></body></html>")
    assert _element_holding(tree, "Spectrum news t").get("id") == "outer"
    tree = load_html("<html><body><div><p id='first'>Spectrum news today</p></div>"
                     "<div id='second'>Spectrum news today</div></body></html>")
    assert _element_holding(tree, "Spectrum news t").get("id") == "first"
    assert _element_holding(tree, "Nothing like it") is None


def test_elements_before_the_body_come_nearest_first():
    from trafilatura.utils import load_html

    from extractors.html_text import _elements_before

    tree = load_html("<html><body><header><h1>T</h1><p>a <b>b</b></p></header><main><div><span>x</span></div>"
                     "<p id='body'>text</p></main></body></html>")
    body = tree.get_element_by_id("body")
    in_order = []
    for element in tree.iter():
        if element is body:
            break
        in_order.append(element)
    assert list(_elements_before(tree, body)) == in_order[::-1]
