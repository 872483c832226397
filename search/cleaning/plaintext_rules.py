"""Line-level wording rules for the plain-text cleaner: what a single line of page furniture looks like.

Every rule here looks at one line (or one line and its neighbour) and names the kind of page
furniture it is, or says it is article prose. The rules describe the structure and stock wording
of widgets that recur across sites (share bars, comment forms, "Related:" promos, photo credits,
dated comment headers), never the words of a particular page. plaintext.py decides which of the
matching lines really sit outside the article.
"""
from __future__ import annotations

import re
from functools import lru_cache

from search.cleaning.korean_lines import korean_line_kind

# Stock wording of share/like widgets; a line made of these words alone is a share bar.
_SHARE_WORDS = (
    r"share|shares|sharing|tweet|tweets|pin|pin it|email|e-mail|print|like|likes|facebook|twitter|"
    r"pinterest|linkedin|reddit|whatsapp|telegram|flipboard|tumblr|mix|buffer|vk|messenger|"
    r"google\+|pocket|copy link|comment|comments|save|subscribe|follow"
)
_SHARE_BAR = re.compile(rf"^(?:\d+\s*)?(?:(?:{_SHARE_WORDS})[\s,|/•·]*)+$", re.IGNORECASE)
_SHARE_PHRASE = re.compile(
    r"^(?:%d bloggers like this|share this|like this|like loading|sharing is caring|"
    r"click to (?:share|email|print)|share (?:on|via|this|the article)|tweet this|"
    r"\d+\s+(?:people|bloggers) like this|be the first to like this|spread the word|"
    r"share article|share story|opens in new window)",
    re.IGNORECASE,
)

# A media player's text left in a copy: "No media source currently available", "0:00 0:06:19"
_MEDIA_PLAYER = re.compile(
    r"^(?:no media source currently available|please wait|\d{1,2}:\d{2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?){1,3})$",
    re.IGNORECASE)

# Comment forms: the heading that opens the form and the stock lines inside it.
_FORM = re.compile(
    r"^(?:leave a (?:reply|comment|response)|post a comment|add a comment|add comment|"
    r"cancel reply|post comment|submit comment|join the (?:discussion|conversation)|"
    r"your email address will not be published|required fields are marked|"
    r"save my name, email|notify me of (?:new|follow-up)|notify me via e-?mail|"
    r"you must be logged in to post|log in to (?:reply|comment)|this site uses akismet|"
    r"(?:name|email|e-mail|website|comment)\s*\*?$|comments are closed|"
    r"sign up for (?:our|the) newsletter|subscribe to (?:our|the) newsletter|"
    r"enter your email|your email address)",
    re.IGNORECASE,
)

# Labels that introduce a link to another story ("Must Read: <headline>").
_PROMO_LABEL = re.compile(
    r"^(?:must read|related(?: articles?| posts?| stories| coverage| reading| content| news)?|"
    r"read more|read also|also read|see also|recommended(?: for you)?|more from [\w .'-]{1,40}|"
    r"you may also like|you might also like|more stories|trending(?: now)?|popular posts?|"
    r"don'?t miss|editor'?s picks?|further reading|more on this|watch|"
    r"leia (?:também|mais)|veja também|você (?:pode|também pode) gostar|artigos relacionados|"
    r"lee también|te puede interesar|relacionad[oa]s|lire aussi|à lire aussi|sur le même sujet|"
    r"lesen sie auch|mehr zum thema|читайте также|материалы по теме|похожие (?:статьи|материалы))"
    r"\s*(?::|\||-|>>|»|\.\.\.|…|$)",
    re.IGNORECASE,
)

# Photo credits: agency names behind a slash, "via AP", "Photo: X", "Getty Images".
_AGENCY = r"(?:AP|AFP|Reuters|Getty Images|Getty|EPA|Shutterstock|Xinhua|Yonhap|iStock|Alamy|Bloomberg)"
_CREDIT_LINE = re.compile(
    rf"^(?:\(?(?:photo|photograph|image|picture|pic|credit|photo credit|illustration|video)s?"
    rf"\s*(?::|by|/|courtesy)\s*.{{1,60}}|"
    rf".{{0,50}}\bvia {_AGENCY}\)?|"
    rf"(?:[\w.' -]{{1,40}}/)+\s*{_AGENCY}\)?|"
    rf"\(?{_AGENCY}(?: Photo| Images)?(?:/[\w.' -]{{1,40}})*\)?|"
    rf"courtesy(?: of)? .{{1,50}})$",
    re.IGNORECASE,
)
# A credit in square brackets closing a line: "... the border [Jung Yeon-je/AFP/Getty Images]".
BRACKET_CREDIT = re.compile(r"\s*\[([A-Z][\w.'&-]*(?:[ /][\w.'&-]+){0,5})\]$")

