"""Score the project's labels against articles labelled by hand (shared/design/LABELLING.md).

    python bench/labels.py TEXT_DIR LABELS [--split dev|heldout] [--json] [--misses N]

TEXT_DIR holds the articles (.txt plain-text page copies, or .html saved pages); LABELS is a
JSON Lines file, one object per article:

    {"file": "a-001.txt", "url": "https://...", "routes": ["dmz"], "primary_route": "dmz",
     "crossings": ["defection"], "outlet": "AsiaOne", "published": "2019-08-01",
     "note": "why, in the labeller's words", "split": "dev"}

Only `file` is required; a field left out is not scored for that article. A Korean outlet may
carry its Hangul name too ("outlet": "Yonhap", "outlet_ko": "연합뉴스"): either spelling counts. The URL is given to
the project as a sidecar holds it (nothing else is), as when a researcher keeps page copies and
their addresses. The report: per-route precision, recall and F1; macro F1 (over the routes
that occur in the labels or the answers) and micro F1; primary-route accuracy; route sets and
crossing kinds exactly right; articles that report no defection, attempt or northward
crossing and got no route and no primary; outlet (compared without case, punctuation and a
leading "The") and date (of the articles that show one); then every miss with the sentence the
project gave as its evidence. A researcher can score the labels on articles they labelled.
"""
from __future__ import annotations

import argparse
import json
import re
import signal
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from search import Article, InputError, RawDocument, build_article  # noqa: E402
from search.reading.route_rules import CROSSING_IDS, ROUTE_IDS  # noqa: E402

ROUTED_CROSSINGS = frozenset({"defection", "attempt", "northward"})


@dataclass(frozen=True)
class Expected:
    """One article's hand labels; None where the labels file leaves a field out."""

    file: str
    url: str | None
    routes: frozenset[str] | None
    primary_route: str | None
    has_primary: bool
    crossings: frozenset[str] | None
    outlet: str | None
    has_outlet: bool
    outlet_other_spelling: str | None  # "outlet_ko": the Hangul name of a Korean outlet
    published: str | None
    has_published: bool
    note: str = ""
    split: str = "dev"  # labels hold a third back as "heldout", scored only at the end


@dataclass(frozen=True)
class Answer:
    """What the project said of the article (empty when it could not read it)."""

    routes: frozenset[str] = frozenset()
    primary_route: str | None = None
    crossings: frozenset[str] = frozenset()
    outlet: str | None = None
    published: str | None = None
    evidence: tuple[str, ...] = ()
    error: str | None = None


@dataclass
class Miss:
    file: str
    field: str
    expected: object
    got: object
    evidence: tuple[str, ...] = ()


@dataclass
class Tally:
    """Counts for one measure: right out of scored."""

    right: int = 0
    scored: int = 0

    def add(self, ok: bool) -> None:
        self.right += ok
        self.scored += 1

    @property
    def rate(self) -> float | None:
        return self.right / self.scored if self.scored else None


@dataclass
class RouteCounts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0

    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0


@dataclass
class Report:
    articles: int = 0
    unreadable: int = 0
    per_route: dict[str, RouteCounts] = field(default_factory=dict)
    primary: Tally = field(default_factory=Tally)
    route_set: Tally = field(default_factory=Tally)
    crossings: Tally = field(default_factory=Tally)
    no_crossing: Tally = field(default_factory=Tally)
    outlet: Tally = field(default_factory=Tally)
    date: Tally = field(default_factory=Tally)
    misses: list[Miss] = field(default_factory=list)


# --- reading the labels -----------------------------------------------------------------------

