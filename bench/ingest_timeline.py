"""Where an ingest's time goes: the writer's CPU, the cleaning workers' CPU, and each commit.

    python bench/ingest_timeline.py CORPUS [--index DIR] [--without-vocabulary]

Ingests CORPUS (any folder `defection-search index` takes, e.g. the one
`python bench/perf.py --n 10000 --raw-reuters --ingest-only` leaves in
/tmp/ds-corpus-10000-reuters) into a fresh index, and prints one line per commit: when its
batch was ready, how long the writer waited for it (the workers set the pace) and how long
writing and committing it took (a merge shows as a long one). Then the wall time and the
CPU of the writer process and of the worker processes, from `resource.getrusage`: two cores
can do at best half their sum in wall time.

--without-vocabulary records no vocabulary (the unstemmed words behind "did you mean", a few
SQLite rows a batch since schema 7; Whoosh documents before): an experiment that prices it;
the index it writes has no suggestions.
"""
from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from search import Settings, ingest  # noqa: E402
import search.indexing  # noqa: E402
from search.indexing import _Session  # noqa: E402


def cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def timed_commits(started: float, log: list[tuple[float, float, float]]) -> None:
    """Record (start, wall, writer CPU) of every batch the writer writes and commits."""
    write_batch = _Session.commit_batch

    def commit_batch(self, batch) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        write_batch(self, batch)
        log.append((wall - started, time.perf_counter() - wall, time.process_time() - cpu))
    _Session.commit_batch = commit_batch


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--index", type=Path, help="index folder (default: a temporary one)")
    parser.add_argument("--without-vocabulary", action="store_true",
                        help="record no vocabulary (prices it; no 'did you mean' in that index)")
    args = parser.parse_args()
    if args.without_vocabulary:
        search.indexing._Session._add_words = lambda session, written: None
    index = args.index or Path(tempfile.mkdtemp(prefix="ds-timeline-")) / "index"
    shutil.rmtree(index, ignore_errors=True)
    log: list[tuple[float, float, float]] = []
    writer_cpu, workers_cpu = cpu_seconds(resource.RUSAGE_SELF), cpu_seconds(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    timed_commits(started, log)
    report = ingest([args.corpus], Settings(index_dir=index))
    wall = time.perf_counter() - started
    ended = 0.0
    for number, (start, seconds, cpu) in enumerate(log, 1):
        print(f"commit {number:3d} at {start:7.1f} s  waited {start - ended:5.2f} s  "
              f"wrote and committed in {seconds:5.2f} s ({cpu:5.2f} s CPU)")
        ended = start + seconds
    print(report.summary())
    for message in report.failed:  # say which input failed and why, as `defection-search index` does
        print(f"failed: {message}", file=sys.stderr)
    print(f"wall {wall:.1f} s; writer CPU {cpu_seconds(resource.RUSAGE_SELF) - writer_cpu:.1f} s; "
          f"workers CPU {cpu_seconds(resource.RUSAGE_CHILDREN) - workers_cpu:.1f} s")


if __name__ == "__main__":
    main()
