"""Outlet accuracy on labelled articles as if the outlet table had never heard of their sites.

    python bench/outlet_unseen.py TEXT_DIR LABELS [--split dev|heldout] [--misses]

The table was grown from sites the labelled articles come from, so their outlet accuracy
(bench/labels.py) mostly measures the table. A reader's fair test is a site the table does not
know: for each article, the rows that name its URL's site or its labelled outlet are taken out
of the table, and the article is read again. What is left is the path an unseen site takes
(the page's markup, its own text, its registered domain; search/reading/metadata.py).
Outlets are compared as bench/labels.py compares them.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import labels  # noqa: E402
from search.reading import outlets, page_names  # noqa: E402
from search.reading.outlets import Outlet, known_outlet, name_key, table_outlet_for_url  # noqa: E402


def use_table(rows: tuple[Outlet, ...]) -> None:
    """Make the reader see only these rows (the table and the caches built from it)."""
    outlets.outlet_table = lambda: rows
    for cached in (outlets._outlets_by_site, outlets._outlets_by_name, page_names.wire_keys):
        cached.cache_clear()


def rows_without(full: tuple[Outlet, ...], expected: labels.Expected) -> tuple[Outlet, ...]:
    use_table(full)
    known = {id(row) for row in (table_outlet_for_url(expected.url), known_outlet(expected.outlet))
             if row is not None}
    return tuple(row for row in full if id(row) not in known)


def same_outlet(expected: labels.Expected, got: str | None) -> bool:
    names = [n for n in (expected.outlet, expected.outlet_other_spelling) if n]
    if not names:
        return got is None
    return got is not None and any(name_key(n) == name_key(got) for n in names)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("text_dir", type=Path)
    parser.add_argument("labels", type=Path)
    parser.add_argument("--split", default="dev")
    parser.add_argument("--misses", action="store_true", help="list every miss")
    args = parser.parse_args()
    full = outlets.outlet_table()
    chosen = [e for e in labels.read_labels(args.labels) if e.split == args.split and e.has_outlet]
    right = 0
    for expected in chosen:
        use_table(rows_without(full, expected))
        got = labels.answer(args.text_dir, expected).outlet
        right += same_outlet(expected, got)
        if args.misses and not same_outlet(expected, got):
            print(f"- {expected.file} outlet: {expected.outlet} -> {got}")
    use_table(full)
    print(f"articles {len(chosen)}  outlet right with their sites unknown to the table "
          f"{right}/{len(chosen)} {right / max(len(chosen), 1):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
