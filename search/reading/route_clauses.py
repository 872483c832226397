"""What one clause of a sentence reports: whether it tells a crossing as a case, of which kind
(defection, attempt, northward, repatriation), and by which places.

route_sentences.py cuts a sentence into clauses (contrasted parts, relative clauses) and asks
read_clause of each; a clause with no crossing verb, a denial, a plan, background or a count
reports none.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from search.reading import route_rules as rules
from search.reading.cues import Cue
from search.reading.route_places import routes_in

_AGENT = re.compile(r"\b(?:by|from|of|with|to|for|against|at)(?: the| a| an)?\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class Claim:
    """One reported crossing in a sentence (a contrastive sentence can hold more than one)."""

    routes: tuple[str, ...]
    crossing: str
    strong: bool  # an unmistakable escape verb, enough to borrow a neighbour's place words
    wish: bool = False  # an attempt only because someone wanted to go ("wants to defect")


def read_clause(clause: str) -> Claim | None:
    """The crossing this clause reports, or None for background, denial or no event."""
    if rules.BACKGROUND.search(clause) or rules.DENIED.search(clause):
        return None
    clause = rules.NOT_A_RETURN.sub(" ", clause)  # "a deportation pact" reports no return
    if not _has_event(clause):
        return _held_in_china(clause)
    crossing = _crossing_kind(clause)
    strong = bool(rules.STRONG_EVENT.search(clause))
    if crossing is None or _not_a_case(clause, crossing, strong):
        return None
    routes = routes_in(clause, crossing)
    if not routes and rules.RELATIVE_PAST.match(clause):
        return None
    return Claim(routes, crossing, strong, _only_wished(clause, crossing))


def _held_in_china(clause: str) -> Claim | None:
    """North Koreans detained, or storming a mission, in China or south of it: a china defection;
    shot dead by guards there: an attempt."""
    if not held_on_the_way(clause) or rules.STATISTIC.search(clause):
        return None
    kind = "attempt" if rules.KILLED.search(clause) else "defection"
    return Claim(("china",), kind, False) if "china" in routes_in(clause, "defection") else None


_WISH_REACH = 20  # characters from 'wished to' to the way north it names ('return to North Korea')


def _only_wished(clause: str, crossing: str) -> bool:
    """'wants to defect', 'expressed a wish to go back to the North': no crossing yet."""
    if crossing == "attempt":
        return not _failed(clause)
    return crossing == "northward" and bool(rules.INTENTION.search(clause)) \
        and (not rules.COMPLETED.search(clause) or _only_wished_north(clause))


def _only_wished_north(clause: str) -> bool:
    """'The boat crossed the line by mistake and the crew wished to return to North Korea': the
    way north is the object of the wish, whatever else the clause says was done."""
    wishes = [match.end() for match in rules.INTENTION.finditer(clause)]
    norths = [match.start() for match in rules.NORTHWARD.finditer(clause)]
    return bool(norths) and all(any(0 <= north - end <= _WISH_REACH for end in wishes)
                                for north in norths)


def _not_a_case(clause: str, crossing: str, strong: bool) -> bool:
    """A launch (missiles 'into the sea'), a count over a year, or a boat that strayed or
    drifted with no one choosing to leave is no crossing of a person reported here."""
    if crossing != "repatriation" and rules.STATISTIC.search(clause):
        return True
    if crossing == "repatriation" and rules.RETURN_TALLY.search(clause):
        return True
    if crossing in ("defection", "attempt") and rules.FOREIGNERS.search(clause):
        return True  # embassy staff going home: a way out, not a defection
    if strong:
        return False
    return bool(rules.OBJECTS.search(clause)) or bool(rules.MANOEUVRE.search(clause)) \
        or (crossing in ("defection", "attempt") and bool(rules.NOT_AN_ESCAPE.search(clause))
            and not _named_as_escapees(clause))


def _named_as_escapees(clause: str) -> bool:
    """'Suspected defectors were found drifting': the people, not the boat's drift, say why
    they came; only a drift or rescue is outweighed so, not a tour, trade or a patrol."""
    return bool(rules.ESCAPEES.search(clause)) and not rules.NOT_AN_ESCAPE.search(
        rules.ACCIDENTAL_AT_SEA.sub(" ", clause))


def _has_event(clause: str) -> bool:
    """A crossing verb that is not negated just before it ('did not cross')."""
    return any(not _negated(clause, match) and not _generic_plural(clause, match)
               for match in rules.EVENT.finditer(clause))


def _generic_plural(clause: str, match: re.Match[str]) -> bool:
    """'brought defections to a halt': a kind of event, not a case, unless counted."""
    return bool(rules.GENERIC_PLURAL.fullmatch(match.group())) \
        and not rules.COUNTED_BEFORE.search(clause[:match.start()])


def _crossing_kind(clause: str) -> str | None:
    """The kind of crossing; None for a return that is only planned, for money sent home, or
    for someone coming home to the South."""
    if rules.REPATRIATION.search(clause):
        planned = rules.FUTURE_RETURN.search(clause) and not rules.COMPLETED_RETURN.search(clause)
        return None if planned else "repatriation"
    if rules.HOME_TO_THE_SOUTH.search(clause) and not rules.NORTHWARD.search(clause):
        return None  # a trip north ending: the way home is no crossing of the kinds
    if _unnegated(rules.NORTHWARD, clause) or _southerner_crosses(clause):
        return "northward"
    intended = rules.INTENTION.search(clause) and not rules.COMPLETED.search(clause) \
        and not _wish_told_on_arrival(clause)
    return "attempt" if _failed(clause) or intended else "defection"


def _wish_told_on_arrival(clause: str) -> bool:
    """'The crew expressed a desire to defect': told to those who found them, so already out;
    not prisoners of a war abroad, who have crossed nothing yet."""
    return bool(rules.WISH_TOLD_ON_ARRIVAL.search(clause)) \
        and not rules.PRISONERS_OF_WAR.search(clause)


def _unnegated(cue: Cue, clause: str) -> bool:
    """A match not denied just before it: "we will not go back to the North" goes nowhere."""
    return any(not _negated(clause, match) for match in cue.finditer(clause))


def _negated(clause: str, match: re.Match[str]) -> bool:
    """'did not cross', 'never tried to flee': a negation at most two words before the match."""
    return bool(rules.NEGATED_BEFORE.search(clause[:match.start()]))


def _southerner_crosses(clause: str) -> bool:
    """An American soldier or a South Korean, named before the crossing verb with no North
    Korean among them, goes north whatever the verb ('deserted', 'walked across')."""
    event = rules.EVENT.search(clause)
    before = clause[:event.start()] if event else clause
    named = [m for m in rules.SOUTHERNER.finditer(before)
             if not _AGENT.search(before[:m.start()])]  # 'spotted by South Korean soldiers'
    return bool(named) and not rules.NORTHERNER.search(before)


def _failed(clause: str) -> bool:
    without_process = rules.WHILE_TRYING.sub(" ", clause)
    return bool(rules.ATTEMPT.search(without_process)) \
        and not rules.SUCCESS.search(without_process)


def held_on_the_way(text: str) -> bool:
    """North Koreans detained, or breaking into a foreign mission, somewhere on the way south."""
    return rules.HELD_ON_THE_WAY.may_match(text) and bool(  # the cheap "no" first: most sentences
        rules.HELD_ON_THE_WAY.search(text) and rules.NORTH_KOREANS.search(text))
