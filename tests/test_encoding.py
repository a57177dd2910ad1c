"""Text decoding: BOMs, UTF-16/32 without BOM, declared charsets, legacy code pages, binary."""
from __future__ import annotations

import codecs
import random

import pytest
from hypothesis import given, strategies as st

from tests.conftest import DEVDATA
from extractors.encoding import alphabet_misfits, declared_html_encoding, decode_text, normalize_text
from extractors.model import ExtractionError

ENGLISH = "The Minister met the Secretary-General in Geneva on 3 May 2024.\nBoth sides signed the memorandum.\n"
# Realistic paragraphs per legacy code page (long enough to carry evidence, short like a press note).
LEGACY_SAMPLES = {
    "cp1252": [
        "¡Qué niño! La señora Muñoz, ministra de Economía, firmó el miércoles un acuerdo con la Unión. ¿Cuándo llegará la fibra óptica?",
        "Le ministre a signé mercredi un accord de coopération avec l'Union internationale des télécommunications. « Ça coûte cher », a-t-il déclaré.",
        "O ministro das Comunicações assinou na quarta-feira um acordo de cooperação com a União. A conexão chegará às regiões mais remotas.",
        "Ministeren underskrev onsdag en samarbejdsaftale med Den Internationale Telekommunikationsunion. Bredbånd skal nå ud til små øer.",
        "Il ministro ha firmato mercoledì un accordo di cooperazione. Così la velocità della rete aumenterà già entro l'anno più vicino.",
        "Die schöne Straße führt über die Brücke. Der Bundesminister unterzeichnete am Mittwoch ein Abkommen. Kosten: 5 € pro Kopf.",
    ],
    "cp1250": [
        "Zażółć gęślą jaźń. Minister cyfryzacji podpisał w środę porozumienie o współpracy. Łączność szerokopasmowa dotrze do małych miejscowości.",
        "Příliš žluťoučký kůň úpěl ďábelské ódy. Ministerstvo průmyslu a obchodu České republiky oznámilo, že se připojí k iniciativě.",
        "Árvíztűrő tükörfúrógép. A miniszter szerdán aláírta az együttműködési megállapodást, amely előírja a szélessávú hálózat fejlesztését.",
    ],
    "cp1251": ["Министр подписал в среду соглашение о сотрудничестве с Международным союзом электросвязи в Женеве."],
    "cp949": ["과학기술정보통신부 장관은 국제전기통신연합 사무총장과 만나 디지털 협력 방안을 논의했다고 밝혔다."],
    "gb18030": ["国际电信联盟秘书长在日内瓦会见了中国工业和信息化部部长，双方就数字合作交换了意见。"],
    "cp932": ["総務大臣は国際電気通信連合の事務総局長とジュネーブで会談し、デジタル分野の協力について意見を交換した。"],
}


def test_utf8_fast_path() -> None:
    assert decode_text(ENGLISH.encode()) == (ENGLISH, "utf-8")


@pytest.mark.parametrize("bom_codec, codec", [
    ("utf-8-sig", "utf-8"), ("utf-16", "utf-16-le"), ("utf-16-be", "utf-16-be"), ("utf-32", "utf-32-le"),
    ("utf-32-be", "utf-32-be")])
def test_byte_order_marks(bom_codec: str, codec: str) -> None:
    bom = {"utf-16-be": codecs.BOM_UTF16_BE, "utf-32-be": codecs.BOM_UTF32_BE}.get(bom_codec, b"")
    text, used = decode_text(bom + ("Grüße, 세계\n" + ENGLISH).encode(bom_codec))
    assert (text, used) == ("Grüße, 세계\n" + ENGLISH, codec)


def test_utf32le_bom_is_not_read_as_utf16() -> None:
    data = codecs.BOM_UTF32_LE + "Hello".encode("utf-32-le")
    assert decode_text(data) == ("Hello", "utf-32-le")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_unicode_without_bom(codec: str) -> None:
    # ASCII in UTF-16LE is valid UTF-8 (full of NULs): the NUL pattern must win.
    assert decode_text(ENGLISH.encode(codec)) == (ENGLISH, codec)


@pytest.mark.parametrize("codec, text", [(c, t) for c, texts in LEGACY_SAMPLES.items() for t in texts])
def test_legacy_code_pages(codec: str, text: str) -> None:
    decoded, used = decode_text(text.encode(codec))
    assert decoded == text, used


def test_cp1252_is_not_read_as_cp1250() -> None:
    """charset-normalizer ranks cp1250 first for this Spanish text ("nińo", "ˇQué")."""
    text = "<p>¡Qué niño tan simpático! La señora dijo: «¿Quién llamó?» Cuesta 5 €.</p>\n"
    assert decode_text(text.encode("cp1252")) == (text, "cp1252")


