"""Synonym phrasings and Korean name romanisation variants."""
from __future__ import annotations

import pytest
from whoosh.analysis import LowercaseFilter, RegexTokenizer

from search.variants import (
    SYNONYM_GROUPS,
    build_romanisation_index,
    looks_like_korean_name,
    name_variants,
    phrase_tokens,
    phrase_variants,
    romanisation_key,
    split_syllables,
)

LEXICON = {"oh", "chong", "song", "kim", "jong", "un", "ri", "sol", "ju", "choe", "ryong", "hae"}


def tokens(text: str) -> tuple[str, ...]:
    """What the index's analyzer makes of the text (no stemming)."""
    return tuple(token.text for token in (RegexTokenizer() | LowercaseFilter())(text))


# --- synonyms -----------------------------------------------------------------------------

@pytest.mark.parametrize("group", SYNONYM_GROUPS, ids=lambda group: group[0])
def test_every_phrasing_finds_all_others_in_its_group(group: tuple[str, ...]) -> None:
    phrasings = [phrase_tokens(phrase) for phrase in group]
    for phrasing in phrasings:
        others = set(phrasings) - {phrasing}
        assert set(phrase_variants(phrasing)) == others


def test_group_phrases_tokenise_like_the_index() -> None:
    for group in SYNONYM_GROUPS:
        for phrase in group:
            assert phrase_tokens(phrase) == tokens(phrase), phrase


def test_apostrophes_and_dotted_abbreviations_follow_the_analyzer() -> None:
    assert phrase_variants(tokens("KPA")) == (("korean", "people", "s", "army"),)
    assert ("kpa",) in phrase_variants(tokens("Korean People's Army"))
    assert ("unc",) in phrase_variants(tokens("U.N. Command"))


def test_query_words_are_matched_case_insensitively() -> None:
    assert ("dmz",) in phrase_variants(["Demilitarized", "Zone"])


@pytest.mark.parametrize(
    "words", [("korea",), ("joint", "security"), ("the", "joint", "security", "area"), ("panmunjon",), ()]
)
def test_only_whole_sequences_in_a_group_have_variants(words: tuple[str, ...]) -> None:
    assert phrase_variants(words) == ()


def test_no_phrasing_is_in_two_groups() -> None:
    phrasings = [phrase_tokens(phrase) for group in SYNONYM_GROUPS for phrase in group]
    assert len(phrasings) == len(set(phrasings))


# --- syllable keys ------------------------------------------------------------------------

@pytest.mark.parametrize(
    "spellings",
    [
        ("chung", "chong", "cheong", "jung", "jong", "jeong", "chŏng"),
        ("sung", "song", "seong"),
        ("un", "eun", "on", "eon"),
        ("hee", "hui", "hi"),
        ("yong", "young", "yeong", "yung"),
        ("kwang", "gwang"),
        ("pak", "bak", "park"),
        ("dong", "tong"),
        ("ryong", "lyong"),
        ("choe", "choi"),
        ("thaek", "taek", "daek"),
    ],
    ids=lambda spellings: spellings[0],
)
def test_variant_spellings_of_a_syllable_share_a_key(spellings: tuple[str, ...]) -> None:
    assert len({romanisation_key(s) for s in spellings}) == 1


@pytest.mark.parametrize("a, b", [("song", "son"), ("chong", "chon"), ("kim", "kam"), ("sol", "sil")])
def test_different_syllables_keep_different_keys(a: str, b: str) -> None:
    assert romanisation_key(a) != romanisation_key(b)


def test_a_word_that_is_not_a_syllable_is_its_own_key() -> None:
    assert romanisation_key("Defector") == "defector"


def test_joined_given_names_split_into_syllables() -> None:
    assert split_syllables("chongsong") == (("chong", "song"),)
    assert ("jong", "un") in split_syllables("Jongun")
    assert split_syllables("defector") == ()


# --- name detection -----------------------------------------------------------------------

