"""Load generator: N concurrent users for D seconds against a defection-search server.

    python bench/load.py --url http://127.0.0.1:8000 --users 50 --seconds 60 [--hostile 0.05]
                         [--think 1-5] [--seed 1] [--json]

Standard library only (threads, one keep-alive http.client connection per user), so CI can
run it with nothing installed. Each user is a closed loop: send a request, read the whole
answer, pause for a think time drawn from --think (seconds, "MIN-MAX"; "0" for no pause:
a saturation test rather than a model of people), repeat until the time is up. Requests
already sent when the time runs out are finished and counted.

The query mix is what people do with the search page and its JSON API: one word, two words,
a phrase, facet filters, a date range, browsing (empty query, sorted, paged) and article
pages. Words, outlets and article ids are read from the server before the timed run, so
the mix fits any index. With --hostile P, a share P of requests breaks a limit (answer
must be 400) or is fuzz-like junk (answer must be 200 or 400); the normal requests keep
exactly the same sequence as in a clean run with the same seed, so two runs compare.

A failure is a connection error, a timeout, or a status other than the one expected for
the request's kind (200 for normal requests; 400 for limit breakers; 200 or 400 for junk).
Only loopback servers are accepted: this tool is for measuring one's own machine.
"""
from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import random
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

LOOPBACK = ("127.0.0.1", "localhost", "::1")
REQUEST_TIMEOUT_S = 30.0
# Words a reader of this corpus types: defection terms and the Reuters business prose.
ONE_WORDS = ("soldier", "defected", "china", "panmunjom", "dmz", "boat", "diplomat", "yonhap",
             "repatriated", "pilot", "tumen", "russia", "escaped", "border", "oil", "bank", "trade",
             "prices", "dollar", "market", "government", "tax", "shares", "company", "defector",
             "jsa", "kcna", "fishing", "restaurant", "thailand", "defect*", "intercept*")
PHRASES = ('"joint security area"', '"north korean soldier"', '"tumen river"', '"unification ministry"',
           '"oil prices"', '"central bank"', '"yalu river"', '"fighter jet"', '"joint chiefs of staff"')
ROUTES = ("jsa", "dmz", "sea", "china", "russia", "air", "overseas", "unknown")
CROSSINGS = ("defection", "attempt", "northward", "repatriation")
SORTS = ("relevance", "newest", "oldest")
# Weights of the normal kinds (per cent).
NORMAL_MIX = {"one_word": 25, "two_words": 20, "phrase": 10, "facets": 15, "date_range": 10,
              "browse": 10, "article": 10}
HTML_SHARE = 0.6  # the rest of the searches go to /api/search
NORMAL_STATUSES = frozenset({200})
LIMIT_STATUSES = frozenset({400})
JUNK_STATUSES = frozenset({200, 400})
JUNK_PIECES = ("soldier", "AND", "OR", "NOT", "(", ")", '"', "*", "?", "title:", "route:", "year:",
               "[", "]", "{", "}", "/", "^2", "~", ":", "\\", "-", "\x00", "</mark>", "&lt;",
               "'", "\u00e9", "\u4e2d", "%", "+", "\ud7ff", "\u202e")


@dataclass(frozen=True)
class Request:
    kind: str
    path: str
    expected: frozenset[int]

    @property
    def hostile(self) -> bool:
        return self.kind.startswith("hostile")


@dataclass
class Catalog:
    """What the mix needs from the index: article ids, outlets and years that exist."""
    article_ids: list[str]
    outlets: list[str]
    years: list[str]


@dataclass
class Sample:
    kind: str
    ms: float
    ok: bool
    sent_s: float = 0.0  # since the run started: shows whether slow requests cluster (a stall)
    path: str = ""


