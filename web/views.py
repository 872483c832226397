"""The blueprint: search page, article page, embed, JSON API, feeds and exports.

Views only translate HTTP to search/'s API and back: parameters go to request_from_params
unchanged, and every URL on a page is built by web.links from the parsed request. A
QueryError is the user's mistake (400 with its message), IndexUnavailable the deployer's
(503 with its message); neither is ever a 500.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict
from functools import partial

from flask import Blueprint, Response, abort, current_app, jsonify, render_template, request, url_for
from markupsafe import Markup, escape

from search import (
    CROSSINGS, ROUTES, SORTS, ArticleView, Engine, Hit, IndexUnavailable, QueryError, SearchRequest,
    SearchResult, request_from_params,
)
from web import exports, links
from web.openapi import openapi_document
from web.security import add_cors_headers, add_security_headers, allow_framing_by
from web.timeline import render_timeline, timeline_legend

EXTENSION = "defection_search"
ARTICLE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
VERSIONS_SHOWN = 20
PAGE_WINDOW = 3  # page numbers shown either side of the current page
ROUTE_TERMS = {t.id: t for t in ROUTES}
CROSSING_TERMS = {t.id: t for t in CROSSINGS}
PROVENANCE_LABELS = {  # shown in parentheses after the value: "(from its URL)"
    "sidecar": "from the metadata file supplied with it", "json-ld": "from the page's JSON-LD",
    "html-meta": "from the page's meta tags", "url": "from its URL", "text": "from the article text",
    "default": "not found in the source",
}
EXPORT_FORMATS = {
    "csv": (exports.to_csv, "text/csv; charset=utf-8"),
    "json": (exports.to_json, "application/json; charset=utf-8"),
    "ris": (exports.to_ris, "application/x-research-info-systems; charset=utf-8"),
    "bib": (exports.to_bibtex, "application/x-bibtex; charset=utf-8"),
}

bp = Blueprint("defection_search", __name__, template_folder="templates",
               static_folder="static", static_url_path="/static")
bp.after_request(add_security_headers)


@bp.after_request
def _cors(response: Response) -> Response:
    """Machine-readable answers may be read by the allow-listed origins; pages may not."""
    if _is_data_endpoint():
        add_cors_headers(response, request.headers.get("Origin"), current_app.config["CORS_ORIGINS"])
    return response


@bp.context_processor
def _template_helpers() -> dict:
    return {"route_terms": ROUTE_TERMS, "crossing_terms": CROSSING_TERMS}


def engine() -> Engine:
    return current_app.extensions[EXTENSION]


def _parsed_request() -> SearchRequest:
    return request_from_params(request.args.to_dict(flat=False), engine().settings)


def _search() -> tuple[SearchRequest, SearchResult]:
    """The request as the index spells its values (its links are built from it), and its result."""
    search_request = engine().resolve(_parsed_request())
    return search_request, engine().search(search_request)


# --- HTML pages ---------------------------------------------------------------------------

@bp.get("/")
def search_page() -> str:
    search_request, result = _search()
    return render_template("search_page.html", **_search_context(search_request, result, ".search_page"))


@bp.get("/embed")
def embed_page() -> str:
    allow_framing_by(current_app.config["FRAME_ANCESTORS"])
    search_request, result = _search()
    return render_template("search_embed.html", **_search_context(search_request, result, ".embed_page"))


@bp.get("/embed-code")
def embed_code_page() -> str:
    search_request = _parsed_request()
    embed_url = links.url_with(search_request, ".embed_page", external=True)
    snippet = (f'<iframe src="{escape(embed_url)}" title="Defection search" width="100%" '
               f'height="640" loading="lazy"></iframe>')
    return render_template("search_embed_code.html", snippet=snippet, embed_url=embed_url,
                           search_request=search_request,
                           back_url=links.url_with(search_request, ".search_page"),
                           json_url=links.url_with(search_request, ".api_search"))


@bp.get("/articles/<article_id>")
def article_page(article_id: str) -> str:
    article, q = _article_or_404(article_id)
    similar = engine().similar(article.id)
    versions = article.cluster_members[:VERSIONS_SHOWN]
    return render_template(
        "search_article.html", article=article, q=q, similar=similar, versions=versions,
        paragraphs=_paragraphs(article.body_html), evidence=_evidence_by_route(article),
        provenance=_provenance(article), json_ld=_json_ld(article), article_url=links.article_url,
        search_url=links.url_with(SearchRequest(q=q), ".search_page"),
        json_url=links.article_url(article.id, q, ".api_article"))


def _search_context(search_request: SearchRequest, result: SearchResult, endpoint: str) -> dict:
    """Everything the results templates show, with every link already built."""
    first = max(1, result.page - PAGE_WINDOW)
    last = min(result.pages, result.page + PAGE_WINDOW)
    return {
        "search_request": search_request, "result": result,
        "facets": links.facet_panels(result, search_request, endpoint),
        "chips": links.filter_chips(result, search_request, endpoint),
        "sorts": links.sort_links(search_request, endpoint, SORTS),
        "pages": [(n, links.page_url(search_request, endpoint, n)) for n in range(first, last + 1)],
        "prev_url": links.page_url(search_request, endpoint, result.page - 1) if result.page > 1 else None,
        "next_url": links.page_url(search_request, endpoint, result.page + 1) if result.page < result.pages else None,
        "suggestion_url": links.query_url(search_request, endpoint, result.suggestion) if result.suggestion else None,
        "timeline": render_timeline(result.timeline, links.month_urls(search_request, endpoint)),
        "timeline_legend": timeline_legend(result.timeline),
        "hidden_params": [p for p in search_request.to_params() if p[0] not in ("q", "page")],
        "date_hidden_params": [p for p in search_request.to_params() if p[0] not in ("from", "to", "page")],
        "date_from": search_request.date_from.isoformat() if search_request.date_from else "",
        "date_to": search_request.date_to.isoformat() if search_request.date_to else "",
        "article_url": links.article_url,
        "links": links.result_links(search_request, result),
        "embed_code_url": links.url_with(search_request, ".embed_code_page"),
        "form_action": url_for(endpoint),
        "max_query_chars": engine().settings.max_query_chars,
    }


def _article_or_404(article_id: str) -> tuple[ArticleView, str]:
    """The article and the query to mark in it; ids that cannot be ids are refused unread."""
    if not ARTICLE_ID.match(article_id):
        abort(404)
    q = request.args.get("q", "").strip()
    article = engine().article(article_id, q=q)
    if article is None:
        abort(404)
    return article, q


def _paragraphs(body_html: str) -> list[Markup]:
    """The body's paragraphs; body_html is safe HTML whose only tags (<mark>) hold no newline."""
    return [Markup(p.strip()) for p in PARAGRAPH_BREAK.split(body_html) if p.strip()]


