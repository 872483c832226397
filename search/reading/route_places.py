"""Where a crossing went: the place words of each route, and the words that name no route.

Read by search/reading/route_sentences.py (routes_in) through route_rules, which re-exports
them. The patterns are data, in data/english_route_cues.tsv (its route_places.py part); every
pattern is general English or geography, never a phrase taken from one article.
"""
from __future__ import annotations

from search.reading.cues import Cue
from search.reading.english_cues import cue

# --- route cues -------------------------------------------------------------------------------

_JSA = cue("jsa")
ESTUARY = cue("estuary")
_DMZ = cue("dmz")
SEA_BORDER = cue("sea_border")
_SEA = cue("sea")
BOAT = cue("boat")
LAND_BORDER = cue("land_border")
RIVER_BOAT = cue("river_boat")
CHINA_RIVERS = cue("china_rivers")
CHINA_BY_NAME = cue("china_by_name")
_CHINA = cue("china")
_RUSSIA = cue("russia")
INTO_RUSSIA = cue("into_russia")
_AIR = cue("air")
_OVERSEAS = cue("overseas")

ROUTE_CUES: dict[str, Cue] = {
    "jsa": _JSA, "dmz": _DMZ, "sea": _SEA, "china": _CHINA,
    "russia": _RUSSIA, "air": _AIR, "overseas": _OVERSEAS,
}

# When both appear in one sentence, the first names the crossing and the second is its setting:
# the JSA lies in the DMZ, a pilot's flight crosses the DMZ or the sea, a posted worker is in
# China or Russia legally.
SUPPRESSES: tuple[tuple[str, str], ...] = (
    ("jsa", "dmz"), ("air", "dmz"), ("air", "sea"), ("overseas", "china"), ("overseas", "russia"),
)

# Words that name no route (seas named after China), and a repatriation's handover point.
NOT_A_ROUTE = cue("not_a_route")
HANDOVER_POINT = cue("handover_point")
