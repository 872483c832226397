"""Which crossings an article reports, by which route, and which crossing the story is about.

The article is read sentence by sentence. A sentence reports a crossing when it has a crossing
verb (defect, escape, flee, cross, swim, drift, sail, fly, be sent back...) that is not negated,
not hypothetical and not a statement about defectors in general; its route comes from the
place words in the same sentence, or from the next or previous sentence of the paragraph when
that one names a place but no event ("Two civilians moved south. They were found on a boat").
A wish to defect is an attempt only when the article reports nothing else; an uncounted plural
("brought defections to a halt") is a kind of event, not a case; a crossing with no place is
"unknown" only when the body says someone defected or fled.
Only the given text counts: nothing is inferred from outside knowledge.
"""
from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from search.models import RouteEvidence, RouteLabels
from search.reading import route_rules as rules
from search.reading.route_rules import (  # re-exported: the vocabulary is part of this module's API
    CROSSINGS, ROUTES, Term, crossing_term, route_term,
)

__all__ = ["CROSSINGS", "ROUTES", "Term", "classify_routes", "crossing_term", "route_term",
           "split_sentences"]

TITLE_WEIGHT = 3  # the headline names the story's own crossing
LEAD_WEIGHT = 2  # so does the first body sentence that reports a routed crossing
OTHER_WEIGHT = 1
_NO_ROUTE = ""  # a reported crossing whose sentence names no place

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st gen lt col sgt capt maj no nos jan feb mar apr jun jul aug sep sept oct nov "
    "dec jr sr vs etc rep sen gov mt pvt cpl adm cmdr fig approx".split())
# "BEIJING (AP) — ": where the report was filed, not where anyone crossed.
_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]+(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?(?:\s*\([^)]*\))?[.,]?"
                       r"\s*[-\u2013\u2014]+\s*")
# A sentence boundary, with or without the space a page copy sometimes loses ("investigated.According").
# "Tags: Koreas | Diplomat Defects": a page's index terms, not a report.
_TAGS = re.compile(r"^\s*(?:tags|topics|related|keywords)\s*:", re.IGNORECASE)
_BOUNDARY = re.compile(r"[.!?](?:[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])"
                       r"|(?<=[a-z]{3}[.!?])(?=[A-Z][a-z]{2,}))")


@dataclass(frozen=True)
class _Sentence:
    text: str  # exactly as in the input, so evidence can be found in the article
    paragraph: int  # -1 for the title
    index: int  # reading order over title and body


@dataclass(frozen=True)
class _Claim:
    """One reported crossing in a sentence (a contrastive sentence can hold more than one)."""

    routes: tuple[str, ...]
    crossing: str
    strong: bool  # an unmistakable escape verb, enough to borrow a neighbour's place words
    wish: bool = False  # an attempt only because someone wanted to go ("wants to defect")


@dataclass(frozen=True)
class _Reading:
    sentence: str
    claims: tuple[_Claim, ...]

    @functools.cached_property
    def place_routes(self) -> tuple[str, ...]:
        """Places named in a sentence with no event, for neighbours; worked out only when a
        neighbour asks, since most sentences have no neighbour that does."""
        text = _without_asides(self.sentence)
        if self.claims or rules.BACKGROUND.search(text):
            return ()
        return _routes_in(text, "defection")


