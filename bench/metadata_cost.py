"""What reading the metadata costs: the markup reader alone and the whole build of an article,
for the checkout at REPO (run it for two checkouts side by side to compare them).

    flock /tmp/ds-heavy.lock python bench/metadata_cost.py REPO [--texts DIR] [--pages DIR]

Prints CPU milliseconds per page (best of 3 runs) of `extract_page_metadata` on the saved
pages, and of `build_article` on 150 plain-text pages (with a URL given, as a sidecar gives
it) and on 80 saved pages.
"""
from __future__ import annotations

import argparse
import gzip
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
DEFAULT_PAGES = HERE.parent / "shared/benchmarks/article-extraction/data/html"
DEFAULT_TEXTS = HERE.parent / "shared/benchmarks/article-extraction/plaintext/txt"


def best_ms(work, items, runs: int = 3) -> float:
    work(items[0])  # warm up: tables, the suffix list, regex caches
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        for item in items:
            work(item)
        best = min(best, time.process_time() - started)
    return best / len(items) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("repo", type=Path)
    parser.add_argument("--texts", type=Path, default=DEFAULT_TEXTS)
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    args = parser.parse_args()
    sys.path.insert(0, str(args.repo.resolve()))
    from search import RawDocument, build_article
    from search.cleaning.html_metadata import extract_page_metadata

    pages = [gzip.decompress(p.read_bytes()).decode("utf-8", "replace")
             for p in sorted(args.pages.glob("*.html.gz"))]
    texts = [p.read_text("utf-8") for p in sorted(args.texts.glob("*.txt"))][:150]
    url = {"url": "https://www.example.com/2019/01/02/story"}
    text_docs = [RawDocument(origin="page.txt", text=t, sidecar=url) for t in texts]
    html_docs = [RawDocument(origin="page.html", html=h) for h in pages[:80]]
    print(f"{args.repo}: extract_page_metadata {best_ms(extract_page_metadata, pages):.2f} ms/page; "
          f"build_article text {best_ms(build_article, text_docs):.2f} ms, "
          f"html {best_ms(build_article, html_docs):.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
