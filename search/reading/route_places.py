"""Where a crossing went: the place words of each route, and the words that name no route.

Read by search/reading/route_sentences.py (routes_in) through route_rules, which re-exports
them. Every pattern is general English or geography, never a phrase taken from one article.
"""
from __future__ import annotations

from search.reading.cues import Cue, any_of as _any

# --- route cues -------------------------------------------------------------------------------

# Places the JSA sits in: a crossing "through the JSA in the DMZ" is a JSA crossing.
_JSA = _any(r"\bjoint security (?:area|zone)\b", r"\bJSA\b", r"\bpanmunj[eo]+m\b",
            r"\btruce village\b", r"\bbridge of no return\b", r"\bcommon security (?:area|zone)\b")
# The Han River estuary is land-border geography even when a report says NLL or "maritime".
ESTUARY = _any(r"\bestuary\b", r"\bgimpo\b", r"\bkimpo\b", r"\bganghwa\b", r"\bkanghwa\b",
               r"\bgyodong\b", r"\bkyodong\b", r"\bimjin\b")
_DMZ = _any(r"\bDMZ\b", r"\bdemilitari[sz]ed zone\b", r"\bdemarcation line\b", r"\bMDL\b",
            r"\binter-korean (?:land )?border\b", r"\bguard ?posts?\b", r"\b(?:fortified|armed) border\b",
            r"\bminefields?\b", r"\bborder fences?\b", ESTUARY,
            r"\bbarbed[- ]wire fences?\b",
            r"\bheavily[- ](?:fortified|armed|militari[sz]ed|guarded|patrolled|mined) borders?\b",
            r"\bmilitari[sz]ed border\b")
# A sea border only: in an estuary story it is the estuary's line (see SEA_BORDER below).
SEA_BORDER = _any(r"\bnorthern limit line\b", r"\bNLL\b", r"\bmaritime (?:border|boundary)\b",
                  r"\bsea (?:border|boundary)\b")
_SEA = _any(r"boats?\b", r"\bvessels?\b", r"\bships?\b", r"\bfishing\b", r"\bfisherm[ae]n\b",
            r"\bsea\b", r"\b(?:off|along|down|up) the (?:\w+ )?coast(?:line)?\b", r"\bcoastline\b",
            SEA_BORDER, r"\bmaritime\b", r"\bwaters\b", r"\bdrift(?:s|ed|ing)?\b",
            r"\badrift\b",
            r"\braft\b", r"\bto japan\b", r"\bashore\b", r"\bcoast guard\b")
# A craft of one's own: in an estuary story, only a boat makes a crossing the sea's (a swim
# "across the maritime border off the west coast" is the estuary's, LABELLING.md).
BOAT = _any(r"boats?\b", r"\bvessels?\b", r"\bships?\b", r"\bfishing\b", r"\bfisherm[ae]n\b",
            r"\braft\b", r"\bcanoe\b", r"\bkayak\b")
# "The land border" is the DMZ's unless the sentence names China or Russia.
LAND_BORDER = _any(r"\bland border\b", r"\bsoldier\b[^.]*\b(?:across|crossed) the (?:\w+ )?border\b",
                   # the line between the two Koreas, by the words reports use for it
                   r"\b(?:inter-korean|heavily (?:fortified|armed|guarded|militari[sz]ed)|fortified) border\b",
                   r"\bborder ?line\b", r"\bfront ?line\b", r"\bfrontline (?:unit|post|fence)s?\b",
                   r"(?<!sea )(?<!maritime )\bborder (?:between|dividing|separating) the (?:two )?koreas\b",
                   r"\b(?:river|fence|line) (?:along|on|near) the border with the (?-i:North)\b(?! Korea)")
# A boat on a river (the Mekong, the Tumen) is no sea crossing, unless the sentence names a sea.
RIVER_BOAT = _any(r"\b(?:river|mekong)\b(?![^.]*\b(?:sea|coast|NLL|northern limit line)\b)")
# The northern border rivers: a boat or a swim across them is still a China crossing.
CHINA_RIVERS = _any(r"\btumen\b", r"\byalu\b", r"\bduman\b", r"\bamnok\b")
# China named outright, as opposed to a border river that China shares with Russia.
CHINA_BY_NAME = _any(r"\bchina\b", r"\bchinese\b", r"\blaos\b", r"\bthailand\b",
              r"\bvietnam\b", r"\bmongolia\b", r"\bcambodia\b", r"\bmyanmar\b", r"\bbeijing\b",
              r"\bshenyang\b", r"\bdandong\b", r"\byanbian\b",
                     r"\bmekong\b", r"\b(?:southeast asian|another asian) country\b")
