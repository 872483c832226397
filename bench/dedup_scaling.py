"""The writer's near-duplicate step alone, as the ledger grows: does an article cost more when
the index holds more articles, or when its story already has many copies?

    python bench/dedup_scaling.py [--sizes 1000 10000 100000] [--copies 3000] [--probes 500]

For each size N it records N distinct articles in a fresh ledger (random signatures: only
the ledger's work is measured, not MinHash), then times `Ledger.candidates` +
`dedup.assign_cluster` + `Ledger.record` per article for new distinct articles, and for
copies of one story arriving after `--copies` earlier copies (each copy keeps 95% of the
story's signature values, so two copies agree on ~90%). Prints microseconds per article,
for the ledger as it is and for the layout it replaced (`--before`: every article's band keys recorded, every
candidate compared; emulated with this ledger, so only the layout and the cap differ).
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from search.dedup import DEFAULT_NUM_PERM, assign_cluster, band_keys, signature_to_bytes  # noqa: E402
from search.ledger import Ledger  # noqa: E402
from search.settings import Settings  # noqa: E402

SETTINGS = Settings()


def random_signature(rng: random.Random) -> list[int]:
    return [rng.getrandbits(32) for _ in range(DEFAULT_NUM_PERM)]


def copy_of(story: list[int], rng: random.Random, share: float = 0.95) -> list[int]:
    """Two copies then agree on ~90% of values, as the light edits of bench/corpus.py do."""
    return [value if rng.random() < share else rng.getrandbits(32) for value in story]


class LedgerBefore(Ledger):
    """The layout before issue 13: every article in the band table, no cap on candidates."""

    def candidates(self, bands, limit):
        return super().candidates(bands, -1)  # SQLite: LIMIT -1 is no limit

    def record(self, article_id, fingerprint, cluster, signature, bands):
        super().record(article_id, fingerprint, article_id, signature, bands)  # bands, always
        self._db.execute("UPDATE articles SET cluster = ? WHERE id = ?", (cluster, article_id))


def write(ledger: Ledger, article_id: str, signature: list[int]) -> str:
    """What indexing._Session._write does with the ledger for one article."""
    bands = band_keys(signature)
    stored = signature_to_bytes(signature)
    candidates = ledger.candidates(bands, SETTINGS.cluster_candidates_max)
    cluster = assign_cluster(stored, candidates, article_id, SETTINGS.cluster_jaccard_min)
    ledger.record(article_id, "fingerprint", cluster, stored, bands)
    return cluster


def per_article_us(ledger: Ledger, articles: list[tuple[str, list[int]]]) -> float:
    started = time.perf_counter()
    for article_id, signature in articles:
        write(ledger, article_id, signature)
    return (time.perf_counter() - started) / len(articles) * 1e6


def measure(size: int, copies: int, probes: int, before: bool, seed: int = 13) -> dict[str, float]:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        ledger = (LedgerBefore if before else Ledger)(Path(folder))
        for n in range(size):
            write(ledger, f"a{n}", random_signature(rng))
        ledger.commit()
        distinct = per_article_us(ledger, [(f"d{n}", random_signature(rng)) for n in range(probes)])
        story = random_signature(rng)
        earlier = [(f"c{n}", copy_of(story, rng)) for n in range(copies)]
        first_copies = per_article_us(ledger, earlier[:probes])
        per_article_us(ledger, earlier[probes:])
        later_copies = per_article_us(ledger, [(f"l{n}", copy_of(story, rng)) for n in range(probes)])
        ledger.close()
    return {"distinct": distinct, "first copies": first_copies, "copies after": later_copies}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--copies", type=int, default=3000, help="copies of the story before the timed ones")
    parser.add_argument("--probes", type=int, default=500, help="articles timed per cell")
    parser.add_argument("--before", action="store_true", help="also the layout before issue 13, emulated")
    args = parser.parse_args(argv)
    print(f"| ledger | articles in the ledger | new distinct article, us | first {args.probes} copies of a story, us "
          f"| a copy after {args.copies:,} copies, us |")
    print("| --- | --- | --- | --- | --- |")
    for before in (False, True) if args.before else (False,):
        for size in args.sizes:
            cells = measure(size, args.copies, args.probes, before)
            print(f"| {'before (emulated)' if before else 'now'} | {size:,} | {cells['distinct']:.0f} "
                  f"| {cells['first copies']:.0f} | {cells['copies after']:.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