def test_euc_kr_decodes_as_its_superset() -> None:
    assert decode_text("한국어 문서입니다. 똠방각하".encode("cp949"))[1] == "cp949"


def test_declared_charset_is_used_when_it_decodes() -> None:
    html = '<html><head><meta charset="iso-8859-1"></head><body>Caf\xe9 cr\xe8me</body></html>'
    data = html.encode("cp1252")
    assert declared_html_encoding(data) == "iso-8859-1"
    assert decode_text(data, declared_encoding="iso-8859-1") == (html, "cp1252")


def test_bom_beats_declared_charset() -> None:
    html = "<html><head><meta charset='utf-8'></head><body>Steel</body></html>"
    text, used = decode_text(codecs.BOM_UTF16_LE + html.encode("utf-16-le"), declared_encoding="utf-8")
    assert (text, used) == (html, "utf-16-le")


def test_valid_utf8_beats_a_wrong_declaration() -> None:
    html = "<meta charset=windows-1252><p>Zürich – Genève</p>"
    assert decode_text(html.encode(), declared_encoding="windows-1252") == (html, "utf-8")


def test_unknown_declared_charset_falls_back_to_detection() -> None:
    text = "Ministerstvo průmyslu a obchodu České republiky oznámilo, že se připojí k iniciativě."
    assert decode_text(text.encode("cp1250"), declared_encoding="x-made-up")[0] == text


def test_empty_and_binary_inputs() -> None:
    with pytest.raises(ExtractionError) as empty:
        decode_text(b"")
    assert empty.value.reason == "empty"
    rng = random.Random(7)
    noise = bytes(rng.randrange(256) for _ in range(4096))
    with pytest.raises(ExtractionError) as binary:
        decode_text(noise)
    assert binary.value.reason == "binary"
    with pytest.raises(ExtractionError) as controls:
        decode_text(b"\x01\x02\x03\x04abc\x05\x06\x07\x08" * 50)
    assert controls.value.reason == "binary"


def test_stray_nul_is_dropped() -> None:
    assert decode_text(ENGLISH.encode() * 20 + b"\x00")[0] == ENGLISH * 20


def test_normalize_text() -> None:
    assert normalize_text("\ufeffa\r\nb\rc\x00d\ufffe") == "a\nb\ncd"


def test_alphabet_misfits_flags_wrong_code_pages() -> None:
    assert alphabet_misfits("Zażółć gęślą jaźń")[0] == 0
    assert alphabet_misfits("Za¿ó³æ gêœl¹ jaŸñ")[0] > 0  # the same bytes read as cp1252
    assert alphabet_misfits("utilitzaciґ")[0] == 1  # a Cyrillic letter glued to a Latin word
    assert alphabet_misfits("plain ASCII") == (0, 0)


@given(st.binary(max_size=2048))
def test_decode_text_never_raises_anything_else(data: bytes) -> None:
    try:
        text, encoding = decode_text(data)
    except ExtractionError as exc:
        assert exc.reason in {"empty", "binary"}
        return
    assert "\x00" not in text and "\r" not in text and not text.startswith("\ufeff")
    assert codecs.lookup(encoding)


@given(st.text(max_size=500), st.sampled_from(["utf-8", "utf-16", "utf-32", "utf-8-sig"]))
def test_unicode_round_trips(text: str, codec: str) -> None:
    try:
        decoded, _ = decode_text(text.encode(codec))
    except ExtractionError as exc:
        assert exc.reason in {"empty", "binary"}
        return
    assert decoded == normalize_text(text)


LINGUA = DEVDATA / "langid_lingua" / "sentences"
LINGUA_CODE_PAGES = {"cp1252": ["en", "fr", "es", "de", "pt", "it"], "cp1250": ["pl", "cs", "hu"],
                     "cp1251": ["ru", "uk"], "cp949": ["ko"], "gb18030": ["zh"], "cp932": ["ja"]}


@pytest.mark.skipif(not LINGUA.is_dir(), reason="../shared/devdata is absent")
@pytest.mark.parametrize("codec", sorted(LINGUA_CODE_PAGES))
def test_real_sentences_in_legacy_code_pages(codec: str) -> None:
    """Paragraphs of 5 real news sentences, encoded in a legacy code page, decode exactly."""
    total = correct = 0
    for lang in LINGUA_CODE_PAGES[codec]:
        lines = (LINGUA / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
        for start in range(0, len(lines), 5):
            text = " ".join(lines[start:start + 5])
            try:
                data = text.encode(codec)
                data.decode("utf-8")
                continue  # pure ASCII (or source mojibake that is valid UTF-8): nothing to detect
            except UnicodeEncodeError:
                continue
            except UnicodeDecodeError:
                pass
            total += 1
            correct += decode_text(data)[0] == data.decode(codec)
    assert total >= 20 and correct / total >= 0.95, f"{correct}/{total}"
