"""Per-reader lookup tables for filtering, facet counts, date sorting, timelines and clusters.

Whoosh finds and scores the documents that match the words; everything about facets runs on
plain sets of document numbers built once per reader (rebuilt only when the index changes).
That keeps facet counts exact and disjunctive (each facet ignores its own selection) without
re-running the text query once per facet, and never reads stored fields of non-shown hits.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from datetime import date

from whoosh.reading import IndexReader

from search.facet_values import UNDATED, facet_key
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

    # Built on first use, not when a searcher opens: at 100,000 articles they cost 0.2 s,
    # and a server's first answer is due within a second of its start.
    @cached_property
    def oldest(self) -> tuple[int, ...]:
        """Every live document in date order, undated last: a date-ordered page reads this
        order until the page is full instead of sorting the selection (all of it, to browse)."""
        return tuple(_date_order(self.live, self.published, newest_first=False))

    @cached_property
    def newest(self) -> tuple[int, ...]:
        return tuple(_date_order(self.live, self.published, newest_first=True))

    @cached_property
    def month_route(self) -> dict[int, tuple[str, str]]:
        """The timeline key (month, primary route) of each dated document."""
        return {d: (p[:7], self.primary_route.get(d, NO_ROUTE)) for d, p in self.published.items()}

    @cached_property
    def spellings(self) -> dict[str, dict[str, tuple[str, ...]]]:
        """facet -> facet_key -> the values as indexed: "yonhap" finds "Yonhap"."""
        table: dict[str, dict[str, tuple[str, ...]]] = {}
        for facet, values in self.postings.items():
            keyed: dict[str, tuple[str, ...]] = {}
            for value in values:
                keyed[facet_key(value)] = keyed.get(facet_key(value), ()) + (value,)
            table[facet] = keyed
        return table

    def indexed_spellings(self, facet: str, value: str) -> tuple[str, ...]:
        """The indexed values that `value` means, without case and spacing; () if none."""
        return self.spellings[facet].get(facet_key(value), ())

    def docs_with(self, facet: str, values: tuple[str, ...]) -> set[int]:
        found: set[int] = set()
        for value in values:
            for spelling in self.indexed_spellings(facet, value):
                found |= self.postings[facet][spelling]
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
        if len(docnums) * 8 < len(self.live):
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
        keys = self.month_route
        return Counter(keys[d] for d in docnums if d in keys)


def build_catalog(reader: IndexReader) -> Catalog:
    live = frozenset(reader.all_doc_ids())
    postings = {facet: _postings(reader, facet, live) for facet in FACET_FIELDS}
    published = _column(reader, "published", live)
    undated = live.difference(published)
    if undated:  # a facet value of its own, so undated articles can be found (and counted)
        postings["year"][UNDATED] = undated
    cluster = _column(reader, "cluster", live)
    primary = {d: value for value, docs in postings["primary_route"].items() for d in docs}
    return Catalog(live, postings, published, cluster, Counter(cluster.values()), primary)


def _date_order(docnums: Iterable[int], published: dict[int, str], newest_first: bool) -> list[int]:
    dated = sorted((d for d in docnums if d in published),
                   key=lambda d: (published[d], -d if newest_first else d), reverse=newest_first)
    return dated + sorted(d for d in docnums if d not in published)


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
        if not segment.doc_count_all():  # an empty index's reader has no columns at all
            continue
        column = segment.column_reader(field)
        for local in range(segment.doc_count_all()):
            value = column[local]
            if isinstance(value, bytes):
                value = value.decode("utf-8")
            if value and local + offset in live:
                values[local + offset] = value
    return values
