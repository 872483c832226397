"""A search request: what the user asked for, validated and clamped against the Settings.

Both adapters build one with `request_from_params` from the same parameter names, so the
web page, its JSON twin and the CLI accept exactly the same things. Every rejection is a
QueryError whose message names the parameter and the reason.
"""
from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from search.facet_values import FacetValueError, canonical_value
from search.schema import FACET_FIELDS
from search.settings import Settings

SORTS = ("relevance", "newest", "oldest")
EXCLUDE_PREFIX = "exclude_"


class QueryError(ValueError):
    """A request that cannot be run as asked; the message is shown to the user as is."""


@dataclass(frozen=True)
class SearchRequest:
    q: str = ""
    include: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # facet -> values OR-ed
    exclude: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # facet -> values removed
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "relevance"
    page: int = 1
    page_size: int = 10
    collapse: bool = True

    @property
    def effective_sort(self) -> str:
        """An empty query has no relevance: it browses newest first unless told otherwise."""
        return "newest" if not self.q.strip() and self.sort == "relevance" else self.sort

    def to_params(self) -> list[tuple[str, str]]:
        """The request as URL parameters, the inverse of request_from_params."""
        params = [("q", self.q)] if self.q else []
        for facet in FACET_FIELDS:
            params += [(facet, v) for v in self.include.get(facet, ())]
            params += [(EXCLUDE_PREFIX + facet, v) for v in self.exclude.get(facet, ())]
        if self.date_from:
            params.append(("from", self.date_from.isoformat()))
        if self.date_to:
            params.append(("to", self.date_to.isoformat()))
        if self.sort != "relevance":
            params.append(("sort", self.sort))
        if self.page != 1:
            params.append(("page", str(self.page)))
        if self.page_size != Settings.page_size_default:
            params.append(("page_size", str(self.page_size)))
        if not self.collapse:
            params.append(("collapse", "0"))
        return params


def request_from_params(params: Mapping[str, Sequence[str]], settings: Settings) -> SearchRequest:
    """Build and check a request from multi-valued parameters (a web query string, CLI flags)."""
    def one(name: str) -> str | None:
        values = [v for v in params.get(name, ()) if v is not None and str(v).strip() != ""]
        return str(values[-1]).strip() if values else None

    q = one("q") or ""
    if len(q) > settings.max_query_chars:
        raise QueryError(f"q: the query is {len(q):,} characters long; the limit is "
                         f"{settings.max_query_chars} (max_query_chars)")
    return SearchRequest(
        q=q,
        include=_facet_values(params, "", settings),
        exclude=_facet_values(params, EXCLUDE_PREFIX, settings),
        date_from=_date(one("from"), "from"),
        date_to=_date(one("to"), "to", end_of_period=True),
        sort=_choice(one("sort") or "relevance", "sort", SORTS),
        page=_bounded_int(one("page"), "page", 1, settings.page_max, "page_max"),
        page_size=_bounded_int(one("page_size"), "page_size", settings.page_size_default,
                               settings.page_size_max, "page_size_max"),
        collapse=(one("collapse") or "1") not in ("0", "false", "no", "off"),
    )


def _facet_values(params: Mapping[str, Sequence[str]], prefix: str,
                  settings: Settings) -> dict[str, tuple[str, ...]]:
    chosen = {}
    for facet in FACET_FIELDS:
        given = tuple(dict.fromkeys(str(v).strip() for v in params.get(prefix + facet, ()) if str(v).strip()))
        if len(given) > settings.facet_values_max:
            raise QueryError(f"{prefix}{facet}: {len(given)} values given; the limit is "
                             f"{settings.facet_values_max} (facet_values_max)")
        values = tuple(dict.fromkeys(_checked_value(prefix + facet, facet, v, settings) for v in given))
        if values:
            chosen[facet] = values
    return chosen


def _checked_value(name: str, facet: str, value: str, settings: Settings) -> str:
    """The value as the index spells it; QueryError naming the parameter when it cannot match."""
    if len(value) > settings.max_query_chars:
        raise QueryError(f"{name}: a value is longer than {settings.max_query_chars} "
                         f"characters (max_query_chars)")
    try:
        return canonical_value(facet, value)
    except FacetValueError as error:
        raise QueryError(f"{name}: {error}") from None


def _date(value: str | None, name: str, end_of_period: bool = False) -> date | None:
    """YYYY, YYYY-MM or YYYY-MM-DD; a partial date means its first day, or its last with `to`."""
    if value is None:
        return None
    parts = value.split("-")
    try:
        numbers = [int(p) for p in parts]
        if not 1 <= len(numbers) <= 3 or len(parts[0]) != 4:
            raise ValueError
        year, month, day = (numbers + [None, None])[:3]
        if day is not None:
            return date(year, month, day)
        if not end_of_period:
            return date(year, month or 1, 1)
        if month is None:
            return date(year, 12, 31)
        return date(year, month, calendar.monthrange(year, month)[1])
    except (ValueError, TypeError, OverflowError):
        raise QueryError(f"{name}: {value!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)") from None


def _choice(value: str, name: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise QueryError(f"{name}: {value!r} is not one of {', '.join(allowed)}")
    return value


def _bounded_int(value: str | None, name: str, default: int, maximum: int, setting: str) -> int:
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise QueryError(f"{name}: {value!r} is not a whole number") from None
    if not 1 <= number <= maximum:
        raise QueryError(f"{name}: {number} is out of range; it must be 1 to {maximum} ({setting})")
    return number
