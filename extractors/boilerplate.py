"""Boilerplate removal: keep the body, cut site chrome and page furniture, keep an audit.

The text pass classifies each line on features (length, stopword density, sentence shape,
URL/e-mail/phone likeness, menu shape, position) and on multilingual lexicons of known junk
classes (copyright, licence, registration numbers, share/print and font widgets, contact lines,
bylines, photo credits, image descriptions, attachment notices, related links, cookie and
newsletter pitches). Context then settles what a line alone cannot: long runs of short link-like
lines (navigation), short labels next to junk outside the main run of paragraphs, the title,
blocks repeated inside one document (letterheads, running headers) and lines learned as a
source's template. Paragraphs cut by removed furniture or a page break are joined again.
Bylines, photo credits and "Updated: …" lines become metadata instead of being lost.
PDFs (and text dumps of PDFs) first go through `pdf_layout`: header/footer bands by geometry.
"""
from __future__ import annotations

import re
import string
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from extractors.gated import GatedPattern, any_of
from extractors.model import CleanDocument, LoadedDocument, RemovedText
from extractors.pdf_layout import LIST_ITEM_START, PAGE_NUMBER, pdf_body_text

# --- lexicons -------------------------------------------------------------------------------
# Function words of the languages we meet most; their density tells prose from labels/menus.
STOPWORDS = frozenset("""
a an the of to in on at for by with from and or but is are was were be been has have had will would
that this these those it its as not which who their they he she his her we our you your than also
le la les un une des du de et ou est sont pour par avec dans sur au aux que qui ce cette il elle ne pas
der die das ein eine einer eines und oder ist sind war mit von zu im auf für dem den des sich nicht
auch als bei nach wie wird werden hat haben es sie er wir
el los las del y en es por con para una al lo se su que como más
il lo gli di da nel della delle che per con non sono è
o os as do da dos das em um uma com não
een het van en de in op te dat met voor zijn
""".split())
SHARE_WORDS = frozenset("""
share shares sharing print printer tweet twitter x facebook linkedin whatsapp wechat weibo telegram
reddit pinterest email e-mail mail send copy link url kakao kakaotalk naver line qq qzone xing
youtube flickr instagram tiktok threads bluesky mastodon viber vk vkontakte вконтакте одноклассники ok.ru дзен
teilen drucken partager imprimer compartir imprimir condividi stampa delen afdrukken
compartilhe compartilhar поделиться печать podijeli ispis udostępnij drukuj
공유 공유하기 인쇄 프린트 카카오톡 페이스북 트위터 分享 打印 微信 微博 收藏 转发 印刷
""".split()) | {"-", "|", "/", "·", "•"}
FONT_WORDS = frozenset("""
font fonts size text typography smaller small medium big bigger large larger largest smallest
default helvetica segoe georgia times arial verdana tahoma roboto serif sans-serif a a+ a- a+a a-a
reset zoom schrift schriftgröße schriftart police taille texte tamaño fuente letra
veličina slova tamanho fonte dimensione carattere размер шрифта шрифт lettergrootte rozmiar czcionki
글자 글자크기 글꼴 크게 작게 확대 축소 字号 字体 大 中 小 放大 缩小
""".split())
MENU_WORDS = frozenset("""
menu menü close open all search home tools skip to content main navigation nav sitemap login
log in logout sign up register subscribe back top go contact us about more next previous prev
expand collapse toggle language english français deutsch español
accueil rechercher fermer startseite suche schließen inicio buscar cerrar
전체메뉴 메뉴 닫기 열기 검색 홈 로그인 회원가입 사이트맵 首页 菜单 搜索 关闭 登录 注册 导航
""".split())
HOME_WORDS = frozenset("home accueil startseite inicio início 홈 首页 主页 ホーム главная".split())
# Words that label metadata fields (contact block headings, table headers of ministry sites).
CONTACT_LABEL_WORDS = frozenset("""
contact contacts kontakt contacto contatto press presse prensa stampa pressekontakt medienkontakt pressestelle
media enquiries inquiries information tel tel. phone
telephone telefon téléphone tél fax e-mail email mail department division author writer office
담당부서 담당 책임자 과장 사무관 주무관 담당자 작성자 연락처 문의 부서 전화 팩스 이메일 등록일 조회수 联系人 联系 电话 传真 邮箱 作者 来源 编辑 责任编辑
""".split())

# Words without which no unanchored junk pattern below can match a sentence (a fast gate for prose).
CUE_WORDS = frozenset("""
copyright rights reserved réservés vorbehalten reservados riservati reserved.
license licence licensed licences licenses licensing lizenz licencia licenza licença commons cc-by
tel tel. phone telephone telefon téléphone tél fax mobile mob hotline contact cc
attach attached attachment attachments pdf anhang pièce pièces jointe jointes adjunto allegato download
getty reuters afp ap dpa imago shutterstock courtesy photo photos
cookie cookies printed print printing creative helpful hilfreich utile útil email e-mail
subscribe subscription newsletter inbox sign signing login log eingeloggt einloggen anmelden registriert
abonnieren inscrivez abonnez-vous connectez suscríbete iscriviti angemeldet registrado connecté
utilizamos usamos используем koristi koristimo kolačiće kolačića kolačići куки
clarification clarifications information informações información informazioni informationen
""".split())
CUE_SYMBOLS = ("©", "@", "+")  # and any CJK character (the CJK_CHAR class)

# --- compiled patterns ----------------------------------------------------------------------
WORD = re.compile(r"\w[\w'’.-]*")
ASCII_WORD = re.compile(WORD.pattern, re.ASCII)  # the same in ASCII text, faster: \w without Unicode tables
CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
TERMINAL_PUNCT = re.compile(r"[.!?。！？…]['\"”’»)*\]]*$")
MID_SENTENCE_END = re.compile(r"[\w,;(\-–]\**$")
LOWERCASE_WORD_END = re.compile(r"(?:^|\s)[^\W\d_]*[a-zà-öø-ÿ][^\W\d_]*\**$")
TABLE_ROW = re.compile(r"^\|.*\|$")
EDGE_PUNCT = string.punctuation + string.whitespace + "“”‘’«»„•·▪●◦–—…©®™　"
URL_HINTS = ("http", "www.", ".com", ".org", ".net", ".gov", ".edu", ".int", ".info", ".kr", ".cn", ".de", ".fr", ".uk", ".jp",
             ".ch", ".it", ".es", ".eu", ".io", ".co", ".br", ".ru", ".hr", ".in", ".za", ".ke", ".ca", ".au", ".mx", ".pt",
             ".nl", ".be", ".at", ".pl", ".tr", ".ng", ".eg", ".sa", ".ae", ".ar")
URL = GatedPattern(any_of(*URL_HINTS), re.compile(
    r"(?:https?://|www\.)\S+|"
    r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|int|info|kr|cn|de|fr|uk|jp|ch|it|es|eu|io|co|br|ru|hr|in|za|ke|ca|"
    r"au|mx|pt|nl|be|at|pl|tr|ng|eg|sa|ae|ar)(?:/\S*)?\b",
    re.IGNORECASE))
BREADCRUMB_SEPARATOR = re.compile(r"\s(?:>|›|»|/|\|)\s")