def read_labels(path: Path) -> list[Expected]:
    """Every labelled article of a JSON Lines file; a bad line names the file and line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise SystemExit(f"{path}: cannot read labels ({error})") from None
    labels = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            labels.append(_expected(json.loads(line)))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
            raise SystemExit(f"{path}: line {number}: not a label object ({error})") from None
    return labels


def _expected(item: dict) -> Expected:
    unknown = set(item.get("routes") or ()) - set(ROUTE_IDS) \
        | set(item.get("crossings") or ()) - set(CROSSING_IDS)
    if unknown:
        raise ValueError(f"unknown route or crossing id(s): {sorted(unknown)}")
    return Expected(
        file=item["file"], url=item.get("url"),
        routes=_optional_set(item, "routes"), primary_route=item.get("primary_route"),
        has_primary="primary_route" in item, crossings=_optional_set(item, "crossings"),
        outlet=item.get("outlet"), has_outlet="outlet" in item,
        outlet_other_spelling=item.get("outlet_ko"),
        published=item.get("published"), has_published="published" in item,
        note=item.get("note", ""), split=item.get("split") or "dev")


def _optional_set(item: dict, key: str) -> frozenset[str] | None:
    return frozenset(item[key]) if key in item else None


# --- asking the project -----------------------------------------------------------------------

def answer(text_dir: Path, expected: Expected) -> Answer:
    """The project's labels for one article, read as `defection-search clean` reads it."""
    path = text_dir / expected.file
    try:
        raw = _raw_document(path, expected.url)
        return _answer_of(build_article(raw))
    except (OSError, UnicodeDecodeError, InputError) as error:
        return Answer(error=f"{path}: {error}")


def _raw_document(path: Path, url: str | None) -> RawDocument:
    content = path.read_text(encoding="utf-8")
    sidecar = {"url": url} if url else {}
    if path.suffix.lower() in (".html", ".htm"):
        return RawDocument(origin=str(path), html=content, sidecar=sidecar)
    return RawDocument(origin=str(path), text=content, sidecar=sidecar)


def _answer_of(article: Article) -> Answer:
    return Answer(
        routes=frozenset(article.routes), primary_route=article.primary_route,
        crossings=frozenset(article.crossings), outlet=article.outlet,
        published=article.published,
        evidence=tuple(f"[{e.route}/{e.crossing}] {e.sentence}" for e in article.route_evidence))


# --- scoring ----------------------------------------------------------------------------------

def score(pairs: Iterable[tuple[Expected, Answer]]) -> Report:
    report = Report(per_route={route: RouteCounts() for route in ROUTE_IDS})
    for expected, got in pairs:
        report.articles += 1
        if got.error is not None:
            report.unreadable += 1
            report.misses.append(Miss(expected.file, "unreadable", "an article", got.error))
        _score_routes(report, expected, got)
        _score_crossings(report, expected, got)
        _score_metadata(report, expected, got)
    return report


def _score_routes(report: Report, expected: Expected, got: Answer) -> None:
    if expected.routes is not None:
        for route in ROUTE_IDS:
            counts = report.per_route[route]
            wanted, found = route in expected.routes, route in got.routes
            counts.tp += wanted and found
            counts.fp += found and not wanted
            counts.fn += wanted and not found
        _tally(report, report.route_set, expected, "routes", sorted(expected.routes),
               sorted(got.routes), got)
    if expected.has_primary:
        _tally(report, report.primary, expected, "primary_route", expected.primary_route,
               got.primary_route, got)
    if expected.has_primary and expected.primary_route is None and _no_routed_crossing(expected):
        report.no_crossing.add(not got.routes and got.primary_route is None)


def _no_routed_crossing(expected: Expected) -> bool:
    return not (expected.crossings or frozenset()) & ROUTED_CROSSINGS and not expected.routes


def _score_crossings(report: Report, expected: Expected, got: Answer) -> None:
    if expected.crossings is not None:
        _tally(report, report.crossings, expected, "crossings", sorted(expected.crossings),
               sorted(got.crossings), got)


def _score_metadata(report: Report, expected: Expected, got: Answer) -> None:
    if expected.has_outlet and expected.outlet:
        ok = same_outlet(expected.outlet, got.outlet) or bool(
            expected.outlet_other_spelling and same_outlet(expected.outlet_other_spelling, got.outlet))
        _record(report, report.outlet, ok, Miss(expected.file, "outlet", expected.outlet,
                                                got.outlet))
    if expected.has_published and expected.published:
        ok = expected.published == got.published
        _record(report, report.date, ok, Miss(expected.file, "published", expected.published,
                                              got.published))


def _tally(report: Report, tally: Tally, expected: Expected, name: str, wanted: object,
           found: object, got: Answer) -> None:
    _record(report, tally, wanted == found, Miss(expected.file, name, wanted, found, got.evidence))


