"""Korean analysis candidates measured against each other: recall, precision, speed, memory.

    PYTHONPATH=. python bench/korean_analysis.py [--only mecab,bigrams,kiwi]

Candidates: python-mecab-ko with its packaged dictionary (search/korean.py, the one chosen,
and two variants of it: each word analysed alone, without a following word, and compounds
split into their parts only, nori's "discard" mode), kiwipiepy (needs `pip install
kiwipiepy`; skipped when missing), and character bigrams (the CJK analyzer's way). Each is plugged into the same Whoosh chain as the index uses (regex
words, then the candidate on words holding Hangul, then lowercase, fold, stem); a real
on-disk index of bench/korean_cases.json's articles is searched with each query as the
index's parser reads it (every word required). Recall: of the (query, relevant article)
pairs, the share found. Precision: of the articles returned, the share relevant.
Speed: thousand characters of Korean analysed a second with an empty cache (every word new).
Memory and load: resident memory and time added by loading the analyzer and analysing one
word, in a fresh process.
"""
from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import qparser
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter
from whoosh.fields import ID, TEXT, Schema
from whoosh.support.charset import accent_map

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import search.korean as korean  # noqa: E402
from search.korean import HANGUL, KoreanFilter, is_dropped, korean_pieces  # noqa: E402

CASES = Path(__file__).with_name("korean_cases.json")
SPEED_PASSES = 5


def bigram_pieces(word: str) -> tuple[tuple[str, int, int], ...]:
    """Overlapping character pairs of each Hangul run (a lone syllable stays); other runs whole."""
    pieces, run_start = [], 0
    for index in range(1, len(word) + 1):
        if index == len(word) or bool(HANGUL.match(word[index])) != bool(HANGUL.match(word[run_start])):
            run = word[run_start:index]
            if HANGUL.match(run[0]) and len(run) > 1:
                pieces += [(run[i:i + 2], run_start + i, run_start + i + 2) for i in range(len(run) - 1)]
            else:
                pieces.append((run, run_start, index))
            run_start = index
    return tuple(pieces)


_KIWI = None


def kiwi_pieces(word: str) -> tuple[tuple[str, int, int], ...]:
    """kiwipiepy's morphemes with the same tags dropped; verbs come back as their stems."""
    global _KIWI
    if _KIWI is None:
        from kiwipiepy import Kiwi
        _KIWI = Kiwi(num_workers=-1, load_typo_dict=False, load_multi_dict=False)
    return tuple((t.form, t.start, t.start + t.len) for t in _KIWI.tokenize(word) if not is_dropped(t.tag))


CANDIDATES = {"mecab": korean_pieces, "mecab-alone": korean_pieces, "mecab-discard": korean_pieces,
              "bigrams": bigram_pieces, "kiwi": kiwi_pieces}
VARIANTS = {"mecab": {}, "mecab-alone": {"FOLLOWING_WORD": ""}, "mecab-discard": {"KEEP_COMPOUNDS": False}}
DEFAULTS = {"FOLLOWING_WORD": korean.FOLLOWING_WORD, "KEEP_COMPOUNDS": korean.KEEP_COMPOUNDS}


def configure(name: str) -> None:
    """Set search/korean.py's switches for a variant of the mecab candidate."""
    for key, value in (DEFAULTS | VARIANTS.get(name, {})).items():
        setattr(korean, key, value)
    korean_pieces.cache_clear()


def analyzer(pieces):
    return RegexTokenizer() | KoreanFilter(pieces) | LowercaseFilter() | CharsetFilter(accent_map) | StemFilter()


def quality(pieces, cases: dict) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        schema = Schema(id=ID(stored=True), body=TEXT(analyzer=analyzer(pieces), phrase=True, chars=True))
        ix = whoosh_index.create_in(folder, schema)
        with ix.writer() as writer:
            for article_id, body in cases["articles"].items():
                writer.add_document(id=article_id, body=body)
        parser = qparser.QueryParser("body", schema, group=qparser.AndGroup)
        found_pairs = returned = relevant_returned = 0
        misses = []
        with ix.searcher() as searcher:
            for query_text, relevant in cases["queries"]:
                got = {hit["id"] for hit in searcher.search(parser.parse(query_text), limit=None)}
                found_pairs += len(got & set(relevant))
                returned += len(got)
                relevant_returned += len(got & set(relevant))
                if got != set(relevant):
                    misses.append(f"{query_text}: missed {sorted(set(relevant) - got)}, extra {sorted(got - set(relevant))}")
    pairs = sum(len(relevant) for _, relevant in cases["queries"])
    return {"queries": len(cases["queries"]), "pairs": pairs, "recall": round(found_pairs / pairs, 3),
            "precision": round(relevant_returned / max(returned, 1), 3), "misses": misses}


def speed(name: str, cases: dict) -> float:
    """Thousand characters a second, every word analysed afresh (caches emptied each pass)."""
    configure(name)
    pieces = CANDIDATES[name]
    text = " ".join(cases["articles"].values())
    words = [match.group() for match in RegexTokenizer().expression.finditer(text)]
    pieces(words[0])  # load the analyzer before timing
    elapsed = 0.0
    for _ in range(SPEED_PASSES):
        if hasattr(pieces, "cache_clear"):
            pieces.cache_clear()
        started = time.perf_counter()
        for word in words:
            if HANGUL.search(word):
                pieces(word)
        elapsed += time.perf_counter() - started
    return round(len(text) * SPEED_PASSES / elapsed / 1000, 1)


def resident_mb() -> float:
    """Current resident memory (not ru_maxrss: a child inherits its parent's peak)."""
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024


def load_cost(name: str) -> dict:
    """In a fresh process: seconds to load the analyzer and analyse a first word, and the
    resident memory added once every case article has been analysed."""
    code = (f"import sys, time; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
            f"import korean_analysis as k; k.configure({name!r}); before = k.resident_mb(); t = time.perf_counter(); "
            f"k.CANDIDATES[{name!r}]('합참은'); load = time.perf_counter() - t; "
            f"k.speed({name!r}, k.json.loads(k.CASES.read_text('utf-8'))); "
            "print(load, k.resident_mb() - before)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    return {"load_s": round(float(out[0]), 3), "rss_added_mb": round(float(out[1]), 1)}


def available(name: str) -> bool:
    try:
        CANDIDATES[name]("합참은")
        return True
    except ImportError:
        return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default=",".join(CANDIDATES))
    parser.add_argument("--misses", action="store_true", help="list each query whose results differ")
    args = parser.parse_args()
    cases = json.loads(CASES.read_text("utf-8"))
    for name in args.only.split(","):
        if not available(name):
            print(f"{name}: not installed, skipped")
            continue
        configure(name)
        result = quality(CANDIDATES[name], cases) | {"kchars_per_s": speed(name, cases)} | load_cost(name)
        misses = result.pop("misses")
        print(json.dumps({"candidate": name} | result, ensure_ascii=False))
        if args.misses:
            print("\n".join(f"  {m}" for m in misses))
    print(f"(process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
