"""The search page as a new user meets it, in headless Chromium (issue 15 items 3, 4, 10, 11):
a facet value typed in another case, or matching nothing; the from/to date fields; reaching
the filters on a phone; snippets of two or three lines. Same server and browser fixtures as
tests/test_browser.py (a real waitress server on 127.0.0.1, Debian's Chromium)."""
from __future__ import annotations

import re

import pytest

from test_browser import Sites, _count, _facet_value, browser, page, sites  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PHONE = {"width": 375, "height": 800}


def test_a_value_in_another_case_is_ticked_and_one_matching_nothing_says_so(page, sites: Sites) -> None:
    page.goto(f"{sites.search}/?q=soldier&outlet=breitbart")
    assert _count(page) == 1
    assert "selected" in (_facet_value(page, "outlet", "Breitbart").get_attribute("class") or "")
    page.goto(f"{sites.search}/?q=soldier&route=China")
    china = _facet_value(page, "route", "Via China")
    assert china.locator(".nothing").inner_text() == "matches no article"
    assert page.locator(".notice").inner_text() == "route: 'china' matches no article in the index"
    page.locator("a.chip", has_text="Route: Via China").click()
    page.wait_for_url(re.compile(r"/\?q=soldier$"))
    assert _count(page) == 5 and page.locator(".notice").count() == 0


def test_dates_are_set_with_the_date_fields_and_kept_in_the_url(page, sites: Sites) -> None:
    page.goto(f"{sites.search}/?q=soldier&route=jsa")
    before = _count(page)
    page.get_by_label("From", exact=True).fill("2017-11-15")
    page.get_by_label("To", exact=True).fill("2017-11-30")
    page.get_by_role("button", name="Apply dates").click()
    page.wait_for_url(re.compile(r"from=2017-11-15&to=2017-11-30"))
    assert "route=jsa" in page.url and "q=soldier" in page.url
    assert 0 < _count(page) < before
    assert page.get_by_label("From", exact=True).input_value() == "2017-11-15"
    assert page.locator("a.chip", has_text="from 2017-11-15").is_visible()


def test_on_a_phone_a_filters_link_at_the_top_leads_to_the_filters_and_back(page, sites: Sites) -> None:
    page.set_viewport_size(PHONE)
    page.goto(f"{sites.search}/?q=soldier")
    link = page.get_by_role("link", name=re.compile(r"^Filters"))
    box = link.bounding_box()
    assert box is not None and box["y"] + box["height"] <= PHONE["height"], "the Filters link is not on the first screen"
    link.click()
    page.wait_for_url(re.compile(r"#filters$"))
    route_heading = page.locator("#facet-route").bounding_box()
    assert 0 <= route_heading["y"] < PHONE["height"], "the filters are not on screen after following the link"
    page.get_by_role("link", name="Back to the results").click()
    page.wait_for_url(re.compile(r"#main$"))
    assert page.locator(".results .hit").first.bounding_box()["y"] < PHONE["height"]


def test_the_filters_link_is_not_shown_beside_the_filters(page, sites: Sites) -> None:
    page.goto(f"{sites.search}/?q=soldier")
    assert not page.get_by_role("link", name=re.compile(r"^Filters")).is_visible()


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, PHONE], ids=["desktop", "phone"])
def test_snippets_are_two_or_three_lines_and_read_as_excerpts(page, sites: Sites, viewport: dict) -> None:
    page.set_viewport_size(viewport)
    page.goto(f"{sites.search}/?q=soldier")
    snippets = page.locator(".results .hit .snippet")
    assert snippets.count() >= 3
    most_lines = 3 if viewport["width"] > 1000 else 7  # ~240 characters: 3 lines wide, ~7 on a phone
    for i in range(snippets.count()):
        snippet = snippets.nth(i)
        line = float(snippet.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
        lines = snippet.bounding_box()["height"] / line
        assert lines <= most_lines + 0.5, f"snippet {i} runs to {lines:.1f} lines"
        assert snippet.inner_text().startswith(("…", snippet.inner_text()[:1].upper()))
    first_hit = page.locator(".results .hit").first.bounding_box()
    assert first_hit["height"] < viewport["height"] / 2, "one result fills the screen"
