"""Main-content extraction from HTML: the article text, its title and author.

trafilatura finds the main content. It tends to drop the lead paragraph that many sites mark up
apart from the body (a "teaser", "intro", "standfirst" or a paragraph in the article header), so
we put such a lead back when it sits right before the extracted body in the same article.
"""
from __future__ import annotations

import functools
import html
import re
import unicodedata
from dataclasses import dataclass

import lxml.etree
import lxml.html
import trafilatura
from trafilatura.metadata import examine_meta, extract_author, extract_meta_json, extract_title
from trafilatura.utils import line_processing, load_html

# class/id words that mark an article's lead paragraph on common CMSs.
LEAD_MARKER = re.compile(
    r"teaser[-_]?text|intro|lead|preface|standfirst|summary|subtitle|subline|excerpt|abstract|"
    r"description|chapo|chapeau|kicker|dek\b",
    re.IGNORECASE,
)
# containers whose text is never article text.
NON_CONTENT_TAGS = frozenset({"nav", "aside", "footer", "form", "button", "script", "style", "noscript", "select",
                              "li", "a"})
NON_CONTENT_MARKER = re.compile(r"related|more[-_]|nav|menu|footer|sidebar|share|social|cookie|comment|newsletter|subscri|"
                                r"promo|advert|breadcrumb|caption|credit", re.IGNORECASE)
# elements whose text is never page text
NON_TEXT_TAGS = frozenset({"script", "style", "title", "meta"})
# the text nodes holding $key (as an element's text or as the tail after a child)
TEXT_NODES_CONTAINING = lxml.etree.XPath(".//text()[contains(., $key)]")
SENTENCE_END = re.compile(r"[.!?。！？…]['\"”’»)]?\s*$")
WHITESPACE = re.compile(r"\s+")
SOFT_HYPHEN = "\u00ad"

LEAD_MIN_CHARS = 60
LEAD_MAX_CHARS = 1200
LEAD_MAX_DISTANCE_CHARS = 800  # text between the lead and the first body paragraph
MAX_LEADS = 2
ANCHOR_SEARCH_PARAGRAPHS = 4  # the body's first real paragraph is among the first few extracted lines
ANCHOR_MIN_CHARS = 80  # shorter first lines are often headings, which come before the lead
ANCHOR_PREFIX_CHARS = 15  # short enough to stay inside one text node despite inline markup


@dataclass(frozen=True, slots=True)
class HtmlExtract:
    text: str
    title: str | None = None
    author: str | None = None


def extract_html(markup: str) -> HtmlExtract:
    """Return the main text of an HTML page (paragraphs separated by blank lines)."""
    # One parse serves the text, the title and author, and the lead search (bare_extraction
    # works on its own copy of a tree it is given); parsing is a third of a page's cost.
    tree = load_html(markup)
    if tree is None:
        return HtmlExtract(text="")
    # fast: no readability/jusText fallback runs. Measured with benchmarks/boilerplate.py: 2.3x the
    # pages per second, and as good or better (article benchmark token F1 0.9643 vs 0.9618;
    # trafilatura_eval kept 0.958 vs 0.960, removed 0.958 vs 0.956).
    doc = trafilatura.bare_extraction(tree, include_comments=False, include_tables=True, with_metadata=False, fast=True)
    if doc is None:
        return HtmlExtract(text="")
    paragraphs = [p.strip() for p in (doc.text or "").split("\n") if p.strip()]
    if paragraphs:
        paragraphs = _lead_paragraphs(tree, paragraphs) + paragraphs
    title, author = _title_and_author(tree)
    return HtmlExtract(text="\n\n".join(paragraphs), title=title, author=author)


def _title_and_author(tree: lxml.html.HtmlElement) -> tuple[str | None, str | None]:
    """Title and author the way trafilatura's `extract_metadata` finds them (meta tags, then
    JSON-LD, then the page), without the rest of its metadata: the date, site name, categories,
    tags and licence cost more than the text extraction, and the date is read by htmldate anyway."""
    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:  # a one-word "author" is a site or a handle
        meta.author = None
    try:
        meta = extract_meta_json(tree, meta)
    except Exception:  # noqa: BLE001 - trafilatura's own guard: bugs in its JSON-LD reader
        pass
    title = meta.title or extract_title(tree)
    author = meta.author or extract_author(tree)
    return _trimmed(title), _trimmed(author)


def _trimmed(value: str | None) -> str | None:
    """trafilatura's clean-up of a metadata string (entities, spaces, control characters)."""
    if not value:
        return None
    return line_processing(html.unescape(value)) or None


