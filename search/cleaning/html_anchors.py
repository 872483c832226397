"""Ids that name a section's topic, not its role: the anchors documentation tools make from
headings.

The furniture pass (and trafilatura after it) reads class and id words as the role of an
element: "share-bar" is a share widget, "comments" a thread. But Sphinx, MkDocs, Hugo and
GitHub give every section the slug of its heading as id, so a section headed "Sharing with a
single developer" gets id "sharing-with-a-single-developer" and reads as a share widget: 14,000
characters of prose went that way. Such an id is recognised by matching the element's own
heading, and moved to `data-heading-anchor`, where neither reader looks for role words.

Four guards keep real widgets recognised: the id must have several words (a one-word id like
"comments" or "related" is a role name, even when a heading repeats it); it must spell the start
of the heading; the heading itself must not be worded as page furniture ("Share this story",
"Related articles", "3 Comments"); and a section must hold a paragraph of prose (a sidebar
widget named after its heading, "recent-comments-2", holds links and short lines).
"""
from __future__ import annotations

import re
import unicodedata

from lxml.html import HtmlElement

from search.cleaning.plaintext_rules import ends_like_sentence, line_kind, word_count

ANCHOR_ATTRIBUTE = "data-heading-anchor"
_ANCHOR_MIN_WORDS = 3
_PROSE_MIN_WORDS = 12
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_NOT_ALNUM = re.compile(r"[\W_]+")
_LEADING_NUMBER = re.compile(r"^\d+")  # "2.1 Sharing ..." is anchored as "sharing-..."
_DUPLICATE_SUFFIX = re.compile(r"(?<=\D)\d{1,2}$")  # "sharing-with-a-team-1"


def _squashed(text: str) -> str:
    """Letters and digits only, lower-cased and without accents: how slug makers spell text."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return _NOT_ALNUM.sub("", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _heading_text(element: HtmlElement) -> str:
    """The element's own heading: itself when it is one, else the first heading inside it."""
    heading = next(element.iter(*_HEADINGS), None)
    return heading.text_content() if heading is not None else ""


def is_heading_anchor(element: HtmlElement, ident: str) -> bool:
    """`ident` is the slug of the element's own heading, and that heading reads as prose."""
    if len([w for w in _NOT_ALNUM.split(ident) if w]) < _ANCHOR_MIN_WORDS:
        return False
    heading = " ".join(_heading_text(element).split())
    slug = _DUPLICATE_SUFFIX.sub("", _squashed(ident))
    if not slug or not _LEADING_NUMBER.sub("", _squashed(heading)).startswith(slug):
        return False
    return line_kind(heading, word_count(heading)) is None and _holds_prose(element)


def _holds_prose(element: HtmlElement) -> bool:
    """A heading, or a section with a paragraph of prose in it: a widget named after its
    heading ("Recent Comments", "Top Posts") holds links and short lines."""
    if element.tag in _HEADINGS:
        return True
    paragraphs = (" ".join(p.text_content().split()) for p in element.iter("p"))
    return any(word_count(text) >= _PROSE_MIN_WORDS and ends_like_sentence(text)
               for text in paragraphs)


def unmark_heading_anchors(tree: HtmlElement) -> None:
    """Move every id that is its section's heading anchor out of the id attribute."""
    for element in tree.xpath("//*[@id]"):
        ident = element.get("id") or ""
        if is_heading_anchor(element, ident):
            element.set(ANCHOR_ATTRIBUTE, ident)
            del element.attrib["id"]
