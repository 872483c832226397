"""Performance at scale: defection-search against bare Whoosh, SQLite FTS5 and Datasette.

    python bench/perf.py --n 10000 [--corpus-dir DIR] [--work-dir DIR] [--queries 300]
                         [--skip-datasette] [--skip-http] [--quick] [--http-seconds 20]
                         [--profile] [--reuse] [--ingest-only]
                         [--raw-reuters] [--syndicated K] [--one-commit]

Builds (or reuses) the synthetic corpus (bench/corpus.py, Reuters-21578 text), then in one run:
ingest end to end vs bare Whoosh add_document; latency per query kind through the library
(one Engine), SQLite FTS5 and, over HTTP from 1 and 8 keep-alive clients, the production
server (`defection-search serve`) and Datasette; the server's RSS after warm-up and its time
from process start to the first answer. Prints one table with ratios and pass/fail against
the targets of "Performance at 100,000 articles", and writes WORK/results.json.

Duplication-heavy cases (issue 13): `--raw-reuters` ingests the first N Reuters stories as
they are (briefs and earnings tables included) and also times bare Whoosh with one commit at
the end (`--one-commit` adds that row to any run); `--syndicated K` makes K of the N
articles copies of one story, and also ingests the same corpus without copies (same N, same
length) with defection-search, side by side, for the "copies cost no more" ratio.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path[:0] = [str(REPO), str(BENCH)]

import corpus as corpus_mod  # noqa: E402
import perf_http  # noqa: E402
import perf_sqlite  # noqa: E402
from perf_queries import KINDS, KIND_LABELS, build_queries, corpus_files, sample_word  # noqa: E402

from search import Engine, Settings, ingest, request_from_params  # noqa: E402

COMMIT_BATCH = Settings.commit_batch_docs
HTTP_CLIENTS = (1, 8)
WARMUP_QUERIES = 30
TARGETS = {"full_page_p50_x_fts": 4.0, "full_page_p95_x_fts": 2.0, "ingest_x_whoosh": 0.8,
           "rss_mb": 250.0, "first_result_s": 1.0, "syndicated_x_distinct": 1.15}


# --- ingest ------------------------------------------------------------------------------------

def folder_size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file()) / 1e6


def prewarm(files: list[Path]) -> None:
    """Read every file once, so neither ingest pays for the first cold read."""
    for file in files:
        file.read_bytes()


def ingest_library(corpus: Path, index_dir: Path) -> dict:
    settings = Settings(index_dir=index_dir)
    started = time.perf_counter()
    report = ingest([corpus], settings)
    seconds = time.perf_counter() - started
    return {"docs": report.indexed, "failed": len(report.failed), "seconds": seconds,
            "docs_per_s": report.indexed / seconds, "size_mb": folder_size_mb(index_dir),
            "joined": getattr(report, "joined", None),  # None: a commit from before the count
            "corpus": str(corpus)}


def ingest_bare_whoosh(corpus: Path, index_dir: Path, commit_batch: int | None = COMMIT_BATCH) -> dict:
    """The same files into a minimal Whoosh schema: title/body TEXT and four ID facets; a commit
    every `commit_batch` documents, or with None only one at the end."""
    from whoosh import index as whoosh_index
    from whoosh.fields import ID, TEXT, Schema

    schema = Schema(title=TEXT(stored=True), body=TEXT(stored=True), outlet=ID(stored=True),
                    year=ID(stored=True), month=ID(stored=True), published=ID(stored=True))
    index_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    ix = whoosh_index.create_in(str(index_dir), schema)
    docs, writer = 0, ix.writer()
    for folder in sorted(Path(corpus).glob("part-*")):
        sidecar = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
        for file in sorted(folder.glob("*.txt")):
            title, _, body = file.read_text(encoding="utf-8").strip().partition("\n")
            meta = sidecar.get(file.name, {})
            published = meta.get("published", "")
            writer.add_document(title=meta.get("title", title), body=body, outlet=meta.get("outlet", ""),
                                year=published[:4], month=published[:7], published=published)
            docs += 1
            if commit_batch and docs % commit_batch == 0:
                writer.commit()
                writer = ix.writer()
    writer.commit()
    seconds = time.perf_counter() - started
    return {"docs": docs, "seconds": seconds, "docs_per_s": docs / seconds,
            "size_mb": folder_size_mb(index_dir)}


# --- latency -----------------------------------------------------------------------------------

def percentiles(values: list[float]) -> dict:
    if not values:
        return {"n": 0}
    ordered = sorted(values)

    def at(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]

    return {"n": len(values), "p50": at(50), "p95": at(95), "p99": at(99), "mean": statistics.fmean(values)}


def time_calls(call, queries: list) -> dict:
    latencies = []
    for params in queries:
        started = time.perf_counter()
        call(params)
        latencies.append((time.perf_counter() - started) * 1000)
    return percentiles(latencies)


def library_latency(index_dir: Path, queries: dict) -> dict:
    settings = Settings(index_dir=index_dir)
    engine = Engine(settings)
    search = lambda params: engine.search(request_from_params(params, settings))  # noqa: E731
    for params in queries["one_word"][:WARMUP_QUERIES]:
        search(params)
    out = {kind: time_calls(search, queries[kind]) for kind in KINDS}
    engine.close()
    return out


def fts_latency(db_path: Path, queries: dict) -> dict:
    searcher = perf_sqlite.FtsSearcher(db_path)
    for params in queries["one_word"][:WARMUP_QUERIES]:
        searcher.search(params)
    out = {kind: time_calls(searcher.search, queries[kind]) for kind in KINDS}
    searcher.close()
    return out


def web_available() -> str | None:
    """None when the web front end can serve /api/search, else why not."""
    try:
        if importlib.util.find_spec("web") is None or importlib.util.find_spec("web.serving") is None:
            return "web not available (no web.serving)"
    except Exception as error:  # noqa: BLE001 - a half-written front end must not stop the run
        return f"web not available ({type(error).__name__}: {error})"
    return None


def http_runs(server: perf_http.Server, paths_by_kind: dict[str, list[str]], seconds: float) -> dict:
    results = {}
    warm = paths_by_kind["one_word"][:WARMUP_QUERIES]
    perf_http.load(server.port, warm, 1, seconds)
    results["rss_mb"], _ = perf_http.rss_mb(server.process.pid)
    for kind, paths in paths_by_kind.items():
        for clients in HTTP_CLIENTS:
            run = perf_http.load(server.port, paths, clients, seconds)
            results[f"{kind}/{clients}"] = percentiles(run.latencies_ms) | {
                "throughput": run.throughput, "errors": run.errors, "first_error": run.first_error}
            print(f"  {server.name} {kind} x{clients}: {results[f'{kind}/{clients}'].get('p50', 0):.1f} ms p50, "
                  f"{run.throughput:.1f}/s, {run.errors} errors", file=sys.stderr)
    results["rss_after_mb"], results["hwm_mb"] = perf_http.rss_mb(server.process.pid)
    return results


def serve_ours(index_dir: Path, work: Path, paths_by_kind: dict, seconds: float) -> dict:
    missing = web_available()
    if missing:
        return {"skipped": missing}
    port = perf_http.free_port()
    probe = "/api/search?" + urllib.parse.urlencode({"q": sample_word_from(paths_by_kind)})
    command = [sys.executable, "-m", "search.cli", "serve", "--index-dir", str(index_dir),
               "--port", str(port)]
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    server = perf_http.Server("defection-search", command, probe, work / "serve.log", cwd=REPO, env=env)
    try:
        if not server.start():
            return {"skipped": f"web not available ({server.error})"}
        return {"start_to_first_s": server.start_to_first_s} | http_runs(server, paths_by_kind, seconds)
    finally:
        server.stop()


def serve_datasette(db_path: Path, work: Path, paths_by_kind: dict, seconds: float) -> dict:
    port = perf_http.free_port()
    command = perf_sqlite.datasette_command(db_path, port)
    if command is None:
        return {"skipped": "datasette not installed (pip install datasette sqlite-utils)"}
    probe = paths_by_kind["one_word"][0]
    server = perf_http.Server("datasette", command, probe, work / "datasette.log")
    try:
        if not server.start():
            return {"skipped": f"datasette did not start ({server.error})"}
        return {"start_to_first_s": server.start_to_first_s} | http_runs(server, paths_by_kind, seconds)
    finally:
        server.stop()


def sample_word_from(paths_by_kind: dict) -> str:
    query = urllib.parse.parse_qs(paths_by_kind["one_word"][0].partition("?")[2])
    return query["q"][0]


# --- the table ---------------------------------------------------------------------------------

def fmt(value, unit: str = "") -> str:
    if value is None:
        return "-"
    if isinstance(value, str):
        return value
    return f"{value:,.1f}{unit}" if value < 100 else f"{value:,.0f}{unit}"


def verdict(ok: bool | None) -> str:
    return "-" if ok is None else ("PASS" if ok else "FAIL")


Row = tuple[str, str, str, str, str, str]  # (measure, defection-search, other, other value, ratio, target)


def ingest_rows(r: dict) -> list[Row]:
    if "whoosh" not in r["ingest"]:  # --distinct-from: the copies' cost only
        return duplication_rows(r["ingest"])
    rows = []
    lib, bare = r["ingest"]["library"], r["ingest"]["whoosh"]
    ratio = lib["docs_per_s"] / bare["docs_per_s"]
    rows.append(("ingest docs/s (end to end)", fmt(lib["docs_per_s"]), "bare Whoosh", fmt(bare["docs_per_s"]),
                 f"{ratio:.2f}x", f">= {TARGETS['ingest_x_whoosh']}x {verdict(ratio >= TARGETS['ingest_x_whoosh'])}"))
    if r["ingest"].get("pairs"):
        rows.append(median_pair_row(r["ingest"]["pairs"]))
    rows.append(("index size MB", fmt(lib["size_mb"]), "bare Whoosh", fmt(bare["size_mb"]),
                 f"{lib['size_mb'] / bare['size_mb']:.2f}x", ""))
    rows += duplication_rows(r["ingest"])
    sq = r["ingest"]["sqlite"]
    rows.append(("(SQLite load+FTS5 build docs/s, size MB)", "", "SQLite FTS5",
                 f"{fmt(sq['docs_per_s'])}, {fmt(sq['size_mb'])} MB", "", ""))
    return rows


def median_pair_row(pairs: list[list[float]]) -> Row:
    """The ratio of the median pair (`--repeat`), with every pair's ratio beside it."""
    ratios = sorted(ours / bare for ours, bare in pairs)
    median = statistics.median(ratios)
    return (f"ingest, median of {len(pairs)} alternating pairs", "", "bare Whoosh",
            " ".join(f"{ratio:.2f}" for ratio in ratios), f"{median:.2f}x",
            f">= {TARGETS['ingest_x_whoosh']}x {verdict(median >= TARGETS['ingest_x_whoosh'])}")