@dataclass
class Report:
    users: int
    seconds: float
    hostile_share: float
    think: tuple[float, float]
    samples: list[Sample] = field(default_factory=list)
    wall_s: float = 0.0
    first_failures: list[str] = field(default_factory=list)

    def latencies(self, hostile: bool | None = False, kind: str | None = None) -> list[float]:
        """Milliseconds of the requests chosen: normal (hostile=False), hostile, or all (None)."""
        return [s.ms for s in self.samples
                if (hostile is None or s.kind.startswith("hostile") == hostile)
                and (kind is None or s.kind == kind)]

    @property
    def requests(self) -> int:
        return len(self.samples)

    @property
    def failures(self) -> int:
        return sum(not s.ok for s in self.samples)

    @property
    def requests_per_s(self) -> float:
        return self.requests / self.wall_s if self.wall_s else 0.0

    def to_json(self) -> dict:
        kinds = sorted({s.kind for s in self.samples})
        return {
            "users": self.users, "seconds": self.seconds, "hostile_share": self.hostile_share,
            "think_s": list(self.think), "requests": self.requests, "failures": self.failures,
            "wall_s": round(self.wall_s, 2), "requests_per_s": round(self.requests_per_s, 1),
            "normal": summary(self.latencies(False)), "hostile": summary(self.latencies(True)),
            "by_kind": {k: summary(self.latencies(None, k)) for k in kinds},
            "first_failures": self.first_failures,
        }


def merge(reports: Sequence[Report]) -> Report:
    """One report of several runs with the same users and mix (e.g. alternating segments)."""
    first = reports[0]
    merged = Report(first.users, sum(r.seconds for r in reports), first.hostile_share, first.think)
    for report in reports:
        merged.samples += report.samples
        merged.wall_s += report.wall_s
        merged.first_failures += report.first_failures
    return merged


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (the value p% of requests were at or under); NaN when empty."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def summary(values: Sequence[float]) -> dict:
    return {"n": len(values), "p50_ms": round(percentile(values, 50), 1),
            "p95_ms": round(percentile(values, 95), 1), "p99_ms": round(percentile(values, 99), 1)}


# --- the query mix -------------------------------------------------------------------------------

def _search_path(rng: random.Random, params: list[tuple[str, str]]) -> str:
    base = "/" if rng.random() < HTML_SHARE else "/api/search"
    return f"{base}?{urlencode(params)}" if params else base


def normal_request(rng: random.Random, catalog: Catalog) -> Request:
    """One request a person (or a script using the API) would send."""
    kind = rng.choices(list(NORMAL_MIX), weights=list(NORMAL_MIX.values()))[0]
    if kind == "article":
        article_id = rng.choice(catalog.article_ids)
        base = "/articles/" if rng.random() < HTML_SHARE else "/api/articles/"
        query = f"?{urlencode({'q': rng.choice(ONE_WORDS)})}" if rng.random() < 0.5 else ""
        return Request(kind, base + article_id + query, NORMAL_STATUSES)
    return Request(kind, _search_path(rng, _normal_params(kind, rng, catalog)), NORMAL_STATUSES)


def _normal_params(kind: str, rng: random.Random, catalog: Catalog) -> list[tuple[str, str]]:
    word = rng.choice(ONE_WORDS)
    if kind == "one_word":
        return [("q", word)]
    if kind == "two_words":
        return [("q", f"{word} {rng.choice(ONE_WORDS)}")]
    if kind == "phrase":
        return [("q", rng.choice(PHRASES))]
    if kind == "facets":
        params = [("q", word)] if rng.random() < 0.7 else []
        params += [("route", r) for r in rng.sample(ROUTES, rng.choice((1, 1, 2)))]
        if rng.random() < 0.4:
            params.append(("crossing", rng.choice(CROSSINGS)))
        if rng.random() < 0.3 and catalog.outlets:
            params.append(("outlet", rng.choice(catalog.outlets)))
        if rng.random() < 0.2:
            params.append(("exclude_route", rng.choice(ROUTES)))
        return params
    if kind == "date_range":
        start = rng.randint(2000, 2024)
        params = [("q", word)] if rng.random() < 0.7 else []
        return params + [("from", f"{start}-{rng.randint(1, 12):02d}"), ("to", str(start + rng.randint(0, 3)))]
    # browse: everything newest first, a year, a later page
    params = [("sort", rng.choice(("newest", "oldest")))]
    if rng.random() < 0.5 and catalog.years:
        params.append(("year", rng.choice(catalog.years)))
    if rng.random() < 0.5:
        params.append(("page", str(rng.randint(2, 5))))
    return params


def hostile_request(rng: random.Random) -> Request:
    """A limit breaker (must be refused with 400) or fuzz-like junk (200 or 400, never 5xx)."""
    if rng.random() < 0.6:
        name, params = rng.choice(LIMIT_BREAKERS)
        return Request(f"hostile_{name}", _search_path(rng, params), LIMIT_STATUSES)
    junk = "".join(rng.choice(JUNK_PIECES) + rng.choice(("", " ")) for _ in range(rng.randint(1, 12)))
    name = rng.choice(("q", "q", "route", "outlet", "from", "page", "page_size", "sort", "x"))
    return Request("hostile_junk", _search_path(rng, [(name, junk)]), JUNK_STATUSES)