# Junk classes found anywhere in a line (behind cheap literal hints).
EMAIL = GatedPattern(any_of("@"), re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"))
# every alternative holds a run of 7+ digits and separators from a digit to a digit
PHONE = GatedPattern(re.compile(r"\d[\d\s().\-/]{5,}\d"), re.compile(
    r"\+\s?\d[\d\s().\-/]{6,}\d|\(?\b0\d{1,3}\)?[-.\s]\d{3,4}[-.\s]\d{4}\b|"
    r"\b(?:tel|phone|telephone|telefon|téléphone|tél|fax|mobile|mob|hotline|전화|팩스|电话|传真)\b\.?\s*[:：]?\s*"
    r"\(?\+?\d[\d\s().\-/]{5,}\d", re.IGNORECASE))
COPYRIGHT = GatedPattern(
    any_of("©", "(c)", "copyright", "rights reserved", "droits réservés", "rechte vorbehalten", "derechos reservados",
     "diritti riservati", "direitos reservados", "版权所有", "版權所有", "저작권", "무단", "재배포", "無断転載", "著作権"),
    re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved|tous droits réservés|alle rechte vorbehalten|"
               r"todos los derechos reservados|tutti i diritti riservati|todos os direitos reservados|"
               r"版权所有|版權所有|저작권|무단\s*전재|재배포\s*금지|無断転載|著作権", re.IGNORECASE))
COPYRIGHT_STRONG = re.compile(r"all rights reserved|tous droits réservés|alle rechte vorbehalten|derechos reservados|"
                              r"diritti riservati|direitos reservados|版权所有|版權所有|저작권|무단\s*전재|\d{4}",
                              re.IGNORECASE)
LICENCE = GatedPattern(
    any_of("licen", "lizenz", "commons", "cc-by", "cc by", "open government", "이용허락", "공공누리", "许可协议", "授权"),
    re.compile(r"\blicen[cs]e[ds]?\b|creative commons|\bcc[- ]by\b|\blizenz|\blicencia|\blicenza|\blicença|"
               r"open government|이용허락|공공누리|许可协议|授权", re.IGNORECASE))
LICENCE_TERMS = re.compile(r"under the terms|licensed under|under a creative commons|lizenziert|can be used|may be used|"
                           r"terms of use|source indication|"
                           r"unter der lizenz|sous licence|sous la licence|bajo (?:la |una )?licencia|"
                           r"sob (?:a |uma )?licença|sotto (?:la )?licenza|под лицензией|pod licencom|"
                           r"이용할 수|출처표시", re.IGNORECASE)
REGISTRATION = GatedPattern(
    any_of("icp", "安备", "安備", "備案", "备案", "许可证", "网证", "사업자", "통신판매", "등록번호"),
    re.compile(r"ICP\s*[备證证]|公网安备|公網安備|网安备|備案|备案号|经营许可证|新出网证|"
               r"사업자\s*등록\s*번호|통신판매업|등록번호", re.IGNORECASE))
ATTACHMENT = GatedPattern(
    any_of("pdf", "attach", "download", "pièce", "anhang", "adjunto", "allegato", "첨부", "附件"),
    re.compile(r"\b(?:als|as|en|in) pdf\b|\bpdf\s*[,(]\s*\d+(?:[.,]\d+)?\s*[km]b|"
               r"\b(?:refer to|see|find|download)\b.{0,20}\battach|\battached (?:pdf|file|document)s?\b|"
               r"\battachments?\s*[:：]|\bdownload (?:the )?(?:pdf|file|attachment|full)|"
               r"pièces? jointes?|im anhang|siehe anhang|adjunto|allegato|첨부|附件", re.IGNORECASE))
PHOTO_CREDIT_INLINE = GatedPattern(
    any_of("photo", "courtesy", "getty", "reuters", "afp", "dpa", "imago", "shutterstock"),
    re.compile(r"\b(?:photos? courtesy of|courtesy photo|photo by|getty images|reuters/|afp/|ap photo|"
               r"dpa/|imago/|shutterstock)\b", re.IGNORECASE))
NEWSLETTER_PITCH = GatedPattern(
    any_of("subscri", "sign", "newsletter", "inbox", "abonn", "suscr", "e-mail", "email"),
    re.compile(r"enter your e-?mail(?: address)?|ihre e-mail-adresse|newsletter (?:erhalten|empfangen)|"
               r"receive (?:our|the) newsletter|recevoir (?:la|notre) newsletter|"
               r"\b(?:subscribe|sign up|signing up)\b.{0,60}\b(?:newsletter|inbox|updates|e-?mails?)\b|"
               r"\b(?:newsletter|inbox)\b.{0,60}\b(?:subscribe|sign up|signing up)\b|"
               r"error processing your subscription|newsletter abonnieren|abonnez-vous|suscríbete", re.IGNORECASE))
LOGIN_TO_COMMENT = GatedPattern(
    any_of("comment", "kommentar", "comentar"),
    re.compile(r"(?:eingeloggt|angemeldet|logged in|log in|sign in|connecté|registrado|registriert).{0,40}"
               r"(?:kommentar|comment|commenter|comentar)|"
               r"(?:kommentar|comment|commenter|comentar)\w*.{0,40}"
               r"(?:eingeloggt|angemeldet|logged in|log in|sign in|connecté|anmelden)", re.IGNORECASE))
COOKIE_NOTICE = GatedPattern(
    any_of("cookie", "kolačić", "куки"),
    re.compile(r"\bcookies?\b.{0,100}\b(?:use|uses|using|utilis|verwende|nutzt|usamos|utiliza|utilizziamo|"
               r"accept|akzept|consent|zustimm)|"
               r"\b(?:we use|uses|utilise|utilisons|verwendet|verwenden|nutzt|usamos|utilizamos|utiliza|utilizziamo|"
               r"используем|использует|koristi|koristimo)\b.{0,60}(?:\bcookies?\b|kolačić|куки|файлы cookie)",
               re.IGNORECASE))
FEEDBACK_WIDGET = GatedPattern(
    any_of("helpful", "hilfreich", "utile", "útil"),
    re.compile(r"^(?:was this (?:article|page|information) helpful|(?:ist|war) dieser (?:beitrag|artikel|inhalt) hilfreich|"
               r"cet article vous a-t-il été utile|¿te ha resultado útil|¿le resultó útil)", re.IGNORECASE))
PRINT_NOTICE = GatedPattern(
    any_of("print"),
    re.compile(r"printed in a limited number|kindly asked to bring their (?:own )?copies|"
               r"consider the environment before printing|do not print this", re.IGNORECASE))
TRAILING_CREDIT = re.compile(r"\s*(?:©\s*[^©]{2,80}|[\[(（【]\s*(?:photos?|pictures?|fotos?|bild|foto|图|图片|사진|写真)"
                             r"[^\])】）]{0,80}[\])】）])$", re.IGNORECASE)
SHARE_PHRASE = GatedPattern(
    any_of("click to", "扫", "二维码", "qr code", "new window", "gefällt", "like this", "me gusta", "j'aime", "mi piace",
     "teilen auf", "partager sur", "compartir en", "share on"),
    re.compile(r"click to (?:share|print|email)|扫一扫|扫码|二维码|qr code|opens in (?:a )?new window|"
               r"^gefällt mir|^like this:|^me gusta|^j'aime|^mi piace|^teilen auf|^partager sur|^compartir en|"
               r"^share on\b", re.IGNORECASE))
NEWSLETTER_OR_LOGIN = GatedPattern(
    any_of("follow", "folgen", "suivez", "síguenos", "sign", "subscri", "newsletter", "log", "eingeloggt", "einloggen", "anmelden",
     "registriert", "abonn", "inscri", "connect", "suscr", "iscriv", "inscreva", "assine", "подпи", "pretplat",
     "로그인", "구독", "登录", "订阅"),
    re.compile(r"\bfollow us\b|folgen sie uns|suivez-nous|síguenos|\bsign(?:ing)? up\b|\bsubscribe\b|"
               r"\bnewsletter\b|\blog ?in\b|\bsign in\b|eingeloggt|einloggen|\banmelden\b|registriert|"
               r"abonnieren|inscrivez|connectez|suscríbete|iscriviti|inscreva|assine|подписаться|подпишитесь|"
               r"pretplat|로그인|구독|登录|订阅", re.IGNORECASE))
