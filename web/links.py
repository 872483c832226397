"""Every link of the search pages, built from SearchRequest.to_params().

Templates never paste query strings together: a facet toggle, a chip, a page number or a
timeline bar is the current request with some (name, value) pairs added or removed, built
here once and handed to the template (and to the JSON API) as a finished URL.

A results page holds some 500 links (a timeline bar per month, two per facet value), so
their building is kept cheap: url_for runs once per endpoint and page (flask.g), the request's
parameters are listed once per group of links, and each (name, value) pair is percent-encoded
once (an LRU cache). The URLs are exactly urlencode's.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote_plus

from flask import g, url_for

from search import EXCLUDE_PREFIX, Facet, SearchRequest, SearchResult

Param = tuple[str, str]
# Changing what is searched starts again at the first page.
_RESTART = ("page",)


def url_with(search_request: SearchRequest, endpoint: str, *, add: Iterable[Param] = (),
             remove: Iterable[Param] = (), drop: Iterable[str] = (), external: bool = False) -> str:
    """The endpoint's URL for the request, with pairs added, pairs removed and names dropped."""
    return _url(_base(endpoint, external), search_request.to_params(), add, remove, drop)


def _url(base: str, params: list[Param], add: Iterable[Param] = (), remove: Iterable[Param] = (),
         drop: Iterable[str] = ()) -> str:
    removed, dropped = set(remove), set(drop)
    kept = [p for p in params if p not in removed and p[0] not in dropped]
    kept += [p for p in add if p not in kept]
    return f"{base}?{'&'.join(map(_encoded, kept))}" if kept else base


@lru_cache(maxsize=1024)
def _encoded(pair: Param) -> str:
    """One pair as urlencode writes it (quote_plus, nothing kept safe)."""
    return f"{quote_plus(pair[0], safe='')}={quote_plus(pair[1], safe='')}"


def _base(endpoint: str, external: bool) -> str:
    """url_for once per endpoint and request: it is the same for every link of a page."""
    bases = g.setdefault("_defection_search_link_bases", {})
    key = (endpoint, external)
    if key not in bases:
        bases[key] = url_for(endpoint, _external=external)
    return bases[key]


@dataclass(frozen=True)
class FacetLink:
    """One facet value as the page shows it: its counts and the URLs that change it."""

    value: str
    label: str
    count: int
    selected: bool
    excluded: bool
    definition: str | None
    toggle_url: str
    exclude_url: str
    matches_nothing: bool = False  # chosen, but in no article of the index


@dataclass(frozen=True)
class FacetPanel:
    name: str
    label: str
    values: tuple[FacetLink, ...]


@dataclass(frozen=True)
class Chip:
    """An active filter, with the URL that removes it."""

    label: str
    remove_url: str


def facet_panels(result: SearchResult, search_request: SearchRequest, endpoint: str,
                 external: bool = False) -> tuple[FacetPanel, ...]:
    return tuple(FacetPanel(f.name, f.label, _facet_links(f, search_request, endpoint, external))
                 for f in result.facets if f.values)


def _facet_links(facet: Facet, search_request: SearchRequest, endpoint: str,
                 external: bool) -> tuple[FacetLink, ...]:
    base, params = _base(endpoint, external), search_request.to_params()
    links = []
    for v in facet.values:
        included, excluded = (facet.name, v.value), (EXCLUDE_PREFIX + facet.name, v.value)
        toggle = _url(base, params, remove=[included, excluded], drop=_RESTART,
                      add=[] if v.selected else [included])
        exclude = _url(base, params, remove=[included, excluded], drop=_RESTART,
                       add=[] if v.excluded else [excluded])
        links.append(FacetLink(v.value, v.label, v.count, v.selected, v.excluded, v.definition,
                               toggle, exclude, v.matches_nothing))
    return tuple(links)


