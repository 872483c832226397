"""The frozen records that travel down the pipeline: file -> RawDocument -> Article.

Each stage returns a new record and never edits an earlier one, so the data flows one way.
"""
from __future__ import annotations

from dataclasses import dataclass, field

REMOVED_KINDS = (
    "comments", "bio", "promo", "caption", "credit", "form", "share", "footer", "nav", "other",
    "byline",  # who wrote the article and when: kept apart so that its date can be read
)
PROVENANCES = ("sidecar", "warc", "json-ld", "html-meta", "url", "text", "default")


@dataclass(frozen=True)
class RawDocument:
    """One input before cleaning: a page copy (text) or a saved page (html) to be cleaned, or a
    record's body given as is (body). A record with both a body and html keeps the html for
    what its markup says (date, outlet); its words come from the body alone."""

    origin: str  # the path (and line number for .jsonl) that names this input in messages
    text: str | None = None
    html: str | None = None
    body: str | None = None  # a record's "text": already the article, so never cleaned
    sidecar: dict[str, str] = field(default_factory=dict)  # metadata given beside the file
    relative_path: str = ""  # normalised path under the ingested root; the id when no URL
    fetched: str | None = None  # when a web archive (WARC) captured it, as its WARC-Date


@dataclass(frozen=True)
class RemovedSpan:
    """A span of the page that is not the article's own words, and why it went."""

    kind: str  # one of REMOVED_KINDS
    text: str


@dataclass(frozen=True)
class CleanedText:
    """What a cleaner returns: the article's words, and everything it took out."""

    title: str
    paragraphs: tuple[str, ...]
    removed: tuple[RemovedSpan, ...] = ()

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True)
class MetadataHint:
    """A candidate value for a metadata field, with where it was found."""

    value: str
    source: str  # one of PROVENANCES
    stated: str = ""  # the value as the page wrote it, when normalising dropped something


@dataclass(frozen=True)
class PageMetadata:
    """Metadata found in a page's markup (JSON-LD, OpenGraph, meta tags), and the page's
    visible lines in order, where its dated line and the name it prints are read."""

    title: MetadataHint | None = None
    outlet: MetadataHint | None = None
    published: MetadataHint | None = None
    url: MetadataHint | None = None
    lines: tuple[str, ...] = ()
    site_names: tuple[MetadataHint, ...] = ()  # every name the markup gives, best first


@dataclass(frozen=True)
class RouteEvidence:
    route: str | None  # None for a repatriation: a return adds no route of its own
    crossing: str
    sentence: str


@dataclass(frozen=True)
class RouteLabels:
    routes: tuple[str, ...]
    crossings: tuple[str, ...]
    primary_route: str | None
    evidence: tuple[RouteEvidence, ...]


@dataclass(frozen=True)
class Article:
    """A cleaned, described article: the unit that is indexed and shown."""

    id: str
    title: str
    outlet: str | None
    url: str | None
    published: str | None  # "YYYY-MM-DD", "YYYY-MM" or None
    routes: tuple[str, ...]
    crossings: tuple[str, ...]
    primary_route: str | None
    route_evidence: tuple[RouteEvidence, ...]
    cited_sources: tuple[str, ...]
    body: str
    removed: tuple[RemovedSpan, ...]
    provenance: dict[str, str]
    origin: str = ""
    lang: str | None = None  # en, ko or other (search/language.py); None when not identified

    def to_json(self) -> dict:
        """The documented `clean --json` shape: exactly these keys."""
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "url": self.url,
            "published": self.published,
            "routes": list(self.routes),
            "crossings": list(self.crossings),
            "primary_route": self.primary_route,
            "route_evidence": [
                {"route": e.route, "crossing": e.crossing, "sentence": e.sentence}
                for e in self.route_evidence
            ],
            "cited_sources": list(self.cited_sources),
            "body": self.body,
            "removed": [{"kind": r.kind, "text": r.text} for r in self.removed],
            "provenance": dict(self.provenance),
            "lang": self.lang,
        }


class InputError(Exception):
    """Bad input: the message names the input and the reason, and is shown to the user as is."""
