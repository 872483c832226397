"""From the crossings a Korean article's sentences report to its labels: which routes, which
kinds, and which crossing the story is about (its primary route), each with its sentence.

The same decisions as the English reader (routes.py), on Korean cues: the headline weighs
most, then the lead; the body's precise place (판문점) beats a headline's generic one (휴전선);
a return adds no route, but those sent back from China got there overland; a boat sent back
with no one said to defect carried no defectors; 'unknown' only when the story's own defection
names no way out.
"""
from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from search.models import RouteEvidence, RouteLabels
from search.reading.korean_cues import cue, event_cue
from search.reading.korean_routes import (Claim, read_sentence, routes_in, split_korean_sentences,
                                          told_as_usual)
from search.reading.korean_sentences import MODEL_FILE as KOREAN_MODEL_FILE
from search.reading.korean_sentences import weighed_claims
from search.reading.route_places import SUPPRESSES
from search.reading.route_rules import CROSSING_IDS, ROUTE_IDS
from search.reading.route_sentences import Sentence as _Sentence  # one sentence type for both
from search.reading.routes import article_place, heaviest_route
from search.reading.sentence_model import SentenceModel, shipped_model

_NO_ROUTE = ""  # a reported crossing whose sentence names no place



@dataclass(frozen=True)
class _Reading:
    sentence: _Sentence
    claims: tuple[Claim, ...]

    @functools.cached_property
    def place_routes(self) -> tuple[str, ...]:
        """Places named in a sentence with no event, for a neighbour's escape word."""
        text = self.sentence.text
        if event_cue().search(text) or cue("background").search(text) \
                or cue("statistic").search(text):
            return ()  # '하얼빈을 통해 월북하겠다고 말했다' lends no place: its own event is a plan
        return routes_in(text, "defection")


@dataclass(frozen=True)
class _Finding:
    route: str
    crossing: str
    sentence: _Sentence
    strong: bool = False
    north: bool = False


def classify_korean_routes(title: str, paragraphs: Sequence[str]) -> RouteLabels:
    """The routes and kinds of the crossings a Korean article reports, with evidence."""
    return classify_korean_routes_with(title, paragraphs, shipped_model(KOREAN_MODEL_FILE))


def classify_korean_routes_with(title: str, paragraphs: Sequence[str],
                                model: SentenceModel | None) -> RouteLabels:
    """classify_korean_routes with this sentence model (None: the rules alone), for training
    and comparing models."""
    readings = _readings(sentences_of(title, paragraphs), model)
    findings = _without_unmeant_boats(_reported(_findings(readings)), readings)
    returns = [f for f in findings if f.crossing == "repatriation"]
    crossings = [f for f in findings if f.crossing != "repatriation"]
    routed = _with_article_place(_with_untold_way_out(_routed(crossings, readings), crossings, returns),
                                 readings)
    routed = _way_on_only(routed, readings)
    primary = _primary_route(routed)
    routed = [f for f in routed if not _setting_of_primary(f, primary)]
    return _labels(routed, returns + _unrouted_kinds(crossings, routed), primary)


def _without_unmeant_boats(findings: list[_Finding], readings: list[_Reading]) -> list[_Finding]:
    """'길을 잃고 NLL을 넘었다', '귀순 의사가 없다': a boat that crossed by mistake or with no
    wish to defect carried no defector (LABELLING.md), whichever sentence tells its crossing."""
    if any(f.strong and f.crossing == "defection" for f in findings) \
            or not any(cue("no_intent").search(r.sentence.text) for r in readings):
        return findings
    return [f for f in findings if not _premise_of_a_boats_return(f)]


def _reported(findings: list[_Finding]) -> list[_Finding]:
    """Without wishes, plans, and the coming of a boat sent back or to be sent back; bare
    crossings in the headline's direction."""
    returning = any(f.crossing in ("repatriation", "planned_return") for f in findings)
    findings = _without_planned_returns([f for f in findings if f.crossing != "wish"])
    if returning \
            and not any(f.strong and f.crossing == "defection" for f in findings):
        findings = [f for f in findings if not _premise_of_a_boats_return(f)]
    return _as_story_direction(_gone_back_as_returns(findings))


