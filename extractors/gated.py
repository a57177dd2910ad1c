"""A costly regex behind a cheap one: how steps search many texts for patterns few of them hold."""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class GatedPattern:
    """A costly unanchored pattern behind a cheap regex that finds something every match contains,
    so a text without it is skipped without running the pattern: a character class `re` skips to
    at C speed, or literals (`any_of`), all found in one scan."""

    gate: re.Pattern[str]
    pattern: re.Pattern[str]

    def search(self, text: str, folded: str | None = None) -> re.Match[str] | None:
        """`pattern.search(text)`. The gate is searched in `folded` (the text case-folded, for gates
        written in lower case) when it is given, else in `text`."""
        return self.pattern.search(text) if self.gate.search(text if folded is None else folded) else None


def any_of(*literals: str) -> re.Pattern[str]:
    """A gate that finds any of `literals`."""
    return re.compile("|".join(map(re.escape, literals)))