def duplication_rows(ingests: dict) -> list[Row]:
    """Bare Whoosh with one commit, and the same corpus without its syndicated copies, when run."""
    rows, lib = [], ingests["library"]
    if lib.get("joined") is not None:
        rows.append(("articles that joined an existing cluster", f"{lib['joined']:,}", "", "", "", ""))
    if "whoosh_one_commit" in ingests:
        one = ingests["whoosh_one_commit"]
        rows.append(("ingest docs/s (end to end)", fmt(lib["docs_per_s"]), "bare Whoosh, one commit",
                     fmt(one["docs_per_s"]), f"{lib['docs_per_s'] / one['docs_per_s']:.2f}x", ""))
    if "library_distinct" in ingests:
        distinct, limit = ingests["library_distinct"], TARGETS["syndicated_x_distinct"]
        ratio = lib["seconds"] / distinct["seconds"]
        rows.append((f"ingest s, {ingests['syndicated']:,} copies of one story", fmt(lib["seconds"]),
                     "no copies, same length", fmt(distinct["seconds"]), f"{ratio:.2f}x",
                     f"<= {limit:g}x {verdict(ratio <= limit)}"))
    return rows


def make_table(r: dict) -> list[Row]:
    rows = ingest_rows(r)
    fts = r["latency"]["fts5"]
    for kind in KINDS:
        ours, theirs = r["latency"]["library"][kind], fts[kind]
        for p in ("p50", "p95", "p99"):
            x = ours[p] / theirs[p] if theirs[p] else float("inf")
            target = ""
            if kind == "full_page" and p in ("p50", "p95"):
                limit = TARGETS[f"full_page_{p}_x_fts"]
                target = f"<= {limit:g}x {verdict(x <= limit)}"
            rows.append((f"library {KIND_LABELS[kind]} {p} ms", fmt(ours[p]), "SQLite FTS5", fmt(theirs[p]),
                         f"{x:.2f}x", target))
    ours_http, ds = r.get("http", {}), r.get("datasette", {})
    for kind in KINDS:
        for clients in HTTP_CLIENTS:
            key = f"{kind}/{clients}"
            o = ours_http.get(key, {}) if "skipped" not in ours_http else {}
            d = ds.get(key, {}) if "skipped" not in ds else {}
            if not o and not d:
                continue
            for p in ("p50", "p95"):
                x = o.get(p) / d[p] if o.get(p) and d.get(p) else None
                target = ""
                if kind == "full_page" and clients == 8 and p == "p95" and x is not None:
                    target = f"< Datasette {verdict(x < 1)}"
                rows.append((f"HTTP {KIND_LABELS[kind]} x{clients} {p} ms", fmt(o.get(p)), "Datasette",
                             fmt(d.get(p)), f"{x:.2f}x" if x else "-", target))
            ot, dt = o.get("throughput"), d.get("throughput")
            x = ot / dt if ot and dt else None
            target = f"> Datasette {verdict(x > 1)}" if kind == "full_page" and clients == 8 and x else ""
            errors = f" ({o.get('errors', 0)}/{d.get('errors', 0)} errors)" if o.get("errors") or d.get("errors") else ""
            rows.append((f"HTTP {KIND_LABELS[kind]} x{clients} req/s{errors}", fmt(ot), "Datasette", fmt(dt),
                         f"{x:.2f}x" if x else "-", target))
    if "skipped" in ours_http:
        rows.append(("HTTP defection-search", ours_http["skipped"], "", "", "", "SKIPPED"))
    if "skipped" in ds:
        rows.append(("HTTP Datasette", "", "Datasette", ds["skipped"], "", "SKIPPED"))
    if "skipped" not in ours_http and ours_http:
        rss, first = ours_http.get("rss_mb"), ours_http.get("start_to_first_s")
        rows.append(("serving RSS MB after warm-up", fmt(rss), "Datasette", fmt(ds.get("rss_mb")), "",
                     f"<= {TARGETS['rss_mb']:g} {verdict(rss <= TARGETS['rss_mb'])}"))
        rows.append(("serving RSS MB peak (VmHWM) after load", fmt(ours_http.get("hwm_mb")), "Datasette",
                     fmt(ds.get("hwm_mb")), "", ""))
        rows.append(("process start -> first result s", f"{first:.2f}", "Datasette",
                     fmt(ds.get("start_to_first_s")), "",
                     f"<= {TARGETS['first_result_s']:g} {verdict(first <= TARGETS['first_result_s'])}"))
    return rows


