"""Security headers for every response, and CORS for the allow-listed origins only.

The pages need nothing but their own origin: no inline script, no inline style, no external
asset. So the policy is 'self' everywhere, and only /embed may be framed by other sites,
which the deployer lists in FRAME_ANCESTORS.
"""
from __future__ import annotations

import re
from collections.abc import Collection, Iterable

from flask import Response, g

DEFAULT_FRAME_ANCESTORS = ("'self'",)
_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(?::\d{1,5})?$")
_SOURCE = re.compile(r"^(?:'self'|'none'|https?://(?:\*\.)?[A-Za-z0-9.-]+(?::\d{1,5})?)$")


def content_security_policy(frame_ancestors: Iterable[str]) -> str:
    return "; ".join((
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
        "object-src 'none'", "base-uri 'none'", "form-action 'self'",
        "frame-ancestors " + " ".join(frame_ancestors),
    ))


def allow_framing_by(frame_ancestors: Iterable[str]) -> None:
    """Called by a view that may be framed (/embed): its response lists these ancestors."""
    g.frame_ancestors = tuple(frame_ancestors)


def add_security_headers(response: Response) -> Response:
    """after_request hook; setdefault so that running it twice (app and blueprint) is harmless."""
    ancestors = g.get("frame_ancestors", DEFAULT_FRAME_ANCESTORS)
    response.headers.setdefault("Content-Security-Policy", content_security_policy(ancestors))
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    if ancestors == DEFAULT_FRAME_ANCESTORS:
        response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
    return response


def add_cors_headers(response: Response, origin: str | None, allowed: Collection[str]) -> Response:
    """Access-Control-Allow-Origin echoes the caller's origin only when it is allow-listed."""
    response.vary.add("Origin")
    if origin and origin in allowed:
        response.headers["Access-Control-Allow-Origin"] = origin
    return response


def checked_origins(value: str | Iterable[str], setting: str) -> tuple[str, ...]:
    """CORS_ORIGINS as a tuple of exact origins; a space/comma separated string is accepted."""
    origins = _as_tuple(value)
    bad = [o for o in origins if not _ORIGIN.match(o)]
    if bad:
        raise ValueError(f"{setting}: {bad!r} are not origins like https://example.org")
    return origins


def checked_frame_ancestors(value: str | Iterable[str], setting: str) -> tuple[str, ...]:
    """FRAME_ANCESTORS as CSP sources; anything that could break out of the header is refused."""
    sources = _as_tuple(value) or DEFAULT_FRAME_ANCESTORS
    bad = [s for s in sources if not _SOURCE.match(s)]
    if bad:
        raise ValueError(f"{setting}: {bad!r} are not sources like 'self' or https://example.org")
    return sources


def _as_tuple(value: str | Iterable[str]) -> tuple[str, ...]:
    items = value.replace(",", " ").split() if isinstance(value, str) else value
    return tuple(str(item).strip().rstrip("/") for item in items if str(item).strip())
