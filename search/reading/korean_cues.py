"""The Korean route and crossing cues, read from data/korean_route_cues.tsv.

The cue lists are data (one cue a line, with why), so that a reader of Korean can extend them
without reading the rules in korean_routes.py. Each group becomes one compiled alternation.
"""
from __future__ import annotations

import functools
import re
from importlib import resources

CUE_FILE = "data/korean_route_cues.tsv"
# Event groups, tried in this order at a position of the text.
EVENT_GROUPS = ("repatriation", "northward", "strong", "weak", "held")
ROUTE_GROUPS = ("jsa", "dmz", "sea", "china", "russia", "air", "overseas")


class CueFileError(ValueError):
    """A line of the cue file that is not group<TAB>pattern<TAB>why, or a pattern that fails."""


@functools.cache
def cue_patterns() -> dict[str, list[str]]:
    """The patterns of each group, in file order."""
    text = resources.files("search.reading").joinpath(CUE_FILE).read_text("utf-8")
    groups: dict[str, list[str]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3 or not fields[0] or not fields[1]:
            raise CueFileError(f"{CUE_FILE} line {number}: expected group<TAB>pattern<TAB>why")
        groups.setdefault(fields[0], []).append(fields[1])
    return groups


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
