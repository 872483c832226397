"""Fake news sites for the harvest tests: real HTTP servers on 127.0.0.1, one port per host,
each logging every request it receives (time, path, conditional headers, status).

The articles are short texts written for these tests; no third-party text is used.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable

LAST_MODIFIED = formatdate(1_700_000_000, usegmt=True)


def article_html(title: str, paragraphs: list[str], published: str = "2024-01-15") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>"
            f"<meta property='article:published_time' content='{published}'></head>"
            f"<body><article><h1>{title}</h1>{body}</article></body></html>").encode()


CROSSING_TEXT = [
    "A North Korean soldier crossed the Military Demarcation Line in the central sector on Tuesday "
    "and defected to South Korea, the Joint Chiefs of Staff said.",
    "The soldier walked across the border through the demilitarized zone in thick fog and was taken "
    "into custody by South Korean troops, officials said.",
    "Officials said an investigation into how he crossed the heavily fortified border was under way.",
]
PLAIN_TEXT = [
    "The unification ministry announced a new budget for cultural exchange programmes on Monday, "
    "covering film festivals, sports events and academic conferences.",
    "Officials said the programmes would start in the spring and continue for two years, subject to "
    "approval by the national assembly later this month.",
    "Several civic groups welcomed the plan and asked for more funding for language classes.",
]


def page_text(n: int) -> list[str]:
    return [f"Item {n}: " + CROSSING_TEXT[0], *CROSSING_TEXT[1:]]


@dataclass
class Hit:
    at: float
    path: str
    status: int
    conditional: bool
    user_agent: str


Route = Callable[["Site", BaseHTTPRequestHandler], tuple[int, dict[str, str], bytes]]


@dataclass
class Site:
    """One fake host: a route table, a log, and counters for routes that change over time."""

    routes: dict[str, Route] = field(default_factory=dict)
    log: list[Hit] = field(default_factory=list)
    calls: dict[str, int] = field(default_factory=dict)
    server: ThreadingHTTPServer | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def hits(self, path: str) -> list[Hit]:
        return [hit for hit in self.log if hit.path == path]

    def page(self, path: str, html: bytes, etag: bool = True) -> None:
        self.routes[path] = lambda site, request: _conditional(request, html, f'"{len(html)}-{hash(path) & 0xffff}"' if etag else None)

    def serve(self) -> "Site":
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802
                path = self.path.split("?", 1)[0]
                site.calls[path] = site.calls.get(path, 0) + 1
                route = site.routes.get(path)
                status, headers, body = route(site, self) if route else (404, {"Content-Type": "text/html"}, b"<p>not here</p>")
                conditional = bool(self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since"))
                site.log.append(Hit(time.monotonic(), path, status, conditional, self.headers.get("User-Agent", "")))
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args) -> None:
                pass

        self.server = _QuietServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # a client that hangs up on purpose (over-size, not HTML, timeout) is no error here


def _conditional(request, html: bytes, etag: str | None):
    headers = {"Content-Type": "text/html; charset=utf-8", "Last-Modified": LAST_MODIFIED}
    if etag:
        headers["ETag"] = etag
    if (etag and request.headers.get("If-None-Match") == etag) or \
            request.headers.get("If-Modified-Since") == LAST_MODIFIED:
        return 304, headers, b""
    return 200, headers, html


def robots(text: str) -> Route:
    return fixed(200, "text/plain", text.encode())


def redirect(target: str) -> Route:
    return lambda site, request: (301, {"Location": target, "Content-Type": "text/html"}, b"")


def unavailable_once(then: bytes, retry_after_s: int) -> Route:
    """503 with Retry-After on the first request, the page afterwards."""
    def route(site, request):
        if site.calls[request.path] == 1:
            return 503, {"Retry-After": str(retry_after_s), "Content-Type": "text/html"}, b"busy"
        return 200, {"Content-Type": "text/html; charset=utf-8"}, then
    return route


def slow(seconds: float) -> Route:
    def route(site, request):
        time.sleep(seconds)
        return 200, {"Content-Type": "text/html"}, article_html("Slow", PLAIN_TEXT)
    return route


def fixed(status: int, content_type: str, body: bytes) -> Route:
    """A fixed answer; a 200 carries validators and answers them with a 304."""
    if status != 200:
        return lambda site, request: (status, {"Content-Type": content_type}, body)
    def route(site, request):
        answer = _conditional(request, body, f'"{len(body)}"')
        return answer[0], answer[1] | {"Content-Type": content_type}, answer[2]
    return route


def gzipped(html: bytes) -> Route:
    """A page sent with Content-Encoding: gzip (the archive must keep it so)."""
    import gzip
    body = gzip.compress(html, mtime=0)
    return lambda site, request: (200, {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip",
                                        "ETag": '"gz"'}, body) if request.headers.get("If-None-Match") != '"gz"' \
        else (304, {"ETag": '"gz"'}, b"")


def rss(items: list[tuple[str, str]]) -> bytes:
    """items: (link, RFC 822 date)."""
    entries = "".join(f"<item><title>t</title><link>{link}</link><pubDate>{date}</pubDate></item>"
                      for link, date in items)
    return (f"<?xml version='1.0'?><rss version='2.0'><channel><title>News</title>"
            f"<link>http://example.invalid/</link><description>d</description>{entries}</channel></rss>").encode()


def atom(items: list[tuple[str, str]]) -> bytes:
    """items: (link, ISO date)."""
    entries = "".join(f"<entry><title>t</title><id>{link}</id><link href='{link}'/><updated>{date}</updated></entry>"
                      for link, date in items)
    return (f"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            f"<title>News</title><id>urn:x</id><updated>2024-01-01T00:00:00Z</updated>{entries}</feed>").encode()


def sitemap_index(locations: list[str]) -> bytes:
    maps = "".join(f"<sitemap><loc>{loc}</loc></sitemap>" for loc in locations)
    return (f"<?xml version='1.0'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
            f"{maps}</sitemapindex>").encode()


def news_sitemap(items: list[tuple[str, str]]) -> bytes:
    urls = "".join(f"<url><loc>{loc}</loc><news:news><news:publication>"
                   f"<news:name>N</news:name><news:language>en</news:language></news:publication>"
                   f"<news:publication_date>{date}</news:publication_date><news:title>t</news:title>"
                   f"</news:news></url>" for loc, date in items)
    return (f"<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
            f"xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'>{urls}</urlset>").encode()
