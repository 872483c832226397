"""The project's date reader beside dateparser, side by side in one run.

    python bench/date_readers.py TEXT_DIR LABELS [--split dev]

Both readers are asked the same thing: the date a line states (search.reading.dates.find_date,
which dated_line, the URL-free part of the metadata stage, calls for every short line of a
page). "project" is the project's own patterns; "dateparser" swaps in dateparser 1.x's
search_dates (languages en and ko, a year and a month required, no relative dates). Reported:
date accuracy on the labelled plain-text pages (as bench/labels.py scores it) and the CPU
seconds the whole run took, with each reader.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import dateparser.search  # noqa: E402

from bench.labels import answer, read_labels  # noqa: E402
from search.reading import dates  # noqa: E402

_SETTINGS = {"REQUIRE_PARTS": ["year", "month"], "RETURN_AS_TIMEZONE_AWARE": False,
             "PREFER_DAY_OF_MONTH": "first", "PARSERS": ["absolute-time"]}
_DAY_SHOWN = re.compile(r"\b\d{1,2}\b(?!:)")


class _Found:
    """The slice of a re.Match that dated_line reads: where the date starts and ends."""

    def __init__(self, line: str, text: str) -> None:
        self._start = line.find(text)
        self._end = self._start + len(text)

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


def dateparser_find_date(text: str):
    found = dateparser.search.search_dates(text, languages=["en", "ko"], settings=_SETTINGS)
    if not found:
        return None
    said, when = found[0]
    shown_day = _DAY_SHOWN.search(re.sub(r"\b\d{4}\b", "", said))
    date = when.strftime("%Y-%m-%d") if shown_day else when.strftime("%Y-%m")
    return date, _Found(text, said)


def run(text_dir: Path, labels: Path, split: str | None) -> tuple[int, int, float]:
    started = time.process_time()
    right = total = 0
    for expected in read_labels(labels):
        if split and expected.split != split or not expected.published:
            continue
        total += 1
        right += answer(text_dir, expected).published == expected.published
    return right, total, time.process_time() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("text_dir", type=Path)
    parser.add_argument("labels", type=Path)
    parser.add_argument("--split")
    args = parser.parse_args()
    own = dates.find_date
    for name, reader in (("project", own), ("dateparser", dateparser_find_date)):
        dates.find_date = reader
        right, total, seconds = run(args.text_dir, args.labels, args.split)
        print(f"{name:11} date right {right}/{total} {right / total:.3f}   CPU {seconds:.1f} s")
    dates.find_date = own
    return 0


if __name__ == "__main__":
    sys.exit(main())
