"""The current search as files: CSV, JSON, RIS, BibTeX, an Atom feed, and the OpenSearch
description that lets a browser add the site as a search engine.

Every export records what produced it (the query as typed and as parsed, the filters, the
index build time and the count), so a file found on a disk a year later can be reproduced.
Rows come from Engine.hits (no facets, plain snippets), at most export_rows_max of them.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timezone
from html import unescape
from xml.etree import ElementTree as ET

from search import Engine, Hit, SearchRequest, SearchResult, Settings

ATOM_NS = "http://www.w3.org/2005/Atom"
OPENSEARCH_NS = "http://a9.com/-/spec/opensearch/1.1/"
CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = ("id", "title", "outlet", "published", "url", "primary_route", "routes", "crossings",
               "cited_sources", "cluster", "cluster_size", "score", "snippet", "article_page")
_TAG = re.compile(r"<[^>]+>")
_BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")


@dataclass(frozen=True)
class ExportMeta:
    query: str
    parsed_query: str | None
    filters: tuple[tuple[str, str], ...]
    index_built_at: str
    count: int  # articles matching the search
    rows: int  # rows in this file
    truncated: bool  # True when count is larger than what an export may hold
    generated_at: str
    search_url: str


def collect_hits(engine: Engine, search_request: SearchRequest, settings: Settings) -> tuple[SearchResult, tuple[Hit, ...]]:
    """The first page's result (for counts and the parsed query) and up to export_rows_max hits."""
    first = engine.search(replace(search_request, page=1))
    return first, engine.hits(search_request, settings.export_rows_max)


def export_meta(search_request: SearchRequest, result: SearchResult, hits: Sequence[Hit],
                built_at: str, search_url: str) -> ExportMeta:
    filters = tuple(p for p in search_request.to_params() if p[0] not in ("q", "page", "page_size"))
    listed = result.total_collapsed if search_request.collapse else result.total
    return ExportMeta(query=search_request.q, parsed_query=result.parsed_query, filters=filters,
                      index_built_at=built_at, count=result.total, rows=len(hits),
                      truncated=len(hits) < listed,
                      generated_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                      search_url=search_url)


def meta_lines(meta: ExportMeta) -> list[tuple[str, str]]:
    """The provenance as (label, text) pairs, shared by the formats that carry comments."""
    return [("query", meta.query), ("parsed_query", meta.parsed_query or ""),
            ("filters", " ".join(f"{k}={v}" for k, v in meta.filters)),
            ("index_built_at", meta.index_built_at), ("count", str(meta.count)),
            ("rows", str(meta.rows)), ("truncated", str(meta.truncated).lower()),
            ("generated_at", meta.generated_at), ("search_url", meta.search_url)]


def to_csv(meta: ExportMeta, hits: Sequence[Hit], page_for: Callable[[str], str]) -> bytes:
    """UTF-8 with a BOM (spreadsheets then guess the encoding right); provenance rows first,
    a blank row, then the table. Cells that a spreadsheet would run as a formula get a '."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for label, text in meta_lines(meta):
        writer.writerow([_cell("# " + label), _cell(text)])
    writer.writerow([])
    writer.writerow(CSV_COLUMNS)
    for hit in hits:
        row = {**_hit_fields(hit), "article_page": page_for(hit.id)}
        writer.writerow([_cell(row[column]) for column in CSV_COLUMNS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(CSV_FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


def _hit_fields(hit: Hit) -> dict[str, object]:
    return {**asdict(hit), "routes": "; ".join(hit.routes), "crossings": "; ".join(hit.crossings),
            "cited_sources": "; ".join(hit.cited_sources), "snippet": plain_text(hit.snippet)}


def to_json(meta: ExportMeta, hits: Sequence[Hit], page_for: Callable[[str], str]) -> str:
    rows = [asdict(hit) | {"article_page": page_for(hit.id)} for hit in hits]
    return json.dumps({"meta": asdict(meta), "results": rows}, ensure_ascii=False, indent=1)


def to_ris(meta: ExportMeta, hits: Sequence[Hit], page_for: Callable[[str], str]) -> str:
    """One NEWS record per article; the provenance goes in each record's N1 note."""
    note = "; ".join(f"{label}: {text}" for label, text in meta_lines(meta) if text)
    records = []
    for hit in hits:
        lines = [("TY", "NEWS"), ("TI", hit.title), ("T2", hit.outlet), ("PB", hit.outlet),
                 ("PY", (hit.published or "")[:4]), ("DA", (hit.published or "").replace("-", "/")),
                 ("UR", hit.url or page_for(hit.id)), ("ID", hit.id), ("DB", "defection-search")]
        lines += [("KW", k) for k in hit.routes + hit.crossings]
        lines += [("N1", note), ("ER", "")]
        records.append("\r\n".join(f"{tag}  - {_one_line(value)}" for tag, value in lines if value or tag == "ER"))
    return "\r\n".join(records) + "\r\n"


