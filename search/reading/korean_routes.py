"""Which crossings a Korean article reports, sentence by sentence: the Korean twin of routes.py.

Korean puts the verb last and attaches endings to it, so an event word (귀순, 탈북, 월북, 북송,
넘어오다...) is judged by what follows it: '귀순하지 않았다' denies, '귀순할 계획' plans,
'귀순하려다 붙잡혔다' failed, '귀순한 병사' describes someone (a crossing only with its place).
The places that give an event its route stand before it, in the stretch of the sentence that
runs from the previous event of another kind ('목선을 타고 귀순했다가 판문점을 통해 북송됐다':
the boat is the defection's, Panmunjom the return's). The cue words are data
(data/korean_route_cues.tsv); how a story's crossings become labels is korean_story.py.
Only the given text counts: nothing is inferred from outside knowledge.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from search.reading.korean_cues import ROUTE_GROUPS, cue, event_cue
from search.reading.route_places import SUPPRESSES
from search.reading.route_rules import ROUTE_IDS

__all__ = ["PLANNED_RETURN", "Claim", "declined", "read_sentence", "routes_in",
           "split_korean_sentences", "told_as_usual"]

# A sentence ends after a Hangul syllable's full stop, question or exclamation mark (다. 요.
# 니다. 까?), with any closing quotes, before a space or, in a copy that lost it, before the
# next sentence's first syllable; a headline's '…' (or '···') separates its clauses too.
_BOUNDARY = re.compile(r"(?<=[\uac00-\ud7a3])[.!?](?:[\"'\u201d\u2019)\]]*)"
                       r"(?:\s+|(?=[\uac00-\ud7a3\"\u201c\u2018\[(]))"
                       r"|\u2026+\s*|\.{3,}\s*|\u00b7{2,}\s*")
_WINDOW_CHARS = 40  # how far after an event word its ending and auxiliaries are read
_FAILURE_REACH_CHARS = 12  # how far after it a failure still belongs to it ('하다 붙잡혔다')
_ARRIVAL_REACH_CHARS = 30  # how far after '넘어오다' the South's soldiers may find the one who came


@dataclass(frozen=True)
class Claim:
    """One reported crossing in a sentence."""

    routes: tuple[str, ...]
    crossing: str  # defection, attempt, northward or repatriation
    strong: bool  # an unmistakable escape word: may borrow a neighbouring sentence's place
    wish: bool = False  # only wanted or planned: no crossing (LABELLING.md)
    china_named: bool = False  # a return from China: those sent back crossed into China
    north: bool = False  # towards the North ('월북을 시도했다' is a northward attempt)


# A return still to come ('송환할 예정'): no crossing, but a headline's '북측에 인계' is then that plan.
PLANNED_RETURN = Claim((), "planned_return", False)


@dataclass(frozen=True)
class _Event:
    group: str  # repatriation, northward, strong, weak or held (korean_cues.EVENT_GROUPS)
    start: int
    end: int


def told_as_usual(sentence: str) -> bool:
    """'송환된 탈북자는 ... 보안서에 신병을 인도한다', '강을 건너 ... 입국을 시도한다는 것이다': a
    body sentence whose own last verb is in the present ('-ㄴ다', '-는다'), once a closing
    '...고 밝혔다' or '...는 것이다' is set aside, tells what usually happens, not a case (news
    tells a case in the past: '귀순했다'). A present that reports ('귀순한 것으로 전해진다') is
    no such verb, and a sentence with a time of its own ('2010년', '지난달') tells a case."""
    core = cue("attribution_end").sub("", sentence.rstrip(" .\"'\u201d\u2019"))
    last = core.rstrip(" .,\"'\u201d\u2019").rsplit(maxsplit=1)[-1] if core.strip() else ""
    return len(last) >= 2 and last.endswith("다") and _has_final_n(last[-2]) \
        and not cue("reportative_end").search(last) and not cue("specific_time").search(sentence)


_FIRST_SYLLABLE, _SYLLABLES, _FINALS, _FINAL_N = 0xAC00, 11172, 28, 4  # Unicode's Hangul block


def _has_final_n(syllable: str) -> bool:
    """A Hangul syllable closed by ㄴ (한, 된, 는, 른, 간): the present '-ㄴ다' before 다. A
    syllable's code is 0xAC00 + (initial * 21 + vowel) * 28 + final; final 4 is ㄴ."""
    code = ord(syllable) - _FIRST_SYLLABLE
    return 0 <= code < _SYLLABLES and code % _FINALS == _FINAL_N