def _gone_back_as_returns(findings: list[_Finding]) -> list[_Finding]:
    """'나포된 어선이 북한으로 돌아갔다': in a story that reports a return done, a Northerner
    going back north is that return, not a crossing north (a re-defection says 재입북, 월북)."""
    if not any(f.crossing == "repatriation" for f in findings):
        return findings
    return [_Finding(_NO_ROUTE, "repatriation", f.sentence) if _went_back(f) else f
            for f in findings]


def _went_back(finding: _Finding) -> bool:
    text = finding.sentence.text
    return finding.crossing == "northward" and bool(cue("gone_back").search(text)) \
        and not cue("redefection").search(text)


def _routed(crossings: list[_Finding], readings: list[_Reading]) -> list[_Finding]:
    """The crossings with a place, and the crossing into China behind a return from it."""
    routed = [f for f in crossings if f.route != _NO_ROUTE]
    routed += _escapes_behind_returns(readings, routed)
    if any(f.route == "dmz" and cue("estuary").search(f.sentence.text) for f in routed):
        routed = [_as_estuary_water(finding) for finding in routed]
    return routed


def _with_untold_way_out(routed: list[_Finding], crossings: list[_Finding],
                         returns: list[_Finding]) -> list[_Finding]:
    """'unknown' for an escape the body tells with no place, when no crossing has one (unless
    the headline is a return's, or the escape is dated before the story: '2011년 탈북해'), or
    when the story's own has none and the rest are earlier."""
    if not routed and not any(f.sentence.paragraph < 0 for f in returns):
        return [_Finding("unknown", f.crossing, f.sentence) for f in crossings
                if _reports_unrouted_case(f) and not _dated_escape(f)]
    if routed and _way_out_untold(crossings, routed):
        return routed + [_Finding("unknown", f.crossing, f.sentence) for f in _story(crossings)
                         if _reports_unrouted_case(f)]
    return routed


def _with_article_place(routed: list[_Finding], readings: list[_Reading]) -> list[_Finding]:
    """A story whose only case is told without its place takes the place the article names
    most often in sentences of no event of their own (the English reader's rule), before it
    is called unknown."""
    place = article_place(readings) if routed and all(f.route == "unknown" for f in routed) else None
    return [_Finding(place, f.crossing, f.sentence) for f in routed] if place else routed


def _way_on_only(routed: list[_Finding], readings: list[_Reading]) -> list[_Finding]:
    """'태국 경찰이 탈북민 5명을 체포했다': an article that names a country on the way (Thailand,
    Laos, 제3국) but never China itself, its border rivers or towns, never says how its people
    left the North: the way out is unknown (LABELLING.md; every such Korean dev label reads it so,
    6 of 6; cross-validated: primary 0.842 -> 0.849, macro 0.759 -> 0.779)."""
    if not any(f.route == "china" for f in routed) \
            or any(cue("china_proper").search(r.sentence.text) or cue("china_border").search(r.sentence.text)
                   for r in readings):
        return routed
    return [_Finding("unknown", f.crossing, f.sentence) if f.route == "china" else f for f in routed]


def sentences_of(title: str, paragraphs: Sequence[str]) -> list[_Sentence]:
    found: list[_Sentence] = []
    for paragraph, text in [(-1, title)] + list(enumerate(paragraphs)):
        for sentence in split_korean_sentences(text):
            found.append(_Sentence(sentence, paragraph, len(found)))
    return found


def _readings(sentences: list[_Sentence], model: SentenceModel | None = None) -> list[_Reading]:
    """Each sentence's claims, weighed by the model; a sentence that goes on counting ('이 중
    7명이 귀순했다') after a count over a period reports no case either."""
    readings: list[_Reading] = []
    for sentence in sentences:
        counting = bool(readings) and bool(cue("statistic").search(readings[-1].sentence.text)) \
            and bool(cue("count_continues").search(sentence.text))
        usual = sentence.paragraph >= 0 and bool(event_cue().search(sentence.text)) \
            and told_as_usual(sentence.text)  # only a sentence with an event word can tell one
        claims = () if counting or usual else weighed_claims(sentence, read_sentence(sentence.text), model)
        readings.append(_Reading(sentence, claims))
    return readings


