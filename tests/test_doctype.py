"""Document type: cues in ten languages, the taxonomy's precedence, sections, robustness, devdata."""
from __future__ import annotations

import gzip
import re
import time
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from extractors.doctype import _non_empty_lines, _sentences, classify_document
from extractors.model import DOC_TYPES, CleanDocument, RemovedText

DEVDATA = Path(__file__).resolve().parents[1].parent / "shared" / "devdata"
UN_SPEECHES = DEVDATA / "un_general_debate_speeches" / "txt"
ARTICLE_PAGES = DEVDATA / "article_extraction_benchmark" / "html"

REPORT = ("The regional conference brought together delegates from forty countries to discuss spectrum policy, "
          "rural broadband and the financing of new networks. Several speakers pointed to the cost of backhaul.")


def doc(body: str, *removed: tuple[str, str], title: str | None = None, author: str | None = None) -> CleanDocument:
    return CleanDocument(body_text=body, title=title, author=author,
                         removed=tuple(RemovedText(text, reason, 0) for reason, text in removed))


def kind(body: str, *removed: tuple[str, str], language: str = "en", doc_format: str = "txt", **meta) -> str:
    return classify_document(doc(body, *removed, **meta), doc_format, language).doc_type


# --- official documents --------------------------------------------------------------------------

@pytest.mark.parametrize("header, language", [
    ("COUNCIL 2023\n\nDocument C23/14-E\n12 May 2023\nOriginal: English\n\nReport by the Secretary-General", "en"),
    ("CONSEIL 2023\n\nDocument C23/14-F\n12 mai 2023\nOriginal : anglais\n\nRapport du Secrétaire général", "fr"),
    ("CONSEJO 2023\n\nDocumento C23/14-S\n12 de mayo de 2023\nOriginal: inglés\n\nNota del Secretario General", "es"),
    ("СОВЕТ 2023\n\nДокумент C23/14-R\n12 мая 2023 года\nОригинал: английский\n\nЗаписка Генерального секретаря", "ru"),
    ("2023年理事会\n\n文件 C23/14-C\n2023年5月12日\n原文：英文\n\n秘书长的说明", "zh"),
    ("A/RES/70/1\n\nResolution adopted by the General Assembly on 25 September 2015", "en"),
])
def test_official_document_from_its_header(header: str, language: str):
    result = classify_document(doc(header + "\n\n" + REPORT), "pdf", language)
    assert result.doc_type == "official_document"
    assert any(cue.startswith(("symbol:", "original_language_line")) for cue in result.evidence)


def test_a_symbol_mentioned_in_running_text_is_not_a_header():
    body = REPORT + " The proposal is set out in Document 12-E, which delegates will discuss. " + REPORT
    assert kind(body) == "news_article"


# --- letters -------------------------------------------------------------------------------------

@pytest.mark.parametrize("opening, closing, language", [
    ("Dear Dr Okafor,", "Yours sincerely,\n\nMaria Lopez\nDirector", "en"),
    ("Monsieur le Ministre,", "Je vous prie d'agréer, Monsieur le Ministre, l'expression de ma haute considération.", "fr"),
    ("Estimado Sr. García:", "Atentamente,\n\nAna Torres", "es"),
    ("Prezado Senhor Silva,", "Atenciosamente,\n\nJoão Souza", "pt"),
    ("Sehr geehrter Herr Müller,", "Mit freundlichen Grüßen\n\nAnna Schmidt", "de"),
    ("Уважаемый господин Петров!", "С уважением,\n\nИ. Иванов", "ru"),
    ("尊敬的王部长：", "此致\n敬礼", "zh"),
    ("Poštovani gospodine Horvat,", "S poštovanjem,\n\nIvana Kovač", "hr"),
])
def test_letter_from_salutation_and_closing(opening: str, closing: str, language: str):
    body = f"Ministry of Communications\n\n12 March 2024\n\n{opening}\n\n{REPORT}\n\n{closing}"
    result = classify_document(doc(body), "docx", language)
    assert result.doc_type == "letter"
    assert any(cue.split(":")[0] in ("salutation", "generic_salutation") for cue in result.evidence)


