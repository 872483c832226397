"""The search engine as one object per process: open the index once, refresh it when it
changes, and answer searches, article look-ups and more-like-this.

Whoosh traps, measured here: a new searcher per request cost 117 ms at 100k articles (a
refresh 0.08 ms), so one searcher is kept and refreshed; faceted results ignore `limit` when
iterated, so only the page shown is read and highlighted. Searches are serialised by a lock:
Whoosh searchers share file handles, and the GIL leaves little to gain from running them
side by side.

Each search matches its query once (one Whoosh pass gives every matching document and its
score; facets, timeline, ordering and collapsing then run on sets), and the page's snippets
are found by moving the matcher to the ten shown documents only. Whoosh applies a `filter`
after matching, so the former second, filtered search cost a whole pass again: with a
phrase, 105 ms of a 175 ms search at 10,000 articles. What depends only on the index (a
query's matches, an article's similar articles) is remembered per searcher, so a commit
(a new searcher) forgets it.
"""
from __future__ import annotations

import json
import math
import re
import threading
import time
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from whoosh.index import FileIndex
from whoosh.searching import Searcher

from search.catalog import Catalog
from search.catalog_store import catalog_of
from search.facet_filters import chosen_keys, facet_value, resolve_query_terms, resolve_request, unmatched_notices
from search.korean import HANGUL
from search.ledger import LEDGER_NAME
from search.matches import MatchCache, Matches, conjuncts, intersect, match
from search.querying import PreparedQuery, build_parser, check_limits, parse, prepare
from search.requests import SearchRequest
from search.results import ArticleSummary, ArticleView, Facet, Hit, IndexInfo, SearchResult, TimelineBar
from search.schema import FACET_FIELDS, SCHEMA_VERSION, TEXT_FIELDS, text_analyzer
from search.settings import Settings
from search.spelling import edit_distance
from search.snippets import highlight_text, page_snippets, plain_snippet, snippet_highlighter
from search.storage import (
    OPEN_ATTEMPTS, OPEN_RETRY_S, IndexUnavailable, built_at, live_generation, no_index_message, open_generation,
)
from search.variants import build_romanisation_index
from search.vocabulary import Vocabulary

SUGGESTION_CANDIDATES = 5
CORRECTIONS_KEPT = 10_000
SIMILAR_KEPT = 5_000  # articles whose similar articles are remembered (as docnums: ~0.5 KB each)
FACET_LABELS = {"route": "Route", "primary_route": "Primary route", "crossing": "Crossing",
                "outlet": "Outlet", "year": "Year", "cites": "Cited source", "lang": "Language"}


@dataclass
class _OpenIndex:
    folder: Path
    ix: FileIndex
    searcher: Searcher
    catalog: Catalog
    parser: object
    vocabulary: Vocabulary
    names: dict | None = None  # romanisation index, built on the first name query
    corrections: dict[str, str | None] = field(default_factory=dict)
    matches: MatchCache = field(default_factory=lambda: MatchCache(0))
    similar: dict[tuple[str, int], tuple[tuple[int, float], ...]] = field(default_factory=dict)

    def matched(self, query, scored: bool) -> Matches:
        """Every document the query matches, scored (best first) or not; remembered for the
        life of this searcher, since only a commit can change the answer."""
        key = repr(query)
        found = self.matches.get(key, scored)
        if found is None:
            parts = conjuncts(query) if self.matches.max_docs else ()
            if parts:
                found = intersect(self.matched(parts[0], scored), self.matched(parts[1], scored), scored)
            else:
                found = match(self.searcher, query, scored)
            self.matches.put(key, found)
        return found

    def correction(self, word: str) -> str | None:
        """The closest indexed word to one the index lacks; None for a known word.

        Candidates share the first letter (people rarely mistype it, and the prefix cuts the
        lexicon walk: a full walk took up to 1.4 s on a 10,000-article index); answers are
        remembered for the life of this searcher."""
        if word not in self.corrections:
            if len(self.corrections) >= CORRECTIONS_KEPT:
                self.corrections.clear()  # hostile queries must not grow memory without bound
            found = () if word in self.vocabulary else self.vocabulary.suggest(
                word, limit=SUGGESTION_CANDIDATES, maxdist=2, prefix=1)
            self.corrections[word] = min(found, key=lambda c: edit_distance(word, c)) if found else None
        return self.corrections[word]

    def name_lexicon(self) -> dict:
        if self.names is None:
            self.names = build_romanisation_index(self.vocabulary.words())
        return self.names

    def close(self) -> None:
        self.searcher.close()
        self.vocabulary.close()


