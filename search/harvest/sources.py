"""Where the URLs to harvest come from: a URL list (one a line, or a CSV with a `url`
column, as Media Cloud and GDELT export), RSS and Atom feeds, sitemaps (an index, a news
sitemap). Each entry keeps the date its source gives, for --since.

feedparser reads the feeds (every RSS and Atom dialect, relative links, dates); courlan
(trafilatura's URL checker) judges each URL. Sitemaps are read here with lxml, because
trafilatura's sitemap helpers fetch by themselves (bypassing robots.txt, the per-host
delay and the archive) and drop the lastmod and news:publication_date that --since needs.
"""
from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import courlan
import feedparser
from lxml import etree

from search.models import InputError

URL_COLUMNS = ("url", "sourceurl", "documentidentifier")  # Media Cloud; GDELT events; GDELT GKG
MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limit, uncompressed
_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@dataclass(frozen=True)
class Entry:
    url: str
    published: date | None = None  # as the feed or sitemap gives it


@dataclass(frozen=True)
class SitemapLinks:
    pages: tuple[Entry, ...]
    sitemaps: tuple[Entry, ...]  # the children of a sitemap index


def check_url(url: str, where: str) -> str:
    """The URL itself when it is an http(s) address; else an InputError naming where it was."""
    url = url.strip()
    if not url or any(c.isspace() for c in url) or not courlan.validate_url(url)[0]:
        raise InputError(f"{where}: invalid URL {url[:200]!r} (expected an http:// or https:// address)")
    return url


def read_url_file(path: Path) -> Iterator[Entry | InputError]:
    """One URL a line (blank lines and # comments skipped), or a CSV with a url column."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        yield InputError(f"{path}: unreadable URL file ({error.strerror or error})")
        return
    except UnicodeDecodeError:
        yield InputError(f"{path}: unreadable URL file (not UTF-8 text)")
        return
    lines = text.splitlines()
    column = _url_column(lines[0]) if lines else None
    if path.suffix.lower() in (".csv", ".tsv") or column is not None:
        yield from _csv_urls(path, text)
        return
    for number, line in enumerate(lines, start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield _entry(line, f"{path}, line {number}")


def _entry(url: str, where: str) -> Entry | InputError:
    try:
        return Entry(check_url(url, where))
    except InputError as error:
        return error


def _url_column(header: str) -> str | None:
    delimiter = "\t" if "\t" in header else ","
    names = [name.strip().strip('"').lower() for name in header.split(delimiter)]
    return next((name for name in URL_COLUMNS if name in names), None) if len(names) > 1 else None


def _csv_urls(path: Path, text: str) -> Iterator[Entry | InputError]:
    dialect = "excel-tab" if "\t" in text.partition("\n")[0] else "excel"
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    fields = {name.strip().lower(): name for name in reader.fieldnames or []}
    column = next((fields[name] for name in URL_COLUMNS if name in fields), None)
    if column is None:
        yield InputError(f"{path}: no url column (columns: {', '.join(reader.fieldnames or []) or 'none'})")
        return
    try:
        for row in reader:
            if (row.get(column) or "").strip():
                yield _entry(row[column], f"{path}, line {reader.line_num}")
    except csv.Error as error:
        yield InputError(f"{path}, line {reader.line_num}: malformed CSV ({error})")


def parse_feed(body: bytes, url: str) -> list[Entry]:
    """The entries of an RSS or Atom feed; InputError when it is not a feed."""
    parsed = feedparser.parse(io.BytesIO(body), response_headers={"content-location": url})
    if not parsed.version:
        reason = parsed.get("bozo_exception") or "no RSS or Atom root element"
        raise InputError(f"{url}: not a feed ({str(reason)[:200]})")
    entries = []
    for item in parsed.entries:
        link = item.get("link") or ""
        try:
            entries.append(Entry(check_url(link, f"{url}: entry {item.get('title', '')[:60]!r}"),
                                 _feed_date(item)))
        except InputError:
            continue  # an entry without a web address is no page to fetch
    return entries


def _feed_date(item) -> date | None:
    stamp = item.get("published_parsed") or item.get("updated_parsed")
    return date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday) if stamp else None  # feedparser gives UTC


def parse_sitemap(body: bytes, url: str) -> SitemapLinks:
    """A urlset (with lastmod, and news:publication_date in a news sitemap) or a sitemap
    index; gzip-compressed or not. InputError when it is neither."""
    if body[:2] == b"\x1f\x8b":
        try:
            body = gzip.GzipFile(fileobj=io.BytesIO(body)).read(MAX_SITEMAP_BYTES)
        except (OSError, EOFError) as error:
            raise InputError(f"{url}: not a sitemap (damaged gzip: {error})") from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as error:
        raise InputError(f"{url}: not a sitemap (not XML: {error})") from None
    tag = etree.QName(root).localname
    if tag not in ("urlset", "sitemapindex"):
        raise InputError(f"{url}: not a sitemap (root element <{tag}>, expected <urlset> or <sitemapindex>)")
    entries = [_sitemap_entry(node) for node in root if etree.QName(node).localname in ("url", "sitemap")]
    entries = [entry for entry in entries if entry is not None]
    return SitemapLinks(pages=tuple(entries), sitemaps=()) if tag == "urlset" else \
        SitemapLinks(pages=(), sitemaps=tuple(entries))


def _sitemap_entry(node) -> Entry | None:
    loc = node.findtext(f"{_SITEMAP_NS}loc") or node.findtext("loc") or ""
    published = (node.findtext(f"{_NEWS_NS}news/{_NEWS_NS}publication_date")
                 or node.findtext(f"{_SITEMAP_NS}lastmod") or node.findtext("lastmod"))
    try:
        return Entry(check_url(loc, "sitemap entry"), _iso_date(published))
    except InputError:
        return None


def _iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip()).date()
    except ValueError:
        return None
