"""The `defection-search` command: parse arguments, call search/'s public API, print.

No logic of its own lives here. Exit statuses are a contract (README): 0 success,
1 some input failed, 2 usage or a bad query, 3 the index is locked by another writer,
4 the index is missing, corrupt or needs a rebuild.
"""
from __future__ import annotations

import argparse
import html
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import search
from search import (
    Article, Engine, IndexLocked, IndexUnavailable, InputError, QueryError, SearchResult, Settings,
    bundled_seeds, request_from_params,
)
from search.requests import SORTS
from search.settings import is_default_index_dir

EXIT_OK, EXIT_INPUT_FAILED, EXIT_USAGE, EXIT_LOCKED, EXIT_INDEX_UNUSABLE = 0, 1, 2, 3, 4
EXIT_STATUS_OF = {QueryError: EXIT_USAGE, IndexLocked: EXIT_LOCKED, IndexUnavailable: EXIT_INDEX_UNUSABLE}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.run(args)
    except (QueryError, IndexLocked, IndexUnavailable) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_STATUS_OF[type(error)]
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="defection-search",
        description="Full-text search over news reporting on North Korean defections.")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    _add_clean(commands)
    _add_index(commands)
    _add_remove(commands)
    _add_query(commands)
    _add_serve(commands)
    _add_harvest(commands)
    return parser


def _add_clean(commands: argparse._SubParsersAction) -> None:
    clean = commands.add_parser("clean", help="print the cleaned article(s) of a file or folder")
    clean.add_argument("path", type=Path, metavar="PATH")
    clean.add_argument("--json", action="store_true", help="one JSON object per article")
    clean.set_defaults(run=run_clean)


def run_clean(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    failed = False
    for item in search.iter_articles([args.path], settings.max_input_bytes):
        if isinstance(item, InputError):
            print(f"error: {item}", file=sys.stderr)
            failed = True
        elif args.json:
            print(json.dumps(item.to_json(), ensure_ascii=False))
        else:
            print(format_article(item))
    return EXIT_INPUT_FAILED if failed else EXIT_OK


def format_article(article: Article) -> str:
    """A readable view: the metadata with provenance, the labels with evidence, the body."""
    p = article.provenance
    lines = [
        article.title, "=" * min(len(article.title), 78),
        f"outlet:    {article.outlet or 'unknown'} ({p['outlet']})",
        f"published: {article.published or 'unknown'} ({p['published']})",
        f"url:       {article.url or 'unknown'} ({p['url']})",
        f"routes:    {', '.join(article.routes) or 'none'}"
        f" (primary: {article.primary_route or 'none'});"
        f" crossings: {', '.join(article.crossings) or 'none'}",
        *[f"  - {e.route}/{e.crossing}: {e.sentence}" for e in article.route_evidence],
        f"cites:     {', '.join(article.cited_sources) or 'none'}",
        f"removed:   {_removed_summary(article)}",
        "", article.body, "",
    ]
    return "\n".join(lines)


def _removed_summary(article: Article) -> str:
    counts: dict[str, int] = {}
    for span in article.removed:
        counts[span.kind] = counts.get(span.kind, 0) + 1
    return ", ".join(f"{kind} {n}" for kind, n in counts.items()) or "nothing"


def _add_index(commands: argparse._SubParsersAction) -> None:
    index = commands.add_parser("index", help="add files and folders to the index (default: the bundled seeds)")
    index.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    _add_index_dir(index)
    index.add_argument("--rebuild", action="store_true",
                       help="build a new index beside the old one and swap it in atomically")
    index.add_argument("--lock-timeout", type=float, default=None, metavar="SECONDS",
                       help="how long to wait for another writer (default: writer_lock_timeout_s)")
    index.add_argument("--sync", action="store_true",
                       help="also remove the articles whose source file under PATH is gone")
    index.set_defaults(run=run_index)


def _add_remove(commands: argparse._SubParsersAction) -> None:
    remove = commands.add_parser("remove", help="remove articles from the index by id or URL")
    remove.add_argument("targets", nargs="+", metavar="ID_OR_URL")
    _add_index_dir(remove)
    remove.add_argument("--lock-timeout", type=float, default=None, metavar="SECONDS",
                        help="how long to wait for another writer (default: writer_lock_timeout_s)")
    remove.set_defaults(run=run_remove)


def run_remove(args: argparse.Namespace) -> int:
    settings = Settings.from_env(index_dir=args.index_dir, writer_lock_timeout_s=args.lock_timeout)
    report = search.remove(args.targets, settings)
    for target in report.not_found:
        print(f"not found: {target}: no article in the index has this id or URL", file=sys.stderr)
    print(report.summary())
    return EXIT_INPUT_FAILED if report.not_found else EXIT_OK


def _add_index_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--index-dir", type=Path, default=None, metavar="DIR",
                        help="index folder (default: ./index, or $DEFECTION_SEARCH_INDEX)")