def split_korean_sentences(paragraph: str) -> list[str]:
    """The sentences of a paragraph, as exact substrings."""
    sentences, start = [], 0
    for boundary in _BOUNDARY.finditer(paragraph):
        sentences.append(paragraph[start:boundary.end()].strip())
        start = boundary.end()
    sentences.append(paragraph[start:].strip())
    return [s for s in sentences if s]


def read_sentence(sentence: str) -> tuple[Claim, ...]:
    """The crossings this sentence reports; none for a question, a denial or a rumour,
    background ('탈북민 3만여 명', '대부분'), or a sentence with no event word."""
    events = [_Event(m.lastgroup or "", m.start(), m.end()) for m in event_cue().finditer(sentence)]
    if not events or cue("question").search(sentence) or cue("denied").search(sentence) \
            or cue("background").search(sentence):
        return ()
    counted = bool(cue("statistic").search(sentence))
    tallied = bool(cue("return_tally").search(sentence))
    caught_anywhere = _caught_after(sentence, events, 0)
    claims: list[Claim] = []
    for start, end, kind, run in _segments(sentence, events):
        caught_later = _caught_after(sentence, events, run[-1].end)
        for claim in _run_claims(sentence, start, end, kind, run):
            if caught_later or (caught_anywhere and "china" in claim.routes):
                claim = _as_caught(claim)
            if claim not in claims and not (counted and claim.crossing != "repatriation") \
                    and not (tallied and claim.crossing == "repatriation"):
                claims.append(claim)
    return tuple(claims)


def declined(sentence: str) -> bool:
    """Whether the rules set aside an event word this sentence has: a question, a denial,
    background or a count, or an ending that denies, hedges, plans or wishes ('귀순하지
    않았다', '귀순했을 가능성', '귀순할 계획', '귀순하겠다'). Such a sentence tells no case, whatever
    else its words suggest (LABELLING.md)."""
    if any(cue(group).search(sentence) for group in ("question", "denied", "background", "statistic")):
        return True
    return any(_not_reported(after) or cue("intention_after").match(after)
               for after in (sentence[m.end():m.end() + _WINDOW_CHARS]
                             for m in event_cue().finditer(sentence)))


def _caught_after(sentence: str, events: list[_Event], position: int) -> bool:
    """'압록강을 건너 단둥에 닿았지만 공안에 붙잡혔다': caught after this position of the
    sentence, by anyone but the South (whose custody is an arrival), China or a country on the
    way (held there, the person did cross), and not for a crime: caught at the border itself
    ('강을 건너 ... 국경경비대에 붙잡혔다'), wherever the sentence says it."""
    return any(event.group == "held" and event.start >= position
               and not cue("caught_in_the_south").search(sentence[position:event.end])
               and not cue("caught_on_the_way").search(sentence[position:event.end])
               and not cue("caught_for_something_else").search(_around(sentence, event))
               for event in events)


def _around(sentence: str, event: _Event) -> str:
    return sentence[max(0, event.start - _FAILURE_REACH_CHARS):event.end + _FAILURE_REACH_CHARS]


def _as_caught(claim: Claim) -> Claim:
    if claim.crossing not in ("defection", "northward"):
        return claim
    return Claim(claim.routes, "attempt", claim.strong, claim.wish, claim.china_named, claim.north)


