"""Korean text analysis: the behaviour of Elasticsearch's nori, on python-mecab-ko.

Korean attaches particles and endings to the word (합참은, 신병을, 귀순했다), so a whitespace
analyzer indexes whole chunks and 합참 never finds 합참은. Each word holding Hangul is split
into morphemes by MeCab with the mecab-ko-dic dictionary that python-mecab-ko ships (no
download), compounds are kept whole and decompounded into their parts (공동경비구역 ->
공동경비구역 공동 경비 구역: nori's "mixed" mode, which measured more precise than "discard"
at the same recall, since 탈북자 then no longer finds every 탈북 + 자), and the
morphemes nori drops by default (particles, endings, suffixes: search/data/
korean_dropped_tags.tsv) are not indexed. Conjugated verbs are indexed by their stem
(밝혔 -> 밝히) while each piece keeps the characters of the word as written, so highlights mark
the text itself. Words without Hangul never come here: English analysis is unchanged.

Chosen by measurement over kiwipiepy and character bigrams (docs/korean.md, on 141
query/article pairs): MeCab found all of them at precision 0.986; bigrams found 0.77 (a
query typed with a particle needs the particle's bigram in the article too); kiwipiepy 0.94,
and took 312 MB resident and 2 s to load, over the serving process's budget. A word is
analysed on its own, not in its sentence, so that a query word and the same word in an
article always get the same terms; words repeat, so analyses are cached.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache, lru_cache
from importlib import resources

from whoosh.analysis import Filter, Token

Piece = tuple[str, int, int]  # (term, start, end): end - start characters of the word as written
Pieces = Callable[[str], tuple[Piece, ...]]

HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff]")
ANALYSES_KEPT = 50_000  # distinct words remembered (~10 MB)
# A word is analysed followed by this: MeCab scores the end of its input as a sentence end,
# where a particle is unlikely, and read 여성의 as 여 + 성의 and 탈북민은 as 탈 + 북 + 민은 when
# alone. Followed by a word, they come out 여성 + 의 and 탈 + 북 + 민 + 은 as in running text
# (recall 1.0 against 0.965 alone: docs/korean.md).
FOLLOWING_WORD = " 그"
KEEP_COMPOUNDS = True  # index a compound whole as well as its parts (nori's "mixed" mode)


@cache
def dropped_tags() -> tuple[str, ...]:
    """The tag prefixes never indexed ("E" drops EP, EF, EC...), from the package's data file."""
    text = resources.files("search").joinpath("data/korean_dropped_tags.tsv").read_text("utf-8")
    return tuple(line.split("\t", 1)[0] for line in text.splitlines() if line and not line.startswith("#"))


def is_dropped(tag: str) -> bool:
    return tag.startswith(dropped_tags())


@cache
def _tagger():
    """MeCab with python-mecab-ko's packaged dictionary: loaded on the first Korean word only
    (0.01 s; ~57 MB resident once many words were read), so an English-only process never
    pays for it. Its tagger is used directly, for the lattice (see morphemes)."""
    import mecab  # python-mecab-ko
    return mecab.MeCab()._tagger


def morphemes(word: str) -> list[tuple[int, int, str, str]]:
    """(start, end, surface, mecab-ko-dic feature CSV) of each morpheme of the word.

    The lattice is read directly: python-mecab-ko's parse() builds a dataclass per morpheme
    and cost 94 us a word against 53 us this way."""
    from mecab.utils import create_lattice
    lattice = create_lattice(word)
    if not _tagger().parse(lattice):
        return []
    return [(start, end, node.surface, node.feature) for (start, end), node in lattice]


@lru_cache(maxsize=ANALYSES_KEPT)
def korean_pieces(word: str) -> tuple[Piece, ...]:
    """The indexed pieces of one word: content morphemes, compounds split into parts.

    A word of which every morpheme is dropped, though not all are particles, endings,
    suffixes or symbols (MeCab reads 밝히다 as two adverbs, and nori drops adverbs), is kept
    whole: else a query for it would be empty and silently find nothing."""
    pieces: list[Piece] = []
    grammatical = True
    for start, end, surface, feature in morphemes(word + FOLLOWING_WORD):
        if end <= len(word):
            pieces += _kept_parts(start, end, surface, feature.split(","))
            grammatical = grammatical and feature.startswith(_GRAMMATICAL_TAGS)
    return tuple(pieces) if pieces or grammatical else ((word, 0, len(word)),)


_GRAMMATICAL_TAGS = ("J", "E", "S", "X", "VCP")  # particles, endings, symbols, affixes, copula


def _kept_parts(start: int, end: int, surface: str, feature: list[str]) -> list[Piece]:
    """A morpheme's kept parts. mecab-ko-dic's feature is tag, meaning, final consonant,
    reading, type (Compound, Inflect, Preanalysis), first tag, last tag, expression; the
    expression ("군사/NNG/*+분계선/NNG/*") lists a compound's or a conjugation's parts."""
    tag, kind = feature[0], feature[4] if len(feature) > 4 else "*"
    expression = feature[7] if len(feature) > 7 else "*"
    if kind not in ("Compound", "Inflect", "Preanalysis") or expression == "*":
        return [] if is_dropped(tag) else [(surface, start, end)]
    parts = [part.split("/") for part in expression.split("+")]
    kept = [form for form, part_tag, *_ in (p for p in parts if len(p) >= 2)
            if form and not is_dropped(part_tag)]
    if kind == "Compound":
        return _decompounded(kept, start, surface)
    return [(form, start, end) for form in kept]  # a stem changed by its ending: 밝히 is written 밝혔


def _decompounded(parts: list[str], start: int, surface: str) -> list[Piece]:
    """The compound, then its parts at their characters, each analysed as a word of its own: the
    dictionary lists 군사분계선 as 군사 + 분계선 but 분계선 as 분계 + 선, and a query for 분계선
    must find 군사분계선 (nori decompounds the same way, part by part)."""
    whole = (surface, start, start + len(surface))
    pieces, searched_from = [whole] if KEEP_COMPOUNDS else [], 0
    for form in parts:
        found = surface.find(form, searched_from)
        if found < 0 or form == surface:
            return [whole]
        searched_from = found + len(form)
        pieces += [(term, start + found + s, start + found + e) for term, s, e in korean_pieces(form)]
    return pieces


def without_endings(word: str) -> str:
    """The word as written up to the end of its last indexed piece: 탈북민은 -> 탈북민,
    귀순했다 -> 귀순. For looking a query word up in a table of written forms."""
    if not HANGUL.search(word):
        return word
    pieces = korean_pieces(word)
    return word[:max(end for _, _, end in pieces)] if pieces else word


class KoreanFilter(Filter):
    """Replaces each token holding Hangul by its pieces; other tokens pass unchanged.

    Positions are renumbered (a word of two pieces takes two), which leaves a text without
    Hangul with exactly the tokenizer's positions."""

    def __init__(self, pieces: Pieces = korean_pieces) -> None:
        self.pieces = pieces

    def __eq__(self, other: object) -> bool:
        return isinstance(other, KoreanFilter) and other.pieces is self.pieces

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:
        position = 0
        for token in tokens:
            if not HANGUL.search(token.text):
                position = _renumbered(token, position)
                yield token
                continue
            word, word_start = token.text, getattr(token, "startchar", 0)
            for term, start, end in self.pieces(word):
                token.text = term
                if token.chars:
                    token.startchar, token.endchar = word_start + start, word_start + end
                position = _renumbered(token, position)
                yield token


def _renumbered(token: Token, position: int) -> int:
    if token.positions:
        token.pos = position
    return position + 1
