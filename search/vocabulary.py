"""The index's vocabulary: every distinct lowercased word its articles were written with, behind
"did you mean" and the romanised-name expansions.

Kept in the ledger's SQLite file (table `vocabulary`), not in the Whoosh index. As a Whoosh
field it was 29,600 of the 70,600 terms that a merge of the first 10,000 Reuters stories
rewrites, and Whoosh's writer pays per term twice (at the flush, then at the merge): ingest
took 9% longer with it (docs/benchmarks.md §5). Here a new word costs one SQLite row.

The writer adds a batch's new words in the ledger's transaction (ledger.Ledger.add_words), so
the words and the articles recorded commit together: a ledger one batch behind, or lost, is
caught up by the next ingest, which rewrites the articles it lacks. Searchers read the table
through a read-only connection; a missing or damaged ledger only leaves them without
suggestions (searching never needs it). The ledger commits just after Whoosh does, so a
searcher opened between the two sees the batch's articles before their words: the engine asks
`changed()` before each search and forgets the answers it drew from the vocabulary.

The read-only connection needs SQLite's shared-memory file beside the ledger
(LEDGER.sqlite3-shm, created if missing): a server that cannot write the generation's folder
gets no suggestions.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

from whoosh.automata.fsa import find_all_matches
from whoosh.automata.lev import levenshtein_automaton
from whoosh.spelling import Corrector

VOCABULARY_TABLE = "CREATE TABLE IF NOT EXISTS vocabulary (word TEXT PRIMARY KEY) WITHOUT ROWID;"


class Vocabulary(Corrector):
    """The vocabulary as searchers read it; a Whoosh corrector over the table.

    Suggestions walk a Levenshtein automaton (Whoosh's own) over the sorted table: each step
    is one indexed look-up of the first word at or after a string, so nothing is loaded."""

    def __init__(self, ledger_path: Path) -> None:
        self._db = _open_read_only(ledger_path)
        self._version: int | None = None
        self._failed = False

    def changed(self) -> bool:
        """Whether a commit (or a failed read) came since the last call: what was read from
        the vocabulary before it may be wrong now."""
        rows = self._rows("PRAGMA data_version")
        version = rows[0][0] if rows else None
        changed, self._failed = version != self._version or self._failed, False
        self._version = version
        return changed

    def __contains__(self, word: str) -> bool:
        return self._first_from(word) == word

    def words(self) -> Iterator[str]:
        """Every word, in order, a row at a time (at 100,000 articles a list of them all would
        weigh tens of MB in the serving process)."""
        if self._db is None:
            return
        try:
            yield from (word for (word,) in self._db.execute("SELECT word FROM vocabulary ORDER BY word"))
        except sqlite3.Error:
            self._failed = True

    def _suggestions(self, text: str, maxdist: int, prefix: int) -> Iterator[tuple[int, str]]:
        """(-distance, word) for the words within `maxdist` edits sharing `prefix` letters."""
        seen: set[str] = set()
        for distance in range(1, maxdist + 1):
            automaton = levenshtein_automaton(text, distance, prefix).to_dfa()
            for word in find_all_matches(automaton, self._first_from):
                if word not in seen:
                    seen.add(word)
                    yield -distance, word

    def _first_from(self, text: str) -> str | None:
        rows = self._rows("SELECT word FROM vocabulary WHERE word >= ? ORDER BY word LIMIT 1", (text,))
        return rows[0][0] if rows else None

    def _rows(self, sql: str, parameters: tuple = ()) -> list[tuple]:
        if self._db is None:
            return []
        try:
            return self._db.execute(sql, parameters).fetchall()
        except sqlite3.Error:  # damaged or busy: no suggestions now, never a failed search
            self._failed = True
            return []

    def close(self) -> None:
        if self._db is not None:
            self._db.close()


def _open_read_only(path: Path) -> sqlite3.Connection | None:
    """A read-only connection, or None when there is no ledger (searching never needs one).
    check_same_thread=False: the engine's lock serialises its use across request threads. A
    short timeout: a reader in WAL mode waits only in rare moments (a recovery), and it waits
    holding the engine's lock."""
    if not path.is_file():
        return None
    try:
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.1,
                               check_same_thread=False)
    except sqlite3.Error:
        return None
