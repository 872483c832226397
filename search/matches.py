"""What a query matches, found once and remembered per searcher.

One Whoosh pass gives every matching document and its score; facets, timeline, ordering and
collapsing then run on sets (engine.py). A searcher's answers change only with a commit,
which brings a new searcher, so the matches are kept in a bounded cache per searcher.
"""
from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass

from whoosh.collectors import UnlimitedCollector
from whoosh.query import And
from whoosh.searching import Searcher

MATCH_ENTRIES_KEPT = 1_024  # queries remembered, whatever their size (an entry costs ~0.5 KB)


@dataclass(frozen=True)
class Matches:
    """The documents one query matches: docnums best first with their scores when scored
    (Whoosh's order: score descending, then docnum), else in docnum order. Arrays, not sets
    of ints, so that a remembered match list costs 16 bytes a document."""

    docnums: array  # "q"
    scores: array | None  # "d", parallel to docnums; None when unscored

    @property
    def scored(self) -> bool:
        return self.scores is not None

    def ranked(self) -> Iterator[int]:
        return iter(self.docnums)

    def scores_of(self, docnums: list[int]) -> dict[int, float]:
        wanted = set(docnums)
        return {d: s for d, s in zip(self.docnums, self.scores or ()) if d in wanted}

    def __len__(self) -> int:
        return len(self.docnums)


class MatchCache:
    """Least recently used query matches, bounded by the documents they hold in total (a
    query may match every article, and hostile queries must not grow memory)."""

    def __init__(self, max_docs: int) -> None:
        self.max_docs = max_docs
        self.held = 0
        self.entries: OrderedDict[tuple[str, bool], Matches] = OrderedDict()

    def get(self, key: str, scored: bool) -> Matches | None:
        """Scored matches also answer an unscored request: they hold the same documents."""
        for wanted in ((key, True),) if scored else ((key, False), (key, True)):
            if wanted in self.entries:
                self.entries.move_to_end(wanted)
                return self.entries[wanted]
        return None

    def put(self, key: str, matches: Matches) -> None:
        if len(matches) > self.max_docs or (key, matches.scored) in self.entries:
            return
        self.entries[(key, matches.scored)] = matches
        self.held += len(matches)
        while self.held > self.max_docs or len(self.entries) > MATCH_ENTRIES_KEPT:
            _, dropped = self.entries.popitem(last=False)
            self.held -= len(dropped)


def match(searcher: Searcher, query, scored: bool) -> Matches:
    """One Whoosh pass. Unscored is a third of the cost (docs_for_query skips scoring)."""
    if not scored:
        return Matches(array("q", sorted(searcher.docs_for_query(query))), None)
    collector = UnlimitedCollector()  # what search(limit=None) uses, with the matchers that
    # search(..., terms=True) used before (needs_current), so that scores keep every digit
    searcher.search_with_collector(query, collector, context=searcher.context(needs_current=True))
    results = collector.results()
    return Matches(array("q", (d for _, d in results.top_n)), array("d", (s for s, _ in results.top_n)))


def conjuncts(query) -> tuple:
    """The two halves of `a b` (an And of two): its matches are the intersection of theirs,
    with scores added as Whoosh's IntersectionMatcher adds them (a + b: exact, as two-term
    float addition does not depend on order). Each half is a query users type alone, so
    it is often remembered already: "soldier defected" then costs two lookups."""
    if isinstance(query, And) and len(query.subqueries) == 2 and query.boost == 1.0:
        return tuple(query.subqueries)
    return ()


def intersect(a: Matches, b: Matches, scored: bool) -> Matches:
    if not scored:
        return Matches(array("q", sorted(set(a.docnums).intersection(b.docnums))), None)
    b_scores = dict(zip(b.docnums, b.scores))
    pairs = sorted(((score + b_scores[d], d) for d, score in zip(a.docnums, a.scores) if d in b_scores),
                   key=lambda pair: (-pair[0], pair[1]))
    return Matches(array("q", (d for _, d in pairs)), array("d", (score for score, _ in pairs)))
