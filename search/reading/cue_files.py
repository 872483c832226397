"""Cue files: the route and crossing cue lists kept as data (data/*_route_cues.tsv).

One cue a line: group<TAB>pattern<TAB>why; '#' starts a comment line. The lists are data so that
a reader of the language can extend them without reading the rules that use them.
"""
from __future__ import annotations

import functools
from importlib import resources


class CueFileError(ValueError):
    """A line of a cue file that is not group<TAB>pattern<TAB>why, or a pattern that fails."""


@functools.cache
def read_cue_file(name: str) -> dict[str, list[str]]:
    """The patterns of each group of the package's cue file `name`, in file order."""
    return parse_cue_text(resources.files("search.reading").joinpath(name).read_text("utf-8"), name)


def parse_cue_text(text: str, name: str) -> dict[str, list[str]]:
    """The groups of a cue file's text; CueFileError names the file and the line that is not
    group<TAB>pattern<TAB>why."""
    groups: dict[str, list[str]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 3 or not fields[0] or not fields[1]:
            raise CueFileError(f"{name} line {number}: expected group<TAB>pattern<TAB>why")
        groups.setdefault(fields[0], []).append(fields[1])
    return groups