@dataclass(frozen=True)
class _Finding:
    route: str
    crossing: str
    sentence: _Sentence
    strong: bool = False  # reported with an unmistakable escape verb
    wish: bool = False  # see _Claim.wish


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of a paragraph, as exact substrings, not split after abbreviations."""
    sentences, start = [], 0
    for boundary in _BOUNDARY.finditer(paragraph):
        if _ends_with_abbreviation(paragraph[start:boundary.start()]):
            continue
        sentences.append(paragraph[start:boundary.end()].strip())
        start = boundary.end()
    sentences.append(paragraph[start:].strip())
    return [s for s in sentences if s]


def _ends_with_abbreviation(text: str) -> bool:
    """'Nov.', 'Mr.', 'U.S.' and initials like 'J.' do not end a sentence."""
    words = text.split()
    last = words[-1].lower().strip("(\"'") if words else ""
    return last in _ABBREVIATIONS or len(last) == 1 or "." in last


def classify_routes(title: str, paragraphs: Sequence[str]) -> RouteLabels:
    """The routes and kinds of the crossings the article reports, with evidence sentences.
    A repatriation is listed as a kind with its sentence but adds no route: being handed back
    at Panmunjom does not make the article a JSA story (LABELLING.md)."""
    sentences = _sentences(title, paragraphs)
    readings = [_read(sentence.text, sentence.paragraph < 0) for sentence in sentences]
    findings = _without_fulfilled_wishes(_findings(sentences, readings))
    if _reports_repatriation(readings):
        findings = [_as_lost_boat(finding) for finding in findings]
        if not any(f.strong and f.crossing == "defection" for f in findings):
            findings = [f for f in findings if not _premise_of_a_boats_return(f)]
    findings = _as_story_direction(findings)
    returns = [f for f in findings if f.crossing == "repatriation"]
    routed = [f for f in findings if f.route != _NO_ROUTE and f.crossing != "repatriation"]
    routed += _escapes_behind_returns(returns, routed)
    if any(rules.ESTUARY.search(f.sentence.text) for f in routed):
        routed = [_as_estuary_line(finding) for finding in routed]
    crossings = [f for f in findings if f.crossing != "repatriation"]
    if not routed and not _headline_is_a_return(returns):
        routed = [_Finding("unknown", f.crossing, f.sentence) for f in crossings
                  if _reports_unrouted_case(f)]
    elif routed and _way_out_untold(crossings, routed):
        routed = routed + [_Finding("unknown", f.crossing, f.sentence) for f in _story(crossings)
                           if _reports_unrouted_case(f)]
    primary = _primary_route(routed)
    routed = [f for f in routed if not _setting_of_primary(f, primary)]
    return _labels(routed, returns, primary)


def _sentences(title: str, paragraphs: Sequence[str]) -> list[_Sentence]:
    texts = [(-1, title)] + [(number, text) for number, text in enumerate(paragraphs)]
    found: list[_Sentence] = []
    for paragraph, text in texts:
        for sentence in split_sentences(text):
            found.append(_Sentence(sentence, paragraph, len(found)))
    return found


def _read(sentence: str, headline: bool = False) -> _Reading:
    """The crossings the sentence reports. Most sentences lack the words of every crossing verb
    (rules.Cue.may_match), and a clause cut out of a sentence has no word that the sentence
    lacks, so reading their clauses apart, the bulk of the cost, is skipped for them. A body
    sentence with nothing told as past ('defectors wade the Tumen') describes what is usual."""
    if not rules.EVENT.may_match(sentence) or _is_question(sentence) or _TAGS.match(sentence) \
            or not (headline or rules.TOLD_AS_PAST.search(sentence)):
        return _Reading(sentence, ())
    return _Reading(sentence, tuple(_claims(_without_asides(sentence))))


def _is_question(sentence: str) -> bool:
    """'Could an athlete defect during the Games?' asks; it reports nothing."""
    return sentence.rstrip(" \"'\u201d\u2019)").endswith("?")


def _without_asides(sentence: str) -> str:
    """'Unlike ..., ' and ', most of them women,' describe others, not the sentence's event."""
    sentence = _DATELINE.sub("", sentence)
    return rules.GROUP_APPOSITIVE.sub("", rules.UNLIKE_PREFIX.sub("", sentence))


def _claims(sentence: str) -> list[_Claim]:
    """Contrasted parts ('..., but he swam') read apart; in each, relative clauses ('who fled in
    2010') are read apart from what is left of the main clause."""
    claims: list[_Claim] = []
    for part in rules.CONTRAST.split(sentence):
        if rules.BACKGROUND.search(part):
            continue  # "most of those who crossed into China": the group, not a case
        claims += _part_claims(part)
    return claims


def _part_claims(part: str) -> list[_Claim]:
    main_text = rules.RELATIVE_PAST.sub(" ", part)
    main = _read_clause(main_text)
    relatives = [_read_clause(match.group()) for match in rules.RELATIVE_PAST.finditer(part)]
    killed = bool(rules.KILLED.search(main_text))
    return [_as_attempt(claim) if killed else claim for claim in relatives
            if claim is not None and not _premise_of_return(claim, main)] + ([main] if main else [])


