"""The outlet a page names in its own text: a masthead, a copyright line, "Source: ...".

Read only when neither the markup nor the outlet table names the site. A page with a URL is
named by a line that spells the URL's own site ("The Straits Times" on straitstimes.com,
"WTOP" on wtop.com, "Shepparton News" on sheppnews.com.au), then by the site's name where the
article itself uses it ("a source told Daily NK" on dailynk.com), or else by a Korean page's credit
in Hangul to an outlet the table does not know ("저작권자 © 투어코리아", "[미디어펜=김소정 기자]"):
any other name on it may be a source it reprints. A page without one takes a copyright
holder, a Korean byline's outlet, a "Source:" line, an "Editor of ..." bio or a known
masthead. A wire service named in any of them is a credit for copy the page runs (see
data/wire_services.txt), never the outlet; so is a company that owns the site
("© 2019 Nexstar Media Inc.").
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from importlib import resources

from search.reading.outlets import host_labels, known_outlet, name_key, table_outlet_for_url

_COPYRIGHT = re.compile(
    r"(?:copyrights?|\u00a9|\u24d2|\(c\)|저작권자)\s*(?:\u00a9|\u24d2|\(c\)|copyrights?)?\s*"
    r"(?:(?:19|20)\d{2}(?:\s*[-\u2013]\s*(?:19|20)?\d{2,4})?\s*,?\s*)?(?:by\s+)?"
    r"(?P<holder>[^.,;:|<>\[\]()\d](?:[^.,;:|<>\[\]()]|\.(?=[a-z]{2,6}\b)){1,58}?)"
    r"(?=\s*(?:\.(?![a-z]{2,6}\b)|[,;:|<>\[\]()]|all rights|무단|$))", re.I)
_SOURCE_LINE = re.compile(r"^\s*(?:source|출처)\s*:\s*(.{2,60}?)\s*\.?$", re.I)
_EDITOR_OF = re.compile(r"\b(?:Editor|Publisher|Founder|Owner)(?:-in-chief)? (?:of|at) "
                        r"((?:The )?[A-Z][\w'&-]*(?: [A-Z][\w'&-]*){0,5})")
_COMPANY_WORDS = re.compile(r"\b(?:inc|corp|corporation|llc|ltd|limited|co|company|group|"
                            r"holdings|media|communications|enterprises|plc|gmbh)\b\.?|\(주\)|주식회사",
                            re.I)
# what may follow a site's own name on its masthead: "WTOP News", "Example.com"
_MASTHEAD_TAILS = ("", "news", "online", "com", "net", "org", "tv", "radio", "newsroom")
_HOST_WORDS = frozenset({"www", "m", "en", "english", "news", "edition", "mobile", "amp",
                         "web", "online", "article", "articles", "blog", "blogs", "home"})
_MASTHEAD_MAX_WORDS = 6
_MASTHEAD_MAX_CHARS = 80
_COPYRIGHT_MARK = re.compile(r"copyright|\u00a9|\u24d2|\(c\)|저작권", re.I)
_MASTHEAD_LINES = 12
_MARKUP_NAME_SEPARATOR = re.compile(r"\s+[|\u2013\u2014-]\s+|\s*[|:]\s*")
_MARKUP_NAME_MAX_WORDS = 8
_CREDIT_GROUP = re.compile(r"\(([^()]{2,60})\)")  # a masthead is printed at the top of the page
_NAME_WORD = re.compile(r"[^\W_]+")
_INITIALISM_MAX = 4  # one capitalised word names a site only as an initialism this long ("TASS")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
# words that may follow a site's name in its own text: a byline ("Newser Staff"), a masthead
_WORDS_AFTER_A_NAME = 2
_AFTER_A_NAME = frozenset({"staff", "reporter", "reporters", "correspondent", "writer", "writers",
                           "editor", "editors", "desk", "news", "online", "tv", "radio"})
_DOMAIN_TAIL = re.compile(r"\.[a-z]")
# capitalised words in a row, with the small words a name may hold: "Stars and Stripes"
_NAME_RUN = re.compile(r"\b[A-Z][\w'&-]*(?:\s+(?:of|the|and|[A-Z][\w'&-]*))*")
_NAME_PARTS = re.compile(r"\s+/\s+|(?<=\w):\s+")
_TITLE_SEPARATOR = re.compile(r"\s+[|\u2013\u2014-]\s+|\s*\|\s*")
# a Korean byline's credit: "[뉴스프리존=이대웅 기자]", "[아이뉴스24 조성우 기자]", "[더팩트ㅣ이철영 기자]",
# or a line's opening "이데일리 박지혜 기자"; never "(서울=연합뉴스)", a wire's place credit
_KO_REPORTER = r"[가-힣]{2,4}\s*(?:기자|특파원|선임기자|객원기자)"
_KO_BRACKET_CREDIT = re.compile(
    r"\[\s*(?P<name>[가-힣A-Za-z0-9][가-힣A-Za-z0-9 .&]{0,18}?)\s*(?:=|ㅣ|\||\s)\s*" + _KO_REPORTER
    + r"\s*\]")
_KO_LINE_CREDIT = re.compile(r"^(?P<name>[가-힣A-Za-z0-9][가-힣A-Za-z0-9.&]{1,14})\s+" + _KO_REPORTER
                             + r"\b")
# a site's own credit where a wire's would stand: "(서울=센서블뉴스)", "[경인데일리]" opening the
# body, "[시선뉴스 조재휘]", and the registered title in the footer ("제호 : 인싸잇")
_KO_PLACE_CREDIT = re.compile(r"\([가-힣]{1,6}\s*=\s*(?P<name>[가-힣A-Za-z0-9][가-힣A-Za-z0-9.&]{1,14})\)")
_KO_OPENING_BRACKET = re.compile(r"^\s*\[(?P<name>[가-힣A-Za-z0-9][가-힣A-Za-z0-9.&]{1,14})"
                                 r"(?:\s+[가-힣]{2,4})?\]")
_KO_TITLE_FIELD = re.compile(r"제호\s*[:：]\s*(?P<name>[^|,·]{2,20}?)\s*(?:[|,·]|$|(?=\s+\S{2,6}\s*[:：]))")
_HANGUL = re.compile(r"[가-힣]")
# a desk or a photo or video credit, not an outlet: "정치부", "사진", "영상"
_KO_NOT_OUTLET = re.compile(r"(?:부|팀|사진|영상|취재|편집|그래픽|글|뉴스국|편집국|보도국)$")
_KO_MEDIA_WORD = re.compile(r"뉴스|신문|일보|방송|저널|타임|매일|투데이|데일리|미디어|포스트|프레스|"
                            r"통신|경제|팩트|tv|24|news", re.I)
_KO_NAME_MAX_CHARS = 15
_KO_NAME_MAX_WORDS = 3
_PREFIX_MIN = 3
_NAME_JOINERS = frozenset({"of", "the", "and", "for", "on", "in", "de", "la", "du", "der"})
_ABBREVIATED_SITE_MIN = 5  # a short host is spelled only by the initials of all a name's words
_INITIALS_MIN = 3


@functools.cache
def wire_keys() -> frozenset[str]:
    """The name keys of every wire service, with all their table aliases."""
    text = resources.files("search.reading").joinpath("data/wire_services.txt").read_text("utf-8")
    names = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    keys = {name_key(n) for n in names}
    for name in names:
        if (outlet := known_outlet(name)) is not None:
            keys.update(name_key(n) for n in (outlet.name, *outlet.aliases))
    return frozenset(keys)


def is_wire(name: str) -> bool:
    return name_key(name) in wire_keys()


@functools.cache
def platform_keys() -> frozenset[str]:
    text = resources.files("search.reading").joinpath("data/platforms.txt").read_text("utf-8")
    return frozenset(name_key(line) for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


def markup_site_name(name: str, url: str | None) -> str | None:
    """A site name from the markup as an outlet: '@politifact' -> 'politifact',
    'The Jerusalem Post | JPost.com' -> 'The Jerusalem Post'; None for a platform's name
    ('Blogger'), a headline put in application-name, or a wire's name on another site's page
    (JSON-LD publisher "AP" on a newspaper's page of AP copy)."""
    name = _MARKUP_NAME_SEPARATOR.split(name.strip().lstrip("@"), maxsplit=1)[0].strip()
    if not name_key(name) or len(name.split()) > _MARKUP_NAME_MAX_WORDS:
        return None
    if name_key(name) in platform_keys():
        return None
    hosting = table_outlet_for_url(url)
    if is_wire(name) and url and not (hosting and name_key(hosting.name) == _wire_name_key(name)):
        return None
    return name


def _wire_name_key(name: str) -> str:
    found = known_outlet(name)
    return name_key(found.name if found else name)


def site_keys(url: str | None) -> frozenset[str]:
    """'https://chinapost.nownews.com/x' -> {'nownews', 'chinapost'}: the names a site's host
    spells, less the words every host has."""
    return frozenset(k for k in map(name_key, host_labels(url)) if k and k not in _HOST_WORDS)


def spells_site(name: str, sites: frozenset[str]) -> bool:
    """Whether a name spells one of the site's host names: the whole name with a masthead
    tail ('WTOP News' on wtop.com), the initials of all its words, three or more ('Charles
    Darwin University' on cdu.edu.au), or the host made of its words in order, each whole, by a
    prefix or by its initial, some left out ('Shepparton News' on sheppnews.com.au,
    'The Kingston Whig-Standard' on thewhig.com, 'Maritime Logistics Professional' on
    maritimeprofessional.com)."""
    key = name_key(name)
    if any(key == site + tail for site in sites for tail in _MASTHEAD_TAILS):
        return True
    words = _NAME_WORD.findall(name)
    if not words or len(words) > _MASTHEAD_MAX_WORDS \
            or not all(w[0].isupper() or w in _NAME_JOINERS for w in words):
        return False  # a name in title case, not a line of text ('© vse-diety.com, 2008')
    folded = tuple(w.casefold() for w in words)
    initials = "".join(w[0] for w in folded if w not in _NAME_JOINERS)
    if len(initials) >= _INITIALS_MIN and initials in sites:  # 'Charles Darwin University', cdu
        return True
    last_word = _NAME_WORD.findall(name.split()[-1])  # 'Whig-Standard' is one word of two parts
    return any(len(site) >= _ABBREVIATED_SITE_MIN and site.endswith(folded)  # a cheap test first
               and _abbreviates(folded, site, len(folded) - len(last_word)) for site in sites)


def _abbreviates(words: tuple[str, ...], site: str, last_word: int) -> bool:
    """The site is spelled by two or more of the words in order, each contributing its whole
    self, a prefix of three or more letters or its initial, one at least three letters, and
    the last a whole part of the name's last word, words[last_word:] ('Politics Overview'
    does not spell politico, nor 'Vortex Cannon Entertainment' vortexcannon)."""
    @functools.cache
    def spelled(word: int, at: int) -> frozenset[tuple[int, bool]]:
        # the ways words[word:] spell site[at:]: (words used, whether one gave >= 3 letters)
        if at == len(site):
            return frozenset({(0, False)})
        if word == len(words):
            return frozenset()
        ways = set(spelled(word + 1, at))  # this word left out
        text = words[word]
        for size in {1, *range(_PREFIX_MIN, len(text) + 1)}:
            ends = at + size == len(site)  # the host's last word is a whole one ('news')
            if size <= len(text) and site.startswith(text[:size], at) \
                    and (not ends or (size == len(text) and word >= last_word)):
                ways.update((used + 1, long or size >= _PREFIX_MIN)
                            for used, long in spelled(word + 1, at + size))
        return frozenset(ways)
    return any(used >= 2 and long for used, long in spelled(0, 0))


def _copyright_holders(lines: Iterable[str]) -> list[str]:
    """'© 2019 WTOP' -> 'WTOP'; a masthead's motto after a dash is not the holder's name
    ('저작권자 © 투어코리아 - No.1 여행·축제 뉴스' -> '투어코리아')."""
    marked = (line for line in lines if _COPYRIGHT_MARK.search(line))
    holders = (m["holder"] for line in marked for m in _COPYRIGHT.finditer(line))
    return [re.split(r"\s+[-\u2013\u2014]\s+", holder, maxsplit=1)[0].strip(" -\u2013")
            for holder in holders]


def _korean_credits(lines: list[str]) -> Iterable[str]:
    """The outlet a Korean page credits in Hangul: its copyright holder ('저작권자 © 여성신문'),
    then a byline's outlet ('[미디어펜=김소정 기자]'), in page order; a byline's name must be
    the table's or read as a medium's ('...뉴스', '...일보'), for a bracket may hold a place."""
    yield from (h for h in _copyright_holders(lines) if _korean_name(h))
    yield from (m["name"].strip() for line in lines if (m := _KO_TITLE_FIELD.search(line))
                and _korean_name(m["name"]))
    for line in (line for line in lines if "기자" in line or "특파원" in line):
        found = [m["name"] for m in _KO_BRACKET_CREDIT.finditer(line)]
        if (m := _KO_LINE_CREDIT.match(line)) is not None:
            found.append(m["name"])
        yield from (n for n in found if _korean_name(n) and (known_outlet(n) or _KO_MEDIA_WORD.search(n)))
    yield from _own_place_credits(lines)


def _own_place_credits(lines: list[str]) -> Iterable[str]:
    """'(서울=센서블뉴스)', '[경인데일리]': where a wire's credit stands, a medium's name that is
    no wire is the site's own (outlet_from_lines takes it only when the table does not know it)."""
    for line in lines:
        found = [m["name"] for m in _KO_PLACE_CREDIT.finditer(line)]
        if (m := _KO_OPENING_BRACKET.match(line)) is not None:
            found.append(m["name"])
        yield from (n for n in found if _korean_name(n) and _KO_MEDIA_WORD.search(n))


def _korean_name(name: str) -> bool:
    name = name.strip()
    return (bool(_HANGUL.search(name)) and len(name) <= _KO_NAME_MAX_CHARS
            and len(name.split()) <= _KO_NAME_MAX_WORDS and not _KO_NOT_OUTLET.search(name)
            and _usable(name))


def _usable(name: str) -> bool:
    """A name that can be an outlet: not a wire's credit, not the owning company."""
    return bool(name_key(name)) and not is_wire(name) and not _COMPANY_WORDS.search(name)


def _site_name(lines: list[str], site: frozenset[str]) -> str | None:
    """A masthead line, copyright holder or dateline credit ('Seoul (AsiaNews / Agencies) -')
    that spells the URL's own site."""
    # a line can spell the site only if it holds the site's first letters, or its words'
    # initials do ('New Zealand Herald' on nzherald.co.nz): a cheap test first
    heads = tuple(key[:3] for key in site)
    short = [line for line in lines if len(line) < _MASTHEAD_MAX_CHARS
             and len(line.split()) <= _MASTHEAD_MAX_WORDS and _may_spell(line.casefold(), site, heads)]
    credits = [part.strip() for line in lines[:_MASTHEAD_LINES + 20]
               for group in _CREDIT_GROUP.findall(line) for part in re.split(r"[/,;]", group)]
    names = [*short, *_title_parts(lines), *_copyright_holders(lines), *credits]
    return next((part for n in names for part in _name_parts(n) if spells_site(part, site)), None)


def _named_in_text(lines: list[str], site: frozenset[str]) -> str | None:
    """The site's name as the article itself uses it ('a source told Daily NK', 'The Korea
    Herald reported', 'Newser Staff'): capitalised words that spell the site's host exactly.
    A name written as a domain ('GlobalSecurity.org') is left to the domain."""
    keys = site | {key[3:] for key in site if key.startswith("the") and len(key) > 5}
    for line in lines:
        for run in _NAME_RUN.finditer(line):
            if _DOMAIN_TAIL.match(line, run.end()) is None \
                    and (found := _spelling_part(_up_to_possessive(run.group().split()), keys, site)):
                return found
    return None


def _up_to_possessive(words: list[str]) -> list[str]:
    """'TRT World's Shamim Chowdhury' -> 'TRT World': a possessive ends a name."""
    ends = next((n for n, word in enumerate(words) if _POSSESSIVE.search(word)), None)
    return words if ends is None else [*words[:ends], _POSSESSIVE.sub("", words[ends])]


def _spelling_part(words: list[str], keys: frozenset[str], site: frozenset[str]) -> str | None:
    """The longest part of a run of capitalised words that spells the site and ends the run,
    or is followed only by a byline's or masthead's words ('Newser Staff', 'Asia Times News'):
    a sentence's first word may stand before a name ('In Daily NK'), but a name that goes on
    ('Vortex Cannon Entertainment') is another's."""
    ends = [len(words)]
    while ends[-1] > 1 and len(ends) <= _WORDS_AFTER_A_NAME \
            and words[ends[-1] - 1].casefold() in _AFTER_A_NAME:
        ends.append(ends[-1] - 1)
    spans = sorted(((i, j) for j in ends for i in range(max(0, j - _MASTHEAD_MAX_WORDS - 1), j)),
                   key=lambda span: span[0] - span[1])
    return next((" ".join(words[i:j]) for i, j in spans if words[i][0].isupper()
                 and name_key(" ".join(words[i:j])) in keys and _may_be_a_name(words[i:j], site)),
                None)


def _may_be_a_name(words: list[str], site: frozenset[str]) -> bool:
    """Two words or more; or one that cannot be a capitalised common word: an initialism
    ('CNN', 'TASS'), one with a capital inside ('NewsMax'), or 'The Atlantic' on a host that
    spells the article too (theatlantic.com)."""
    own = [w for w in words if w.casefold() != "the"]
    if len(own) != 1:
        return len(own) > 1
    word = own[0]
    return ((word.isupper() and len(word) <= _INITIALISM_MAX)
            or (not word.isupper() and any(c.isupper() for c in word[1:]))
            or (len(words) == 2 and "".join(words).casefold() in site))


def _name_parts(name: str) -> list[str]:
    """A name's parts after a label or between slashes, then the whole: 'Source: Example News'
    and '© Photo Agency / Example News' are Example News's, not the label's or the agency's."""
    parts = [p.strip() for p in _NAME_PARTS.split(name) if p.strip()]
    return parts + [name] if len(parts) > 1 else [name]


def _title_parts(lines: list[str]) -> list[str]:
    """The parts of a top line a dash or bar divides, less a motto after a colon: a page's
    title ends in its site's name ('Six fishermen returned – Example News: Latest World
    News' -> 'Example News')."""
    parts = (part for line in lines[:_MASTHEAD_LINES]
             for part in _TITLE_SEPARATOR.split(line)[1:])
    return [part.split(":")[0].strip() for part in parts if len(part) < _MASTHEAD_MAX_CHARS]


def _may_spell(line: str, site: frozenset[str], heads: tuple[str, ...]) -> bool:
    return any(h in line for h in heads) or any(
        key[:2] in "".join(word[0] for word in line.split()) for key in site)


def _named_clues(lines: list[str]) -> Iterable[str]:
    """Copyright holders, then Korean bylines' outlets, then "Source:" lines, then
    "Editor of ..." bios, in page order."""
    yield from _copyright_holders(lines)
    yield from _korean_credits(lines)
    yield from (m[1].rstrip(".") for line in lines if (m := _SOURCE_LINE.match(line)))
    yield from (m[1].rstrip(".") for line in lines if (m := _EDITOR_OF.search(line)))


def _known_masthead(lines: list[str]) -> str | None:
    """A top line that is an outlet of the table ('The Korea Herald'), under the table's name."""
    for line in lines[:_MASTHEAD_LINES]:
        found = known_outlet(line) if len(line.split()) <= _MASTHEAD_MAX_WORDS else None
        if found is not None and not is_wire(found.name):
            return found.name
    return None


def outlet_from_lines(lines: list[str], url: str | None) -> str | None:
    """The outlet the page's own text names, or None."""
    site = site_keys(url)
    # a page with a URL is named by its own site, or by its Korean credit, or by its domain;
    # a credit to an outlet of the table, whose sites the URL is not on, is of a copy it runs
    if site:
        return _site_name(lines, site) or _named_in_text(lines, site) or next(
            (n for n in _korean_credits(lines) if known_outlet(n) is None), None)
    return _table_name(next((n for n in _named_clues(lines) if _usable(n)), None)) \
        or _known_masthead(lines)


def _table_name(name: str | None) -> str | None:
    found = known_outlet(name)
    return found.name if found else name
