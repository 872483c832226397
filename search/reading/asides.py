"""What in a sentence is not its own report: where it was filed, who said it, a picture's
caption, a page's index terms, and asides about other people.

The route reader (route_sentences.py) reads crossings and places in what is left: a dateline's
"BEIJING" or a speaker's "ambassador to China" is no way anyone went.
"""
from __future__ import annotations

import re

from search.reading import route_rules as rules

# "BEIJING (AP) — ": where the report was filed, not where anyone crossed.
_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]+(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?(?:\s*\([^)]*\))?[.,]?"
                       r"\s*[-\u2013\u2014]+\s*")
# Who said it, closing the sentence: ", said Chung, South Korea's ambassador to China." or
# ", French diplomats in Paris said." The speaker's post is not the way anyone went.
_ATTRIBUTION = re.compile(r",\s+(?:(?:said|says|according to)\b[^.;!?\"\u201c\u201d]*|"
                          r"(?:[\w'\u2019.-]+\s+){1,10}(?:said|says|reported|added|confirmed))"
                          r"\s*[.!?]?[\"\u201d']?\s*$")
# "Tags: Koreas | Diplomat Defects": a page's index terms, not a report.
_TAGS = re.compile(r"^\s*(?:tags|topics|related|keywords)\s*:", re.IGNORECASE)
# A photo's caption left in the text: "... in this Aug. 18, 2007 photo." describes a picture.
_CAPTION = re.compile(r"\bin this (?:[\w.]+ \d{1,2}, \d{4},? |[\w.]+ \d{4},? |\d{4},? )?"
                      r"(?:(?:file|undated|handout|still|aerial|satellite) )*(?:photo|picture|image)\b",
                      re.IGNORECASE)


def without_asides(sentence: str) -> str:
    """Without its dateline, and without 'Unlike ..., ', ', most of them women,' and 'the
    line that has divided the Koreas since 1953', which describe others, not the sentence's
    event."""
    sentence = rules.LINE_DESCRIBED.sub("", _DATELINE.sub("", sentence))
    return rules.GROUP_APPOSITIVE.sub("", rules.UNLIKE_PREFIX.sub("", sentence))


def without_attribution(text: str) -> str:
    """Without a closing ', said ...': the places a route is read from."""
    return _ATTRIBUTION.sub(".", text)


def is_caption(sentence: str) -> bool:
    return _CAPTION.search(sentence) is not None


def is_index_terms(sentence: str) -> bool:
    return _TAGS.match(sentence) is not None
