"""The Whoosh schema: what each article field becomes in the index.

Bump SCHEMA_VERSION whenever a field or an analyzer changes: an index written with another
version is refused with "rebuild needed" rather than answering wrongly.
"""
from __future__ import annotations

import re

from whoosh.analysis import Analyzer, CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter
from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.support.charset import accent_map

SCHEMA_VERSION = "3"

# Facet fields as the API names them; each is also a keyword field of the same name.
FACET_FIELDS = ("route", "primary_route", "crossing", "outlet", "year", "cites")
TEXT_FIELDS = ("title", "body")
TITLE_BOOST = 2.0


def text_analyzer() -> Analyzer:
    """Words, lowercased, accents folded (so "Panmunjŏm" finds "Panmunjom"), then stemmed.

    No stop list and no minimum length: phrase queries such as "the only place" must match
    exactly, and "K-3" or "hepatitis B" are searchable.
    """
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map) | StemFilter()


_WORD = re.compile(r"\w+")


VOCABULARY_ID_PREFIX = "~vocabulary-"  # never a valid article id (those are hex digests)


def distinct_words(*texts: str) -> set[str]:
    """The texts' distinct lowercased words: "did you mean" needs real words, not stems.

    One C-speed regex pass; Whoosh's own spelling field re-analysed the whole body and
    halved indexing speed.
    """
    return {w for text in texts for w in _WORD.findall(text.lower()) if len(w) > 1}


def build_schema() -> Schema:
    analyzer = text_analyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        fingerprint=ID(stored=True),
        title=TEXT(analyzer=analyzer, stored=True, phrase=True, field_boost=TITLE_BOOST),
        body=TEXT(analyzer=analyzer, stored=True, phrase=True, chars=True),
        # The unstemmed vocabulary, for "did you mean" and romanised names. It is written once
        # per batch, as one vocabulary document of the words new to the index, not once per
        # article: per article it cost 25% of indexing time (docs/benchmarks.md).
        words=KEYWORD(lowercase=True),
        vocabulary=ID(),  # "1" on vocabulary documents, which are not articles
        url=STORED(),
        outlet=ID(stored=True),
        route=KEYWORD(stored=True, commas=True),
        primary_route=ID(stored=True),
        crossing=KEYWORD(stored=True, commas=True),
        cites=KEYWORD(stored=True, commas=True),
        year=ID(stored=True),
        month=ID(stored=True),
        published=ID(stored=True, sortable=True),
        published_date=DATETIME(sortable=True),
        cluster=ID(stored=True, sortable=True),
        bands=KEYWORD(commas=True),
        signature=STORED(),
        details=STORED(),  # JSON: route evidence, provenance, removed-span counts, origin
    )