def print_table(rows, meta: str) -> str:
    header = ("measure", "defection-search", "compared with", "value", "ratio", "target")
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(6)]
    lines = [meta, "| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |",
             "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    lines += ["| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths)) + " |" for row in rows]
    text = "\n".join(lines)
    print(text)
    return text


# --- profiles ----------------------------------------------------------------------------------

def profile(index_dir: Path, corpus: Path, work: Path, queries: dict, top: int = 25) -> str:
    import cProfile
    import io
    import pstats

    settings = Settings(index_dir=index_dir)
    engine = Engine(settings)
    engine.search(request_from_params(queries["one_word"][0], settings))
    report = io.StringIO()
    prof = cProfile.Profile()
    prof.enable()
    for params in queries["full_page"][:100]:
        engine.search(request_from_params(params, settings))
    prof.disable()
    engine.close()
    report.write("## full page query (100 queries)\n")
    pstats.Stats(prof, stream=report).sort_stats("cumulative").print_stats(top)
    pstats.Stats(prof, stream=report).sort_stats("tottime").print_stats(top)
    first = sorted(Path(corpus).glob("part-*"))[0]
    prof = cProfile.Profile()
    prof.enable()
    ingest([first], Settings(index_dir=work / "profile-index"))
    prof.disable()
    report.write(f"## ingest of {first} (one folder)\n")
    pstats.Stats(prof, stream=report).sort_stats("cumulative").print_stats(top)
    pstats.Stats(prof, stream=report).sort_stats("tottime").print_stats(top)
    return report.getvalue()


