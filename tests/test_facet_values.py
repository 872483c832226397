"""Facet values as people type them (issue 15 item 3) and undated articles as a year value
(issue 12 item 3): route, crossing and year values match without case and are checked
against their vocabulary; outlet and cited-source values match without case and spacing;
a value that matches no article says so; "undated" finds the articles without a date, with
its count, and stays out of date ranges. Against a real index of the seeds plus one
undated article written here, through the engine, the CLI and the web app."""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from search import Engine, QueryError, SearchResult, Settings, bundled_seeds, ingest, request_from_params
from search.cli import main
from web import create_app
from web.views import EXTENSION

UNDATED_ARTICLE = """Soldier crosses the line on foot in winter fog

A North Korean soldier walked across the Military Demarcation Line in thick fog and was taken into custody, officials said.

The soldier was unarmed and asked to stay in the South, the military said.
"""


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    folder = tmp_path_factory.mktemp("undated")
    (folder / "fog-crossing.txt").write_text(UNDATED_ARTICLE, encoding="utf-8")
    settings = Settings(index_dir=folder / "index")
    report = ingest([bundled_seeds(), folder], settings)
    assert report.indexed == 6 and not report.failed, report
    return settings


@pytest.fixture(scope="module")
def engine(settings: Settings) -> Iterator[Engine]:
    engine = Engine(settings)
    yield engine
    engine.close()


@pytest.fixture(scope="module")
def app(settings: Settings) -> Iterator[Flask]:
    app = create_app({"TESTING": True, "SEARCH_SETTINGS": settings})
    yield app
    app.extensions[EXTENSION].close()


def run(engine: Engine, settings: Settings, **params: str | list[str]) -> SearchResult:
    as_lists = {k: v if isinstance(v, list) else [v] for k, v in params.items()}
    return engine.search(request_from_params(as_lists, settings))


def facet(result: SearchResult, name: str) -> dict[str, tuple[int, bool, bool]]:
    found = next(f for f in result.facets if f.name == name)
    return {v.value: (v.count, v.selected, v.matches_nothing) for v in found.values}


# --- vocabulary facets: any case, checked -------------------------------------------------

@pytest.mark.parametrize("spelling", ["sea", "Sea", "SEA", "By sea"])
def test_route_values_match_without_case(engine: Engine, settings: Settings, spelling: str) -> None:
    result = run(engine, settings, q="soldier", route=spelling)
    assert result.total == run(engine, settings, q="soldier", route="sea").total > 0
    assert facet(result, "route")["sea"][1] is True


@pytest.mark.parametrize(("params", "named"), [
    ({"route": "boat"}, "route: 'boat' is not a route; use one of jsa, dmz, sea"),
    ({"exclude_crossing": "flight"}, "exclude_crossing: 'flight' is not a crossing; use one of defection,"),
    ({"primary_route": "Seoul"}, "primary_route: 'Seoul' is not a route"),
    ({"year": "2019x"}, "year: '2019x' is not a year; use four digits (2019) or undated"),
    ({"q": "soldier route:boat"}, "q: route:boat: 'boat' is not a route"),
    ({"q": "year:17"}, "q: year:17: '17' is not a year"),
])
def test_values_outside_a_vocabulary_are_refused_naming_the_allowed_ones(
        engine: Engine, settings: Settings, params: dict, named: str) -> None:
    with pytest.raises(QueryError) as raised:
        run(engine, settings, **params)
    assert named in str(raised.value)


def test_a_valid_value_no_article_has_is_shown_as_matching_nothing(engine: Engine, settings: Settings) -> None:
    result = run(engine, settings, q="soldier", route="China")
    assert result.total == 0
    assert facet(result, "route")["china"] == (0, True, True)
    assert result.notices == ("route: 'china' matches no article in the index",)


# --- open facets: any case, any spacing ---------------------------------------------------

@pytest.mark.parametrize("spelling", ["breitbart", "BREITBART", " Breit bart "])
def test_outlet_values_match_without_case_and_spacing(engine: Engine, settings: Settings, spelling: str) -> None:
    result = run(engine, settings, outlet=spelling)
    assert result.total == 1 and result.results[0].outlet == "Breitbart"
    assert facet(result, "outlet")["Breitbart"][:2] == (1, True)
    assert not result.notices


@pytest.mark.parametrize(("q", "expected"), [("outlet:breitbart", 1), ('outlet:"al jazeera"', 1),
                                             ("cites:yonhap", 3), ('cites:"un command"', 3),
                                             ("route:Sea", 2), ("soldier route:JSA", 5)])
def test_field_terms_in_the_query_match_without_case(engine: Engine, settings: Settings, q: str, expected: int) -> None:
    assert run(engine, settings, q=q).total == expected


def test_an_unknown_outlet_is_reported_not_silently_empty(engine: Engine, settings: Settings) -> None:
    result = run(engine, settings, outlet="Nowhere Daily")
    assert result.total == 0
    assert facet(result, "outlet")["Nowhere Daily"] == (0, True, True)
    assert result.notices == ("outlet: 'Nowhere Daily' matches no article in the index",)
    assert run(engine, settings, q="outlet:nowhere").notices == ("q: outlet:'nowhere' matches no article in the index",)


