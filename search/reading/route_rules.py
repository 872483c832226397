"""The route and crossing vocabularies, and the word patterns that recognise them in a sentence.

search/reading/routes.py decides what a sentence reports; this module only names the cues it
asks (the place words of each route are in route_places.py). The patterns are data, in
data/english_route_cues.tsv: each group there says what it matches and why, and every pattern is
general English or geography, never a phrase taken from one article.
"""
from __future__ import annotations

from dataclasses import dataclass

from search.reading.english_cues import cue


@dataclass(frozen=True)
class Term:
    """A controlled-vocabulary value, with the label and definition the UI shows."""

    id: str
    label: str
    definition: str


ROUTES: tuple[Term, ...] = (
    Term("jsa", "Joint Security Area",
         "through the Joint Security Area at Panmunjom (the truce village)."),
    Term("dmz", "DMZ / land border",
         "across the Military Demarcation Line or the DMZ outside the JSA, on land or across the "
         "border rivers, including the Han River estuary (Gimpo, Ganghwa, Gyodong, Imjin) even "
         "when a report calls it the Northern Limit Line or a maritime border."),
    Term("sea", "By sea",
         "by sea: boats and fishing vessels, drifting or swimming along the coast, across the "
         "Northern Limit Line seaward of the estuary or in the East Sea, including voyages to "
         "Japan or other countries."),
    Term("china", "Via China",
         "an unauthorised crossing of the northern border into China (Tumen or Yalu rivers), "
         "including the onward journey through third countries (Laos, Thailand, Vietnam, "
         "Mongolia) and asylum sought at an embassy in China."),
    Term("russia", "Via Russia",
         "an unauthorised crossing of the northern border into Russia over land."),
    Term("air", "By air",
         "in an aircraft across the border (a pilot flying south)."),
    Term("overseas", "From abroad",
         "from a legal posting or stay abroad: diplomats, overseas and restaurant workers (in "
         "China or Russia too), students, athletes, soldiers abroad or taken prisoner."),
    Term("unknown", "Route not reported",
         "a defection is reported but not its route."),
)

CROSSINGS: tuple[Term, ...] = (
    Term("defection", "Defection", "a completed escape from North Korea."),
    Term("attempt", "Attempt", "failed, caught, or only intended."),
    Term("northward", "Northward crossing",
         "anyone crossing into the North: a defector going back, a foreigner crossing over."),
    Term("repatriation", "Repatriation",
         "someone sent back: a forced return from China, drifting fishermen handed back."),
)

ROUTE_IDS: tuple[str, ...] = tuple(term.id for term in ROUTES)
CROSSING_IDS: tuple[str, ...] = tuple(term.id for term in CROSSINGS)


def route_term(route_id: str) -> Term:
    """The route Term with this id; KeyError names the unknown id."""
    return _lookup(ROUTES, route_id)


def crossing_term(crossing_id: str) -> Term:
    """The crossing Term with this id; KeyError names the unknown id."""
    return _lookup(CROSSINGS, crossing_id)


def _lookup(terms: tuple[Term, ...], term_id: str) -> Term:
    for term in terms:
        if term.id == term_id:
            return term
    raise KeyError(f"unknown vocabulary id: {term_id!r}")


# --- crossing events and what a sentence says of them (data/english_route_cues.tsv) -----------

# what happened: someone left, was sent back, went north
STRONG_EVENT = cue("strong_event")
REPATRIATION = cue("repatriation")
NORTHWARD = cue("northward")
SOUTHERNER = cue("southerner")
NORTHERNER = cue("northerner")
EVENT = cue("event")

# whether it happened: tried, intended, done
ATTEMPT = cue("attempt")
INTENTION = cue("intention")
WISH_TOLD_ON_ARRIVAL = cue("wish_told_on_arrival")
PRISONERS_OF_WAR = cue("prisoners_of_war")
FLED_SOUTH = cue("fled_south")
FUTURE_RETURN = cue("future_return")
COMPLETED_RETURN = cue("completed_return")
COMPLETED = cue("completed")
WENT_BACK = cue("went_back")
HOME_TO_THE_SOUTH = cue("home_to_the_south")
WHILE_TRYING = cue("while_trying")
SUCCESS = cue("success")

# one case or a kind of event
GENERIC_PLURAL = cue("generic_plural")
COUNTED_BEFORE = cue("counted_before")
FEW_CASES = cue("few_cases")
ORDINAL_CASE = cue("ordinal_case")
NEGATED_BEFORE = cue("negated_before")

# background, statistics and crossings that are no one's escape
BACKGROUND = cue("background")
STATISTIC = cue("statistic")
RETURN_TALLY = cue("return_tally")
MANOEUVRE = cue("manoeuvre")
NOT_AN_ESCAPE = cue("not_an_escape")
FOREIGNERS = cue("foreigners")
RELATIVE_PAST = cue("relative_past")
OBJECTS = cue("objects")
NOT_A_RETURN = cue("not_a_return")
KILLED = cue("killed")
KILLED_WHILE = cue("killed_while")
DENIED = cue("denied")
ESCAPEES = cue("escapees")
HELD_ON_THE_WAY = cue("held_on_the_way")
NORTH_KOREANS = cue("north_koreans")
ACCIDENTAL_AT_SEA = cue("accidental_at_sea")

# how a sentence divides, and its tense
CONTRAST = cue("contrast")
UNLIKE_PREFIX = cue("unlike_prefix")
GROUP_APPOSITIVE = cue("group_appositive")
LINE_DESCRIBED = cue("line_described")
TOLD_AS_PAST = cue("told_as_past")
