"""The route cues' word-gated matching (search.reading.cues.Cue) gives exactly the whole patterns' matches.

classify_routes was checked against the ungated rules on 6,000 corpus articles; these tests keep
the property that made that possible, on the labelled cases, the seeds and awkward variants.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from search.reading import route_places as places
from search.reading import cues
from search.reading.cues import Cue
from search.reading import route_rules as rules
from search.reading import route_sentences, routes, story_cues

TESTS = Path(__file__).parent
CUES = {name: cue for module in (rules, places, story_cues) for name, cue in vars(module).items()
        if isinstance(cue, Cue)} | {f"ROUTE_CUES[{route}]": cue for route, cue in places.ROUTE_CUES.items()}


def sample_sentences() -> list[str]:
    """Every sentence of the route cases and seeds, as classify_routes reads them."""
    texts = []
    for path in sorted((TESTS / "route_cases").glob("*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        texts += [case["title"], *case["paragraphs"]]
    for path in sorted((TESTS.parent / "seeds").glob("*.txt")):
        texts += path.read_text(encoding="utf-8").splitlines()[:40]
    return [sentence for text in texts for sentence in routes.split_sentences(text)]


ODD_CHARACTERS = "\u0130\u0131\u017f\u212a_\u00e9\u2019"  # uneven case folds, word chars


def variants(number: int, sentence: str) -> list[str]:
    """Other casings, a cut, and a character where case folding or word boundaries are uneven."""
    middle = len(sentence) // 2
    odd = ODD_CHARACTERS[number % len(ODD_CHARACTERS)]
    return [sentence, sentence.upper() if number % 2 else sentence.swapcase(),
            sentence[middle // 2:middle + 7], sentence[:middle] + odd + sentence[middle:]]


SAMPLE = [variant for number, sentence in enumerate(sample_sentences())
          for variant in variants(number, sentence)]


@pytest.mark.parametrize("compile_after", [0, 10**9])  # unions compiled; unions run one by one
@pytest.mark.parametrize("name", sorted(CUES))
def test_cue_matches_are_the_whole_patterns(name: str, compile_after: int,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cues, "_COMPILE_AFTER", compile_after)
    cue = Cue(CUES[name].alternatives, CUES[name].regex.flags)  # a fresh cue: no union asked for or compiled yet
    for text in SAMPLE:
        expected = [(m.span(), m.group()) for m in cue.regex.finditer(text)]
        assert [(m.span(), m.group()) for m in cue.finditer(text)] == expected, text
        assert cue.sub(" ", text) == cue.regex.sub(" ", text), text
        assert cue.split(text) == cue.regex.split(text), text
        assert span(cue.match(text)) == span(cue.regex.match(text)), text
        assert span(cue.fullmatch(text)) == span(cue.regex.fullmatch(text)), text


def span(match: re.Match[str] | None) -> tuple[int, int] | None:
    return match.span() if match else None


def test_sentences_without_crossing_words_have_no_claims() -> None:
    """The gate read_sentence relies on: no clause of a sentence can report what its words rule out."""
    gated = [text for text in SAMPLE if not route_sentences.is_candidate(text)]
    assert len(gated) > len(SAMPLE) // 10
    assert all(route_sentences._claims(route_sentences.without_asides(text)) == [] for text in gated)


@pytest.mark.parametrize("text, possible", [
    ("The central bank held interest rates steady on Tuesday.", False),
    ("Exports to Europe rose over the year.", False),  # 'over' with no verb of movement
    ("Two soldiers went south across the border.", True),
    ("He FLED to China.", True),
])
def test_event_gate_skips_sentences_without_crossing_words(text: str, possible: bool) -> None:
    """If narrowing stopped working (a parser change), every sentence would be read in full."""
    assert rules.EVENT.may_match(text) is possible


@pytest.mark.parametrize("text", ["ab b a", "bbb", "", "xyz", "a-b ab"])
def test_a_union_run_one_by_one_matches_the_compiled_union(text: str) -> None:
    """_Union's own paths: empty matches and template or function replacements go to the
    compiled union; the rest it answers itself, alternative by alternative."""
    union = cues._Union(tuple(re.compile(p) for p in (r"a?", r"b", r"ab")),
                        lambda keep: re.compile(r"a?|b|ab"), (0, 1, 2))
    whole = re.compile(r"a?|b|ab")
    assert [m.span() for m in union.finditer(text)] == [m.span() for m in whole.finditer(text)]
    assert union.sub(r"<\g<0>>", text) == whole.sub(r"<\g<0>>", text)
    assert union.sub(lambda m: m.group().upper(), text) == whole.sub(lambda m: m.group().upper(), text)
    assert union.split(text) == whole.split(text)
    plain = cues._Union(tuple(re.compile(p) for p in (r"b", r"ab")), lambda keep: re.compile(r"b|ab"),
                        (1, 2))
    assert plain.sub("-", text) == re.sub(r"b|ab", "-", text)
    assert span(plain.search(text)) == span(re.search(r"b|ab", text))


def test_an_inline_flag_in_one_alternative_is_refused() -> None:
    """'(?s)' in one alternative would rule the compiled union but not the others run alone."""
    with pytest.raises(ValueError, match="inline flag"):
        Cue((r"(?s)\bfoo.bar", r"\bbaz.qux"))