def _norm(text: str) -> str:
    return WHITESPACE.sub(" ", unicodedata.normalize("NFKC", text).replace(SOFT_HYPHEN, "")).strip()


def _lead_paragraphs(tree: lxml.html.HtmlElement, paragraphs: list[str]) -> list[str]:
    """Lead paragraphs of the article that trafilatura left out, in document order."""
    anchor_text = next((p for p in paragraphs[:ANCHOR_SEARCH_PARAGRAPHS] if len(p) >= ANCHOR_MIN_CHARS), None)
    if anchor_text is None:
        return []
    first_body = _element_holding(tree, _norm(anchor_text)[:ANCHOR_PREFIX_CHARS])
    if first_body is None:
        return []
    candidates = _candidates_before(tree, first_body)
    if not candidates:
        return []
    extracted = _norm(" ".join(paragraphs))
    leads: list[str] = []
    for element in candidates:
        text = _norm(element.text_content())
        if text and text not in extracted and all(text not in lead for lead in leads):
            leads.append(text)
    return leads[-MAX_LEADS:]


def _element_holding(tree: lxml.html.HtmlElement, prefix: str) -> lxml.html.HtmlElement | None:
    """The first element (in document order) whose own text, or the text after one of its children,
    starts the extracted body."""
    # Normalising text is the cost here: only text nodes holding the prefix's longest word qualify,
    # and libxml2 finds those without a Python object per element.
    key = max(prefix.split(" "), key=len)
    first = None
    for node in TEXT_NODES_CONTAINING(tree, key=key):
        holder = node.getparent()  # the element of a text, the child before a tail
        if node.is_tail:
            holder = holder.getparent()
        if holder.tag in NON_TEXT_TAGS or prefix not in _norm(node):
            continue
        # Text nodes come in document order, but an element is reached before the tails of its
        # children: a later tail's element comes first only when it holds the current one.
        if first is None or any(ancestor is holder for ancestor in first.iterancestors()):
            first = holder
    return first


def _candidates_before(tree: lxml.html.HtmlElement, body: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """Lead-marked, sentence-like elements shortly before `body`, sharing its article container."""
    body_ancestors = set(body.iterancestors())
    found: list[lxml.html.HtmlElement] = []
    distance = 0
    for element in _elements_before(tree, body):
        text = element.text or ""
        distance += len(text.strip()) + len((element.tail or "").strip())
        if distance > LEAD_MAX_DISTANCE_CHARS + LEAD_MAX_CHARS:
            break
        if _is_lead(element, body_ancestors):
            found.append(element)
    return found[::-1]


def _elements_before(tree: lxml.html.HtmlElement, body: lxml.html.HtmlElement):
    """The elements that come before `body` in `tree` (its ancestors included), nearest first."""
    # Walked back from `body`: the search stops once it has passed more text than a lead can be
    # away from the body, mostly long before the page's start.
    node = body
    while node is not tree:
        previous = node.getprevious()
        if previous is None:
            node = node.getparent()
        else:
            node = previous
            while len(node):  # the last node inside the previous sibling
                node = node[-1]
        if isinstance(node.tag, str):
            yield node


def _marker(element: lxml.html.HtmlElement) -> str:
    return f"{element.get('class', '')} {element.get('id', '')}"


def _is_lead(element: lxml.html.HtmlElement, body_ancestors: set) -> bool:
    marker = _marker(element)
    if not (_has_lead_marker(marker) or _is_header_paragraph(element)):
        return False
    if element.tag in NON_CONTENT_TAGS or NON_CONTENT_MARKER.search(marker):
        return False
    ancestors = list(element.iterancestors())
    if any(a.tag in NON_CONTENT_TAGS or NON_CONTENT_MARKER.search(_marker(a)) for a in ancestors):
        return False
    shared = next((a for a in ancestors if a in body_ancestors), None)
    if shared is None or shared.tag in ("body", "html"):
        return False
    text = _norm(element.text_content())
    if not LEAD_MIN_CHARS <= len(text) <= LEAD_MAX_CHARS or not SENTENCE_END.search(text):
        return False
    # a lead is prose, not a list of links
    link_chars = sum(len(_norm(a.text_content())) for a in element.iter("a"))
    return link_chars < 0.3 * len(text)


@functools.lru_cache(maxsize=1 << 14)
def _has_lead_marker(marker: str) -> bool:
    # Most elements before the body are checked: their class lists repeat within a page and across
    # a site's pages, and the case-insensitive search costs microseconds.
    return LEAD_MARKER.search(marker) is not None


def _is_header_paragraph(element: lxml.html.HtmlElement) -> bool:
    return element.tag == "p" and next(element.iterancestors("header"), None) is not None