def run_ingests(corpus: Path, index_dir: Path, bare_dir: Path, db_path: Path, log,
                one_commit: bool = False, distinct: Path | None = None, repeat: int = 1) -> dict:
    """Bare Whoosh, then defection-search; with `one_commit`, bare Whoosh committing once; with
    `distinct` (the corpus without its syndicated copies), defection-search on that too; with
    `repeat` > 1, that many more alternating pairs (bare Whoosh, defection-search) at the end."""
    for old in (index_dir, bare_dir, bare_dir.with_name("whoosh-one-commit"), index_dir.with_name("index-distinct")):
        if old.exists():
            shutil.rmtree(old)
    log("ingest: bare Whoosh")
    bare = ingest_bare_whoosh(corpus, bare_dir)
    log(f"  {bare['docs_per_s']:.1f} docs/s; ingest: defection-search")
    lib = ingest_library(corpus, index_dir)
    log(f"  {lib['docs_per_s']:.1f} docs/s ({lib['failed']} failed, {lib['joined']} joined a cluster)")
    results = {"library": lib, "whoosh": bare}
    if one_commit:
        log("ingest: bare Whoosh, one commit at the end")
        results["whoosh_one_commit"] = ingest_bare_whoosh(corpus, bare_dir.with_name("whoosh-one-commit"), None)
        log(f"  {results['whoosh_one_commit']['docs_per_s']:.1f} docs/s")
    if distinct is not None:
        log(f"ingest: defection-search, the same corpus without copies ({distinct})")
        results["library_distinct"] = ingest_library(distinct, index_dir.with_name("index-distinct"))
        log(f"  {results['library_distinct']['docs_per_s']:.1f} docs/s")
    if repeat > 1:
        results["pairs"] = [(lib["docs_per_s"], bare["docs_per_s"])] + alternating_pairs(
            corpus, index_dir.with_name("index-pair"), bare_dir.with_name("whoosh-pair"), repeat - 1, log)
    log("SQLite FTS5 build")
    rows, seconds = perf_sqlite.build_database(index_dir, db_path)
    return results | {"sqlite": {
        "docs": rows, "seconds": seconds, "docs_per_s": rows / seconds, "size_mb": db_path.stat().st_size / 1e6}}


