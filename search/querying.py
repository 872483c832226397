"""Query text -> a Whoosh query: limits first, then expansions, then a restricted parser.

The limits are checked on the user's text before Whoosh sees it: measured here, "*a*" took
8.4 s on a large lexicon, a 40 KB query 5.6 s just to parse, and 2,000 nested parentheses
raised RecursionError. Expansions (synonyms, romanised Korean names) are applied as text
rewrites of unquoted words and reported back, so the user sees exactly what was searched.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from whoosh import qparser
from whoosh.query import Query

from search.requests import QueryError
from search.schema import FACET_FIELDS
from search.settings import Settings
from search.variants import (cross_language_variants, looks_like_korean_name, name_variants, phrase_tokens,
                             phrase_variants)

QUERY_FIELDS = ("title", "body", "month", "published") + FACET_FIELDS
OPERATORS = ("AND", "OR", "NOT", "ANDNOT", "ANDMAYBE")
_TOKEN = re.compile(r'[()]|(?:[A-Za-z_]+:)?"[^"]*"?|[^\s()]+')
_FIELD_PREFIX = re.compile(r"^([A-Za-z_]+):")
_FIELD_ANYWHERE = re.compile(r"([A-Za-z_]\w*):")  # "10:30" is a time, not a field
_WILDCARD_PIECE = re.compile(r"[^\w*?]+")  # a term's pieces, as the parser may split them
_PLAIN_WORD = re.compile(r"^[\w'-]+$")
_MAX_SYNONYM_WORDS = 4


@dataclass(frozen=True)
class Expansion:
    """One rewrite applied to the query: the user's words and what they were widened to."""

    term: str
    variants: tuple[str, ...]
    kind: str  # "synonym" or "romanisation"


@dataclass(frozen=True)
class PreparedQuery:
    text: str  # the query as expanded
    expansions: tuple[Expansion, ...]
    words: tuple[str, ...]  # the user's plain words, for spelling suggestions


def check_limits(text: str, settings: Settings) -> list[str]:
    """The query's tokens, or QueryError naming the limit broken."""
    if len(text) > settings.max_query_chars:
        raise QueryError(f"q: the query is {len(text):,} characters long; the limit is "
                         f"{settings.max_query_chars} (max_query_chars)")
    _check_nesting(text, settings.max_query_nesting)
    tokens = _TOKEN.findall(text)
    terms = [t for t in tokens if t not in "()" and t not in OPERATORS]
    if len(terms) > settings.max_query_terms:
        raise QueryError(f"q: {len(terms)} terms; the limit is {settings.max_query_terms} (max_query_terms)")
    for token in terms:
        _check_token(token, settings)
    return tokens


def _check_nesting(text: str, limit: int) -> None:
    depth = 0
    for char in text:
        depth += (char == "(") - (char == ")")
        if depth > limit:
            raise QueryError(f"q: parentheses nested deeper than {limit} (max_query_nesting)")


def _check_token(token: str, settings: Settings) -> None:
    """Whoosh's parser finds a field name and a wildcard anywhere in a token ("x-body:de*",
    "a%title:*"), not only at its start, so every piece of the token is checked."""
    quoted_from = token.find('"')
    unquoted = token if quoted_from < 0 else token[:quoted_from]
    for field_name in _FIELD_ANYWHERE.findall(unquoted):
        if field_name not in QUERY_FIELDS:
            raise QueryError(f"q: unknown field {field_name!r}; searchable fields are {', '.join(QUERY_FIELDS)}")
    value = _FIELD_PREFIX.sub("", token)
    if len(value) > 2 and value.startswith("/") and value.endswith("/"):
        raise QueryError(f"q: {token!r}: regular expressions are not supported")
    if value.startswith(("[", "{")):
        raise QueryError(f"q: {token!r}: range queries are not supported (use from and to for dates)")
    for piece in _WILDCARD_PIECE.split(unquoted):
        _check_wildcard(piece, token, settings)


def _check_wildcard(piece: str, token: str, settings: Settings) -> None:
    wildcard_at = min((i for i, c in enumerate(piece) if c in "*?"), default=None)
    if wildcard_at is None:
        return
    if wildcard_at == 0:
        raise QueryError(f"q: {token!r}: a wildcard cannot start a term")
    if wildcard_at < settings.wildcard_min_prefix_chars:
        raise QueryError(f"q: {token!r}: a wildcard needs at least {settings.wildcard_min_prefix_chars} "
                         f"letters before it (wildcard_min_prefix_chars)")


