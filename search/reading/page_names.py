"""The outlet a page names in its own text: a masthead, a copyright line, "Source: ...".

Read only when neither the markup nor the outlet table names the site. A page with a URL is
named only by a line that spells the URL's own site ("The Straits Times" on straitstimes.com,
"WTOP" on wtop.com): any other name on it may be a source it reprints. A page without one
takes a copyright holder, a "Source:" line, an "Editor of ..." bio or a known masthead. A wire service named in
any of them is a credit for copy the page runs (see data/wire_services.txt), never the outlet;
so is a company that owns the site ("© 2019 Nexstar Media Inc.").
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from importlib import resources

from search.reading.outlets import host_labels, known_outlet, name_key, table_outlet_for_url

_COPYRIGHT = re.compile(
    r"(?:copyright|\u00a9|\u24d2|\(c\)|저작권자)\s*(?:\u00a9|\u24d2|\(c\)|copyright)?\s*"
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
    key = name_key(name)
    return any(key == site + tail for site in sites for tail in _MASTHEAD_TAILS)


def _copyright_holders(lines: Iterable[str]) -> list[str]:
    marked = (line for line in lines if _COPYRIGHT_MARK.search(line))
    return [m["holder"].strip(" -\u2013") for line in marked for m in _COPYRIGHT.finditer(line)]


def _usable(name: str) -> bool:
    """A name that can be an outlet: not a wire's credit, not the owning company."""
    return bool(name_key(name)) and not is_wire(name) and not _COMPANY_WORDS.search(name)


def _site_name(lines: list[str], site: frozenset[str]) -> str | None:
    """A masthead line, copyright holder or dateline credit ('Seoul (AsiaNews / Agencies) -')
    that spells the URL's own site."""
    # a line can spell the site only if it holds the site's first letters: a cheap test first
    heads = tuple(key[:3] for key in site)
    short = [line for line in lines if len(line) < _MASTHEAD_MAX_CHARS
             and any(h in line.casefold() for h in heads) and len(line.split()) <= _MASTHEAD_MAX_WORDS]
    credits = [part.strip() for line in lines[:_MASTHEAD_LINES + 20]
               for group in _CREDIT_GROUP.findall(line) for part in re.split(r"[/,;]", group)]
    names = [*short, *_copyright_holders(lines), *credits]
    return next((n for n in names if spells_site(n, site)), None)


def _named_clues(lines: list[str]) -> Iterable[str]:
    """Copyright holders, then "Source:" lines, then "Editor of ..." bios, in page order."""
    yield from _copyright_holders(lines)
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
    if site:  # a page with a URL is named by its own site, or failing that its domain
        return _site_name(lines, site)
    clue = next((n for n in _named_clues(lines) if _usable(n)), None)
    if clue is not None:
        found = known_outlet(clue)
        return found.name if found else clue
    return _known_masthead(lines)
