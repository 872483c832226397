"""CPU time of the route and crossing reader per article, beside another checkout's in one run.

    python bench/corpus.py --n 2000 --out /tmp/ds-corpus-2k
    python bench/route_speed.py /tmp/ds-corpus-2k [--n 2000] [--baseline DIR] [--repeat 3]

The articles are cleaned once, here; then each checkout (this one, and DIR if given, e.g. a
`git worktree add /tmp/base <commit>`) classifies the same (title, paragraphs) in a process of
its own, alternately, --repeat times. The figure is the median CPU milliseconds per article
of search.reading.routes.classify_routes (or search.routes.classify_routes in older
checkouts), which holds up better than wall time on a busy machine.
"""
from __future__ import annotations

import argparse
import pickle
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

# Run inside each checkout: time classify_routes over the pickled articles, print ms/article.
CHILD = """
import pickle, sys, time
sys.path.insert(0, sys.argv[1])
try:
    from search.reading.routes import classify_routes
except ImportError:
    from search.routes import classify_routes
articles = pickle.load(open(sys.argv[2], "rb"))
start = time.process_time()
for title, paragraphs in articles:
    classify_routes(title, paragraphs)
print((time.process_time() - start) * 1000 / len(articles))
"""


def cleaned_articles(corpus: Path, limit: int) -> list[tuple[str, tuple[str, ...]]]:
    from search.cleaning import clean_plain_text
    files = sorted(corpus.rglob("*.txt"))[:limit]
    if not files:
        raise SystemExit(f"{corpus}: no .txt articles (make some with bench/corpus.py)")
    cleaned = [clean_plain_text(path.read_text(encoding="utf-8")) for path in files]
    return [(text.title, text.paragraphs) for text in cleaned]


def time_checkout(checkout: Path, articles_file: Path) -> float:
    run = subprocess.run([sys.executable, "-c", CHILD, str(checkout), str(articles_file)],
                         capture_output=True, text=True, check=True)
    return float(run.stdout.strip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="folder of .txt articles")
    parser.add_argument("--n", type=int, default=2000, help="articles (default 2,000)")
    parser.add_argument("--baseline", type=Path, help="another checkout to time beside this one")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    checkouts = {"this checkout": REPO} | ({"baseline": args.baseline} if args.baseline else {})
    with tempfile.TemporaryDirectory() as scratch:
        articles_file = Path(scratch) / "articles.pickle"
        articles = cleaned_articles(args.corpus, args.n)
        articles_file.write_bytes(pickle.dumps(articles))
        times: dict[str, list[float]] = {name: [] for name in checkouts}
        for _ in range(args.repeat):
            for name, checkout in checkouts.items():
                times[name].append(time_checkout(checkout, articles_file))
    print(f"{len(articles)} articles, median of {args.repeat} runs, CPU ms per article")
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, median in medians.items():
        print(f"{name:14} {median:7.3f} ms  ({checkouts[name]})")
    if args.baseline:
        print(f"ratio this/baseline {medians['this checkout'] / medians['baseline']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
