"""The Korean route and crossing cues, read from data/korean_route_cues.tsv.

The cue lists are data (one cue a line, with why: cue_files.py), so that a reader of Korean can
extend them without reading the rules in korean_routes.py. Each group becomes one compiled
alternation.
"""
from __future__ import annotations

import functools
import re

from search.reading.cue_files import CueFileError, read_cue_file

CUE_FILE = "data/korean_route_cues.tsv"
# Event groups, tried in this order at a position of the text.
EVENT_GROUPS = ("repatriation", "northward", "strong", "weak", "held")
ROUTE_GROUPS = ("jsa", "dmz", "sea", "china", "russia", "air", "overseas")


def cue_patterns() -> dict[str, list[str]]:
    """The patterns of each group, in file order."""
    return read_cue_file(CUE_FILE)


@functools.cache
def cue(group: str) -> re.Pattern[str]:
    """One alternation of the group's patterns; KeyError names an unknown group."""
    patterns = cue_patterns()[group]
    try:
        compiled = re.compile("|".join(f"(?:{p})" for p in patterns))
    except re.error as error:
        raise CueFileError(f"{CUE_FILE}: group {group!r}: {error}") from error
    if compiled.groups:
        raise CueFileError(f"{CUE_FILE}: group {group!r} has a capturing group: use (?:...)")
    return compiled


@functools.cache
def event_cue() -> re.Pattern[str]:
    """Every event word, each match naming its group (m.lastgroup): repatriation first, so
    that '강제북송' is a return and '북한으로 넘어갔다' northward before the bare '넘어'."""
    return re.compile("|".join(f"(?P<{group}>{cue('event.' + group).pattern})"
                               for group in EVENT_GROUPS))
