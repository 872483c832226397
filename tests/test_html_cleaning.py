"""clean_html and extract_page_metadata on small made-up pages, plus robustness properties."""
from __future__ import annotations

import socket
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.cleaning.html import clean_html, extract_body_html, extract_page_metadata
from search.models import REMOVED_KINDS, CleanedText, PageMetadata

ARTICLE_PARAGRAPHS = (
    "A former soldier crossed the border river at night and reached a safe house in a "
    "neighbouring country after three weeks of travel, according to an aid group.",
    "He told interviewers that he had planned the journey for more than a year, saving money "
    "from small trades at a market and memorising the route from a relative's stories.",
    "The group said the number of arrivals this year was lower than in the last decade, "
    "because patrols along the frontier had become stricter and brokers charged more.",
    "Officials in the capital declined to comment on the case, citing the safety of relatives "
    "who remain in the north and the privacy of the man, who asked not to be named.",
)


def page(*, head: str = "", before: str = "", inside: str = "", after: str = "") -> str:
    """A plausible news page: the made-up article, with furniture placed around it."""
    body = "".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS)
    return (f"<!DOCTYPE html><html><head><title>Soldier reaches safety | Daily Example</title>"
            f"{head}</head><body>{before}<article><h1>Soldier reaches safety</h1>{body}"
            f"{inside}</article>{after}</body></html>")


def removed_kinds(cleaned: CleanedText) -> set[str]:
    return {span.kind for span in cleaned.removed}


def test_article_paragraphs_kept_in_order_and_title_not_repeated():
    cleaned = clean_html(page())
    assert cleaned.title == "Soldier reaches safety"
    assert list(cleaned.paragraphs) == list(ARTICLE_PARAGRAPHS)
    assert extract_body_html(page()) == "\n\n".join(ARTICLE_PARAGRAPHS)


def test_comment_section_is_dropped_and_recorded():
    comments = ('<section id="comments"><h3>12 Comments</h3><ol class="comment-list">'
                '<li><p>ReaderOne says: this is the saddest story I have read all week long, '
                'truly heartbreaking and I hope the family is safe somewhere now.</p></li>'
                '<li><p>ReaderTwo says: I do not believe a word of it and never will.</p></li>'
                '</ol><form><textarea>Leave a reply</textarea></form></section>')
    cleaned = clean_html(page(after=comments))
    assert "ReaderOne" not in cleaned.body and "ReaderTwo" not in cleaned.body
    assert any(s.kind == "comments" and "ReaderOne" in s.text for s in cleaned.removed)
    assert ARTICLE_PARAGRAPHS[-1] in cleaned.paragraphs


def test_share_bar_navigation_and_related_list_are_dropped():
    nav = '<nav><a href="/">Home</a><a href="/world">World news section</a></nav>'
    share = ('<div class="share-buttons"><a href="#">Share on Facebook</a>'
             '<a href="#">Share on Twitter</a></div>')
    related = ('<div class="related-posts"><h4>More stories</h4><ul>'
               '<li><a href="/a">Markets fall sharply on trade fears in early trading</a></li>'
               '<li><a href="/b">Storm closes schools across the eastern coast today</a></li>'
               '</ul></div>')
    cleaned = clean_html(page(before=nav, inside=share, after=related))
    for furniture in ("World news section", "Share on Facebook", "Markets fall sharply"):
        assert furniture not in cleaned.body
    assert {"nav", "share", "promo"} <= removed_kinds(cleaned)
    assert ARTICLE_PARAGRAPHS[0] in cleaned.paragraphs


def test_caption_and_photo_credit_are_dropped():
    figure = ('<figure><img src="x.jpg"><figcaption>Refugees wait at a station in the '
              'evening rain <span class="credit">Photo: Jane Roe / Example Agency</span>'
              '</figcaption></figure>')
    cleaned = clean_html(page(inside=figure))
    assert "Refugees wait at a station" not in cleaned.body
    assert "Jane Roe" not in cleaned.body
    assert "caption" in removed_kinds(cleaned)


def test_boilerplate_lines_inside_the_article_are_dropped():
    promo = ("<p>Related: Another family escapes across the river in winter</p>"
             "<p>Sign up for our morning newsletter and get the top stories in your inbox.</p>"
             "<p>Follow us on Twitter and Facebook.</p>")
    cleaned = clean_html(page(inside=promo))
    assert "Another family escapes" not in cleaned.body
    assert "newsletter" not in cleaned.body and "Follow us" not in cleaned.body
    assert {"promo", "share"} <= removed_kinds(cleaned)
    assert all(span.kind in REMOVED_KINDS for span in cleaned.removed)


def test_removed_spans_are_truncated():
    long_comment = '<div class="comments"><p>' + "blah " * 400 + "</p></div>"
    cleaned = clean_html(page(after=long_comment))
    assert cleaned.removed and all(len(s.text) <= 500 for s in cleaned.removed)


