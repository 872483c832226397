"""One HTTP exchange, politely bounded: a timeout, a size limit, conditional headers, and
the body kept exactly as it was received (still gzip-encoded if the server sent it so).

urllib3 (already installed as trafilatura's HTTP client) gives pooled keep-alive
connections, one pool per host, and streaming reads, so an over-size or non-HTML body is
abandoned without being downloaded. It neither retries nor follows redirects here: the
scheduler does both, so that each hop and each retry keeps the per-host delay and each
response is archived.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.exceptions import HTTPError, LocationParseError, ProtocolError, SSLError, TimeoutError

HTML_TYPES = ("text/html", "application/xhtml+xml")
PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
FEED_ACCEPT = "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1"
CHUNK_BYTES = 64 * 1024
_ROBOTS_RETRIES = urllib3.Retry(total=5, connect=0, read=0, status=0, other=0, redirect=5,
                                raise_on_redirect=False)


@dataclass(frozen=True)
class Exchange:
    """A request and what came back: a response (status set) or an error (error set)."""

    url: str  # the URL answered (after redirects, for robots.txt only)
    request_headers: tuple[tuple[str, str], ...]
    date: str  # when the request started (ISO 8601 UTC): the WARC-Date of both records
    status: int | None = None
    reason: str = ""
    version: str = "HTTP/1.1"
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    truncated: str | None = None  # the WARC-Truncated reason: "length" or "unspecified" (not HTML)
    error: str | None = None  # timeout, connection, tls, invalid-url

    def header(self, name: str) -> str | None:
        return next((value for key, value in self.headers if key.lower() == name.lower()), None)



class Fetcher:
    def __init__(self, user_agent: str, timeout_s: float, max_bytes: int, hosts: int) -> None:
        """`hosts`: those fetched from at once; pools (one kept-alive connection per host) are
        kept for several times as many, so hosts taking turns keep their connections."""
        self.user_agent, self.timeout_s, self.max_bytes = user_agent, timeout_s, max_bytes
        self._pool = urllib3.PoolManager(num_pools=max(4 * hosts, 64), maxsize=1, retries=False,
                                         timeout=urllib3.Timeout(connect=timeout_s, read=timeout_s))

    def get(self, url: str, validators: dict[str, str] | None = None, accept: str = PAGE_ACCEPT,
            html_only: bool = False, robots: bool = False) -> Exchange:
        """GET `url`. With `html_only`, a 200 that is not HTML is not downloaded."""
        headers = self._headers(url, validators or {}, accept)
        date, started = _utc_now(), time.monotonic()
        base = dict(url=url, request_headers=tuple(headers.items()), date=date)
        try:
            response = self._send(url, headers, robots)
        except (HTTPError, ValueError) as error:
            return Exchange(**base, error=_reason(error))
        return self._received(response, base, started, html_only)

    def _send(self, url: str, headers: dict[str, str], robots: bool):
        """One request. A kept-alive connection the server closed while we waited out the
        delay fails before any answer: that one is tried once more on a new connection."""
        for attempt in (1, 2):
            try:
                return self._pool.request("GET", url, headers=headers, preload_content=False,
                                          decode_content=False, redirect=robots,
                                          retries=_ROBOTS_RETRIES if robots else False)
            except ProtocolError:
                if attempt == 2:
                    raise

    def _headers(self, url: str, validators: dict[str, str], accept: str) -> dict[str, str]:
        headers = {"Host": urlsplit(url).netloc, "User-Agent": self.user_agent, "Accept": accept,
                   "Accept-Encoding": "gzip"}
        if validators.get("etag"):
            headers["If-None-Match"] = validators["etag"]
        if validators.get("last_modified"):
            headers["If-Modified-Since"] = validators["last_modified"]
        return headers

    def _received(self, response, base: dict, started: float, html_only: bool) -> Exchange:
        version = getattr(response, "version", 11)
        answer = dict(status=response.status, reason=response.reason or "",
                      version=f"HTTP/{version // 10}.{version % 10}",
                      headers=tuple((k, v) for k, v in response.headers.items()
                                    if k.lower() != "transfer-encoding"))  # the body is kept de-chunked
        if answered := response.geturl():  # differs only where redirects were followed (robots.txt)
            base = base | {"url": _absolute(base["url"], answered)}
        try:
            body, truncated = self._body(response, html_only, started)
        except (HTTPError, OSError) as error:
            response.close()
            return Exchange(**base, error=_reason(error))
        return Exchange(**base, **answer, body=body, truncated=truncated)

    def _body(self, response, html_only: bool, started: float) -> tuple[bytes, str | None]:
        content_type = (response.headers.get("Content-Type") or "").lower()
        if html_only and response.status == 200 and not content_type.startswith(HTML_TYPES):
            response.close()
            return b"", "unspecified"
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            response.close()
            return b"", "length"
        return self._read_limited(response, started)

    def _read_limited(self, response, started: float) -> tuple[bytes, str | None]:
        """At most max_bytes, within timeout_s of the request's start: a server that trickles
        a page byte by byte is abandoned as surely as one that never answers."""
        chunks, size = [], 0
        for chunk in response.stream(CHUNK_BYTES, decode_content=False):
            chunks.append(chunk)
            size += len(chunk)
            if size > self.max_bytes:
                response.close()
                return b"".join(chunks)[: self.max_bytes], "length"
            if time.monotonic() - started > self.timeout_s:
                response.close()
                raise TimeoutError("response not complete within the timeout")
        response.release_conn()
        return b"".join(chunks), None

    def close(self) -> None:
        self._pool.clear()


def _reason(error: Exception) -> str:
    """The failure's name in the summary line."""
    if isinstance(error, TimeoutError) or "timed out" in str(error).lower():
        return "timeout"
    if isinstance(error, SSLError):
        return "tls"
    if isinstance(error, (LocationParseError, ValueError)):
        return "invalid-url"
    return "connection"  # refused, reset, DNS: the host could not be reached


def _absolute(requested: str, answered: str) -> str:
    """urllib3 reports a redirect's final URL as given in Location (maybe a bare path)."""
    return urljoin(requested, answered)


def _utc_now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
