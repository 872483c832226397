"""MinHash near-duplicate detection: estimates, band collisions, storage and cluster choice."""
from __future__ import annotations

import hashlib
import os
import random
import re
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from search.dedup import (
    _densified,
    _equal_share,
    _shingles,
    assign_cluster,
    band_keys,
    estimated_jaccard,
    minhash_signature,
    signature_from_bytes,
    signature_to_bytes,
)

VOCABULARY = [f"word{i}" for i in range(3000)]


def random_words(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(VOCABULARY) for _ in range(count)]


def exact_jaccard(a: str, b: str) -> float:
    """The true Jaccard of 5-shingle sets, for checking what the generated pairs really are."""
    def shingles(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"\w+", text.lower())
        return {tuple(words[i:i + 5]) for i in range(len(words) - 4)}
    left, right = shingles(a), shingles(b)
    return len(left & right) / len(left | right)


def pair_with_overlap(seed: int, shared: int, own: int) -> tuple[str, str]:
    """Two texts sharing one run of `shared` words, each with `own` words of its own."""
    common = random_words(seed, shared)
    first = common + random_words(seed + 10_000, own)
    second = random_words(seed + 20_000, own) + common
    return " ".join(first), " ".join(second)


def test_identical_texts_have_jaccard_one() -> None:
    text = " ".join(random_words(1, 400))
    assert estimated_jaccard(minhash_signature(text), minhash_signature(text)) == 1.0


def test_case_and_punctuation_do_not_matter() -> None:
    assert minhash_signature("Kim fled across the DMZ, on foot.") == minhash_signature(
        "kim fled across the dmz on foot"
    )


def test_one_changed_sentence_in_a_thousand_words_stays_in_the_cluster() -> None:
    sentences = [" ".join(random_words(seed, 15)) + "." for seed in range(67)]
    original = " ".join(sentences)
    edited = " ".join(sentences[:30] + ["A completely different sentence was put here."]
                      + sentences[31:])
    original_sig, edited_sig = minhash_signature(original), minhash_signature(edited)
    assert len(original.split()) >= 1000
    assert estimated_jaccard(original_sig, edited_sig) >= 0.8
    assert set(band_keys(original_sig)) & set(band_keys(edited_sig))
    cluster = assign_cluster(edited_sig, [("wire-1", original_sig)], "repost-2", 0.8)
    assert cluster == "wire-1"


def test_unrelated_texts_score_low() -> None:
    a = minhash_signature(" ".join(random_words(2, 800)))
    b = minhash_signature(" ".join(random_words(3, 800)))
    assert estimated_jaccard(a, b) < 0.2


def test_short_texts_are_one_shingle() -> None:
    assert minhash_signature("Defector crosses") == minhash_signature("defector  CROSSES!")
    assert estimated_jaccard(minhash_signature("one two"), minhash_signature("one three")) < 0.2
    assert len(minhash_signature("")) == 256


def test_signature_is_the_same_in_another_process() -> None:
    text = "Syndicated wire copy about a soldier who crossed the military demarcation line."
    code = (
        "from search.dedup import minhash_signature, signature_to_bytes;"
        f"print(signature_to_bytes(minhash_signature({text!r})).hex())"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True,
        cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
    )
    assert result.stdout.strip() == signature_to_bytes(minhash_signature(text)).hex()


def test_bands_collide_at_high_similarity_and_rarely_at_low() -> None:
    high = [pair_with_overlap(seed, shared=1000, own=50) for seed in range(100, 115)]
    low = [pair_with_overlap(seed, shared=300, own=340) for seed in range(200, 215)]
    assert all(0.88 <= exact_jaccard(a, b) <= 0.92 for a, b in high)
    assert all(0.28 <= exact_jaccard(a, b) <= 0.32 for a, b in low)

    def collide(a: str, b: str) -> bool:
        return bool(set(band_keys(minhash_signature(a))) & set(band_keys(minhash_signature(b))))

    assert all(collide(a, b) for a, b in high)
    assert sum(collide(a, b) for a, b in low) <= 1


def test_band_keys_are_short_distinct_hex_per_band() -> None:
    keys = band_keys(minhash_signature("a story"))
    assert len(keys) == 32 and len(set(keys)) == 32
    assert all(re.fullmatch(r"[0-9a-f]{14}", key) for key in keys)
    assert [key[:2] for key in keys] == [f"{band:02x}" for band in range(32)]


def test_band_keys_reject_an_uneven_split() -> None:
    with pytest.raises(ValueError):
        band_keys(minhash_signature("x", num_perm=64), bands=10)


