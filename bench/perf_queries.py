"""The benchmark's query sets, drawn deterministically from the corpus's own vocabulary.

Each query is a dict of multi-valued parameters, exactly as /api/search takes them
({"q": ["tanker"], "route": ["china", "sea"], "from": ["2005"], "to": ["2012"]}), so the
library, HTTP, SQLite FTS5 and Datasette runs are translated from one definition.
"""
from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

KINDS = ("one_word", "two_words", "phrase", "route_filter", "date_range", "browse_all", "full_page")
KIND_LABELS = {
    "one_word": "one word", "two_words": "two words", "phrase": "phrase",
    "route_filter": "route filter", "date_range": "date range", "browse_all": "browse all",
    "full_page": "full page (2 routes OR-ed + dates)",
}
ROUTES = ("china", "dmz", "sea", "overseas", "jsa", "unknown", "russia", "air")
_WORD = re.compile(r"[a-z]+")
_RESERVED = frozenset({"and", "or", "not", "to", "near"})
SAMPLE_FILES = 2000


def corpus_files(corpus: Path) -> list[Path]:
    return sorted(Path(corpus).glob("part-*/*.txt"))


def build_queries(corpus: Path, per_kind: int, seed: int = 7) -> dict[str, list[dict[str, list[str]]]]:
    files = corpus_files(corpus)
    rng = random.Random(seed)
    sample = files if len(files) <= SAMPLE_FILES else random.Random(seed).sample(files, SAMPLE_FILES)
    df, bigrams, docs = Counter(), Counter(), []
    for file in sample:
        words = [w for w in _WORD.findall(file.read_text(encoding="utf-8").lower())]
        docs.append(words)
        df.update({w for w in words if len(w) >= 4 and w not in _RESERVED})
        bigrams.update(zip(words, words[1:]))
    n = len(sample)
    # Mid-frequency words: in 0.5% to 15% of articles, as people's search words tend to be.
    middle = sorted(w for w, c in df.items() if 0.005 * n <= c <= 0.15 * n) or sorted(df)
    phrases = sorted(f"{a} {b}" for (a, b), c in bigrams.items()
                     if c >= 3 and len(a) >= 3 and len(b) >= 3 and a not in _RESERVED and b not in _RESERVED
                     and df.get(a, 0) < 0.3 * n and df.get(b, 0) < 0.3 * n) or ["north korean"]

    def word() -> str:
        return rng.choice(middle)

    def pair() -> str:  # two mid-frequency words from one article, so the AND has hits
        doc = rng.choice(docs)
        candidates = sorted({w for w in doc if w in middle_set})
        return " ".join(rng.sample(candidates, 2)) if len(candidates) >= 2 else f"{word()} {word()}"

    def years() -> tuple[str, str]:
        start = rng.randint(2000, 2022)
        return str(start), str(min(2026, start + rng.randint(1, 6)))

    middle_set = set(middle)
    queries: dict[str, list[dict[str, list[str]]]] = {kind: [] for kind in KINDS}
    for _ in range(per_kind):
        queries["one_word"].append({"q": [word()]})
        queries["two_words"].append({"q": [pair()]})
        queries["phrase"].append({"q": [f'"{rng.choice(phrases)}"']})
        queries["route_filter"].append({"q": [word()], "route": [rng.choice(ROUTES[:5])]})
        start, end = years()
        queries["date_range"].append({"q": [word()], "from": [start], "to": [end]})
        queries["browse_all"].append({"page": [str(rng.randint(1, 5))]})
        start, end = years()
        queries["full_page"].append({"q": [word()], "route": rng.sample(ROUTES[:5], 2),
                                     "from": [start], "to": [end]})
    return queries


def sample_word(queries: dict[str, list[dict[str, list[str]]]]) -> str:
    return queries["one_word"][0]["q"][0]
