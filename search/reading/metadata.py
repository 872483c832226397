"""Outlet, publication date, URL and title, each with where its value came from.

Precedence, highest first: the sidecar (metadata given with the file) > the page's markup
(JSON-LD, OpenGraph, meta tags) > the URL (the outlet table, a date in the URL) > the page's
own text (a dated line, a masthead or copyright line naming the site, "Source: ...") > for the
outlet, the URL's registered domain ("wtop.com"; a blog's own host) > unknown. Dates take the page's dated line
before the URL's date when the two are within days of each other (LABELLING.md's order: the
page's own statement first), and a UTC markup time gives way to the local day the page shows.

A wire service credited in a byline or dateline ("(AP)", "Copyright 2017 The Associated
Press") is a cited source of a page someone else published, never its outlet; a comment's,
a caption's or a related story's date is never the page's.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from search.cleaning.normalise import normalise_text
from search.models import CleanedText, MetadataHint, PageMetadata
from search.reading.dates import dated_line, date_from_url, normalise_date
from search.reading.outlets import (
    known_outlet, outlet_for_url, platform_site, site_domain, table_outlet_for_url,
)
from search.reading.page_names import markup_site_name, outlet_from_lines, site_keys, spells_site

__all__ = ["Described", "describe", "date_from_lines", "page_lines"]

FIELDS = ("title", "outlet", "published", "url")
# Spans whose dates and names belong to someone else: readers' comments, other stories.
# (A caption is kept: no caption is a line of a date alone, and a plain-text cleaner may
# take the page's date line, just above a photo, into the caption.)
_FOREIGN_KINDS = frozenset({"comments", "promo"})
_CREDIT_KINDS = frozenset({"caption", "credit"})  # whom the page cites, not its publisher
_LINES_AFTER_BODY = 3  # a date this close under the body is the page's (a portal's source and date)
_LABELLED_LINES_AFTER_BODY = 8  # a labelled stamp ('입력 ...') this close under it
_LINES_BEFORE_BODY = 15  # a headline's date line sits this close above the first paragraph
_URL_TEXT_DAYS_MAX = 3
_UTC_OR_ZONELESS_TIME = re.compile(
    r"(?:t|\s)\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?\s*(?:z|utc|gmt)?\s*(?:[+-]00:?00)?\s*$", re.I)
_PUBLISHED_LABEL = re.compile(r"\b(?:published|posted|first published)\b|입력|등록|송고|게재|발행", re.I)


@dataclass(frozen=True)
class Described:
    """The four metadata fields and their provenance."""

    title: str
    outlet: str | None
    published: str | None
    url: str | None
    provenance: dict[str, str]


def describe(sidecar: dict[str, str], page: PageMetadata, cleaned: CleanedText) -> Described:
    """Pick each field from the highest rung of the precedence that has a usable value.
    The page's lines are read only when a field gets that far down."""
    url = _first(_given(sidecar, "url"), page.url)
    url_value = url.value if url else None
    lines_of = functools.cache(lambda: page_lines(page, cleaned))
    chosen = {
        "title": _first(_given(sidecar, "title"), page.title, _hint(cleaned.title, "text")),
        "outlet": _outlet(sidecar, page, url_value, lambda: _without_credits(lines_of(), cleaned)),
        "published": _published(sidecar, page, url_value, lines_of, cleaned),
        "url": url,
    }
    return Described(
        title=chosen["title"].value if chosen["title"] else "",
        outlet=chosen["outlet"].value if chosen["outlet"] else None,
        published=chosen["published"].value if chosen["published"] else None,
        url=chosen["url"].value if chosen["url"] else None,
        provenance={f: chosen[f].source if chosen[f] else "default" for f in FIELDS},
    )


def _outlet(sidecar: dict[str, str], page: PageMetadata, url: str | None,
            lines_of: Callable[[], list[str]]) -> MetadataHint | None:
    return (_given(sidecar, "outlet") or _markup_outlet(page, url)
            or _hint(outlet_for_url(url), "url")
            or _hint(platform_site(url), "url")  # a blog is its host, whatever its masthead
            or _hint(outlet_from_lines(lines_of(), url), "text")
            or _hint(site_domain(url), "url"))