def test_band_keys_with_custom_bands() -> None:
    assert len(band_keys(minhash_signature("x", num_perm=64), bands=16)) == 16


@given(st.lists(st.integers(min_value=0, max_value=2**32 - 1), max_size=300).map(tuple))
def test_signature_bytes_round_trip(signature: tuple[int, ...]) -> None:
    assert signature_from_bytes(signature_to_bytes(signature)) == signature


def test_stored_signature_is_compact() -> None:
    assert len(signature_to_bytes(minhash_signature("some words here"))) == 1024


@pytest.mark.parametrize("bad", [b"abc", b"\x00" * 1023])
def test_signature_from_bad_bytes_is_a_value_error(bad: bytes) -> None:
    with pytest.raises(ValueError):
        signature_from_bytes(bad)


def test_estimated_jaccard_rejects_mismatched_lengths() -> None:
    with pytest.raises(ValueError):
        estimated_jaccard((1, 2, 3), (1, 2))


def test_assign_cluster_picks_best_candidate_over_threshold() -> None:
    own = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
    candidates = [
        ("c-70", (1, 2, 3, 4, 5, 6, 7, 0, 0, 0)),
        ("c-90", (1, 2, 3, 4, 5, 6, 7, 8, 9, 0)),
        ("c-80", (1, 2, 3, 4, 5, 6, 7, 8, 0, 0)),
    ]
    assert assign_cluster(own, candidates, "me", 0.8) == "c-90"
    assert assign_cluster(own, candidates[:1], "me", 0.8) == "me"
    assert assign_cluster(own, [], "me", 0.8) == "me"


def test_assign_cluster_breaks_ties_by_smallest_id_whatever_the_order() -> None:
    own = (1, 2, 3, 4)
    candidates = [("b", (1, 2, 3, 0)), ("a", (1, 2, 0, 4))]
    assert assign_cluster(own, candidates, "me", 0.5) == "a"
    assert assign_cluster(own, list(reversed(candidates)), "me", 0.5) == "a"


def densified_by_search(minima: list[int], empty: int) -> tuple[int, ...]:
    """The densification as first written (a search to the right from every empty bin): the
    one-pass version must give the very same signatures, or stored ledgers would stop matching."""
    count = len(minima)
    if all(value == empty for value in minima):
        return tuple(0 for _ in minima)
    result = list(minima)
    for i, value in enumerate(minima):
        if value == empty:
            distance = next(d for d in range(1, count + 1) if minima[(i + d) % count] != empty)
            result[i] = (minima[(i + distance) % count] + distance * 0x9E3779B1) & 0xFFFFFFFF
    return tuple(result)


@given(st.lists(st.one_of(st.just(2**32), st.integers(min_value=0, max_value=2**32 - 1)), min_size=1, max_size=300))
def test_one_pass_densification_equals_the_search(minima: list[int]) -> None:
    assert _densified(list(minima), 2**32) == densified_by_search(minima, 2**32)


@pytest.mark.parametrize("words", [0, 1, 4, 5, 30, 120])
def test_short_texts_keep_their_signatures(words: int) -> None:
    text = " ".join(random_words(words + 7, words))
    sparse = [2**32] * 256
    for shingle in _shingles(text):
        hashed = int.from_bytes(hashlib.blake2b(shingle.encode(), digest_size=8).digest(), "big")
        sparse[(hashed >> 32) % 256] = min(sparse[(hashed >> 32) % 256], hashed & 0xFFFFFFFF)
    assert minhash_signature(text) == densified_by_search(sparse, 2**32)


@given(st.lists(st.tuples(st.integers(0, 2**32 - 1), st.integers(0, 2**32 - 1), st.booleans()), min_size=1, max_size=64))
def test_stored_signatures_compare_as_the_values_do(pairs: list[tuple[int, int, bool]]) -> None:
    a = tuple(x for x, _, _ in pairs)
    b = tuple(x if same else y for x, y, same in pairs)
    expected = estimated_jaccard(a, b)
    assert _equal_share(int.from_bytes(signature_to_bytes(a), "big"), signature_to_bytes(b)) == expected
    cluster = assign_cluster(signature_to_bytes(a), [("stored", signature_to_bytes(b))], "me", expected)
    assert cluster == "stored"


def test_assign_cluster_rejects_stored_signatures_of_another_length() -> None:
    with pytest.raises(ValueError):
        assign_cluster(signature_to_bytes((1, 2, 3)), [("c", signature_to_bytes((1, 2)))], "me", 0.5)
