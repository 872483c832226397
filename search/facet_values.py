"""What a facet value may be, and when two spellings are the same value.

Route, primary route and crossing values come from fixed vocabularies, and a year is four
digits or "undated": a value outside them cannot match, so it is refused (QueryError naming
the parameter and the allowed values) rather than answered with a silent 0. Outlet and
cited-source values are open (whatever the articles say); they match without case and
spacing, so "yonhap" and "Yon hap" select "Yonhap". The same rules serve the filter
parameters (requests.py) and the `field:value` syntax of the query text (engine.py).
"""
from __future__ import annotations

import re

from search.language import LANGUAGES
from search.reading.routes import CROSSINGS, ROUTES

UNDATED = "undated"  # the year facet's value for articles without a known date
_YEAR = re.compile(r"[0-9]{4}")
_VOCABULARIES = {"route": ("a route", ROUTES), "primary_route": ("a route", ROUTES),
                 "crossing": ("a crossing", CROSSINGS), "lang": ("a language", LANGUAGES)}


class FacetValueError(ValueError):
    """A value outside its facet's vocabulary; the message names the allowed values."""


def facet_key(value: str) -> str:
    """The form two spellings of one open value share: no case, no spacing."""
    return "".join(value.casefold().split())


def canonical_value(facet: str, value: str) -> str:
    """The value as the index spells it (route, crossing, year), or tidied (outlet, cites)."""
    if facet in _VOCABULARIES:
        return _vocabulary_value(facet, value)
    if facet == "year":
        return _year_value(value)
    return " ".join(value.split())


def _vocabulary_value(facet: str, value: str) -> str:
    """An id or a label, in any case: "Sea", "SEA" and "By sea" are all "sea"."""
    kind, terms = _VOCABULARIES[facet]
    key = facet_key(value)
    for term in terms:
        if key in (term.id, facet_key(term.label)):
            return term.id
    allowed = ", ".join(term.id for term in terms)
    raise FacetValueError(f"{value!r} is not {kind}; use one of {allowed}")


def _year_value(value: str) -> str:
    tidy = value.strip()
    if _YEAR.fullmatch(tidy):
        return tidy
    if tidy.casefold() == UNDATED:
        return UNDATED
    raise FacetValueError(f"{value!r} is not a year; use four digits (2019) or {UNDATED}")
