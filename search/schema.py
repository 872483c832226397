"""The Whoosh schema: what each article field becomes in the index.

Bump SCHEMA_VERSION whenever a field or an analyzer changes: an index written with another
version is refused with "rebuild needed" rather than answering wrongly.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from whoosh.analysis import Analyzer, CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.formats import Characters
from whoosh.lang.porter import stem
from whoosh.support.charset import accent_map

from search.korean import HANGUL, KoreanFilter, korean_pieces

SCHEMA_VERSION = "7"  # 7: the vocabulary moved to the ledger (vocabulary.py); 6: no published_date

# Facet fields as the API names them; each is also a keyword field of the same name.
FACET_FIELDS = ("route", "primary_route", "crossing", "outlet", "year", "cites", "lang")
TEXT_FIELDS = ("title", "body")
TITLE_BOOST = 2.0


def text_analyzer() -> Analyzer:
    """Words, lowercased, accents folded (so "Panmunjŏm" finds "Panmunjom"), then stemmed;
    a word holding Hangul is first split into its Korean morphemes (search/korean.py), so
    that 합참은 is indexed as 합참. A text without Hangul is analysed exactly as before.

    No stop list and no minimum length: phrase queries such as "the only place" must match
    exactly, and "K-3" or "hepatitis B" are searchable.
    """
    return RegexTokenizer() | KoreanFilter() | LowercaseFilter() | CharsetFilter(accent_map) | StemFilter()


Posting = tuple[bytes, int, float, bytes]  # (term, frequency, weight, encoded positions and chars)


@dataclass(frozen=True)
class AnalysedText:
    """A text field's value analysed ahead of time, in another process: the text to store
    and exactly the postings the field would have made of it."""
    text: str
    postings: tuple[Posting, ...]


class PreanalysedTEXT(TEXT):
    """A TEXT field whose value may also be an AnalysedText, indexed without re-analysis.

    The index writer is a single process; analysing in the cleaning workers takes that work
    off it (pass the text as "_stored_<field>" so that the text, not the postings, is stored).
    """

    def index(self, value: str | AnalysedText, **kwargs) -> Iterable[Posting]:
        if isinstance(value, AnalysedText):
            return iter(value.postings)
        return super().index(value, **kwargs)


class StoredColumn(ID):
    """Stored and kept in a column, never indexed: a value read per document, never searched.
    Indexed, the cluster ids were a term and a posting per article for every merge to rewrite."""

    indexed = False

    def __init__(self) -> None:
        super().__init__(stored=True, sortable=True)


def analyse(field: TEXT, text: str) -> AnalysedText:
    """Exactly the postings field.index(text) makes with text_analyzer(), 2.5x faster: one regex
    pass and a cached term per word, instead of Whoosh's token-by-token chain of filters
    (tests/test_schema.py checks they agree on arbitrary text)."""
    occurrences: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    if HANGUL.search(text):
        for position, (term, start, end) in enumerate(_korean_aware_terms(text)):
            occurrences[term].append((position, start, end))
    else:
        for position, match in enumerate(_TOKEN.finditer(text)):
            occurrences[_index_term(match.group())].append((position, match.start(), match.end()))
    form = field.format
    with_chars, boost = isinstance(form, Characters), form.field_boost
    return AnalysedText(text, tuple(
        (term.encode("utf-8"), len(found), float(len(found)) * boost,
         form.encode(found if with_chars else [position for position, _, _ in found]))
        for term, found in occurrences.items()))


_TOKEN = RegexTokenizer().expression  # the pattern text_analyzer() tokenises with


def _korean_aware_terms(text: str) -> Iterator[tuple[str, int, int]]:
    """(term, start, end) of each indexed piece, as KoreanFilter and the filters after it make."""
    for match in _TOKEN.finditer(text):
        word, start = match.group(), match.start()
        if not HANGUL.search(word):
            yield _index_term(word), start, match.end()
            continue
        for piece, piece_start, piece_end in korean_pieces(word):
            yield _index_term(piece), start + piece_start, start + piece_end


@lru_cache(maxsize=50_000)
def _index_term(token: str) -> str:
    """A token as text_analyzer() turns it into a term: lowercased, accents folded, stemmed."""
    return stem(token.lower().translate(accent_map))


_WORD = re.compile(r"\w+")


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
        title=PreanalysedTEXT(analyzer=analyzer, stored=True, phrase=True, field_boost=TITLE_BOOST),
        body=PreanalysedTEXT(analyzer=analyzer, stored=True, phrase=True, chars=True),
        url=STORED(),
        outlet=ID(stored=True),
        route=KEYWORD(stored=True, commas=True),
        primary_route=ID(stored=True),
        crossing=KEYWORD(stored=True, commas=True),
        cites=KEYWORD(stored=True, commas=True),
        lang=ID(stored=True),  # en, ko or other
        year=ID(stored=True),
        month=ID(stored=True),
        published=ID(stored=True, sortable=True),
        cluster=StoredColumn(),  # the catalog reads it per document; nothing searches it
        details=STORED(),  # JSON: route evidence, provenance, removed-span counts, origin
    )
