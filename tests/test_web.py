"""The web front end through Flask's test client, against a real index of the seeds."""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from flask import Flask, url_for
from flask.testing import FlaskClient, FlaskCliRunner
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from search import ROUTES, SORTS, Settings, request_from_params
from web import bp, create_app, init_search, links, serving
from web.views import EXTENSION

ALLOWED_ORIGIN = "https://allowed.example"
FRAMING_SITE = "https://host.example"
JSA_ARTICLE = "6b9dfbd94ea468cb"  # Breitbart, 2017-11-22, route jsa


def _close(app: Flask) -> None:
    app.extensions[EXTENSION].close()


@pytest.fixture()
def app(seeded_settings: Settings) -> Iterator[Flask]:
    app = create_app({"TESTING": True, "SEARCH_SETTINGS": seeded_settings,
                      "CORS_ORIGINS": [ALLOWED_ORIGIN], "FRAME_ANCESTORS": ["'self'", FRAMING_SITE]})
    yield app
    _close(app)


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture()
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


class _Page(HTMLParser):
    """Collects the tags of a page, to check links and attributes without regex over HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def find(self, tag: str, **wanted: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k.rstrip("_")) == v for k, v in wanted.items())]


def parse(html: bytes) -> _Page:
    page = _Page()
    page.feed(html.decode("utf-8"))
    return page


def query_of(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query)


def facet_value(data: dict, facet: str, value: str) -> dict:
    facet_json = next(f for f in data["facets"] if f["name"] == facet)
    return next(v for v in facet_json["values"] if v["value"] == value)


# --- every route --------------------------------------------------------------------------

def _sample_url(app: Flask, rule) -> str:
    values = {"article_id": JSA_ARTICLE, "filename": "site.css"}
    with app.test_request_context():
        return url_for(rule.endpoint, **{k: values[k] for k in rule.arguments})


def test_every_get_route_answers_with_security_headers(app: Flask, client: FlaskClient) -> None:
    rules = [r for r in app.url_map.iter_rules() if "GET" in r.methods]
    assert len(rules) >= 13
    for rule in rules:
        url = _sample_url(app, rule)
        response = client.get(url)
        assert response.status_code == 200, url
        csp = response.headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "style-src 'self'" in csp, url
        assert "unsafe-inline" not in csp and "frame-ancestors" in csp, url
        assert response.headers["X-Content-Type-Options"] == "nosniff", url
        assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin", url


def test_error_answers_carry_security_headers_too(client: FlaskClient) -> None:
    for url in ("/nowhere", "/?q=*a", "/articles/nope"):
        response = client.get(url)
        assert response.status_code in (400, 404)
        assert "frame-ancestors 'self'" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_only_embed_may_be_framed_by_the_configured_sites(client: FlaskClient) -> None:
    embed = client.get("/embed?q=soldier").headers["Content-Security-Policy"]
    assert f"frame-ancestors 'self' {FRAMING_SITE}" in embed
    for url in ("/", "/embed-code", f"/articles/{JSA_ARTICLE}", "/api/search"):
        csp = client.get(url).headers["Content-Security-Policy"]
        assert csp.endswith("frame-ancestors 'self'"), url


def test_pages_have_no_inline_script_style_or_handlers(client: FlaskClient) -> None:
    for url in ("/?q=soldier&route=jsa", "/embed?q=soldier", f"/articles/{JSA_ARTICLE}?q=jsa",
                "/embed-code?q=x", "/?q=*a"):
        page = parse(client.get(url).data)
        for tag, attrs in page.tags:
            assert "style" not in attrs, (url, tag)
            assert not any(name.startswith("on") for name in attrs), (url, tag)
            if tag == "script":
                assert attrs.get("type") == "application/ld+json", url
        assert page.find("link", rel="search", type="application/opensearchdescription+xml"), url
        assert page.find("link", rel="stylesheet"), url
        assert all(not (a.get("href") or "").startswith(("http://", "https://", "//"))
                   for t, a in page.tags if t in ("link", "script", "img")), url


def test_pages_have_landmarks_and_a_labelled_query_box(client: FlaskClient) -> None:
    page = parse(client.get("/?q=soldier").data)
    for tag in ("header", "nav", "main", "aside", "footer"):
        assert any(t == tag for t, _ in page.tags), tag
    assert page.find("label", for_="q") and page.find("input", id="q", name="q")
    assert page.find("form", method="get", role="search")


# --- search page --------------------------------------------------------------------------

def test_search_page_lists_results_with_article_links_carrying_the_query(client: FlaskClient) -> None:
    response = client.get("/?q=defector")
    assert response.status_code == 200
    html = response.data.decode()
    assert "<mark>defector</mark>" in html
    assert re.search(r"<strong>\d+</strong> articles?", html) and " ms</span>" in html
    article_links = [a["href"] for a in parse(response.data).find("a") if (a.get("href") or "").startswith("/articles/")]
    assert article_links and all(("q", "defector") in query_of(href) for href in article_links)


def test_facet_toggle_selects_then_deselects_a_route(client: FlaskClient) -> None:
    everything = client.get("/api/search?q=soldier").get_json()
    jsa = facet_value(everything, "route", "jsa")
    assert not jsa["selected"] and ("route", "jsa") in query_of(jsa["toggle_url"])
    html_page = parse(client.get("/?q=soldier").data)
    toggle = next(a["href"] for a in html_page.find("a", class_="toggle") if ("route", "sea") in query_of(a["href"]))
    selected = client.get(toggle.replace("/?", "/api/search?"))
    data = selected.get_json()
    assert facet_value(data, "route", "sea")["selected"]
    assert data["total"] == facet_value(everything, "route", "sea")["count"] < everything["total"]
    back = facet_value(data, "route", "sea")["toggle_url"]
    assert ("route", "sea") not in query_of(back) and ("q", "soldier") in query_of(back)


def test_facet_values_or_together_and_exclusion_removes(client: FlaskClient) -> None:
    total = client.get("/api/search").get_json()["total"]
    sea = client.get("/api/search?route=sea").get_json()["total"]
    not_sea = client.get("/api/search?exclude_route=sea").get_json()
    assert sea + not_sea["total"] == total
    assert facet_value(not_sea, "route", "sea")["excluded"]
    both = client.get("/api/search?route=sea&route=jsa").get_json()["total"]
    assert both >= sea


def test_chips_remove_one_filter_each(client: FlaskClient) -> None:
    page = parse(client.get("/?q=soldier&route=jsa&exclude_route=sea&from=2017&to=2017-12").data)
    chips = [a["href"] for a in page.find("a", class_="chip")]
    assert len(chips) == 4
    assert all(("q", "soldier") in query_of(href) for href in chips)
    assert any(("route", "jsa") not in query_of(href) and ("exclude_route", "sea") in query_of(href) for href in chips)


def test_definitions_are_at_hand_for_route_values(client: FlaskClient) -> None:
    html = client.get("/").data.decode()
    assert 'title="through the Joint Security Area at Panmunjom' in html
    assert '<details class="definition">' in html


def test_timeline_bars_link_to_their_month(client: FlaskClient) -> None:
    html = client.get("/?q=soldier").data.decode()
    assert '<svg class="timeline"' in html and "<title>2017-11:" in html
    bars = [a["href"] for t, a in parse(html.encode()).tags if t == "a" and ("from", "2017-11") in query_of(a.get("href") or "")]
    assert bars and ("to", "2017-11") in query_of(bars[0])
    month = client.get(bars[0].replace("&amp;", "&"))
    assert month.status_code == 200 and "from 2017-11-01" in month.data.decode()


def test_did_you_mean_is_a_link(client: FlaskClient) -> None:
    page = client.get("/?q=Panmunjon")
    assert "Did you mean" in page.data.decode()
    assert any(("q", "panmunjom") in query_of(a["href"]) for a in parse(page.data).find("a") if a.get("href"))


def test_empty_result_and_page_past_the_end_are_explained(client: FlaskClient) -> None:
    assert "Nothing found" in client.get("/?q=zzzqqq").data.decode()
    past = client.get("/?q=soldier&page=5")
    assert past.status_code == 200 and "no results on page 5" in past.data.decode()


def test_pagination_links(client: FlaskClient) -> None:
    data = client.get("/api/search?page_size=2").get_json()
    assert data["pages"] >= 2 and data["links"]["next"] and data["links"]["prev"] is None
    html = client.get("/?page_size=2&page=2").data
    assert parse(html).find("a", rel="prev") and parse(html).find("strong", **{"aria-current": "page"})


def test_query_text_is_escaped_everywhere(client: FlaskClient) -> None:
    html = client.get('/?q="<script>alert(1)</script>"').data.decode()
    assert "<script>alert" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize("url", ["/?q=*a", "/?page=999", "/?from=2017-13", "/?sort=best", "/?page_size=0"])
def test_bad_requests_are_400_with_the_message(client: FlaskClient, url: str) -> None:
    page = client.get(url)
    assert page.status_code == 400
    assert 'role="alert"' in page.data.decode()
    api = client.get(url.replace("/?", "/api/search?"))
    assert api.status_code == 400 and api.get_json()["status"] == 400 and api.get_json()["error"]


def test_missing_index_is_503_with_the_message(tmp_path: Path) -> None:
    app = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "none")})
    try:
        client = app.test_client()
        page = client.get("/")
        assert page.status_code == 503 and "defection-search index" in page.data.decode()
        api = client.get("/api/search")
        assert api.status_code == 503 and "no index" in api.get_json()["error"]
    finally:
        _close(app)


# --- article page -------------------------------------------------------------------------

def test_article_page_shows_text_provenance_evidence_and_citation_data(client: FlaskClient) -> None:
    response = client.get(f"/articles/{JSA_ARTICLE}?q=defector")
    assert response.status_code == 200
    html = response.data.decode()
    page = parse(response.data)
    assert "<mark>defector</mark>" in html and html.count("<p>") >= 5
    assert "(from the metadata file supplied with it)" in html
    assert "Oh is the first soldier to defect through the JSA since 2007." in html
    assert page.find("meta", name="citation_title") and page.find("meta", name="citation_publication_date", content="2017/11/22")
    assert page.find("meta", name="citation_publisher", content="Breitbart") and page.find("meta", name="citation_public_url")
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert ld["@type"] == "NewsArticle" and ld["publisher"]["name"] == "Breitbart"
    assert 'id="versions"' in html and "Similar articles" in html


@pytest.mark.parametrize("article_id", ["nope", "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f", "..", "%00", "a%00b",
                                        "x" * 65, "%2e%2e%2fseeds%2fmetadata.json"])
def test_bad_article_ids_are_404(client: FlaskClient, article_id: str) -> None:
    assert client.get(f"/articles/{article_id}").status_code == 404
    api = client.get(f"/api/articles/{article_id}")
    assert api.status_code == 404
    assert api.get_json()["status"] == 404


def test_article_page_with_a_bad_query_is_400(client: FlaskClient) -> None:
    assert client.get(f"/articles/{JSA_ARTICLE}?q=*a").status_code == 400
    assert client.get(f"/api/articles/{JSA_ARTICLE}?q=" + "a" * 600).get_json()["status"] == 400


# --- JSON API -----------------------------------------------------------------------------

def test_api_search_shape(client: FlaskClient) -> None:
    data = client.get("/api/search?q=soldier&route=jsa").get_json()
    assert {"total", "total_collapsed", "page", "pages", "page_size", "results", "facets", "timeline",
            "query", "parsed_query", "suggestion", "expansions", "sort", "took_ms", "links"} <= set(data)
    hit = data["results"][0]
    assert {"id", "title", "url", "outlet", "published", "routes", "snippet", "cluster_size"} <= set(hit)
    assert data["links"]["html"].startswith("http://localhost/?") and ("route", "jsa") in query_of(data["links"]["self"])
    assert all(v["toggle_url"].startswith("http://localhost/api/search") for f in data["facets"] for v in f["values"])


def test_api_article_shape(client: FlaskClient) -> None:
    data = client.get(f"/api/articles/{JSA_ARTICLE}?q=jsa").get_json()
    assert data["id"] == JSA_ARTICLE and "<mark>" in data["body_html"]
    assert isinstance(data["similar"], list) and data["similar"] and "id" in data["similar"][0]
    assert data["links"]["html"].endswith(f"/articles/{JSA_ARTICLE}?q=jsa")
    assert {"route_evidence", "provenance", "cluster_members"} <= set(data)


def test_openapi_describes_both_endpoints(client: FlaskClient) -> None:
    doc = client.get("/api/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    search = doc["paths"]["/api/search"]["get"]
    names = {p["name"] for p in search["parameters"]}
    assert {"q", "route", "exclude_route", "from", "to", "sort", "page", "page_size", "collapse"} <= names
    assert "/api/articles/{article_id}" in doc["paths"]
    schemas = doc["components"]["schemas"]
    refs = re.findall(r'"#/components/schemas/(\w+)"', json.dumps(doc))
    assert refs and all(ref in schemas for ref in refs)
    assert "snippet" in schemas["Hit"]["properties"]


def test_every_html_page_has_a_json_twin(client: FlaskClient) -> None:
    for url in ("/?q=soldier&route=jsa", "/embed?q=soldier", f"/articles/{JSA_ARTICLE}?q=jsa"):
        twin = parse(client.get(url).data).find("link", rel="alternate", type="application/json")[0]["href"]
        answer = client.get(twin)
        assert answer.status_code == 200 and answer.is_json, url


def test_cors_only_for_allow_listed_origins(client: FlaskClient) -> None:
    allowed = client.get("/api/search", headers={"Origin": ALLOWED_ORIGIN})
    assert allowed.headers["Access-Control-Allow-Origin"] == ALLOWED_ORIGIN
    assert "Origin" in allowed.headers["Vary"]
    other = client.get("/api/search", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in other.headers
    page = client.get("/", headers={"Origin": ALLOWED_ORIGIN})
    assert "Access-Control-Allow-Origin" not in page.headers


# --- embed --------------------------------------------------------------------------------

def test_embed_links_open_in_the_top_window(client: FlaskClient) -> None:
    page = parse(client.get("/embed?q=soldier").data)
    articles = [a for a in page.find("a") if (a.get("href") or "").startswith("/articles/")]
    assert articles and all(a.get("target") == "_top" for a in articles)
    assert page.find("form", action="/embed")


def test_embed_code_gives_an_escaped_iframe_for_this_search(client: FlaskClient) -> None:
    html = client.get('/embed-code?q="><script>x</script>&route=jsa').data.decode()
    snippet = re.search(r"<textarea[^>]*>(.*?)</textarea>", html, re.S).group(1)
    assert snippet.startswith("&lt;iframe src=") and "<script>" not in html
    assert "/embed?q=" in snippet and "route=jsa" in snippet


# --- configuration and mounting ------------------------------------------------------------

def test_blueprint_mounts_under_a_prefix(seeded_settings: Settings) -> None:
    host = Flask("host")
    host.config.update(TESTING=True, SEARCH_SETTINGS=seeded_settings)
    init_search(host)
    host.register_blueprint(bp, url_prefix="/research")
    try:
        client = host.test_client()
        response = client.get("/research/?q=soldier")
        assert response.status_code == 200
        hrefs = [a["href"] for t, a in parse(response.data).tags if t in ("a", "link", "form") and a.get("href")]
        local = [h for h in hrefs if h.startswith("/")]
        assert local and all(h.startswith("/research/") for h in local), local
        assert parse(response.data).find("form", action="/research/")
        assert client.get("/research/static/site.css").status_code == 200
        assert client.get(f"/research/articles/{JSA_ARTICLE}").status_code == 200
        assert client.get("/research/api/search").get_json()["links"]["html"].startswith("http://localhost/research/")
    finally:
        _close(host)


def test_config_layers_environment_then_test_dict(monkeypatch: pytest.MonkeyPatch, seeded_settings: Settings) -> None:
    monkeypatch.setenv("DEFECTION_SEARCH_CORS_ORIGINS", "https://a.example, https://b.example")
    monkeypatch.setenv("DEFECTION_SEARCH_FRAME_ANCESTORS", "'self' https://c.example")
    app = create_app({"SEARCH_SETTINGS": seeded_settings, "FRAME_ANCESTORS": "https://d.example"})
    try:
        assert app.config["CORS_ORIGINS"] == ("https://a.example", "https://b.example")
        assert app.config["FRAME_ANCESTORS"] == ("https://d.example",)
    finally:
        _close(app)


def test_index_dir_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DEFECTION_SEARCH_INDEX", str(tmp_path / "from-env"))
    app = create_app()
    try:
        assert app.extensions[EXTENSION].settings.index_dir == tmp_path / "from-env"
    finally:
        _close(app)


@pytest.mark.parametrize("key, value", [("FRAME_ANCESTORS", "'self'; script-src *"),
                                        ("CORS_ORIGINS", "*"), ("CORS_ORIGINS", "https://a.example/path")])
def test_unsafe_header_config_is_refused(seeded_settings: Settings, key: str, value: str) -> None:
    with pytest.raises(ValueError, match=key):
        create_app({"SEARCH_SETTINGS": seeded_settings, key: value})


def test_seed_index_command_leaves_an_index_alone(runner: FlaskCliRunner) -> None:
    assert "already holds an index" in runner.invoke(args=["seed-index"]).output


def test_seed_index_command_fills_an_empty_folder(tmp_path: Path) -> None:
    app = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "fresh")})
    try:
        assert "indexed the seeds" in app.test_cli_runner().invoke(args=["seed-index"]).output
        assert app.test_client().get("/api/search").get_json()["total"] == 5
    finally:
        _close(app)


# --- links and serving --------------------------------------------------------------------

_words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=12)
_route_ids = st.lists(st.sampled_from([t.id for t in ROUTES]), max_size=3, unique=True)


@hypothesis_settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(q=_words, routes=_route_ids, excluded=_route_ids, outlet=_words, sort=st.sampled_from(SORTS),
       page=st.integers(1, 50))
def test_links_round_trip_and_toggle(app: Flask, q: str, routes: list[str], excluded: list[str],
                                     outlet: str, sort: str, page: int) -> None:
    settings = app.extensions[EXTENSION].settings
    params = {"q": [q], "route": routes, "exclude_route": excluded, "outlet": [outlet],
              "sort": [sort], "page": [str(page)]}
    search_request = request_from_params(params, settings)
    with app.test_request_context():
        def reparsed(url: str):
            pairs = query_of(url)
            return request_from_params({k: [v for n, v in pairs if n == k] for k, _ in pairs}, settings)

        assert reparsed(links.url_with(search_request, ".search_page")) == search_request
        toggled = reparsed(links.url_with(search_request, ".search_page", add=[("route", "air")],
                                          remove=[("route", "air")] if "air" in routes else []))
        assert toggled.page == search_request.page and toggled.q == search_request.q
        month = reparsed(links.month_url(search_request, ".search_page", "2017-11"))
        assert (str(month.date_from), str(month.date_to), month.page) == ("2017-11-01", "2017-11-30", 1)
        encoded = urlencode(search_request.to_params())  # the cached encoding is urlencode's
        assert links.url_with(search_request, ".search_page") == ("/?" + encoded if encoded else "/")


def test_results_json_is_asdicts() -> None:
    """SearchResult.to_json builds what dataclasses.asdict built, without its deep copies."""
    from dataclasses import asdict

    from search import Facet, FacetValue, Hit, SearchResult, TimelineBar
    from search.querying import Expansion

    hit = Hit(id="a", title="T", url=None, outlet="O", published="2017-11", routes=("jsa",),
              primary_route="jsa", crossings=(), cited_sources=("Yonhap",), cluster="a",
              snippet="<mark>x</mark>", score=1.5, cluster_size=1)
    result = SearchResult(
        total=1, total_collapsed=1, page=1, pages=1, page_size=10, results=(hit,),
        facets=(Facet("route", "Route", (FacetValue("jsa", "JSA", 1, True, False, "def"),)),),
        timeline=(TimelineBar("2017-11", "jsa", 1),), query="x", parsed_query="x", suggestion=None,
        expansions=(Expansion("x", ("y", "z"), "synonym"),), sort="relevance", took_ms=1.234)
    assert result.to_json() == asdict(result) | {"took_ms": 1.23}


def test_serve_seeds_an_empty_index_then_runs_waitress(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    started = {}

    class FakeServer:
        effective_host, effective_port = "127.0.0.1", 1234

        def run(self) -> None:
            started["status"] = self.app.test_client().get("/api/search").get_json()["total"]

        def close(self) -> None:
            started["closed"] = True

    def fake_create_server(app: Flask, host: str, port: int, threads: int, **options: object) -> FakeServer:
        server = FakeServer()
        server.app = app
        started["threads"] = threads
        return server

    monkeypatch.setattr(serving, "create_server", fake_create_server)
    (tmp_path / "index").mkdir()
    (tmp_path / "index" / ".gitkeep").touch()
    assert serving.serve(Settings(index_dir=tmp_path / "index"), host="127.0.0.1", port=0, threads=3, seed=True) == 0
    assert started == {"status": 5, "closed": True, "threads": 3}
