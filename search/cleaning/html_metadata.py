"""Reading a page's markup: parsing it safely, and what it says about itself.

`parse_html` is the one place an HTML string becomes an lxml tree, so the cleaner and the
metadata reader see the same tree and the same limits. `extract_page_metadata` reads
JSON-LD first (the most deliberate statement a site makes about an article) and falls back,
field by field, to OpenGraph, citation_*, parsely and plain HTML tags.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator

import lxml.html
from lxml import etree
from lxml.html import HtmlElement, HTMLParser

from search.cleaning.normalise import normalise_text
from search.reading.dates import normalise_date
from search.models import MetadataHint, PageMetadata

# Layout wrappers that carry no meaning of their own: dropping them flattens a page that is
# nested deeper than the parser's depth limit without losing any of its words.
_LAYOUT_TAGS = re.compile(r"</?(?:div|span|section|font|center|table|tbody|tr|td)\b[^>]*>", re.I)
_DEPTH_LIMIT_ERROR = "ERR_RESOURCE_LIMIT"
_ILLEGAL_XML_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _new_parser() -> HTMLParser:
    """A fresh parser per call: lxml parsers keep an error log and are not thread-safe."""
    return HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                      remove_comments=True, remove_pis=True)


def _parse_once(html: str) -> tuple[HtmlElement | None, bool]:
    """The tree (None when there is nothing to parse) and whether the depth limit was hit."""
    parser = _new_parser()
    try:
        tree = lxml.html.fromstring(html.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError, TypeError):
        return None, False
    too_deep = any(e.type_name == _DEPTH_LIMIT_ERROR for e in parser.error_log)
    return tree, too_deep


def parse_html(html: str) -> HtmlElement | None:
    """Parse a page into an lxml tree; None for input with no markup or text at all.

    libxml2 stops reading at 256 levels of nesting and silently drops the rest of the
    page; when that happens the layout wrappers are removed and the page is read again.
    """
    html = _ILLEGAL_XML_CHARS.sub("", html or "")
    if not html.strip():
        return None
    tree, too_deep = _parse_once(html)
    if too_deep:
        tree, _ = _parse_once(_LAYOUT_TAGS.sub(" ", html))
    return tree


# --------------------------------------------------------------------------- title ---
_SPACES = re.compile(r"\s+")
# " | Site", " - Site", " — Site" ...: separators sites put between headline and their name.
_TITLE_SEPARATOR = re.compile(r"\s+(?:[|·•«»~]|::|-{1,2}|–|—)\s+")
_SITE_SUFFIX_MAX_WORDS = 5


def squash_spaces(text: str) -> str:
    return _SPACES.sub(" ", normalise_text(text)).strip()


def _strip_site_suffix(title: str, site_name: str | None) -> str:
    """'Headline | Site' -> 'Headline': drop the part naming the site, or a short last part."""
    parts = [p for p in _TITLE_SEPARATOR.split(title) if p]
    if len(parts) < 2:
        return title
    if site_name:
        named = [p for p in parts if p.casefold() != site_name.casefold()]
        if named and len(named) < len(parts):
            parts = named
    if len(parts) > 1 and len(parts[-1].split()) <= _SITE_SUFFIX_MAX_WORDS:
        parts = parts[:-1]
    return " - ".join(parts)


def _meta_content(tree: HtmlElement, *names: str) -> str | None:
    """The first non-empty <meta> content whose property/name/itemprop is one of `names`."""
    wanted = {n.casefold() for n in names}
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").casefold()
        value = squash_spaces(meta.get("content") or "")
        if key in wanted and value and key not in found:
            found[key] = value
    return next((found[n.casefold()] for n in names if n.casefold() in found), None)


def _first_text(tree: HtmlElement, tag: str) -> str | None:
    for element in tree.iter(tag):
        text = squash_spaces(element.text_content())
        if text:
            return text
    return None


def page_title_candidates(tree: HtmlElement) -> list[str]:
    """Every headline the page states (og:title, h1, <title>), best first, site name removed."""
    site = _meta_content(tree, "og:site_name")
    raw = [_meta_content(tree, "og:title", "twitter:title"), _first_text(tree, "h1"),
           _first_text(tree, "title")]
    return [_strip_site_suffix(t, site) for t in raw if t]


# -------------------------------------------------------------------------- JSON-LD ---
ARTICLE_TYPES = frozenset({"article", "newsarticle", "reportagenewsarticle", "blogposting",
                           "analysisnewsarticle", "opinionnewsarticle", "reportnewsarticle",
                           "backgroundnewsarticle", "socialmediaposting"})
_LOOSE_DATE_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{4,40})"')
_JSON_WALK_LIMIT = 10_000  # nodes visited per script: a hostile JSON-LD block stays cheap


def _json_ld_blocks(tree: HtmlElement) -> Iterator[object]:
    """Each JSON-LD script, decoded; malformed ones are skipped (sites often ship them)."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().casefold() != "application/ld+json":
            continue
        try:
            yield json.loads(script.text or "", strict=False)
        except (ValueError, RecursionError):
            continue