def alternating_pairs(corpus: Path, index_dir: Path, bare_dir: Path, count: int, log) -> list[tuple[float, float]]:
    """(defection-search docs/s, bare Whoosh docs/s) of `count` more pairs, one after the other:
    on a host whose speed drifts by 10-20% between runs, the median pair says more than one."""
    pairs = []
    for number in range(count):
        for old in (index_dir, bare_dir):
            shutil.rmtree(old, ignore_errors=True)
        bare = ingest_bare_whoosh(corpus, bare_dir)["docs_per_s"]
        ours = ingest_library(corpus, index_dir)["docs_per_s"]
        log(f"  pair {number + 2}: {ours:.1f} vs {bare:.1f} docs/s ({ours / bare:.2f}x)")
        pairs.append((ours, bare))
    return pairs


def syndicated_beside_earlier(corpus: Path, index_dir: Path, distinct: Path, earlier: Path, log) -> dict:
    """defection-search on the corpus with copies; the corpus without them as a run in `earlier`
    ingested it, provided that run read the same corpus (the manifests agree but for build time)."""
    saved = json.loads((earlier / "ingest.json").read_text())
    results = earlier / "results.json"  # older runs name their corpus only here
    read = saved["library"].get("corpus") or (
        json.loads(results.read_text()).get("corpus") if results.is_file() else None)
    if not read or _manifest(distinct) != _manifest(Path(read)):
        raise SystemExit(f"{earlier}: its ingest did not read the corpus {distinct} is ({read})")
    if index_dir.exists():
        shutil.rmtree(index_dir)
    log(f"ingest: defection-search (the corpus without copies: {earlier}'s ingest)")
    lib = ingest_library(corpus, index_dir)
    log(f"  {lib['docs_per_s']:.1f} docs/s ({lib['failed']} failed, {lib['joined']} joined a cluster)")
    return {"library": lib, "library_distinct": saved["library"] | {"from": str(earlier)}}