def test_note_verbale_is_a_letter():
    body = ("The Permanent Mission of Ruritania to the United Nations Office at Geneva presents its compliments to the "
            "Secretariat and has the honour to inform it of the nomination of a candidate.\n\n"
            "The Permanent Mission avails itself of this opportunity to renew to the Secretariat the assurances of its "
            "highest consideration.")
    result = classify_document(doc(body), "pdf", "en")
    assert (result.doc_type, "note_verbale" in result.evidence) == ("letter", True)


# --- speeches ------------------------------------------------------------------------------------

@pytest.mark.parametrize("opening, ending, language", [
    ("Mr. President,\nExcellencies,\nLadies and gentlemen,", "Thank you for your attention.", "en"),
    ("Monsieur le Président,\nMesdames et Messieurs,", "Je vous remercie de votre attention.", "fr"),
    ("Señor Presidente,\nExcelencias, señoras y señores:", "Muchas gracias.", "es"),
    ("Senhor Presidente,\nSenhoras e senhores,", "Muito obrigado.", "pt"),
    ("Sehr geehrter Herr Präsident,\nmeine Damen und Herren,", "Vielen Dank für Ihre Aufmerksamkeit.", "de"),
    ("Уважаемый господин Председатель!\nДамы и господа!", "Спасибо за внимание.", "ru"),
    ("السيد الرئيس،\nأصحاب السعادة،", "شكرا لكم.", "ar"),
    ("主席先生，\n女士们、先生们：", "谢谢大家。", "zh"),
    ("존경하는 의장님,\n신사 숙녀 여러분,", "감사합니다.", "ko"),
    ("Poštovani predsjedniče,\nDame i gospodo,", "Hvala na pažnji.", "hr"),
])
def test_speech_from_address_and_thanks(opening: str, ending: str, language: str):
    result = classify_document(doc(f"{opening}\n\n{REPORT}\n\n{ending}"), "txt", language)
    assert result.doc_type == "speech"
    assert result.evidence[0].startswith("address:")


def test_speech_without_address_lines_reads_as_oratory():
    body = ("It is an honour to address this Assembly on behalf of my Government. Allow me first to congratulate "
            "the President on her election. We must act together, and we cannot wait. I would like to thank the "
            "Secretary-General for his report. Our people expect results, and our region needs peace. "
            "Let us renew our commitment to the Charter.") * 3
    result = classify_document(doc(body), "txt", "en")
    assert result.doc_type == "speech"
    assert any(cue.startswith("oratory_phrases:") for cue in result.evidence)


@pytest.mark.parametrize("title, language", [
    ("Remarks by the Secretary-General at the opening of the Assembly", "en"),
    ("Discours du Ministre à l'ouverture de la conférence", "fr"),
    ("秘书长在全权代表大会开幕式上的讲话", "zh"),
    ("세계전기통신개발회의 개회식 기조연설", "ko"),
])
def test_speech_title_with_a_closing_thanks(title: str, language: str):
    closing = {"en": "Thank you.", "fr": "Merci.", "zh": "谢谢。", "ko": "감사합니다."}[language]
    result = classify_document(doc(f"{REPORT}\n\n{closing}", title=title), "html", language)
    assert result.doc_type == "speech"
    assert {"closing_thanks"} <= set(result.evidence) and any(cue.startswith("heading:") for cue in result.evidence)


def test_headlines_and_greetings_that_only_look_like_cues():
    assert kind(REPORT * 2, title="Address book of the ministry leaked online") == "news_article"
    assert kind("Dear readers,\n\n" + REPORT * 2, doc_format="html") == "news_article"