def run_index(args: argparse.Namespace) -> int:
    settings = Settings.from_env(index_dir=args.index_dir, writer_lock_timeout_s=args.lock_timeout)
    paths = args.paths or [bundled_seeds()]
    with _progress_bar() as progress:
        report = search.ingest(paths, settings, rebuild=args.rebuild, progress=progress, sync=args.sync)
    for message in report.failed:
        print(f"failed: {message}", file=sys.stderr)
    for message in report.skipped:
        print(f"skipped: {message}", file=sys.stderr)
    print(report.summary())
    return EXIT_INPUT_FAILED if report.failed or report.skipped else EXIT_OK


class _progress_bar:
    """A tqdm bar on a terminal; nothing otherwise (the summary line says it all)."""

    def __init__(self, unit: str = " articles") -> None:
        self.unit = unit

    def __enter__(self):
        self._bar = None
        if sys.stderr.isatty():
            from tqdm import tqdm
            self._bar = tqdm(unit=self.unit, file=sys.stderr, leave=False)
        return self

    def __call__(self, outcome: str, origin: str) -> None:
        if self._bar is not None:
            self._bar.update(1)

    def __exit__(self, *exc_info) -> None:
        if self._bar is not None:
            self._bar.close()


def _add_query(commands: argparse._SubParsersAction) -> None:
    query = commands.add_parser("query", help="search the index")
    query.add_argument("text", nargs="?", default="", metavar="TEXT",
                       help="the query; empty browses everything, newest first")
    for facet, flag in (("route", "--route"), ("crossing", "--crossing"), ("outlet", "--outlet"),
                        ("cites", "--cites"), ("year", "--year"), ("primary_route", "--primary-route"),
                        ("lang", "--lang")):
        query.add_argument(flag, dest=facet, action="append", default=[], metavar="VALUE")
        query.add_argument(f"--exclude-{flag[2:]}", dest=f"exclude_{facet}", action="append",
                           default=[], metavar="VALUE")
    query.add_argument("--from", dest="date_from", metavar="DATE")
    query.add_argument("--to", dest="date_to", metavar="DATE")
    query.add_argument("--sort", choices=SORTS, default="relevance")
    query.add_argument("--page", default="1", metavar="N")
    query.add_argument("--page-size", default=None, metavar="N")
    query.add_argument("--all-versions", action="store_true", help="do not collapse near-duplicates")
    query.add_argument("--json", action="store_true")
    _add_index_dir(query)
    query.set_defaults(run=run_query)


def run_query(args: argparse.Namespace) -> int:
    settings = Settings.from_env(index_dir=args.index_dir)
    params = {key: value if isinstance(value, list) else [value]
              for key, value in vars(args).items() if value not in (None, [], False)}
    params.update({"q": [args.text], "from": params.pop("date_from", []), "to": params.pop("date_to", [])})
    params["collapse"] = ["0" if args.all_versions else "1"]
    engine = Engine(settings)
    try:
        result = engine.search(request_from_params(params, settings))
    finally:
        engine.close()
    for notice in result.notices:
        print(f"note: {notice}", file=sys.stderr)
    print(json.dumps(result.to_json(), ensure_ascii=False, indent=2) if args.json else format_result(result))
    return EXIT_OK


def format_result(result: SearchResult) -> str:
    lines = [f"{counted(result.total, 'article')} ({counted(result.total_collapsed, 'story', 'stories')}), "
             f"page {result.page} of {result.pages}, sorted by {result.sort}, {result.took_ms:.1f} ms"]
    if result.suggestion:
        lines.append(f"did you mean: {result.suggestion}")
    lines += [f"also searched: {e.term} = {' | '.join(e.variants)}" for e in result.expansions]
    for number, hit in enumerate(result.results, start=(result.page - 1) * result.page_size + 1):
        versions = f" (+{hit.cluster_size - 1} other versions)" if hit.cluster_size > 1 else ""
        lines += ["", f"{number}. {hit.title}{versions}",
                  f"   {hit.outlet or 'unknown outlet'} | {hit.published or 'undated'} | "
                  f"routes: {', '.join(hit.routes) or 'none'} | id {hit.id}",
                  f"   {_unmark(hit.snippet)}"]
    for facet in result.facets:
        values = ", ".join(f"{v.value} {v.count}" for v in facet.values if v.count)
        lines.append(f"{facet.label}: {values or '-'}")
    return "\n".join(lines)


def counted(number: int, one: str, many: str | None = None) -> str:
    """"1 article", "2 articles": a person never writes "1 articles (1 stories)"."""
    return f"{number:,} {one if number == 1 else (many or one + 's')}"


def _unmark(snippet: str) -> str:
    """Terminal view of a safe-HTML snippet: matches in [brackets], entities decoded."""
    return html.unescape(snippet.replace("<mark>", "[").replace("</mark>", "]"))


