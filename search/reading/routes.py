"""Which crossings an article reports, by which route, and which crossing the story is about.

The article is read sentence by sentence (search/reading/route_sentences.py says what one
sentence reports). A crossing's route comes from the place words in its sentence, or from the
next or previous sentence of the paragraph when that one names a place but no event ("Two
civilians moved south. They were found on a boat").
A wish to defect is an attempt only when the article reports nothing else; an uncounted plural
("brought defections to a halt") is a kind of event, not a case; a crossing with no place is
"unknown" only when the body says someone defected or fled.
Only the given text counts: nothing is inferred from outside knowledge.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from search.models import RouteEvidence, RouteLabels
from search.reading.hangul import written_in_korean
from search.reading import route_places as places
from search.reading import route_rules as rules
from search.reading import story_cues
from search.reading.route_rules import (  # re-exported: the vocabulary is part of this module's API
    CROSSINGS, ROUTES, Term, crossing_term, route_term,
)
from search.reading.route_sentences import (  # split_sentences: re-exported
    NO_ROUTE, Reading, Sentence, read_article, split_sentences,
)
from search.reading.sentence_model import SentenceModel, shipped_model

__all__ = ["CROSSINGS", "ROUTES", "Term", "classify_routes", "crossing_term", "route_term",
           "split_sentences"]

TITLE_WEIGHT = 3  # the headline names the story's own crossing
LEAD_WEIGHT = 2  # so does the first body sentence that reports a routed crossing
OTHER_WEIGHT = 1


class PlacedReading(Protocol):
    """A sentence's reading that can name the places it mentions (English and Korean)."""

    @property
    def place_routes(self) -> tuple[str, ...]: ...


class RoutedSentence(Protocol):
    """What heaviest_route needs of a finding, English or Korean."""

    @property
    def route(self) -> str: ...

    @property
    def sentence(self) -> Sentence: ...


@dataclass(frozen=True)
class _Finding:
    route: str
    crossing: str
    sentence: Sentence
    strong: bool = False  # reported with an unmistakable escape verb
    wish: bool = False  # see Claim.wish


def classify_routes(title: str, paragraphs: Sequence[str]) -> RouteLabels:
    """The routes and kinds of the crossings the article reports, with evidence sentences.
    A repatriation is listed as a kind with its sentence but adds no route: being handed back
    at Panmunjom does not make the article a JSA story (LABELLING.md)."""
    if written_in_korean(title, paragraphs):  # Korean has its own reader and cue file
        from search.reading.korean_story import classify_korean_routes
        return classify_korean_routes(title, paragraphs)
    return classify_routes_with(title, paragraphs, shipped_model())


def classify_routes_with(title: str, paragraphs: Sequence[str],
                         model: SentenceModel | None) -> RouteLabels:
    """classify_routes for English with this sentence model (None: the rules alone), for
    training and comparing models."""
    sentences, readings = read_article(title, paragraphs, model)
    findings = _without_fulfilled_wishes(_findings(sentences, readings))
    if _reports_repatriation(readings):
        findings = [_as_lost_boat(finding) for finding in findings]
        if not any(map(_told_defection, findings)):
            findings = [f for f in findings if not _premise_of_a_boats_return(f)]
    if any(_premise_of_a_boats_return(f) for f in findings) \
            and not any(map(_told_defection, findings)) \
            and _no_one_meant_to_leave(sentences):  # read only for a boat's story: it asks every sentence
        findings = [f for f in findings if not _premise_of_a_boats_return(f)]
    findings = _as_story_attempt(_as_story_direction(findings))
    returns = [f for f in findings if f.crossing == "repatriation"]
    routed = [f for f in findings if f.route != NO_ROUTE and f.crossing != "repatriation"]
    routed += _escapes_behind_returns(returns, routed)
    if any(places.ESTUARY.search(f.sentence.text) for f in routed):
        routed = [_as_estuary_line(finding) for finding in routed]
    if not returns and _line_crossing_at_the_jsa(routed, readings):
        routed = [replace(f, route="jsa") if f.route == "dmz" else f for f in routed]
    crossings = [f for f in findings if f.crossing != "repatriation"]
    if not routed and not _headline_is_a_return(returns):
        routed = [_Finding("unknown", f.crossing, f.sentence) for f in crossings
                  if _reports_unrouted_case(f)]
        place = article_place(readings) if routed else None
        if place:
            routed = [_Finding(place, f.crossing, f.sentence, f.strong) for f in routed]
    elif routed and _way_out_untold(crossings, routed):
        routed = routed + [_Finding("unknown", f.crossing, f.sentence) for f in _story(crossings)
                           if _reports_unrouted_case(f)]
    primary = _primary_route(routed)
    routed = [f for f in routed if not _setting_of_primary(f, primary)]
    return _labels(routed, returns, primary)


