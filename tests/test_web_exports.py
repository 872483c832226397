"""Feeds and exports of the current search: formats, provenance, limits, spreadsheet safety."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import replace
from xml.etree import ElementTree as ET

import pytest
from flask import Flask
from flask.testing import FlaskClient

from search import Engine, Hit, SearchRequest, Settings
from web import create_app, exports
from web.views import EXTENSION

ATOM = "{http://www.w3.org/2005/Atom}"
OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"


@pytest.fixture()
def app(seeded_settings: Settings) -> Iterator[Flask]:
    app = create_app({"TESTING": True, "SEARCH_SETTINGS": seeded_settings})
    yield app
    app.extensions[EXTENSION].close()


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def _hit(**changes: object) -> Hit:
    base = Hit(id="abc123", title="A title", url="https://example.org/a", outlet="Yonhap",
               published="2019-07-04", routes=("sea",), primary_route="sea", crossings=("defection",),
               cited_sources=("Unification Ministry",), snippet="a <mark>boat</mark> &amp; crew",
               score=1.5, cluster="abc123", cluster_size=1)
    return replace(base, **changes)


def _meta(**changes: object) -> exports.ExportMeta:
    base = exports.ExportMeta(query="boat", parsed_query="body:boat", filters=(("route", "sea"),),
                              index_built_at="2026-01-01T00:00:00+00:00", count=1, rows=1, truncated=False,
                              generated_at="2026-01-02T00:00:00+00:00", search_url="http://x/?q=boat")
    return replace(base, **changes)


def _page(article_id: str) -> str:
    return f"http://x/articles/{article_id}"


def _csv_rows(body: bytes) -> list[list[str]]:
    assert body.startswith("\ufeff".encode("utf-8"))
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def _table(rows: list[list[str]]) -> list[dict[str, str]]:
    start = rows.index([]) + 1
    header = rows[start]
    return [dict(zip(header, row)) for row in rows[start + 1:]]


# --- through the app ----------------------------------------------------------------------

def test_csv_export_records_the_search_and_lists_every_match(client: FlaskClient) -> None:
    response = client.get("/export.csv?q=soldier&route=jsa")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert 'attachment; filename="defection-search.csv"' == response.headers["Content-Disposition"]
    rows = _csv_rows(response.data)
    meta = {row[0]: row[1] for row in rows[: rows.index([])]}
    assert meta["# query"] == "soldier" and "soldier" in meta["# parsed_query"]
    assert meta["# filters"] == "route=jsa" and meta["# index_built_at"].startswith("20")
    table = _table(rows)
    assert int(meta["# count"]) == len(table) == client.get("/api/search?q=soldier&route=jsa").get_json()["total"]
    assert all("jsa" in row["routes"] and "<mark>" not in row["snippet"] for row in table)
    assert all(row["article_page"].startswith("http://localhost/articles/") for row in table)


def test_json_export_has_meta_and_results(client: FlaskClient) -> None:
    data = json.loads(client.get("/export.json?exclude_route=sea").data)
    assert data["meta"]["filters"] == [["exclude_route", "sea"]]
    assert data["meta"]["count"] == len(data["results"]) and not data["meta"]["truncated"]
    assert all("sea" not in row["routes"] for row in data["results"])


def test_ris_export_has_one_record_per_article(client: FlaskClient) -> None:
    body = client.get("/export.ris?q=soldier").data.decode()
    count = client.get("/api/search?q=soldier").get_json()["total"]
    assert body.count("TY  - NEWS") == body.count("ER  - ") == count
    assert "N1  - query: soldier;" in body and "index_built_at:" in body


def test_bibtex_export_has_a_comment_and_entries(client: FlaskClient) -> None:
    body = client.get("/export.bib?q=soldier").data.decode()
    assert body.startswith("@comment{defection-search export")
    assert body.count("@article{") == client.get("/api/search?q=soldier").get_json()["total"]


def test_atom_feed_is_valid_xml_with_opensearch_counts(client: FlaskClient) -> None:
    response = client.get("/search.atom?q=soldier&sort=newest")
    assert response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.data)
    entries = feed.findall(f"{ATOM}entry")
    assert entries and feed.find(f"{OPENSEARCH}totalResults").text == str(len(entries))
    assert feed.find(f"{OPENSEARCH}Query").get("searchTerms") == "soldier"
    dates = [e.find(f"{ATOM}updated").text for e in entries]
    assert dates == sorted(dates, reverse=True)
    assert all(e.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("http://localhost/articles/") for e in entries)


def test_opensearch_description_points_at_search_atom_and_json(client: FlaskClient) -> None:
    root = ET.fromstring(client.get("/opensearch.xml").data)
    templates = {u.get("type"): u.get("template") for u in root.findall(f"{OPENSEARCH}Url")}
    assert templates["text/html"] == "http://localhost/?q={searchTerms}"
    assert templates["application/atom+xml"].startswith("http://localhost/search.atom?q=")
    assert templates["application/json"].startswith("http://localhost/api/search?q=")


def test_exports_reject_bad_queries_with_400(client: FlaskClient) -> None:
    for url in ("/export.csv?q=*a", "/search.atom?page=999", "/export.bib?from=nope"):
        assert client.get(url).status_code == 400, url


# --- the format writers -------------------------------------------------------------------

@pytest.mark.parametrize("dangerous", ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\r=1"])
def test_csv_cells_never_start_a_formula(dangerous: str) -> None:
    body = exports.to_csv(_meta(query=dangerous), [_hit(title=dangerous, outlet=dangerous)], _page)
    rows = _csv_rows(body)
    cells = [cell for row in rows for cell in row]
    assert all(not cell.startswith(exports.CSV_FORMULA_STARTS) for cell in cells)
    assert "'" + dangerous in cells


def test_csv_keeps_non_ascii_text() -> None:
    body = exports.to_csv(_meta(query="판문점"), [_hit(title="Panmunjŏm 판문점")], _page)
    assert _table(_csv_rows(body))[0]["title"] == "Panmunjŏm 판문점"


def test_bibtex_escapes_special_characters() -> None:
    body = exports.to_bibtex(_meta(), [_hit(title="50% of {defectors} & #1 _x_ $")], _page)
    assert r"title = {50\% of \{defectors\} \& \#1 \_x\_ \$}" in body


def test_ris_lines_stay_on_one_line() -> None:
    body = exports.to_ris(_meta(), [_hit(title="two\nlines")], _page)
    assert "TI  - two lines\r\n" in body


def test_collect_hits_stops_at_the_export_limits(seeded_settings: Settings) -> None:
    small = replace(seeded_settings, page_size_max=2, page_max=5, export_rows_max=3)
    engine = Engine(small)
    try:
        result, hits = exports.collect_hits(engine, SearchRequest(), small)
        assert result.total == 5 and len(hits) == 3 and len({h.id for h in hits}) == 3
        meta = exports.export_meta(SearchRequest(), result, hits, "built", "url")
        assert meta.truncated and meta.rows == 3 and meta.count == 5
    finally:
        engine.close()