NameLexicon = Callable[[], dict[str, tuple[str, ...]]]


def prepare(tokens: list[str], name_lexicon: NameLexicon) -> PreparedQuery:
    """Rewrite runs of plain words (and quoted phrases) with their synonyms and name variants.

    `name_lexicon` returns the index's romanisation table; it is called only when the query
    holds something that looks like a Korean name, because building the table costs time.
    """
    out: list[str] = []
    expansions: list[Expansion] = []
    words: list[str] = []
    run: list[str] = []
    for token in tokens + [")"]:  # a sentinel that flushes the last run
        if _PLAIN_WORD.match(token) and token not in OPERATORS:
            run.append(token)
            continue
        out += _expand_run(run, name_lexicon, expansions)
        words += run
        run = []
        out.append(_expand_quoted(token, name_lexicon, expansions) if token.startswith('"') else token)
    return PreparedQuery(" ".join(out[:-1]), tuple(expansions), tuple(words))


def _expand_run(run: list[str], lexicon, expansions: list[Expansion]) -> list[str]:
    out, start = [], 0
    while start < len(run):
        for width in range(min(_MAX_SYNONYM_WORDS, len(run) - start), 0, -1):
            original = run[start:start + width]
            rewritten = _expand_words(original, lexicon, expansions)
            if rewritten:
                out.append(rewritten)
                start += width
                break
        else:
            out.append(run[start])
            start += 1
    return out


def _expand_quoted(token: str, lexicon, expansions: list[Expansion]) -> str:
    inner = token.strip('"')
    return _expand_words(inner.split(), lexicon, expansions, quoted=True) or token


def _expand_words(original: Sequence[str], lexicon, expansions: list[Expansion],
                  quoted: bool = False) -> str | None:
    """`(orig OR "variant" ...)` when the words have synonyms (in English or across
    languages: defector -> 탈북민) or are a romanised name (with its Hangul form when known)."""
    words = phrase_tokens(" ".join(original))
    if not words:
        return None
    kind, variants = "synonym", phrase_variants(words)
    if not variants and 2 <= len(words) <= 3 and looks_like_korean_name(words):
        kind, variants = "romanisation", name_variants(words, lexicon())
    translated = _translations(words, variants)
    if not variants and not translated:
        return None
    shown = " ".join(original)
    found = [(kind, [" ".join(v) for v in variants]), ("synonym", [" ".join(v) for v in translated])]
    if kind == "synonym":  # one "also searched" entry for all of a term's synonyms
        found = [("synonym", found[0][1] + found[1][1])]
    expansions += [Expansion(shown, tuple(phrases), k) for k, phrases in found if phrases]
    phrases = [p for _, listed in found for p in listed]
    return "(" + " OR ".join([_own_words(words, bool(variants) or quoted), *(_quoted(p) for p in phrases)]) + ")"


def _own_words(words: tuple[str, ...], as_phrase: bool) -> str:
    """The user's words in the rewrite: a phrase beside same-language synonyms or when typed in
    quotes (as before); beside translations only, every word in any order, so that an English
    query finds what it found before, and the other language's articles besides."""
    if as_phrase or len(words) == 1:
        return _quoted(" ".join(words))
    return f"({' '.join(words)})"


def _translations(words: tuple[str, ...], variants: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
    """The other language's phrasings of the words, or of the first of their variants the
    cross-language table knows (a name typed "Oh Chung-sung" is listed as "oh chong song")."""
    for phrasing in (words, *variants):
        found = cross_language_variants(phrasing)
        if found:
            return tuple(p for p in found if p not in variants and p != words)
    return ()


def _quoted(phrase: str) -> str:
    return f'"{phrase}"' if " " in phrase else phrase


def build_parser(schema) -> qparser.QueryParser:
    """Title and body, AND by default; no ranges or match-everything syntax."""
    parser = qparser.MultifieldParser(["title", "body"], schema, group=qparser.AndGroup)
    parser.remove_plugin_class(qparser.RangePlugin)
    parser.remove_plugin_class(qparser.EveryPlugin)
    return parser


def parse(parser: qparser.QueryParser, text: str) -> Query:
    try:
        return parser.parse(text)
    except RecursionError:
        raise QueryError("q: the query is nested too deeply") from None
    except Exception as error:  # the parser reports malformed syntax in many ways
        raise QueryError(f"q: cannot parse the query ({error})") from None