LIMIT_BREAKERS: list[tuple[str, list[tuple[str, str]]]] = [
    ("long_query", [("q", "defector " * 60)]),
    ("nesting", [("q", "(" * 12 + "soldier" + ")" * 12)]),
    ("leading_wildcard", [("q", "*ector")]),
    ("short_wildcard", [("q", "de*")]),
    ("page", [("q", "soldier"), ("page", "51")]),
    ("page_size", [("q", "soldier"), ("page_size", "51")]),
    ("facet_values", [("outlet", f"The Outlet {n}") for n in range(51)]),
    ("terms", [("q", " ".join(f"w{n}" for n in range(40)))]),
]


# --- discovery and the timed run -------------------------------------------------------------------

class Client:
    """One keep-alive connection to the server; reconnects after an error."""

    def __init__(self, url: str, timeout_s: float = REQUEST_TIMEOUT_S) -> None:
        parts = urlsplit(url)
        if parts.scheme != "http" or parts.hostname not in LOOPBACK:
            raise SystemExit(f"{url}: only http:// on the loopback interface (127.0.0.1) is loaded")
        self.host, self.port = parts.hostname, parts.port or 80
        self.prefix = parts.path.rstrip("/")
        self.timeout_s = timeout_s
        self.conn: http.client.HTTPConnection | None = None

    def get(self, path: str) -> tuple[int, bytes]:
        """(status, body); status -1 with the error text on a connection error or timeout."""
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout_s)
        try:
            self.conn.request("GET", self.prefix + path)
            response = self.conn.getresponse()
            return response.status, response.read()
        except (OSError, http.client.HTTPException) as error:
            self.close()
            return -1, f"{type(error).__name__}: {error}".encode()

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def discover(url: str) -> Catalog:
    """Article ids, outlets and years from the server's own browse answers."""
    client = Client(url)
    try:
        ids: list[str] = []
        data: dict = {}
        for page in (1, 2, 3, 4):
            status, body = client.get(f"/api/search?{urlencode({'page_size': 50, 'page': page})}")
            if status != 200:
                raise SystemExit(f"{url}/api/search answered {status}: {body[:300]!r}")
            data = json.loads(body) if page == 1 else data
            ids += [hit["id"] for hit in json.loads(body)["results"]]
    finally:
        client.close()
    if not ids:
        raise SystemExit(f"{url}: the index holds no articles")
    facets = {f["name"]: [v["value"] for v in f["values"]] for f in data.get("facets", [])}
    return Catalog(ids, facets.get("outlet", [])[:30], facets.get("year", []))


def user_requests(seed: int, user: int, catalog: Catalog, hostile_share: float) -> Callable[[], Request]:
    """The user's request sequence; its normal requests do not depend on hostile_share."""
    normal_rng = random.Random(f"{seed}:{user}:normal")
    hostile_rng = random.Random(f"{seed}:{user}:hostile")

    def next_request() -> Request:
        if hostile_share and hostile_rng.random() < hostile_share:
            return hostile_request(hostile_rng)
        return normal_request(normal_rng, catalog)

    return next_request