IMAGE_DESCRIPTION_HINT = re.compile(r"appearing to read|in black ink|in blue ink|handwritten|\bdepict|\bshowing\b|logo of",
                                    re.IGNORECASE)
STAFF_ROLE = re.compile(r"\b(?:staff (?:writer|reporter)|correspondent|reporter|journalist|columnist|contributor|"
                        r"redakteur(?:in)?|korrespondent(?:in)?|journaliste|rédact(?:eur|rice)|periodista|redactor(?:a)?|"
                        r"giornalista|editor)\b|기자|특파원|记者|特约|編集", re.IGNORECASE)

# Junk classes recognised by how a line starts (cheap: anchored).
BYLINE = re.compile(r"^(?i:by|par|von|por|di|door|written by|text:|texto:|autor(?:in)?:|author:)\s+"
                    r"(?P<name>[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’.-]+(?:[ -][A-ZÀ-ÖØ-ÞĀ-Ž\w][\w'’.-]*){0,4})\s*[,|/]?\s*(?P<rest>.*)$")
NAME_BEFORE_ROLE = re.compile(r"^(?P<name>[A-ZÀ-ÖØ-Þ][\w'’.-]+(?:[ -][A-ZÀ-ÖØ-Þ][\w'’.-]+){1,3})\s*[,|]\s*")
CJK_BYLINE = re.compile(r"^(?P<name>[\uac00-\ud7af]{2,4})\s*(?:기자|특파원)\b|"
                        r"^(?:记者|記者|作者|责任编辑|編輯|编辑)\s*[:：]?\s*(?P<zh>[\u4e00-\u9fff]{2,4})")
EDITING_CREDIT = re.compile(r"^(?:(?:additional )?reporting|writing|editing|compiled|edited|translated) by\b",
                            re.IGNORECASE)
PHOTO_CREDIT = re.compile(r"^[\[(（【]?(?:photos?|pictures?|images?|fotos?|bilder?|illustrations?|crédits? photos?|"
                          r"photo credits?|credits?|사진|图片|图|圖|写真)\s*(?:courtesy(?: of)?|by|credit|:|：|/|©|=)",
                          re.IGNORECASE)
IMAGE_DESCRIPTION = re.compile(r"^(?:an?|the)\s+(?:[\w-]+\s+){0,4}(?:signature|photo|photograph|image|picture|logo|stamp|"
                               r"seal|emblem|portrait|illustration|screenshot|graphic|chart|diagram)s?\b", re.IGNORECASE)
UPDATED = re.compile(r"^(?P<line>(?:last\s+)?(?:updated|published|posted|modified|date|aktualisiert|veröffentlicht|"
                     r"mis à jour|publié|actualizado|publicado|aggiornato|pubblicato|更新时间|更新時間|发布时间|發布時間|"
                     r"发布日期|更新|发布|수정|등록|입력|기사입력|최종수정)(?:\s*(?:am|le|on|el|il|em|at))?\s*[:：]?\s*"
                     r"[\w ,./:-]{0,20}?\d{4}(?:[年./-]\s*\d{1,2}(?:[月./-]\s*\d{1,2}日?)?)?"
                     r"(?:\s*,?\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?)?)", re.IGNORECASE)
ADVERT = re.compile(r"^(?:anzeige|advertisement|advertising|werbung|publicité|publicidad|pubblicità|sponsored|광고|广告|"
                    r"story continues|article continues|continue reading)\b", re.IGNORECASE)
COMMENTS_WIDGET = re.compile(r"^(?:schreibe(?:n sie)? einen kommentar|leave a (?:comment|reply)|post a comment|"
                             r"add a comment|deja un comentario|laisser un commentaire|lascia un commento|"
                             r"deixe um comentário|\d+\s+(?:kommentare?|comments?|gedanken zu|antworten|réponses?|"
                             r"commentaires?|comentarios?|commenti|replies)\b|댓글|评论|コメント)", re.IGNORECASE)
RELATED_LINK = re.compile(r"^(?:read more|read also|also read|see also|previous article|next article|上一篇|下一篇|"
                          r"이전글|다음글|vorheriger artikel|nächster artikel|article précédent|article suivant|"
                          r"most read|most popular|most viewed|les plus lus|más leídas|più letti|beliebteste|top themen|"
                          r"많이 본|热门|排行|back to (?:top|overview)|ähnliche (?:beiträge|artikel)|meistgelesen|"
                          r"zurück zur übersicht|nach oben|related(?: articles?| stories| news)?|more from|more on|"
                          r"recommended|you may also like|lesen sie (?:hier|auch|mehr)|mehr zum thema|"
                          r"weitere (?:infos?|informationen|artikel|themen|beiträge|meldungen|aktuelle)|"
                          r"zusatzinformationen|originalpublikation|das könnte sie auch|top-themen|lire aussi|"
                          r"à lire aussi|voir aussi|leer más|lea también|vea también|te puede interesar|te recomendamos|leggi anche|"
                          r"leia também|veja também|читайте также|pročitajte (?:i|još)|"
                          r"관련기사|관련 기사|相关新闻|相关阅读|延伸阅读)", re.IGNORECASE)
SKIP_LINK = re.compile(r"^(?:skip to|jump to|go to (?:main )?content|ir (?:para (?:o|a)|al)|saltar (?:al|a)|aller (?:au|à)|"
                       r"passer (?:au|à)|zum inhalt|direkt zum|springe zu|vai al|passa al|перейти к)\b", re.IGNORECASE)
# "Entrar"/"Acceder" alone or "with <account>" (not "Entrar en vigor"); not "Connexion" (a French noun)
LOGIN_LINK = re.compile(r"^(?:log ?in|sign in|(?:entrar|acceder)(?:\s+(?:com|con)\b|$)|iniciar sesión|se connecter|"
                        r"anmelden|einloggen|accedi|войти|prijava|prijavi se)\b", re.IGNORECASE)
SHARE_LABEL = re.compile(r"^(?:share(?: this(?: page| article)?)?|compartilh[ea]|compartir|partager|partagez(?: cette page)?|"
                         r"teilen|condividi|поделиться|podijeli|udostępnij|delen|分享|공유(?:하기)?)\s*[:：]", re.IGNORECASE)
READING_TIME = re.compile(r"(?:^|\s*[|·•–—-]\s*)\d{1,3}\s*(?:min(?:ute)?s?\.?\s+(?:read|de lecture|lectura|de leitura|"
                          r"di lettura|Lesezeit)|Min\.?\s+Lesezeit|минут\w*\s+чтения)$", re.IGNORECASE)
READING_TIME_END = re.compile(r"(?:read|lecture|lectura|leitura|lettura|lesezeit|чтения)$", re.IGNORECASE)  # its last word
READING_TIME_END_CHARS = 8  # the longest of those words
# "[Stamp of the Mission]", "(Signed)", "[Seal]": a description of what the paper showed
BRACKETED_MARK = re.compile(r"^[\[(](?:stamp|seal|signature|signed|logo|emblem|cachet|sceau|signé|signature illisible|"
                            r"firma|firmado|sello|timbre|stempel|siegel|unterschrift|gez\.|печать|подпись|m\.p\.|"
                            r"pečat|potpis|carimbo|assinatura|assinado|timbro)\b[^\])]{0,80}[\])]$", re.IGNORECASE)
SITE_NOTICE = re.compile(r"^(?:this (?:page|site|website) is (?:part of|operated by|maintained by)|"
                         r"diese (?:seite|website|internetseite) (?:ist|wird) (?:bestandteil|teil|betrieben)|"
                         r"cette page fait partie|esta página (?:forma|es|faz) parte|questa pagina fa parte|"
                         r"эта страница является частью|ova stranica je dio)", re.IGNORECASE)
