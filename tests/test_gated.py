import re

from extractors.gated import GatedPattern, any_of

COPYRIGHT = GatedPattern(any_of("©", "copyright"), re.compile(r"©|\bcopyright\b", re.IGNORECASE))


def test_a_text_the_gate_rejects_is_not_searched():
    assert COPYRIGHT.search("All news from Geneva") is None
    assert COPYRIGHT.search("© ITU 2024").group() == "©"


def test_the_gate_reads_the_folded_text_when_given():
    text = "COPYRIGHT ITU"
    assert COPYRIGHT.search(text) is None  # the gate's literals are lower case
    assert COPYRIGHT.search(text, text.casefold()).group() == "COPYRIGHT"


def test_any_of_takes_literals_not_patterns():
    assert any_of("a.b", "(c)").search("x (c) y") and not any_of("a.b").search("axb")