# A Korean reporter's signature run onto a paragraph's end: "... 밝혔다. 김가상 기자 kim@example.co.kr"
# (or a bracketed reporter "<김가상 기자>", or the agency credit "(연합뉴스)" that closes a story)
TRAILING_REPORTER = re.compile(
    r"(?<=[.!?\"”’)])\s*(?:[(\[【][^()\[\]【】]{1,20}=[^()\[\]【】]{1,12}[)\]】]\s*)?[가-힣]{2,4}\s*(?:선임|수석|전문|군사전문|북한전문|통일전문)?(?:기자|특파원)\s*"
    r"[(\[]?[\w.+-]+@[\w.-]+\.[a-z]{2,}[)\]]?\s*$"
    r"|(?<=[.!?\"”’])\s*[<\[(]\s*[가-힣]{2,4}\s*(?:기자|특파원)\s*[>\])][^\s.]{0,8}\s*$"
    r"|(?<=[.!?\"”’])\s*[(\[]\s*(?:[가-힣]{1,8}\s*=\s*)?(?:연합뉴스|뉴스1|뉴시스)\s*[)\]]\s*$")

# A Korean page copied as one paragraph runs its furniture on after the article's last word:
# "... 밝혔다.(통일부 제공)관련 키워드..." (the list of other stories, tags, comments)
GLUED_FURNITURE = re.compile(
    r"(?<=[.!?)\]\"”’])\s?(?:관련\s*키워드|관련\s*기사|관련\s*뉴스|많이\s*본\s*(?:뉴스|기사)|"
    r"이\s*시각\s*(?:주요|인기|추천)\s*(?:뉴스|기사)|기사\s*URL이\s*복사되었습니다|댓글\s*\d+\s*개?\s)"
    r"(?!\s?(?:을|를|이|가|은|는|에|의|와|과|로|도)\b).*$")

# A Korean photo credit opening a paragraph: "[사진=연합뉴스] 합동참모본부는 ..."
LEADING_PHOTO_CREDIT = re.compile(r"^\s*[\[(]\s*(?:사진|그래픽|자료\s*사진|영상)\s*[=:/]\s*[^\]()\[]{1,30}[\])]\s*(?=\S)")

# A bare image label: an alt text or file name left where the picture was ("defection 1").
_IMAGE_LABEL = re.compile(
    r"^(?:[a-z][\w-]*(?: [a-z][\w-]*){0,2}[ _-]?\d{1,3}|[\w-]+\.(?:jpe?g|png|gif|webp))$"
)

# "Source: Al Jazeera": the publisher line that closes a syndicated story.
_SOURCE_FOOTER = re.compile(r"^sources?\s*:\s*\S.{0,60}$", re.IGNORECASE)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)|all rights reserved", re.IGNORECASE)