def test_quoted_remarks_in_a_report_do_not_make_a_speech():
    body = ('The minister opened the meeting. "Allow me to thank all delegates. We must act together, I would like '
            'to congratulate the organisers," she said, according to officials. ' + REPORT) * 2
    assert kind(body) == "news_article"


# --- press releases ------------------------------------------------------------------------------

@pytest.mark.parametrize("marker, contact, language", [
    ("Press release", "For further information, please contact the Press Office: press@ministry.example", "en"),
    ("Communiqué de presse", "Contact presse : service.presse@ministere.example", "fr"),
    ("Nota de prensa", "Contacto de prensa: Gabinete de Prensa del Ministerio", "es"),
    ("Nota à imprensa", "Contato para imprensa: Assessoria de Imprensa", "pt"),
    ("Pressemitteilung", "Pressekontakt: Pressestelle des Ministeriums", "de"),
    ("Пресс-релиз", "Контакты для СМИ: пресс-служба министерства", "ru"),
    ("بيان صحفي", "للاستفسارات الإعلامية يرجى الاتصال بالمكتب الإعلامي", "ar"),
    ("新闻稿", "媒体联系：新闻办公室", "zh"),
    ("보도자료", "담당부서 정보통신정책실", "ko"),
    ("Priopćenje za medije", "Kontakt za medije: Služba za odnose s javnošću", "hr"),
])
def test_press_release_from_marker_and_contact(marker: str, contact: str, language: str):
    result = classify_document(doc(f"{marker}\n\n{REPORT}\n\n{contact}"), "html", language)
    assert result.doc_type == "press_release"
    assert "press_release_marker" in result.evidence and "contact_block" in result.evidence


def test_press_release_from_removed_site_section_and_government_licence():
    clean = doc(REPORT, ("breadcrumb", "Home News Press Releases"),
                ("contact", "For further information, please contact the Public Relations Division (Phone: +1 555 0100)"),
                ("licence", "Open Government Licence: the works of the Ministry may be reused with attribution"))
    result = classify_document(clean, "html", "en")
    assert result.doc_type == "press_release"
    assert {"press_release_section", "contact_block", "government_publisher"} <= set(result.evidence)


@pytest.mark.parametrize("body, removed, language", [
    ("国家邮政局今天在杭州召开快递业绿色发展座谈会，部署下一阶段包装减量工作。会议要求各地邮政管理部门加强监督检查。" * 3,
     ("copyright", "主办单位：中华人民共和国国家邮政局 版权所有"), "zh"),
    ("El Ministerio de Transportes y Movilidad presentó hoy el plan de conectividad de carreteras. " + REPORT,
     ("copyright", "© Ministerio de Transportes y Movilidad Sostenible 2023"), "es"),
    ("Министерства энергетики провело совещание с регионами о подготовке сетей к зиме. " * 4,
     ("other", "Источник: Министерство энергетики"), "ru"),
])
def test_government_body_that_names_itself_issues_a_press_release(body: str, removed: tuple[str, str], language: str):
    result = classify_document(doc(body, removed), "html", language)
    assert result.doc_type == "press_release"
    assert {"government_publisher", "publisher_self_reference"} <= set(result.evidence)


def test_government_copyright_about_others_is_no_self_reference():
    body = "The Port Authority of Example City opened a new terminal on Monday. " + REPORT
    result = classify_document(doc(body, ("copyright", "© 2023 Ministry of Fisheries")), "html", "en")
    assert "publisher_self_reference" not in result.evidence


def test_a_chart_source_in_a_news_body_keeps_the_outlet_copyright():
    body = REPORT + ' "Prices fell," the analyst said.\n\nSource: Ministry of Finance'
    result = classify_document(doc(body, ("copyright", "© 2024 The Example Herald")), "html", "en")
    assert result.doc_type == "news_article" and "outlet_copyright" in result.evidence