@dataclass
class Engine:
    settings: Settings
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _open: _OpenIndex | None = field(default=None, repr=False)

    def search(self, request: SearchRequest) -> SearchResult:
        started = time.perf_counter()
        tokens = check_limits(request.q, self.settings) if request.q.strip() else []
        with self._lock:
            state = self._current()
            request = resolve_request(state.catalog, request)
            notices = list(unmatched_notices(state.catalog, request)) + _empty_index_notice(state, self.settings)
            prepared, query = self._query(state, tokens, notices)
            return self._run(state, request, prepared, query, started, tuple(notices))

    def resolve(self, request: SearchRequest) -> SearchRequest:
        """The request with its outlet and cited-source values spelled as the index spells
        them ("yonhap" -> "Yonhap"): adapters build their links from this one."""
        with self._lock:
            return resolve_request(self._current().catalog, request)

    def hits(self, request: SearchRequest, limit: int) -> tuple[Hit, ...]:
        """Up to `limit` hits in the request's order from the first, ignoring its page: for
        exports. No facets, no timeline, and plain snippets, so a long export stays cheap."""
        tokens = check_limits(request.q, self.settings) if request.q.strip() else []
        with self._lock:
            state = self._current()
            request = resolve_request(state.catalog, request)
            _, query = self._query(state, tokens)
            matches = _matches_for(state, request, query)
            _, _, selected = _select(state.catalog, request, matches)
            return self._rows(state, request, query, matches, selected, 0, limit, highlight=False)

    def _query(self, state: _OpenIndex, tokens: list[str],
               notices: list[str] | None = None) -> tuple[PreparedQuery, object]:
        prepared = prepare(tokens, state.name_lexicon) if tokens else PreparedQuery("", (), ())
        if not prepared.text.strip():
            return prepared, None
        return prepared, resolve_query_terms(parse(state.parser, prepared.text), state.catalog,
                                            [] if notices is None else notices)

    def article(self, article_id: str, q: str = "") -> ArticleView | None:
        with self._lock:
            state = self._current()
            docnum = _docnum(state.searcher, article_id)
            if docnum is None:
                return None
            terms = frozenset()
            if q.strip():
                prepared = prepare(check_limits(q, self.settings), state.name_lexicon)
                query = parse(state.parser, prepared.text)
                terms = frozenset(t.decode("utf-8") if isinstance(t, bytes) else t
                                  for f, t in query.iter_all_terms() if f in ("title", "body"))
            return _article_view(state, docnum, terms)

    def similar(self, article_id: str, limit: int | None = None) -> tuple[Hit, ...]:
        """More-like-this on the body, leaving out the article's own cluster."""
        limit = limit or self.settings.similar_max
        with self._lock:
            state = self._current()
            key = (article_id, limit)
            if key not in state.similar:
                if len(state.similar) >= SIMILAR_KEPT:
                    state.similar.clear()
                state.similar[key] = self._similar(state, article_id, limit)
            return tuple(self._hit(state, docnum, "", score) for docnum, score in state.similar[key])

    def _similar(self, state: _OpenIndex, article_id: str, limit: int) -> tuple[tuple[int, float], ...]:
        """(docnum, score) of the similar articles. Whoosh's more_like reads every body term's
        frequency (65 ms an article at 10,000 articles), hence the answers are remembered per
        searcher, as document numbers (hits are read again: 5 stored-field reads)."""
        docnum = _docnum(state.searcher, article_id)
        if docnum is None:
            return ()
        own = state.catalog.cluster.get(docnum)
        others = state.searcher.more_like(docnum, "body", top=limit * 3)
        kept = [hit for hit in others if state.catalog.cluster.get(hit.docnum) != own]
        return tuple((hit.docnum, hit.score) for hit in kept[:limit])

    def info(self) -> IndexInfo:
        with self._lock:
            state = self._current()
            return IndexInfo(len(state.catalog.live), built_at(state.folder), SCHEMA_VERSION,
                             state.folder.name)

    def close(self) -> None:
        with self._lock:
            self._close_unlocked()

    def _current(self) -> _OpenIndex:
        """The open index, reopened when CURRENT moved and refreshed when it was committed to."""
        index_dir = self.settings.index_dir
        folder = live_generation(index_dir)
        if folder is None:
            raise IndexUnavailable(no_index_message(index_dir))
        state = self._open
        if state is None or state.folder != folder:
            self._close_unlocked()
            self._open = state = _load(folder, open_generation(folder, index_dir), self.settings.match_cache_docs)
        elif not state.searcher.up_to_date():
            # Not Searcher.refresh(): whoosh-reloaded 2.7.5 adds the old reader's segments back
            # after a commit that merged them (measured: 100 live documents in a 55-document
            # index), and up_to_date() then hides it for good. A new searcher is right.
            self._close_unlocked()
            self._open = state = _load(folder, state.ix, self.settings.match_cache_docs)
        if state.vocabulary.changed():  # its commit follows Whoosh's: answers drawn before may be stale
            state.corrections.clear()
            state.names = None
        return state

    def _close_unlocked(self) -> None:
        if self._open is not None:
            self._open.close()
            self._open = None

    def _run(self, state: _OpenIndex, request: SearchRequest, prepared: PreparedQuery,
             query, started: float, notices: tuple[str, ...] = ()) -> SearchResult:
        catalog = state.catalog
        matches = _matches_for(state, request, query)
        base, masks, selected = _select(catalog, request, matches)
        facets = tuple(self._facet(catalog, request, facet, base, masks) for facet in FACET_FIELDS)
        clusters = catalog.count_clusters(selected)
        listed = clusters if request.collapse else len(selected)
        start = (request.page - 1) * request.page_size
        hits = self._rows(state, request, query, matches, selected, start, start + request.page_size)
        return SearchResult(
            total=len(selected), total_collapsed=clusters,
            page=request.page, pages=max(1, math.ceil(listed / request.page_size)),
            page_size=request.page_size, results=hits, facets=facets,
            timeline=tuple(TimelineBar(m, r, n) for (m, r), n in sorted(catalog.timeline(selected).items())),
            query=request.q, parsed_query=str(query) if query else None,
            suggestion=self._suggestion(state, request.q, prepared),
            expansions=prepared.expansions, sort=request.effective_sort,
            took_ms=(time.perf_counter() - started) * 1000, notices=notices,
        )

    def _facet(self, catalog: Catalog, request: SearchRequest, facet: str,
               base: set[int], masks: dict[str, set[int] | None]) -> Facet:
        """Counts over every other facet's selection, so this facet's values stay comparable."""
        others = [m for f, m in masks.items() if f != facet and m is not None]
        counts = catalog.facet_counts(facet, base.intersection(*others))
        chosen = set(request.include.get(facet, ())) | set(request.exclude.get(facet, ()))
        ranked = sorted(counts, key=lambda v: (-counts[v], v))[: self.settings.facet_values_max]
        values = ranked + sorted(chosen - set(ranked))
        keys = chosen_keys(request, facet)
        return Facet(facet, FACET_LABELS[facet], tuple(
            facet_value(facet, v, counts[v], keys, not catalog.indexed_spellings(facet, v)) for v in values))

    def _rows(self, state: _OpenIndex, request: SearchRequest, query, matches: Matches | None,
              selected: set[int], start: int, end: int, highlight: bool = True) -> tuple[Hit, ...]:
        """Hits start..end of the ordered, optionally collapsed selection; only these are read."""
        if not selected:
            return ()
        by_relevance = matches is not None and request.effective_sort == "relevance"
        if by_relevance:  # (remembered scored matches also serve date orders: never decide by them)
            ranked = (d for d in matches.ranked() if d in selected)
            page = list(islice(state.catalog.collapsed(ranked) if request.collapse else ranked, start, end))
        else:
            ordered = state.catalog.in_date_order(selected, newest_first=request.effective_sort == "newest")
            page = list(islice(state.catalog.collapsed(ordered) if request.collapse else ordered, start, end))
        snippets = {}
        if query is not None and page and highlight:
            snippets = page_snippets(state.searcher, query, page, snippet_highlighter(self.settings.snippet_chars))
        scores = matches.scores_of(page) if by_relevance else {}
        return tuple(self._hit(state, d, snippets.get(d, ""), scores.get(d)) for d in page)

    def _hit(self, state: _OpenIndex, docnum: int, snippet: str, score: float | None) -> Hit:
        stored = state.searcher.stored_fields(docnum)
        summary = _summary(stored)
        return Hit(
            **summary,
            snippet=snippet or plain_snippet(stored.get("body", ""), self.settings.snippet_chars),
            score=round(score, 4) if score is not None else None,
            cluster_size=state.catalog.cluster_sizes.get(summary["cluster"], 1),
        )

    def _suggestion(self, state: _OpenIndex, q: str, prepared: PreparedQuery) -> str | None:
        """Replace each word the index has never seen by its closest known word, if any."""
        expanded = {w.lower() for e in prepared.expansions for w in e.term.split()}
        suggestion = q
        for word in prepared.words:
            lower = word.lower()
            if lower in expanded or not lower.isalpha() or HANGUL.search(lower):
                continue  # (the vocabulary holds Korean words as written, particles and all)
            closest = state.correction(lower)
            if closest:
                suggestion = suggestion.replace(word, closest, 1)
        return suggestion if suggestion != q else None


