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
it. Only the writer, holding the writer lock, writes the ledger. Searchers read one table of
it, the vocabulary behind "did you mean" (vocabulary.py), which commits with the articles it
came from; the file is in WAL mode, so a searcher's read never waits for the writer's
transaction, nor blocks its commit.
A band row is never deleted when its article changes: a stale row only nominates a
candidate, and every candidate's current signature is checked (dedup.assign_cluster).

One representative per cluster: only the article that founded a cluster (whose cluster is
its own id) puts its band keys in the table; an article that joins a cluster adds none. So
a story syndicated in k copies has 32 band rows, not 32k, and each new copy is compared
with one signature, not k (k copies cost k^2/2 comparisons before: 39 s for 1,500 copies of
one story against 12 s for 1,500 distinct stories, issue 13). The candidates are also
capped, most shared band keys first: the texts that share a band with an article without
being copies of it (templated briefs, earnings tables) would otherwise grow with the index.
A ledger written before this (band rows for every article) still answers correctly. When
a representative is removed, or its new version joins another cluster, the cluster's
earliest remaining member takes its place (its band keys are computed from its signature).
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

from search.dedup import band_keys, signature_from_bytes
from search.storage import IndexUnavailable, index_place, rebuild_hint
from search.vocabulary import VOCABULARY_TABLE

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
CREATE INDEX IF NOT EXISTS articles_by_cluster ON articles (cluster);
""" + VOCABULARY_TABLE


class Ledger:
    """Open with the writer lock held; recording is pending until commit()."""

    def __init__(self, folder: Path) -> None:
        # synchronous=OFF: safe against a killed process, like Whoosh's own files (the
        # durability promise in docs/reliability.md); after power loss, rebuild.
        self._db = sqlite3.connect(folder / LEDGER_NAME, isolation_level="DEFERRED")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_TABLES)

    def fingerprint(self, article_id: str) -> str | None:
        row = self._db.execute("SELECT fingerprint FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def article_count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def words(self) -> set[str]:
        """The vocabulary: every word recorded articles were written with."""
        return {word for (word,) in self._db.execute("SELECT word FROM vocabulary")}

    def add_words(self, words: Iterable[str]) -> None:
        """Record words new to the vocabulary; they commit with this batch's articles."""
        self._db.executemany("INSERT OR IGNORE INTO vocabulary VALUES (?)", ((word,) for word in words))

    def candidates(self, bands: Sequence[str], limit: int) -> list[tuple[str, bytes]]:
        """(cluster, stored signature) of the `limit` recorded representatives sharing the most
        band keys with `bands`, this batch's included; ties by cluster id, so that which ones
        make the cut does not depend on the order the articles arrived in."""
        if not bands:
            return []
        marks = ",".join("?" * len(bands))
        rows = self._db.execute(
            f"SELECT articles.cluster, articles.signature FROM bands "
            f"JOIN articles ON articles.number = bands.article WHERE bands.band IN ({marks}) "
            f"GROUP BY bands.article ORDER BY COUNT(*) DESC, articles.cluster LIMIT ?",
            [*map(_band_number, bands), limit])
        return rows.fetchall()

    def record(self, article_id: str, fingerprint: str, cluster: str, signature: bytes,
               bands: Sequence[str]) -> None:
        """Record the article; its band keys only when it starts its cluster (the representative).
        A representative whose new version joins another cluster hands its old one on."""
        started_before = self._cluster_of(article_id) == article_id
        [number] = self._db.execute(
            "INSERT INTO articles (id, fingerprint, cluster, signature) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint, "
            "cluster = excluded.cluster, signature = excluded.signature RETURNING number",
            (article_id, fingerprint, cluster, signature)).fetchone()
        if cluster == article_id:
            self._db.executemany("INSERT OR IGNORE INTO bands VALUES (?, ?)",
                                 [(_band_number(b), number) for b in bands])
        elif started_before:
            self._represent(article_id)

    def forget(self, article_ids: Sequence[str]) -> None:
        """Drop removed articles; their band rows stay (a stale row only nominates a
        candidate, and candidates are read from the articles table). A cluster whose
        representative goes gets another, so that later copies still find it."""
        started = [i for i in article_ids if self._cluster_of(i) == i]
        self._db.executemany("DELETE FROM articles WHERE id = ?", [(i,) for i in article_ids])
        for cluster in started:
            self._represent(cluster)

    def _cluster_of(self, article_id: str) -> str | None:
        row = self._db.execute("SELECT cluster FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def _represent(self, cluster: str) -> None:
        """Give the cluster's earliest remaining member's band keys to the band table."""
        row = self._db.execute("SELECT number, signature FROM articles WHERE cluster = ? ORDER BY number "
                               "LIMIT 1", (cluster,)).fetchone()
        if row:
            number, signature = row
            self._db.executemany("INSERT OR IGNORE INTO bands VALUES (?, ?)",
                                 [(_band_number(b), number) for b in band_keys(signature_from_bytes(signature))])

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