def test_json_ld_graph_gives_metadata():
    json_ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
               '{"@type": "WebSite", "name": "Not the outlet"},'
               '{"@type": ["NewsArticle"], "headline": "Soldier reaches safety",'
               ' "datePublished": "2019-11-18T08:30:00+09:00",'
               ' "publisher": {"@type": "Organization", "name": "Daily Example"},'
               ' "mainEntityOfPage": {"@id": "https://news.example.org/soldier"}}]}</script>')
    meta = extract_page_metadata(page(head=json_ld))
    assert (meta.title.value, meta.title.source) == ("Soldier reaches safety", "json-ld")
    assert (meta.outlet.value, meta.published.value) == ("Daily Example", "2019-11-18")
    assert meta.url.value == "https://news.example.org/soldier"
    assert {meta.outlet.source, meta.published.source, meta.url.source} == {"json-ld"}


def test_opengraph_only_gives_html_meta_metadata():
    head = ('<meta property="og:title" content="Soldier reaches safety | Daily Example">'
            '<meta property="og:site_name" content="Daily Example">'
            '<meta property="article:published_time" content="2019-11-18">'
            '<link rel="canonical" href="https://news.example.org/soldier">')
    meta = extract_page_metadata(page(head=head))
    assert meta.title.source == meta.outlet.source == meta.published.source == "html-meta"
    assert meta.outlet.value == "Daily Example" and meta.published.value == "2019-11-18"
    assert meta.url.value == "https://news.example.org/soldier"
    assert clean_html(page(head=head)).title == "Soldier reaches safety"


@pytest.mark.parametrize("stated, expected", [
    ("2019-11-18T10:00:00Z", "2019-11-18"), ("2019/11/18", "2019-11-18"),
    ("November 18, 2019", "2019-11-18"), ("18 Nov 2019", "2019-11-18"),
    ("Tue, 19 Nov 2019 10:00:00 GMT", "2019-11-19"), ("2019-11", "2019-11"),
])
def test_published_dates_are_normalised(stated, expected):
    head = f'<meta name="citation_publication_date" content="{stated}">'
    assert extract_page_metadata(page(head=head)).published.value == expected


def test_malformed_json_ld_is_ignored():
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>'
            '<time datetime="2018-03-02T10:00">March 2</time>')
    meta = extract_page_metadata(page(head=head))
    assert meta.published.value == "2018-03-02" and meta.published.source == "html-meta"
    assert meta.title.source == "html-meta"


def test_ten_thousand_nested_elements_are_handled_quickly():
    depth = 10_000
    deep = "<div>" * depth + "".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS) + "</div>" * depth
    started = time.perf_counter()
    cleaned = clean_html(f"<html><body>{deep}</body></html>")
    extract_page_metadata(deep)
    assert time.perf_counter() - started < 2
    assert ARTICLE_PARAGRAPHS[0] in cleaned.paragraphs


@pytest.mark.parametrize("garbage", [
    "", "   ", "\x00\x01\x02", "<<<>>>", "</p></div>", "<html>", "\ufffe\uffff" * 50,
    bytes(range(256)).decode("latin-1"), "<script>" * 1000, "<p>" + "x" * 100_000,
])
def test_garbage_input_never_raises(garbage):
    assert isinstance(clean_html(garbage), CleanedText)
    extract_page_metadata(garbage)


def test_no_network_access(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the cleaner tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    head = '<meta property="og:url" content="https://news.example.org/soldier">'
    assert clean_html(page(head=head)).paragraphs


_TAGS = st.sampled_from(["div", "p", "span", "article", "section", "ul", "li", "a", "script",
                         "nav", "figcaption", "table", "td", "h1", "title", "b"])
_ATTRS = st.sampled_from(["", ' class="comments"', ' id="share"', ' role="navigation"',
                          ' class="related x"', " class='", ' id="a"b"'])


@st.composite
def tag_soup(draw: st.DrawFn) -> str:
    """Randomly nested, often unbalanced markup with furniture-looking attributes."""
    parts = []
    for _ in range(draw(st.integers(0, 60))):
        tag, attrs = draw(_TAGS), draw(_ATTRS)
        parts.append(draw(st.sampled_from([f"<{tag}{attrs}>", f"</{tag}>", ""])))
        parts.append(draw(st.text(max_size=30)))
    return "".join(parts)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_clean_html_never_raises_on_arbitrary_text(text):
    result = clean_html(text)
    assert isinstance(result, CleanedText)
    assert isinstance(extract_page_metadata(text), PageMetadata)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tag_soup())
def test_clean_html_never_raises_on_tag_soup(soup):
    result = clean_html(soup)
    assert all(span.kind in REMOVED_KINDS for span in result.removed)
    extract_page_metadata(soup)
