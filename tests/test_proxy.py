"""Behind a reverse proxy (issue 15 item 8): absolute URLs name the address users see when
the request comes from a trusted proxy, and only then; a search mounted under a path prefix
links within it. Through Flask's test client, and through `defection-search serve` on a real
waitress server on 127.0.0.1."""
from __future__ import annotations

import html
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from search import Settings
from web import create_app
from web.views import EXTENSION

REPO = Path(__file__).resolve().parents[1]
FORWARDED = {"X-Forwarded-Host": "search.example", "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}


def _app(settings: Settings, **config: object) -> Iterator[Flask]:
    app = create_app({"TESTING": True, "SEARCH_SETTINGS": settings, **config})
    yield app
    app.extensions[EXTENSION].close()


@pytest.fixture()
def proxied(seeded_settings: Settings) -> Iterator[Flask]:
    yield from _app(seeded_settings, TRUSTED_PROXIES="127.0.0.1")


@pytest.fixture()
def mounted(seeded_settings: Settings) -> Iterator[Flask]:
    yield from _app(seeded_settings, TRUSTED_PROXIES=["127.0.0.1"], URL_PREFIX="/research")


def _embed_src(page: str) -> str:
    return html.unescape(re.search(r'src=&#34;([^&]*)&', page).group(1))


def test_forwarded_headers_from_the_trusted_proxy_make_the_absolute_urls(proxied: Flask) -> None:
    client = proxied.test_client()
    page = client.get("/embed-code?q=soldier", headers=FORWARDED, environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert _embed_src(page.get_data(as_text=True)) == "https://search.example/embed?q=soldier"
    api = client.get("/api/search?q=soldier", headers=FORWARDED, environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert api.get_json()["links"]["self"] == "https://search.example/api/search?q=soldier"
    feed = client.get("/opensearch.xml", headers=FORWARDED, environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert "https://search.example/?q={searchTerms}" in feed.get_data(as_text=True)


def test_forwarded_headers_from_anyone_else_are_ignored(proxied: Flask) -> None:
    page = proxied.test_client().get("/embed-code?q=soldier", headers=FORWARDED,
                                     environ_base={"REMOTE_ADDR": "198.51.100.9"})
    assert _embed_src(page.get_data(as_text=True)) == "http://localhost/embed?q=soldier"


def test_without_a_trusted_proxy_forwarded_headers_are_ignored(seeded_settings: Settings) -> None:
    for app in _app(seeded_settings):
        page = app.test_client().get("/embed-code?q=soldier", headers=FORWARDED,
                                     environ_base={"REMOTE_ADDR": "127.0.0.1"})
        assert _embed_src(page.get_data(as_text=True)) == "http://localhost/embed?q=soldier"


def test_a_search_mounted_under_a_prefix_links_within_it(mounted: Flask) -> None:
    client = mounted.test_client()
    assert client.get("/?q=soldier").status_code == 404
    page = client.get("/research/?q=soldier").get_data(as_text=True)
    links = re.findall(r'href="(/[^"#]*)"', page)
    assert links and all(link.startswith("/research/") for link in links), links
    code = client.get("/research/embed-code?q=soldier", headers=FORWARDED, environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert _embed_src(code.get_data(as_text=True)) == "https://search.example/research/embed?q=soldier"


@pytest.mark.parametrize(("config", "message"), [
    ({"TRUSTED_PROXIES": "proxy.local"}, "TRUSTED_PROXIES: 'proxy.local' does not appear to be an IPv4 or IPv6 address"),
    ({"URL_PREFIX": "research"}, "URL_PREFIX: 'research' is not a path like /research"),
])
def test_bad_proxy_settings_are_refused_by_name(seeded_settings: Settings, config: dict, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        create_app({"SEARCH_SETTINGS": seeded_settings, **config})


def test_serve_honours_trusted_proxy_and_url_prefix(seeded_settings: Settings) -> None:
    """The issue's example: curl -H 'X-Forwarded-Host: search.example' .../embed-code."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DEFECTION_SEARCH_")} | {"PYTHONPATH": str(REPO)}
    server = subprocess.Popen(
        [sys.executable, "-m", "search.cli", "serve", "--port", "0", "--index-dir", str(seeded_settings.index_dir),
         "--trusted-proxy", "127.0.0.1", "--url-prefix", "/research"],
        env=env, stderr=subprocess.PIPE, text=True)
    try:
        base = next(found.group(1) for line in server.stderr
                    if (found := re.search(r"on (http://127\.0\.0\.1:\d+)/research/", line)))
        request = urllib.request.Request(f"{base}/research/embed-code?q=soldier", headers=FORWARDED)
        with urllib.request.urlopen(request, timeout=30) as answer:
            assert _embed_src(answer.read().decode()) == "https://search.example/research/embed?q=soldier"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_refuses_a_bad_proxy_address_with_exit_2(seeded_settings: Settings) -> None:
    done = subprocess.run([sys.executable, "-m", "search.cli", "serve", "--index-dir", str(seeded_settings.index_dir),
                           "--trusted-proxy", "my-proxy"], capture_output=True, text=True, timeout=60,
                          env=os.environ | {"PYTHONPATH": str(REPO)})
    assert done.returncode == 2
    assert done.stderr.strip() == ("error: --trusted-proxy: 'my-proxy' does not appear to be an IPv4 or IPv6 "
                                   "address; give the proxy's IP address, e.g. 127.0.0.1")
