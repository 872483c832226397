"""Snippets read as excerpts (issue 15 item 11): about three lines (snippet_chars, 240, for
all fragments together), each fragment starting and ending at a word boundary, and "…"
wherever text was left out: before, between and after the fragments."""
from __future__ import annotations

import html
import re

import pytest
from whoosh import highlight

from search import Engine, Settings, request_from_params
from search.snippets import snippet_highlighter

QUERIES = ["soldier", "fog", "defector OR wounds", '"joint security area"', "north korean soldier", "jsa"]


def _visible(snippet: str) -> str:
    return html.unescape(snippet.replace("<mark>", "").replace("</mark>", ""))


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text))


@pytest.mark.parametrize("q", QUERIES)
def test_snippets_are_short_excerpts_cut_at_words_with_ellipses(engine: Engine, seeded_settings: Settings, q: str) -> None:
    result = engine.search(request_from_params({"q": [q], "collapse": ["0"]}, seeded_settings))
    assert result.results
    for hit in result.results:
        body = " ".join(engine.article(hit.id).body.split())
        shown = _visible(hit.snippet)
        text = shown.removeprefix("\u2026 ").removesuffix(" \u2026")
        assert len(text) <= seeded_settings.snippet_chars, shown
        fragments = text.split(" \u2026 ")
        assert 1 <= len(fragments) <= 2, shown
        for fragment in fragments:
            assert fragment in body, (fragment, body)
            at = body.index(fragment)
            assert at == 0 or not body[at - 1].isalnum(), f"starts mid-word: {fragment!r}"
            end = at + len(fragment)
            assert end == len(body) or not body[end].isalnum(), f"ends mid-word: {fragment!r}"
        assert shown.startswith("\u2026 ") == (not body.startswith(fragments[0]))
        assert shown.endswith(" \u2026") == (not body.endswith(fragments[-1]))


def test_a_fragment_cut_inside_a_word_is_moved_to_the_word_boundary() -> None:
    text = "Soldiers crossed the frozen river at dawn while guards slept nearby."
    formatter = snippet_highlighter(240).formatter
    match = highlight.Token(text="river", startchar=text.index("river"), endchar=text.index("river") + 5)
    fragment = highlight.Fragment(text, [match], text.index("ozen"), text.index("ards") + 2)
    assert formatter.format([fragment]) == "\u2026 <mark>river</mark> at dawn while \u2026"


def test_no_snippet_is_the_600_characters_it_used_to_be(engine: Engine, seeded_settings: Settings) -> None:
    result = engine.search(request_from_params({"q": ["korean OR soldier OR north"], "collapse": ["0"]}, seeded_settings))
    assert max(len(_visible(hit.snippet)) for hit in result.results) <= seeded_settings.snippet_chars + 4