def _load(folder: Path, ix: FileIndex, match_cache_docs: int) -> _OpenIndex:
    """A searcher on the latest commit, with its lookup tables. A commit that lands while the
    searcher opens may delete segment files its table of contents named: then read the new
    table of contents and open again."""
    for attempt in range(OPEN_ATTEMPTS):
        try:
            searcher = ix.searcher()
            _open_lazy_files(searcher)
            return _OpenIndex(folder, ix, searcher, catalog_of(folder, searcher.reader()), build_parser(ix.schema),
                              Vocabulary(folder / LEDGER_NAME), matches=MatchCache(match_cache_docs))
        except FileNotFoundError:
            if attempt == OPEN_ATTEMPTS - 1:
                raise
            time.sleep(OPEN_RETRY_S * (attempt + 1))


def _open_lazy_files(searcher: Searcher) -> None:
    """Open every segment's stored-field and length columns now. Whoosh opens them on first
    use, and by then a writer's commit may have deleted a merged-away segment's files: an
    open file stays readable, a deleted name does not (seen as stored_fields -> None under
    concurrent writes)."""
    for segment, _offset in searcher.reader().leaf_readers():
        if segment.doc_count_all():
            try:
                segment.stored_fields(0)
            except TypeError:  # Whoosh's way of saying the stored-fields file is gone
                raise FileNotFoundError(f"stored fields of segment {segment.segment().segment_id()}") from None
            for text_field in TEXT_FIELDS:
                segment.doc_field_length(0, text_field)


