"""Cited sources: canonical names, the publisher left out, short forms only as whole words."""
from __future__ import annotations

from pathlib import Path

import pytest

from search.reading.sources import canonical_source, find_cited_sources

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
# Article lines of each seed, cut by hand before the bio, comments or next page.
SEED_ARTICLE_LINES = {"000": 13, "001": 40, "002": 22, "003": 28, "004": 46}
SEED_PUBLISHERS = {"000": "ROK Drop", "001": "Al Jazeera", "002": "Breitbart",
                   "003": "Why Evolution Is True", "004": "The Talking Democrat"}


def seed_article_text(number: str) -> str:
    path = next(SEEDS.glob(f"{number}_*.txt"))
    return "\n".join(path.read_text(encoding="utf-8").splitlines()[:SEED_ARTICLE_LINES[number]])


@pytest.mark.parametrize("number, expected", [
    ("000", ("Joint Chiefs of Staff", "Korea Times", "UN Command", "Yonhap")),
    ("001", ("AFP", "Korea JoongAng Daily", "Yonhap")),
    ("002", ("AP", "BBC", "Los Angeles Times", "Reuters", "UN Command")),
    ("003", ("Washington Post",)),
    ("004", ("Ministry of National Defense", "UN Command", "Unification Ministry", "Yonhap")),
])
def test_seed_sources(number: str, expected: tuple[str, ...]) -> None:
    assert find_cited_sources(seed_article_text(number), SEED_PUBLISHERS[number]) == expected


def test_publisher_does_not_cite_itself() -> None:
    text = "Speaking to Al Jazeera from Seoul, the analyst cited Yonhap."
    assert find_cited_sources(text, "Al Jazeera") == ("Yonhap",)
    assert find_cited_sources(text, "aljazeera") == ("Yonhap",)
    assert find_cited_sources(text) == ("Al Jazeera", "Yonhap")


def test_abbreviations_count_only_as_capitalised_words() -> None:
    text = "A map of the apartment; Apple's app. Photo: AP. The UNC and the NIS said so."
    assert find_cited_sources(text) == ("AP", "National Intelligence Service", "UN Command")


def test_unnamed_voices_are_not_sources() -> None:
    assert find_cited_sources("The military said, according to officials and a source.") == ()


def test_spellings_share_one_canonical_name() -> None:
    text = ("The Associated Press and Agence France-Presse quoted the Ministry of Unification, "
            "the L.A. Times and the United Nations Command.")
    assert find_cited_sources(text) == (
        "AFP", "AP", "Los Angeles Times", "UN Command", "Unification Ministry")


def test_another_countrys_ministry_is_not_seouls() -> None:
    assert find_cited_sources("North Korea's Defense Ministry issued a statement.") == ()
    assert find_cited_sources("South Korea's Defense Ministry said.") == (
        "Ministry of National Defense",)


@pytest.mark.parametrize("typed, canonical", [
    ("L.A. Times", "Los Angeles Times"), ("ap", "AP"), ("the Associated Press", "AP"),
    ("unification ministry", "Unification Ministry"), ("U.N. Command", "UN Command"),
    ("Korea JoongAng Daily", "Korea JoongAng Daily"), ("jcs", "Joint Chiefs of Staff"),
])
def test_canonical_source(typed: str, canonical: str) -> None:
    assert canonical_source(typed) == canonical


def test_canonical_source_of_an_unknown_name_is_none() -> None:
    assert canonical_source("The Daily Planet") is None
