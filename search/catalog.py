"""Per-reader lookup tables for filtering, facet counts, date sorting, timelines and clusters.

Whoosh finds and scores the documents that match the words; everything about facets runs on
plain sets of document numbers built once per reader (rebuilt only when the index changes).
That keeps facet counts exact and disjunctive (each facet ignores its own selection) without
re-running the text query once per facet, and never reads stored fields of non-shown hits.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from whoosh.reading import IndexReader

from search.schema import FACET_FIELDS

NO_ROUTE = "none"


@dataclass(frozen=True)
class Catalog:
    live: frozenset[int]  # document numbers not deleted
    postings: dict[str, dict[str, frozenset[int]]]  # facet -> value -> docnums
    published: dict[int, str]  # docnum -> "YYYY-MM-DD" or "YYYY-MM" (absent when unknown)
    cluster: dict[int, str]
    cluster_sizes: Counter
    primary_route: dict[int, str]
    # Every live document in each date order, undated last: a date-ordered page then reads
    # this order until the page is full instead of sorting the selection (10,000 at browse).
    oldest: tuple[int, ...] = ()
    newest: tuple[int, ...] = ()
    month_route: dict[int, tuple[str, str]] = field(default_factory=dict)  # timeline key per dated doc

    def docs_with(self, facet: str, values: tuple[str, ...]) -> set[int]:
        found: set[int] = set()
        for value in values:
            found |= self.postings[facet].get(value, frozenset())
        return found

    def in_date_range(self, docnums: set[int], start: date | None, end: date | None) -> set[int]:
        """Month-only dates count as the whole month: they match a range that overlaps it."""
        low = start.isoformat() if start else ""
        high = end.isoformat() if end else "9999"
        return {d for d in docnums if d in self.published
                and self.published[d] + ("-99" if len(self.published[d]) == 7 else "") >= low
                and self.published[d] <= high}

    def by_date(self, docnums: set[int], newest_first: bool) -> list[int]:
        """Undated articles go last either way: they are the least useful in a date order."""
        return list(self.in_date_order(docnums, newest_first))

    def in_date_order(self, docnums: set[int], newest_first: bool) -> Iterator[int]:
        """by_date lazily: a small selection is sorted, a large one read off the stored order."""
        if len(docnums) * 8 < len(self.live) or len(self.oldest) != len(self.live):
            return iter(_date_order(docnums, self.published, newest_first))
        return (d for d in (self.newest if newest_first else self.oldest) if d in docnums)

    def collapse(self, ordered: list[int]) -> list[int]:
        """Keep the first document of each cluster, in the given order."""
        return list(self.collapsed(ordered))

    def collapsed(self, ordered: Iterable[int]) -> Iterator[int]:
        """collapse() lazily: a ranked page stops reading the ranking once it is full."""
        seen: set[str] = set()
        for docnum in ordered:
            cluster = self.cluster.get(docnum, str(docnum))
            if cluster not in seen:
                seen.add(cluster)
                yield docnum

    def members(self, cluster: str) -> list[int]:
        """The documents of one cluster (a scan: called for one article page at a time)."""
        return [d for d, c in self.cluster.items() if c == cluster] if self.cluster_sizes[cluster] > 1 else []

    def count_clusters(self, docnums: set[int]) -> int:
        return len({self.cluster.get(d, str(d)) for d in docnums})

    def facet_counts(self, facet: str, docnums: set[int]) -> Counter:
        counts = ((value, len(docs & docnums)) for value, docs in self.postings[facet].items())
        return Counter({value: count for value, count in counts if count})

    def timeline(self, docnums: set[int]) -> Counter:
        """(month, primary route) -> article count, for the stacked timeline."""
        keys = self.month_route or _month_routes(self.published, self.primary_route)
        return Counter(keys[d] for d in docnums if d in keys)


def build_catalog(reader: IndexReader) -> Catalog:
    vocabulary = set(reader.postings("vocabulary", "1").all_ids()) if reader.doc_frequency("vocabulary", "1") else set()
    live = frozenset(d for d in reader.all_doc_ids() if d not in vocabulary)  # articles only
    postings = {facet: _postings(reader, facet, live) for facet in FACET_FIELDS}
    published = _column(reader, "published", live)
    cluster = _column(reader, "cluster", live)
    primary = {d: value for value, docs in postings["primary_route"].items() for d in docs}
    return Catalog(live, postings, published, cluster, Counter(cluster.values()), primary,
                   oldest=tuple(_date_order(live, published, newest_first=False)),
                   newest=tuple(_date_order(live, published, newest_first=True)),
                   month_route=_month_routes(published, primary))


def _date_order(docnums: Iterable[int], published: dict[int, str], newest_first: bool) -> list[int]:
    dated = sorted((d for d in docnums if d in published),
                   key=lambda d: (published[d], -d if newest_first else d), reverse=newest_first)
    return dated + sorted(d for d in docnums if d not in published)


def _month_routes(published: dict[int, str], primary: dict[int, str]) -> dict[int, tuple[str, str]]:
    return {d: (p[:7], primary.get(d, NO_ROUTE)) for d, p in published.items()}


def _postings(reader: IndexReader, field: str, live: frozenset[int]) -> dict[str, frozenset[int]]:
    table = {}
    for term in reader.lexicon(field):
        docs = frozenset(reader.postings(field, term).all_ids()) & live
        if docs:
            table[term.decode("utf-8") if isinstance(term, bytes) else term] = docs
    return table


def _column(reader: IndexReader, field: str, live: frozenset[int]) -> dict[int, str]:
    """Per segment: Whoosh's multi-segment column reader breaks when a segment is all deleted."""
    values = {}
    for segment, offset in reader.leaf_readers():
        column = segment.column_reader(field)
        for local in range(segment.doc_count_all()):
            value = column[local]
            if isinstance(value, bytes):
                value = value.decode("utf-8")
            if value and local + offset in live:
                values[local + offset] = value
    return values
