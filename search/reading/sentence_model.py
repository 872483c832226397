"""A learned second opinion on one sentence: does it report a crossing as a case, and of which kind?

The route rules read verbs, negation and places well, but whether a sentence tells a case
("a soldier fled across the line on Monday") or describes what is usual, a group, a plan or
the aftermath ("defectors who arrive in the South struggle") depends on more words than rules
can list. A multinomial logistic regression, trained on sentences of real articles labelled
by LABELLING.md (bench/labelled/sentences.jsonl, `python bench/train_sentence_model.py`), reads
each candidate sentence's words, word pairs, place words and the rules' own reading, and gives
a probability per kind (none, defection, attempt, northward, repatriation).

The weights ship as a JSON data file (no model library at run time, nothing downloaded); only
features seen in at least two training sentences are kept, so no article's text is in it.
"""
from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

MODEL_FILE = "sentence_model.json"
NONE = "none"
_TOKEN = re.compile(r"[a-z]+(?:['\u2019][a-z]+)?|\d[\d,.]*")


@dataclass(frozen=True)
class SentenceModel:
    """Per-class weights of binary features (a feature missing from `weights` weighs nothing)."""

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    veto: float = 0.5  # P(none) from which a sentence the rules read as a case is not one
    adopt: float = 0.5  # P(kind) from which a sentence the rules pass over is a case of it

    def probabilities(self, features: Iterable[str]) -> dict[str, float]:
        rows = [self.weights[f] for f in set(features) if f in self.weights]
        scores = [sum(column) for column in zip(self.bias, *rows)]
        top = max(scores)
        exps = [math.exp(score - top) for score in scores]
        total = sum(exps)
        return {name: value / total for name, value in zip(self.classes, exps)}

    def to_json(self) -> dict:
        return {"classes": list(self.classes), "bias": list(self.bias), "veto": self.veto,
                "adopt": self.adopt,
                "weights": {f: list(w) for f, w in sorted(self.weights.items())}}

    @classmethod
    def from_json(cls, data: dict) -> SentenceModel:
        return cls(tuple(data["classes"]), tuple(data["bias"]),
                   {f: tuple(w) for f, w in data["weights"].items()},
                   data.get("veto", 0.5), data.get("adopt", 0.5))


@functools.cache
def shipped_model(file: str = MODEL_FILE) -> SentenceModel | None:
    """A model in the package's data folder (English by default); None if it is not there (the
    rules then decide)."""
    path = resources.files("search.reading").joinpath("data", file)
    if not path.is_file():
        return None
    return SentenceModel.from_json(json.loads(path.read_text(encoding="utf-8")))


def sentence_features(sentence: str, position: str, rule_kinds: Sequence[str],
                      places: Sequence[str], marks: Sequence[str]) -> list[str]:
    """Words and word pairs (numbers by size), where the sentence stands (title, p0, p1, p2-4,
    p5+), the kinds the rules read in it, the routes its place words name, and the rules'
    marks (past, background, statistic...)."""
    words = [word_class(token) for token in _TOKEN.findall(sentence.lower())]
    features = [f"w:{word}" for word in words]
    features += [f"b:{first}_{second}" for first, second in zip(words, words[1:])]
    features += [f"pos:{position}"] + [f"rule:{kind}" for kind in rule_kinds or (NONE,)]
    features += [f"place:{route}" for route in places] + [f"mark:{mark}" for mark in marks]
    return features


def word_class(token: str) -> str:
    """Numbers stand for their kind, not their value: a year, a small count, a large one."""
    if not token[0].isdigit():
        return token
    digits = token.replace(",", "").split(".")[0]
    if len(digits) == 4 and digits[:2] in ("19", "20"):
        return "<year>"
    return "<count>" if len(digits) < 3 else "<many>"


def position_of(paragraph: int) -> str:
    if paragraph < 0:
        return "title"
    return "p0" if paragraph == 0 else "p1" if paragraph == 1 else \
        "p2-4" if paragraph <= 4 else "p5+"