def _published(sidecar: dict[str, str], page: PageMetadata, url: str | None,
               lines_of: Callable[[], list[str]], cleaned: CleanedText) -> MetadataHint | None:
    if given := _dated(_given(sidecar, "published")):
        return given
    markup = _dated(page.published)
    if markup is not None and not _zone_may_have_moved(markup.stated):
        return markup
    return _first(*_page_dates(markup, date_from_url(url), date_from_lines(lines_of(), cleaned)))


def _given(sidecar: dict[str, str], field: str) -> MetadataHint | None:
    return _hint(sidecar.get(field), "sidecar")


def _hint(value: str | None, source: str) -> MetadataHint | None:
    return MetadataHint(value.strip(), source) if value and value.strip() else None


def _first(*hints: MetadataHint | None) -> MetadataHint | None:
    return next((h for h in hints if h is not None), None)


def _dated(hint: MetadataHint | None) -> MetadataHint | None:
    """A date hint normalised to YYYY-MM-DD / YYYY-MM; an unparseable one is dropped."""
    if hint is None:
        return None
    found = normalise_date(hint.value)
    return MetadataHint(found, hint.source, hint.stated or hint.value) if found else None


def _page_dates(markup: MetadataHint | None, from_url: str | None,
                from_text: str | None) -> list[MetadataHint | None]:
    """The markup's date, unless the page shows (or its URL carries) the day before or after:
    markup in UTC moves a late-evening local date to the next day, and the page's own date
    is the one it shows."""
    local = _url_and_text_dates(from_url, from_text)
    if markup is not None and _zone_may_have_moved(markup.stated):
        shown = next((h for h in local if h is not None and len(h.value) == 10), None)
        if shown and len(markup.value) == 10 and _days_apart(markup.value, shown.value) == 1:
            return [shown]
    return [markup, *local]


def _zone_may_have_moved(stated: str) -> bool:
    """A time in UTC or in no stated zone ('2019-11-20T04:26:47Z', '2019-11-19 02:24:00'):
    converted from the newsroom's local time, so its day may not be the page's. A time with
    its own offset ('-05:00') is already local, and a bare date is as the site wrote it."""
    return bool(_UTC_OR_ZONELESS_TIME.search(stated))


def _url_and_text_dates(from_url: str | None, from_text: str | None) -> list[MetadataHint | None]:
    """The page's dated line before its URL (the page's own statement, as LABELLING.md has
    it), when the two agree to within a few days: a URL's date is when the story was filed
    (a day early at a paper that prints the next morning), while a line further off is
    more likely another story's or an update's date than the URL is wrong."""
    if from_url and from_text and _days_apart(from_url, from_text) > _URL_TEXT_DAYS_MAX:
        return [_hint(from_url, "url"), _hint(from_text, "text")]
    return [_hint(from_text, "text"), _hint(from_url, "url")]


def _days_apart(first: str, second: str) -> int:
    """Days between two dates; a month-only date counts as any day of its month."""
    if len(first) == 7 or len(second) == 7:
        return 0 if first[:7] == second[:7] else _URL_TEXT_DAYS_MAX + 1
    return abs((date.fromisoformat(first) - date.fromisoformat(second)).days)


def _markup_outlet(page: PageMetadata, url: str | None) -> MetadataHint | None:
    """The first name the markup gives that can be an outlet (see markup_site_name)."""
    names = page.site_names or ((page.outlet,) if page.outlet else ())
    for hint in names:
        if name := markup_site_name(hint.value, url):
            return _canonical(MetadataHint(name, hint.source), url)
    return None  # (a site name the table overrules leaves the URL's rung to name the site)


