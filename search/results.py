"""The shapes search/ hands to its adapters: frozen records with a documented JSON form.

The JSON form is a contract (README, /api/openapi.json): keys are added, never renamed.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cache

from search.querying import Expansion


@dataclass(frozen=True)
class ArticleSummary:
    """The stored facts every view of an article shows."""

    id: str
    title: str
    url: str | None
    outlet: str | None
    published: str | None
    routes: tuple[str, ...]
    primary_route: str | None
    crossings: tuple[str, ...]
    cited_sources: tuple[str, ...]
    cluster: str
    lang: str | None = field(default=None, kw_only=True)  # en, ko or other: the language written in


@dataclass(frozen=True)
class Hit(ArticleSummary):
    snippet: str  # safe HTML: escaped text, only <mark> tags
    score: float | None
    cluster_size: int  # articles in the index sharing this cluster, this one included


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    excluded: bool
    definition: str | None = None
    matches_nothing: bool = False  # chosen, but no article in the index has it


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    values: tuple[FacetValue, ...]


@dataclass(frozen=True)
class TimelineBar:
    month: str  # YYYY-MM
    route: str  # the primary route, or "none"
    count: int


@dataclass(frozen=True)
class SearchResult:
    total: int  # matching articles
    total_collapsed: int  # matching clusters: what the pages list when collapsing
    page: int
    pages: int
    page_size: int
    results: tuple[Hit, ...]
    facets: tuple[Facet, ...]
    timeline: tuple[TimelineBar, ...]
    query: str  # as typed
    parsed_query: str | None  # as Whoosh understood it, after expansions
    suggestion: str | None  # "did you mean", a whole corrected query
    expansions: tuple[Expansion, ...]
    sort: str
    took_ms: float
    notices: tuple[str, ...] = ()  # chosen values that match no article in the index, one message each

    def to_json(self) -> dict:
        return plain(self) | {"took_ms": round(self.took_ms, 2)}


@dataclass(frozen=True)
class ArticleView(ArticleSummary):
    """An article as stored in the index, for the article page and /api/articles/<id>."""

    route_evidence: tuple[dict, ...]  # {route, crossing, sentence}
    provenance: dict[str, str]
    body: str
    body_html: str  # safe HTML of the body, query terms marked when a query is given
    cluster_members: tuple[ArticleSummary, ...]  # the other versions of this story
    origin: str

    def to_json(self) -> dict:
        return plain(self)


@dataclass(frozen=True)
class IndexInfo:
    documents: int
    built_at: str
    schema_version: str
    generation: str


def plain(value: object) -> object:
    """dataclasses.asdict's answer, built without its per-leaf deepcopy: a results page holds
    hundreds of timeline bars and facet values, and asdict took 4 ms of a 10 ms API answer.
    Leaves here are immutable (str, int, float, bool, None), so sharing them is safe."""
    if hasattr(type(value), "__dataclass_fields__"):
        return {name: plain(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, (list, tuple)):
        return type(value)(plain(v) for v in value)
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items()}
    return value


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))