@pytest.mark.parametrize("sentence, language", [
    ("Our ministry will publish the tender documents next month.", "en"),
    ("Notre ministère publiera le cahier des charges le mois prochain.", "fr"),
    ("我部将于下月发布招标文件。", "zh"),
])
def test_institutional_voice_is_a_press_release_cue(sentence: str, language: str):
    result = classify_document(doc(f"{sentence}\n\n{REPORT}", ("breadcrumb", "Inicio > Actualidad > Notas de prensa")),
                               "html", language)
    assert result.doc_type == "press_release"
    assert "institutional_voice" in result.evidence


@pytest.mark.parametrize("title, removed", [
    ("Document 17-F 3 March 2019 Original : anglais Note du Secrétaire général", ()),
    ("Draft programme of the workshop", (("page_header", "WG-7/17-E"), ("other", "Original: Spanish"))),
])
def test_official_header_displaced_into_title_or_removed_lines(title: str, removed: tuple):
    body = ("Dear Colleague,\n\nI have the honour to transmit the enclosed draft programme for your consideration.\n\n"
            + REPORT + "\n\nYours sincerely,\n\nA. Example")
    result = classify_document(doc(body, *removed, title=title), "pdf", "en")
    assert result.doc_type == "official_document"
    assert "symbol:displaced" in result.evidence


def test_a_headline_with_a_slash_number_is_no_symbol():
    result = classify_document(doc(REPORT * 2, title="Open 24/7: the new broadband help desk"), "html", "en")
    assert result.doc_type == "news_article"


def test_a_generic_information_line_is_only_a_hint():
    body = REPORT * 2 + "\n\nPara más información, consulte el sitio web del organismo."
    result = classify_document(doc(body), "html", "es")
    assert result.doc_type == "news_article"


def test_about_boilerplate_and_dateline():
    body = ("GENEVA, 3 March 2023 – The agency today announced a new programme for rural connectivity.\n\n" + REPORT +
            "\n\nAbout the International Example Union\n\nThe Union is the specialized agency for examples.")
    result = classify_document(doc(body, ("contact", "Media contact: press@example.int")), "html", "en")
    assert result.doc_type == "press_release"
    assert {"dateline", "about_boilerplate", "contact_block"} <= set(result.evidence)


# --- news and blogs ------------------------------------------------------------------------------

def test_news_from_byline_staff_writer_and_outlet_copyright():
    clean = doc(REPORT + ' "We are ready," the minister said.', ("byline", "By Jane Roe"), ("byline", "Staff Writer"),
                ("copyright", "Copyright © 2024 The Daily Example. All rights reserved."), author="Jane Roe")
    result = classify_document(clean, "html", "en")
    assert result.doc_type == "news_article"
    assert {"byline", "staff_writer", "outlet_copyright"} <= set(result.evidence)


@pytest.mark.parametrize("body, language", [
    ("新华社北京10月30日电（记者 王小明）国际电信联盟30日在北京举行研讨会。与会代表表示，将加强合作。", "zh"),
    ("BRUSSELS (Reuters) - European ministers agreed on Tuesday to new rules for spectrum auctions. " + REPORT, "en"),
    ("서울=연합뉴스 홍길동 기자 = 과학기술정보통신부는 30일 국제전기통신연합 회의에 참석한다고 밝혔다.", "ko"),
])
def test_news_from_agency_and_reporter_credits(body: str, language: str):
    result = classify_document(doc(body), "html", language)
    assert result.doc_type == "news_article"
    assert {"news_agency", "staff_writer"} & set(result.evidence)


def test_blog_from_platform_furniture_and_first_person():
    body = ("I spent last week at the spectrum workshop and I have to say my expectations were low. "
            "I think the panels were better than I feared, and my favourite was the one on rural access.") * 2
    clean = doc(body, ("other", "Posted by Sam on 3 May 2024"), ("share_widget", "Share this:"),
                ("other", "Leave a comment"), author="Sam")
    result = classify_document(clean, "html", "en")
    assert result.doc_type == "blog_post"
    assert "first_person_voice" in result.evidence


