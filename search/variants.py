"""Query-time alternatives for a term or phrase: fixed synonyms and Korean name spellings.

The query layer expands a user's term into the phrasings listed here and tells the user which
it added, so nothing here is silent. Functions take lowercase, unstemmed tokens as the
index's analyzer makes them (\\w+(\\.?\\w+)*, lowercased, every token kept: "K-3" and the "s"
of "people's" are tokens too); stemming is the caller's business.

Korean names reach English-language news in several romanisations (McCune-Reischauer, Revised
Romanization, North Korea's own, ad hoc), so "Oh Chong-song" and "Oh Chung-sung" are one man.
romanisation_key folds the spellings of one syllable to one key; build_romanisation_index maps
keys to the index terms that have them, once, so that name_variants is a few dict look-ups.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from functools import cache
from importlib import resources

from search.korean import HANGUL, without_endings

Phrase = tuple[str, ...]
KeyLookup = Callable[[str], Iterable[str]]
# A romanisation index (key -> terms), a function doing that look-up, or a small set of terms.
Lexicon = Mapping[str, Iterable[str]] | KeyLookup | Collection[str]

MIN_TOKEN_CHARS = 1  # the index keeps one-letter tokens ("K-3", "hepatitis B")
MAX_NAME_VARIANTS = 16  # each variant becomes a phrase clause; keep the query small
MAX_SYLLABLE_CHARS = 7
_TOKEN = re.compile(r"\w+(?:\.?\w+)*")

SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("jsa", "joint security area", "panmunjom", "panmunjeom"),
    ("dmz", "demilitarized zone", "demilitarised zone"),
    ("mdl", "military demarcation line"),
    ("dprk", "north korea"),
    ("rok", "south korea"),
    ("kpa", "korean people's army"),
    ("unc", "united nations command", "un command", "u.n. command"),
    ("nll", "northern limit line"),
    ("defector", "escapee"),
    ("defectors", "escapees"),
    ("kcna", "korean central news agency"),
    ("nis", "national intelligence service"),
)


def phrase_tokens(phrase: str) -> Phrase:
    """The phrase as index tokens: "korean people's army" -> (korean, people, s, army)."""
    return tuple(t for t in _TOKEN.findall(phrase.lower()) if len(t) >= MIN_TOKEN_CHARS)


def _phrasings_by_phrase() -> dict[Phrase, tuple[Phrase, ...]]:
    table: dict[Phrase, tuple[Phrase, ...]] = {}
    for group in SYNONYM_GROUPS:
        phrasings = tuple(phrase_tokens(phrase) for phrase in group)
        for phrasing in phrasings:
            if phrasing in table:
                raise ValueError(f"{phrasing} is in two synonym groups")
            table[phrasing] = phrasings
    return table


_PHRASINGS = _phrasings_by_phrase()


def phrase_variants(words: Sequence[str]) -> tuple[Phrase, ...]:
    """The other phrasings of exactly this token sequence's synonym group; () when none."""
    query = tuple(word.lower() for word in words)
    return tuple(p for p in _PHRASINGS.get(query, ()) if p != query)


# --- across languages ------------------------------------------------------------------