UPDATED_LABEL = re.compile(r"^[-–•*]?\s*(?:date (?:de|of) (?:modification|mise à jour|last update)|date modified|"
                           r"last (?:updated|modified|update)|dernière mise à jour|fecha de (?:modificación|actualización)|"
                           r"última (?:modificación|actualización|atualização)|zuletzt (?:aktualisiert|geändert)|"
                           r"letzte änderung|ultimo aggiornamento|data di modifica|дата (?:изменения|обновления)|"
                           r"zadnja izmjena|ažurirano|최종\s*수정일?|更新日期|最后更新)\s*[:：]?$", re.IGNORECASE)
# "담당부서 …", "Ansprechpartner: …", "Media contact …": the head of a contact block
CONTACT_HEADER = re.compile(r"^(?:담당\s*부서|담당자|책임자|문의처?|연락처|联系人|联系方式|联系电话|责任部门|"
                            r"ansprechpartner(?:in)?|pressekontakt|medienkontakt|contact presse|contacts? médias?|"
                            r"contacto de prensa|contato para imprensa|contatti stampa|media contacts?|press contacts?|"
                            r"контакты для (?:сми|прессы)|kontakt za medije)\b", re.IGNORECASE)
CONTACT_INVITATION = re.compile(r"\b(?:may|can|please|should) (?:contact|reach|write to|call)\b|"
                                r"\bfor (?:any|further|more|additional) (?:clarification|information|details|queries)|"
                                r"\bpara (?:mais|más) informaç|\bpara (?:más|mayor) información|"
                                r"\bpour (?:plus d'informations|tout renseignement|toute information)|"
                                r"\bfür (?:weitere informationen|rückfragen)|\bper ulteriori informazioni|"
                                r"\bza (?:više|dodatne) informacij|\bдля (?:получения )?(?:дополнительной )?информации",
                                re.IGNORECASE)
# A postal address: "…, 10110 Zagreb", "…, D-53113 Bonn", "…, New Delhi-110002", "12 Main Street, …".
# One form per pattern, each behind its own gate: a single pattern of all forms tries every form at
# every letter of a line. ("[iı]": re.IGNORECASE matches a dotless "ı" for "i", casefolding keeps it.)
POSTAL_ADDRESS_FORMS = (
    GatedPattern(any_of(","), re.compile(  # not ", 2025 Geneva"
        r",\s*(?:[A-Z]{1,2}-)?(?!(?:19|20)\d\d\b)\d{4,6}\s+[^\W\d_][\w-]+", re.IGNORECASE)),
    GatedPattern(re.compile(r"\d{6}$"), re.compile(r"[^\W\d_]\s?[-–]\s?\d{6}$")),
    GatedPattern(any_of("street", "st.", "avenue", "ave.", "road", "rd.", "boulevard", "blvd", "lane", "drive", "way",
                        "place", "square"), re.compile(
        r"\b\d{1,5}\s+(?:[A-Z][\w'-]+\s+){1,3}(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.?|Lane|Drive|Way|"
        r"Place|Square)\b")),
    GatedPattern(re.compile(r"rue|aven|boulevard|chem[iı]n|calle|rua|v[iı]a|p[iı]azza|ul[iı]ca|улица|ул\."), re.compile(
        r"\b(?:rue|avenue|boulevard|chemin|calle|avenida|rua|via|piazza|ulica|улица|ул\.)\s+"
        r"(?:[a-z']+\s+){0,2}(?-i:[A-ZÀ-ÖØ-ÞА-Я])[^,]{1,40}\s\d{1,5}\b", re.IGNORECASE)),
    GatedPattern(any_of("strasse", "str.", "weg", "platz", "gasse"), re.compile(  # casefolded, "straße" is "strasse"
        r"\b[^\W\d_]+(?:straße|strasse|str\.|weg|platz|gasse)\s+\d{1,4}\b", re.IGNORECASE)),
)
MAX_ADDRESS_WORDS = 15
MENU_COLUMN_GAP = re.compile(r"\s{2,}|\t")
MENU_COLUMN_MIN_ITEMS = 3
MAX_CONTACT_PARAGRAPH_WORDS = 70
LABEL_END_CHARS = ":：|-–—»>"  # "Read more: …", "Lesen Sie auch | …": a label, not a sentence starting alike
SOURCE_LINE = re.compile(r"^(?:source|sources|quelle|fuente|fonte|bron|来源|來源|출처|出典)\s*[:：]", re.IGNORECASE)
TAGS_LINE = re.compile(r"^(?:tags?|schlagwörter|stichwörter|schlagworte|mots[- ]clés|etiquetas|palabras clave|"
                       r"parole chiave|keywords|태그|키워드|关键词|关键字|标签|タグ)\s*[:：]", re.IGNORECASE)
# The header block of an official document (symbol, date, original language, agenda item, "Note by
# the Secretary-General"): it identifies the document, so it is neither a headline nor junk.
# every symbol holds a "/" or the word "Document"
DOCUMENT_SYMBOL = GatedPattern(any_of("/", "Document"), re.compile(
    r"\b(?:[A-Z]{1,6}[-‑]?\d{1,3}/\d+[A-Za-z]?(?:\((?:Rev|Add|Corr)\.\s*\d+\))*-[EFSACR]|"
    r"(?:Document|Documento)\s+[\w./()-]*\d[\w./()-]*-[EFSACR])\b"))
OFFICIAL_HEADER = re.compile(r"^(?:agenda item|item|point de l'ordre du jour|punto del orden del día|original\s*:|"
                             r"origine\s*:|(?:note|report|contribution|statement) (?:by|from)|note (?:du|de la|de l')|"
                             r"rapport (?:du|de la|de l')|nota (?:del|de la)|informe (?:del|de la)|"
                             r"contribución de|addendum|corrigendum|revision \d)\b", re.IGNORECASE)
CJK_PAGE_TOOL = re.compile(r"^[【\[]?(?:打印|关闭|關閉|分享|收藏|纠错|字号|字體|字体)")


def _union(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str]:
    """One pattern that matches where any of `patterns` matches: one call instead of one per pattern."""
    parts = []
    for pattern in patterns:
        assert not pattern.flags & ~(re.IGNORECASE | re.UNICODE) and "(?P=" not in pattern.pattern
        source = re.sub(r"\(\?P<\w+>", "(?:", pattern.pattern)  # a group name may be in several of them
        parts.append(f"(?i:{source})" if pattern.flags & re.IGNORECASE else f"(?:{source})")
    return re.compile("|".join(parts))


# Every pattern that `_classify_by_start` matches at the start of a line: few lines match any.
LINE_START_PATTERNS = (UPDATED, UPDATED_LABEL, SKIP_LINK, LOGIN_LINK, SHARE_LABEL, READING_TIME, BRACKETED_MARK,
                       SITE_NOTICE, CONTACT_HEADER, CJK_BYLINE, BYLINE, PHOTO_CREDIT, SOURCE_LINE, TAGS_LINE,
                       EDITING_CREDIT, RELATED_LINK, COMMENTS_WIDGET, IMAGE_DESCRIPTION)
LINE_START_CLASSES = _union(LINE_START_PATTERNS)

