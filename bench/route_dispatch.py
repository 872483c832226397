"""What the Korean dispatch costs each article, beside what reading its routes costs, in one run.

    python bench/route_dispatch.py TEXT_DIR LABELS [--split dev] [--repeat 5]

classify_routes asks search.reading.hangul.written_in_korean of every article before reading
it, English or Korean. The articles of a labels file (bench/labels.py's format) are cleaned
once; then both are timed over them, alternately, --repeat times (CPU time, median), so the
ratio is measured side by side. Run it on the English set (the dispatch must cost next to
nothing there) and on the Korean one (the cost of the Korean reader itself).
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from search import InputError, RawDocument  # noqa: E402
from search.pipeline import clean_stage  # noqa: E402
from search.reading.hangul import written_in_korean  # noqa: E402
from search.reading.routes import classify_routes  # noqa: E402

Article = tuple[str, list[str]]


def cleaned_articles(text_dir: Path, labels: Path, split: str | None) -> list[Article]:
    articles = []
    for line in labels.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if split and item.get("split", "dev") != split:
            continue
        path = text_dir / item["file"]
        content = path.read_text(encoding="utf-8")
        html = path.suffix.lower() in (".html", ".htm")
        raw = RawDocument(origin=str(path), html=content) if html else \
            RawDocument(origin=str(path), text=content)
        try:
            cleaned = clean_stage(raw)
        except InputError:
            continue
        articles.append((cleaned.title, list(cleaned.paragraphs)))
    return articles


def cpu_us_per_article(step, articles: list[Article]) -> float:
    start = time.process_time()
    for title, paragraphs in articles:
        step(title, paragraphs)
    return (time.process_time() - start) * 1e6 / len(articles)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("text_dir", type=Path)
    parser.add_argument("labels", type=Path)
    parser.add_argument("--split", default="dev", help="only this split ('' for all)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    articles = cleaned_articles(args.text_dir, args.labels, args.split or None)
    korean = sum(written_in_korean(title, paragraphs) for title, paragraphs in articles)
    cpu_us_per_article(classify_routes, articles)  # warm the cue caches
    dispatch, reading = [], []
    for _ in range(args.repeat):
        dispatch.append(cpu_us_per_article(written_in_korean, articles))
        reading.append(cpu_us_per_article(classify_routes, articles))
    d, r = statistics.median(dispatch), statistics.median(reading)
    print(f"{len(articles)} articles ({korean} read as Korean): dispatch {d:.1f} us/article, "
          f"classify_routes {r / 1000:.2f} ms/article, dispatch share {100 * d / r:.2f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