_CHINA = _any(CHINA_BY_NAME, CHINA_RIVERS)
_RUSSIA = _any(r"\brussia(?:n)?\b", r"\bvladivostok\b", r"\bkhasan\b")
# The russia route is a way INTO Russia from the North (LABELLING.md); leaving from Russia, where
# one worked or was posted ("fled to Seoul from the Russian Far East", "a Russia-based trade
# official"), is a post abroad.
INTO_RUSSIA = _any(r"\b(?:into|to|entered|entering|reach\w*) (?:the )?(?:russia|russian (?:territory|soil|side|border|far east))\b",
                   r"\bkhasan\b", r"\btumen\b", r"\bcross\w*")
# A flight is the way out (or in) only from or to the North itself, or south over the line: an
# onward flight to Manila or Xiamen after an escape is not air (LABELLING.md).
_NORTH_AIRPORT = (r"(?:(?:pyongyang|sunan|north korea|the north)\b|(?:the )?(?-i:South)\b|south\b|"
                  r"across the (?:border|dmz|demilitari[sz]ed zone|line))")
_AIR = _any(r"\bpilots?\b", r"\bMiG\b", r"\bfighter (?:jet|plane)s?\b",
            r"\b(?:flew|flying|flown)\b[^.]*\b(?:plane|jet|aircraft)\b[^.]*\b(?:from|out of|to|into) " + _NORTH_AIRPORT,
            r"\b(?:plane|jet|aircraft)\b[^.]*\b(?:flew|flying|flown)\b[^.]*\b(?:from|out of|to|into) " + _NORTH_AIRPORT)
# Where North Koreans are posted: a country or city abroad, as opposed to a border crossing.
_ABROAD = (r"(?:the )?(?:chinese capital|russian capital|japanese capital|russia|china|kuwait|qatar|poland|mongolia|siberia|beijing|shanghai|shenyang|"
           r"dandong|ningbo|moscow|vladivostok|middle east|gulf|africa|europe|abroad|overseas)\b")
_OVERSEAS = _any(r"\bdiplomats?\b", r"\bambassador\b", r"\benvoy\b", r"\bconsuls?\b", r"\bconsular (?:official|officer|staff)s?\b",
                 r"\bembassy (?:official|staff|counsel+or|minister|employee)s?\b",
                 r"\b(?:overseas|restaurant|logging|construction|factory|dispatched|IT) workers?\b",
                 r"\bworkers? (?:dispatched|sent|posted|stationed)\b", r"\bwaitress(?:es)?\b",
                 r"\b(?:north korean|state|regime)(?:-run)? restaurants?\b",
                 r"\b(?:workers?|waitress\w*|employees?|staff|managers?|chefs?|cooks?) (?:at|of|"
                 r"in|from|for) (?:a|an|the|another) (?:[\w-]+ ){0,2}?restaurants?\b", r"\bstationed abroad\b",
                 r"\blogging (?:camps?|sites?)\b", r"\bconstruction sites?\b",
                 r"\btimber (?:compan\w+|camps?|sites?|industry|mills?)\b",
                 r"\bposted (?:abroad|overseas|to|in)\b",
                 r"\blabou?rers?\b", r"\bsent (?:abroad|overseas|to work)\b",
                 r"\b(?:stationed|posted|based|working) (?:in|at) " + _ABROAD,
                 r"\b(?:workers?|employees?|staff) (?:in|at|from) " + _ABROAD,
                 r"\bexchange students?\b", r"\bstudying (?:abroad|overseas|in)\b",
                 r"\b(?:north korean|pyongyang's|its) (?:embassy|mission|consulate)\b",
                 r"\b(?:contest|competition|olympiad|tournament|championships?)\b",
                 r"\b(?:during|on|while on) (?:an? |his |her |their )?(?:\w+ )?(?:visit|trip|stopover) (?:to|in) "
                 + _ABROAD,  # Hwang "fled during a visit to Beijing": travelling abroad
                 r"\bathletes?\b", r"\bprisoners? of war\b", r"\bPOWs?\b", r"\btaken prisoner\b",
                 r"\bcaptured (?:by|in) (?:ukrain\w*|russia\w*|the ukrainian)")

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

# Words that look like cues but name no crossing place: seas named after China, heading
# towards the DMZ without crossing it, the Red Cross.
NOT_A_ROUTE = _any(r"\b(?:east|south) china sea\b",
                   r"\b(?:up to|towards?|near|approach\w*|close to) the "
                   r"(?:DMZ|demilitari[sz]ed zone"
                   r"|border)\b")
# A handover point in a repatriation is where someone was given back, not how they came.
HANDOVER_POINT = _any(r"\b(?:via|through|at|across) (?:the )?(?:truce village (?:of )?)?"
                      r"(?:panmunj[eo]+m|truce village|JSA|joint security area)\b")
