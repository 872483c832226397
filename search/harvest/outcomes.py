"""What an answer means for the ledger and the summary, decided in one place for a live
response and for a record recovered from the archive after a kill."""
from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


def outcome_of(url: str, status: int, header: Callable[[str], str | None],
               truncated: str | None) -> tuple[str, str | None]:
    """(outcome, redirect location) of one HTTP answer."""
    if status == 304:
        return "unchanged", None
    if status in REDIRECT_STATUSES:
        location = header("Location")
        return ("redirect", urljoin(url, location.strip())) if location else ("failed:redirect-without-location", None)
    if status == 200:
        return {None: ("fetched", None), "length": ("failed:oversize", None)}.get(truncated, ("not-html", None))
    return f"failed:http-{status}", None


@dataclass
class Tally:
    """The counts of the summary line, kept by the fetching threads."""

    counts: Counter = field(default_factory=Counter)
    failures: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)  # bad input, one message each
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, outcome: str) -> None:
        with self._lock:  # `+=` on a Counter is a read and a write: threads could lose counts
            if outcome.startswith("failed:"):
                self.failures[outcome.removeprefix("failed:")] += 1
            else:
                self.counts[outcome] += 1