# Comment headers: a date together with a clock time, "Name says:", "Reply", vote counts.
_MONTH = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
)
_DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|"
    r"\d{1,4}[./-]\d{1,2}[./-]\d{2,4}|\d+\s+(?:\w+\s+)?(?:minutes?|hours?|days?|weeks?|months?|years?)"
    r"\s+ago|yesterday|today)"
)
_CLOCK = r"\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?"
_DATE_TIME = re.compile(
    rf"{_DATE}.{{0,12}}?{_CLOCK}|{_CLOCK}.{{0,6}}{_DATE}", re.IGNORECASE
)
_ARTICLE_STAMP = re.compile(r"\b(?:by|updated|published|modified|posted on)\b", re.IGNORECASE)
# Bylines and datelines: who wrote the article and when it was published or updated. They are
# not the article's words, but the metadata stage reads its date (and a wire credit) from them,
# so the cleaner names them "byline" instead of letting them go with the navigation.
_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?"
_CALENDAR_DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|"
    rf"{_MONTH},?\s+\d{{4}}|\d{{1,4}}[./-]\s?\d{{1,2}}[./-]\s?\d{{2,4}}\.?|"
    r"\d{4}\s*년\s*\d{1,2}\s*월(?:\s*\d{1,2}\s*일)?)"
)
_STAMP = (
    r"(?:(?:first\s+|last\s+)?(?:published|posted|updated|modified|edited)(?:\s+(?:on|at))?|"
    r"dated?|입력|수정|등록|기사입력|최종\s?수정|송고|업데이트|승인|기사승인|게재|발행|작성)"
)
_CALENDAR = re.compile(_CALENDAR_DATE, re.IGNORECASE)
_STAMPED = re.compile(rf"^{_STAMP}(?![^\W\d_])", re.IGNORECASE)
_BY_NAMES = re.compile(
    r"^[Bb][Yy]:?\s+(?:[A-Z][\w.'-]*|and|&|the)(?:\s+(?:[A-Z][\w.'-]*|and|&|of|the))*"
    r"\s*(?:$|[,|·•–—/(]|\s-\s)"
)
_DATE_LINE = re.compile(
    rf"^(?:{_WEEKDAY}\s*)?{_CALENDAR_DATE}(?:\s*(?:[,|·-]|at)?\s*{_CLOCK}(?:\s*[A-Z]{{2,5}})?)?$",
    re.IGNORECASE,
)
BYLINE_MAX_WORDS = 16
BIO_MAX_WORDS = 120  # the seeds' bios run 26-36 words; a story's paragraph runs far longer

_COMMENT_MARKER = re.compile(
    r"(?:\bsays|\bsaid|\bwrote|\bcommented on)\s*:?$|\|\s*permalink$|^permalink$|^reply\b.{0,12}$|"
    r"^(?:report|flag|quote|like|dislike|responder|ответить|пожаловаться)$|^rating: -?\d+ votes?$",
    re.IGNORECASE,
)
_COMMENT_COUNT = re.compile(
    r"^\[?\s*(?:\d+\s+)?(?:comments?|responses?|replies|thoughts?|reactions?|comentários?|"
    r"коммента\w*)\b(?:\s*\(\d+\)|\s+(?:to|on)\s+.{1,200}|\s*\]|\s*:)?$|"
    r"^(?:top rated|all|view all|show|load more|newest|oldest|best)\s+comments?\b",
    re.IGNORECASE,
)
_MENTION = re.compile(r"^@\w")
_LIST_MARKER = re.compile(r"^(?:\d{1,3}[.)]|[•*·–-])\s+")
_LIST_MARKER_STARTS = frozenset("0123456789•*·–-")

# "I am a ... veteran", "Editor of X. He enjoys ...": wording that describes the author.
_BIO_OPENING = re.compile(
    r"^(?:I am an? |I'm an? |(?:\w+ ){0,3}(?:is|was) an? (?:\w+ ){0,4}"
    r"(?:writer|journalist|reporter|editor|author|blogger|correspondent|columnist|contributor|"
    r"freelancer|analyst|student|native|graduate|veteran|producer|photographer)\b|"
    r"(?:editor|founder|co-founder|publisher|author|writer|contributor|correspondent|reporter|"
    r"columnist|creator|owner)(?:-in-chief)? (?:of|at|for)\b|about the author\b)",
    re.IGNORECASE,
)
_BIO_CUE = re.compile(
    r"\b(?:I have been (?:blogging|writing)|blogging about|writes about|(?:he|she|I) enjoys?|"
    r"(?:he|she) (?:lives|loves)|follow (?:him|her|me) on|has been (?:blogging|writing)|"
    r"(?:is|am) the author of|years of experience|when (?:he|she|I)'?m? not writing|"
    r"(?:his|her|my) (?:wife|husband)|you'll find (?:him|her))\b",
    re.IGNORECASE,
)

# Cookie-consent banners: cookies named together with the site, the browser or consent.
_COOKIE_NOTICE = re.compile(
    r"\bcookies?\b.{0,120}\b(?:website|this site|our site|browser|consent|opt[ -]out|"
    r"your experience|privacy policy|accept)\b|\b(?:website|this site|we) uses? cookies\b",
    re.IGNORECASE,
)

_TERMINAL = re.compile(r"[.!?…:;][\"')\]»]*$")
_NAME_LINE = re.compile(r"^(?:[A-Z][\w.'-]*)(?: [A-Z][\w.'-]*){1,3}$")


