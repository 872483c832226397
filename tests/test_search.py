"""Searching a real on-disk index of the seeds: words, expansions, suggestions, facets, limits."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest

from search import Engine, QueryError, SearchResult, Settings, request_from_params

SEED_OF = {}  # title prefix -> seed number, filled lazily from the index


def run(engine: Engine, settings: Settings, **params: object) -> SearchResult:
    as_lists = {k: v if isinstance(v, list) else [str(v)] for k, v in params.items()}
    return engine.search(request_from_params(as_lists, settings))


def seeds_found(engine: Engine, settings: Settings, q: str) -> set[str]:
    by_id = {hit.id: hit.title for hit in run(engine, settings, page_size=50).results}
    numbers = {title: n for n, title in enumerate(sorted(by_id.values(), key=_seed_order))}
    return {f"{numbers[hit.title]:03d}" for hit in run(engine, settings, q=q, page_size=50).results}


def _seed_order(title: str) -> int:
    order = ["North Korean Soldier Is Shot", "North Korean soldier defects across DMZ", "Video: North Korean",
             "Dramatic video", "North Korean Soldier Defects to South Korea"]
    return next(i for i, prefix in enumerate(order) if title.startswith(prefix))


@pytest.mark.parametrize("word", ["boyband", "Rodman", "Hitchens", "kayaking", "bloggers", "Permalink"])
def test_stripped_text_finds_nothing(engine: Engine, seeded_settings: Settings, word: str) -> None:
    assert run(engine, seeded_settings, q=word).total == 0


def test_words_phrases_and_expansions(engine: Engine, seeded_settings: Settings) -> None:
    assert seeds_found(engine, seeded_settings, "worms") == {"002", "003"}
    assert "000" in seeds_found(engine, seeded_settings, "Panmunjom")
    assert seeds_found(engine, seeded_settings, "Oh Chung-sung") == {"004"}
    assert seeds_found(engine, seeded_settings, "Oh Chong Song") == {"004"}
    assert seeds_found(engine, seeded_settings, '"parasitic worms"') == {"002"}
    assert seeds_found(engine, seeded_settings, "worms NOT parasitic") == {"003"}
    assert seeds_found(engine, seeded_settings, "lawyer OR hepatitis") == {"003", "004"}
    assert seeds_found(engine, seeded_settings, "K-3") == {"004"}  # one-character tokens count
    assert seeds_found(engine, seeded_settings, '"hepatitis B"') == {"003"}
    assert seeds_found(engine, seeded_settings, "KPA") == {"003"}


def test_expansions_are_reported(engine: Engine, seeded_settings: Settings) -> None:
    result = run(engine, seeded_settings, q="Panmunjom")
    expansion = next(e for e in result.expansions if e.term == "Panmunjom")
    assert {"jsa", "joint security area"} <= set(expansion.variants)
    assert "jsa" in result.parsed_query
    names = run(engine, seeded_settings, q="Oh Chung-sung").expansions
    assert names and names[0].kind == "romanisation" and "oh chong song" in names[0].variants


@pytest.mark.parametrize("typed, meant", [("Panmunjon", "panmunjom"), ("defecter", "defector")])
def test_did_you_mean(engine: Engine, seeded_settings: Settings, typed: str, meant: str) -> None:
    assert run(engine, seeded_settings, q=f"soldier {typed}").suggestion == f"soldier {meant}"


def test_no_suggestion_for_known_words(engine: Engine, seeded_settings: Settings) -> None:
    assert run(engine, seeded_settings, q="soldier worms").suggestion is None


def facet_counts(result: SearchResult, name: str) -> dict[str, int]:
    facet = next(f for f in result.facets if f.name == name)
    return {v.value: v.count for v in facet.values}


def test_seed_facets_match_sources(engine: Engine, seeded_settings: Settings) -> None:
    everything = run(engine, seeded_settings)
    assert facet_counts(everything, "route") == {"jsa": 5, "dmz": 2, "sea": 2}
    assert facet_counts(everything, "primary_route") == {"jsa": 3, "dmz": 2}
    assert facet_counts(everything, "crossing") == {"defection": 5}
    assert facet_counts(everything, "year") == {"2017": 5}
    assert everything.sort == "newest"
    assert [h.published for h in everything.results][:2] == ["2017-12-21", "2017-12"]


def test_disjunctive_facets_and_exclusion(engine: Engine, seeded_settings: Settings) -> None:
    result = run(engine, seeded_settings, primary_route="dmz")
    assert result.total == 2
    assert facet_counts(result, "primary_route") == {"jsa": 3, "dmz": 2}  # own selection ignored
    assert facet_counts(result, "route") == {"dmz": 2, "jsa": 2, "sea": 2}
    both = run(engine, seeded_settings, primary_route=["dmz", "jsa"])
    assert both.total == 5
    excluded = run(engine, seeded_settings, exclude_route="sea")
    assert excluded.total == 3
    value = next(v for f in excluded.facets if f.name == "route" for v in f.values if v.value == "sea")
    assert value.excluded and not value.selected and value.count == 2
    assert run(engine, seeded_settings, primary_route="jsa", outlet="Al Jazeera").total == 0


def test_date_range_and_sorting(engine: Engine, seeded_settings: Settings) -> None:
    november = run(engine, seeded_settings, **{"from": "2017-11-01", "to": "2017-11-30"})
    assert november.total == 3
    december = run(engine, seeded_settings, **{"from": "2017-12-15"})
    assert {h.published for h in december.results} == {"2017-12-21", "2017-12"}
    oldest = run(engine, seeded_settings, q="soldier", sort="oldest")
    assert oldest.results[0].published == "2017-11-13"


def test_timeline_counts_months_by_primary_route(engine: Engine, seeded_settings: Settings) -> None:
    bars = {(b.month, b.route): b.count for b in run(engine, seeded_settings).timeline}
    assert bars == {("2017-11", "jsa"): 3, ("2017-12", "dmz"): 2}


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.add(tag)


def test_snippets_mark_matches_and_contain_no_other_tags(engine: Engine, seeded_settings: Settings) -> None:
    result = run(engine, seeded_settings, q="worms")
    for hit in result.results:
        assert "<mark>" in hit.snippet
        collector = _TagCollector()
        collector.feed(hit.snippet)
        assert collector.tags == {"mark"}


def test_paging(engine: Engine, seeded_settings: Settings) -> None:
    first = run(engine, seeded_settings, page_size=2)
    second = run(engine, seeded_settings, page_size=2, page=2)
    assert (first.pages, len(first.results), len(second.results)) == (3, 2, 2)
    assert not {h.id for h in first.results} & {h.id for h in second.results}


@pytest.mark.parametrize("params, message", [
    ({"q": "x" * 513}, "max_query_chars"),
    ({"q": "*a*"}, "wildcard cannot start"),
    ({"q": "ab*"}, "wildcard_min_prefix_chars"),
    ({"q": "/def.*/"}, "regular expressions"),
    ({"q": "(" * 9 + "a" + ")" * 9}, "max_query_nesting"),
    ({"q": " ".join(["w"] * 33)}, "max_query_terms"),
    ({"q": "bogus:field"}, "unknown field"),
    ({"q": "x-body:de*"}, "wildcard_min_prefix_chars"),  # a field inside a token is still checked
    ({"q": "a%title:*"}, "wildcard cannot start"),
    ({"q": "title:[a TO z]"}, "range"),
    ({"page": "51"}, "page_max"),
    ({"page_size": "51"}, "page_size_max"),
    ({"page": "two"}, "whole number"),
    ({"route": [f"v{i}" for i in range(51)]}, "facet_values_max"),
    ({"sort": "random"}, "sort"),
    ({"from": "2017-13-01"}, "not a date"),
])
def test_each_limit_gives_a_clear_error(engine: Engine, seeded_settings: Settings, params: dict, message: str) -> None:
    with pytest.raises(QueryError, match=message.replace("*", r"\*")):
        run(engine, seeded_settings, **params)


def test_article_view_and_similar(engine: Engine, seeded_settings: Settings) -> None:
    hit = run(engine, seeded_settings, q="lawyer").results[0]
    article = engine.article(hit.id, q="lawyer")
    assert article.outlet == "The Talking Democrat" and article.provenance["outlet"] == "sidecar"
    assert "<mark>lawyer</mark>" in article.body_html
    assert any(e["route"] == "sea" for e in article.route_evidence)
    assert engine.article("0" * 16) is None and engine.article("../../etc/passwd") is None
    similar = engine.similar(hit.id)
    assert similar and hit.id not in {s.id for s in similar}


def test_snippet_fragments_are_short_and_never_overlap(engine: Engine, seeded_settings: Settings) -> None:
    import html
    for hit in run(engine, seeded_settings, q="soldier").results:
        body = " ".join(engine.article(hit.id).body.split())
        shown = html.unescape(hit.snippet.replace("<mark>", "").replace("</mark>", ""))
        fragments = shown.removeprefix("\u2026 ").removesuffix(" \u2026").split(" \u2026 ")
        spans, cursor = [], 0
        for fragment in fragments:
            start = body.index(fragment.strip(), cursor)
            spans.append((start, start + len(fragment.strip())))
            cursor = spans[-1][1]
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))
        assert len(hit.snippet) < 4 * seeded_settings.snippet_chars