def _segments(sentence: str, events: list[_Event]) -> list[tuple[int, int, str, list[_Event]]]:
    """Runs of events of one kind, each with the stretch of text whose places are its own:
    from the end of the previous run to its last event, the last run to the sentence end."""
    runs: list[list[_Event]] = []
    kinds = _run_kinds(events)
    for number, event in enumerate(events):
        if runs and kinds[number - 1] == kinds[number]:
            runs[-1].append(event)
        else:
            runs.append([event])
    segments, start, first = [], 0, 0
    for number, run in enumerate(runs):
        end = len(sentence) if number == len(runs) - 1 else run[-1].end
        segments.append((start, end, kinds[first], run))
        start, first = end, first + len(run)
    return segments


def _run_kinds(events: list[_Event]) -> list[str]:
    """The kind of crossing each event word belongs to. A bare movement ('헤엄쳐', '넘어와')
    is the manner of the next escape word ('헤엄쳐 월북했다' went north), else of the one before
    (a boat that came and was sent back is read in korean_story); being held ('체포됐다') is a
    kind of its own, read in _held_in_china."""
    kinds = [_base_kind(event.group) for event in events]
    verbs = [n for n, event in enumerate(events) if event.group in ("strong", "northward")]
    for number, event in enumerate(events):
        if event.group == "weak":
            later = [kinds[n] for n in verbs if n > number]
            earlier = [kinds[n] for n in verbs if n < number]
            kinds[number] = (later or earlier[-1:] or ["defection"])[0]
    return kinds


def _base_kind(group: str) -> str:
    return "defection" if group in ("strong", "weak") else group


def _run_claims(sentence: str, start: int, end: int, kind: str, run: list[_Event]) -> list[Claim]:
    """The claim of one run, judged by its main event word (the last that is more than a bare
    movement: '넘어와 귀순하려다 붙잡혔다' is one failed defection), unless that word is
    denied, hedged or in doubt. Its places are in its stretch of the sentence; its ending may
    run past it ('건너다 붙잡혔다')."""
    main = next((e for e in reversed(run) if e.group != "weak"), run[-1])
    after = sentence[main.end:main.end + _WINDOW_CHARS]
    if kind == "repatriation" and cue("hypothetical_after").match(after):
        return [PLANNED_RETURN]
    if _not_reported(after) or (kind != "repatriation" and cue("refused_after").match(after)):
        return []
    reach = sentence[start:main.start] + " " + after[:_FAILURE_REACH_CHARS]
    claim = _claim(sentence[start:end], reach, kind, main, after)
    return [claim] if claim is not None else []


def _not_reported(after: str) -> bool:
    """'하지 않았다', '할 계획', '했는지는 확인되지 않았다': no crossing reported."""
    return any(cue(group).match(after)
               for group in ("negation_after", "hypothetical_after", "uncertain_after"))


def _claim(segment: str, reach: str, run_kind: str, event: _Event, after: str) -> Claim | None:
    """The claim of the run's main event word. Its places are the whole segment's; whether it
    failed is read in its reach: before it, and a few words past it (a later '경계 실패' is the
    army's), not in the event word itself ('남조선으로 끌려갔다' is the North's word for it)."""
    kind = _crossing_kind(segment, reach, run_kind, after)
    if kind is None or _not_a_case(segment, kind, strong=event.group != "weak"):
        return None
    if kind == "planned_return":
        return PLANNED_RETURN
    routes = routes_in(segment, kind)
    if not routes and cue("adnominal_after").match(after):
        return None  # '귀순한 병사는 ... 말했다': the person's past, told without its place
    wish = bool(cue("intention_after").match(after)) and kind == "attempt" \
        and not _failed(reach, after, run_kind)
    china = kind == "repatriation" and bool(cue("china_proper").search(segment))
    return Claim(routes, kind, event.group in ("strong", "northward"), wish, china,
                 north=run_kind == "northward")


