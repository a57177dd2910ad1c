"""Document type from explainable cues: which of the seven types, how sure, and why.

    classify_document(clean, doc_format, language) -> DocTypeResult(doc_type, score, evidence, sections)

Each cue found adds points to one type and leaves a piece of evidence ("symbol:Document 12-E",
"salutation:Your Excellency", "byline", ...). Cues are positional: a document symbol or a
salutation counts in the head of the document, a closing formula in its tail, a press contact or
an outlet copyright in the boilerplate that cleaning removed. The taxonomy's rule "first match
wins" (official_document, letter, speech, press_release, news_article, blog_post, other) decides
between types that reach their threshold, unless a later type has much more evidence (one stray
cue must not outvote a page of others). Without any decisive cue, prose reads as a news report
and anything else is "other".

The lexicons cover en, fr, es, pt, de, ru, ar, zh, ko and hr.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from extractors.gated import GatedPattern, any_of
from extractors.model import CleanDocument, DocTypeResult, Section

TYPE_ORDER = ("official_document", "letter", "speech", "press_release", "news_article", "blog_post")
DECISION_POINTS = {"official_document": 3.0, "letter": 3.0, "speech": 3.0, "press_release": 3.0,
                   "news_article": 2.0, "blog_post": 3.0}
OUTVOTE_RATIO = 2.0  # a type that reaches its threshold yields to one with this many times its points

HEAD_LINES = 15  # document symbols, markers and salutations sit in the first lines
HEAD_CHARS = 1500
TAIL_LINES = 12
TAIL_CHARS = 1500
SECTION_REASONS = ("menu", "breadcrumb", "title", "page_header", "other")  # removed lines that may name the site section
SCAN_CHARS = 3000  # running-text cues are counted in this much of the body (speed bound)
EXTENDED_SCAN_CHARS = 16000  # ... or this much when the first part hints at a speech
LETTER_SALUTATION_LINES = 25  # a standalone letter greets its reader within its first lines
SHORT_LINE_CHARS = 90
EDGE_CHARS = 200  # a news agency credit sits at the very start or end of a paragraph
PROSE_MIN_CHARS = 300  # less than this, with no cue, is not a recognisable report
FALLBACK_SCORE = 0.3
FALLBACK_EVIDENCE_SCORE = 0.1  # weak cues for the fallback type raise its score a little
# Points of each cue. A strong cue decides alone (3 = DECISION_POINTS); weaker ones need company.
CUE_POINTS = {
    "symbol": 3.0, "original_language_line": 3.0, "heading": 2.0,  # official documents (heading: speeches too)
    "salutation": 3.0, "generic_salutation": 2.0, "closing": 2.0, "note_verbale": 3.0, "i_have_the_honour_to": 1.0,
    "address": 3.0, "address_sequence": 1.0, "delivery_note": 4.0, "closing_thanks": 2.0,
    "press_release_marker": 3.0, "press_release_section": 2.0, "contact_block": 3.0, "contact_hint": 1.5,
    "notes_to_editors": 2.0, "about_boilerplate": 1.5, "dateline": 1.0, "government_publisher": 1.5,
    "publisher_self_reference": 1.5, "institutional_voice": 1.5,
    "byline": 2.5, "staff_writer": 1.5, "outlet_copyright": 1.5, "photo_credit": 0.5, "updated_line": 0.5,
    "news_agency": 3.0, "blog_marker": 2.0, "first_person_voice": 1.0, "personal_opinion": 2.0, "signed_personal_voice": 2.5,
}
ORATORY_PHRASE_POINTS = 0.75  # per phrase of someone addressing an audience, up to ORATORY_CAP
ORATORY_CAP = 3.0
COLLECTIVE_VOICE_POINTS = 1.5
REPORTING_VERB_POINTS = 0.5  # per "said", "according to"..., up to REPORTING_CAP
REPORTING_CAP = 2.0
BLOG_MARKER_CAP = 4.0
COLLECTIVE_VOICE_PER_1000_CHARS = 3.0  # "we", "our": a speaker talking for a country or an organisation
FIRST_PERSON_PER_1000_CHARS = 3.0  # "I", "my": a signed commentary

COMPOUND_TYPES = ("official_document", "letter")
PART_MIN_LINES = 3  # markers closer than this belong to the part already opened
PULL_BACK_LINES = 8
SECTION_TITLE_CHARS = 80
CAREER_ITEMS_FOR_CV = 3
SIGNATURE_LINES = 2  # name and title under a closing formula
SECTION_SCAN_LINES = 2000


def _lexicon(*alternatives: str, anchored: bool = False) -> re.Pattern:
    """One regex for a lexicon; lower-case alternatives meet lower-cased text (re.IGNORECASE is slow)."""
    body = "|".join(alternatives)
    return re.compile(rf"^\s*(?:{body})" if anchored else rf"(?:{body})", re.MULTILINE)


# --- official documents -------------------------------------------------------------------------
# "Document 12-E", "Doc. C22/5", "Documento 3", "Документ 12", a bare symbol line "C22/5-E",
# "A/RES/70/1", "S/2020/123".
DOCUMENT_SYMBOL_LINE = re.compile(
    r"^\s*(?:(?i:document|doc\.?|documento|dokument|документ|文件|文件编号|문서|وثيقة)\s*(?i:no\.?|nr\.?|n[°º]|№)?\s*"
    r"(?=[\w./()\-]*\d)[A-Z]{0,6}[-\d][\w./()\-]*"
    r"|(?=[\w./()\-]*\d)[A-Z]{1,5}(?:-[A-Z\d]{1,6})*\d{0,2}/(?:[A-Z]{1,6}/)*[\w.()\-]+(?:/[\w.()\-]+)*)\s*$")
ORIGINAL_LANGUAGE_LINE = _lexicon(
    r"original(?: language)?\s*:\s*\w+", r"langue originale\s*:", r"idioma original\s*:", r"originalsprache\s*:",
    r"оригинал\s*:", r"язык оригинала\s*:", r"原文\s*[:：]", r"원문\s*[:：]", r"الأصل\s*:", r"izvornik\s*:",
    r"distr\.?\s*:?\s*(?:general|limited|restricted|générale|limitée|general|generale)", anchored=True)
OFFICIAL_HEADING = _lexicon(
    r"note (?:by|of) the (?:secretary[- ]general|director|secretariat|chair(?:man|person)?|president)",
    r"note du (?:secrétaire général|directeur|secrétariat|président)", r"nota del (?:secretario general|director|presidente)",
    r"nota do (?:secretário[- ]geral|diretor)", r"(?:vermerk|note) des (?:generalsekretärs|direktors)",
    r"записка (?:генерального секретаря|директора|секретариата)", r"秘书长的说明", r"秘书长说明", r"사무총장 (?:노트|메모|문서)",
    r"مذكرة (?:من )?الأمين العام", r"bilješka glavnog tajnika",
    r"(?:draft )?(?:resolution|decision|recommendation) (?:\d+|[a-z]{1,3}[.-]?\d+)", r"r[ée]solution \d+", r"resoluci[óo]n \d+",
    r"resolução \d+", r"entschlie(?:ß|ss)ung \d+", r"резолюция \d+", r"第\d+号决议", r"결의 ?\d+", r"القرار \d+", r"rezolucija \d+",
    r"contribution (?:from|by|of)\b", r"contribution (?:de|du|des)\b", r"contribución (?:de|del)\b", r"beitrag (?:von|der|des)\b",
    r"вклад\b", r"文稿", r"기고", r"final acts\b", r"actes finals\b", r"actas finales\b", r"schlussakten\b",
    r"заключительные акты", r"最后文件", r"최종 ?의정서", r"الوثائق الختامية", r"agenda item \d+", r"point \d+ de l'ordre du jour",
    r"tema \d+ del (?:orden del día|programa)", r"summary record\b", r"compte rendu analytique", r"minutes of the\b",
    r"report (?:of|by) the (?:secretary|director|council|committee|working group|chair|meeting|conference)",
    r"rapport (?:du|de la) (?:secrétaire|directeur|conseil|comité|groupe)", r"informe (?:del|de la) (?:secretari|director|consejo|comité|grupo)",
    r"candidac(?:y|ies) for the post", r"candidature (?:for|au poste|à)", r"candidatura (?:para|al puesto|a)",
    r"plenary meeting$", r"séance plénière$", r"sesión plenaria$", r"пленарное заседание$", r"全体会议$", r"전체 ?회의$",
    anchored=True)
# The same header cues inside a longer line: cleaning may glue a header block into the title
# ("Document 41-E 14 June 2022 Original: French Note by the Secretary-General") or move it into
# the removed lines, and a later title mistake must not flip the type. Only the unambiguous cues:
# a symbol with a language suffix, "Original: <word>", "Note by the Secretary-General". Each is
# gated by literals every match contains: a symbol holds a "/" or a word for "document" (gated in
# the case-folded text, as its case-insensitive part matches what folds to these).
EMBEDDED_SYMBOL = GatedPattern(any_of("/", "doc", "dokument", "документ", "文件", "문서", "وثيقة"), re.compile(
    r"(?:^|\s)(?:(?i:document|doc\.|documento|dokument|документ|文件|문서|وثيقة)\s*[A-Z]{0,6}[-\d][\w./()\-]*-[EFSRACefsrac]"
    r"|[A-Z]{1,5}(?:-\d{1,2})?\d{0,2}/[\w.()\-]*\d[\w.()\-]*-[EFSRAC])(?=\s|$)"))
EMBEDDED_ORIGINAL = GatedPattern(any_of(":", "："), re.compile(
    r"(?:^|\s)(?:original(?: language)?|langue originale|idioma original|originalsprache|оригинал|язык оригинала|izvornik)\s*:\s*\w"
    r"|(?:原文|원문)\s*[:：]|الأصل\s*:"))
EMBEDDED_NOTE = GatedPattern(any_of("note", "nota", "записка", "秘书长", "مذكرة", "bilješka"), re.compile(
    r"note (?:by|of) the (?:secretary[- ]general|director|secretariat)|note du (?:secrétaire général|directeur|secrétariat)"
    r"|nota del (?:secretario general|director)|nota do secretário[- ]geral|записка (?:генерального секретаря|директора|секретариата)"
    r"|秘书长的?说明|مذكرة (?:من )?الأمين العام|bilješka glavnog tajnika"))
DISPLACED_LINES = 40  # removed lines read for a displaced header (speed bound)
DISPLACED_CHARS = 200

# --- letters -------------------------------------------------------------------------------------
# A greeting to one reader, on its own line: "Dear Dr Smith,", "Your Excellency,", "Monsieur le Ministre,".
LETTER_SALUTATION = _lexicon(
    r"dear (?!(?:friends|colleagues|all|delegates|guests|participants|members|ladies|readers|followers|customers|subscribers|diary)\b)[^\n,:]{1,60}[,:]?",
    r"(?:your )?excellency[,:]?", r"(?:dear )?(?:sir|madam|sir or madam|sir/madam)[,:]", r"to whom it may concern",
    r"(?:cher|chère) (?!(?:amis|collègues)\b)[^\n,:]{1,50},", r"monsieur(?: le [^\n,]{1,40})?,", r"madame(?: la [^\n,]{1,40})?,",
    r"excellence,", r"(?:estimad[oa]|querid[oa]) (?!(?:amigos|colegas)\b)[^\n,:]{1,50}[,:]", r"(?:señor|señora)(?: [^\n,:]{1,40})?[,:]",
    r"excelent[íi]sim[oa] [^\n,:]{1,50}[,:]", r"(?:prezad[oa]|car[oa]) (?!(?:amigos|colegas)\b)[^\n,:]{1,50}[,:]",
    r"sehr geehrte[rn]? (?!damen und herren)[^\n,:]{1,50},", r"liebe[rn]? (?!(?:freunde|kollegen|kolleginnen|leser|leserinnen)\b)[^\n,:]{1,40},",
    r"уважаем(?:ый|ая) [^\n,:!]{1,50}[,!:]", r"尊敬的[^\n，,：:]{1,20}[：:]", r"[^\n]{1,20}(?:님|귀하)\s*(?:께)?[,:]?$",
    r"(?:معالي|سعادة|حضرة) [^\n]{1,50}", r"(?:poštovani|poštovana|dragi|draga) (?!(?:kolege|prijatelji)\b)[^\n,:]{1,50}[,:]",
    anchored=True)
NAMED_SALUTATION = _lexicon(
    r"dear \w", r"(?:cher|chère|estimad[oa]|querid[oa]|prezad[oa]|car[oa]|sehr geehrte[rn]?|liebe[rn]?|уважаем(?:ый|ая)|poštovani|poštovana|dragi|draga) \w",
    r"尊敬的", r"(?:\S+ )?\S+ ?님", anchored=True)
LETTER_CLOSING = _lexicon(
    r"(?:yours )?(?:sincerely|faithfully|truly|respectfully)(?: yours)?[,.]?", r"(?:with )?(?:best|kind|warm|warmest) regards[,.]?",
    r"cordially[,.]?", r"veuillez agréer", r"je vous prie d'agréer", r"(?:bien )?cordialement[,.]?", r"salutations distinguées",
    r"atentamente[,.]?", r"cordialmente[,.]?", r"saludos cordiales", r"atenciosamente[,.]?", r"mit freundlichen grü(?:ß|ss)en",
    r"hochachtungsvoll", r"freundliche grü(?:ß|ss)e", r"с уважением", r"искренне ваш", r"此致", r"敬礼", r"顺颂", r"敬上",
    r"[^\n]{0,20}(?:드림|올림)$", r"s poštovanjem", r"srdačan pozdrav", r"وتفضلوا بقبول", r"مع خالص التحيات", r"وتقبلوا فائق",
    anchored=True)

# --- speeches ------------------------------------------------------------------------------------
# Addressing an audience: "Mr. President,", "Excellencies, ladies and gentlemen", "Dear colleagues".
SPEECH_VOCATIVE = _lexicon(
    r"(?:mr\.?|mister|madam|madame|mme\.?|ms\.?) (?:vice[- ])?(?:president|chair(?:man|person|woman)?|speaker|secretary[- ]general|co-chairs?|moderator)",
    r"excellencies", r"your (?:majesty|majesties|highness|highnesses|excellencies)", r"ladies and gentlemen",
    r"(?:distinguished|honou?rable|dear|esteemed|fellow|my dear) (?:delegates|guests|colleagues|friends|participants|members|ministers|ladies|citizens|representatives|heads)",
    r"heads of (?:state|delegation|government)", r"monsieur le (?:président|secrétaire général|premier ministre)", r"madame la (?:présidente|secrétaire générale)",
    r"mesdames,? (?:et )?messieurs", r"excellences", r"chers (?:collègues|amis|participants)", r"distingués (?:délégués|invités)",
    r"señor(?:a)? (?:presidente|presidenta|secretario general|secretaria general)", r"excelencias", r"señoras y señores",
    r"(?:estimados|queridos) (?:colegas|amigos)", r"distinguidos (?:delegados|invitados)", r"senhor(?:a)? (?:presidente|secretário[- ]geral)",
    r"excelências", r"senhoras e senhores", r"(?:caros|prezados) (?:colegas|amigos)", r"(?:sehr geehrter )?herr (?:präsident|vorsitzender|generalsekretär)",
    r"(?:sehr geehrte|meine) damen und herren", r"exzellenzen", r"liebe (?:kolleginnen|kollegen|freunde|gäste)",
    r"(?:уважаемый )?господин (?:председатель|президент|генеральный секретарь)", r"дамы и господа", r"уважаемые (?:коллеги|друзья|участники|дамы|гости|делегаты)",
    r"ваше превосходительство", r"ваши превосходительства", r"السيد الرئيس", r"السيدة الرئيسة", r"أصحاب (?:السعادة|المعالي|الفخامة)",
    r"السيدات والسادة", r"سيداتي (?:و)?سادتي", r"الحضور الكرام", r"主席先生", r"主席女士", r"女士们[、，,]?先生们", r"各位(?:来宾|代表|嘉宾|同事|朋友)",
    r"尊敬的各位", r"(?:신사 숙녀|내외 귀빈|참석자|대표단) 여러분", r"존경하는 (?:의장님|사무총장님|대표단|여러분)", r"의장님",
    r"poštovani (?:predsjedniče|predsjednice|glavni tajniče)", r"dame i gospodo", r"(?:poštovane|drage) kolegice i kolege", r"ekselencije",
    anchored=True)
# A title that names the text as a speech: "Remarks by ...", "Discours de ...", or (zh, ko, ar) a
# title ending with the word: "...上的讲话", "... 기조연설". The word alone may start a headline
# ("Address book hacked"), so a connector or the end of the line must follow it.
SPEECH_CONNECTOR = r"(?=\s*$|\s*[:–—-]|\s+(?:by|of|from|delivered|at|to|de|du|d'|del|prononcé|pronunciad[oa]|do|da|von|des|der)\b)"
SPEECH_HEADING = _lexicon(
    r"(?:speech|remarks|address|keynote(?: address| speech)?|opening (?:remarks|statement|address|speech)|closing (?:remarks|statement|address)"
    r"|welcome (?:remarks|address)|statement delivered|video message|discours|allocution|intervention|mot de bienvenue|message vidéo"
    r"|discurso|intervención|palabras|mensaje|intervenção|palavras|pronunciamento|rede|ansprache|grußwort|grusswort|festrede"
    r"|eröffnungsrede|govor|obraćanje|pozdravni govor)" + SPEECH_CONNECTOR,
    r"(?:выступление|речь|обращение|приветственное слово)\b", r"كلمة\b", r"[^\n]{0,60}(?:讲话|致辞|演讲|发言)$",
    r"[^\n]{0,60}(?:연설문?|기조연설|축사|기념사|격려사|인사말|환영사|개회사)$", anchored=True)
SPEECH_THANKS = _lexicon(
    r"(?:i )?thank you(?: (?:very|so) much)?(?: (?:all|everyone))?(?: for your (?:kind )?attention)?[.!]?$", r"i thank you[.!]?",
    r"merci(?: beaucoup)?(?: (?:de|pour) votre (?:aimable )?attention)?[.!]?$", r"je vous remercie(?: de votre attention)?[.!]?$",
    r"(?:muchas )?gracias(?: por su atención)?[.!]?$", r"(?:muito )?obrigad[oa](?: pela (?:sua )?atenção)?[.!]?$",
    r"(?:vielen )?dank(?: für ihre aufmerksamkeit)?[.!]?$", r"спасибо(?: за внимание)?[.!]?$", r"благодарю за внимание[.!]?$",
    r"(?:و)?شكرا(?: لكم)?[.!]?$", r"谢谢(?:大家|各位)?[。！!]?$", r"감사합니다[.!]?$", r"hvala(?: vam)?(?: na pažnji| na pozornosti)?[.!]?$",
    anchored=True)

# --- press releases ------------------------------------------------------------------------------
PRESS_RELEASE_WORDS = (
    r"press releases?", r"news releases?", r"media releases?", r"press statements?", r"joint press release", r"for immediate release",
    r"embargoed (?:until|till)", r"communiqués? de presse", r"communiqué", r"pour diffusion immédiate", r"sous embargo", r"notas? de prensa",
    r"comunicados? (?:de prensa|oficial)?", r"para (?:su )?difusión inmediata", r"notas? (?:à|para a) (?:imprensa|comunicação social)",
    r"comunicados? (?:à|de) imprensa", r"pressemitteilung(?:en)?", r"presseinformation(?:en)?", r"pressemeldung(?:en)?", r"sperrfrist",
    r"medienmitteilung(?:en)?", r"medieninformation(?:en)?", r"presseaussendung(?:en)?", r"communiqués? aux médias", r"comunicat[oi] stampa",
    r"пресс-релиз(?:ы)?", r"сообщение для печати", r"пресс-служба", r"新闻稿", r"新闻公报", r"新闻发布", r"보도자료", r"보도 자료", r"보도참고자료",
    r"بيان (?:صحفي|صحافي)", r"بلاغ صحفي", r"priopćenj[ae](?: za (?:medije|javnost))?", r"objava za medije")
# a header line: the marker alone, or followed by a separator or a number ("Press release: ...",
# "Communiqué de presse n° 12"), or a short label; not a headline that starts with the words
PRESS_RELEASE_MARKER = re.compile(rf"^\s*(?:{'|'.join(PRESS_RELEASE_WORDS)})(?:\s*$|\s*[:|–—\-/(]|\s*(?:n[o°º.]\s*)?\d|(?=.{{0,25}}$))")
# a site section named last in a breadcrumb ("Home > News > Press releases") or alone as a menu line
PRESS_RELEASE_SECTION = re.compile(rf"(?:{'|'.join(PRESS_RELEASE_WORDS)})\s*$", re.MULTILINE)
NOTES_TO_EDITORS = _lexicon(
    r"notes? (?:to|for) editors", r"-\s*ends\s*-", r"#{3}\s*$", r"\*{3}\s*$", r"note aux rédactions", r"notes? (?:para|a) (?:los )?(?:editores|redacciones)",
    r"nota aos editores", r"hinweis(?:e)? für (?:redaktionen|die redaktion)", r"примечание для редакторов", r"编者注", r"ملاحظات للمحررين",
    r"napomena za urednike", anchored=True)
# "About ITU", "À propos de l'UIT": the organisation's standard closing paragraph (a capitalised name follows)
ABOUT_ORGANISATION = _lexicon(
    r"[Aa]bout (?:the )?(?!(?:Author|Authors)\b)[A-Z][^\n.]{1,60}$", r"[ÀàAa] propos (?:de |du |d')\s?(?!l'auteur)[A-Z][^\n.]{1,60}$",
    r"[Aa]cerca (?:de |del )[A-Z][^\n.]{1,60}$", r"[Ss]obre (?:a |o )[A-Z][^\n.]{1,50}$", r"[Üü]ber (?:die |den |das )?[A-Z][^\n.]{1,50}$",
    r"[Оо] (?:компании|министерстве|ведомстве|[А-Я][^\n.]{1,50})$", r"关于[^\n。]{1,30}$", r"[^\n]{1,30}(?:에 대하여|소개)$",
    r"نبذة عن [^\n]{1,50}$", r"[Oo] (?:nama|ministarstvu|[A-ZČĆŠŽĐ][^\n.]{1,50})$", anchored=True)
# gated by literals every match contains (the text is lower-cased)
GOVERNMENT_PUBLISHER = GatedPattern(any_of(
    "minist", "govern", "gouvern", "gobierno", "bundes", "министерств", "правительств", "政府", "部", "부", "وزارة", "حكومة",
    "vlad", ".go"), _lexicon(
    r"\bministr(?:y|ies)\b", r"\bgovernment\b", r"\bministère\b", r"\bgouvernement\b", r"\bministerio\b", r"\bgobierno\b", r"\bministério\b",
    r"\bgoverno\b", r"\bministerium\b", r"\bbundes(?:regierung|amt)\b", r"министерств", r"правительств", r"政府", r"[^\s]部(?:门户|网站)?$", r"정부",
    r"[^\s]부\b", r"وزارة", r"حكومة", r"\bministarstv", r"\bvlad[ae]\b", r"open government licen[cs]e", r"\.gov(?:\.[a-z]{2})?\b", r"\.go\.kr\b",
    r"\.gouv\.fr\b", r"\.gob\.[a-z]{2}\b", r"\.gov\.cn\b"))
# Lines that name who publishes the page: a copyright or site registration, or a "Source:" field.
PUBLISHER_REASONS = ("copyright", "licence", "registration")
COPYRIGHT_MARK = re.compile(
    r"©|\(c\)|copyright|all rights reserved|tous droits|derechos reservados|todos os direitos|alle rechte|все права"
    r"|版权所有|저작권|جميع الحقوق|sva prava")
SOURCE_FIELD = re.compile(
    r"(?:^|[\s|·])(?:source|fuente|fonte|quelle|источник|izvor|المصدر|来源|來源|출처)\s*[:：]\s*([^|·\n]{2,80})")
# Government units written without spaces: 工业和信息化部, 国际合作司 (not 公司, a company), 과학기술정보통신부.
CJK_GOVERNMENT_UNIT = re.compile(r"[\u4e00-\u9fff]{2,30}?(?:部|局|委员会|署|厅|(?<!公)司)(?![\u4e00-\u9fff])"
                                 r"|[가-힣]{2,20}(?:부|처|청|위원회)(?![가-힣])")
# A ministry, agency or regulator named in words: its head noun and the first word of its name.
AGENCY_NAME = re.compile(
    r"(ministr|ministèr|minister|ministér|ministarstv|министерств|وزارة|department|départem|departam|agency|agence|agencia"
    r"|agência|authorit|autorit|autoridad|commissi|comisi|regulator)\w*(?:\s+(?:of|for|de|du|des|del|da|do|für|für die|the|la|le|el|и|za))*"
    r"\s+(?:l'|d')?(\w{4,})")
NEWS_OUTLET_WORD = re.compile(r"press|news|nachrichten|новост|noticias|notícias|nouvelles|新闻社|通讯社")
STEM_CHARS = 5  # enough of a word to find it inflected ("Министерство"/"Министерства")
MIN_CJK_NAME_CHARS = 4
# The institution speaking of itself in the first person: "our ministry", 我部, 우리 부는.
INSTITUTIONAL_VOICE = {
    "en": (" our ministry", " our department", " our agency", " our authority", " our commission"),
    "fr": (" notre ministère", " notre agence", " notre autorité"),
    "es": (" nuestro ministerio", " nuestra agencia", " nuestra autoridad"), "pt": (" nosso ministério", " nossa agência"),
    "de": (" unser ministerium", " unsere behörde", " unser haus "),
    "ru": (" наше министерство", " нашего министерства", " наше ведомство"),
    "ar": ("وزارتنا",), "zh": ("我部", "我局", "我委"), "ko": ("우리 부는", "우리 부가"), "hr": (" naše ministarstvo", " naša agencija"),
}

# --- news articles -------------------------------------------------------------------------------
# Literal, lower-case: searched in the first and last lines only.
NEWS_AGENCY = (
    "(reuters)", "(ap)", "(afp)", "(dpa)", "(efe)", "(ansa)", "(upi)", "(xinhua)", "(yonhap)", "(tass)", "(kyodo)",
    "(bloomberg)", "(apa)", "(hina)", "(anadolu)", "- reuters", "— reuters", "– reuters", "reuters reported",
    "associated press", "agence france-presse", "xinhua news agency", "yonhap news agency", "ria novosti", "kyodo news",
    "新华社", "中新社", "中新网", "연합뉴스", "뉴시스", "뉴스1", "риа новости", "тасс", "интерфакс", "وكالة الأنباء",
    "وكالة أنباء")
REPORTER_CREDIT = (
    "staff writer", "staff reporter", "special correspondent", "correspondent", "reporter", "journalist", "columnist",
    "redakteur", "korrespondent", "journaliste", "periodista", "jornalista", "корреспондент", "журналист", "novinar",
    "기자", "记者", "特约撰稿", "مراسل")
NEWS_DATELINE = re.compile(r"^\s*[A-ZÀ-Ý][A-ZÀ-Ý .'-]{2,30}(?:,\s*[A-Za-z .]{2,20})?\s*\((?:[A-Za-z .]{2,30})\)\s*[—–-]")
PRESS_DATELINE = re.compile(
    r"^\s*[A-ZÀ-Ý][\w .'-]{1,30},\s*(?:\d{1,2}(?:st|nd|rd|th|er)?\.? [A-Za-zÀ-ÿ]{3,12}\.?(?: \d{4})?|[A-Za-zÀ-ÿ]{3,12}\.? \d{1,2}(?:st|nd|rd|th)?,?(?: \d{4})?)\s*[—–-]")

# --- blog posts ----------------------------------------------------------------------------------
BLOG_MARKERS = (  # blog platforms' furniture, as WordPress and others print it in each language
    "posted by", "posted on", "posted in", "filed under", "leave a comment", "leave a reply", "this entry was posted",
    "guest post", "blog", "about the author", "share this:", "like this:", "reblog", "publié par", "laisser un commentaire",
    "partager :", "j'aime :", "publicado por", "deja un comentario", "compartir esto:", "me gusta:", "deixe um comentário",
    "compartilhe isso:", "curtir isso:", "veröffentlicht von", "kommentar schreiben", "teilen mit:", "gefällt mir:",
    "schreibe einen kommentar", "блог", "博客", "블로그", "مدونة", "wordpress", "blogspot", "substack", "thoughts on")
# Counted furniture: "3 comments", "12 Kommentare", "댓글 5", a commenter's "Jane says:", a blog engine.
BLOG_FURNITURE = re.compile(
    r"\b(?:\d+|no|one) (?:comments?|responses?|replies|thoughts on)\b|\d+ (?:commentaires?|comentarios?|comentários?|kommentare?)\b"
    r"|\d+ комментари|\d+ ?条评论|댓글 ?\d+|\d+ تعليق|\d+ komentar|^[\w .'-]{2,40} says:|powered by (?:wordpress|blogger|ghost|medium)"
    r"|propulsé par wordpress|funciona con wordpress|desenvolvido com wordpress", re.MULTILINE)
BLOG_FURNITURE_HINTS = (  # a cheap test before the regex (speed)
    "comment", "kommentar", "comentar", "repl", "respons", "thought", "says:", "powered by", "propulsé", "funciona con",
    "desenvolvido", "коммент", "评论", "댓글", "تعليق", "komentar")
BLOG_SECTION_REASONS = ("comments",)  # a removed comment thread under a first-person post
# Opinion in the first person: "I think", "in my view", "à mon avis", "我认为".
PERSONAL_OPINION = {
    "en": (" i think", " i believe", " in my view", " my view is", " in my opinion", " i would argue", " i feel", " i suspect"),
    "fr": (" je pense", " je crois", " à mon avis", " selon moi", " il me semble"),
    "es": (" creo que", " pienso que", " en mi opinión", " a mi juicio", " me parece"),
    "pt": (" acho que", " penso que", " na minha opinião", " a meu ver", " creio que"),
    "de": (" ich denke", " ich glaube", " meiner meinung nach", " ich finde", " meines erachtens"),
    "ru": (" я думаю", " я считаю", " по-моему", " на мой взгляд", " мне кажется"),
    "ar": ("أعتقد", "في رأيي", "أرى أن"), "zh": ("我认为", "我觉得", "在我看来"), "ko": ("제 생각", "내 생각", "저는 생각"),
    "hr": (" mislim da", " smatram da", " po mom mišljenju", " čini mi se"),
}


class _Phrases:
    """Literal lower-case phrases, each with a key word (see _key).

    Searching a text for each of a hundred phrases costs a hundred scans. With the set of the
    text's space-separated tokens at hand, a phrase whose key is not a token is skipped, so only
    the few plausible phrases are scanned for. (A phrase glued to punctuation before it, as in
    "(my delegation", is then missed: a negligible loss.) Without a token set (scripts written
    without spaces) every phrase is scanned for.
    """

    def __init__(self, phrases: tuple[str, ...]):
        self.phrases = phrases
        by_key: dict[str, tuple[str, ...]] = {}
        for phrase in phrases:
            by_key[_key(phrase)] = by_key.get(_key(phrase), ()) + (phrase,)
        self.unkeyed = by_key.pop("", ())  # always searched for
        self.by_key = by_key
        self.keys = frozenset(by_key)

    @classmethod
    def of(cls, *phrases: str) -> _Phrases:
        return cls(phrases)

    def count(self, text: str, words: frozenset[str] | None) -> int:
        if words is None:
            return _count(text, self.phrases)
        # the keys that are tokens, by a set intersection: no test per phrase
        return _count(text, self.unkeyed) + sum(_count(text, self.by_key[key]) for key in self.keys & words)

    def found(self, text: str, words: frozenset[str] | None) -> bool:
        if words is None:
            return _contains_any(text, self.phrases)
        return _contains_any(text, self.unkeyed) or any(_contains_any(text, self.by_key[key]) for key in self.keys & words)


def _key(phrase: str) -> str:
    """The longest word that a space follows inside the phrase, so that no punctuation can follow
    it in the text ("" when there is none: always search)."""
    spaced = phrase.split(" ")[:-1]  # the last piece is followed by nothing, or is "" after a final space
    return max((word for word in spaced if word), key=len, default="")


SPACELESS_LANGUAGES = frozenset({"zh", "ko", "ja", "th"})  # no word set: every phrase is searched for


# --- running-text phrases --------------------------------------------------------------------------
# Literal, lower-case phrases counted with str.count on the lower-cased body: a regex alternation
# of hundreds of phrases costs milliseconds per document, literal search microseconds. A leading
# space stands for a word boundary. Per-language lists are looked up by the detected language.
# A note verbale opens with compliments and closes renewing the assurance of consideration.
NOTE_VERBALE_OPENING = _Phrases.of(
    "presents its compliments to", "présente ses compliments", "saluda atentamente", "saluda muy atentamente",
    "apresenta seus cumprimentos", "apresenta os seus cumprimentos", "beehrt sich", "свидетельствует свое уважение",
    "свидетельствует своё уважение", "向您致意", "경의를 표하", "تهدي أطيب تحياتها", "izražava poštovanje",
    "izražava svoje poštovanje")
NOTE_VERBALE = _Phrases.of(
    *NOTE_VERBALE_OPENING.phrases, "avails itself of this opportunity to renew",
    "highest consideration", "saisit cette occasion pour renouveler", "haute considération",
    "aprovecha la oportunidad para reiterar", "más alta consideración", "mais alta consideração", "ausgezeichneten hochachtung",
    "высоком уважении", "顺致崇高的敬意", "أسمى آيات التقدير")
LETTER_HONOUR = _Phrases.of(
    "i have the honour to inform", "i have the honor to inform", "i have the honour to transmit", "i have the honor to transmit",
    "i have the honour to refer", "i have the honour to forward", "i have the honour to enclose", "i have the honour to request",
    "j'ai l'honneur de vous", "j'ai l'honneur de porter", "tengo el honor de dirigirme", "tengo el honor de informar",
    "tengo el honor de transmitir", "tenho a honra de", "имею честь", "يشرفني أن أحيل", "يشرفني أن أبلغ", "čast mi je obavijestiti")
DELIVERY_NOTE = _Phrases.of(
    "check against delivery", "as prepared for delivery", "seul le prononcé fait foi", "seul le texte prononcé fait foi",
    "vérifier au prononcé", "cotejar con el discurso pronunciado", "sólo vale lo pronunciado", "solo vale lo pronunciado",
    "verificar com o discurso proferido", "es gilt das gesprochene wort", "сверить с произнесенным", "проверить при произнесении",
    "以讲话为准", "以发言为准", "provjeriti prema izgovorenom")
# "Media contact:" and its kin only close press releases; "for more information" also ends articles.
PRESS_CONTACT = (
    "for further information, please contact", "for further information please contact", "for more information, please contact",
    "for more information please contact", "for further information contact", "media contact", "press contact",
    "media enquiries", "media inquiries", "press enquiries", "press inquiries", "contact presse", "contacts presse",
    "contact médias", "contacto de prensa", "contactos de prensa", "contacto para medios", "contato para imprensa",
    "pressekontakt", "kontakt für medien", "контакты для сми", "контакты для прессы", "媒体联系", "新闻联系人", "담당부서",
    "담당 부서", "보도담당", "للاستفسارات الإعلامية", "للتواصل الإعلامي", "kontakt za medije")
CONTACT_HINT = (
    "press office", "media relations", "relations presse", "pour plus d'informations", "pour de plus amples informations",
    "para más información", "para mayor información", "gabinete de prensa", "assessoria de imprensa", "gabinete de imprensa",
    "para mais informações", "pressestelle", "für rückfragen", "пресс-служба", "文稿联系", "문의처", "문의:",
    "للمزيد من المعلومات", "za dodatne informacije", "za više informacija")
ORATORY = {language: _Phrases(phrases) for language, phrases in {
    "en": ("allow me", "let me ", "let us ", "i would like to", "i should like to", "i wish to", "i want to thank",
           "i take this opportunity", "on behalf of my", "on behalf of the government", "my delegation", "my country",
           "my government", "this assembly", "this conference", "this august", "this podium", "this rostrum",
           "ladies and gentlemen", "i am pleased to", "i am honoured", "i am honored", "i am delighted to", "it is an honour",
           "it is an honor", "it is a great honour", "it is a pleasure", "it is my pleasure", "it is a privilege", "i thank ",
           "i congratulate", "congratulate ", "excellencies", "distinguished delegates", "distinguished guests",
           "dear colleagues", "dear friends", "we must ", "we cannot ", "member states", "my honour", "my honor",
           "honour to address", "honor to address", "to address this", "this gathering", "this hall", "this session",
           "this body", "our organization", "i stand ", "preceded me", "i begin", "my intervention", "i also wish",
           "i would also like", "we are gathered", "we gather", "we meet ", "let me also", "i call on", "i urge",
           "i appeal", "i believe", "i am confident", "we believe", "we welcome", "we call on", "we urge", "we reaffirm",
           "we remain", "we stand", "we will continue", "my people", "our people"),
    "fr": ("permettez-moi", "je voudrais ", "je tiens à ", "je souhaite ", "ma délégation", "mon pays", "mon gouvernement",
           "au nom de mon", "au nom du gouvernement", "mesdames et messieurs", "mesdames, messieurs", "excellences",
           "chers collègues", "chers amis", "cette assemblée", "cette conférence", "c'est un honneur", "c'est un plaisir",
           "je suis heureux", "je suis honoré", "je remercie", "je félicite", "nous devons ", "états membres", "je crois",
           "nous appelons", "nous réaffirmons", "j'appelle", "notre organisation", "mon peuple", "notre peuple"),
    "es": ("permítanme", "permítame", "quisiera ", "mi delegación", "mi país", "mi gobierno", "en nombre de mi",
           "en nombre del gobierno", "señoras y señores", "excelencias", "estimados colegas", "queridos amigos", "esta asamblea",
           "esta conferencia", "es un honor", "es un placer", "me complace", "agradezco", "felicito", "debemos ",
           "estados miembros", "creo que", "hacemos un llamado", "reafirmamos", "nuestra organización", "mi pueblo", "nuestro pueblo"),
    "pt": ("permitam-me", "permita-me", "gostaria de ", "minha delegação", "meu país", "meu governo", "em nome do meu",
           "em nome do governo", "senhoras e senhores", "excelências", "caros colegas", "caros amigos", "esta assembleia",
           "esta conferência", "é uma honra", "é um prazer", "agradeço", "felicito", "devemos ", "estados membros",
           "acredito que", "reafirmamos", "nossa organização", "meu povo", "nosso povo"),
    "de": ("erlauben sie mir", "lassen sie mich", "ich möchte ", "ich danke", "meine delegation", "mein land",
           "meine regierung", "im namen meiner", "im namen der bundesregierung", "meine damen und herren", "exzellenzen",
           "liebe kolleginnen", "liebe freunde", "diese versammlung", "diese konferenz", "es ist mir eine ehre",
           "es ist mir eine freude", "ich freue mich", "wir müssen ", "mitgliedstaaten", "ich glaube", "ich bin überzeugt",
           "wir fordern", "wir bekräftigen", "unsere organisation"),
    "ru": ("позвольте", "хотел бы ", "хотела бы ", "моя делегация", "моя страна", "мое правительство", "моё правительство",
           "от имени ", "дамы и господа", "уважаемые коллеги", "дорогие друзья", "эта ассамблея", "для меня большая честь",
           "для меня честь", "я рад ", "благодарю", "поздравляю", "мы должны ", "государства-члены", "я уверен",
           "мы призываем", "мы подтверждаем", "наша организация", "наш народ"),
    "ar": ("اسمحوا لي", "أود أن", "وفد بلادي", "حكومة بلادي", "السيدات والسادة", "أصحاب السعادة", "الزملاء الأعزاء",
           "هذه الجمعية", "يشرفني", "يسعدني", "أشكر", "أهنئ", "يجب علينا", "الدول الأعضاء"),
    "zh": ("请允许我", "我谨", "我代表", "女士们、先生们", "女士们，先生们", "各位来宾", "各位代表", "尊敬的各位", "本次大会",
           "我很荣幸", "我很高兴", "祝贺", "我们必须", "会员国"),
    "ko": ("말씀드리", "감사드립니다", "존경하는", "여러분", "대표단", "영광", "축하드립니다", "우리는 ", "회원국"),
    "hr": ("dopustite mi", "želio bih ", "željela bih ", "moja delegacija", "moja zemlja", "moja vlada", "u ime ",
           "dame i gospodo", "ekselencije", "poštovane kolegice", "dragi prijatelji", "ova skupština", "čast mi je",
           "zadovoljstvo mi je", "zahvaljujem", "čestitam", "moramo ", "države članice", "vjerujem da", "pozivamo",
           "naša organizacija", "moj narod", "naš narod"),
}.items()}
REPORTING_VERBS = {
    "en": (" said", " says", " told", " added", " according to", " reported", " stated"),
    "fr": (" a déclaré", " a affirmé", " a indiqué", " a expliqué", " a annoncé", " selon ", "a-t-il", "a-t-elle",
           " ont déclaré", " a souligné"),
    "es": (" dijo", " afirmó", " declaró", " señaló", " indicó", " explicó", " según ", " aseguró"),
    "pt": (" disse", " afirmou", " declarou", " explicou", " segundo ", " de acordo com", " informou"),
    "de": (" sagte", " erklärte", " betonte", " teilte ", " laut ", " berichtet", " sagt "),
    "ru": ("заявил", "сообщил", "отметил", "сказал", "по словам", "по данным", "передает"),
    "ar": ("قال ", "وقال", "وأضاف", "أوضح", "وفقا ل", "بحسب"),
    "zh": ("表示", "指出", "报道", "透露", "记者"),
    "ko": ("밝혔다", "말했다", "전했다", "설명했다", "강조했다", "따르면"),
    "hr": (" izjavio", " izjavila", " rekao", " rekla", " kazao", " kazala", " naveo", " navela", " prema riječima", " istaknuo"),
}
FIRST_PERSON_PLURAL = {
    "en": (" we ", " our ", " us "), "fr": (" nous ", " notre ", " nos "), "es": (" nosotros", " nuestr", " debemos"),
    "pt": (" nós ", " nosso", " nossa"), "de": (" wir ", " unser"), "ru": (" мы ", " наш", " нам "), "ar": ("نحن", "علينا"),
    "zh": ("我们",), "ko": ("우리",), "hr": (" mi ", " naš", " nam "),
}
FIRST_PERSON_SINGULAR = {
    "en": (" i ", " i'", " i’", " my ", " me "), "fr": (" je ", " j'", " mon ", " moi "), "es": (" yo ", " mi ", " me "),
    "pt": (" eu ", " meu ", " minha "), "de": (" ich ", " mein", " mir "), "ru": (" я ", " мой ", " моя ", " мне "),
    "ar": ("أنا",), "zh": ("我认为", "我觉得"), "ko": ("저는", "나는"), "hr": (" ja ", " moj"),
}

# --- parts of compound documents ------------------------------------------------------------------
CV_HEADING = _lexicon(
    r"curriculum vitae", r"cv\b", r"r[ée]sum[ée]\b", r"biograph(?:y|ical (?:note|information|data|details))", r"(?:professional )?profile$",
    r"lebenslauf", r"curr[íi]culum", r"резюме", r"биография", r"(?:个人)?简历", r"이력서", r"약력", r"السيرة الذاتية", r"životopis",
    anchored=True)
VISION_HEADING = _lexicon(
    r"(?:my |our )?vision(?: statement| for| paper)?\b", r"(?:déclaration de )?vision\b", r"visi[óo]n\b", r"vis[ãa]o\b",
    r"vision(?:sp|serkl)", r"видение", r"愿景", r"비전", r"الرؤية", r"vizija", anchored=True)
# "2015 – Present Director, ...", "- 1995 – 2004 Researcher ...": dated items of a career
CAREER_ITEM = re.compile(r"^\s*[-–•*·]?\s*(?:19|20)\d\d\s*[-–~]\s*(?:(?:19|20)\d\d|[Pp]resent|[Nn]ow|[Tt]oday|aujourd'hui|actualidad|heute)\b")
# "I am Jane Doe, a candidate for the post of ...": a candidate's own statement
CANDIDATE_STATEMENT = re.compile(r"^\s*(?:I am|Je suis|Soy|Sou|Ich bin|Я\b)[^.\n]{2,60}\b(?:candidate|candidat|candidata|candidato|Kandidat|кандидат)", re.IGNORECASE)
PART_END = re.compile(r"^\s*(?:enclosed|encl\.|enclosure|annex(?:e|es)?\s*:|pièce jointe|anexo\s*:|anlage\s*:)", re.IGNORECASE)

SENTENCE_END = re.compile(r"[.!?。！？]\s*")  # a character class first: `re` skips to it at C speed
QUOTATION = re.compile(r"[\"“«„»][^\"“”«»„\n]{0,600}[\"”»«]")


def classify_document(clean: CleanDocument, doc_format: str, language: str) -> DocTypeResult:
    """Type of the document with a confidence in [0, 1] and the cues that decided it."""
    text = _Text.of(clean, language)
    points: dict[str, float] = defaultdict(float)
    evidence: dict[str, list[str]] = defaultdict(list)

    def add(doc_type: str, cue: str, detail: str = "", *, weight: float | None = None) -> None:
        points[doc_type] += CUE_POINTS[cue] if weight is None else weight
        evidence[doc_type].append(f"{cue}:{detail}" if detail else cue)

    for find_cues in (_official_cues, _letter_cues, _speech_cues, _press_release_cues, _news_cues, _blog_cues):
        find_cues(text, add)

    body = clean.body_text or ""
    doc_type = _decide(points)
    if doc_type is None:  # no type reached its threshold
        doc_type = "news_article" if _is_prose(body, doc_format) else "other"
        cue = "fallback:prose_report" if doc_type == "news_article" else "fallback:no_cue"
        score = FALLBACK_SCORE + FALLBACK_EVIDENCE_SCORE * min(points.get(doc_type, 0.0), 1.0)
        return DocTypeResult(doc_type, round(score, 3), (cue, *evidence.get(doc_type, ())), _sections(body, doc_type))
    runner_up = max((p for t, p in points.items() if t != doc_type), default=0.0)
    score = points[doc_type] / (points[doc_type] + runner_up + 1.0)  # 1.0: a lone weak cue is not certainty
    return DocTypeResult(doc_type, round(score, 3), tuple(evidence[doc_type]), _sections(body, doc_type))


@dataclass(frozen=True, slots=True)
class _Text:
    """The views of one document that the cue finders read. `*_lower` views are lower-cased:
    the lexicons are written in lower case and matched without re.IGNORECASE, which is slow."""

    clean: CleanDocument
    head: list[str]  # the title and the first lines of the body
    head_lower: list[str]
    tail: list[str]  # the last lines of the body
    tail_lower: list[str]
    opening_lower: list[str]  # short lines where a letter would greet its reader
    scan: str  # lower-cased start of the body, on one line
    unquoted: str  # the same without quotations: a quotation is someone else's voice
    words: frozenset[str] | None  # the words of `scan` (None for scripts written without spaces)
    language: str  # a language the phrase lexicons know ("en" for the others)
    reporting_verbs: int  # "said", "told", "according to"... outside quotations
    personal_voice: bool  # "I", "my" often, outside quotations
    signed: bool  # an author or a byline was found
    government_publisher: bool  # the removed copyright, licence or "Source:" line names a ministry or government
    publisher_self_reference: bool  # ... and the body's opening names that same government body
    outlet_copyright: bool  # a removed copyright line that names no government body

    @classmethod
    def of(cls, clean: CleanDocument, language: str) -> _Text:
        body = clean.body_text or ""
        opening = _lines(body[:SCAN_CHARS])
        title = [clean.title.strip()] if clean.title and clean.title.strip() else []
        head = title + _bounded(opening[:HEAD_LINES], HEAD_CHARS)
        ending = _lines(body[-TAIL_CHARS:])[int(len(body) > TAIL_CHARS):]  # without a cut first line
        tail = _bounded(ending[-TAIL_LINES:][::-1], TAIL_CHARS)[::-1]
        scan_words = body[:SCAN_CHARS].lower().split()
        scan = _spaced(scan_words)
        unquoted = QUOTATION.sub(" ", scan)
        pronouns_apply = language in FIRST_PERSON_SINGULAR or language == "und"  # Italian "i" is "the", not "I"
        language = language if language in ORATORY else "en"
        singular = _count(unquoted, FIRST_PERSON_SINGULAR[language]) if pronouns_apply else 0
        owner, source = _publisher_text(clean, head + tail)
        government_owner = _is_government(owner)
        government_publisher = government_owner or _is_government(source)
        opening_lower = [line.lower() for line in opening[:max(HEAD_LINES, LETTER_SALUTATION_LINES)]]
        return cls(
            clean=clean, head=head, head_lower=[line.lower() for line in title] + opening_lower[:len(head) - len(title)],
            tail=tail, tail_lower=[line.lower() for line in tail],
            opening_lower=[lower for line, lower in zip(opening[:LETTER_SALUTATION_LINES], opening_lower)
                           if len(line) <= SHORT_LINE_CHARS],
            scan=scan, unquoted=unquoted, words=None if language in SPACELESS_LANGUAGES else frozenset(scan_words),
            language=language, reporting_verbs=_count(unquoted, REPORTING_VERBS[language]),
            personal_voice=singular * 1000 >= FIRST_PERSON_PER_1000_CHARS * len(unquoted),
            signed=bool(clean.author) or any(r.reason == "byline" for r in clean.removed),
            government_publisher=government_publisher,
            publisher_self_reference=government_publisher and _names_publisher(scan, f"{owner}\n{source}"),
            outlet_copyright=any(r.reason == "copyright" for r in clean.removed) and not government_owner)


def _publisher_text(clean: CleanDocument, lines: list[str]) -> tuple[str, str]:
    """Lower-cased, who owns the page: removed copyright, licence and registration lines and any
    short line with a copyright mark; and who wrote it: the value of a removed "Source:" field
    (not one in the body, where it credits a chart or a figure)."""
    removed = "\n".join(r.text for r in clean.removed if len(r.text) <= DISPLACED_CHARS).lower()
    owners = [r.text.lower() for r in clean.removed if r.reason in PUBLISHER_REASONS]
    marked = removed + "\n" + "\n".join(_short(lines)).lower()
    owners += [line for line in marked.split("\n") if COPYRIGHT_MARK.search(line)]
    sources = SOURCE_FIELD.findall(removed) if ":" in removed or "：" in removed else []  # every field has a colon
    return "\n".join(owners), "\n".join(sources)


def _is_government(text: str) -> bool:
    return GOVERNMENT_PUBLISHER.search(text) is not None or CJK_GOVERNMENT_UNIT.search(text) is not None


def _names_publisher(scan: str, publisher: str) -> bool:
    """Whether the opening `scan` names a government body of the `publisher` lines (both lower-cased)."""
    for match in CJK_GOVERNMENT_UNIT.finditer(publisher):
        name = match.group()  # "中华人民共和国工业和信息化部" is named "工业和信息化部" in the text
        if any(name[i:] in scan for i in range(len(name) - MIN_CJK_NAME_CHARS + 1)):
            return True
    for head, word in AGENCY_NAME.findall(publisher):
        if NEWS_OUTLET_WORD.search(word):
            continue
        if re.search(rf"{re.escape(head[:STEM_CHARS])}[^.\n]{{0,60}}?{re.escape(word[:STEM_CHARS])}", scan):
            return True
    return False


def _lines(text: str) -> list[str]:
    return [stripped for line in text.split("\n") if (stripped := line.strip())]


def _bounded(lines: list[str], max_chars: int) -> list[str]:
    """The first lines, stopping once they hold more than max_chars."""
    kept, size = [], 0
    for line in lines:
        if size > max_chars:
            break
        kept.append(line)
        size += len(line)
    return kept


def _lowered(text: str) -> str:
    """Lower-cased text on one line with single spaces, padded so phrases may start with a space."""
    return _spaced(text.lower().split())


def _spaced(words: list[str]) -> str:
    return " " + " ".join(words) + " "


def _count(text: str, phrases: tuple[str, ...]) -> int:
    return sum(map(text.count, phrases))


def _contains_any(text: str, literals: tuple[str, ...]) -> bool:
    return any(map(text.__contains__, literals))


def _sentences(text: str) -> list[str]:
    """`text` cut after each sentence end, without the spaces that follow it (a part may be empty)."""
    parts, start = [], 0
    for end in SENTENCE_END.finditer(text):
        parts.append(text[start:end.start() + 1])
        start = end.end()
    parts.append(text[start:])
    return parts


def _short(lines: list[str]) -> list[str]:
    return [line for line in lines if len(line) <= SHORT_LINE_CHARS]


def _official_cues(text: _Text, add) -> None:
    found: set[str] = set()
    for line, lower in zip(text.head, text.head_lower):
        if len(line) > SHORT_LINE_CHARS:
            continue
        if DOCUMENT_SYMBOL_LINE.match(line):
            add("official_document", "symbol", line)
            found.add("symbol")
        elif ORIGINAL_LANGUAGE_LINE.match(lower):
            add("official_document", "original_language_line")
            found.add("original_language_line")
        elif match := OFFICIAL_HEADING.match(lower):
            add("official_document", "heading", _snake(match.group()))
            found.add("heading")
    _displaced_official_cues(text, add, found)


def _displaced_official_cues(text: _Text, add, found: set[str]) -> None:
    """Header cues that cleaning glued into the title or removed (page headers, a wrong title);
    each counts once, and only when the head of the body did not already show it."""
    displaced = [r.text for r in text.clean.removed[:DISPLACED_LINES] if len(r.text) <= DISPLACED_CHARS]
    if text.clean.title:
        displaced.insert(0, text.clean.title)
    joined = "\n".join(displaced)
    if "symbol" not in found and (EMBEDDED_SYMBOL.search(joined, joined.casefold())
                                  or any(DOCUMENT_SYMBOL_LINE.match(line) for line in displaced)):
        add("official_document", "symbol", "displaced")
    lowered = joined.lower()
    if "original_language_line" not in found and EMBEDDED_ORIGINAL.search(lowered):
        add("official_document", "original_language_line", "displaced")
    if "heading" not in found and EMBEDDED_NOTE.search(lowered):
        add("official_document", "heading", "displaced")


def _letter_cues(text: _Text, add) -> None:
    for line in text.opening_lower:
        if LETTER_SALUTATION.match(line) and not SPEECH_VOCATIVE.match(line):
            # "Dear Dr Smith," names one reader; "Excellency," or "Sir," also open speeches
            cue = "salutation" if NAMED_SALUTATION.match(line) else "generic_salutation"
            add("letter", cue, line.rstrip(",:"))
            break
    for line in _short(text.tail_lower):
        if match := LETTER_CLOSING.match(line):
            add("letter", "closing", match.group().strip().rstrip(",."))
            break
    if NOTE_VERBALE.found(text.scan, text.words):
        add("letter", "note_verbale")
    if LETTER_HONOUR.found(text.scan, text.words):
        add("letter", "i_have_the_honour_to")


def _speech_cues(text: _Text, add) -> None:
    vocatives = [m.group().strip() for m in map(SPEECH_VOCATIVE.match, text.head_lower) if m]
    if vocatives:
        add("speech", "address", vocatives[0])
        if len(vocatives) > 1:
            add("speech", "address_sequence")
    if DELIVERY_NOTE.found(text.scan, text.words):
        add("speech", "delivery_note")
    for line in _short(text.head_lower[:4]):
        if match := SPEECH_HEADING.match(line):
            add("speech", "heading", _snake(match.group()))
            break
    last_sentences = [part for part in _sentences(" ".join(text.tail_lower[-2:])) if part][-2:]
    if any(SPEECH_THANKS.match(sentence) for sentence in last_sentences):
        add("speech", "closing_thanks")
    points = _oratory_points(text.unquoted, text.language, text.reporting_verbs, text.words)
    if 0 < points[0] + points[1] < DECISION_POINTS["speech"] and len(text.clean.body_text) > SCAN_CHARS:
        # some oratory, not enough: read further, as a long speech may open with a narrative
        extended = QUOTATION.sub(" ", _lowered(text.clean.body_text[:EXTENDED_SCAN_CHARS]))
        words = None if text.language in SPACELESS_LANGUAGES else frozenset(extended.split())
        points = _oratory_points(extended, text.language, _count(extended, REPORTING_VERBS[text.language]), words)
    oratory_points, voice_points, oratory = points
    if oratory:
        add("speech", "oratory_phrases", str(oratory), weight=oratory_points)
    if voice_points:
        add("speech", "collective_voice", weight=voice_points)


def _oratory_points(unquoted: str, language: str, reporting: int,
                    words: frozenset[str] | None) -> tuple[float, float, int]:
    """Points for phrases of someone addressing an audience, and for speaking as "we" without reporting."""
    oratory = ORATORY[language].count(unquoted, words)  # `words` may include quoted ones: only a wasted scan
    plural = _count(unquoted, FIRST_PERSON_PLURAL[language])
    collective = plural * 1000 >= COLLECTIVE_VOICE_PER_1000_CHARS * len(unquoted)
    rare_reporting = reporting * SCAN_CHARS <= len(unquoted)  # at most one "said" per SCAN_CHARS
    voice = COLLECTIVE_VOICE_POINTS if collective and rare_reporting else 0.0
    return min(ORATORY_CAP, ORATORY_PHRASE_POINTS * oratory), voice, oratory


def _press_release_cues(text: _Text, add) -> None:
    removed = text.clean.removed
    if any(PRESS_RELEASE_MARKER.match(line) for line in _short(text.head_lower)):
        add("press_release", "press_release_marker")
    elif PRESS_RELEASE_SECTION.search("\n".join(r.text for r in removed if r.reason in SECTION_REASONS
                                               and len(r.text) <= SHORT_LINE_CHARS).lower()):
        add("press_release", "press_release_section")
    contacts = "\n".join([r.text for r in removed if r.reason in ("contact", "other", "email")] + _short(text.tail_lower)).lower()
    if _contains_any(contacts, PRESS_CONTACT):
        add("press_release", "contact_block")
    elif _contains_any(contacts, CONTACT_HINT):
        add("press_release", "contact_hint")
    if any(NOTES_TO_EDITORS.match(line) for line in text.tail_lower):
        add("press_release", "notes_to_editors")
    if any(ABOUT_ORGANISATION.match(line) for line in _short(text.tail)):
        add("press_release", "about_boilerplate")
    body_start = text.head[1:2] if text.clean.title else text.head[:1]
    if any(PRESS_DATELINE.match(line) for line in body_start):
        add("press_release", "dateline")
    if text.government_publisher:
        add("press_release", "government_publisher")
    if text.publisher_self_reference:
        add("press_release", "publisher_self_reference")
    if _contains_any(text.scan, INSTITUTIONAL_VOICE[text.language]):
        add("press_release", "institutional_voice")


def _news_cues(text: _Text, add) -> None:
    clean = text.clean
    reasons = {r.reason for r in clean.removed}
    if text.signed and not text.personal_voice:  # a signed first-person text is a blog's (see _blog_cues)
        add("news_article", "byline")
    credits = "\n".join([r.text for r in clean.removed if r.reason == "byline"] + _short(text.head + text.tail)).lower()
    if _contains_any(credits, REPORTER_CREDIT):
        add("news_article", "staff_writer")
    if text.outlet_copyright:
        add("news_article", "outlet_copyright")
    if clean.photo_credit or "photo_credit" in reasons:
        add("news_article", "photo_credit")
    if clean.updated_line or "updated_line" in reasons:
        add("news_article", "updated_line")
    edges = "\n".join([line[:EDGE_CHARS] for line in text.head_lower[:3]] + [line[-EDGE_CHARS:] for line in text.tail_lower[-2:]])
    if _contains_any(edges, NEWS_AGENCY) or any(NEWS_DATELINE.match(line) for line in text.head[:3]):
        add("news_article", "news_agency")
    if reporting := text.reporting_verbs:
        add("news_article", "reporting_verbs", str(reporting), weight=min(REPORTING_CAP, REPORTING_VERB_POINTS * reporting))


def _blog_cues(text: _Text, add) -> None:
    removed = text.clean.removed
    furniture = "\n".join([r.text for r in removed if len(r.text) <= SHORT_LINE_CHARS]
                          + _short(text.head[:2] + text.tail)).lower()
    markers = _count(furniture, BLOG_MARKERS)
    if _contains_any(furniture, BLOG_FURNITURE_HINTS):
        markers += len(BLOG_FURNITURE.findall(furniture))
    markers += any(r.reason in BLOG_SECTION_REASONS for r in removed)
    if markers:
        add("blog_post", "blog_marker", str(markers), weight=min(BLOG_MARKER_CAP, CUE_POINTS["blog_marker"] * markers))
    if text.personal_voice:
        add("blog_post", "first_person_voice")
        if not text.reporting_verbs and not text.outlet_copyright and _count(text.unquoted, PERSONAL_OPINION[text.language]):
            add("blog_post", "personal_opinion")  # an unreported opinion, not an outlet's report
        if text.signed and text.reporting_verbs <= 1 and not any(r.reason == "copyright" for r in text.clean.removed):
            add("blog_post", "signed_personal_voice")


def _decide(points: dict[str, float]) -> str | None:
    """First type (taxonomy order) at its threshold, unless a later one has far more evidence."""
    reached = [t for t in TYPE_ORDER if points.get(t, 0.0) >= DECISION_POINTS[t]]
    if not reached:
        return None
    best = max(reached, key=lambda t: points[t])
    first = reached[0]
    return best if points[best] >= OUTVOTE_RATIO * points[first] else first


def _is_prose(body: str, doc_format: str) -> bool:
    return doc_format in ("txt", "html") and len(body) >= PROSE_MIN_CHARS


def _snake(text: str) -> str:
    return re.sub(r"\W+", "_", text.strip().lower()).strip("_")


def _sections(body: str, doc_type: str) -> tuple[Section, ...]:
    """Parts of a compound document (a note annexing a letter, a CV, a vision statement).

    The outer document keeps the classified type; each part starts at its own marker (a
    salutation or note-verbale opening, a CV heading or a run of dated career items, a vision
    heading or a candidate's "I am ..., candidate for"), pulled back over the short lines just
    above it (letterhead, address, date). Only formal documents and letters are split, and only
    their first SECTION_SCAN_LINES lines are read (a dossier's parts start early; speed bound).
    """
    if doc_type not in COMPOUND_TYPES:
        return ()
    lines = _non_empty_lines(body, SECTION_SCAN_LINES)
    parts: list[tuple[int, int, str, str]] = []  # (first line, marker line, kind, title)
    for i, (_, line) in enumerate(lines):
        kind = _part_kind(lines, i) if i > 0 else None
        if kind is None or (parts and (i - parts[-1][1] <= PART_MIN_LINES or kind == parts[-1][2] != "letter")):
            continue  # a marker inside the part just opened, or more of the same part
        first = _pull_back(lines, i, parts[-1][1] if parts else 0)
        parts.append((first, i, kind, line[:SECTION_TITLE_CHARS]))
    if not parts:
        return ()
    sections = [Section(doc_type, 0, lines[parts[0][0]][0])]
    for n, (first, _, kind, title) in enumerate(parts):
        end = lines[parts[n + 1][0]][0] if n + 1 < len(parts) else len(body)
        sections.append(Section(kind, lines[first][0], end, title))
    return tuple(section for section in sections if section.char_end > section.char_start)


def _non_empty_lines(body: str, limit: int) -> list[tuple[int, str]]:
    """(offset of the line, stripped line) of the first `limit` lines that are not blank."""
    lines, start = [], 0
    for line in body.split("\n"):
        stripped = line.strip()
        if stripped:
            lines.append((start, stripped))
            if len(lines) == limit:
                break
        start += len(line) + 1
    return lines


def _part_kind(lines: list[tuple[int, str]], i: int) -> str | None:
    line = lines[i][1]
    lower = line.lower()
    short = len(line) <= SHORT_LINE_CHARS
    if (short and LETTER_SALUTATION.match(lower) and not SPEECH_VOCATIVE.match(lower)) or \
            NOTE_VERBALE_OPENING.found(lower, None):
        return "letter"
    if short and (CV_HEADING.match(lower) or (
            CAREER_ITEM.match(line) and sum(bool(CAREER_ITEM.match(l)) for _, l in lines[i:i + 8]) >= CAREER_ITEMS_FOR_CV)):
        return "cv"
    if (short and VISION_HEADING.match(lower)) or CANDIDATE_STATEMENT.match(line):
        return "vision_statement"
    return None


def _pull_back(lines: list[tuple[int, str]], i: int, floor: int) -> int:
    """First line of the block of short lines (letterhead, address, date, name) right above line i.

    The block stops at a long line, at the previous part's marker, and after the closing formula
    and signature (name, title) of a letter that ends just above.
    """
    start = i
    while start - 1 > floor and i - (start - 1) <= PULL_BACK_LINES:
        previous = lines[start - 1][1]
        if LETTER_CLOSING.match(previous.lower()):
            return min(i, start + SIGNATURE_LINES)
        if len(previous) > SHORT_LINE_CHARS or PART_END.match(previous):
            break
        start -= 1
    return start



