"""Outlet, publication date, URL and title, each with where its value came from.

Precedence, highest first: the sidecar (metadata given with the file) > the page's markup
(JSON-LD, OpenGraph, meta tags) > the URL (a table of known outlets, a date in the path) >
clues in the text ("Source: Al Jazeera", "Editor of ...", a wire dateline, dated comment
headers) > unknown. The text clues read the spans the cleaner removed, which is why
cleaning keeps them: a footer is not the article, but it names the publisher.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from search.reading.dates import format_date, normalise_date
from search.models import CleanedText, MetadataHint, PageMetadata
from search.reading.outlets import outlet_for_url

FIELDS = ("title", "outlet", "published", "url")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})/(\d{1,2})(?:/(\d{1,2}))?/")
_COMMENT_DATE = re.compile(r"\bPosted\s+(?:on\s+)?([A-Z][a-z]+\.? \d{1,2},? (?:19|20)\d{2})")
_SOURCE_LINE = re.compile(r"^\s*Source\s*:\s*(.{2,60}?)\s*$", re.IGNORECASE)
_EDITOR_OF = re.compile(r"\b(?:Editor|Publisher|Founder|Owner)(?:-in-chief)? (?:of|at) ((?:The )?[A-Z][\w'&-]*(?: [A-Z][\w'&-]*){0,5})")
_WIRE_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{1,40},?\s+(?:[A-Z][a-z]{2,8}\.? \d{1,2},?\s+)?\((Reuters|AP|AFP|Yonhap|UPI)\)")


@dataclass(frozen=True)
class Described:
    """The four metadata fields and their provenance."""

    title: str
    outlet: str | None
    published: str | None
    url: str | None
    provenance: dict[str, str]


def describe(sidecar: dict[str, str], page: PageMetadata, cleaned: CleanedText) -> Described:
    """Pick each field from the highest rung of the precedence that has a usable value."""
    url = _first(_given(sidecar, "url"), page.url)
    candidates = {
        "title": [_given(sidecar, "title"), page.title, _hint(cleaned.title, "text")],
        "outlet": [_given(sidecar, "outlet"), page.outlet,
                   _hint(outlet_for_url(url.value if url else None), "url"),
                   _hint(outlet_from_text(cleaned), "text")],
        "published": [_dated(_given(sidecar, "published")), _dated(page.published),
                      _hint(date_from_url(url.value if url else None), "url"),
                      _hint(date_from_text(cleaned), "text")],
        "url": [url],
    }
    chosen = {field: _first(*hints) for field, hints in candidates.items()}
    return Described(
        title=chosen["title"].value if chosen["title"] else "",
        outlet=chosen["outlet"].value if chosen["outlet"] else None,
        published=chosen["published"].value if chosen["published"] else None,
        url=chosen["url"].value if chosen["url"] else None,
        provenance={f: chosen[f].source if chosen[f] else "default" for f in FIELDS},
    )


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
    return _hint(normalise_date(hint.value), hint.source)


def date_from_url(url: str | None) -> str | None:
    """News URLs often carry /YYYY/MM/DD/ or /YYYY/MM/."""
    match = _URL_DATE.search(url or "")
    if not match:
        return None
    return format_date(int(match[1]), int(match[2]), int(match[3]) if match[3] else None)


def outlet_from_text(cleaned: CleanedText) -> str | None:
    """A source footer, an editor's bio, or a wire dateline names the publisher."""
    for span in cleaned.removed:
        if span.kind == "footer" and (match := _SOURCE_LINE.match(span.text)):
            return match[1].rstrip(".")
    for span in cleaned.removed:
        if span.kind == "bio" and (match := _EDITOR_OF.search(span.text)):
            return match[1].rstrip(".")
    first = cleaned.paragraphs[0] if cleaned.paragraphs else ""
    dateline = _WIRE_DATELINE.match(first)
    return dateline[1] if dateline else None


def date_from_text(cleaned: CleanedText) -> str | None:
    """The earliest dated comment header: an article is published no later than its first
    comment, and usually the same day, so it is the best guess the text offers."""
    dates = [normalise_date(raw) for span in cleaned.removed if span.kind == "comments"
             for raw in _COMMENT_DATE.findall(span.text)]
    return min((d for d in dates if d), default=None)
