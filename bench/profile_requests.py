"""Where a request's time goes, per request kind of bench/load.py's mix, without a network.

    python bench/profile_requests.py --index-dir /tmp/index10k [--n 40] [--profile] [--top 25]

Runs the web app in-process (Flask's test client, so no waitress and no sockets) on the
requests bench/load.py would send, grouped by kind and by answer type (HTML page or JSON
API), and prints p50/p95 per group. With --profile, also prints cProfile's top functions
per group by cumulative time: the load figures say how slow a request is, this says why.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import load  # noqa: E402  (bench/load.py: the same mix as the load runs)

from web import create_app  # noqa: E402


def group_of(request: load.Request) -> str:
    html = not request.path.startswith("/api/")
    page = "article" if request.kind == "article" else "search"
    return f"{'html' if html else 'json'} {page} {request.kind}"


def discover(client) -> load.Catalog:
    ids: list[str] = []
    data: dict = {}
    for page in (1, 2, 3, 4):
        answer = json.loads(client.get(f"/api/search?page_size=50&page={page}").data)
        data = data or answer
        ids += [hit["id"] for hit in answer["results"]]
    facets = {f["name"]: [v["value"] for v in f["values"]] for f in data.get("facets", [])}
    return load.Catalog(ids, facets.get("outlet", [])[:30], facets.get("year", []))


def time_requests(client, requests: list[load.Request]) -> None:
    times: dict[str, list[float]] = defaultdict(list)
    for request in requests:
        group = group_of(request)
        started = time.perf_counter()
        answer = client.get(request.path)
        times[group].append((time.perf_counter() - started) * 1000)
        if answer.status_code != 200:
            print(f"{answer.status_code} for {request.path}", file=sys.stderr)
    for group in sorted(times):
        values = times[group]
        print(f"{group:<28} n={len(values):>4} p50={load.percentile(values, 50):7.1f} "
              f"p95={load.percentile(values, 95):7.1f} mean={sum(values) / len(values):7.1f} ms")
    total = [v for values in times.values() for v in values]
    print(f"{'all':<28} n={len(total):>4} p50={load.percentile(total, 50):7.1f} "
          f"p95={load.percentile(total, 95):7.1f} mean={sum(total) / len(total):7.1f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index-dir", required=True)
    parser.add_argument("--n", type=int, default=400, help="requests of the mix timed")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--passes", type=int, default=1, help="times the same requests are timed")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--groups", default="", help="comma-separated group prefixes to profile")
    args = parser.parse_args()
    app = create_app({"INDEX_DIR": args.index_dir})
    client = app.test_client()
    catalog = discover(client)
    rng = random.Random(f"{args.seed}:profile")
    requests = [load.normal_request(rng, catalog) for _ in range(args.n)]
    for request in requests[:50]:  # warm-up: first-use costs are not load
        client.get(request.path)
    for number in range(args.passes):
        if args.passes > 1:
            print(f"pass {number + 1} (later passes repeat the same requests: remembered matches)")
        time_requests(client, requests)
    if not args.profile:
        return 0
    wanted = tuple(g for g in args.groups.split(",") if g)
    profiles: dict[str, cProfile.Profile] = defaultdict(cProfile.Profile)
    for request in requests:
        group = " ".join(group_of(request).split()[:2])
        if wanted and not group.startswith(wanted):
            continue
        profile = profiles[group]
        profile.enable()
        client.get(request.path)
        profile.disable()
    for group, profile in sorted(profiles.items()):
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(args.top)
        print(f"\n===== {group} =====\n{out.getvalue()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