def _walk_json(data: object) -> Iterator[dict]:
    """Every dict in a JSON value (lists and @graph included), without recursion."""
    stack, visited = [data], 0
    while stack and visited < _JSON_WALK_LIMIT:
        node = stack.pop()
        visited += 1
        if isinstance(node, dict):
            yield node
            stack.extend(reversed(list(node.values())))
        elif isinstance(node, list):
            stack.extend(reversed(node))


def _is_article(node: dict) -> bool:
    types = node.get("@type")
    types = types if isinstance(types, list) else [types]
    return any(isinstance(t, str) and t.casefold() in ARTICLE_TYPES for t in types)


def _json_text(value: object, key: str = "name") -> str | None:
    """A string field that may come as a string, a dict ({name: ...}, {@id: ...}) or a list."""
    if isinstance(value, list):
        return next((t for t in map(lambda v: _json_text(v, key), value) if t), None)
    if isinstance(value, dict):
        value = value.get(key)
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return squash_spaces(str(value)) or None
    return None


def _json_ld_article(tree: HtmlElement) -> dict | None:
    """The first article node, its publisher resolved when given as an @id reference."""
    for block in _json_ld_blocks(tree):
        nodes = list(_walk_json(block))
        article = next((node for node in nodes if _is_article(node)), None)
        if article is not None:
            by_id = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str) and len(n) > 1}
            publisher = article.get("publisher")
            if isinstance(publisher, dict) and publisher.get("@id") in by_id:
                return {**article, "publisher": by_id[publisher["@id"]]}
            return article
    return None


def _is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def _hint(value: str | None, source: str) -> MetadataHint | None:
    return MetadataHint(value, source) if value else None


def _date_hint(stated: str | None, source: str) -> MetadataHint | None:
    """A date normalised to YYYY-MM-DD, keeping its time and zone as stated: the metadata
    stage asks whether a zone conversion could have moved it a day."""
    found = normalise_date(stated) if stated else None
    return MetadataHint(found, source, stated.strip()) if found and stated else None


def _json_ld_metadata(article: dict) -> PageMetadata:
    published = _json_text(article.get("datePublished") or article.get("dateCreated"))
    url = _json_text(article.get("url")) or _json_text(article.get("mainEntityOfPage"), "@id")
    return PageMetadata(
        title=_hint(_json_text(article.get("headline") or article.get("name")), "json-ld"),
        outlet=_hint(_json_text(article.get("publisher")), "json-ld"),
        published=_date_hint(published, "json-ld"),
        url=_hint(url if url and _is_url(url) else None, "json-ld"),
    )


# ------------------------------------------------------------------------ meta tags ---
_TITLE_META = ("og:title", "twitter:title", "citation_title", "parsely-title", "dc.title")
_OUTLET_META = ("og:site_name", "citation_publisher", "citation_journal_title", "publisher",
                "application-name")
_DATE_META = ("article:published_time", "og:published_time", "citation_publication_date",
              "citation_date", "parsely-pub-date", "datepublished", "pubdate", "publishdate",
              "date", "dc.date.issued", "dc.date", "sailthru.date")
_URL_META = ("og:url", "parsely-link", "citation_public_url", "citation_abstract_html_url")


def _canonical_link(tree: HtmlElement) -> str | None:
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").casefold().split() and link.get("href"):
            return link.get("href", "").strip() or None
    return None


def _time_element_date(tree: HtmlElement) -> MetadataHint | None:
    for element in tree.iter("time"):
        if found := _date_hint(element.get("datetime") or element.text_content(), "html-meta"):
            return found
    return None


def _html_meta_title(tree: HtmlElement) -> str | None:
    candidates = page_title_candidates(tree)
    return _meta_content(tree, *_TITLE_META) or (candidates[-1] if candidates else None)


def _html_meta_date(tree: HtmlElement) -> MetadataHint | None:
    return _date_hint(_meta_content(tree, *_DATE_META), "html-meta") or _time_element_date(tree)


