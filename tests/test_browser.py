"""The web front end in a real browser: waitress on 127.0.0.1, headless Debian Chromium.

These tests never skip: without Chromium they fail and say how to get it. A failing test
leaves a screenshot in tests/artifacts/. The README's screenshots are made here too: they
go to tests/artifacts/ on every run, and to docs/screenshots/ when UPDATE_SCREENSHOTS=1, so
that running the tests does not rewrite tracked files.
"""
from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from flask import Flask
from waitress import create_server

from search import Settings
from web import create_app
from web.views import EXTENSION

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
REPO = Path(__file__).resolve().parents[1]
ARTIFACTS = REPO / "tests" / "artifacts"
SCREENSHOTS = REPO / "docs" / "screenshots" if os.environ.get("UPDATE_SCREENSHOTS") == "1" else ARTIFACTS
TIMEOUT_MS = 15_000


@dataclass(frozen=True)
class Sites:
    search: str  # the app under test, e.g. http://127.0.0.1:41234
    host: str  # a third-party page that frames /embed (allowed) and / (refused)


class _HostPage(BaseHTTPRequestHandler):
    """Serves one page with two frames: the allowed /embed and the refused search page."""

    search_base = ""

    def do_GET(self) -> None:
        body = (f'<!doctype html><title>Host</title><h1>Host site</h1>'
                f'<iframe id="embed" title="search" width="360" height="700" '
                f'src="{self.search_base}/embed?q=soldier"></iframe>'
                f'<iframe id="full" title="not framable" width="300" height="200" '
                f'src="{self.search_base}/?q=soldier"></iframe>').encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def _start(target, name: str) -> threading.Thread:
    thread = threading.Thread(target=target, name=name, daemon=True)
    thread.start()
    return thread


@pytest.fixture(scope="module")
def sites(seeded_settings: Settings) -> Iterator[Sites]:
    host_server = ThreadingHTTPServer(("127.0.0.1", 0), _HostPage)
    host = f"http://127.0.0.1:{host_server.server_address[1]}"
    app: Flask = create_app({"SEARCH_SETTINGS": seeded_settings, "FRAME_ANCESTORS": ["'self'", host]})
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    search = f"http://127.0.0.1:{server.effective_port}"
    _HostPage.search_base = search
    _start(host_server.serve_forever, "host-page")
    _start(server.run, "waitress")
    yield Sites(search=search, host=host)
    server.close()
    host_server.shutdown()
    app.extensions[EXTENSION].close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is required at {CHROMIUM} for the browser tests "
                    f"(Debian: apt-get install chromium); they never skip.", pytrace=False)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        except Exception as error:  # Playwright raises its own Error type; report any cause plainly
            pytest.fail(f"Chromium at {CHROMIUM} did not start: {error}", pytrace=False)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser, request: pytest.FixtureRequest) -> Iterator[object]:
    """A fresh page; CSP violations fail the test, and a failed test leaves a screenshot."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    failed_before = request.session.testsfailed
    yield page
    if request.session.testsfailed > failed_before:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{re.sub(r'[^A-Za-z0-9_.-]', '_', request.node.name)}.png"), full_page=True)
    context.close()
    assert not [v for v in violations if "frame-ancestors" not in v], violations


def _count(page) -> int:
    text = page.locator(".summary .count").inner_text()
    found = re.search(r"([\d,]+) articles?", text)
    return int(found.group(1).replace(",", "")) if found else 0


def _facet_value(page, facet: str, label: str):
    return page.locator(f"#facet-{facet} ~ ul .facet-value").filter(
        has=page.locator(".label", has_text=re.compile(f"^{re.escape(label)}$")))


def test_search_and_tick_a_route_facet(page, sites: Sites) -> None:
    page.goto(f"{sites.search}/")
    page.get_by_label("Search news about North Korean defections").fill("soldier")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"\?q=soldier$"))
    before = _count(page)
    assert before > 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "search.png"), full_page=True)
    sea = _facet_value(page, "route", "By sea")
    expected = int(sea.locator(".count").inner_text())
    sea.locator("a.toggle").click()
    page.wait_for_url(re.compile(r"route=sea"))
    assert _count(page) == expected < before
    assert "selected" in (_facet_value(page, "route", "By sea").get_attribute("class") or "")
    page.locator("a.chip", has_text="Route: By sea").click()
    page.wait_for_url(re.compile(r"\?q=soldier$"))
    assert _count(page) == before


def test_exclude_a_value(page, sites: Sites) -> None:
    page.goto(f"{sites.search}/?q=soldier")
    before = _count(page)
    _facet_value(page, "route", "By sea").locator("a.exclude").click()
    page.wait_for_url(re.compile(r"exclude_route=sea"))
    assert page.locator("a.chip", has_text="not Route: By sea").is_visible()
    assert _count(page) < before


def test_facets_work_from_the_keyboard(page, sites: Sites) -> None:
    page.goto(f"{sites.search}/?q=soldier")
    for _ in range(80):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.className + ' ' + document.activeElement.textContent")
        if focused.startswith("toggle"):
            break
    else:
        pytest.fail("no facet value is reachable with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"&(route|primary_route|crossing|outlet|year|cites)="))


def test_timeline_bar_filters_to_its_month(page, sites: Sites) -> None:
    page.goto(f"{sites.search}/?q=soldier")
    bar = page.locator("svg.timeline a").first
    tooltip = bar.locator("title").text_content()
    month = tooltip.split(":")[0]
    bar.click()
    page.wait_for_url(re.compile(rf"from={month}&to={month}"))
    assert page.locator("a.chip", has_text=f"from {month}-01").is_visible()
    assert _count(page) == int(re.search(r": (\d+) article", tooltip).group(1))


def test_open_an_article(page, sites: Sites) -> None:
    page.goto(f"{sites.search}/?q=defector")
    first = page.locator(".results .hit h3 a").first
    title = first.inner_text()
    first.click()
    page.wait_for_url(re.compile(r"/articles/[0-9a-f]+\?q=defector"))
    assert page.locator("h1").inner_text() == title
    assert page.locator(".body mark").count() > 0
    assert page.locator("#routes-heading").is_visible()
    page.screenshot(path=str(SCREENSHOTS / "article.png"), full_page=True)


def test_embed_in_a_third_party_page(page, sites: Sites) -> None:
    page.goto(f"{sites.host}/")
    embed = page.frame_locator("#embed")
    result = embed.locator(".results .hit h3 a").first
    result.wait_for()
    assert result.get_attribute("target") == "_top"
    refused = page.frame_locator("#full")
    assert refused.locator("form.search-form").count() == 0
    result.click()
    page.wait_for_url(re.compile(re.escape(sites.search) + r"/articles/"))


@pytest.mark.parametrize("path", ["/?q=soldier&route=jsa", "/embed?q=soldier", "/embed-code?q=soldier",
                                  "/articles/6b9dfbd94ea468cb?q=defector", "/?q=*a"])
def test_no_horizontal_scroll_at_375_px(page, sites: Sites, path: str) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(sites.search + path)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 375px"
