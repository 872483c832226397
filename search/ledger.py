"""The writer's ledger: what indexing needs to know about the articles already indexed,
kept in one SQLite file per generation (stdlib sqlite3), beside the Whoosh files.

Why not in the Whoosh index: a Whoosh term lookup probes every segment, and an index has up
to ~20 segments between merges. The near-duplicate check asks for 32 MinHash band keys an
article (dedup.py), about 600 probes at 100,000 articles; and the band keys, unique terms
almost all, were most of the terms each merge rewrites. Here the 32 keys are one indexed
query, and the index keeps only what searching needs.

Consistency: the ledger commits just after each Whoosh commit, so it never records an
article the index lacks. A writer killed between the two leaves the ledger one batch
behind: re-running the ingest writes that batch again (replacing the same ids) and records
it. Only the writer, holding the writer lock, opens the ledger; searchers never read it.
A band row is never deleted when its article changes: a stale row only nominates a
candidate, and every candidate's current signature is checked (dedup.assign_cluster).
"""
from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

from search.dedup import Signature, signature_from_bytes, signature_to_bytes
from search.storage import IndexUnavailable, index_place, rebuild_hint

LEDGER_NAME = "LEDGER.sqlite3"

# Band rows name their article by row number, not by id: 32 rows an article, so every byte
# of a row is 32 bytes an article.
_TABLES = """
CREATE TABLE IF NOT EXISTS articles (
    number INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, fingerprint TEXT NOT NULL,
    cluster TEXT NOT NULL, signature BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS bands (
    band INTEGER NOT NULL, article INTEGER NOT NULL, PRIMARY KEY (band, article)
) WITHOUT ROWID;
"""


class Ledger:
    """Open with the writer lock held; recording is pending until commit()."""

    def __init__(self, folder: Path) -> None:
        # synchronous=OFF: safe against a killed process, like Whoosh's own files (the
        # durability promise in docs/reliability.md); after power loss, rebuild.
        self._db = sqlite3.connect(folder / LEDGER_NAME, isolation_level="DEFERRED")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.executescript(_TABLES)

    def fingerprint(self, article_id: str) -> str | None:
        row = self._db.execute("SELECT fingerprint FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def candidates(self, bands: Sequence[str]) -> list[tuple[str, Signature]]:
        """(cluster, signature) of every recorded article sharing a band key, this batch's included."""
        marks = ",".join("?" * len(bands))
        rows = self._db.execute(
            f"SELECT cluster, signature FROM articles WHERE number IN "
            f"(SELECT article FROM bands WHERE band IN ({marks}))", [_band_number(b) for b in bands])
        return [(cluster, signature_from_bytes(signature)) for cluster, signature in rows]

    def record(self, article_id: str, fingerprint: str, cluster: str, signature: Signature,
               bands: Sequence[str]) -> None:
        [number] = self._db.execute(
            "INSERT INTO articles (id, fingerprint, cluster, signature) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint, "
            "cluster = excluded.cluster, signature = excluded.signature RETURNING number",
            (article_id, fingerprint, cluster, signature_to_bytes(signature))).fetchone()
        self._db.executemany("INSERT OR IGNORE INTO bands VALUES (?, ?)",
                             [(_band_number(b), number) for b in bands])

    def forget(self, article_ids: Sequence[str]) -> None:
        """Drop removed articles; their band rows stay (a stale row only nominates a
        candidate, and candidates are read from the articles table)."""
        self._db.executemany("DELETE FROM articles WHERE id = ?", [(i,) for i in article_ids])

    def commit(self) -> None:
        self._db.commit()

    def rollback(self) -> None:
        self._db.rollback()

    def close(self) -> None:
        self._db.close()


def _band_number(key: str) -> int:
    """Band keys are 14 hex digits (dedup.band_keys): 56 bits, a SQLite integer."""
    return int(key, 16)


def open_ledger(folder: Path, index_dir: Path) -> Ledger:
    """The generation's ledger, created empty if missing; a damaged one means rebuild."""
    try:
        return Ledger(folder)
    except sqlite3.DatabaseError as error:
        raise IndexUnavailable(f"{index_place(index_dir)}: corrupt {LEDGER_NAME} ({error}); "
                               f"{rebuild_hint(index_dir)}") from None