def _evidence_by_route(article: ArticleView) -> list[tuple[str, list[dict]]]:
    grouped: dict[str, list[dict]] = {route: [] for route in article.routes}
    for item in article.route_evidence:
        grouped.setdefault(item.get("route", "unknown"), []).append(item)
    return list(grouped.items())


def _provenance(article: ArticleView) -> dict[str, str]:
    return {name: PROVENANCE_LABELS.get(source, source) for name, source in article.provenance.items()}


def _json_ld(article: ArticleView) -> dict:
    page = links.article_url(article.id, external=True)
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": article.title,
            "url": article.url or page, "mainEntityOfPage": page, "identifier": article.id}
    if article.published:
        data["datePublished"] = article.published
    if article.outlet:
        data["publisher"] = {"@type": "Organization", "name": article.outlet}
    if article.routes:
        data["keywords"] = [ROUTE_TERMS[r].label if r in ROUTE_TERMS else r for r in article.routes]
    return data


# --- JSON API -----------------------------------------------------------------------------

@bp.get("/api/search")
def api_search() -> Response:
    search_request, result = _search()
    data = result.to_json()
    panels = links.facet_panels(result, search_request, ".api_search", external=True)
    for facet_json in data["facets"]:
        panel = next((p for p in panels if p.name == facet_json["name"]), None)
        for value_json, link in zip(facet_json["values"], panel.values if panel else ()):
            value_json |= {"toggle_url": link.toggle_url, "exclude_url": link.exclude_url}
    data["links"] = links.result_links(search_request, result, external=True)
    return jsonify(data)