@cache
def _cross_language_table() -> dict[Phrase, tuple[Phrase, ...]]:
    """Phrasing -> its variants in the other language (and, for Korean, its Korean siblings),
    from search/data/cross_language_synonyms.tsv."""
    text = resources.files("search").joinpath("data/cross_language_synonyms.tsv").read_text("utf-8")
    table: dict[Phrase, tuple[Phrase, ...]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        english_text, korean_text = line.split("\t")
        english = tuple(dict.fromkeys(phrase_tokens(p) for p in english_text.split("|")))
        korean = tuple(dict.fromkeys(phrase_tokens(p) for p in korean_text.split("|")))
        for phrasing in english:
            table[phrasing] = korean
        for phrasing in korean:
            table[phrasing] = tuple(p for p in korean if p != phrasing) + english
    return table


def cross_language_variants(words: Sequence[str]) -> tuple[Phrase, ...]:
    """defector -> 탈북민, 탈북자, 귀순자...; 탈북민은 (particles ignored) -> 탈북자, ..., defector."""
    query = tuple(word.lower() for word in words)
    table = _cross_language_table()
    if query in table or not any(HANGUL.search(word) for word in query):
        return table.get(query, ())
    return table.get(tuple(without_endings(word) for word in query), ())


# --- Korean syllables -------------------------------------------------------------------
# A syllable is initial consonant(s), vowel (with any y/w glide), final consonant(s). Each
# part's spellings fold to one key letter: the interchanges romanisations actually make
# (k/g, t/d, p/b, ch/j, r/l; eo/o/u/eu; ee/i; ae/e) but never final n against ng.

def _fold(groups: Mapping[str, Iterable[str]]) -> dict[str, str]:
    return {spelling: key for key, spellings in groups.items() for spelling in spellings}


_INITIALS = _fold({
    "": ("",), "k": ("k", "g", "kk", "gg", "kh"), "t": ("t", "d", "tt", "th"),
    "p": ("p", "b", "pp", "bb", "ph"), "c": ("ch", "j", "jj", "tch"), "s": ("s", "sh", "ss"),
    "l": ("l", "r", "rh"), "n": ("n",), "m": ("m",), "h": ("h",),
})
_VOWELS = _fold({
    "a": ("a",), "e": ("ae", "e", "ai"), "i": ("i", "ee", "ui", "eui", "ŭi", "yi"),
    "o": ("o", "u", "eo", "oo", "ou", "eu", "ŏ", "ŭ"), "ya": ("ya",), "ye": ("yae", "ye"),
    "yo": ("yo", "yu", "yeo", "yoo", "you", "yŏ"), "wa": ("wa",), "wo": ("wo", "weo", "wŏ"),
    "we": ("wae", "we", "oe", "oi"), "wi": ("wi", "wee"),
})
_FINALS = _fold({
    "": ("", "h"), "n": ("n", "hn"), "ng": ("ng",), "m": ("m",), "k": ("k", "rk"),
    "l": ("l", "r"), "p": ("p",), "t": ("t",),
})


def _alternation(spellings: Iterable[str]) -> str:
    return "|".join(re.escape(s) for s in sorted(spellings, key=len, reverse=True))


_SYLLABLE = re.compile(
    f"({_alternation(_INITIALS)})({_alternation(_VOWELS)})({_alternation(_FINALS)})"
)


def _syllable_key(syllable: str) -> str | None:
    """The folded key of a syllable-shaped word, or None when it is not one syllable."""
    match = _SYLLABLE.fullmatch(syllable)
    if match is None or len(syllable) > MAX_SYLLABLE_CHARS:
        return None
    initial, vowel, final = match.groups()
    return _INITIALS[initial] + _VOWELS[vowel] + _FINALS[final]


def romanisation_key(syllable: str) -> str:
    """One key for all spellings of a Korean syllable: chung/chong/jeong/jung -> "cong".

    A word that is not shaped like one syllable is its own key (lowercased).
    """
    lowered = syllable.lower()
    return _syllable_key(lowered) or lowered


def split_syllables(word: str) -> tuple[tuple[str, str], ...]:
    """Every way to read a joined given name as two syllables: "chongsong" -> (chong, song)."""
    lowered = word.lower()
    return tuple(
        (lowered[:cut], lowered[cut:])
        for cut in range(1, len(lowered))
        if _syllable_key(lowered[:cut]) and _syllable_key(lowered[cut:])
    )


def _readings(given: Sequence[str]) -> tuple[Phrase, ...]:
    """The given name as syllables: two tokens, one syllable token, or one joined token."""
    if len(given) == 2:
        return (tuple(given),) if all(_syllable_key(s) for s in given) else ()
    if len(given) != 1:
        return ()
    single = ((given[0],),) if _syllable_key(given[0]) else ()
    return single + split_syllables(given[0])


def _reading_key(reading: Phrase) -> str:
    """One key for a reading: syllable keys joined by "-" so joined names have keys too."""
    return "-".join(romanisation_key(s) for s in reading)


def _term_keys(term: str) -> set[str]:
    return {_reading_key(reading) for reading in _readings((term,))}


def build_romanisation_index(terms: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Key -> the terms that have it, for the terms shaped like one or two syllables.

    Build once from the body field's lexicon and cache it beside the index; a query then
    costs a few dict look-ups instead of a lexicon scan.
    """
    index: dict[str, set[str]] = {}
    for term in terms:
        lowered = term.lower()
        for key in _term_keys(lowered):
            index.setdefault(key, set()).add(lowered)
    return {key: tuple(sorted(found)) for key, found in index.items()}


# --- Korean names -----------------------------------------------------------------------

_SURNAME_GROUPS: tuple[tuple[str, ...], ...] = (
    ("kim", "gim"), ("lee", "yi", "rhee", "ri", "li", "rhie"), ("park", "pak", "bak"),
    ("choi", "choe"), ("jung", "jeong", "chung", "jong", "chong"), ("kang", "gang"),
    ("cho", "jo"), ("yoon", "yun"), ("jang", "chang"), ("lim", "im", "rim"), ("han",),
    ("oh",), ("seo", "suh"), ("shin", "sin"), ("kwon", "gwon"), ("hwang",), ("ahn", "an"),
    ("song",), ("ryu", "yoo", "yu", "ryoo"), ("hong",), ("ko", "go", "koh"), ("moon", "mun"),
    ("yang",), ("son", "sohn"), ("bae", "pae"), ("baek", "paek", "paik", "baik"),
    ("heo", "huh", "hur", "ho"), ("nam",),
)
_SURNAME_SPELLINGS: dict[str, tuple[str, ...]] = {
    spelling: group for group in _SURNAME_GROUPS for spelling in group
}


def looks_like_korean_name(words: Sequence[str]) -> bool:
    """A known surname, then one or two given-name syllables (or one joined word of two)."""
    lowered = [word.lower() for word in words]
    return bool(lowered) and lowered[0] in _SURNAME_SPELLINGS and bool(_readings(lowered[1:]))


def _as_lookup(lexicon: Lexicon) -> KeyLookup:
    if isinstance(lexicon, Mapping):
        return lambda key: lexicon.get(key, ())
    if callable(lexicon):
        return lexicon
    return _as_lookup(build_romanisation_index(lexicon))


def _terms_with_key(key: str, lookup: KeyLookup) -> set[str]:
    """Terms the lexicon gives for key, keeping only those that truly have it."""
    return {term for term in lookup(key) if key in _term_keys(term)}


def _is_attested(term: str, lookup: KeyLookup) -> bool:
    return any(term in _terms_with_key(key, lookup) for key in _term_keys(term))


def _surname_spellings(surname: str, lookup: KeyLookup) -> set[Phrase]:
    group = _SURNAME_SPELLINGS[surname]
    return {(surname,)} | {(s,) for s in group if _is_attested(s, lookup)}


def _syllable_spellings(syllable: str, query: Phrase, lookup: KeyLookup) -> set[str]:
    """Lexicon terms sharing the syllable's key, plus the syllable if the user typed it."""
    own = {syllable} if syllable in query else set()
    return own | _terms_with_key(romanisation_key(syllable), lookup)


def _given_spellings(query: Phrase, lookup: KeyLookup) -> set[Phrase]:
    """The given name as typed, syllable by syllable respelt, and as attested joined words."""
    found: set[Phrase] = {query[1:]}
    for reading in _readings(query[1:]):
        per_syllable = [_syllable_spellings(s, query, lookup) for s in reading]
        found.update(itertools.product(*per_syllable))
        if len(reading) == 2:
            found.update((term,) for term in _terms_with_key(_reading_key(reading), lookup))
    return found


def name_variants(
    words: Sequence[str], lexicon: Lexicon, limit: int = MAX_NAME_VARIANTS
) -> tuple[Phrase, ...]:
    """Other spellings of a Korean name, every token either typed by the user or an index term.

    lexicon is best the dict from build_romanisation_index (or a function key -> terms);
    a plain collection of terms is indexed on every call, so pass one only when it is small.
    Order: fewest tokens missing from the index, then fewest tokens the user did not type
    (closest spellings first), then alphabetical; at most limit.
    """
    query = tuple(word.lower() for word in words)
    if not looks_like_korean_name(query):
        return ()
    lookup = _as_lookup(lexicon)
    found = {
        surname + given
        for surname in _surname_spellings(query[0], lookup)
        for given in _given_spellings(query, lookup)
    } - {query}

    def rank(variant: Phrase) -> tuple[int, int, Phrase]:
        unknown = sum(not _is_attested(token, lookup) for token in variant)
        return unknown, sum(token not in query for token in variant), variant

    return tuple(sorted(found, key=rank)[:limit])