@pytest.mark.parametrize(
    "name",
    ["Oh Chong Song", "Oh Chong-song", "Oh Chung-sung", "Kim Jong Un", "Ri Sol-ju",
     "Choe Ryong-hae", "Jang Song-thaek", "Ho Jong-man", "Oh Chongsong", "Park Chung-hee",
     "Kim Il"],
)
def test_korean_names_are_recognised(name: str) -> None:
    assert looks_like_korean_name(tokens(name))


@pytest.mark.parametrize(
    "words",
    ["the south", "Kim", "Kim Jong Un Said", "Park the car", "Han river", "Song lyrics",
     "Kim 2024", "defector Kim"],
)
def test_other_sequences_are_not_names(words: str) -> None:
    assert not looks_like_korean_name(words.split())


# --- name variants ------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["Oh Chong Song", "Oh Chong-song", "Oh Chung-sung", "Oh Chongsong"])
def test_spellings_of_one_name_reach_the_indexed_spelling(name: str) -> None:
    words = tokens(name)
    assert ("oh", "chong", "song") in {words, *name_variants(words, {"chong", "song"})}


def test_respelt_syllables_come_from_the_lexicon() -> None:
    variants = name_variants(("oh", "chung", "sung"), {"chong", "song", "cheong"})
    assert set(variants[:2]) == {("oh", "chong", "song"), ("oh", "cheong", "song")}
    assert all(token in {"oh", "chung", "sung", "chong", "song", "cheong"}
               for variant in variants for token in variant)
    assert ("oh", "cheong", "song") in variants


def test_joined_spellings_in_the_lexicon_are_variants() -> None:
    assert ("oh", "chongsong") in name_variants(("oh", "chung", "sung"), {"chongsong"})


def test_surname_spellings_vary_when_the_index_has_them() -> None:
    variants = name_variants(tokens("Lee Sol-ju"), {"ri", "rhee", "sol", "ju"})
    assert ("ri", "sol", "ju") in variants and ("rhee", "sol", "ju") in variants
    assert all(variant[0] != "yi" for variant in variants)


def test_the_input_itself_is_not_a_variant() -> None:
    assert ("oh", "chong", "song") not in name_variants(("oh", "chong", "song"), LEXICON)


@pytest.mark.parametrize("words", [("the", "south"), ("defector",), ("kim",), ("escape", "route")])
def test_non_names_get_no_name_variants(words: tuple[str, ...]) -> None:
    assert name_variants(words, LEXICON) == ()


def test_a_name_with_no_other_spelling_indexed_gets_none() -> None:
    assert name_variants(("choe", "ryong", "hae"), LEXICON) == ()


def test_prebuilt_index_and_lookup_function_agree_with_a_term_set() -> None:
    index = build_romanisation_index(LEXICON | {"chung", "sung", "JONG"})
    words = ("oh", "cheong", "seong")
    from_set = name_variants(words, LEXICON | {"chung", "sung", "jong"})
    assert name_variants(words, index) == from_set
    assert name_variants(words, lambda key: index.get(key, ())) == from_set


def test_a_loose_lookup_function_is_filtered_by_key() -> None:
    def every_term(key: str) -> set[str]:
        return LEXICON
    words = ("oh", "chung", "sung")
    assert name_variants(words, every_term) == name_variants(words, LEXICON)
    assert ("oh", "chong", "song") in name_variants(words, every_term)


def test_the_index_keys_only_syllable_shaped_terms() -> None:
    index = build_romanisation_index(["Chong", "defector", "chongsong", "2024"])
    assert index[romanisation_key("jeong")] == ("chong",)
    assert index["cong-song"] == ("chongsong",)
    assert all("defector" not in terms and "2024" not in terms for terms in index.values())


def test_variants_are_capped() -> None:
    lexicon = {"chong", "chung", "jong", "jung", "cheong", "jeong", "song", "sung", "seong"}
    variants = name_variants(("oh", "chong", "song"), lexicon, limit=5)
    assert len(variants) == 5
    assert all(sum(a != b for a, b in zip(v, ("oh", "chong", "song"))) == 1 for v in variants)
