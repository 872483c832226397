"""Serving behind a reverse proxy: absolute URLs (embed code, feeds, OpenSearch, exports)
must name the address users see, not the backend's 127.0.0.1:8000.

X-Forwarded-For/Proto/Host/Port/Prefix are honoured only on requests whose peer is a proxy
named in TRUSTED_PROXIES: anyone else could send them to make the site write links to their
own host. The parsing is werkzeug's ProxyFix (one proxy hop); mounting under a path prefix
(URL_PREFIX, e.g. /research) is werkzeug's DispatcherMiddleware, which sets SCRIPT_NAME so
every url_for carries the prefix.
"""
from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from typing import Callable

from werkzeug.exceptions import NotFound
from werkzeug.middleware.dispatcher import DispatcherMiddleware
from werkzeug.middleware.proxy_fix import ProxyFix

WsgiApp = Callable


class TrustedProxyFix:
    """ProxyFix for requests from the trusted proxies; every other request as it came."""

    def __init__(self, app: WsgiApp, trusted: Iterable[str]) -> None:
        self.app = app
        self.trusted = frozenset(trusted)
        self.fixed = ProxyFix(app, x_for=1, x_proto=1, x_host=1, x_port=1, x_prefix=1)

    def __call__(self, environ: dict, start_response) -> Iterable[bytes]:
        if environ.get("REMOTE_ADDR") in self.trusted:
            return self.fixed(environ, start_response)
        return self.app(environ, start_response)


def behind_proxy(app: WsgiApp, trusted: tuple[str, ...], url_prefix: str) -> WsgiApp:
    """The app wrapped for its proxy and its mount point; unchanged when neither is set."""
    if url_prefix:
        app = DispatcherMiddleware(NotFound(), {url_prefix: app})
    if trusted:
        app = TrustedProxyFix(app, trusted)
    return app


def checked_proxies(value: str | Iterable[str] | None, setting: str) -> tuple[str, ...]:
    """IP addresses (a space/comma separated string, or a list), each in its canonical form."""
    items = value.replace(",", " ").split() if isinstance(value, str) else list(value or ())
    try:
        return tuple(str(ipaddress.ip_address(item.strip())) for item in items)
    except ValueError as error:
        raise ValueError(f"{setting}: {error}; give the proxy's IP address, e.g. 127.0.0.1") from None


def checked_prefix(value: str | None, setting: str) -> str:
    """'' or a path like /research (a leading slash, no trailing one, no query)."""
    prefix = (value or "").strip().rstrip("/")
    if prefix and (not prefix.startswith("/") or any(c in prefix for c in "?#% ")):
        raise ValueError(f"{setting}: {value!r} is not a path like /research")
    return prefix
