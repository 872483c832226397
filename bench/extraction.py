"""Article-body extraction benchmark: the project's cleaners against the reference tools.

Runs the shared scorer (shared/benchmarks/article-extraction/score.py, imported, not
copied) over both variants of the benchmark, the 181 HTML pages with
search.cleaning.html:extract_body_html and their plain-text copies with
search.cleaning.plaintext:extract_body_plaintext, plus the 10 comment-thread pages of each,
and prints them beside the reference rows of the benchmark's README.

    python bench/extraction.py [--shared PATH] [--repeat N]

pages/s is pages per CPU second of the extraction loop (median of --repeat runs), which
holds up better than wall time on a busy machine.
"""
from __future__ import annotations

import argparse
import csv
import importlib
import importlib.util
import json
import statistics
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = REPO.parent / "shared"
BENCH_DIR = Path("benchmarks") / "article-extraction"

# (name, F1, precision, recall, pages per CPU second) as given in the benchmark's README.
REFERENCE_ROWS = (
    ("trafilatura favor_precision (HTML)", 0.964, 0.958, 0.971, 63),
    ("trafilatura defaults, no comments (HTML)", 0.960, 0.942, 0.978, 66),
    ("readability-lxml + html-text (HTML)", 0.955, 0.935, 0.975, 63),
    ("plain: identity", 0.684, 0.522, 0.993, None),
    ("plain: lines >= 20 words", 0.829, 0.812, 0.846, None),
    ("plain: line oracle (upper bound)", 0.983, 0.979, 0.988, None),
)


@dataclass(frozen=True)
class Variant:
    """One input variant of the benchmark and the project function that cleans it."""

    name: str
    inputs: str  # directory under the benchmark folder
    function: str  # "module:function", page text -> body text


VARIANTS = (
    Variant("html", "data/html", "search.cleaning.html:extract_body_html"),
    Variant("plaintext", "plaintext/txt", "search.cleaning.plaintext:extract_body_plaintext"),
)


@dataclass(frozen=True)
class Score:
    f1: float
    precision: float
    recall: float
    pages: int


def benchmark_dir(shared: Path = DEFAULT_SHARED) -> Path:
    return shared / BENCH_DIR


def load_scorer(bench: Path) -> ModuleType:
    """Import the benchmark's own score.py, so the metric is never reimplemented here."""
    spec = importlib.util.spec_from_file_location("article_extraction_score", bench / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_ground_truth(bench: Path) -> dict[str, dict]:
    with open(bench / "data" / "ground-truth.json", encoding="utf-8") as f:
        return json.load(f)


def comment_thread_ids(bench: Path) -> list[str]:
    """The pages whose static HTML holds a visible reader-comment thread."""
    with open(bench / "comment_pages.tsv", encoding="utf-8", newline="") as f:
        return [row["id"] for row in csv.DictReader(f, delimiter="\t")
                if row["kind"] == "comment_thread"]


def find_function(spec: str) -> Callable[[str], str] | None:
    """The cleaner named 'module:function', or None when it does not exist (yet)."""
    module_name, _, function_name = spec.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return None
    return getattr(module, function_name, None)


def run_cleaner(scorer: ModuleType, bench: Path, variant: Variant, ground_truth: dict,
                function: Callable[[str], str]) -> tuple[dict[str, str], float]:
    """Predictions for every page in `ground_truth`, and the CPU seconds it took."""
    predictions, (_, cpu_seconds), _ = scorer.run_extractor(
        ground_truth, str(bench / variant.inputs), func=function, quiet=True)
    return predictions, cpu_seconds


def score_predictions(scorer: ModuleType, ground_truth: dict, predictions: dict[str, str],
                      ids: Iterable[str]) -> Score:
    """score.py's corpus metric over the pages `ids`."""
    rows = []
    for page_id in ids:
        tp, fp, fn, exact = scorer.page_counts(
            scorer.body_of(ground_truth[page_id]), predictions.get(page_id, ""))
        precision, recall, f1 = scorer.page_scores(tp, fp, fn)
        rows.append({"prec": precision, "rec": recall, "f1": f1, "exact": exact})
    result = scorer.aggregate(rows)
    return Score(result["f1"], result["precision"], result["recall"], len(rows))


def _format_row(name: str, score: Score | None, pages_per_s: float | None = None) -> str:
    if score is None:
        return f"| {name} | missing | | | |"
    speed = f"{pages_per_s:.0f}" if pages_per_s else ""
    return (f"| {name} | {score.f1:.3f} | {score.precision:.3f} | {score.recall:.3f} "
            f"| {speed} |")


def variant_rows(scorer: ModuleType, bench: Path, variant: Variant, repeat: int) -> list[str]:
    """Table rows for one variant: all pages and the comment-thread pages."""
    function = find_function(variant.function)
    label = f"project {variant.name} ({variant.function.split(':')[1]})"
    if function is None:
        return [_format_row(label, None), _format_row(label + ", comment pages", None)]
    ground_truth = load_ground_truth(bench)
    runs = [run_cleaner(scorer, bench, variant, ground_truth, function) for _ in range(repeat)]
    predictions = runs[0][0]
    pages_per_s = statistics.median(len(predictions) / cpu for _, cpu in runs if cpu)
    comments = comment_thread_ids(bench)
    return [
        _format_row(label, score_predictions(scorer, ground_truth, predictions, ground_truth),
                    pages_per_s),
        _format_row(label + ", comment pages",
                    score_predictions(scorer, ground_truth, predictions, comments)),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED,
                        help="the shared data folder (default: ../shared beside the repo)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per variant; pages/s is their median")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    bench = benchmark_dir(args.shared)
    scorer = load_scorer(bench)
    print("| extractor | F1 | precision | recall | pages/s (CPU) |")
    print("| --- | --- | --- | --- | --- |")
    for name, f1, precision, recall, pages_per_s in REFERENCE_ROWS:
        print(_format_row(f"reference: {name}", Score(f1, precision, recall, 181), pages_per_s))
    for variant in VARIANTS:
        print("\n".join(variant_rows(scorer, bench, variant, max(1, args.repeat))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