def _canonical(hint: MetadataHint, url: str | None) -> MetadataHint | None:
    """The markup's site name, under the table's name where the table knows the site.

    On a site of the table, a name that is the site's alias or spells its host ('Yonhap
    News Agency', 'TheHill', 'nj' on nj.com) is given under the table's name, so that one
    outlet is one facet value; another outlet of the table keeps its name; any other name
    ('U.S.', a section; 'DH News Service', a byline agency) is not the site's, and the
    table's name is used instead (with the URL's provenance)."""
    named, hosting = known_outlet(hint.value), table_outlet_for_url(url)
    if hosting is None:
        return MetadataHint(named.name, hint.source) if named else hint
    if named == hosting or spells_site(hint.value, site_keys(url)):
        return MetadataHint(hosting.name, hint.source)
    return hint if named is not None else None


# ------------------------------------------------------------------ the page's lines ---
def page_lines(page: PageMetadata, cleaned: CleanedText) -> list[str]:
    """The page's lines in order, less those of comments, captions and promos; a cleaned
    article alone (no page lines given) is read as its title, removed spans and body."""
    if page.lines:
        foreign = {line.strip() for span in cleaned.removed if span.kind in _FOREIGN_KINDS
                   for line in normalise_text(span.text).splitlines() if line.strip()}
        lines = (line.strip() for line in normalise_text("\n".join(page.lines)).split("\n"))
        return [line for line in lines if line and line not in foreign]
    own_spans = [span.text for span in cleaned.removed if span.kind not in _FOREIGN_KINDS]
    return [line.strip() for block in (cleaned.title, *own_spans, *cleaned.paragraphs)
            for line in block.splitlines() if line.strip()]


def _without_credits(lines: list[str], cleaned: CleanedText) -> list[str]:
    """The page's lines less its photo captions and credits: "ⓒ 한국경제TV" under a video or
    "뉴스1 ⓒ News1" under a photo names whom the page cites, never who published it."""
    credits = {line.strip() for span in cleaned.removed if span.kind in _CREDIT_KINDS
               for line in normalise_text(span.text).splitlines()}
    return [line for line in lines if line not in credits] if credits else lines


def _line_index(lines: list[str], paragraph: str | None, default: int) -> int:
    """Where a paragraph of the body starts among the page's lines."""
    probe = (paragraph or "").strip()[:60]
    if not probe:
        return default
    return next((i for i, line in enumerate(lines) if line.startswith(probe) or probe in line),
                default)


def date_from_lines(lines: list[str], cleaned: CleanedText) -> str | None:
    """The page's own dated line. Looked for nearest the body first: just above it (where a
    byline sits), then down through it, then further up (a header's date widget shows the
    day the page was saved). A labelled publication stamp ("Published", "입력") beats a bare
    date, and a bare date beats an update stamp."""
    paragraphs = cleaned.paragraphs
    start = _line_index(lines, paragraphs[0] if paragraphs else None, 0)
    end = _line_index(lines, paragraphs[-1] if paragraphs else None, len(lines) - 1)
    near = max(0, start - _LINES_BEFORE_BODY)
    ordered = lines[near:start][::-1] + lines[start:end + 1] + lines[:near][::-1]
    stamps = [(line, found) for line in ordered if (found := dated_line(line))]
    ranked = sorted(stamps, key=lambda s: (s[1].updated, not _PUBLISHED_LABEL.search(s[0])))
    return ranked[0][1].date if ranked else _date_below_body(lines[end + 1:])


def _date_below_body(lines: list[str]) -> str | None:
    """A page with no date above or in its body may print it below ('- 세계일보' / '- 2025-08-07
    10:25', or '입력 2015-09-11 20:06' under a mobile page): a date just under the body, or a
    labelled stamp a few lines down (a comment's bare date is neither)."""
    for number, line in enumerate(lines[:_LABELLED_LINES_AFTER_BODY]):  # further down: others' items
        found = dated_line(line)
        if found and not found.updated and (number < _LINES_AFTER_BODY or _PUBLISHED_LABEL.search(line)):
            return found.date
    return None