def _findings(sentences: list[Sentence], readings: list[Reading]) -> list[_Finding]:
    findings: list[_Finding] = []
    for position, (sentence, reading) in enumerate(zip(sentences, readings)):
        for claim in reading.claims:
            source, routes = sentence, claim.routes
            if not routes and claim.strong:
                source, routes = _neighbour_place(sentences, readings, position)
            routes = routes or (NO_ROUTE,)
            findings += [_Finding(route, claim.crossing, source, claim.strong, claim.wish)
                         for route in routes]
    return findings


def article_place(readings: Sequence[PlacedReading]) -> str | None:
    """The route whose places the article names most often in sentences that tell no crossing
    of their own ('the embassy in Rome', 'the frozen Tumen'), if one leads: where a case told
    without its place went, before it is called unknown (cross-validated on the dev articles:
    primary 0.802 -> 0.815, micro-F1 0.760 -> 0.782). The Korean reader asks it too."""
    counts = Counter(route for reading in readings for route in reading.place_routes)
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def _neighbour_place(sentences: list[Sentence], readings: list[Reading],
                     position: int) -> tuple[Sentence, tuple[str, ...]]:
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
    'soldiers cross border line' or a quote's 'crossed rivers and mountains' does not. Into
    the North, a completed crossing says it: 'he crossed into North Korea' (LABELLING.md:
    anyone crossing into the North)."""
    return finding.sentence.paragraph >= 0 and (finding.strong or (
        finding.crossing == "northward" and bool(rules.COMPLETED.search(finding.sentence.text)
                                                 or rules.WENT_BACK.search(finding.sentence.text))))


def _as_story_direction(findings: list[_Finding]) -> list[_Finding]:
    """Under a headline or a lead of a crossing into the North, 'he crossed the line' with no
    escape verb is that same crossing northward, not a defection, unless the sentence says it
    went south ('to cross into the South in November 2020': the earlier escape)."""
    if not any(f.crossing == "northward" for f in _told(findings)):
        return findings
    return _retold_as(findings, "northward",
                      lambda f: not story_cues.SOUTHWARD.search(f.sentence.text))


def _as_story_attempt(findings: list[_Finding]) -> list[_Finding]:
    """Under a headline or a lead of a failed crossing ('three killed while trying to flee to
    China'), 'the farmers were crossing the Yalu' with no escape verb is that same crossing,
    stopped: an attempt on the same route, not a defection (LABELLING.md: shot or caught);
    'she had crossed into China two weeks earlier' is the crossing before the failed one."""
    told = _told(findings)
    failed = {f.route for f in told if f.crossing == "attempt"}
    if not failed or any(f.crossing == "defection" and f.strong for f in told):
        return findings
    return _retold_as(findings, "attempt", lambda f: f.route in failed
                      and not story_cues.EARLIER.search(f.sentence.text)
                      and not rules.SUCCESS.search(f.sentence.text))


def _told(findings: list[_Finding]) -> list[_Finding]:
    return _story([f for f in findings if f.crossing != "repatriation"])


def _retold_as(findings: list[_Finding], kind: str,
               same_crossing: Callable[[_Finding], bool]) -> list[_Finding]:
    """The bare crossings (no escape verb) that retell the story's own crossing of this kind."""
    return [_Finding(f.route, kind, f.sentence, f.strong)
            if f.crossing == "defection" and not f.strong and same_crossing(f) else f
            for f in findings]


def _premise_of_a_boats_return(finding: _Finding) -> bool:
    """In a story of a boat sent back where no one is said to defect, 'the vessel crossed the
    NLL' is how it came, not a defection."""
    return finding.crossing == "defection" and finding.route in ("sea", NO_ROUTE) \
        and not _told_defection(finding)


def _escapes_behind_returns(returns: list[_Finding], routed: list[_Finding]) -> list[_Finding]:
    """'China forcibly returned 60 North Koreans': those sent back from China got there
    overland, so the return reports their crossing into China (the return itself adds no
    route). Only China and its onward countries say so: a boat sent back came by mistake."""
    if any(f.route == "china" for f in routed):
        return []
    return [_Finding("china", "defection", f.sentence) for f in returns
            if places.CHINA_BY_NAME.search(f.sentence.text)][:1]


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
        and all(f.route == NO_ROUTE for f in story) \
        and any(_reports_unrouted_case(f) for f in story) \
        and all(story_cues.OTHER_STORY.search(f.sentence.text) for f in routed)


def _line_crossing_at_the_jsa(routed: list[_Finding], readings: list[Reading]) -> bool:
    """'fled across the DMZ' in the lead and 'the Joint Security Area' in a sentence of its
    own: one crossing told in both words is jsa, the more specific place (LABELLING.md)."""
    found = {f.route for f in routed}
    jsa = places.ROUTE_CUES["jsa"]  # its cheap word gate first: place_routes reads every route
    return "dmz" in found and "jsa" not in found \
        and any(jsa.may_match(r.sentence) and "jsa" in r.place_routes for r in readings)


def _told_defection(finding: _Finding) -> bool:
    """A defection told with an escape verb, not the verb of a denied wish ('they have not
    expressed an intent to defect' names no defector)."""
    return finding.strong and finding.crossing == "defection" \
        and not story_cues.NO_INTENT.search(finding.sentence.text)


def _no_one_meant_to_leave(sentences: list[Sentence]) -> bool:
    """'The crew said they strayed by a navigation error and do not wish to defect': a boat that
    crossed by mistake carried no defector (LABELLING.md), whatever sentence tells its crossing."""
    return any(story_cues.NO_INTENT.search(sentence.text) for sentence in sentences) \
        and not any(_wishes_to_defect(sentence.text) for sentence in sentences)


def _wishes_to_defect(text: str) -> bool:
    """'..., but they told the navy they wanted to defect': a wish told outright, not denied
    or in doubt ('it is unclear whether they intend to defect')."""
    return bool(story_cues.WISH_TO_DEFECT.search(text)) and not story_cues.NO_WISH_TO_DEFECT.search(text) \
        and not story_cues.UNSURE.search(text)


def _reports_repatriation(readings: list[Reading]) -> bool:
    return any(claim.crossing == "repatriation" for r in readings for claim in r.claims)


def _as_lost_boat(finding: _Finding) -> _Finding:
    """In a story of people sent back, a boat that drifted or was rescued, or whose crew the
    same sentence sends back (unless it says they fled), carried no defectors."""
    text = finding.sentence.text
    lost = rules.ACCIDENTAL_AT_SEA.search(text) and not rules.STRONG_EVENT.search(text)
    sent_back_here = rules.REPATRIATION.search(text) and not rules.FLED_SOUTH.search(text)
    if finding.route == "sea" and finding.crossing == "defection" and (lost or sent_back_here):
        return _Finding(finding.route, "repatriation", finding.sentence)
    return finding


def _as_estuary_line(finding: _Finding) -> _Finding:
    """In an estuary story, 'crossed the Northern Limit Line' or 'swam across the maritime
    border off the west coast' names the estuary's line, not the open sea, unless the sentence
    has a boat of its own."""
    if finding.route == "sea" and not places.BOAT.search(finding.sentence.text):
        return _Finding("dmz", finding.crossing, finding.sentence)
    return finding


def _primary_route(findings: list[_Finding]) -> str | None:
    """The route with most weight: the headline's, then the lead's, then how often it recurs."""
    if not findings:
        return None
    lead = min((f.sentence.index for f in findings if f.sentence.paragraph >= 0), default=None)
    return _more_precise_in_body(heaviest_route(findings, lead), findings)


def heaviest_route(findings: Sequence[RoutedSentence], lead: int | None) -> str:
    """The route with most weight (headline, then lead, then recurrence; the first seen on a
    tie); "unknown" whenever present, since it is added only when the story's own crossing has
    no route. Shared by the English and Korean readers."""
    scores: dict[str, int] = defaultdict(int)
    first_seen: dict[str, int] = {}
    for finding in findings:
        scores[finding.route] += _weight(finding.sentence, lead)
        first_seen.setdefault(finding.route, finding.sentence.index)
    if "unknown" in scores:
        return "unknown"
    return max(scores, key=lambda route: (scores[route], -first_seen[route]))


def _more_precise_in_body(primary: str, findings: list[_Finding]) -> str:
    """A headline's generic 'via the DMZ' gives way to the body's 'at the JSA': the more
    precise place of the same crossing wins (LABELLING.md)."""
    lead = min((f.sentence.index for f in findings if f.sentence.paragraph >= 0), default=None)
    in_body = {f.route for f in findings if f.sentence.paragraph >= 0
               and (f.sentence.index == lead or not story_cues.OTHER_STORY.search(f.sentence.text))}
    for precise, generic in places.SUPPRESSES:
        if generic == primary and precise in in_body:
            return precise
    return primary


def _weight(sentence: Sentence, lead: int | None) -> int:
    if sentence.paragraph < 0:
        return TITLE_WEIGHT
    return LEAD_WEIGHT if sentence.index == lead else OTHER_WEIGHT


def _setting_of_primary(finding: _Finding, primary: str | None) -> bool:
    """In a JSA story 'the soldier crossed the DMZ' is the same crossing (the JSA is in the
    DMZ); in a posted worker's story 'left China' is the same journey. Only a sentence marked
    as another incident ('another', 'cases', a year) keeps its own route."""
    return (primary, finding.route) in places.SUPPRESSES \
        and not story_cues.DISTINCT_INCIDENT.search(finding.sentence.text)


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