def _without_planned_returns(findings: list[_Finding]) -> list[_Finding]:
    """A return still to come is no crossing; when the body tells of no return done, the
    headline's '북측에 인계' is that plan too (LABELLING.md: a planned return is no crossing)."""
    planned = any(f.crossing == "planned_return" for f in findings)
    done_in_body = any(f.crossing == "repatriation" and f.sentence.paragraph >= 0 for f in findings)
    return [f for f in findings if f.crossing != "planned_return" and not (
        planned and not done_in_body and f.crossing == "repatriation")]


def _findings(readings: list[_Reading]) -> list[_Finding]:
    findings: list[_Finding] = []
    for position, reading in enumerate(readings):
        for claim in reading.claims:
            source, routes = reading.sentence, claim.routes
            if not routes and claim.strong and claim.crossing != "repatriation":
                source, routes = _neighbour_place(readings, position)
            crossing = "wish" if claim.wish else claim.crossing
            if crossing == "attempt" and _held_in_china_next(readings, position):
                crossing = "defection"
            if crossing == "northward" and source is not reading.sentence \
                    and cue("drift").search(source.text):
                crossing, routes = "repatriation", ()  # '표류 중 구조됐다. 이들은 북으로 돌아갔다'
            findings += [_Finding(route, crossing, source, claim.strong, claim.north)
                         for route in routes or (_NO_ROUTE,)]
    return findings


def _held_in_china_next(readings: list[_Reading], position: int) -> bool:
    """'"두만강 건넜지만…" 中 공안에 잡혀 북송': a headline split at its '…' goes on in its next
    part; held in China there, the crossing was made (caught there is a defection)."""
    here = readings[position].sentence
    if here.paragraph >= 0 or position + 1 >= len(readings) \
            or readings[position + 1].sentence.paragraph >= 0:
        return False
    after = readings[position + 1].sentence.text
    return bool(cue("but_after").search(here.text)) \
        and bool(cue("caught").search(after)) and bool(cue("caught_on_the_way").search(after))


def _neighbour_place(readings: list[_Reading], position: int) -> tuple[_Sentence, tuple[str, ...]]:
    """The places of the next (else previous) sentence of the paragraph, if it has no event
    of its own: '북한 주민 2명이 귀순했다. 이들은 소형 목선을 타고 있었다.' A headline cut at
    its '…' is one paragraph too: '러시아 파견 노동자 집단 이탈…국내 입국'."""
    here = readings[position].sentence
    for other in (position + 1, position - 1):
        if 0 <= other < len(readings) \
                and readings[other].sentence.paragraph == here.paragraph \
                and readings[other].place_routes:
            return readings[other].sentence, readings[other].place_routes
    return here, ()


def _as_story_direction(findings: list[_Finding]) -> list[_Finding]:
    """Under a headline of a crossing into the North ('철책 넘어 또 월북 시도'), '철책을
    넘어갔다' with no escape word is that same crossing, not a defection."""
    north = next((f.crossing for f in findings if f.north and f.sentence.paragraph < 0), None)
    if north is None:
        return findings
    return [_Finding(f.route, north, f.sentence, f.strong, True)
            if f.crossing == "defection" and not f.strong else f for f in findings]


def _premise_of_a_boats_return(finding: _Finding) -> bool:
    """In a story of a boat sent back where no one is said to defect, '어선이 NLL을 넘었다'
    is how it came, not a defection."""
    return not finding.strong and finding.crossing == "defection" \
        and finding.route in ("sea", _NO_ROUTE)


def _escapes_behind_returns(readings: list[_Reading], routed: list[_Finding]) -> list[_Finding]:
    """'중국이 탈북민 60명을 강제북송했다': those sent back from China got there overland, and
    crossed into it: a defection by the china route, as the English set reads a return from
    China (bench/labelled/README.md)."""
    if any(f.route == "china" for f in routed):
        return []
    return [_Finding("china", "defection", r.sentence) for r in readings
            for claim in r.claims if claim.china_named][:1]


def _as_estuary_water(finding: _Finding) -> _Finding:
    """In an estuary story, '바다를 건넜다' or 'NLL' is the estuary's water, the land border
    (LABELLING.md), unless the sentence has a boat of its own."""
    if finding.route == "sea" and not cue("boat").search(finding.sentence.text):
        return _Finding("dmz", finding.crossing, finding.sentence, finding.strong)
    return finding


