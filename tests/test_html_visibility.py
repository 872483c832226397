"""Text a page's markup hides is no part of its article (issue 12: `visibility: hidden` was kept)."""
from __future__ import annotations

import pytest

from search.cleaning.html import clean_html

OPENING = ("A wooden boat carrying five people from the North reached the port of Sokcho early on "
           "Sunday, the coast guard said, after drifting for three days in the East Sea.")
CLOSING = ("Officials said all five had asked to stay in the South and were being questioned by "
           "the intelligence service about their journey and their home village.")
HIDDEN = "Zebra lantern keywords for search robots only, repeated here so that a crawler sees them."


def page(middle: str) -> str:
    return (f"<html><body><article><h1>Fishing crew reaches Sokcho</h1><p>{OPENING}</p>"
            f"{middle}<p>{CLOSING}</p></article></body></html>")


@pytest.mark.parametrize("hidden", [
    f'<p id="note-1" style="color: grey; visibility: hidden">{HIDDEN}</p>',  # an id before the style
    f'<p style="VISIBILITY : Collapse !important">{HIDDEN}</p>',
    f'<div class="aside-note" style="display:none"><p>{HIDDEN}</p></div>',
    f"<p hidden>{HIDDEN}</p>",
    f'<p style="display: block; visibility: visible; visibility: hidden">{HIDDEN}</p>',
])
def test_hidden_text_is_removed_and_the_article_kept(hidden: str) -> None:
    cleaned = clean_html(page(hidden))
    assert "Zebra" not in cleaned.body and "Zebra" not in str(cleaned.removed)
    assert cleaned.paragraphs == (OPENING, CLOSING)


def test_hidden_words_inside_a_paragraph_go_and_the_words_after_them_stay() -> None:
    middle = ('<p>The crew said the sea was calm on the second night. '
              '<span id="k" style="visibility:hidden">zebra lantern</span> They were given food '
              'and dry clothes on arrival at the harbour.</p>')
    body = clean_html(page(middle)).body
    assert "zebra" not in body and "They were given food and dry clothes" in body


@pytest.mark.parametrize("shown", [
    f'<p hidden="until-found">{HIDDEN}</p>',  # find-in-page reveals it
    f'<div style="visibility:hidden">zebra <p>zebra</p><p style="visibility: visible">{HIDDEN}</p>'
    f'zebra</div>',  # CSS lets a child of a hidden parent show itself; the rest stays hidden
])
def test_text_the_reader_does_see_is_kept(shown: str) -> None:
    body = clean_html(page(shown)).body
    assert HIDDEN in body and "zebra" not in body


def test_a_page_hidden_whole_until_a_script_runs_is_still_read() -> None:
    cloaked = page("").replace("<body>", '<body id="top" style="visibility: hidden">')
    assert clean_html(cloaked).paragraphs == (OPENING, CLOSING)


def test_a_hidden_copy_of_the_article_for_search_engines_is_not_read_twice() -> None:
    copy = (f'<div style="display:none" itemscope itemtype="http://schema.org/NewsArticle">'
            f'<h1>Fishing crew reaches Sokcho</h1><div itemprop="articleBody"><p>{OPENING}</p>'
            f'<p>{CLOSING}</p></div></div>')
    doubled = page("").replace("</article>", f"</article>{copy}")
    assert clean_html(doubled).paragraphs == (OPENING, CLOSING)


def test_text_the_pages_stylesheet_hides_is_removed() -> None:
    style = ("<style>/* notes */ .seo-note { color: red; visibility : hidden } "
             "#promo-1, div.teaser { display: none !important } div.teaser { display: block }</style>")
    hidden = (f'<p class="intro seo-note">{HIDDEN}</p><div id="promo-1">zebra one</div>'
              f'<div class="teaser">zebra two</div>')
    cleaned = clean_html(page(hidden).replace("<body>", f"<head>{style}</head><body>"))
    assert "Zebra" not in cleaned.body and "zebra" not in cleaned.body
    assert cleaned.paragraphs == (OPENING, CLOSING)


@pytest.mark.parametrize("style, element", [
    ("@media print { .seo-note { display: none } }", '<p class="seo-note">{}</p>'),  # only on paper
    (".seo-note { display: none } .seo-note.open { display: block }", '<p class="seo-note open">{}</p>'),
    (".seo-note { display: none } .seo-note { display: block }", '<p class="seo-note">{}</p>'),
    (".seo-note { visibility: hidden }", '<p class="seo-note" style="visibility: visible">{}</p>'),
    (".menu:hover .seo-note, .open .seo-note { display: none }", '<p class="seo-note">{}</p>'),
])
def test_rules_that_do_not_hide_it_on_every_screen_leave_it(style: str, element: str) -> None:
    html = page(element.format(HIDDEN)).replace("<body>", f"<head><style>{style}</style></head><body>")
    assert HIDDEN in clean_html(html).body
