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
suggestions (searching never needs it).
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

    def __contains__(self, word: str) -> bool:
        return self._first_from(word) == word

    def words(self) -> Iterator[str]:
        """Every word, in order."""
        yield from (word for (word,) in self._rows("SELECT word FROM vocabulary ORDER BY word"))

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
        except sqlite3.Error:  # damaged or replaced under us: no suggestions, never a failed search
            return []

    def close(self) -> None:
        if self._db is not None:
            self._db.close()


def _open_read_only(path: Path) -> sqlite3.Connection | None:
    """A read-only connection, or None when there is no ledger (searching never needs one).
    check_same_thread=False: the engine's lock serialises its use across request threads."""
    if not path.is_file():
        return None
    try:
        return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
    except sqlite3.Error:
        return None