_UNSPACED_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def word_count(text: str) -> int:
    """Whitespace words, plus a word per two Chinese or Japanese characters (written unspaced)."""
    words = len(text.split())
    if text.isascii():
        return words
    return words + len(_UNSPACED_SCRIPT.findall(text)) // 2


def ends_like_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text))


def is_name_line(text: str) -> bool:
    """A bare personal name on its own line (a byline, a bio heading, a commenter)."""
    return bool(_NAME_LINE.match(text))


MARKER_MAX_WORDS = 30  # comment headers, counts and form lines are never longer than this


def is_comment_header(text: str, words: int) -> bool:
    """A line that introduces or closes one comment: date-and-time stamp, 'says:', 'Reply'.

    A stamp that says who wrote or when it was updated is the article's own byline.
    """
    if words > 16:
        return False
    if _COMMENT_MARKER.search(text):
        return True
    return bool(_DATE_TIME.search(text)) and not _ARTICLE_STAMP.search(text)


@lru_cache(maxsize=8192)
def is_comment_marker(text: str, words: int) -> bool:
    """Any structural sign of a comment thread, list numbering aside ('1. @name ...')."""
    bare = _LIST_MARKER.sub("", text) if text[0] in _LIST_MARKER_STARTS else text
    if words > MARKER_MAX_WORDS:
        return starts_with_mention(bare)
    return (
        korean_line_kind(bare, words) == "comments"
        or is_comment_header(bare, words)
        or is_comment_count(bare, words)
        or is_form_line(bare, words)
        or starts_with_mention(bare)
    )


def is_comment_count(text: str, words: int) -> bool:
    """A heading that opens a comment thread: '34 Comments', '2 responses to "..."'."""
    return words <= 30 and bool(_COMMENT_COUNT.match(text))


def starts_with_mention(text: str) -> bool:
    return bool(_MENTION.match(text))


def is_form_line(text: str, words: int) -> bool:
    return words <= 30 and bool(_FORM.match(text))


def is_promo(text: str) -> bool:
    return bool(_PROMO_LABEL.match(text))


def is_credit_line(text: str, words: int) -> bool:
    return words <= 10 and not text.endswith(".") and bool(_CREDIT_LINE.match(text))


def is_image_label(text: str) -> bool:
    return len(text) <= 40 and bool(_IMAGE_LABEL.match(text))


def is_source_footer(text: str, words: int) -> bool:
    return words <= 10 and bool(_SOURCE_FOOTER.match(text))


def looks_like_bio(text: str) -> bool:
    """Wording that describes the author rather than the story, in a paragraph short enough to
    be a bio: a story's long last paragraph can tell of 'her husband' too."""
    return len(text.split()) <= BIO_MAX_WORDS and bool(_BIO_OPENING.match(text) or _BIO_CUE.search(text))


def is_byline(text: str, words: int) -> bool:
    """'By Kim Min-ji', 'Published March 4, 2019', 'Posted July. 29, 2019 | 10:30 KST',
    '입력 2024-08-21': a stamp word with a calendar date, or 'By' and a name."""
    if words > BYLINE_MAX_WORDS:
        return False
    if _STAMPED.match(text) and _CALENDAR.search(text):
        return True
    return bool(_BY_NAMES.match(text)) and not ends_like_sentence(text)  # "By March, it had ..."


def is_date_line(text: str) -> bool:
    """A line that is only a date (and maybe a weekday and a time): 'June 18, 2017',
    'Tue, 10/04/2011'. Whose date it is depends on where it stands."""
    return len(text) <= 60 and bool(_DATE_LINE.match(text))


@lru_cache(maxsize=8192)
def line_kind(text: str, words: int) -> str | None:
    """The furniture kind a line is on its own wording, or None when it may be article text."""
    if korean := korean_line_kind(text, words):
        return korean
    if words <= 12:
        if _SHARE_PHRASE.match(text) or _SHARE_BAR.match(text):
            return "share"
        if is_source_footer(text, words):
            return "footer"
        if is_credit_line(text, words):
            return "credit"
        if is_image_label(text):
            return "caption"
        if _MEDIA_PLAYER.match(text):
            return "other"
    if is_form_line(text, words):
        return "form"
    if is_promo(text):
        return "promo"
    if words <= 20 and _COPYRIGHT.search(text):
        return "footer"
    if words <= 120 and _COOKIE_NOTICE.search(text):
        return "other"
    return None
