"""Ingest speed, Korean against English, on articles of the same length, side by side in one run.

    PYTHONPATH=. python bench/korean_ingest.py [--n 400] [--chars 2500] [--rounds 2] [--compare-with ../main]

Both corpora are made here, from sentences written for this project (bench/korean_cases.json's
articles and their English counterparts below), shuffled per article, with a new made-up word
in every sentence so that the analysis caches meet unseen words as in real text (about one
word in eight), and cut to the same number of characters. Each round indexes each corpus into
a fresh index with `search.ingest` (cleaning, labels, analysis, writing: the whole pipeline,
with the default worker processes) and the rounds alternate the two languages; the best round
of each is reported, in articles a second, with their ratio. With --compare-with, each round
also indexes the English corpus with another checkout's code (say, main before Korean
analysis), to show what English ingest pays for the language check and the Hangul test.
Every ingest runs in a fresh process, so caches and loaded models start empty each time.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CASES = Path(__file__).with_name("korean_cases.json")
ENGLISH_SENTENCES = (
    "A North Korean soldier crossed the Military Demarcation Line at Panmunjom on Monday afternoon.",
    "The Joint Chiefs of Staff said the soldier ran south while his unit fired at him.",
    "Troops secured the defector and flew him by helicopter to a hospital near Seoul.",
    "Four people in a wooden boat were found near the Northern Limit Line in the East Sea.",
    "The coast guard said they had asked to stay in the South and handed them to investigators.",
    "Rights groups said dozens of escapees caught by Chinese police had been sent back to the North.",
    "They had crossed the Tumen River into China before they were arrested.",
    "The military admitted that cameras had spotted the man several times before he crossed north.",
    "A senior diplomat at the embassy in London defected to Seoul with his family.",
    "The Unification Ministry said 99 defectors arrived in the first half of the year.",
    "Most of them were women, and arrivals fell sharply after the border was closed.",
    "The man swam across the Han River estuary at low tide and reached Gimpo.",
    "Thermal cameras found him on the mudflats, and soldiers guided him ashore.",
    "North Korea fired two ballistic missiles into the sea off its east coast.",
    "Nine young defectors were caught in Laos and sent back through China.",
    "The government returned three fishermen who had drifted south after their engine failed.",
    "The United Nations Command said the shooting across the line broke the armistice.",
    "Defectors who settled in Seoul opened a cooking class for their neighbours.",
)
SYLLABLES = "가나다라마바사아자차카타파하강남동림문방산성순영원정진철태한현호"
PARTICLES = ("은", "는", "이", "가", "을", "를", "의", "에", "에서", "으로", "와", "과", "도")
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def korean_sentences() -> list[str]:
    text = " ".join(json.loads(CASES.read_text("utf-8"))["articles"].values())
    return [s.strip() + "." for s in re.split(r"(?<=다)\. ?", text) if s.strip()]


def new_word(rng: random.Random, korean: bool) -> str:
    if korean:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))) + rng.choice(PARTICLES)
    return "".join(rng.choice(LETTERS) for _ in range(rng.randint(5, 9)))


def article(rng: random.Random, sentences: list[str], korean: bool, chars: int) -> str:
    """A title line, a blank line, then shuffled sentences each with a new word, cut at chars."""
    body = []
    while sum(len(s) + 1 for s in body) < chars:
        words = rng.choice(sentences).split(" ")
        words.insert(rng.randrange(1, len(words)), new_word(rng, korean))
        body.append(" ".join(words))
    text = " ".join(body)[:chars].rsplit(" ", 1)[0]
    return f"{' '.join(text.split(' ')[:6])}\n\n{text}\n"


def write_corpus(folder: Path, n: int, chars: int, korean: bool, seed: int) -> None:
    rng = random.Random(seed)
    sentences = korean_sentences() if korean else list(ENGLISH_SENTENCES)
    folder.mkdir(parents=True)
    for number in range(n):
        (folder / f"{number:05d}.txt").write_text(article(rng, sentences, korean, chars), encoding="utf-8")


TIMED_INGEST = """
import sys, time
sys.path.insert(0, sys.argv[1])
from search import Settings, ingest
started = time.perf_counter()
report = ingest([sys.argv[2]], Settings(index_dir=sys.argv[3]))
assert report.indexed and not report.failed, report
print(report.indexed / (time.perf_counter() - started))
"""


def docs_per_second(code: Path, corpus: Path, workdir: Path) -> float:
    """Articles a second for one ingest into a fresh index, in a fresh process running `code`."""
    index_dir = workdir / f"index-{time.perf_counter_ns()}"
    out = subprocess.run([sys.executable, "-c", TIMED_INGEST, str(code), str(corpus), str(index_dir)],
                         capture_output=True, text=True, check=True, cwd=code).stdout
    return float(out.split()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=400, help="articles per language")
    parser.add_argument("--chars", type=int, default=2500, help="characters per article body")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--compare-with", type=Path, help="another checkout to index the English corpus with")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        corpora = {"en": work / "en", "ko": work / "ko"}
        for lang, path in corpora.items():
            write_corpus(path, args.n, args.chars, lang == "ko", seed=16)
        runs = [("en", REPO, corpora["en"]), ("ko", REPO, corpora["ko"])]
        if args.compare_with:
            runs.append(("en_with_compared_code", args.compare_with.resolve(), corpora["en"]))
        best = {name: 0.0 for name, _, _ in runs}
        for _ in range(args.rounds):
            for name, code, corpus in runs:
                best[name] = max(best[name], docs_per_second(code, corpus, work))
    result = {"articles": args.n, "chars": args.chars, "rounds": args.rounds}
    result |= {f"{name}_docs_per_s": round(rate, 1) for name, rate in best.items()}
    result["ko_over_en"] = round(best["ko"] / best["en"], 2)
    if args.compare_with:
        result["en_over_en_with_compared_code"] = round(best["en"] / best["en_with_compared_code"], 2)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
