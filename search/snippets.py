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


class DisjointPinpointFragmenter(highlight.PinpointFragmenter):
    """Pinpoint fragments that never overlap: otherwise two matches a few words apart give
    two fragments repeating the same sentence. An overlapping fragment is joined to the one
    before while the join stays short, else it starts where the one before ends."""

    def fragment_matches(self, text: str, tokens):
        kept: list[highlight.Fragment] = []
        for fragment in sorted(super().fragment_matches(text, tokens), key=lambda f: f.startchar):
            if kept and fragment.startchar < kept[-1].endchar:
                fragment = self._resolve_overlap(text, kept, fragment)
            if fragment is not None:
                kept.append(fragment)
        return kept

    def _resolve_overlap(self, text: str, kept: list, fragment):
        last = kept[-1]
        end = max(last.endchar, fragment.endchar)
        if end - last.startchar <= self.maxchars * 3 // 2:
            kept.pop()
            return highlight.Fragment(text, last.matches + fragment.matches, last.startchar, end)
        later = [t for t in fragment.matches if t.startchar >= last.endchar]
        return highlight.Fragment(text, later, last.endchar, fragment.endchar) if later else None


def snippet_highlighter(snippet_chars: int) -> highlight.Highlighter:
    """Pinpoint fragments read the stored character offsets instead of re-tokenising the body."""
    fragmenter = DisjointPinpointFragmenter(maxchars=snippet_chars, surround=snippet_chars // 3,
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
