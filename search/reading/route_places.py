"""Where a crossing went: the place words of each route, and the words that name no route.

routes_in reads them for search/reading/route_sentences.py. The patterns are data, in
data/english_route_cues.tsv (its route_places.py part); every pattern is general English or
geography, never a phrase taken from one article.
"""
from __future__ import annotations

import functools

from search.reading.asides import without_attribution
from search.reading.cues import Cue
from search.reading.english_cues import cue
from search.reading.route_rules import ROUTE_IDS

# --- route cues -------------------------------------------------------------------------------

_JSA = cue("jsa")
ESTUARY = cue("estuary")
_DMZ = cue("dmz")
SEA_BORDER = cue("sea_border")
_SEA = cue("sea")
BOAT = cue("boat")
LAND_BORDER = cue("land_border")
DMZ_NAMED = cue("dmz_named")
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


@functools.lru_cache(maxsize=256)  # a sentence's clauses, and the model, ask of the same texts
def routes_in(text: str, crossing: str) -> tuple[str, ...]:
    """The routes whose place words the text names, the more specific winning an overlap (not
    the speaker's post in a closing ', said ...')."""
    text = NOT_A_ROUTE.sub(" ", without_attribution(text))
    if crossing == "repatriation":
        text = HANDOVER_POINT.sub(" ", text)
    found = {route for route, words in ROUTE_CUES.items() if words.search(text)}
    if LAND_BORDER.search(text) and not found & {"china", "russia"}:
        found.add("dmz")
    if "china" in found and "dmz" in found and not DMZ_NAMED.search(text):
        found.discard("dmz")  # 'crossed the river to China and climbed a barbed-wire fence'
    if ESTUARY.search(text) or CHINA_RIVERS.search(text) or RIVER_BOAT.search(text):
        found.discard("sea")
    if "russia" in found and not CHINA_BY_NAME.search(text):
        found.discard("china")  # the Tumen also borders Russia
    elif "russia" in found and "china" in found:
        found.discard("russia")  # into China, then on to Russia: the china route (LABELLING.md)
    if "russia" in found and not INTO_RUSSIA.search(text):
        found.discard("russia")
        found.add("overseas")
    if crossing == "northward":
        found.discard("overseas")  # a post abroad is a way out of the North, never a way in
    for winner, loser in SUPPRESSES:
        if winner in found:
            found.discard(loser)
    return tuple(route for route in ROUTE_IDS if route in found)
