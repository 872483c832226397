"""The English route and crossing cues, read from data/english_route_cues.tsv.

Each group becomes one word-gated Cue (cues.py). A pattern '@group' takes in another group's
patterns; '<<name>>' stands for the one pattern of group 'fragment.name' (a country list that
three cues share is written once).
"""
from __future__ import annotations

import functools
import re

from search.reading.cue_files import CueFileError, read_cue_file
from search.reading.cues import Cue

CUE_FILE = "data/english_route_cues.tsv"
_FRAGMENT = re.compile(r"<<([a-z_]+)>>")


@functools.cache
def cue(group: str) -> Cue:
    """One alternation of the group's patterns; KeyError names an unknown group."""
    try:
        return Cue(tuple(_alternatives(group, ())))
    except (re.error, ValueError) as error:
        raise CueFileError(f"{CUE_FILE}: group {group!r}: {error}") from error


def _alternatives(group: str, within: tuple[str, ...]) -> list[str]:
    if group in within:
        raise CueFileError(f"{CUE_FILE}: group {group!r} takes itself in: {' > '.join(within)}")
    found: list[str] = []
    for pattern in read_cue_file(CUE_FILE)[group]:
        if pattern.startswith("@"):
            found.extend(_alternatives(pattern[1:], (*within, group)))
        else:
            found.append(_FRAGMENT.sub(lambda m: _fragment(m[1]), pattern))
    return found


def _fragment(name: str) -> str:
    patterns = read_cue_file(CUE_FILE).get(f"fragment.{name}")
    if patterns is None or len(patterns) != 1:
        raise CueFileError(f"{CUE_FILE}: fragment.{name} must be one pattern")
    return patterns[0]
