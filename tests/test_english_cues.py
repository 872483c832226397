"""The English route and crossing cues are data (search/reading/data/english_route_cues.tsv):
every group compiles, every group is asked by the reader, and a bad file names its fault."""
from __future__ import annotations

import pytest

from search.reading import english_cues, route_places, route_rules, story_cues
from search.reading.cue_files import CueFileError, parse_cue_text, read_cue_file
from search.reading.cues import Cue


def _asked_groups() -> set[str]:
    """The groups the reader's modules hold as cues, and those they take in with '@group'."""
    held = {value for module in (route_rules, route_places, story_cues)
            for value in vars(module).values() if isinstance(value, Cue)}
    groups = read_cue_file(english_cues.CUE_FILE)
    named = {group for group in groups if not group.startswith("fragment.")
             and english_cues.cue(group) in held}
    taken_in = {p[1:] for patterns in groups.values() for p in patterns if p.startswith("@")}
    fragments = {f"fragment.{name}" for patterns in groups.values() for p in patterns
                 for name in english_cues._FRAGMENT.findall(p)}
    return named | taken_in | fragments


def test_every_group_compiles_and_is_asked_by_the_reader() -> None:
    groups = read_cue_file(english_cues.CUE_FILE)
    assert len(groups) > 50
    for group in groups:
        if not group.startswith("fragment."):
            assert english_cues.cue(group).alternatives  # raises CueFileError if a pattern fails
    assert set(groups) == _asked_groups()


def test_a_group_takes_in_another_and_a_fragment() -> None:
    china = english_cues.cue("china").alternatives
    assert set(english_cues.cue("china_by_name").alternatives) <= set(china)
    assert english_cues.cue("china").search("They waded the Tumen at night.")
    overseas = english_cues.cue("overseas")
    assert overseas.search("chefs stationed in Ningbo") and not overseas.search("chefs stationed in Busan")


def test_a_malformed_line_names_the_file_and_line() -> None:
    with pytest.raises(CueFileError, match=r"cues\.tsv line 3: expected group<TAB>pattern<TAB>why"):
        parse_cue_text("# a comment\ngood\t\\bword\\b\twhy\nbad line without tabs\n", "cues.tsv")


@pytest.mark.parametrize(("groups", "message"), [
    ({"loop": ["@loop"]}, "takes itself in"),
    ({"a": ["(captured)"]}, "group 'a'.*groups would renumber"),
    ({"a": ["(?:unclosed"]}, "group 'a'"),
    ({"a": ["x<<missing>>"]}, "fragment.missing must be one pattern"),
])
def test_a_bad_group_names_itself(monkeypatch: pytest.MonkeyPatch, groups: dict, message: str) -> None:
    monkeypatch.setattr(english_cues, "read_cue_file", lambda name: groups)
    english_cues.cue.cache_clear()
    try:
        with pytest.raises(CueFileError, match=message):
            english_cues.cue(next(iter(groups)))
    finally:
        english_cues.cue.cache_clear()