def _add_serve(commands: argparse._SubParsersAction) -> None:
    serve = commands.add_parser("serve", help="serve the web search with a production WSGI server")
    _add_index_dir(serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--threads", type=int, default=8)
    serve.add_argument("--trusted-proxy", action="append", default=[], metavar="ADDR",
                       help="IP address of a reverse proxy whose X-Forwarded-For/Proto/Host/Prefix "
                            "headers are honoured (repeatable; default: $DEFECTION_SEARCH_TRUSTED_PROXIES)")
    serve.add_argument("--url-prefix", default=None, metavar="PATH",
                       help="serve under this path, e.g. /research (default: $DEFECTION_SEARCH_URL_PREFIX)")
    serve.set_defaults(run=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    from web.serving import serve  # the web adapter is imported only by this command
    settings = Settings.from_env(index_dir=args.index_dir)
    try:
        proxy = _proxy_options(args)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    return serve(settings, host=args.host, port=args.port, threads=args.threads,
                 seed=is_default_index_dir(args.index_dir), proxy=proxy)


def _proxy_options(args: argparse.Namespace) -> dict[str, object]:
    """--trusted-proxy and --url-prefix, checked now; unset ones come from the environment."""
    from web.proxy import checked_prefix, checked_proxies
    proxy: dict[str, object] = {}
    if args.trusted_proxy:
        proxy["TRUSTED_PROXIES"] = checked_proxies(args.trusted_proxy, "--trusted-proxy")
    if args.url_prefix is not None:
        proxy["URL_PREFIX"] = checked_prefix(args.url_prefix, "--url-prefix")
    return proxy


def _add_harvest(commands: argparse._SubParsersAction) -> None:
    harvest = commands.add_parser(
        "harvest", help="fetch pages from URL lists, feeds and sitemaps into the archive, and index them")
    harvest.add_argument("--urls", dest="url_files", action="append", default=[], type=Path, metavar="FILE",
                         help="one URL a line, or a CSV with a url column (repeatable)")
    harvest.add_argument("--feed", dest="feeds", action="append", default=[], metavar="URL", help="an RSS or Atom feed (repeatable)")
    harvest.add_argument("--sitemap", dest="sitemaps", action="append", default=[], metavar="URL",
                         help="a sitemap, sitemap index or news sitemap (repeatable)")
    harvest.add_argument("--archive", type=Path, default=None, metavar="DIR",
                         help="where fetched pages are kept (default: 'archive' beside the index folder)")
    harvest.add_argument("--since", default=None, metavar="DATE",
                         help="skip feed and sitemap entries dated before DATE (YYYY-MM-DD)")
    harvest.add_argument("--only-crossings", action="store_true",
                         help="index only articles that report a crossing (the rest stay in the archive)")
    harvest.add_argument("--delay", type=float, default=None, metavar="SECONDS",
                         help="wait between two requests to one host (default: harvest_delay_s, 2)")
    harvest.add_argument("--contact", default=None, metavar="EMAIL_OR_URL",
                         help="how site owners can reach you; sent in the User-Agent")
    _add_index_dir(harvest)
    harvest.set_defaults(run=run_harvest)


def run_harvest(args: argparse.Namespace) -> int:
    from search.harvest import harvest  # the harvester is imported only by this command
    request, problem = _harvest_request(args)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    if not request.contact:
        print("note: no --contact given; site owners cannot tell who is fetching their pages",
              file=sys.stderr)
    settings = Settings.from_env(index_dir=args.index_dir)
    with _progress_bar(unit=" URLs") as progress:
        report = harvest(request, settings, progress=progress)
    for message in report.tally.errors + list(report.indexed.failed if report.indexed else ()):
        print(f"error: {message}", file=sys.stderr)
    print(report.summary())
    return EXIT_INPUT_FAILED if report.failed else EXIT_OK


def _harvest_request(args: argparse.Namespace):
    """The request, or a usage problem naming the flag."""
    from search.harvest import HarvestRequest
    if not (args.url_files or args.feeds or args.sitemaps):
        return None, "harvest needs at least one source: --urls FILE, --feed URL or --sitemap URL"
    if args.delay is not None and not 0 <= args.delay <= 3600:
        return None, f"--delay: {args.delay} is not a number of seconds from 0 to 3600"
    since = None
    if args.since is not None:
        try:
            since = date.fromisoformat(args.since)
        except ValueError:
            return None, f"--since: {args.since!r} is not a date (expected YYYY-MM-DD)"
    return HarvestRequest(
        url_files=tuple(args.url_files), feeds=tuple(args.feeds), sitemaps=tuple(args.sitemaps),
        archive_dir=args.archive, since=since, only_crossings=args.only_crossings,
        delay_s=args.delay, contact=args.contact), None


if __name__ == "__main__":
    sys.exit(main())