def _dated_escape(finding: _Finding) -> bool:
    """'A씨는 2011년 탈북해 정착했다': a profile's escape, dated years back and told without a
    place, is the person's past; a re-entry north so told is still the story."""
    return finding.crossing == "defection" and bool(cue("dated_past").search(finding.sentence.text))


def _unrouted_kinds(crossings: list[_Finding], routed: list[_Finding]) -> list[_Finding]:
    """A kind of crossing the body tells with an escape word but no place ('A씨는 2018년
    탈북해 서울에 살았다') is still a reported crossing: its kind is listed, with its sentence
    and no route (as the Korean set's labellers list it)."""
    kinds = {f.crossing for f in routed}
    if not routed:
        return []  # '2011년 탈북해 정착했다' alone is a person's past, referred to, not told
    return [f for f in crossings if f.route == _NO_ROUTE and f.crossing not in kinds
            and f.crossing in ("defection", "northward") and _reports_unrouted_case(f)]


def _reports_unrouted_case(finding: _Finding) -> bool:
    """With no place named, only the body's escape word (귀순, 탈북) says someone left."""
    return finding.strong and finding.sentence.paragraph >= 0


def _story(crossings: list[_Finding]) -> list[_Finding]:
    """The crossings the headline and the lead (the first body sentence with one) report."""
    lead = min((f.sentence.index for f in crossings if f.sentence.paragraph >= 0), default=None)
    return [f for f in crossings if f.sentence.paragraph < 0 or f.sentence.index == lead]


def _way_out_untold(crossings: list[_Finding], routed: list[_Finding]) -> bool:
    """The story's own defection has no route and every routed one is another, earlier case."""
    story = _story(crossings)
    return any(f.sentence.paragraph < 0 for f in story) \
        and all(f.route == _NO_ROUTE for f in story) \
        and any(_reports_unrouted_case(f) for f in story) \
        and all(cue("other_story").search(f.sentence.text) for f in routed)


def _lead(findings: list[_Finding]) -> int | None:
    """The first body sentence that reports the story's own crossing: not one that tells of
    an earlier one ('지난달 JSA로 넘어온 지 38일 만이다'), unless every one does."""
    body = [f.sentence for f in findings if f.sentence.paragraph >= 0]
    own = [s for s in body if not cue("other_story").search(s.text)] or body
    return min((s.index for s in own), default=None)


def _primary_route(findings: list[_Finding]) -> str | None:
    """The route with most weight: the headline's, then the lead's, then how often it recurs."""
    if not findings:
        return None
    lead = _lead(findings)
    return _more_precise_in_body(heaviest_route(findings, lead), findings, lead)


def _more_precise_in_body(primary: str, findings: list[_Finding], lead: int | None) -> str:
    """A headline's generic '휴전선' gives way to the body's '판문점' (LABELLING.md)."""
    in_body = {f.route for f in findings if f.sentence.paragraph >= 0
               and (f.sentence.index == lead or not cue("other_story").search(f.sentence.text))}
    for precise, generic in SUPPRESSES:
        if generic == primary and precise in in_body:
            return precise
    return primary


def _setting_of_primary(finding: _Finding, primary: str | None) -> bool:
    """In a JSA story '군사분계선을 넘었다' is the same crossing; only a sentence marked as
    another incident keeps its own route."""
    return (primary, finding.route) in SUPPRESSES \
        and not cue("distinct_incident").search(finding.sentence.text)


def _labels(findings: list[_Finding], returns: list[_Finding], primary: str | None) -> RouteLabels:
    evidence: dict[tuple[str | None, str], RouteEvidence] = {}
    for finding in sorted(findings + returns, key=lambda f: f.sentence.index):
        route = finding.route if finding.route and finding.crossing != "repatriation" else None
        evidence.setdefault((route, finding.crossing),
                            RouteEvidence(route, finding.crossing, finding.sentence.text))
    routes = {route for route, _ in evidence if route}
    crossings = {crossing for _, crossing in evidence}
    return RouteLabels(
        routes=tuple(r for r in ROUTE_IDS if r in routes),
        crossings=tuple(c for c in CROSSING_IDS if c in crossings),
        primary_route=primary,
        evidence=tuple(evidence.values()),
    )