def test_korean_letter_with_title_salutation_and_named_sign_off():
    body = ("박지영 과장님께,\n\n저희 기관은 지난 회의에서 논의된 주파수 공동 연구 제안을 지지하며, "
            "다음 달 회의에 담당자를 보낼 예정임을 알려 드립니다.\n\n이수진 드림")
    result = classify_document(doc(body), "txt", "ko")
    assert result.doc_type == "letter"
    assert {"salutation:박지영 과장님께", "closing:이수진 드림"} <= set(result.evidence)


@pytest.mark.parametrize("removed", [
    (("byline", "Posted by Lena Holm on 2 April 2024"), ("comments", "7 Comments"), ("comments", "Leave a Reply")),
    (("tags", "Filed under: satellites, policy"), ("other", "Proudly powered by WordPress")),
    (("comments", "Marco says: April 3, 2024 at 8:01 pm"),),
])
def test_signed_blog_from_removed_platform_furniture(removed: tuple):
    body = ("Last month I finally tried a rooftop satellite terminal at our cabin, and I was surprised. "
            "In my opinion the installation guide is the weak point, and I expect most buyers will need help.") * 2
    result = classify_document(doc(body, *removed, author="Lena Holm"), "html", "en")
    assert result.doc_type == "blog_post"
    assert any(cue.startswith("blog_marker") for cue in result.evidence)


def test_unreported_first_person_opinion_is_a_blog():
    body = ("For years I have argued that municipal fibre is underrated. I think the numbers now prove it: "
            "in my town the co-operative network costs less than the old cable offer, and my neighbours agree. "
            "I would argue that regulators should make such projects easier, not harder.")
    result = classify_document(doc(body, title="Why I still believe in municipal fibre"), "html", "en")
    assert result.doc_type == "blog_post"
    assert "personal_opinion" in result.evidence


def test_first_person_quotes_in_a_report_stay_news():
    body = ('"I think the auction was fair," the minister said. "In my view it worked," she added, '
            "according to the agency. " + REPORT)
    assert kind(body, ("copyright", "© 2024 The Example Herald")) == "news_article"


def test_english_pronouns_are_not_read_in_another_language():
    body = ("Secondo gli organizzatori i partecipanti e i relatori hanno discusso i costi e i tempi della rete; "
            "i dati e i risultati saranno pubblicati presto, e i comuni riceveranno i fondi. ") * 3
    result = classify_document(doc(body, author="Carla Neri"), "html", "it")
    assert "first_person_voice" not in result.evidence and result.doc_type == "news_article"


def test_prose_without_cues_reads_as_a_report_and_fragments_as_other():
    report = classify_document(doc(REPORT * 2), "html", "en")
    assert (report.doc_type, report.evidence[0]) == ("news_article", "fallback:prose_report")
    assert kind("Table 3. Spectrum fees 2021 2022 2023", doc_format="pdf") == "other"
    assert kind("", doc_format="txt") == "other"


# --- precedence and compound documents ---------------------------------------------------------

def test_first_match_wins_official_over_annexed_letter():
    body = ("Document 5-E\n3 May 2022\nOriginal: English\n\nNote by the Secretary-General\n\n"
            "I have the pleasure to transmit the letter below.\n\nAnnex: 1\n\n"
            "Ministry of Communications\nRuritania\n\nDear Secretary-General,\n\n" + REPORT + "\n\nYours sincerely,\n\n"
            "A. Minister\nMinister\n\nCURRICULUM VITAE\n\n- 2015 – Present Director, Example Bureau\n"
            "- 2010 – 2015 Head of Division\n- 2001 – 2010 Engineer\n\n"
            "I am Jane Doe, a candidate for the post of Deputy Secretary-General, and my vision is simple.\n\n" + REPORT)
    result = classify_document(doc(body), "pdf", "en")
    assert result.doc_type == "official_document"
    kinds = [section.kind for section in result.sections]
    assert kinds == ["official_document", "letter", "cv", "vision_statement"]
    starts = [section.char_start for section in result.sections]
    assert starts == sorted(starts) and result.sections[-1].char_end == len(body)
    letter = result.sections[1]
    assert body[letter.char_start:letter.char_end].startswith("Ministry of Communications")
    assert "Yours sincerely" in body[letter.char_start:letter.char_end]
    assert body[result.sections[2].char_start:].startswith("CURRICULUM VITAE")


