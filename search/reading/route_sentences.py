"""What one sentence reports: the crossings it tells as cases, their kinds and their places.

A sentence reports a crossing when it has a crossing verb (defect, escape, flee, cross, swim,
drift, sail, fly, be sent back...) that is not negated, not hypothetical and not a statement
about defectors in general; its routes come from its place words. A body sentence with nothing
told as past describes what is usual. Where a sentence model is shipped
(search/reading/sentence_model.py), it weighs each sentence that has a crossing word too.
search/reading/routes.py puts an article's sentences together.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from search.reading import asides
from search.reading.asides import without_asides
from search.reading.route_places import routes_in
from search.reading import route_rules as rules
from search.reading.route_clauses import Claim, held_on_the_way, read_clause
from search.reading.sentence_model import NONE, SentenceModel, position_of, sentence_features

NO_ROUTE = ""  # a reported crossing whose sentence names no place
# What the rules notice in a sentence, given to the sentence model as features (the rest of
# what the rules notice reaches it as their reading: rule:none where they found no case).
# Read after the rules' reading, which asks the same cues of the same text (their answers are kept).
_MARKS = (("past", rules.TOLD_AS_PAST), ("strong", rules.STRONG_EVENT), ("failed", rules.ATTEMPT))

# A case the rules read with an escape verb and its place is dropped only when the model is
# surer than for other cases (cross-validated: 0.9 over the model's own veto, 0.8).
STRONG_VETO = 0.9
RELABEL = 0.9  # P(kind) from which the model's kind replaces the rules' (cross-validated: 0.8-0.95 alike)
_MOVES = frozenset({"defection", "northward"})  # which way; whether it failed is the rules' call


_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st gen lt col sgt capt maj no nos jan feb mar apr jun jul aug sep sept oct nov "
    "dec jr sr vs etc rep sen gov mt pvt cpl adm cmdr fig approx".split())
# A sentence boundary, with or without the space a page copy sometimes loses ("investigated.According").
_BOUNDARY = re.compile(r"[.!?](?:[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])"
                       r"|(?<=[a-z]{3}[.!?])(?=[A-Z][a-z]{2,}))")


class Sentence(NamedTuple):  # a tuple: made for every sentence of every article, ~3x cheaper
    text: str  # exactly as in the input, so evidence can be found in the article
    paragraph: int  # -1 for the title
    index: int  # reading order over title and body


@dataclass(frozen=True)
class Reading:
    sentence: str
    claims: tuple[Claim, ...]

    @functools.cached_property
    def place_routes(self) -> tuple[str, ...]:
        """Places named in a sentence with no event, for neighbours; worked out only when a
        neighbour asks, since most sentences have no neighbour that does."""
        text = without_asides(self.sentence)
        if self.claims or rules.BACKGROUND.search(text):
            return ()
        return routes_in(text, "defection")


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


def sentences_of(title: str, paragraphs: Sequence[str]) -> list[Sentence]:
    texts = [(-1, title)] + [(number, text) for number, text in enumerate(paragraphs)]
    found: list[Sentence] = []
    for paragraph, text in texts:
        for sentence in split_sentences(text):
            found.append(Sentence(sentence, paragraph, len(found)))
    return found


def read_sentence(sentence: str, headline: bool = False) -> Reading:
    """The crossings the sentence reports. Most sentences have no crossing verb and no custody
    abroad (is_candidate), and a clause cut out of a sentence has no word that the sentence
    lacks, so reading their clauses apart, the bulk of the cost, is skipped for them. A body
    sentence with nothing told as past ('defectors wade the Tumen') describes what is usual."""
    if not is_candidate(sentence) or _is_question(sentence) or asides.is_index_terms(sentence) \
            or asides.is_caption(sentence) \
            or not (headline or rules.TOLD_AS_PAST.search(sentence)):
        return Reading(sentence, ())
    return Reading(sentence, tuple(_claims(without_asides(sentence))))


def read_article(title: str, paragraphs: Sequence[str],
                 model: SentenceModel | None) -> tuple[list[Sentence], list[Reading]]:
    """The article's sentences and what each reports, read by the rules and weighed by the
    model. A paragraph without a crossing word (most of them) is neither split nor read: it
    stands as one sentence that reports nothing, so its place words count once in the
    article's place (routes._article_place), and sentence indices keep their order only."""
    sentences: list[Sentence] = []
    readings: list[Reading] = []
    for paragraph, text in [(-1, title)] + list(enumerate(paragraphs)):
        if not is_candidate(text):  # no word of a crossing verb in any of its sentences either
            if text.strip():
                sentences.append(Sentence(text.strip(), paragraph, len(sentences)))
                readings.append(Reading(text.strip(), ()))
            continue
        parts = split_sentences(text)
        for part in parts:
            sentence = Sentence(part, paragraph, len(sentences))
            sentences.append(sentence)
            candidate = len(parts) == 1 or is_candidate(part)  # one sentence: the paragraph's answer
            readings.append(_read_and_weigh(sentence, model) if candidate else Reading(part, ()))
    return sentences, readings


