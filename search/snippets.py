"""Highlighted snippets as safe HTML: every character of article text is escaped, and the
only tag added is <mark>. Escaping happens per piece, inside the formatter, so that article
text such as "</mark><script>" can never close or open a tag.
"""
from __future__ import annotations

import html
import re

from whoosh import highlight

ELLIPSIS = " \u2026 "
_SPACES = re.compile(r"\s+")


class MarkFormatter(highlight.Formatter):
    """Wraps each match in a bare <mark>; no class names, no attributes."""

    between = ELLIPSIS

    def _text(self, text: str) -> str:
        return html.escape(_SPACES.sub(" ", text), quote=True)

    def format_token(self, text: str, token, replace: bool = False) -> str:
        return f"<mark>{html.escape(highlight.get_text(text, token, replace), quote=True)}</mark>"


class MergingPinpointFragmenter(highlight.PinpointFragmenter):
    """Pinpoint fragments, with overlapping ones joined: otherwise two matches a few words
    apart give two fragments that repeat the same sentence."""

    def fragment_matches(self, text: str, tokens):
        merged: list[highlight.Fragment] = []
        for fragment in sorted(super().fragment_matches(text, tokens), key=lambda f: f.startchar):
            if merged and fragment.startchar <= merged[-1].endchar:
                last = merged.pop()
                fragment = highlight.Fragment(text, last.matches + fragment.matches,
                                              last.startchar, max(last.endchar, fragment.endchar))
            merged.append(fragment)
        return merged


def snippet_highlighter(snippet_chars: int) -> highlight.Highlighter:
    """Pinpoint fragments read the stored character offsets instead of re-tokenising the body."""
    fragmenter = MergingPinpointFragmenter(maxchars=snippet_chars, surround=snippet_chars // 3,
                                           autotrim=True)
    return highlight.Highlighter(fragmenter=fragmenter, formatter=MarkFormatter())


def plain_snippet(body: str, snippet_chars: int) -> str:
    """The opening of the body, escaped, cut at a word boundary: for browsing without a query."""
    text = " ".join(body.split())
    if len(text) > snippet_chars:
        text = text[:snippet_chars].rsplit(" ", 1)[0] + "\u2026"
    return html.escape(text, quote=True)


def highlight_text(text: str, terms: frozenset[str], analyzer) -> str:
    """The whole text as safe HTML with the query's terms marked (for the article page)."""
    if not terms:
        return html.escape(text, quote=True)
    marked = highlight.highlight(text, terms, analyzer, highlight.WholeFragmenter(charlimit=None),
                                 _WholeTextFormatter(), top=1, minscore=0)
    return marked or html.escape(text, quote=True)


class _WholeTextFormatter(MarkFormatter):
    """Keeps line breaks, so paragraphs survive for the article page."""

    def _text(self, text: str) -> str:
        return html.escape(text, quote=True)
