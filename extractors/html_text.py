"""Main-content extraction from HTML: the article text, its title and author."""
from __future__ import annotations

from dataclasses import dataclass

import trafilatura


@dataclass(frozen=True, slots=True)
class HtmlExtract:
    text: str
    title: str | None = None
    author: str | None = None


def extract_html(markup: str) -> HtmlExtract:
    """Return the main text of an HTML page (paragraphs separated by blank lines)."""
    doc = trafilatura.bare_extraction(markup, include_comments=False, include_tables=True, favor_recall=True, with_metadata=True)
    if doc is None:
        return HtmlExtract(text="")
    text = (doc.text or "").replace("\n", "\n\n")
    return HtmlExtract(text=text, title=doc.title or None, author=doc.author or None)
