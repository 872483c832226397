"""News outlets: who publishes a page, from its URL or from a name the page prints.

The curated table (data/outlets.csv: name, domains, country, language, aliases) holds the
outlets that report on Korea, in English and Korean. A domain entry may carry a path
("bbc.com/korean"): a language edition under another edition's host. A site that is not in the
table is named by its registered domain ("wtop.com"), found with the public suffix list that
tldextract ships (its bundled snapshot: nothing is fetched at run time); a blog is named by its
own host: one on a publishing platform of data/platforms.txt ("someone.tistory.com",
"blog.naver.com/someone"), or a site's own blog ("blog.example.com").
"""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from importlib import resources
from urllib.parse import urlsplit

import tldextract

_LEADING_ARTICLE = re.compile(r"^\s*the\s+", re.IGNORECASE)
_NOT_NAME_CHARS = re.compile(r"[\W_]+")
# www., and the mobile and AMP editions of a site: "m-en.yna.co.kr" is en.yna.co.kr
_MOBILE_PREFIX = re.compile(r"^(?:www\d?\.|m\.|mobile\.|amp\.|m-)+")
# a line of data/platforms.txt that is a host ("tistory.com"; "blog.naver.com/": blogs by path)
_PLATFORM_HOST = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:/|/\*/)?")
_BLOG_LABELS = frozenset({"blog", "blogs"})


@dataclass(frozen=True)
class Outlet:
    """One row of the outlet table."""

    name: str
    domains: tuple[str, ...]
    country: str
    language: str
    aliases: tuple[str, ...]


def name_key(name: str) -> str:
    """Case, punctuation and a leading 'The' do not distinguish two names of one outlet."""
    return _NOT_NAME_CHARS.sub("", _LEADING_ARTICLE.sub("", name).casefold())


@functools.cache
def outlet_table() -> tuple[Outlet, ...]:
    """The curated table, read once from the package's data file."""
    text = resources.files("search.reading").joinpath("data/outlets.csv").read_text("utf-8")
    return tuple(_outlet(row) for row in csv.DictReader(text.splitlines()))


def _outlet(row: dict[str, str]) -> Outlet:
    return Outlet(name=row["name"].strip(), domains=tuple(row["domains"].lower().split()),
                  country=row["country"].strip(), language=row["language"].strip(),
                  aliases=tuple(a.strip() for a in (row["aliases"] or "").split(";") if a.strip()))


@functools.cache
def _outlets_by_site() -> dict[str, Outlet]:
    return {domain: outlet for outlet in outlet_table() for domain in outlet.domains}


@functools.cache
def _outlets_by_name() -> dict[str, Outlet]:
    """Every name and alias -> its outlet; a name shared by two rows keeps the first row."""
    by_name: dict[str, Outlet] = {}
    for outlet in outlet_table():
        for name in (outlet.name, *outlet.aliases):
            by_name.setdefault(name_key(name), outlet)
    return by_name


def _host_and_path(url: str) -> tuple[str, str]:
    try:
        parts = urlsplit(url if "//" in url else f"//{url}")
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError:  # a malformed netloc ("[::1", "[") names no site
        return "", ""
    return _MOBILE_PREFIX.sub("", host), parts.path.lower()


def table_outlet_for_url(url: str | None) -> Outlet | None:
    """The table's outlet for the URL's host (or a parent domain), a path edition first; a
    mirror or translation proxy that spells the site in its first label
    ('www-bbc-com.pages.dev', 'www-nknews-org.translate.goog') is the site it copies."""
    if not url:
        return None
    host, path = _host_and_path(url)
    first_segment = path.strip("/").split("/", 1)[0]
    found = _table_outlet_for_host(host, first_segment)
    if found is None and "-" in host.split(".")[0]:
        found = _table_outlet_for_host(_spelled_host(host.split(".")[0]), first_segment)
    return found


def _table_outlet_for_host(host: str, first_segment: str) -> Outlet | None:
    labels = host.split(".")
    for start in range(len(labels) - 1):
        site = ".".join(labels[start:])
        found = _outlets_by_site().get(f"{site}/{first_segment}") or _outlets_by_site().get(site)
        if found:
            return found
    return None


def _spelled_host(label: str) -> str:
    """'www-bbc-com' -> 'bbc.com'; a proxy writes a hyphen of the host as '--'."""
    return _MOBILE_PREFIX.sub("", label.replace("--", "\0").replace("-", ".").replace("\0", "-"))


def outlet_for_url(url: str | None) -> str | None:
    """The name of the outlet in the table that hosts the URL, or of the newspaper whose
    replica a newsstand site shows (pressreader.com/usa/the-washington-post/...), else None."""
    found = table_outlet_for_url(url)
    return found.name if found else replica_outlet(url)


