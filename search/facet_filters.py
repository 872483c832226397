"""Facet values as the user gave them, resolved against what the index holds.

Filter parameters and `field:value` terms of the query text are both read without case and
spacing (facet_values.facet_key): a request is rewritten to the index's own spelling before
it runs, so that the page's links and ticks agree with it. A value the index has never seen
is kept, shown as matching nothing, and reported in the result's notices: never a silent 0.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from whoosh import query as wq

from search.catalog import Catalog
from search.facet_values import UNDATED, FacetValueError, canonical_value, facet_key
from search.requests import EXCLUDE_PREFIX, QueryError, SearchRequest
from search.language import LANGUAGES
from search.reading.routes import CROSSINGS, ROUTES
from search.results import FacetValue
from search.schema import FACET_FIELDS

OPEN_FACETS = ("outlet", "cites")  # values are whatever the articles say
_TERMS = {"route": ROUTES, "primary_route": ROUTES, "crossing": CROSSINGS, "lang": LANGUAGES}


def resolve_request(catalog: Catalog, request: SearchRequest) -> SearchRequest:
    """The request with each outlet and cited-source value spelled as the index spells it."""
    return replace(request, include=_resolved(catalog, request.include),
                   exclude=_resolved(catalog, request.exclude))


def _resolved(catalog: Catalog, chosen: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    out = {}
    for facet, values in chosen.items():
        if facet in OPEN_FACETS:
            values = tuple(dict.fromkeys((catalog.indexed_spellings(facet, v) or (v,))[0] for v in values))
        out[facet] = values
    return out


def unmatched_notices(catalog: Catalog, request: SearchRequest) -> tuple[str, ...]:
    """One message per chosen value that no article in the index has."""
    notices = []
    for prefix, chosen in (("", request.include), (EXCLUDE_PREFIX, request.exclude)):
        for facet in FACET_FIELDS:
            notices += [f"{prefix}{facet}: {value!r} matches no article in the index"
                        for value in chosen.get(facet, ()) if not catalog.indexed_spellings(facet, value)]
    return tuple(notices)


def chosen_keys(request: SearchRequest, facet: str) -> tuple[set[str], set[str]]:
    """The facet_keys of the facet's included and excluded values."""
    return ({facet_key(v) for v in request.include.get(facet, ())},
            {facet_key(v) for v in request.exclude.get(facet, ())})


def resolve_query_terms(query: wq.Query, catalog: Catalog, notices: list[str]) -> wq.Query:
    """`route:Sea`, `outlet:yonhap`, `year:undated` in the query text, as the index has them.
    A vocabulary value that cannot match is a QueryError; an unknown open value a notice."""
    def resolve(node: wq.Query) -> wq.Query:
        if isinstance(node, wq.Term) and node.fieldname in FACET_FIELDS:
            return _resolved_term(node.fieldname, node.text, catalog, notices)
        return node
    return query.accept(resolve)


def _resolved_term(field: str, text: str, catalog: Catalog, notices: list[str]) -> wq.Query:
    try:
        value = canonical_value(field, text)
    except FacetValueError as error:
        raise QueryError(f"q: {field}:{text}: {error}") from None
    spellings = catalog.indexed_spellings(field, value)
    if not spellings:
        notices.append(f"q: {field}:{text!r} matches no article in the index")
    if field == "year" and value == UNDATED:  # not a term of the index: the articles without a year
        return wq.AndNot(wq.Every(), wq.Every("year"))
    if not spellings:
        return wq.Term(field, value)
    return wq.Term(field, spellings[0]) if len(spellings) == 1 else wq.Or([wq.Term(field, s) for s in spellings])


def facet_value(facet: str, value: str, count: int, keys: tuple[set[str], set[str]],
                 matches_nothing: bool) -> FacetValue:
    """One value of a facet panel: its label and definition from the vocabulary, if any."""
    term = next((t for t in _TERMS.get(facet, ()) if t.id == value), None)
    included, excluded = keys
    return FacetValue(value=value, label=term.label if term else _value_label(facet, value), count=count,
                      selected=facet_key(value) in included, excluded=facet_key(value) in excluded,
                      definition=term.definition if term else None, matches_nothing=matches_nothing)


def _value_label(facet: str, value: str) -> str:
    return "Undated" if facet == "year" and value == UNDATED else value