def test_simple_documents_have_no_sections():
    assert classify_document(doc(REPORT), "html", "en").sections == ()


# --- robustness ----------------------------------------------------------------------------------

@given(st.text(max_size=3000), st.sampled_from(["txt", "html", "pdf", "docx"]),
       st.sampled_from(["en", "fr", "zh", "ko", "ar", "und", "xx"]))
def test_never_raises_and_stays_in_range(body: str, doc_format: str, language: str):
    result = classify_document(CleanDocument(body_text=body, title=body[:20] or None), doc_format, language)
    assert result.doc_type in DOC_TYPES
    assert 0.0 <= result.score <= 1.0 and result.evidence
    for section in result.sections:
        assert 0 <= section.char_start < section.char_end <= len(body)


def test_evidence_and_score_are_deterministic():
    clean = doc("Press release\n\n" + REPORT, ("contact", "Media contact: press@example.org"))
    assert classify_document(clean, "html", "en") == classify_document(clean, "html", "en")


def test_fast_enough():
    clean = doc(("Mr. President,\n\n" + REPORT + "\n\n") * 30, ("copyright", "© 2024 Example"))
    classify_document(clean, "txt", "en")
    started = time.perf_counter()
    for _ in range(200):
        classify_document(clean, "txt", "en")
    assert (time.perf_counter() - started) / 200 < 0.005  # budget 0.5 ms; generous for loaded CI machines


# --- helpers --------------------------------------------------------------------------------------

@given(st.text(alphabet="ab .!?。\n\t\u2003", max_size=30))
def test_sentences_are_cut_as_a_split_after_each_sentence_end(text):
    assert _sentences(text) == re.split(r"(?<=[.!?。！？])\s*", text)


@given(st.text(alphabet="ab \n\t\r\x0c\u2003", max_size=30), st.integers(min_value=1, max_value=4))
def test_non_empty_lines_have_their_offsets(text, limit):
    expected = [(m.start(), m.group().strip()) for m, _ in zip(re.finditer(r"[^\n]*\S[^\n]*", text), range(limit))]
    assert _non_empty_lines(text, limit) == expected


# --- development data ----------------------------------------------------------------------------

@pytest.mark.skipif(not UN_SPEECHES.is_dir(), reason="../shared/devdata is absent")
def test_un_general_debate_speeches_are_speeches():
    files = sorted(UN_SPEECHES.glob("*.txt"))[::2]
    speeches = sum(kind(path.read_text(encoding="utf-8")) == "speech" for path in files)
    assert speeches / len(files) >= 0.95


@pytest.mark.skipif(not ARTICLE_PAGES.is_dir(), reason="../shared/devdata is absent")
def test_article_benchmark_pages_are_news_or_blogs():
    from extractors.boilerplate import strip_boilerplate
    from extractors.loaders import load_document

    files = sorted(ARTICLE_PAGES.glob("*.html.gz"))[:20]
    hits = 0
    for path in files:
        loaded = load_document(path.name.removesuffix(".gz"), gzip.decompress(path.read_bytes()))
        hits += classify_document(strip_boilerplate(loaded), loaded.format, "en").doc_type in ("news_article", "blog_post")
    assert hits / len(files) >= 0.9