def _as_attempt(claim: _Claim) -> _Claim:
    """Those the main clause says were shot or killed did not get away."""
    if claim.crossing != "defection":
        return claim
    return _Claim(claim.routes, "attempt", claim.strong)


def _premise_of_return(relative: _Claim, main: _Claim | None) -> bool:
    """'A woman who fled to China was sent back from China': the escape of someone sent back
    along the same route is the premise of the return, not a crossing of its own."""
    return main is not None and main.crossing == "repatriation" \
        and set(relative.routes) <= set(main.routes)


def _read_clause(clause: str) -> _Claim | None:
    """The crossing this clause reports, or None for background, denial or no event."""
    if rules.BACKGROUND.search(clause) or rules.DENIED.search(clause):
        return None
    clause = rules.NOT_A_RETURN.sub(" ", clause)  # "a deportation pact" reports no return
    if not _has_event(clause):
        return None
    crossing = _crossing_kind(clause)
    strong = bool(rules.STRONG_EVENT.search(clause))
    if crossing is None or _not_a_case(clause, crossing, strong):
        return None
    routes = _routes_in(clause, crossing)
    if not routes and rules.RELATIVE_PAST.match(clause):
        return None
    return _Claim(routes, crossing, strong, _only_wished(clause, crossing))


def _only_wished(clause: str, crossing: str) -> bool:
    """'wants to defect', 'expressed a wish to go back to the North': no crossing yet."""
    if crossing == "attempt":
        return not _failed(clause)
    return crossing == "northward" and bool(rules.INTENTION.search(clause)) \
        and not rules.COMPLETED.search(clause)


def _not_a_case(clause: str, crossing: str, strong: bool) -> bool:
    """A launch (missiles 'into the sea'), a count over a year, or a boat that strayed or
    drifted with no one choosing to leave is no crossing of a person reported here."""
    if crossing != "repatriation" and rules.STATISTIC.search(clause):
        return True
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
    return any(not rules.NEGATED_BEFORE.search(clause[:match.start()])
               and not _generic_plural(clause, match)
               for match in rules.EVENT.finditer(clause))


def _generic_plural(clause: str, match: re.Match[str]) -> bool:
    """'brought defections to a halt': a kind of event, not a case, unless counted."""
    return bool(rules.GENERIC_PLURAL.fullmatch(match.group())) \
        and not rules.COUNTED_BEFORE.search(clause[:match.start()])


def _crossing_kind(clause: str) -> str | None:
    """The kind of crossing; None for a return that is only planned or for money sent home."""
    if rules.REPATRIATION.search(clause):
        planned = rules.FUTURE_RETURN.search(clause) and not rules.COMPLETED_RETURN.search(clause)
        return None if planned else "repatriation"
    if rules.NORTHWARD.search(clause):
        return "northward"
    intended = rules.INTENTION.search(clause) and not rules.COMPLETED.search(clause)
    return "attempt" if _failed(clause) or intended else "defection"


def _failed(clause: str) -> bool:
    without_process = rules.WHILE_TRYING.sub(" ", clause)
    return bool(rules.ATTEMPT.search(without_process)) \
        and not rules.SUCCESS.search(without_process)


def _routes_in(text: str, crossing: str) -> tuple[str, ...]:
    """The routes whose place words the text names, the more specific winning an overlap."""
    text = rules.NOT_A_ROUTE.sub(" ", text)
    if crossing == "repatriation":
        text = rules.HANDOVER_POINT.sub(" ", text)
    found = {route for route, cue in rules.ROUTE_CUES.items() if cue.search(text)}
    if rules.LAND_BORDER.search(text) and not found & {"china", "russia"}:
        found.add("dmz")
    if rules.ESTUARY.search(text) or rules.CHINA_RIVERS.search(text) or rules.RIVER_BOAT.search(text):
        found.discard("sea")
    if "russia" in found and not rules.CHINA_BY_NAME.search(text):
        found.discard("china")  # the Tumen also borders Russia
    for winner, loser in rules.SUPPRESSES:
        if winner in found:
            found.discard(loser)
    return tuple(route for route in rules.ROUTE_IDS if route in found)