def to_bibtex(meta: ExportMeta, hits: Sequence[Hit], page_for: Callable[[str], str]) -> str:
    """@article entries (journal = the outlet), after an @comment block with the provenance."""
    comment = "\n".join(f"  {label}: {_bibtex_escape(text)}" for label, text in meta_lines(meta))
    entries = ["@comment{defection-search export\n" + comment + "\n}"]
    for hit in hits:
        year, _, rest = (hit.published or "").partition("-")
        fields = [("title", hit.title), ("journal", hit.outlet), ("year", year),
                  ("month", rest[:2]), ("date", hit.published), ("url", hit.url or page_for(hit.id)),
                  ("keywords", ", ".join(hit.routes + hit.crossings))]
        body = ",\n".join(f"  {name} = {{{_bibtex_escape(value) if name != 'url' else value}}}"
                          for name, value in fields if value)
        entries.append(f"@article{{{_bibtex_key(hit)},\n{body}\n}}")
    return "\n\n".join(entries) + "\n"


def _bibtex_key(hit: Hit) -> str:
    outlet = re.sub(r"[^A-Za-z0-9]", "", hit.outlet or "article")[:20] or "article"
    return f"{outlet}{(hit.published or '')[:4]}_{re.sub(r'[^A-Za-z0-9]', '', hit.id)}"


def _bibtex_escape(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(r"\\\1", _one_line(text))


def to_atom(meta: ExportMeta, hits: Sequence[Hit], urls: dict[str, str], page_for: Callable[[str], str],
            page_size: int) -> bytes:
    """An Atom feed with OpenSearch response elements (totalResults, the request's terms)."""
    ET.register_namespace("", ATOM_NS)
    ET.register_namespace("opensearch", OPENSEARCH_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    title = f"defection-search: {meta.query}" if meta.query else "defection-search: latest articles"
    _sub(feed, "title", title)
    _sub(feed, "subtitle", "; ".join(f"{label}: {text}" for label, text in meta_lines(meta) if text))
    _sub(feed, "id", urls["self"])
    _sub(feed, "updated", _rfc3339(meta.index_built_at))
    _sub(feed, "generator", "defection-search")
    ET.SubElement(feed, f"{{{ATOM_NS}}}link", rel="self", href=urls["self"], type="application/atom+xml")
    ET.SubElement(feed, f"{{{ATOM_NS}}}link", rel="alternate", href=urls["html"], type="text/html")
    ET.SubElement(feed, f"{{{ATOM_NS}}}link", rel="search", href=urls["opensearch"],
                  type="application/opensearchdescription+xml")
    ET.SubElement(feed, f"{{{OPENSEARCH_NS}}}totalResults").text = str(meta.count)
    ET.SubElement(feed, f"{{{OPENSEARCH_NS}}}itemsPerPage").text = str(page_size)
    ET.SubElement(feed, f"{{{OPENSEARCH_NS}}}Query", role="request", searchTerms=meta.query)
    for hit in hits:
        _atom_entry(feed, hit, page_for(hit.id), meta.index_built_at)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _atom_entry(feed: ET.Element, hit: Hit, page: str, fallback_date: str) -> None:
    entry = ET.SubElement(feed, f"{{{ATOM_NS}}}entry")
    _sub(entry, "id", page)
    _sub(entry, "title", hit.title)
    _sub(entry, "updated", _rfc3339(hit.published or fallback_date))
    if hit.published:
        _sub(entry, "published", _rfc3339(hit.published))
    if hit.outlet:
        _sub(ET.SubElement(entry, f"{{{ATOM_NS}}}author"), "name", hit.outlet)
    ET.SubElement(entry, f"{{{ATOM_NS}}}link", rel="alternate", href=page, type="text/html")
    if hit.url:
        ET.SubElement(entry, f"{{{ATOM_NS}}}link", rel="related", href=hit.url)
    for route in hit.routes:
        ET.SubElement(entry, f"{{{ATOM_NS}}}category", term=route, label=route)
    summary = _sub(entry, "summary", hit.snippet)
    summary.set("type", "html")


def opensearch_description(urls: dict[str, str]) -> bytes:
    """What a browser needs to add the site as a search engine; urls hold {searchTerms}."""
    ET.register_namespace("", OPENSEARCH_NS)
    root = ET.Element(f"{{{OPENSEARCH_NS}}}OpenSearchDescription")
    ET.SubElement(root, f"{{{OPENSEARCH_NS}}}ShortName").text = "Defection search"
    ET.SubElement(root, f"{{{OPENSEARCH_NS}}}Description").text = \
        "Full-text search over news about North Korean defections"
    ET.SubElement(root, f"{{{OPENSEARCH_NS}}}InputEncoding").text = "UTF-8"
    for kind, template in (("text/html", urls["html"]), ("application/atom+xml", urls["atom"]),
                           ("application/json", urls["json"])):
        ET.SubElement(root, f"{{{OPENSEARCH_NS}}}Url", type=kind, template=template)
    ET.SubElement(root, f"{{{OPENSEARCH_NS}}}Url", rel="self", template=urls["self"],
                  type="application/opensearchdescription+xml")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _sub(parent: ET.Element, name: str, text: str) -> ET.Element:
    child = ET.SubElement(parent, f"{{{ATOM_NS}}}{name}")
    child.text = text
    return child


def _rfc3339(value: str) -> str:
    """A date as stored (YYYY, YYYY-MM, YYYY-MM-DD or a full timestamp) as an Atom date."""
    if "T" in value:
        return value
    parts = (value.split("-") + ["01", "01"])[:3]
    return f"{parts[0]}-{parts[1]}-{parts[2]}T00:00:00Z"


def plain_text(snippet_html: str) -> str:
    """A snippet's text without its <mark> tags and entities."""
    return unescape(_TAG.sub("", snippet_html))


def _one_line(value: str | None) -> str:
    return " ".join((value or "").split())