def _read_and_weigh(sentence: Sentence, model: SentenceModel | None) -> Reading:
    """The reading of a sentence with a crossing word (is_candidate)."""
    headline = sentence.paragraph < 0
    if model is None:
        return read_sentence(sentence.text, headline)
    past = bool(rules.TOLD_AS_PAST.search(sentence.text))
    reading = read_sentence(sentence.text, True) if headline or past else Reading(sentence.text, ())
    marks = ["past"] * past + [name for name, cue in _MARKS[1:] if cue.search(sentence.text)]
    return _weighed(sentence, reading,
                    model.probabilities(features_of(sentence, reading, marks)), model)


def _as_kind(claim: Claim, kind: str) -> Claim:
    """A crossing the rules read, in the direction the model is sure of: which way someone went
    depends on more words (who they were, 'back', 'home') than the rules list."""
    if claim.crossing == kind or claim.crossing not in _MOVES or kind not in _MOVES:
        return claim
    return Claim(claim.routes, kind, claim.strong, claim.wish)


def weighed_sentences(sentences: Sequence[Sentence],
                      readings: Sequence[Reading]) -> list[tuple[int, list[str]]]:
    """(position, features) of each sentence the model weighs. What the rules read in the
    headline and the sentence before did not help it (cross-validated on the dev articles)."""
    return [(position, features_of(sentence, readings[position]))
            for position, sentence in enumerate(sentences) if is_candidate(sentence.text)]


def _weighed(sentence: Sentence, reading: Reading, probabilities: dict[str, float],
             model: SentenceModel) -> Reading:
    if probabilities.get(NONE, 0.0) >= _veto_for(sentence.text, reading, model):
        return Reading(sentence.text, ())
    kind = max((k for k in probabilities if k != NONE), key=probabilities.__getitem__)
    if reading.claims and probabilities[kind] >= RELABEL:
        return Reading(sentence.text, tuple(_as_kind(claim, kind) for claim in reading.claims))
    if reading.claims or probabilities[kind] < model.adopt or _ruled_out(sentence.text) \
            or _not_a_person_leaving(sentence.text) or _only_a_persons_past(sentence.text):
        return reading
    text = without_asides(sentence.text)
    strong = bool(rules.STRONG_EVENT.search(text))
    return Reading(sentence.text, (Claim(routes_in(text, kind), kind, strong),))


def _veto_for(sentence: str, reading: Reading, model: SentenceModel) -> float:
    """P(none) from which the model drops what the rules read: never a handful of counted
    cases or 'the first ... since'; a placed escape only when it is very sure."""
    if rules.FEW_CASES.search(sentence) or rules.ORDINAL_CASE.search(sentence):
        return float("inf")
    return STRONG_VETO if any(c.strong and c.routes for c in reading.claims) else model.veto


def _ruled_out(sentence: str) -> bool:
    """What the rules say outright is no crossing, whatever the model's odds: a denial, a
    question, a plan or wish, a return yet to come, a visitor's way home, a photo's caption."""
    return bool(rules.DENIED.search(sentence) or rules.INTENTION.search(sentence)
                or rules.FUTURE_RETURN.search(sentence) or rules.HOME_TO_THE_SOUTH.search(sentence)
                or asides.is_caption(sentence)) or _is_question(sentence)