MAX_JUNK_WORDS = 25  # lexicon-matched lines longer than this are treated as prose that mentions the word
MAX_LICENCE_CHARS = 500
MIN_FORM_FEEDS_FOR_PAGES = 2
MAX_CAPTION_WORDS = 60  # trailing photo credits are cut from lines up to this long
LINE_END_CHARS = 8  # end-of-line patterns look at this many last characters
MAX_RELATED_LINK_WORDS = 20  # "Read more: <headline of another article>"
MENU_RUN_MIN_LINES = 6  # this many short link-like lines in a row are navigation, not body
MENU_ITEM_MAX_WORDS = 6
STRONG_PROSE_CHARS = 80  # a paragraph this long anchors the main content
MAX_LINES_BETWEEN_PARAGRAPHS = 8  # more lines than this between two paragraphs split the content
LABEL_EXCLUDED_CHARS = frozenset("0123456789():：")
MAX_LABEL_WORDS = 4  # short labels next to junk are junk too
MAX_LINK_LABEL_WORDS = 4  # "More info: www.example.org" is a link line; a sentence with a URL is not
TITLE_MIN_WORDS, TITLE_MAX_CHARS = 4, 200
NUMBER_SHARE_OF_DATELINE = 0.5  # "Geneva, 17-27 June 2025": a line this much numbers is a dateline, not a headline
NON_TITLE_END_CHARS = ".,;:!"  # a headline may end with "?" but not like a sentence, a label or an exclamation
TITLE_MIN_CHARS_IN_PAGE_TITLE = 20  # a head line inside the page <title> ("Headline | Site") is the headline
HEAD_SCAN_LINES = 15
TEMPLATE_MAX_CHARS = 200
REPEATED_LINE_MAX_CHARS = 150
REPEATED_LINE_MIN_COUNT = 3  # a single short line seen this often in one text is furniture
RUNNING_HEADER_MAX_WORDS = 8  # a line beside page numbers on two pages, up to this long, is a running header
WRAPPED_BLOCK_MAX_CHARS = 130  # a block whose lines are all this short is hard-wrapped text
WRAPPED_BLOCK_MIN_CHARS = 40
CUT_SENTENCE_MIN_CHARS = 50  # a line this long ending mid-sentence before a page break was cut by it
PAGE_FURNITURE = frozenset({"page_header", "page_footer", "page_number", "template"})
DEHYPHENATE = "\x00"  # separator marker: drop the line-end hyphen and join


@dataclass(slots=True)
class _Line:
    text: str
    position: int
    block: int
    reason: str | None = None
    words: int = 0
    cjk: int = 0
    prose: bool = False
    cues: bool = False  # has a word or character some junk class needs
    lower: str = ""


# --- public API -----------------------------------------------------------------------------
def strip_boilerplate(doc: LoadedDocument, template_lines: frozenset[str] = frozenset()) -> CleanDocument:
    """Cut boilerplate from a loaded document; return the body, metadata and the audit rows."""
    removed: list[RemovedText] = []
    text = doc.text or ""
    paged = doc.format == "pdf" or (doc.format == "txt" and text.count("\f") >= MIN_FORM_FEEDS_FOR_PAGES)
    if paged:  # PDFs, and text dumps of PDFs whose pages are separated by form feeds
        text, furniture = pdf_body_text(doc)
        removed.extend(furniture)
    is_html = doc.format == "html"
    clean = clean_text(text, template_lines, raw=doc.text if text is not doc.text else None,
                       html_title=doc.html_title if is_html else None, raw_page=not is_html)
    author = clean.author or (doc.html_author if is_html else None)
    return CleanDocument(body_text=clean.body_text, title=clean.title, author=author, photo_credit=clean.photo_credit,
                         updated_line=clean.updated_line, removed=tuple(removed) + clean.removed)


def clean_text(text: str, template_lines: frozenset[str] = frozenset(), *, raw: str | None = None,
               html_title: str | None = None, raw_page: bool = True) -> CleanDocument:
    """The text-level pass. Positions refer to `raw` (default: `text`).

    `raw_page` says the text is a whole page or document, which may still carry navigation runs
    and page furniture repeated inside it. Main content extracted from HTML has neither, and
    repetition or short-line runs there are content (recipes, tables, lists).
    """
    lines = _split_lines(text)
    meta: dict[str, str] = {}
    reading_times = _cut_reading_times(lines)
    for line in lines:
        line.reason = _classify(line, meta, template_lines)
    _keep_inside_addresses(lines)
    _settle_context(lines, html_title, meta, raw_page)
    if raw_page:
        _mark_repeated_furniture(lines)
    credits = reading_times + _cut_trailing_credits(lines, meta)
    body = _assemble(lines, page_breaks=raw_page)
    if raw is not None and raw is not text:
        _relocate(lines, raw)
    removed = tuple(RemovedText(text=line.text, reason=line.reason, position=line.position)
                    for line in lines if line.reason)
    removed += tuple(RemovedText(text=cut, reason=reason, position=line.position + len(line.text))
                     for line, cut, reason in credits)
    return CleanDocument(body_text=body, title=meta.get("title") or (html_title or None), author=meta.get("author"),
                         photo_credit=meta.get("photo_credit"), updated_line=meta.get("updated_line"), removed=removed)


def _cut_reading_times(lines: list[_Line]) -> list[tuple[_Line, str, str]]:
    """'March 5, 2025 | 4 min read' -> the date without the reading time (before the lines are classified)."""
    cut = []
    for line in lines:
        # the search runs over the whole line: first a cheap look at how it ends
        if ("min" in line.lower and line.words <= MAX_CAPTION_WORDS
                and READING_TIME_END.search(line.text, len(line.text) - READING_TIME_END_CHARS)):
            reading = READING_TIME.search(line.text)
            if reading and reading.start() > 0:
                cut.append((line, line.text[reading.start():].strip(" |·•–—-"), "reading_time"))
                line.text = line.text[: reading.start()].rstrip()
                _measure(line)
    return cut


def _cut_trailing_credits(lines: list[_Line], meta: dict[str, str]) -> list[tuple[_Line, str, str]]:
    """'… the opening ceremony. [Photo by Li Wei/Xinhua]' -> the caption without its credit."""
    cut = []
    for line in lines:
        if line.reason is None and line.cues and line.words <= MAX_CAPTION_WORDS:
            match = TRAILING_CREDIT.search(line.text)
            if match and match.start() > 0:
                credit = match.group().strip()
                line.text = line.text[: match.start()].rstrip()
                meta.setdefault("photo_credit", credit.strip("[]()（）【】© "))
                cut.append((line, credit, "photo_credit"))
    return cut


def normalize_line(line: str) -> str:
    """The key under which a line is counted across documents."""
    return " ".join(unicodedata.normalize("NFKC", line).casefold().split()).strip(EDGE_PUNCT)


def template_candidates(text: str) -> frozenset[str]:
    """Normalised short lines of one document, worth counting across a source's documents."""
    keys = set()
    for raw_line in text.split("\n"):
        line = raw_line.strip()
        if line and len(line) <= TEMPLATE_MAX_CHARS:
            key = normalize_line(line)
            if len(key) >= 2:
                keys.add(key)
    return frozenset(keys)


def learn_template_lines(candidate_sets: Iterable[frozenset[str]], min_docs: int = 3,
                         min_share: float = 0.5) -> frozenset[str]:
    """Lines present in at least `min_docs` documents and `min_share` of them: the source's template."""
    counts: Counter[str] = Counter()
    docs = 0
    for keys in candidate_sets:
        docs += 1
        counts.update(keys)
    if docs == 0:
        return frozenset()
    needed = max(min_docs, min_share * docs)
    return frozenset(key for key, n in counts.items() if n >= needed)


# --- line features and classes --------------------------------------------------------------
def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    block, offset, blank = 0, 0, False
    for raw_line in text.replace("\f", "\n\n").split("\n"):
        stripped = raw_line.strip()
        if stripped:
            if blank and lines:
                block += 1
            line = _Line(text=stripped, position=offset + raw_line.find(stripped[0]), block=block)
            _measure(line)
            lines.append(line)
            blank = False
        else:
            blank = True
        offset += len(raw_line) + 1
    return lines


