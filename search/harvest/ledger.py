"""The fetch ledger: what each URL answered last, with its validators and where its copy is
kept in the archive (SQLite, `fetches.sqlite3` beside the WARC files).

It makes a harvest resumable and idempotent. A run is open until it finishes; a harvest
started while the last run is still open (it was killed) resumes it, skipping every URL
that run already stored. A finished run's URLs are asked again conditionally (ETag,
Last-Modified), so that a rerun downloads only what changed. WARC files are listed with
whether they have been indexed, so that a killed run's files are indexed by the next.
"""
from __future__ import annotations

import contextlib
import fcntl
import functools
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from search.storage import IndexLocked

LEDGER_NAME = "fetches.sqlite3"
LOCK_NAME = "HARVEST.lock"
DONE_OUTCOMES = ("fetched", "unchanged", "redirect", "not-html")  # a resumed run skips these
_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY, started TEXT NOT NULL, finished TEXT);
CREATE TABLE IF NOT EXISTS fetches (
    url TEXT PRIMARY KEY, run INTEGER NOT NULL, fetched_at TEXT NOT NULL, outcome TEXT NOT NULL,
    status INTEGER, location TEXT, etag TEXT, last_modified TEXT,
    warc_file TEXT, warc_offset INTEGER, digest TEXT, stored_at TEXT);
CREATE INDEX IF NOT EXISTS fetches_by_copy ON fetches (warc_file, warc_offset);
CREATE TABLE IF NOT EXISTS warc_files (name TEXT PRIMARY KEY, run INTEGER NOT NULL,
                                       indexed INTEGER NOT NULL DEFAULT 0);
"""


@dataclass(frozen=True)
class Fetch:
    """One URL's last answer. The stored copy (warc_file, warc_offset, digest, stored_at) is
    that of its last complete 200 response, kept when later answers are 304s."""

    url: str
    outcome: str  # fetched, unchanged, redirect, not-html, robots, failed:<reason>
    status: int | None = None
    location: str | None = None  # where a redirect pointed
    etag: str | None = None
    last_modified: str | None = None
    warc_file: str | None = None
    warc_offset: int | None = None
    digest: str | None = None
    stored_at: str | None = None  # the WARC-Date of the stored copy


def _locked(method):
    """One connection shared by the fetching threads: one statement at a time."""
    @functools.wraps(method)
    def locked(self, *args, **kwargs):
        with self._lock:
            return method(self, *args, **kwargs)
    return locked


class FetchLedger:
    def __init__(self, archive_dir: Path) -> None:
        archive_dir.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._db = sqlite3.connect(archive_dir / LEDGER_NAME, check_same_thread=False,
                                   isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)
        self.run, self.resumed = self._open_run()

    def _open_run(self) -> tuple[int, bool]:
        """The unfinished last run, resumed; else a new run."""
        row = self._db.execute("SELECT id, finished FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        if row and row[1] is None:
            return row[0], True
        cursor = self._db.execute("INSERT INTO runs (started) VALUES (?)", (_now(),))
        return cursor.lastrowid, False

    @_locked
    def get(self, url: str) -> Fetch | None:
        row = self._db.execute(
            "SELECT url, outcome, status, location, etag, last_modified, warc_file, warc_offset,"
            " digest, stored_at FROM fetches WHERE url = ?", (url,)).fetchone()
        return Fetch(*row) if row else None

    @_locked
    def done_this_run(self, url: str) -> bool:
        row = self._db.execute("SELECT run, outcome FROM fetches WHERE url = ?", (url,)).fetchone()
        return bool(row) and row[0] == self.run and row[1] in DONE_OUTCOMES

    @_locked
    def answered_this_run(self, url: str) -> bool:
        """Whether this run already has a final HTTP answer for `url` (a 404 is one; a 503 is not)."""
        row = self._db.execute("SELECT run, status FROM fetches WHERE url = ?", (url,)).fetchone()
        return bool(row) and row[0] == self.run and row[1] is not None and not 500 <= row[1] < 600

    @_locked
    def record(self, fetch: Fetch) -> None:
        """Write one URL's answer (committed at once). An answer without a new copy (a 304, an
        error) keeps the place and validators of the copy already stored."""
        old = self.get(fetch.url)
        if fetch.warc_file is None and old is not None:  # keep the copy and validators we have
            fetch = Fetch(fetch.url, fetch.outcome, fetch.status, fetch.location,
                          fetch.etag or old.etag, fetch.last_modified or old.last_modified,
                          old.warc_file, old.warc_offset, old.digest, old.stored_at)
        self._db.execute(
            "INSERT OR REPLACE INTO fetches VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (fetch.url, self.run, _now(), fetch.outcome, fetch.status, fetch.location, fetch.etag,
             fetch.last_modified, fetch.warc_file, fetch.warc_offset, fetch.digest, fetch.stored_at))

    @_locked
    def is_recorded_at(self, warc_file: str, offset: int) -> bool:
        return self._db.execute("SELECT 1 FROM fetches WHERE warc_file = ? AND warc_offset = ?",
                                (warc_file, offset)).fetchone() is not None

    @_locked
    def add_warc_file(self, name: str) -> None:
        self._db.execute("INSERT OR IGNORE INTO warc_files (name, run) VALUES (?, ?)", (name, self.run))

    @_locked
    def warc_files(self, indexed: bool | None = None, run: int | None = None) -> list[str]:
        rows = self._db.execute("SELECT name, indexed, run FROM warc_files ORDER BY name").fetchall()
        return [name for name, done, in_run in rows
                if (indexed is None or bool(done) == indexed) and (run is None or in_run == run)]

    @_locked
    def mark_indexed(self, names: list[str]) -> None:
        self._db.executemany("UPDATE warc_files SET indexed = 1 WHERE name = ?", [(n,) for n in names])

    @_locked
    def finish_run(self) -> None:
        self._db.execute("UPDATE runs SET finished = ? WHERE id = ?", (_now(), self.run))

    @_locked
    def close(self) -> None:
        self._db.close()


@contextlib.contextmanager
def archive_lock(archive_dir: Path) -> Iterator[None]:
    """One harvest per archive: a second would interleave its runs with the first's. The
    kernel drops the lock of a killed harvest, so a rerun never finds a stale one."""
    archive_dir.mkdir(parents=True, exist_ok=True)
    with open(archive_dir / LOCK_NAME, "a+") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IndexLocked(f"archive {archive_dir}: another harvest is using it") from None
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