def replica_outlet(url: str | None) -> str | None:
    """The newspaper a newsstand's URL names in its path ('pressreader.com/canada/
    journal-pioneer/2018...' -> 'Journal Pioneer'), under its table name when it has one."""
    host, path = _host_and_path(url or "")
    segments = path.strip("/").split("/")
    if host not in _platforms()[2] or len(segments) < 2 or not segments[1]:
        return None
    name = " ".join(word.capitalize() for word in segments[1].split("-") if word)
    found = known_outlet(name)
    return found.name if found else name or None


@functools.cache
def _suffix_list() -> tldextract.TLDExtract:
    # suffix_list_urls=() and no cache: the snapshot bundled with tldextract, never a download;
    # private suffixes too, so that a blog on example.wordpress.com is "example.wordpress.com"
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None,
                                 include_psl_private_domains=True)


def host_labels(url: str | None) -> list[str]:
    """The labels of the URL's host below its public suffix: 'news.example.co.uk' ->
    ['news', 'example']."""
    host, _ = _host_and_path(url or "")
    parts = _suffix_list()(host) if host else None
    if not parts or not parts.domain:
        return []
    return [*parts.subdomain.split("."), parts.domain] if parts.subdomain else [parts.domain]


def registered_domain(url: str | None) -> str | None:
    """'https://www.wtop.com/asia/2019/x' -> 'wtop.com'; None for no URL or a bare host."""
    if not url:
        return None
    host, _ = _host_and_path(url)
    if not host or re.fullmatch(r"[\d.]+|localhost", host):
        return None
    parts = _suffix_list()(host)
    return f"{parts.domain}.{parts.suffix}" if parts.domain and parts.suffix else None


_BLOGSPOT_COUNTRY = re.compile(r"\.blogspot\.(?:[a-z]{2}|com?\.[a-z]{2})$")


@functools.cache
def _platforms() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The platforms' hosts from data/platforms.txt: (those that give each blog a host of its
    own, "tistory.com"; those that give it the first segment of the path, "blog.naver.com/";
    newsstands that name the newspaper in the second segment, "pressreader.com/*/")."""
    text = resources.files("search.reading").joinpath("data/platforms.txt").read_text("utf-8")
    hosts = [line.strip().lower() for line in text.splitlines()
             if _PLATFORM_HOST.fullmatch(line.strip().lower())]
    return (frozenset(h for h in hosts if not h.endswith("/")),
            frozenset(h.rstrip("/") for h in hosts if h.endswith("/") and "*" not in h),
            frozenset(h.removesuffix("/*/") for h in hosts if h.endswith("/*/")))


def platform_site(url: str | None) -> str | None:
    """The blog a platform's URL belongs to: 'https://m.someone.tistory.com/12' ->
    'someone.tistory.com', 'https://blog.naver.com/someone/223' -> 'blog.naver.com/someone';
    None for a URL off every platform, or the platform's own pages."""
    host, path = _host_and_path(url or "")
    host = _BLOGSPOT_COUNTRY.sub(".blogspot.com", host)  # one blog, whatever country it is read in
    labels = host.split(".")
    by_host, by_path, _ = _platforms()
    for start in range(len(labels) - 1):
        site = ".".join(labels[start:])
        if site in by_path and start == 0:
            first_segment = path.strip("/").split("/", 1)[0]
            return f"{site}/{first_segment}" if first_segment else None
        if site in by_host or site in by_path:  # a blog with a host of its own on it
            return host if start > 0 else None
    return None


def site_domain(url: str | None) -> str | None:
    """The name of a site the table does not know: a platform's blog by its host, a site's own
    blog by its host ('https://blog.ferigan.com/x' -> 'blog.ferigan.com': a publication apart
    from ferigan.com), any other site by its registered domain ('wtop.com')."""
    if blog := platform_site(url):
        return blog
    host, _ = _host_and_path(url or "")
    domain = registered_domain(url)
    if domain and host.split(".")[0] in _BLOG_LABELS and host.endswith("." + domain):
        return host
    return domain


def known_outlet(name: str | None) -> Outlet | None:
    """The table's outlet that goes by this name or alias ('Yonhap News Agency' -> Yonhap)."""
    return _outlets_by_name().get(name_key(name)) if name else None


def not_the_publisher(sources: tuple[str, ...], outlet: str | None) -> tuple[str, ...]:
    """Cited sources less the publisher under any of its table names: "BBC" is not a source
    of a BBC News page, nor "Yonhap" of a 연합뉴스 one."""
    found = known_outlet(outlet) if outlet else None
    if found is None:
        return sources
    own = {name_key(n) for n in (found.name, *found.aliases)}
    return tuple(source for source in sources if name_key(source) not in own)