def _measure(line: _Line) -> None:
    line.lower = line.text.casefold()
    ascii = line.text.isascii()  # a flag of the string: no scan
    words = (ASCII_WORD if ascii else WORD).findall(line.lower)
    line.words = n = len(words)
    line.cjk = 0 if ascii or not CJK_CHAR.search(line.text) else len(CJK_CHAR.findall(line.text))
    ends = _ends_sentence(line.text)
    line.cues = bool(line.cjk) or any(map(line.lower.__contains__, CUE_SYMBOLS)) or not CUE_WORDS.isdisjoint(words)
    line.prose = ((n >= 6 and ends) or n >= 20 or (line.cjk >= 20 and (ends or line.cjk >= 40))
                  or (n >= 12 and sum(map(STOPWORDS.__contains__, words)) >= 2))  # the count last: the costly test
    if line.prose and not ends and line.words < 20 and line.text.isupper():  # an all-caps heading
        line.prose = False


def _ends_sentence(text: str) -> bool:
    return bool(TERMINAL_PUNCT.search(text[-LINE_END_CHARS:]))


def _tokens(text: str) -> list[str]:
    return [t for t in (tok.strip("•·:：,;()[]").casefold() for tok in text.split()) if t]


def _share(tokens: list[str], lexicon: frozenset[str]) -> float:
    return sum(map(lexicon.__contains__, tokens)) / len(tokens) if tokens else 0.0


def _classify(line: _Line, meta: dict[str, str], template_lines: frozenset[str]) -> str | None:
    """The junk class of one line on its own, or None when it may be body text."""
    text = line.text
    if template_lines and normalize_line(text) in template_lines:
        return "template"
    short = line.words <= MAX_JUNK_WORDS and len(text) <= 300
    if not short and line.prose:  # a paragraph of prose: only a licence, copyright or contact notice can be that long
        if line.words <= MAX_CONTACT_PARAGRAPH_WORDS and _is_contact_invitation(line):
            return "contact"
        if line.cues and len(text) <= MAX_LICENCE_CHARS:
            if LICENCE.search(line.text, line.lower) and LICENCE_TERMS.search(text):
                return "licence"
            if text.startswith("©") and COPYRIGHT_STRONG.search(text):
                return "copyright"
        return None
    # the classes known by how a line starts: one pattern of all their patterns tells whether any may match
    junk = _classify_by_start(line, meta) if LINE_START_CLASSES.match(text) else _byline(line, meta)
    if junk:
        return junk
    if line.cues:  # the lexicon classes all need a cue word or character
        junk = _classify_by_lexicon(line, meta)
        if junk:
            return junk
    if line.prose:
        return None
    tokens = _tokens(text)
    if tokens and line.words <= 6 and _share(tokens, CONTACT_LABEL_WORDS) >= 0.75:
        return "contact"
    return _classify_widget(line, tokens)


def _classify_by_start(line: _Line, meta: dict[str, str]) -> str | None:
    """Classes recognised by how a short line starts (LINE_START_PATTERNS), in order, and bylines."""
    text = line.text
    updated = UPDATED.match(text)
    if updated and line.words <= 20:
        meta.setdefault("updated_line", updated.group("line").strip())
        return "updated_line"
    anchored = _classify_anchored(line)
    if anchored:
        return anchored
    byline = _byline(line, meta)
    if byline:
        return byline
    if line.words <= 15 and PHOTO_CREDIT.match(text):
        meta.setdefault("photo_credit", text)
        return "photo_credit"
    if line.words <= 12 and SOURCE_LINE.match(text):
        return "source"
    if line.words <= 30 and TAGS_LINE.match(text):
        return "tags"
    if line.words <= 15 and EDITING_CREDIT.match(text):
        return "byline"
    related = RELATED_LINK.match(text) if line.words <= MAX_RELATED_LINK_WORDS else None
    if related and (not line.prose or text[related.end():].lstrip()[:1] in LABEL_END_CHARS):
        return "related_link"
    if COMMENTS_WIDGET.match(text) and (line.words <= 6 or not line.prose):
        return "comments"
    if line.words <= 40 and IMAGE_DESCRIPTION.match(text) and (line.words <= 8 or IMAGE_DESCRIPTION_HINT.search(text)):
        return "image_description"
    return None


def _byline(line: _Line, meta: dict[str, str]) -> str | None:
    byline = _byline_author(line)
    if byline is None:
        return None
    if byline:
        meta.setdefault("author", byline)
    return "byline"


def _classify_anchored(line: _Line) -> str | None:
    """Classes recognised by how a short line starts (or, for marks, by its brackets)."""
    text, words = line.text, line.words
    if words <= 8 and UPDATED_LABEL.match(text):
        return "updated_line"
    if words <= 15 and SKIP_LINK.match(text):
        return "menu"
    if words <= 6 and not line.prose and LOGIN_LINK.match(text):
        return "login"
    if words <= 40 and SHARE_LABEL.match(text):
        return "share_widget"
    if words <= 8 and READING_TIME.match(text):
        return "reading_time"
    if BRACKETED_MARK.match(text):
        return "image_description"
    if words <= 25 and SITE_NOTICE.match(text):
        return "site_notice"
    if words <= 10 and not line.prose and CONTACT_HEADER.match(text):
        return "contact"
    return None


def _is_contact_invitation(line: _Line) -> bool:
    """'For any clarification, please contact … at +41 … or x@y.org': a contact notice, even as a sentence."""
    return bool((EMAIL.search(line.text, line.lower) or PHONE.search(line.text, line.lower)) and CONTACT_INVITATION.search(line.text))


def _classify_by_lexicon(line: _Line, meta: dict[str, str]) -> str | None:
    text = line.text
    if REGISTRATION.search(line.text, line.lower):
        return "registration"
    if COPYRIGHT.search(line.text, line.lower) and (not line.prose or COPYRIGHT_STRONG.search(text) or text.startswith("©")):
        if text.startswith("©") and not COPYRIGHT_STRONG.search(text):
            meta.setdefault("photo_credit", text.lstrip("© ").strip())
            return "photo_credit"
        return "copyright"
    if LICENCE.search(line.text, line.lower) and (LICENCE_TERMS.search(text) or not line.prose):
        return "licence"
    email, phone = EMAIL.search(line.text, line.lower), PHONE.search(line.text, line.lower)
    if email and len(WORD.findall(EMAIL.pattern.sub("", text))) <= 1:
        return "email"
    if email or phone:
        return "contact"
    if line.words <= 20 and ATTACHMENT.search(line.text, line.lower):
        return "attachment_notice"
    if line.words <= 15 and PHOTO_CREDIT_INLINE.search(line.text, line.lower) and not line.prose:
        meta.setdefault("photo_credit", text)
        return "photo_credit"
    if NEWSLETTER_PITCH.search(line.text, line.lower):
        return "newsletter"
    if line.words <= 30 and LOGIN_TO_COMMENT.search(line.text, line.lower):
        return "login"
    if line.words <= 60 and COOKIE_NOTICE.search(line.text, line.lower):
        return "cookie_notice"
    if PRINT_NOTICE.search(line.text, line.lower):
        return "print_notice"
    if FEEDBACK_WIDGET.search(line.text, line.lower):
        return "feedback"
    return None