_ARTICLE_ID = re.compile(r"[0-9a-f]{1,64}")


def _docnum(searcher: Searcher, article_id: str) -> int | None:
    """Only article ids are looked up, never a path."""
    if not _ARTICLE_ID.fullmatch(article_id or ""):
        return None
    return searcher.document_number(id=article_id)


def _matches_for(state: _OpenIndex, request: SearchRequest, query) -> Matches | None:
    """Scored when the page is ordered by relevance; None when there is no query."""
    if query is None:
        return None
    return state.matched(query, scored=request.effective_sort == "relevance")


def _select(catalog: Catalog, request: SearchRequest,
            matches: Matches | None) -> tuple[set[int], dict[str, set[int] | None], set[int]]:
    """The documents matching the words and dates (base), each facet's filter (None when the
    facet is not filtered), and the documents passing all of them (selected)."""
    base = catalog.live.intersection(matches.docnums) if matches is not None else set(catalog.live)
    if request.date_from or request.date_to:
        base = catalog.in_date_range(base, request.date_from, request.date_to)
    masks = {facet: _facet_mask(catalog, request, facet) for facet in FACET_FIELDS}
    return base, masks, base.intersection(*[m for m in masks.values() if m is not None])


def _facet_mask(catalog: Catalog, request: SearchRequest, facet: str) -> set[int] | None:
    include, exclude = request.include.get(facet), request.exclude.get(facet)
    if not include and not exclude:
        return None
    mask = catalog.docs_with(facet, include) if include else set(catalog.live)
    return mask - catalog.docs_with(facet, exclude) if exclude else mask


def _empty_index_notice(state: _OpenIndex, settings: Settings) -> list[str]:
    if state.catalog.live:
        return []
    return [f"The index in {settings.index_dir} holds no articles yet. Add some with: "
            f"defection-search index PATH ... --index-dir {settings.index_dir}"]


def _summary(stored: dict) -> dict[str, object]:
    """The ArticleSummary fields of one stored document; facet lists are stored comma-joined."""
    return dict(
        id=stored["id"], title=stored.get("title", ""), url=stored.get("url") or None,
        outlet=stored.get("outlet"), published=stored.get("published"),
        routes=_split(stored.get("route")), primary_route=stored.get("primary_route"),
        crossings=_split(stored.get("crossing")), cited_sources=_split(stored.get("cites")),
        cluster=stored.get("cluster", stored["id"]), lang=stored.get("lang") or None,
    )


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v for v in (value or "").split(",") if v)


def _article_view(state: _OpenIndex, docnum: int, terms: frozenset[str]) -> ArticleView:
    stored = state.searcher.stored_fields(docnum)
    details = json.loads(stored.get("details") or "{}")
    summary = _summary(stored)
    members = tuple(ArticleSummary(**_summary(state.searcher.stored_fields(d)))
                    for d in state.catalog.members(summary["cluster"]) if d != docnum)
    body = stored.get("body", "")
    return ArticleView(
        **summary, route_evidence=tuple(details.get("route_evidence", ())),
        provenance=details.get("provenance", {}), body=body,
        body_html=highlight_text(body, terms, text_analyzer()),
        cluster_members=members, origin=details.get("origin", ""),
    )