def _record(report: Report, tally: Tally, ok: bool, miss: Miss) -> None:
    tally.add(ok)
    if not ok:
        report.misses.append(miss)


def same_outlet(expected: str, got: str | None) -> bool:
    """Outlets compared without case, punctuation, spacing and a leading 'The'."""
    return got is not None and _outlet_key(expected) == _outlet_key(got)


def _outlet_key(name: str) -> str:
    name = re.sub(r"^\s*the\s+", "", name.strip(), flags=re.IGNORECASE)
    return re.sub(r"[\W_]+", "", name.casefold())


def macro_f1(report: Report) -> float:
    """Mean F1 over the routes that occur in the labels or in the answers."""
    seen = [c for c in report.per_route.values() if c.tp + c.fp + c.fn]
    return sum(c.f1() for c in seen) / len(seen) if seen else 0.0


def micro_f1(report: Report) -> float:
    total = RouteCounts()
    for counts in report.per_route.values():
        total.tp, total.fp, total.fn = total.tp + counts.tp, total.fp + counts.fp, total.fn + counts.fn
    return total.f1()


# --- presenting -------------------------------------------------------------------------------

def summary(report: Report) -> dict[str, object]:
    """The headline figures, as printed and as --json gives them."""
    measures = {"primary_accuracy": report.primary, "route_set_exact": report.route_set,
                "crossings_exact": report.crossings, "no_crossing_left_unrouted": report.no_crossing,
                "outlet_accuracy": report.outlet, "date_accuracy": report.date}
    return {
        "articles": report.articles, "unreadable": report.unreadable,
        "route_macro_f1": round(macro_f1(report), 3), "route_micro_f1": round(micro_f1(report), 3),
        **{name: _rate(tally) for name, tally in measures.items()},
        "counts": {name: [tally.right, tally.scored] for name, tally in measures.items()},
        "per_route": {route: {"precision": round(c.precision(), 3), "recall": round(c.recall(), 3),
                              "f1": round(c.f1(), 3), "support": c.tp + c.fn}
                      for route, c in report.per_route.items() if c.tp + c.fp + c.fn},
    }


def _rate(tally: Tally) -> float | None:
    return None if tally.rate is None else round(tally.rate, 3)


def print_report(report: Report, misses: int) -> None:
    figures = summary(report)
    print(f"articles {figures['articles']} (unreadable {figures['unreadable']})")
    print(f"route macro-F1 {figures['route_macro_f1']:.3f}  micro-F1 {figures['route_micro_f1']:.3f}")
    for name, (right, scored) in figures["counts"].items():
        rate = figures[name]
        print(f"{name:28} {right:4}/{scored:<4} {'-' if rate is None else f'{rate:.3f}'}")
    print(f"\n{'route':10} {'P':>6} {'R':>6} {'F1':>6} {'support':>8}")
    for route, row in figures["per_route"].items():
        print(f"{route:10} {row['precision']:6.3f} {row['recall']:6.3f} {row['f1']:6.3f} "
              f"{row['support']:8}")
    _print_misses(report.misses[:misses] if misses >= 0 else report.misses)


def _print_misses(misses: list[Miss]) -> None:
    if misses:
        print("\nmisses (file, field: expected -> got; the project's evidence)")
    for miss in misses:
        print(f"- {miss.file} {miss.field}: {miss.expected} -> {miss.got}")
        for sentence in miss.evidence if miss.field != "outlet" else ():
            print(f"    {sentence[:240]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("text_dir", type=Path, help="folder of the labelled articles")
    parser.add_argument("labels", type=Path, help="JSON Lines file of labels")
    parser.add_argument("--split", help="score only the labels of this split (e.g. dev, heldout)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--misses", type=int, default=-1, help="show at most N misses (-1: all)")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends the report quietly
    if not args.text_dir.is_dir():
        parser.error(f"{args.text_dir}: not a folder")
    report = score((expected, answer(args.text_dir, expected))
                   for expected in read_labels(args.labels)
                   if args.split is None or expected.split == args.split)
    if args.json:
        print(json.dumps(summary(report), indent=2))
    else:
        print_report(report, args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