def _classify_widget(line: _Line, tokens: list[str]) -> str | None:
    """Non-prose lines: widgets, menus, breadcrumbs, bare URLs, page numbers."""
    text = line.text
    if TABLE_ROW.match(text):  # a table row (markdown from HTML tables) is content
        return None
    if CJK_PAGE_TOOL.match(text) and line.cjk <= 20:
        return "font_control" if any(k in text for k in ("字号", "字體", "字体")) else "share_widget"
    if URL.search(line.text, line.lower):
        if URL.pattern.fullmatch(text.strip(" .")):
            return "site_name"
        if len(WORD.findall(URL.pattern.sub(" ", text))) <= MAX_LINK_LABEL_WORDS:
            return "link"
    if line.words <= 12 and SHARE_PHRASE.search(line.text, line.lower):
        return "share_widget"
    if line.words <= 10 and _share(tokens, SHARE_WORDS) >= 0.6 and any(t in SHARE_WORDS for t in tokens if t.isalpha()):
        return "share_widget"
    if line.words <= 12 and _share(tokens, FONT_WORDS) >= 0.6:
        return "font_control"
    if line.words <= 8 and _share(tokens, MENU_WORDS) >= 0.6:
        return "menu"
    if line.words <= 12 and tokens and tokens[0] in HOME_WORDS and _all_capitalised(text):
        return "breadcrumb"
    if line.words <= 15 and len(BREADCRUMB_SEPARATOR.findall(text)) >= 2:
        return "breadcrumb"
    if PAGE_NUMBER.match(text):
        return "page_number"
    if (line.words <= MAX_ADDRESS_WORDS and not _ends_sentence(text)
            and any(form.search(line.text, line.lower) for form in POSTAL_ADDRESS_FORMS)):
        return "address"
    if _is_menu_columns(text):
        return "menu"
    if line.words <= 15 and (ADVERT.match(text) or NEWSLETTER_OR_LOGIN.search(line.text, line.lower)):
        return "advert" if ADVERT.match(text) else "newsletter"
    return None


def _is_menu_columns(text: str) -> bool:
    """'Agencies  Access to information  Legislation': menu items laid out in columns of spaces."""
    items = MENU_COLUMN_GAP.split(text)
    return (len(items) >= MENU_COLUMN_MIN_ITEMS and not any(map(str.isdigit, text))
            and all(len(item.split()) <= MAX_LABEL_WORDS and item[:1].isupper() for item in items))


def _all_capitalised(text: str) -> bool:
    words = [w for w in WORD.findall(text) if w[0].isalpha()]
    return bool(words) and all(not w[0].islower() or w.casefold() in STOPWORDS for w in words)


def _byline_author(line: _Line) -> str | None:
    """'' for a byline without a usable name, the name for a byline with one, None for other lines."""
    text = line.text
    if line.words > 10:
        return None
    cjk = CJK_BYLINE.match(text) if line.cjk else None
    if cjk:
        return cjk.group("name") or cjk.group("zh")
    match = BYLINE.match(text)
    if match and (not match.group("rest") or STAFF_ROLE.search(match.group("rest")) or len(match.group("rest")) < 40):
        return match.group("name").strip(" ,")
    if line.words <= 6 and STAFF_ROLE.search(text):
        named = NAME_BEFORE_ROLE.match(text)
        return named.group("name") if named and "." not in named.group("name") else ""
    return None


# --- context --------------------------------------------------------------------------------
# Where a postal address is page furniture: beside contact details, or at the very top or bottom.
CONTACT_REASONS = frozenset({"contact", "email", "address", "link", "site_name", "registration", "copyright"})
EDGE_LINES = 3


def _keep_inside_addresses(lines: list[_Line]) -> None:
    """A letter's inside address ("Place des Nations, CH-1211 Geneva 20, Switzerland" under the
    addressee's name) is content; a letterhead or footer address next to phone and e-mail is not."""
    flagged = [i for i, line in enumerate(lines) if line.reason == "address"]
    keep = []
    for i in flagged:
        if i < EDGE_LINES or i >= len(lines) - EDGE_LINES:
            continue
        neighbours = [lines[j].reason for j in (i - 1, i + 1) if 0 <= j < len(lines)]
        if not any(r in CONTACT_REASONS for r in neighbours):
            keep.append(i)
    for i in keep:
        lines[i].reason = None


def _settle_context(lines: list[_Line], html_title: str | None, meta: dict[str, str], raw_page: bool) -> None:
    """Menus, title, and short labels stuck between junk lines at the head or tail of the text."""
    if raw_page:
        _mark_menu_runs(lines)
    prose_at = [i for i, line in enumerate(lines) if line.reason is None and line.prose]
    first_body = prose_at[0] if prose_at else len(lines)
    last_body = prose_at[-1] if prose_at else -1
    # the page <title> may name a long headline that reads as prose: the first paragraph is a candidate then
    head_end = first_body + 1 if html_title else first_body
    head = [line for line in lines[:head_end] if line.reason is None][-HEAD_SCAN_LINES:]
    _pick_title(head, html_title, meta)
    for line in lines[first_body + 1: last_body]:
        if line.reason in ("site_name", "link"):  # a URL between paragraphs is a reference, not chrome
            line.reason = None
    main_first, main_last = _main_content_span(lines) if raw_page else (first_body, last_body)
    for indices in (range(main_first), range(len(lines) - 1, main_last, -1)):
        for i in indices:
            line = lines[i]
            if line.reason is None and _is_label(line) and _next_to_junk(lines, i):
                line.reason = "menu" if i < main_first else "other"


def _main_content_span(lines: list[_Line]) -> tuple[int, int]:
    """First and last line of the densest run of paragraphs: runs are split where many lines
    without a paragraph of prose lie between two paragraphs (menus, link lists, sidebars)."""
    strong = [i for i, line in enumerate(lines)
              if line.reason is None and line.prose and len(line.text) >= STRONG_PROSE_CHARS]
    if not strong:
        return len(lines), -1
    runs: list[list[int]] = [[strong[0]]]
    for i in strong[1:]:
        if i - runs[-1][-1] - 1 > MAX_LINES_BETWEEN_PARAGRAPHS:
            runs.append([])
        runs[-1].append(i)
    main = max(runs, key=lambda run: sum(len(lines[i].text) for i in run))
    return main[0], main[-1]


def _mark_menu_runs(lines: list[_Line]) -> None:
    """Long runs of short link-like lines without blank lines between them (navigation, link
    lists) in a whole page's text. Letterheads and address blocks are shorter or split by blank lines."""
    run: list[int] = []
    for i, line in enumerate(lines):
        if run and lines[run[-1]].block != line.block:
            _mark_menu(lines, run)
            run = []
        if line.reason is not None:
            continue  # junk inside a menu does not interrupt it
        if _menu_item_shaped(line):
            run.append(i)
        else:
            _mark_menu(lines, run)
            run = []
    _mark_menu(lines, run)


def _mark_menu(lines: list[_Line], run: list[int]) -> None:
    if len(run) >= MENU_RUN_MIN_LINES:
        for i in run:
            lines[i].reason = "menu"


def _menu_item_shaped(line: _Line) -> bool:
    text = line.text
    return (line.words <= MENU_ITEM_MAX_WORDS and line.cjk <= 12 and not line.prose and not text[:1].islower()
            and not any(map(str.isdigit, text)) and not LIST_ITEM_START.match(text)
            and (text.endswith("?") or not _ends_sentence(text)) and not text.endswith(","))


def _pick_title(head: list[_Line], html_title: str | None, meta: dict[str, str]) -> None:
    if html_title:
        key = normalize_line(html_title)
        for line in head:
            line_key = normalize_line(line.text)
            inside = len(line_key) >= TITLE_MIN_CHARS_IN_PAGE_TITLE and line_key in key
            if line.reason is None and (line_key == key or inside):
                line.reason = "title"
                meta["title"] = line.text
                return
        return
    # a salutation or address ("Dear …,", "Mr. President,") starts a letter or speech: no headline in or below it
    salutation_blocks = {line.block for line in head if _is_salutation(line)}
    candidates = []
    for i, line in enumerate(head):
        if line.block in salutation_blocks:
            break
        continues_below = i + 1 < len(head) and head[i + 1].text[:1].islower()
        if line.reason is None and _headline_shaped(line) and not continues_below and not _official_header(line.text):
            candidates.append(line)
    if candidates:
        best = max(candidates, key=lambda line: len(line.text))
        best.reason = "title"
        meta["title"] = best.text