def test_undated_in_an_index_without_undated_articles_says_so(seeded_settings: Settings) -> None:
    seeds = Engine(seeded_settings)  # the five seeds, all dated
    try:
        result = run(seeds, seeded_settings, q="year:undated")
        assert result.total == 0 and result.notices == ("q: year:'undated' matches no article in the index",)
        assert run(seeds, seeded_settings, year="undated").notices == ("year: 'undated' matches no article in the index",)
    finally:
        seeds.close()


# --- undated articles (issue 12 item 3) ---------------------------------------------------

def test_undated_is_a_year_value_with_its_count(engine: Engine, settings: Settings) -> None:
    years = facet(run(engine, settings), "year")
    assert years["undated"][0] == 1 and years["2017"][0] == 5
    result = run(engine, settings, year="Undated")
    assert [hit.title for hit in result.results] == ["Soldier crosses the line on foot in winter fog"]
    assert result.results[0].published is None
    assert run(engine, settings, q="year:undated fog").total == 1
    assert run(engine, settings, exclude_year="undated").total == 5


def test_date_ranges_leave_undated_articles_out(engine: Engine, settings: Settings) -> None:
    assert run(engine, settings, q="soldier").total == 6
    assert run(engine, settings, q="soldier", **{"from": "1900"}).total == 5
    assert run(engine, settings, q="soldier", **{"to": "2100-12"}).total == 5
    assert run(engine, settings, year="undated", **{"from": "1900"}).total == 0


# --- the CLI ------------------------------------------------------------------------------

@pytest.mark.parametrize(("args", "message"), [
    (["boat", "--route", "Boat"], "error: route: 'Boat' is not a route; use one of jsa,"),
    (["", "--year", "2019x"], "error: year: '2019x' is not a year"),
    (["", "--exclude-crossing", "x"], "error: exclude_crossing: 'x' is not a crossing"),
])
def test_cli_refuses_a_value_outside_the_vocabulary_with_exit_2(
        settings: Settings, capsys: pytest.CaptureFixture, args: list[str], message: str) -> None:
    assert main(["query", *args, "--index-dir", str(settings.index_dir)]) == 2
    assert message in capsys.readouterr().err


def test_cli_matches_without_case_and_notes_values_that_match_nothing(
        settings: Settings, capsys: pytest.CaptureFixture) -> None:
    assert main(["query", "soldier", "--route", "Sea", "--json", "--index-dir", str(settings.index_dir)]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 2
    assert main(["query", "", "--outlet", "nowhere", "--index-dir", str(settings.index_dir)]) == 0
    assert "note: outlet: 'nowhere' matches no article in the index" in capsys.readouterr().err


def test_cli_year_undated(settings: Settings, capsys: pytest.CaptureFixture) -> None:
    assert main(["query", "", "--year", "undated", "--json", "--index-dir", str(settings.index_dir)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["total"] == 1 and out["results"][0]["published"] is None
    years = {v["value"]: v["count"] for f in out["facets"] if f["name"] == "year" for v in f["values"]}
    assert years["undated"] == 1


# --- the web app --------------------------------------------------------------------------

def test_api_refuses_an_unknown_route_with_400_naming_it(app: Flask) -> None:
    answer = app.test_client().get("/api/search?route=boat")
    assert answer.status_code == 400
    assert "route: 'boat' is not a route; use one of jsa" in answer.get_json()["error"]


def test_page_with_a_value_in_another_case_ticks_the_indexed_value(app: Flask) -> None:
    page = app.test_client().get("/?outlet=breitbart").get_data(as_text=True)
    assert "<strong>1</strong> article" in page
    ticked = re.search(r'<li class="facet-value selected">\s*<a class="toggle" href="([^"]*)".*?'
                       r'<span class="label">([^<]*)</span>', page, flags=re.DOTALL)
    assert ticked and ticked.groups() == ("/", "Breitbart")  # the tick removes ?outlet=breitbart itself
    assert "matches no article" not in page


def test_page_shows_a_value_that_matches_nothing_as_such_with_a_way_to_remove_it(app: Flask) -> None:
    page = app.test_client().get("/?route=China&q=soldier").get_data(as_text=True)
    assert "facet-value selected matches-nothing" in page
    assert "route: &#39;china&#39; matches no article in the index" in page
    assert 'class="chip" href="/?q=soldier"' in page


def test_api_and_page_offer_undated_as_a_year(app: Flask) -> None:
    data = app.test_client().get("/api/search?year=undated").get_json()
    assert data["total"] == 1
    undated = next(v for f in data["facets"] if f["name"] == "year" for v in f["values"] if v["value"] == "undated")
    assert undated["count"] == 1 and undated["selected"] and undated["label"] == "Undated"
    page = app.test_client().get("/").get_data(as_text=True)
    assert '<span class="label">Undated</span>' in page
