"""How fast and how right "did you mean" is on an existing index.

    python bench/suggestions.py INDEX_DIR [--words 20 --typos 5]

Makes one-letter typos of common English news words that the index holds (a letter after the
first replaced, the same typos every run), asks the engine for each one's correction, and
prints the time a word and how many came back as the word they were made from. Then the time
of the first romanised-name query (it builds the name lexicon from the vocabulary). Run any
checkout with PYTHONPATH=CHECKOUT on an index that checkout built (docs/benchmarks.md §5).
"""
from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from search import Engine, IndexUnavailable, Settings, request_from_params

WORDS = ("company", "earnings", "dividend", "shares", "government", "ministry", "agreement", "exports",
         "analysts", "petroleum", "quarter", "revenues", "president", "interest", "currency", "treasury",
         "production", "securities", "announced", "statement", "officials", "military", "border", "soldier")


def typos(words: list[str], per_word: int) -> list[tuple[str, str]]:
    """(typo, the word it was made from); never the word itself."""
    rng, made = random.Random(5), []
    for word in words:
        for _ in range(per_word):
            at = rng.randrange(1, len(word))
            typo = word[:at] + rng.choice([c for c in "aeiourstn" if c != word[at]]) + word[at + 1:]
            made.append((typo, word))
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index_dir", type=Path)
    parser.add_argument("--words", type=int, default=20, help="how many of the common words to use")
    parser.add_argument("--typos", type=int, default=5, help="typos made of each word")
    args = parser.parse_args()
    settings = Settings(index_dir=args.index_dir)
    engine = Engine(settings)
    try:
        engine.search(request_from_params({"q": ["oil"]}, settings))
    except IndexUnavailable as error:  # no index, or one of another schema: say so, no traceback
        raise SystemExit(f"bench/suggestions.py: {error}") from None
    state = engine._current()
    known = [w for w in WORDS if state.correction(w) is None and engine.search(
        request_from_params({"q": [w]}, settings)).total][:args.words]
    cases = typos(known, args.typos)
    started = time.perf_counter()
    answers = [state.correction(typo) for typo, _ in cases]
    each_ms = (time.perf_counter() - started) * 1000 / len(cases)
    right = sum(answer == word for answer, (_, word) in zip(answers, cases))
    print(f"{len(cases)} typos of {len(known)} words: {each_ms:.1f} ms a word; {right} corrected to their word")
    started = time.perf_counter()
    engine.search(request_from_params({"q": ["kim jong un"]}, settings))
    print(f"first romanised-name query: {(time.perf_counter() - started) * 1000:.0f} ms")
    engine.close()


if __name__ == "__main__":
    main()