def _official_header(text: str) -> bool:
    return bool(OFFICIAL_HEADER.match(text) or DOCUMENT_SYMBOL.search(text))


def _is_salutation(line: _Line) -> bool:
    return line.text.rstrip("*_ ").endswith((",", "!"))


def _headline_shaped(line: _Line) -> bool:
    text = line.text
    long_enough = line.words >= TITLE_MIN_WORDS or line.cjk >= 8
    last_word = text.rsplit(None, 1)[-1].casefold()
    numbers = sum(1 for token in text.split() if any(c.isdigit() for c in token))
    return (long_enough and len(text) <= TITLE_MAX_CHARS and text[-1] not in NON_TITLE_END_CHARS
            and last_word not in STOPWORDS and numbers < NUMBER_SHARE_OF_DATELINE * len(text.split())
            and not LIST_ITEM_START.match(text) and not URL.search(line.text, line.lower) and not EMAIL.search(line.text, line.lower))


def _is_label(line: _Line) -> bool:
    """A short bare label: no digits (dates, symbols), no parentheses or colon (names with acronyms, fields)."""
    return (line.words <= MAX_LABEL_WORDS and line.cjk <= 12 and LABEL_EXCLUDED_CHARS.isdisjoint(line.text)
            and not _ends_sentence(line.text))


def _next_to_junk(lines: list[_Line], i: int) -> bool:
    return any(0 <= j < len(lines) and lines[j].reason not in (None, "title") for j in (i - 1, i + 1))


def _mark_repeated_furniture(lines: list[_Line]) -> None:
    """Page furniture repeated inside one text (letterheads, running headers), after its first
    occurrence: a short non-prose line seen three times or more, or a run of two or more short
    lines seen earlier in the same order, both runs starting a block."""
    keys = [normalize_line(line.text) if line.reason is None and len(line.text) <= REPEATED_LINE_MAX_CHARS else None
            for line in lines]
    _mark_repeated_lines(lines, keys)
    _mark_running_headers(lines, keys)
    _mark_repeated_runs(lines, [key if line.reason is None else None for key, line in zip(keys, lines)])


def _mark_repeated_lines(lines: list[_Line], keys: list[str | None]) -> None:
    counts = Counter(key for key, line in zip(keys, lines)
                     if key and not line.prose and line.words >= 2 and not _is_punctuated(line.text))
    seen: set[str] = set()
    for key, line in zip(keys, lines):
        if key and counts[key] >= REPEATED_LINE_MIN_COUNT:
            if key in seen:
                line.reason = "page_header"
            seen.add(key)


def _mark_running_headers(lines: list[_Line], keys: list[str | None]) -> None:
    """A short line next to a page number and seen there again on another page ("- 2 -" above
    "C25/45-E"), or a document symbol next to one: a running header or footer, every time."""
    beside_numbers = Counter()
    for i, key in enumerate(keys):
        if key and not lines[i].prose and lines[i].words <= RUNNING_HEADER_MAX_WORDS and _beside_page_number(lines, i):
            beside_numbers[key] += 1
    for i, key in enumerate(keys):
        symbol = lines[i].words <= 4 and DOCUMENT_SYMBOL.search(lines[i].text)  # the symbol runs even on page 2 of 2
        if key and (beside_numbers[key] >= 2 or symbol) and _beside_page_number(lines, i):
            lines[i].reason = "page_header"


def _beside_page_number(lines: list[_Line], i: int) -> bool:
    return any(0 <= j < len(lines) and lines[j].reason == "page_number" and lines[j].block == lines[i].block
               for j in (i - 1, i + 1))


def _is_punctuated(text: str) -> bool:
    """Ends like a sentence, salutation or label: speech and letter formulas, not page furniture."""
    return text.rstrip("*_ ")[-1:] in ",.;:!?"


def _mark_repeated_runs(lines: list[_Line], keys: list[str | None]) -> None:
    def starts_block(i: int) -> bool:
        return i == 0 or lines[i - 1].block != lines[i].block

    first_seen: dict[str, list[int]] = {}
    i = 0
    while i < len(lines):
        run = 0
        if keys[i] and starts_block(i):
            for j in first_seen.get(keys[i], []):
                length = 0
                while j + length < i and i + length < len(lines) and keys[i + length] == keys[j + length] is not None:
                    length += 1
                run = max(run, length if starts_block(j) else 0)
        if run >= 2:
            for k in range(i, i + run):
                lines[k].reason = "page_header"
            i += run
            continue
        if keys[i]:
            first_seen.setdefault(keys[i], []).append(i)
        i += 1


# --- reassembly -----------------------------------------------------------------------------
def _assemble(lines: list[_Line], *, page_breaks: bool = True) -> str:
    """Kept lines back into paragraphs; paragraphs cut by removed furniture are joined again."""
    block_width: dict[int, int] = {}
    for line in lines:
        block_width[line.block] = max(block_width.get(line.block, 0), len(line.text))
    parts: list[str] = []
    previous: _Line | None = None
    removed_between = False
    furniture_between = False
    for line in lines:
        if line.reason:
            removed_between = removed_between or previous is not None
            furniture_between = furniture_between or (previous is not None and line.reason in PAGE_FURNITURE)
            continue
        if previous is not None:
            separator = _separator(previous, line, removed_between, block_width,
                                   furniture_between=furniture_between, page_breaks=page_breaks)
            if separator == DEHYPHENATE:
                parts[-1], separator = parts[-1][:-1], ""
            parts.append(separator)
        parts.append(line.text)
        previous, removed_between, furniture_between = line, False, False
    return "".join(parts).strip()


def _separator(prev: _Line, line: _Line, removed_between: bool, block_width: dict[int, int], *,
               furniture_between: bool = False, page_breaks: bool = True) -> str:
    if LIST_ITEM_START.match(line.text):
        return "\n" if prev.block == line.block and not removed_between else "\n\n"
    starts_lower = line.text[:1].islower()
    mid_sentence = bool(MID_SENTENCE_END.search(prev.text[-LINE_END_CHARS:])) and not _ends_sentence(prev.text)
    if prev.block == line.block and not removed_between:
        if _official_header(prev.text) or _official_header(line.text):  # symbol, date, language: one per line
            return "\n"
        width = block_width[prev.block]
        wrapped = WRAPPED_BLOCK_MIN_CHARS <= width <= WRAPPED_BLOCK_MAX_CHARS and len(prev.text) >= 0.7 * width
        if prev.text.endswith("-") and starts_lower and len(prev.text) > 1 and prev.text[-2].isalpha():
            return DEHYPHENATE
        if (wrapped or starts_lower) and mid_sentence or wrapped and prev.prose:
            return " "
        return "\n\n" if prev.prose or _ends_sentence(prev.text) else "\n"
    # across a blank line or removed furniture (a page break): join a sentence that was cut.
    # Only page furniture cuts sentences (a headline above a removed date or share line is whole),
    # and extracted HTML content has no page breaks: its blocks are elements.
    if not mid_sentence:
        return "\n\n"
    cut_by_furniture = page_breaks and furniture_between and len(prev.text) >= CUT_SENTENCE_MIN_CHARS
    if starts_lower or cut_by_furniture:
        return " "
    ends_on_lowercase_word = (page_breaks and len(prev.text) >= 2 * CUT_SENTENCE_MIN_CHARS
                              and LOWERCASE_WORD_END.search(prev.text[-LINE_END_CHARS * 4:]))
    return " " if ends_on_lowercase_word else "\n\n"


def _relocate(lines: list[_Line], raw: str) -> None:
    """Point line positions into `raw` (the loaded text) instead of the text the pass worked on."""
    cursor = 0
    for line in lines:
        found = raw.find(line.text, cursor)
        if found >= 0:
            line.position = cursor = found
        else:
            line.position = min(cursor, len(raw))