@bp.get("/api/articles/<article_id>")
def api_article(article_id: str) -> Response:
    article, q = _article_or_404(article_id)
    data = article.to_json() | {"similar": [asdict(hit) for hit in engine().similar(article.id)]}
    data["links"] = {"self": links.article_url(article.id, q, ".api_article", external=True),
                     "html": links.article_url(article.id, q, external=True)}
    return jsonify(data)


@bp.get("/api/openapi.json")
def api_openapi() -> Response:
    return jsonify(openapi_document(engine().settings, url_for(".search_page", _external=True).rstrip("/")))


# --- feeds and exports --------------------------------------------------------------------

@bp.get("/search.atom")
def atom_feed() -> Response:
    search_request, result = _search()
    meta = _export_meta(search_request, result, result.results)
    urls = {"self": links.url_with(search_request, ".atom_feed", external=True),
            "html": links.url_with(search_request, ".search_page", external=True),
            "opensearch": url_for(".opensearch", _external=True)}
    body = exports.to_atom(meta, result.results, urls, _absolute_article_url, result.page_size)
    return Response(body, mimetype="application/atom+xml")


@bp.get("/opensearch.xml")
def opensearch() -> Response:
    def template(endpoint: str) -> str:
        return url_for(endpoint, _external=True) + "?q={searchTerms}"

    urls = {"html": template(".search_page"), "atom": template(".atom_feed"),
            "json": template(".api_search"), "self": url_for(".opensearch", _external=True)}
    return Response(exports.opensearch_description(urls),
                    mimetype="application/opensearchdescription+xml")


def export_view(kind: str) -> Response:
    write, mimetype = EXPORT_FORMATS[kind]
    search_request = _parsed_request()
    result, hits = exports.collect_hits(engine(), search_request, engine().settings)
    body = write(_export_meta(search_request, result, hits), hits, _absolute_article_url)
    response = Response(body, content_type=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="defection-search.{kind}"'
    return response


for _kind in EXPORT_FORMATS:
    bp.add_url_rule(f"/export.{_kind}", f"export_{_kind}", partial(export_view, _kind), methods=["GET"])


def _export_meta(search_request: SearchRequest, result: SearchResult, hits: Sequence[Hit]) -> exports.ExportMeta:
    return exports.export_meta(search_request, result, hits, engine().info().built_at,
                               links.url_with(search_request, ".search_page", external=True))


def _absolute_article_url(article_id: str) -> str:
    return links.article_url(article_id, external=True)


# --- errors -------------------------------------------------------------------------------

@bp.errorhandler(QueryError)
def _bad_request(error: QueryError) -> tuple[Response | str, int]:
    return error_response(400, str(error))


@bp.errorhandler(IndexUnavailable)
def _index_unavailable(error: IndexUnavailable) -> tuple[Response | str, int]:
    return error_response(503, str(error))


@bp.errorhandler(404)
def not_found(_error: Exception) -> tuple[Response | str, int]:
    return error_response(404, "There is no page here. Check the address, or search below.")


def error_response(status: int, message: str) -> tuple[Response | str, int]:
    """JSON for API callers, otherwise the error page with the search form still filled in."""
    if _wants_json():
        return jsonify({"error": message, "status": status}), status
    limit = engine().settings.max_query_chars
    return render_template("search_error.html", status=status, message=message,
                           q=request.args.get("q", "")[:limit], max_query_chars=limit), status


def _endpoint_name() -> str:
    return (request.endpoint or "").rpartition(".")[2]


def _wants_json() -> bool:
    return _endpoint_name().startswith("api_") or "/api/" in request.path


def _is_data_endpoint() -> bool:
    name = _endpoint_name()
    return name.startswith(("api_", "export_")) or name in ("atom_feed", "opensearch")