def _meta_site_names(tree: HtmlElement) -> tuple[MetadataHint, ...]:
    """Every site name the meta tags give, in _OUTLET_META's order; a URL names none."""
    wanted = {name.casefold() for name in _OUTLET_META}
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").casefold()
        if key in wanted and key not in found and (value := squash_spaces(meta.get("content") or "")):
            found[key] = value
    names = (found.get(name.casefold()) for name in _OUTLET_META)
    return tuple(MetadataHint(n, "html-meta") for n in names if n and not _is_url(n))


def _html_metadata(tree: HtmlElement) -> PageMetadata:
    url = _meta_content(tree, *_URL_META) or _canonical_link(tree)
    outlet = _meta_content(tree, *_OUTLET_META)
    return PageMetadata(
        title=_hint(_html_meta_title(tree), "html-meta"),
        # some sites put their home page URL in the publisher tag: that names no outlet
        outlet=_hint(outlet if outlet and not _is_url(outlet) else None, "html-meta"),
        published=_html_meta_date(tree),
        url=_hint(url if url and _is_url(url) else None, "html-meta"),
    )


# ----------------------------------------------------------------- visible lines ---
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
    "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul"})
_UNSEEN_TAGS = frozenset({"head", "script", "style", "noscript", "template", "svg", "figcaption"})
# Regions whose dates and names are someone else's: readers' comments, photo captions,
# lists of other stories. Their lines are left out.
_FOREIGN_WORDS = frozenset({
    "comment", "comments", "commentlist", "disqus", "respond", "replies", "reply", "caption",
    "figcaption", "related", "recommended", "recommendations", "popular", "trending",
    "mostread", "outbrain", "taboola"})
_CLASS_WORDS = re.compile(r"[^a-z0-9]+")
PAGE_LINES_MAX = 3000
PAGE_LINE_MAX_CHARS = 500


def _is_foreign(element: HtmlElement) -> bool:
    if element.tag in _UNSEEN_TAGS:
        return True
    words = f"{element.get('class') or ''} {element.get('id') or ''}".casefold()
    return any(word in _FOREIGN_WORDS for word in _CLASS_WORDS.split(words))


def visible_lines(tree: HtmlElement) -> tuple[str, ...]:
    """The page's text as lines, one per block element, without comments, captions and
    lists of other stories: where a byline's date or a copyright line is read."""
    parts: list[str] = []
    walker = etree.iterwalk(tree, events=("start", "end"))
    for event, element in walker:
        if not isinstance(element.tag, str):
            continue
        block = element.tag in _BLOCK_TAGS
        if event == "start":
            if _is_foreign(element):
                walker.skip_subtree()
                parts.extend(["\n", element.tail or ""])
                continue
            parts.extend(["\n" if block else "", element.text or ""])
        else:
            parts.extend(["\n" if block else "", element.tail or ""])
    # one normalisation of the whole text: per line, it cost more than the walk itself
    text = normalise_text("".join(parts))
    lines = (" ".join(line.split())[:PAGE_LINE_MAX_CHARS] for line in text.split("\n"))
    return tuple(line for line in lines if line)[:PAGE_LINES_MAX]


def _json_ld_date_anywhere(tree: HtmlElement) -> MetadataHint | None:
    """A datePublished outside an article node (a WebPage's, in a Yoast graph), or in a
    JSON-LD block too malformed to decode: the site still stated it."""
    for block in _json_ld_blocks(tree):
        for node in _walk_json(block):
            if stated := _json_text(node.get("datePublished")):
                return _date_hint(stated, "json-ld")
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().casefold() == "application/ld+json":
            if found := _LOOSE_DATE_PUBLISHED.search(script.text or ""):
                return _date_hint(found[1], "json-ld")
    return None


def metadata_from_tree(tree: HtmlElement) -> PageMetadata:
    """JSON-LD fields where the page has them, meta tags for the fields it lacks."""
    meta = _html_metadata(tree)
    site_names = _meta_site_names(tree)
    lines = visible_lines(tree)
    article = _json_ld_article(tree)
    ld = _json_ld_metadata(article) if article is not None else PageMetadata()
    published = ld.published or _json_ld_date_anywhere(tree) or meta.published
    return PageMetadata(title=ld.title or meta.title, outlet=ld.outlet or meta.outlet,
                        published=published, url=ld.url or meta.url, lines=lines,
                        site_names=(*([ld.outlet] if ld.outlet else []), *site_names))


def extract_page_metadata(html: str) -> PageMetadata:
    """Title, outlet, publication date and URL stated in a page's markup; never raises."""
    try:
        tree = parse_html(html)
        return metadata_from_tree(tree) if tree is not None else PageMetadata()
    except (ValueError, TypeError, RecursionError, etree.LxmlError):
        return PageMetadata()
