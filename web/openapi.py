"""The OpenAPI 3 document of the JSON API, derived from search/'s result records.

The response schemas are read from the dataclasses' type hints, so a field added to Hit or
ArticleView shows up here without anyone remembering to edit a second description.
"""
from __future__ import annotations

import dataclasses
import types
import typing

from search import (
    FACET_FIELDS, SORTS, ArticleSummary, ArticleView, Expansion, Facet, FacetValue, Hit, SearchResult, Settings,
    TimelineBar,
)

_RECORDS = (SearchResult, ArticleSummary, Hit, Facet, FacetValue, TimelineBar, Expansion, ArticleView)
_SCALARS = {str: "string", int: "integer", float: "number", bool: "boolean"}
_ERROR = {"type": "object", "required": ["error", "status"],
          "properties": {"error": {"type": "string"}, "status": {"type": "integer"}}}


def openapi_document(settings: Settings, server_url: str) -> dict:
    schemas = {record.__name__: _record_schema(record) for record in _RECORDS}
    schemas["Error"] = _ERROR
    url = {"type": "string", "format": "uri"}
    links = {"type": "object", "additionalProperties": url | {"nullable": True}}
    schemas["FacetValue"]["properties"] |= {"toggle_url": url, "exclude_url": url}  # added by the API
    schemas["SearchResponse"] = _extended("SearchResult", {"links": links})
    schemas["ArticleResponse"] = _extended("ArticleView", {
        "similar": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}}, "links": links})
    return {
        "openapi": "3.0.3",
        "info": {"title": "defection-search API", "version": "1",
                 "description": "Full-text search over news about North Korean defections. "
                                "Every HTML page has a JSON twin taking the same parameters."},
        "servers": [{"url": server_url}],
        "paths": {
            "/api/search": {"get": {
                "summary": "Search articles, with facets, a timeline and pagination",
                "operationId": "search",
                "parameters": search_parameters(settings),
                "responses": _responses("SearchResponse", {"400": "Bad request: the message says which parameter",
                                                           "503": "The index is missing or needs a rebuild"}),
            }},
            "/api/articles/{article_id}": {"get": {
                "summary": "One article with its route evidence, provenance and similar articles",
                "operationId": "article",
                "parameters": [{"name": "article_id", "in": "path", "required": True,
                                "schema": {"type": "string", "maxLength": 64}},
                               {"name": "q", "in": "query", "schema": {"type": "string"},
                                "description": "terms to mark in body_html"}],
                "responses": _responses("ArticleResponse", {"404": "No article with this id",
                                                            "503": "The index is missing or needs a rebuild"}),
            }},
        },
        "components": {"schemas": schemas},
    }


def search_parameters(settings: Settings) -> list[dict]:
    text = {"type": "string", "maxLength": settings.max_query_chars}
    repeated = {"type": "array", "items": text, "maxItems": settings.facet_values_max}
    params = [_param("q", text, "the query (words, \"phrases\", AND/OR/NOT, field:value)")]
    params += [_param(f, repeated, f"keep articles with any of these {f} values", explode=True)
               for f in FACET_FIELDS]
    params += [_param(f"exclude_{f}", repeated, f"drop articles with any of these {f} values", explode=True)
               for f in FACET_FIELDS]
    date = {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}
    params += [
        _param("from", date, "first date (YYYY, YYYY-MM or YYYY-MM-DD)"),
        _param("to", date, "last date, inclusive (a partial date means its last day)"),
        _param("sort", {"type": "string", "enum": list(SORTS), "default": "relevance"}, "result order"),
        _param("page", {"type": "integer", "minimum": 1, "maximum": settings.page_max, "default": 1}, "page number"),
        _param("page_size", {"type": "integer", "minimum": 1, "maximum": settings.page_size_max,
                             "default": settings.page_size_default}, "results per page"),
        _param("collapse", {"type": "string", "enum": ["0", "1"], "default": "1"},
               "0 lists every version of a story instead of one per cluster"),
    ]
    return params


def _param(name: str, schema: dict, description: str, explode: bool = False) -> dict:
    param = {"name": name, "in": "query", "required": False, "schema": schema, "description": description}
    if explode:
        param |= {"style": "form", "explode": True}
    return param


def _responses(schema: str, errors: dict[str, str]) -> dict:
    error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    ok = {"content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}}
    return {"200": {"description": "OK", **ok},
            **{code: {"description": text, **error} for code, text in errors.items()}}


def _extended(base: str, properties: dict) -> dict:
    return {"allOf": [{"$ref": f"#/components/schemas/{base}"},
                      {"type": "object", "properties": properties}]}


def _record_schema(record: type) -> dict:
    hints = typing.get_type_hints(record)
    fields = dataclasses.fields(record)
    return {"type": "object", "required": [f.name for f in fields],
            "properties": {f.name: _type_schema(hints[f.name]) for f in fields}}


def _type_schema(hint: object) -> dict:
    """A JSON schema for the few annotation shapes the records use."""
    args = typing.get_args(hint)
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType) and type(None) in args:
        inner = next(a for a in args if a is not type(None))
        return _type_schema(inner) | {"nullable": True}
    if origin is tuple:
        return {"type": "array", "items": _type_schema(args[0])}
    if origin is dict or hint is dict:
        return {"type": "object"}
    if hint in _SCALARS:
        return {"type": _SCALARS[hint]}
    if dataclasses.is_dataclass(hint):
        return {"$ref": f"#/components/schemas/{hint.__name__}"}
    raise TypeError(f"no JSON schema for {hint!r}")
