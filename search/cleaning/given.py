"""A body given as the article itself (a JSON record's "text"): kept whole, never cleaned.

A page copy is cleaned because it holds a whole web page; a record's text is what its author
already chose as the article, so every paragraph of it is kept, the first one too (read as a
headline, it vanished from the body and from the index). Only characters are normalised, as
for every input, so that a typed phrase matches typographic quotes.
"""
from __future__ import annotations

import re

from search.cleaning.normalise import normalise_text
from search.models import CleanedText

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")  # a blank line, as in the body clean --json shows
_FALLBACK_TITLE_MAX_CHARS = 120


def clean_given_body(text: str) -> CleanedText:
    """The body's paragraphs as given; its first line stands in as the title, for a record
    that has none (a title given with the record takes precedence in the metadata stage)."""
    paragraphs = tuple(p.strip() for p in _PARAGRAPH_BREAK.split(normalise_text(text)) if p.strip())
    first_line = paragraphs[0].split("\n", 1)[0] if paragraphs else ""
    return CleanedText(title=_shortened(first_line), paragraphs=paragraphs)


def _shortened(line: str) -> str:
    """A long first line is cut at a word boundary, so that it reads as a title."""
    if len(line) <= _FALLBACK_TITLE_MAX_CHARS:
        return line
    return line[:_FALLBACK_TITLE_MAX_CHARS].rsplit(" ", 1)[0] + "…"