def _findings(sentences: list[_Sentence], readings: list[_Reading]) -> list[_Finding]:
    findings: list[_Finding] = []
    for position, (sentence, reading) in enumerate(zip(sentences, readings)):
        for claim in reading.claims:
            source, routes = sentence, claim.routes
            if not routes and claim.strong:
                source, routes = _neighbour_place(sentences, readings, position)
            routes = routes or (_NO_ROUTE,)
            findings += [_Finding(route, claim.crossing, source, claim.strong, claim.wish)
                         for route in routes]
    return findings


def _neighbour_place(sentences: list[_Sentence], readings: list[_Reading],
                     position: int) -> tuple[_Sentence, tuple[str, ...]]:
    """The place words of the next (else previous) sentence of the paragraph, if it has no
    event of its own: 'They were found on a motorboat' after 'Two civilians moved south'."""
    for other in (position + 1, position - 1):
        if 0 <= other < len(sentences) and sentences[other].paragraph >= 0 \
                and sentences[other].paragraph == sentences[position].paragraph \
                and readings[other].place_routes:
            return sentences[other], readings[other].place_routes
    return sentences[position], ()


def _without_fulfilled_wishes(findings: list[_Finding]) -> list[_Finding]:
    """'He told officers after landing that he wanted to defect': a wish is the aim of a
    crossing or no crossing at all (LABELLING.md: a wish or plan is not a crossing)."""
    return [finding for finding in findings if not finding.wish]


def _reports_unrouted_case(finding: _Finding) -> bool:
    """With no place named, only the body's 'defected' or 'fled' says someone left: a headline's
    'soldiers cross border line' or a quote's 'crossed rivers and mountains' does not."""
    return finding.strong and finding.sentence.paragraph >= 0


def _as_story_direction(findings: list[_Finding]) -> list[_Finding]:
    """Under a headline of a crossing into the North, 'he crossed the line' with no escape verb
    is that same crossing northward, not a defection."""
    if not any(f.crossing == "northward" and f.sentence.paragraph < 0 for f in findings):
        return findings
    return [_Finding(f.route, "northward", f.sentence, f.strong)
            if f.crossing == "defection" and not f.strong else f for f in findings]


def _premise_of_a_boats_return(finding: _Finding) -> bool:
    """In a story of a boat sent back where no one is said to defect, 'the vessel crossed the
    NLL' is how it came, not a defection."""
    return not finding.strong and finding.crossing == "defection" \
        and finding.route in ("sea", _NO_ROUTE)


def _escapes_behind_returns(returns: list[_Finding], routed: list[_Finding]) -> list[_Finding]:
    """'China forcibly returned 60 North Koreans': those sent back from China got there
    overland, so the return reports their crossing into China (the return itself adds no
    route). Only China and its onward countries say so: a boat sent back came by mistake."""
    if any(f.route == "china" for f in routed):
        return []
    return [_Finding("china", "defection", f.sentence) for f in returns
            if rules.CHINA_BY_NAME.search(f.sentence.text)][:1]


def _headline_is_a_return(returns: list[_Finding]) -> bool:
    """'Seoul deports two fishermen': a story of a return, whose people's flight is its premise."""
    return any(finding.sentence.paragraph < 0 for finding in returns)


def _story(crossings: list[_Finding]) -> list[_Finding]:
    """The crossings the headline and the lead (the first body sentence with one) report."""
    lead = min((f.sentence.index for f in crossings if f.sentence.paragraph >= 0), default=None)
    return [f for f in crossings if f.sentence.paragraph < 0 or f.sentence.index == lead]


def _way_out_untold(crossings: list[_Finding], routed: list[_Finding]) -> bool:
    """A colonel defected (how, never said) and, separately, restaurant staff left last year:
    the story's own crossing has no route, so its primary is unknown."""
    story = _story(crossings)
    return any(f.sentence.paragraph < 0 for f in story) \
        and all(f.route == _NO_ROUTE for f in story) \
        and any(_reports_unrouted_case(f) for f in story) \
        and all(rules.OTHER_STORY.search(f.sentence.text) for f in routed)


