"""Highlighted snippets as safe HTML: every character of article text is escaped, and the
only tag added is <mark>. Escaping happens per piece, inside the formatter, so that article
text such as "</mark><script>" can never close or open a tag.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable
from itertools import groupby

from whoosh import highlight
from whoosh.searching import Searcher

ELLIPSIS = " \u2026 "
_SPACES = re.compile(r"\s+")
FRAGMENTS_SHOWN = 2  # a snippet shows at most this many fragments, joined by an ellipsis


class MarkFormatter(highlight.Formatter):
    """Wraps each match in a bare <mark>; no class names, no attributes. A snippet reads as
    an excerpt: it starts and ends at a word boundary, says with "…" where text was left
    out (before, between and after its fragments), and stays within `max_chars` of text."""

    between = ELLIPSIS

    def __init__(self, max_chars: int = 0) -> None:
        self.max_chars = max_chars

    def _text(self, text: str) -> str:
        return html.escape(_SPACES.sub(" ", text), quote=True)

    def format(self, fragments, replace: bool = False) -> str:
        shown = _within(sorted(fragments, key=lambda f: f.startchar), self.max_chars)
        if not shown:
            return ""
        text = shown[0].text
        parts = [self.format_fragment(_at_word_boundaries(f), replace).strip() for f in shown]
        lead = "\u2026 " if text[:shown[0].startchar].strip() else ""
        tail = " \u2026" if text[shown[-1].endchar:].strip() else ""
        return lead + self.between.join(parts) + tail

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
    """Pinpoint fragments read the stored character offsets instead of re-tokenising the body.
    `snippet_chars` bounds the whole snippet (two or three lines), so each of its fragments
    gets a share of it."""
    share = snippet_chars // FRAGMENTS_SHOWN
    fragmenter = DisjointPinpointFragmenter(maxchars=share, surround=share // 3, autotrim=True)
    return highlight.Highlighter(fragmenter=fragmenter, formatter=MarkFormatter(snippet_chars))


def _within(fragments: list, max_chars: int) -> list:
    """The fragments, in text order, that fit in max_chars together (the first always)."""
    kept, used = [], 0
    for fragment in fragments:
        length = fragment.endchar - fragment.startchar
        if kept and max_chars and used + length > max_chars:
            break
        kept.append(fragment)
        used += length
    return kept


def _at_word_boundaries(fragment: highlight.Fragment) -> highlight.Fragment:
    """The fragment without a word cut at either end (never cutting a match)."""
    text, start, end = fragment.text, fragment.startchar, fragment.endchar
    first_match = min((t.startchar for t in fragment.matches), default=end)
    last_match = max((t.endchar for t in fragment.matches), default=start)
    while 0 < start < first_match and text[start - 1].isalnum() and text[start].isalnum():
        start += 1
    while last_match < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end -= 1
    return highlight.Fragment(text, fragment.matches, start, end)


def page_snippets(searcher: Searcher, query, docnums: Iterable[int], highlighter: highlight.Highlighter,
                  fieldname: str = "body", top: int = 2) -> dict[int, str]:
    """Pinpoint snippets of a few documents (one result page), found without a full search.

    Whoosh's own route (search(..., terms=True) then Hit.highlights) needs a Results object,
    i.e. a pass over every matching document, even with a filter of ten: filters are applied
    after matching. Here the query's matcher is moved straight to each shown document
    (skip_to), the terms matching there are read off its term matchers as Whoosh's
    TermsCollector does, and their stored character offsets are fragmented as
    Highlighter.highlight_hit does. Documents the query does not match get no entry."""
    wanted = sorted(set(docnums))
    snippets: dict[int, str] = {}
    context = searcher.context(needs_current=True)  # else Or builds array matchers, whose
    # term matchers run ahead of the document matched (Whoosh's TermsCollector asks the same)
    for subsearcher, offset in searcher.leaf_searchers():
        local = [d - offset for d in wanted if offset <= d < offset + subsearcher.doc_count_all()]
        if not local:
            continue
        for docnum, chars in _matched_characters(query.matcher(subsearcher, context), local, fieldname):
            text = subsearcher.stored_fields(docnum).get(fieldname, "")
            snippets[docnum + offset] = _pinpoint(text, chars, highlighter, top)
    return snippets


def _matched_characters(matcher, local_docnums: list[int], fieldname: str):
    """(docnum, {word: [(pos, startchar, endchar)]}) for each given document the matcher
    matches: the field's term matchers positioned on it hold the stored offsets."""
    term_matchers = list(matcher.term_matchers())
    for docnum in local_docnums:
        if not matcher.is_active():
            return
        if matcher.id() < docnum:
            matcher.skip_to(docnum)
            if not matcher.is_active():
                return
        if matcher.id() != docnum:
            continue
        chars: dict[str, list] = {}
        for tm in term_matchers:
            if tm.is_active() and tm.id() == docnum:
                field, text = tm.term()
                word = text.decode("utf-8") if isinstance(text, bytes) else text
                if field == fieldname and word not in chars:
                    chars[word] = tm.value_as("characters")
        yield docnum, chars


def _pinpoint(text: str, chars: dict[str, list], highlighter: highlight.Highlighter, top: int) -> str:
    """Highlighter.highlight_hit's pinpoint branch, from (pos, startchar, endchar) per word."""
    charlimit = highlighter.fragmenter.charlimit
    tokens = []
    for word, positions in chars.items():
        for pos, startchar, endchar in positions:
            if charlimit and endchar > charlimit:
                break
            tokens.append(highlight.Token(text=word, pos=pos, startchar=startchar, endchar=endchar))
    tokens.sort(key=lambda t: t.startchar)
    tokens = [max(group, key=lambda t: t.endchar - t.startchar)
              for _, group in groupby(tokens, lambda t: t.startchar)]
    fragments = highlighter.fragmenter.fragment_matches(text, tokens)
    best = highlight.top_fragments(fragments, top, highlighter.scorer, highlighter.order, minscore=1)
    return highlighter.formatter.format(best)


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
    """Keeps line breaks, so paragraphs survive for the article page; the whole text is one
    fragment, so there is nothing to cut or mark as left out."""

    format = highlight.Formatter.format

    def _text(self, text: str) -> str:
        return html.escape(text, quote=True)
