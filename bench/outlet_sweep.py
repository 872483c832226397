"""How much of the news the stored public pages hold comes from sites the outlet table knows.

    python bench/outlet_sweep.py [--queries FILE] [--results FILE] [--table CSV] [--hosts OUT]

The sweep: each query of `data/outlet_sweep/queries.txt` was run against the stored-pages corpus
of the `search` tool (the store the fair tests of issue 12 are drawn from), and every result's
URL was kept in `data/outlet_sweep/results.tsv` (query, TAB, URL; addresses only, no page text).
This script reads the two files and reports, over the distinct result hosts:

- table: the host (or a parent domain) is a row of the outlet table (search/reading/data/outlets.csv)
- platform: a publishing platform (data/platforms.txt: blogspot.com, tistory.com, ...), whose
  pages are named by the blog's own host, or a newsstand (pressreader.com), whose pages are the
  newspaper's; neither is a table row
- missing: neither; such a page gets its name from its text or its registered domain

"share of result hosts covered by the table" = table / (table + missing), platforms left out.
`--table` scores another copy of the table (e.g. main's, `git show main:search/reading/data/
outlets.csv > /tmp/main-outlets.csv`) to give the before and after side by side; `--hosts`
writes every host with its status and result count (sorted, missing first) for review.
"""
from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from search.reading import outlets  # noqa: E402
from search.reading.outlets import platform_site, replica_outlet  # noqa: E402

SWEEP = REPO / "bench" / "data" / "outlet_sweep"


def read_results(path: Path, queries: list[str]) -> list[tuple[str, str]]:
    """(query, url) rows; a row whose query is not in the query list is an error to fix."""
    known = set(queries)
    rows = [tuple(line.split("\t", 1)) for line in path.read_text("utf-8").splitlines()
            if line.strip()]
    stray = sorted({q for q, _ in rows if q not in known})
    if stray:
        raise SystemExit(f"{path}: results for queries not in the query list: {stray[:5]}")
    return [(q, u.strip()) for q, u in rows]


def use_table(csv_path: Path) -> None:
    """Score against another copy of the outlet table instead of the package's."""
    rows = list(csv.DictReader(csv_path.read_text("utf-8").splitlines()))
    table = tuple(outlets._outlet(row) for row in rows)
    outlets.outlet_table = lambda: table  # type: ignore[assignment]
    outlets._outlets_by_site.cache_clear()
    outlets._outlets_by_name.cache_clear()


def site_of(url: str) -> str:
    """The host a result is counted under: www., m. and amp. editions are one site."""
    host, _ = outlets._host_and_path(url)
    return host


def status(url: str) -> str:
    if outlets.table_outlet_for_url(url) is not None:
        return "table"
    return "platform" if platform_site(url) or replica_outlet(url) else "missing"


def report(rows: list[tuple[str, str]]) -> tuple[dict[str, str], Counter[str]]:
    statuses: dict[str, str] = {}
    counts: Counter[str] = Counter()
    for _, url in rows:
        host = site_of(url)
        if host:
            statuses.setdefault(host, status(url))
            counts[host] += 1
    return statuses, counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=Path, default=SWEEP / "queries.txt")
    parser.add_argument("--results", type=Path, default=SWEEP / "results.tsv")
    parser.add_argument("--table", type=Path, help="another copy of outlets.csv to score")
    parser.add_argument("--hosts", type=Path, help="write every host with its status here")
    args = parser.parse_args(argv)
    queries = [q.strip() for q in args.queries.read_text("utf-8").splitlines() if q.strip()]
    rows = read_results(args.results, queries)
    if args.table:
        use_table(args.table)
    statuses, counts = report(rows)
    by_status = Counter(statuses.values())
    news = by_status["table"] + by_status["missing"]
    print(f"queries {len(queries)}  results {len(rows)}  distinct hosts {len(statuses)}")
    print(f"table {by_status['table']}  missing {by_status['missing']}  "
          f"platform {by_status['platform']}")
    print(f"share of result hosts covered by the table: {by_status['table'] / max(news, 1):.3f}")
    covered = sum(n for h, n in counts.items() if statuses[h] == "table")
    platform = sum(n for h, n in counts.items() if statuses[h] == "platform")
    print(f"share of results on a table site: {covered / max(len(rows) - platform, 1):.3f}")
    if args.hosts:
        order = sorted(statuses, key=lambda h: (statuses[h] != "missing", statuses[h], h))
        args.hosts.write_text("".join(f"{statuses[h]}\t{counts[h]}\t{h}\n" for h in order))
    return 0


if __name__ == "__main__":
    sys.exit(main())