def _reports_repatriation(readings: list[_Reading]) -> bool:
    return any(claim.crossing == "repatriation" for r in readings for claim in r.claims)


def _as_lost_boat(finding: _Finding) -> _Finding:
    """In a story of people sent back, a boat that drifted or was rescued, or whose crew the
    same sentence sends back, carried no defectors."""
    text = finding.sentence.text
    lost = rules.ACCIDENTAL_AT_SEA.search(text) and not rules.STRONG_EVENT.search(text)
    sent_back_here = rules.REPATRIATION.search(text)
    if finding.route == "sea" and finding.crossing == "defection" and (lost or sent_back_here):
        return _Finding(finding.route, "repatriation", finding.sentence)
    return finding


def _as_estuary_line(finding: _Finding) -> _Finding:
    """In an estuary story, 'crossed the Northern Limit Line' names the estuary's line, not the
    open sea, unless the sentence has a boat or sea of its own."""
    text = rules.SEA_BORDER.sub(" ", finding.sentence.text)
    if finding.route == "sea" and not rules.ROUTE_CUES["sea"].search(text):
        return _Finding("dmz", finding.crossing, finding.sentence)
    return finding


def _primary_route(findings: list[_Finding]) -> str | None:
    """The route with most weight: the headline's, then the lead's, then how often it recurs."""
    if not findings:
        return None
    lead = min((f.sentence.index for f in findings if f.sentence.paragraph >= 0), default=None)
    scores: dict[str, int] = defaultdict(int)
    first_seen: dict[str, int] = {}
    for finding in findings:
        scores[finding.route] += _weight(finding.sentence, lead)
        first_seen.setdefault(finding.route, finding.sentence.index)
    if "unknown" in scores:
        return "unknown"  # added only when the story's own crossing has no route
    primary = max(scores, key=lambda route: (scores[route], -first_seen[route]))
    return _more_precise_in_body(primary, findings)


def _more_precise_in_body(primary: str, findings: list[_Finding]) -> str:
    """A headline's generic 'via the DMZ' gives way to the body's 'at the JSA': the more
    precise place of the same crossing wins (LABELLING.md)."""
    lead = min((f.sentence.index for f in findings if f.sentence.paragraph >= 0), default=None)
    in_body = {f.route for f in findings if f.sentence.paragraph >= 0
               and (f.sentence.index == lead or not rules.OTHER_STORY.search(f.sentence.text))}
    for precise, generic in rules.SUPPRESSES:
        if generic == primary and precise in in_body:
            return precise
    return primary


def _weight(sentence: _Sentence, lead: int | None) -> int:
    if sentence.paragraph < 0:
        return TITLE_WEIGHT
    return LEAD_WEIGHT if sentence.index == lead else OTHER_WEIGHT


def _setting_of_primary(finding: _Finding, primary: str | None) -> bool:
    """In a JSA story 'the soldier crossed the DMZ' is the same crossing (the JSA is in the
    DMZ); in a posted worker's story 'left China' is the same journey. Only a sentence marked
    as another incident ('another', 'cases', a year) keeps its own route."""
    return (primary, finding.route) in rules.SUPPRESSES \
        and not rules.DISTINCT_INCIDENT.search(finding.sentence.text)


def _labels(findings: list[_Finding], returns: list[_Finding], primary: str | None) -> RouteLabels:
    evidence: dict[tuple[str | None, str], RouteEvidence] = {}
    for finding in sorted(findings + returns, key=lambda f: f.sentence.index):
        route = None if finding.crossing == "repatriation" else finding.route
        evidence.setdefault((route, finding.crossing),
                            RouteEvidence(route, finding.crossing, finding.sentence.text))
    routes = {route for route, _ in evidence if route}
    crossings = {crossing for _, crossing in evidence}
    return RouteLabels(
        routes=tuple(r for r in rules.ROUTE_IDS if r in routes),
        crossings=tuple(c for c in rules.CROSSING_IDS if c in crossings),
        primary_route=primary,
        evidence=tuple(evidence.values()),
    )