def _manifest(corpus: Path) -> dict:
    manifest = json.loads((corpus / "corpus.manifest").read_text())
    manifest.pop("build_s", None)
    return manifest


# --- main --------------------------------------------------------------------------------------

def source_state() -> str:
    """The commit measured, and whether search/ or web/ had uncommitted edits at the time."""
    import subprocess
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "search", "web"], cwd=REPO,
                               capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + (" with uncommitted changes in search/ or web/" if dirty else "")


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "?")
    mem = next((int(line.split()[1]) / 1024 / 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    return f"{os.cpu_count()} cores, {cpu}, {mem:.0f} GB RAM, Python {sys.version.split()[0]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, help="articles (default 10,000; 1,000 with --quick)")
    parser.add_argument("--corpus-dir", type=Path, help="default /tmp/ds-corpus-N")
    parser.add_argument("--work-dir", type=Path, help="default /tmp/ds-perf-N (indexes, db, logs)")
    parser.add_argument("--queries", type=int, default=300, help="queries per kind")
    parser.add_argument("--http-seconds", type=float, default=20.0, help="cap per HTTP kind and client count")
    parser.add_argument("--skip-datasette", action="store_true")
    parser.add_argument("--skip-http", action="store_true")
    parser.add_argument("--quick", action="store_true", help="1,000 articles, 50 queries")
    parser.add_argument("--reuse", action="store_true",
                        help="reuse the indexes, database and ingest numbers a previous run left in --work-dir")
    parser.add_argument("--profile", action="store_true", help="also cProfile the full page query and ingest")
    parser.add_argument("--ingest-only", action="store_true", help="stop after the ingest comparison")
    parser.add_argument("--raw-reuters", action="store_true",
                        help="the first N Reuters stories as they are (implies --one-commit)")
    parser.add_argument("--syndicated", type=int, default=0, metavar="K",
                        help="K of the N articles are copies of one story; also ingest the corpus without them")
    parser.add_argument("--one-commit", action="store_true", help="also time bare Whoosh committing once at the end")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="time N alternating pairs (bare Whoosh, defection-search) and report the median "
                             "pair's ratio too (the first pair's row stays)")
    parser.add_argument("--distinct-from", type=Path, metavar="WORK_DIR",
                        help="with --syndicated and --ingest-only: time only defection-search on the "
                             "corpus with copies, and take the corpus without them from the ingest a "
                             "run on that same corpus left in WORK_DIR (saves two 100,000-article ingests)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be 1 or more")
    if args.repeat > 1 and (args.distinct_from or args.reuse):
        parser.error("--repeat times fresh ingests: it cannot go with --distinct-from or --reuse")
    if args.distinct_from and not (args.syndicated and args.ingest_only):
        parser.error("--distinct-from needs --syndicated and --ingest-only")
    if args.quick:
        args.queries = min(args.queries, 50)
        args.http_seconds = min(args.http_seconds, 5.0)
    args.n = args.n or (1000 if args.quick else 10_000)
    case = ("-reuters" if args.raw_reuters else "") + (f"-syndicated-{args.syndicated}" if args.syndicated else "")
    corpus = args.corpus_dir or Path(f"/tmp/ds-corpus-{args.n}{case}")
    work = args.work_dir or Path(f"/tmp/ds-perf-{args.n}{case}")
    work.mkdir(parents=True, exist_ok=True)
    log = lambda message: print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)  # noqa: E731

    log(f"corpus {corpus} ({args.n:,} articles)")
    corpus_mod.build_corpus(corpus, args.n, jobs=os.cpu_count() or 1, raw=args.raw_reuters,
                            syndicated=args.syndicated)
    distinct = None
    if args.syndicated:
        distinct = Path(f"{corpus}-distinct")
        log(f"corpus without copies {distinct}")
        corpus_mod.build_corpus(distinct, args.n, jobs=os.cpu_count() or 1, raw=args.raw_reuters)
        prewarm(corpus_files(distinct))
    files = corpus_files(corpus)
    prewarm(files)
    results: dict = {"n": args.n, "machine": machine(), "loadavg_start": os.getloadavg(),
                     "source": source_state(), "corpus": str(corpus), "queries_per_kind": args.queries}

    index_dir, bare_dir, db_path = work / "index", work / "whoosh-bare", work / "fts.db"
    saved = work / "ingest.json"
    if args.reuse and saved.is_file() and index_dir.is_dir():
        log(f"ingest: reusing the indexes in {work} (--reuse); rebuilding the SQLite database")
        results["ingest"] = json.loads(saved.read_text())
        rows, seconds = perf_sqlite.build_database(index_dir, db_path)
        results["ingest"]["sqlite"] = {"docs": rows, "seconds": seconds, "docs_per_s": rows / seconds,
                                       "size_mb": db_path.stat().st_size / 1e6}
    else:
        results["ingest"] = syndicated_beside_earlier(
            corpus, index_dir, distinct, args.distinct_from, log) if args.distinct_from else run_ingests(
            corpus, index_dir, bare_dir, db_path, log, args.one_commit or args.raw_reuters, distinct, args.repeat)
        results["ingest"]["syndicated"] = args.syndicated
        saved.write_text(json.dumps(results["ingest"], indent=1))

    if args.ingest_only:
        results["table"] = print_table(ingest_rows(results), f"defection-search perf: {args.n:,} articles, "
                                       f"ingest only; source {results['source']}; {results['machine']}")
        (work / "results.json").write_text(json.dumps(results, indent=1, default=str))
        return 0
    queries = build_queries(corpus, args.queries)
    results["sample_queries"] = {kind: qs[:3] for kind, qs in queries.items()}
    log("latency: library")
    results["latency"] = {"library": library_latency(index_dir, queries)}
    log("latency: SQLite FTS5")
    results["latency"]["fts5"] = fts_latency(db_path, queries)

    ours_paths = {kind: ["/api/search?" + urllib.parse.urlencode(p, doseq=True) for p in qs]
                  for kind, qs in queries.items()}
    ds_paths = {kind: [perf_sqlite.datasette_path(db_path.stem, p) for p in qs] for kind, qs in queries.items()}
    if args.skip_http:
        results["http"] = {"skipped": "--skip-http"}
    else:
        log("HTTP: defection-search serve")
        results["http"] = serve_ours(index_dir, work, ours_paths, args.http_seconds)
    if args.skip_datasette or args.skip_http:
        results["datasette"] = {"skipped": "--skip-datasette" if args.skip_datasette else "--skip-http"}
    else:
        log("HTTP: datasette")
        results["datasette"] = serve_datasette(db_path, work, ds_paths, args.http_seconds)

    results["loadavg_end"] = os.getloadavg()
    meta = (f"defection-search perf: {args.n:,} articles, {args.queries} queries per kind, "
            f"sample word {sample_word(queries)!r}; source {results['source']}; {results['machine']}; load average "
            f"{results['loadavg_start'][0]:.1f} at start, {results['loadavg_end'][0]:.1f} at end")
    results["table"] = print_table(make_table(results), meta)
    if args.profile:
        log("profiles")
        results["profile"] = profile(index_dir, corpus, work, queries)
        (work / "profile.txt").write_text(results["profile"])
        log(f"profiles written to {work / 'profile.txt'}")
    (work / "results.json").write_text(json.dumps(results, indent=1, default=str))
    log(f"results written to {work / 'results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
