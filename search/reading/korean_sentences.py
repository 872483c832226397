"""A learned second opinion on a Korean sentence, as sentence_model.py gives the English reader.

Whether '귀순' in a sentence tells a case or a plan, a count, a policy or a person's past lies
in the endings and words around it ('귀순했다', '귀순할 경우', '귀순자 처리 문제'), more than
the cue lists can hold. The model reads each sentence with an event word: its chunks of
Hangul, Latin letters or digits, each word's first and last two syllables (a stem, an ending
with its particle), the syllable pairs of the sentence, where it stands, what the rules read
in it and which of their cues fired. As in English it may drop what the rules read (veto); it
reads a case the rules passed over (adopt) only where they did not set the event word aside
(korean_routes.declined), and returns stay theirs. The thresholds were chosen by
cross-validation on the Korean dev articles (bench/train_sentence_model.py --language ko).
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from search.reading.korean_cues import cue, event_cue
from search.reading.korean_routes import PLANNED_RETURN, Claim, declined, routes_in
from search.reading.route_sentences import STRONG_VETO, Sentence
from search.reading.sentence_model import NONE, SentenceModel, position_of, word_class

MODEL_FILE = "korean_sentence_model.json"
_CHUNK = re.compile(r"[가-힣]+|[A-Za-z]+|\d[\d,.]*")
_SYLLABLES = re.compile(r"[가-힣]+")
_ADOPTABLE = ("defection", "attempt", "northward")  # a return is the rules' alone
# cue groups whose firing the model is told of: the rules' own doubts about a sentence
_MARKS = ("background", "statistic", "question", "denied", "no_intent", "dated_past", "drift",
          "planned_return", "other_story", "escapee", "success")


def is_candidate(sentence: str) -> bool:
    """A sentence with an event word: the only ones the rules read and the model weighs."""
    return event_cue().search(sentence) is not None


def korean_features(sentence: Sentence, claims: Sequence[Claim]) -> list[str]:
    """Chunks of Hangul, Latin letters or digits (numbers by size), the stem and ending of each
    word, syllable pairs, position, the kinds the rules read, the routes its places name and
    the cues that fired."""
    text = sentence.text
    chunks = [word_class(chunk) for chunk in _CHUNK.findall(text)]
    words = [chunk for chunk in chunks if len(chunk) > 2 and not chunk.startswith("<")]
    features = [f"w:{chunk}" for chunk in chunks]
    features += [f"s:{word[:2]}" for word in words] + [f"e:{word[-2:]}" for word in words]
    features += [f"g:{run[i:i + 2]}" for run in _SYLLABLES.findall(text) for i in range(len(run) - 1)]
    features += [f"pos:{position_of(sentence.paragraph)}"]
    features += [f"rule:{kind}" for kind in sorted({c.crossing for c in claims}) or (NONE,)]
    features += [f"place:{route}" for route in routes_in(text, "defection")]
    return features + [f"mark:{name}" for name in _MARKS if cue(name).search(text)]


def is_weighed(sentence: str, claims: Sequence[Claim]) -> bool:
    """The sentences the model weighs (and is trained on): those with an event word, unless
    the rules read a wish or a return still to come there, which stay theirs."""
    return is_candidate(sentence) and not any(c.wish or c.crossing == PLANNED_RETURN.crossing
                                              for c in claims)


def weighed_claims(sentence: Sentence, claims: tuple[Claim, ...],
                   model: SentenceModel | None) -> tuple[Claim, ...]:
    """The rules' claims, less the escapes and crossings the model is sure are none, or one it
    is sure the rules missed. A return stays the rules' either way (cross-validated: the model
    dropping a return done lost more articles than it won), and nothing is read where the rules
    set the event word aside (korean_routes.declined: a denial, plan, possibility, count)."""
    if model is None or not is_weighed(sentence.text, claims):
        return claims
    probabilities = model.probabilities(korean_features(sentence, claims))
    if claims and probabilities.get(NONE, 0.0) >= _veto_for(claims, model):
        return tuple(c for c in claims if c.crossing == "repatriation")
    kind = max(_ADOPTABLE, key=lambda k: probabilities.get(k, 0.0))
    if claims or probabilities.get(kind, 0.0) < model.adopt or declined(sentence.text) \
            or _no_one_escaping(sentence.text):
        return claims
    return (_adopted(sentence.text, kind),)


def _no_one_escaping(text: str) -> bool:
    """Where the rules see a patrol, work crew, visit or trade, foreigners going home, a boat
    adrift, or those who help escapees, the model adds no escape of its own."""
    return any(cue(group).search(text) for group in ("not_an_escape", "foreigners", "drifted_in",
                                                    "helper"))


def _adopted(text: str, kind: str) -> Claim:
    """A case the model read: its places, and whether an escape word tells it (which lets it
    borrow a neighbour's place, as the rules' own cases do)."""
    strong = any(m.lastgroup in ("strong", "northward") for m in event_cue().finditer(text))
    return Claim(routes_in(text, kind), kind, strong, north=kind == "northward")


def _veto_for(claims: tuple[Claim, ...], model: SentenceModel) -> float:
    """A placed escape is dropped only when the model is very sure, as in English."""
    return STRONG_VETO if any(c.strong and c.routes for c in claims) else model.veto
