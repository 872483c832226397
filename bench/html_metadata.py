"""Site name and published date of saved HTML pages: the project beside trafilatura's metadata
and htmldate, on pages labelled by hand.

    python bench/html_metadata.py [--pages DIR] [--labels FILE] [--misses]

--pages: a folder of saved pages, <id>.html or <id>.html.gz (default: the article-extraction
benchmark's pages in ../shared/benchmarks/article-extraction/data/html). --labels: JSON Lines,
one object per page: {"id", "url", "site_name", "published", "note"}; site_name or published
null when the page states none in its markup or text (those are not scored). The default is
bench/data/html_metadata_labels.jsonl: the pages' own statements, labelled by reading each
page (markup, byline, masthead, footer), not by agreement of the tools.

The project is given the page alone (as `defection-search clean page.html` reads it); the
other two get the page and, as they ask for, its URL. Names are compared as bench/labels.py
compares outlets (case, punctuation and a leading "The" ignored).
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import trafilatura  # noqa: E402
from htmldate import find_date  # noqa: E402

from bench.labels import same_outlet  # noqa: E402
from search import RawDocument, build_article  # noqa: E402

DEFAULT_PAGES = REPO.parent / "shared/benchmarks/article-extraction/data/html"
DEFAULT_LABELS = REPO / "bench/data/html_metadata_labels.jsonl"
SYSTEMS = ("project", "trafilatura", "htmldate")


def read_page(pages: Path, page_id: str) -> str:
    for name in (f"{page_id}.html.gz", f"{page_id}.html"):
        path = pages / name
        if path.exists():
            data = path.read_bytes()
            return (gzip.decompress(data) if name.endswith(".gz") else data).decode("utf-8", "replace")
    raise FileNotFoundError(f"{pages}/{page_id}.html[.gz]")


def project(html: str, url: str | None) -> tuple[str | None, str | None]:
    article = build_article(RawDocument(origin="page.html", html=html))
    return article.outlet, article.published


def with_trafilatura(html: str, url: str | None) -> tuple[str | None, str | None]:
    meta = trafilatura.extract_metadata(html, default_url=url)
    return (meta.sitename, meta.date) if meta else (None, None)


def with_htmldate(html: str, url: str | None) -> tuple[str | None, str | None]:
    return None, find_date(html, original_date=True, url=url)


RUNNERS = {"project": project, "trafilatura": with_trafilatura, "htmldate": with_htmldate}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    parser.add_argument("--misses", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    labels = [json.loads(line) for line in args.labels.read_text("utf-8").splitlines() if line.strip()]
    right = {(s, f): 0 for s in SYSTEMS for f in ("site_name", "published")}
    seconds = dict.fromkeys(SYSTEMS, 0.0)
    misses: list[str] = []
    for label in labels:
        html = read_page(args.pages, label["id"])
        for system in SYSTEMS:
            started = time.process_time()
            name, date = RUNNERS[system](html, label.get("url"))
            seconds[system] += time.process_time() - started
            if label.get("site_name") and same_outlet(label["site_name"], name):
                right[system, "site_name"] += 1
            elif label.get("site_name") and system != "htmldate":
                misses.append(f"{system:11} {label['id'][:10]} site: {label['site_name']!r} -> {name!r}")
            if label.get("published") and date == label["published"]:
                right[system, "published"] += 1
            elif label.get("published"):
                misses.append(f"{system:11} {label['id'][:10]} date: {label['published']} -> {date}")
    named = sum(1 for label in labels if label.get("site_name"))
    dated = sum(1 for label in labels if label.get("published"))
    print(f"pages {len(labels)}; with a site name {named}; with a date {dated}")
    print(f"{'system':12} {'site name':>16} {'published':>16} {'CPU s/page':>11}")
    for system in SYSTEMS:
        site = f"{right[system, 'site_name']}/{named} {right[system, 'site_name'] / named:.3f}" if system != "htmldate" else "-"
        date = f"{right[system, 'published']}/{dated} {right[system, 'published'] / dated:.3f}"
        print(f"{system:12} {site:>16} {date:>16} {seconds[system] / len(labels):>11.4f}")
    if args.misses:
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