def filter_chips(result: SearchResult | None, search_request: SearchRequest, endpoint: str) -> tuple[Chip, ...]:
    """Removable chips for every facet value, date bound and the 'all versions' switch in use."""
    labels = _value_labels(result)
    chips = []
    for facet, values in search_request.include.items():
        for value in values:
            chips.append(_chip(search_request, endpoint, (facet, value),
                               f"{_facet_label(result, facet)}: {labels.get((facet, value), value)}"))
    for facet, values in search_request.exclude.items():
        for value in values:
            chips.append(_chip(search_request, endpoint, (EXCLUDE_PREFIX + facet, value),
                               f"not {_facet_label(result, facet)}: {labels.get((facet, value), value)}"))
    for name, label in (("from", "from"), ("to", "to"), ("collapse", "all versions shown")):
        for pair in (p for p in search_request.to_params() if p[0] == name):
            chips.append(_chip(search_request, endpoint, pair,
                               label if name == "collapse" else f"{label} {pair[1]}"))
    return tuple(chips)


def _chip(search_request: SearchRequest, endpoint: str, pair: Param, label: str) -> Chip:
    return Chip(label, url_with(search_request, endpoint, remove=[pair], drop=_RESTART))


def _value_labels(result: SearchResult | None) -> dict[Param, str]:
    if result is None:
        return {}
    return {(f.name, v.value): v.label for f in result.facets for v in f.values}


def _facet_label(result: SearchResult | None, facet: str) -> str:
    found = next((f.label for f in (result.facets if result else ()) if f.name == facet), None)
    return found or facet.replace("_", " ").capitalize()


def page_url(search_request: SearchRequest, endpoint: str, page: int) -> str:
    add = [("page", str(page))] if page != 1 else []
    return url_with(search_request, endpoint, drop=_RESTART, add=add)


def sort_links(search_request: SearchRequest, endpoint: str, sorts: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """(sort name, URL) for each sort order."""
    return tuple((s, url_with(search_request, endpoint, drop=("sort",) + _RESTART,
                              add=[("sort", s)] if s != "relevance" else []))
                 for s in sorts)


def month_url(search_request: SearchRequest, endpoint: str, month: str) -> str:
    """The search narrowed to one month (YYYY-MM), replacing any date range."""
    return month_urls(search_request, endpoint)(month)


def month_urls(search_request: SearchRequest, endpoint: str) -> Callable[[str], str]:
    """month_url for many months (a timeline has one per bar): the rest of the URL is built once."""
    base = _base(endpoint, False)
    kept = [p for p in search_request.to_params() if p[0] not in ("from", "to") + _RESTART]
    prefix = f"{base}?{'&'.join(map(_encoded, kept))}&" if kept else f"{base}?"

    def url(month: str) -> str:
        return f"{prefix}{_encoded(('from', month))}&{_encoded(('to', month))}"

    return url


def query_url(search_request: SearchRequest, endpoint: str, q: str) -> str:
    """The same filters with another query, for 'did you mean'."""
    return url_with(search_request, endpoint, drop=("q",) + _RESTART, add=[("q", q)])


def article_url(article_id: str, q: str = "", endpoint: str = ".article_page", external: bool = False) -> str:
    """An article's page, carrying the query so its terms are highlighted there."""
    if q:
        return url_for(endpoint, article_id=article_id, q=q, _external=external)
    return url_for(endpoint, article_id=article_id, _external=external)


def result_links(search_request: SearchRequest, result: SearchResult, external: bool = False) -> dict[str, str | None]:
    """The URLs that the JSON API and the feeds advertise for a search."""
    def link(endpoint: str) -> str:
        return url_with(search_request, endpoint, external=external)

    def page_link(page: int) -> str | None:
        if not 1 <= page <= result.pages:
            return None
        return url_with(search_request, ".api_search", drop=_RESTART, external=external,
                        add=[("page", str(page))] if page != 1 else [])

    return {
        "self": link(".api_search"), "html": link(".search_page"), "embed": link(".embed_page"),
        "next": page_link(result.page + 1), "prev": page_link(result.page - 1),
        "atom": url_with(search_request, ".atom_feed", drop=_RESTART, external=external),
        **{f"export_{kind}": url_with(search_request, f".export_{kind}", drop=_RESTART, external=external)
           for kind in ("csv", "json", "ris", "bib")},
    }