def _crossing_kind(segment: str, reach: str, run_kind: str, after: str) -> str | None:
    """Defection, attempt, northward or repatriation; None for a return that is only planned,
    opposed or to the South ('한국으로 송환')."""
    if run_kind == "held":
        return "defection" if _held_in_china(segment + after) else None
    if run_kind == "repatriation":
        if cue("not_a_return").search(segment):
            return None
        return "planned_return" if cue("planned_return").search(after[:20]) else "repatriation"
    if run_kind == "northward" and cue("drift").search(segment):
        if cue("intention_after").match(after):
            return "planned_return"  # '돌아가기를 희망했다': a wish to go back, no return yet
        return "repatriation"  # found adrift and gone back: a return (LABELLING.md)
    if _failed(reach, after, run_kind) or cue("intention_after").match(after):
        return "attempt"
    return run_kind


def _held_in_china(segment: str) -> bool:
    """'탈북민 7명이 중국 공안에 체포됐다': people caught in China got there overland: they
    crossed, a defection by the china route, as the English set reads it ('중국에서 체포된
    탈북자': the people may follow the word)."""
    return bool(cue("escapee").search(segment)) and bool(cue("china_by_name").search(segment)) \
        and not cue("helper").search(segment)


def _failed(reach: str, after: str, run_kind: str) -> bool:
    """Tried and stopped: '탈북을 시도하다 붙잡혔다', '귀순하려던 병사가 사살됐다'. Held in a
    country on the way (Thailand, Laos) is the escape still going on, and taken into the
    South's custody ('한국군이 넘어온 병사를 체포했다') is its end, not its failure."""
    if cue("success").search(reach):
        return False
    if cue("attempt").search(reach):
        return True
    if cue("tried_after").match(after):  # '넘어오다 한국군 병사에게 발견됐다': it ended in the South
        return run_kind == "northward" \
            or not cue("caught_in_the_south").search(after[:_ARRIVAL_REACH_CHARS])
    southward_arrival = run_kind != "northward" and cue("caught_in_the_south").search(reach)
    if cue("but_after").match(after):  # '건넜지만… 中 공안에 잡혀': held in China, it was made
        return not cue("caught_on_the_way").search(after[:_FAILURE_REACH_CHARS])
    return bool(cue("caught").search(reach)) and not cue("caught_on_the_way").search(reach) \
        and not southward_arrival


def _not_a_case(segment: str, kind: str, strong: bool) -> bool:
    """A launch or a balloon, a patrol's incursion, a visit, trade, or a boat that drifted or
    strayed with no one choosing to leave: no person's crossing, unless an escape word says so;
    foreigners going home, whatever the word."""
    if kind in ("defection", "attempt") and (cue("foreigners").search(segment)
                                             or cue("drifted_in").search(segment)):
        return True  # embassy staff going home, a boat adrift: a way out, not a defection
    if kind == "repatriation" or strong:
        return False
    return bool(cue("objects").search(segment) or cue("not_an_escape").search(segment))


def routes_in(text: str, crossing: str) -> tuple[str, ...]:
    """The routes whose places the text names, the more specific winning an overlap. A return
    adds no route (LABELLING.md): being handed back at Panmunjom is no JSA crossing."""
    if crossing == "repatriation":
        return ()
    text = cue("not_a_route").sub(" ", text)
    found = {route for route in ROUTE_GROUPS if cue("route." + route).search(text)}
    if cue("estuary").search(text) and cue("boat").search(text) \
            and not cue("route.dmz").search(cue("estuary").sub(" ", text)):
        found.discard("dmz")  # rowed over the NLL off Ganghwa: by boat, as its labellers read it
    elif cue("estuary").search(text) or cue("china_rivers").search(text):
        found.discard("sea")
    if "china" in found and cue("sailed_from_china").search(text):
        found.discard("sea")  # hidden on a ship from Tianjin: an onward leg of the china route
    if "russia" in found and not cue("china_by_name").search(text):
        found.discard("china")  # the Tumen also borders Russia
    elif "russia" in found and "china" in found:
        found.discard("russia")  # into China, then on to Russia: the china route
    if "russia" in found and not cue("into_russia").search(text):
        found.discard("russia")  # left from Russia, where one worked: overseas (LABELLING.md)
        found.add("overseas")
    for winner, loser in SUPPRESSES:
        if winner in found:
            found.discard(loser)
    return tuple(route for route in ROUTE_IDS if route in found)