def _only_a_persons_past(sentence: str) -> bool:
    """'Ji, a lawmaker who fled the North on crutches, urged ...': every crossing word is in a
    clause that describes someone, which the rules read only with its place (route_clauses.read_clause)."""
    pasts = [match.span() for match in rules.RELATIVE_PAST.finditer(sentence)]
    return bool(pasts) and all(any(start <= event.start() < end for start, end in pasts)
                               for event in rules.EVENT.finditer(sentence))


def _not_a_person_leaving(sentence: str) -> bool:
    """Where the rules see a launch, a military manoeuvre, a unit, a visit or trade, or
    foreigners, the model may not add a crossing they did not read (as in Korean:
    korean_sentences.weighed_claims)."""
    return any(cue.search(sentence) for cue in (rules.OBJECTS, rules.MANOEUVRE,
                                                 rules.NOT_AN_ESCAPE, rules.FOREIGNERS))


def is_candidate(sentence: str) -> bool:
    """A sentence with a crossing verb (a return and an escape are ones): the only sentences the
    rules can read a crossing in, and those the model weighs."""
    return rules.EVENT.search(sentence) is not None or held_on_the_way(sentence)



def features_of(sentence: Sentence, reading: Reading,
                marks: list[str] | None = None) -> list[str]:
    """The model's features of a sentence, given the rules' reading of it (and the names of the
    _MARKS it has, when already known)."""
    text = sentence.text
    if marks is None:
        marks = [name for name, cue in _MARKS if cue.search(text)]
    return sentence_features(text, position_of(sentence.paragraph),
                             [claim.crossing for claim in reading.claims],
                             routes_in(without_asides(text), "defection"),
                             marks + (["question"] if _is_question(text) else []))


def _is_question(sentence: str) -> bool:
    """'Could an athlete defect during the Games?' asks; it reports nothing."""
    return sentence.rstrip(" \"'\u201d\u2019)").endswith("?")


def _claims(sentence: str) -> list[Claim]:
    """Contrasted parts ('..., but he swam') read apart; in each, relative clauses ('who fled in
    2010') are read apart from what is left of the main clause."""
    claims: list[Claim] = []
    for part in rules.CONTRAST.split(sentence):
        if rules.BACKGROUND.search(part):
            continue  # "most of those who crossed into China": the group, not a case
        claims += _part_claims(part)
    return claims


def _part_claims(part: str) -> list[Claim]:
    main_text = rules.RELATIVE_PAST.sub(" ", part)
    main = read_clause(main_text)
    relatives = [read_clause(match.group()) for match in rules.RELATIVE_PAST.finditer(part)]
    killed = bool(rules.KILLED.search(main_text))
    if main is not None and rules.KILLED_WHILE.search(main_text):
        main = _as_attempt(main)
    escape = _escape_a_return_undoes(part, main)
    return [_as_attempt(claim) if killed else claim for claim in relatives
            if claim is not None and not _premise_of_return(claim, main)] \
        + ([main] if main else []) + ([escape] if escape else [])


def _escape_a_return_undoes(part: str, main: Claim | None) -> Claim | None:
    """'Seoul deported two fishermen who had killed their crew and fled to South Korean waters':
    the flight the return undoes is told too, with the places after its verb."""
    if main is None or main.crossing != "repatriation":
        return None
    fled = rules.FLED_SOUTH.search(part)
    routes = routes_in(part[fled.start():], "defection") if fled else ()
    return Claim(routes, "defection", True) if routes else None


def _as_attempt(claim: Claim) -> Claim:
    """Those the main clause says were shot or killed did not get away."""
    if claim.crossing != "defection":
        return claim
    return Claim(claim.routes, "attempt", claim.strong)


def _premise_of_return(relative: Claim, main: Claim | None) -> bool:
    """'A woman who fled to China was sent back from China': the escape of someone sent back
    along the same route is the premise of the return, not a crossing of its own."""
    return main is not None and main.crossing == "repatriation" \
        and set(relative.routes) <= set(main.routes)