def run_load(url: str, users: int, seconds: float, hostile_share: float = 0.0,
             think: tuple[float, float] = (1.0, 5.0), seed: int = 1, warmup: int = 50,
             catalog: Catalog | None = None) -> Report:
    """Run the load and return every request's kind, latency and outcome."""
    catalog = catalog or discover(url)
    _warm_up(url, catalog, warmup, seed)
    report = Report(users, seconds, hostile_share, think)
    lock = threading.Lock()
    started = time.perf_counter()
    deadline = started + seconds
    threads = [threading.Thread(target=_user, daemon=True,
                                args=(url, user_requests(seed, n, catalog, hostile_share), think,
                                      random.Random(f"{seed}:{n}:think"), started, deadline, report, lock))
               for n in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    report.wall_s = time.perf_counter() - started
    return report


def _warm_up(url: str, catalog: Catalog, count: int, seed: int) -> None:
    """Sequential requests before timing: first-use costs (caches, lazy imports) are not load.
    A tenth are the hostile mix's: junk with Hangul in it loads the Korean analyzer on first
    use, which would otherwise land in whichever timed run meets it first."""
    client, rng = Client(url), random.Random(f"{seed}:warmup")
    try:
        for _ in range(count):
            client.get(normal_request(rng, catalog).path)
        for _ in range(count // 10):
            client.get(hostile_request(rng).path)
    finally:
        client.close()


def _user(url: str, next_request: Callable[[], Request], think: tuple[float, float],
          think_rng: random.Random, started: float, deadline: float, report: Report,
          lock: threading.Lock) -> None:
    client = Client(url)
    time.sleep(think_rng.uniform(0, think[1]))  # users arrive spread out, not in one burst
    try:
        while time.perf_counter() < deadline:
            request = next_request()
            sent = time.perf_counter()
            status, body = client.get(request.path)
            ms = (time.perf_counter() - sent) * 1000
            ok = status in request.expected
            with lock:
                report.samples.append(Sample(request.kind, ms, ok, sent - started, request.path))
                if not ok and len(report.first_failures) < 10:
                    report.first_failures.append(f"{status} for {request.path[:200]}: {body[:200]!r}")
            pause = think_rng.uniform(*think)
            if pause:
                time.sleep(min(pause, max(0.0, deadline - time.perf_counter())))
    finally:
        client.close()


# --- the command ---------------------------------------------------------------------------------

def format_report(report: Report, slowest_shown: int = 3) -> str:
    data = report.to_json()
    lines = [f"{data['users']} users, {data['seconds']:g} s, think {report.think[0]:g}-{report.think[1]:g} s, "
             f"hostile share {report.hostile_share:g}",
             f"requests {data['requests']}, failures {data['failures']}, "
             f"{data['requests_per_s']} requests/s over {data['wall_s']} s",
             f"{'kind':<26} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"]
    rows = [("normal (all)", data["normal"]), ("hostile (all)", data["hostile"]), *data["by_kind"].items()]
    for name, row in rows:
        if row["n"]:
            lines.append(f"{name:<26} {row['n']:>6} {row['p50_ms']:>8} {row['p95_ms']:>8} {row['p99_ms']:>8}")
    slowest = sorted(report.samples, key=lambda s: s.ms, reverse=True)[:slowest_shown]
    lines += [f"slow: {s.ms:.0f} ms at {s.sent_s:.1f} s {s.kind} {s.path[:120]}" for s in slowest]
    lines += [f"failure: {line}" for line in report.first_failures]
    return "\n".join(lines)


def parse_think(text: str) -> tuple[float, float]:
    low, _, high = text.partition("-")
    bounds = (float(low), float(high or low))
    if not 0 <= bounds[0] <= bounds[1]:
        raise argparse.ArgumentTypeError(f"{text!r}: give MIN-MAX seconds with 0 <= MIN <= MAX")
    return bounds


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--hostile", type=float, default=0.0, metavar="SHARE", help="e.g. 0.05")
    parser.add_argument("--think", type=parse_think, default=(1.0, 5.0), metavar="MIN-MAX",
                        help="pause between a user's requests, seconds (default 1-5; 0 = none)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=50, help="sequential requests before timing")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--server-pid", type=int, help="also report the server's open files and RSS, "
                        "after the warm-up and after the run (from /proc)")
    args = parser.parse_args(argv)
    catalog = discover(args.url)
    _warm_up(args.url, catalog, args.warmup, args.seed)
    before = process_usage(args.server_pid) if args.server_pid else None
    report = run_load(args.url, args.users, args.seconds, args.hostile, args.think, args.seed, 0, catalog)
    print(json.dumps(report.to_json(), indent=1) if args.json else format_report(report))
    if before:
        after = process_usage(args.server_pid)
        print(f"server pid {args.server_pid}: open files {before[0]} -> {after[0]}, "
              f"VmRSS {before[1]:.1f} -> {after[1]:.1f} MB", file=sys.stderr)
    return 1 if report.failures else 0


def process_usage(pid: int) -> tuple[int, float]:
    """(open file descriptors, VmRSS in MB) of a local process, from /proc."""
    fds = len(os.listdir(f"/proc/{pid}/fd"))
    for line in open(f"/proc/{pid}/status", encoding="ascii"):
        if line.startswith("VmRSS:"):
            return fds, int(line.split()[1]) / 1024
    return fds, float("nan")


if __name__ == "__main__":
    sys.exit(main())
