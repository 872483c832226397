"""The vocabulary behind "did you mean": kept in the ledger, committed with its articles, read
by searchers without waiting for the writer, and never a reason for a search to fail."""
from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from search import Engine, Settings, ingest, request_from_params
from search.ledger import LEDGER_NAME, Ledger
from search.storage import live_generation
from search.vocabulary import Vocabulary

WORDS = ["defector", "defected", "soldier", "soldiers", "border", "boarder", "tumen", "yalu", "sea"]


@pytest.fixture
def ledger_folder(tmp_path: Path) -> Path:
    ledger = Ledger(tmp_path)
    ledger.add_words(WORDS)
    ledger.commit()
    ledger.close()
    return tmp_path


def suggestion(engine: Engine, settings: Settings, q: str) -> str | None:
    return engine.search(request_from_params({"q": [q]}, settings)).suggestion


def test_suggestions_are_the_words_within_two_edits_sharing_the_first_letter(ledger_folder: Path) -> None:
    vocabulary = Vocabulary(ledger_folder / LEDGER_NAME)
    assert set(vocabulary.suggest("defecter", limit=10, maxdist=2, prefix=1)) == {"defector", "defected"}
    assert vocabulary.suggest("soldjer", limit=10, maxdist=2, prefix=1) == ["soldier", "soldiers"]  # nearer first
    assert vocabulary.suggest("oldier", limit=10, maxdist=2, prefix=1) == []  # first letter differs
    assert "tumen" in vocabulary and "tumens" not in vocabulary
    assert list(vocabulary.words()) == sorted(WORDS)
    vocabulary.close()


def test_a_missing_or_damaged_ledger_gives_no_suggestions_and_no_error(tmp_path: Path) -> None:
    missing = Vocabulary(tmp_path / LEDGER_NAME)
    assert missing.suggest("defecter") == [] and not missing.changed()
    damaged = tmp_path / LEDGER_NAME
    damaged.write_bytes(b"not a database" * 100)
    vocabulary = Vocabulary(damaged)
    assert vocabulary.suggest("defecter") == [] and "defector" not in vocabulary and not list(vocabulary.words())
    assert vocabulary.changed()  # a failed read is never remembered as an answer
    vocabulary.close()


def test_a_search_on_a_damaged_ledger_answers_without_a_suggestion(tmp_path: Path) -> None:
    settings = write_corpus_and_ingest(tmp_path)
    (live_generation(settings.index_dir) / LEDGER_NAME).write_bytes(b"not a database" * 100)
    engine = Engine(settings)
    result = engine.search(request_from_params({"q": ["defecter"]}, settings))
    assert (result.total, result.suggestion) == (0, None)
    assert engine.search(request_from_params({"q": ["defector"]}, settings)).total == 1
    engine.close()


def test_a_reader_sees_committed_words_only_and_never_waits_for_the_writer(ledger_folder: Path) -> None:
    vocabulary = Vocabulary(ledger_folder / LEDGER_NAME)
    writer = Ledger(ledger_folder)
    writer.add_words(["panmunjom"])
    writer.add_words(f"filler-word-number-{i}" for i in range(300_000))  # more than the page cache holds
    started = time.perf_counter()
    assert "panmunjom" not in vocabulary and "soldier" in vocabulary
    assert time.perf_counter() - started < 1.0  # a rollback journal would wait for the commit (5 s)
    writer.commit()
    assert "panmunjom" in vocabulary
    writer.close()
    vocabulary.close()


def write_corpus_and_ingest(tmp_path: Path) -> Settings:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Soldier crosses the border\n\n" + "A defector crossed the Tumen river. " * 20,
                                  encoding="utf-8")
    settings = Settings(index_dir=tmp_path / "index")
    ingest([corpus], settings)
    return settings


def test_an_ingest_records_the_vocabulary_and_the_engine_suggests_from_it(tmp_path: Path) -> None:
    settings = write_corpus_and_ingest(tmp_path)
    corpus = tmp_path / "corpus"
    engine = Engine(settings)
    assert suggestion(engine, settings, "defecter") == "defector"
    (corpus / "b.txt").write_text("Escape by sea\n\n" + "Fishermen reached Sokcho by boat. " * 20, encoding="utf-8")
    ingest([corpus], settings)
    assert suggestion(engine, settings, "fishermin") == "fishermen"  # a later batch's words, after a refresh
    engine.close()


def ledger_sql(settings: Settings, *statements: str) -> None:
    db = sqlite3.connect(live_generation(settings.index_dir) / LEDGER_NAME)
    for statement in statements:
        db.execute(statement)
    db.commit()
    db.close()


def test_words_lost_with_the_ledger_come_back_with_the_next_ingest(tmp_path: Path) -> None:
    settings = write_corpus_and_ingest(tmp_path)
    # what a writer killed between the Whoosh commit and the ledger's leaves
    ledger_sql(settings, "DELETE FROM articles", "DELETE FROM vocabulary")
    engine = Engine(settings)
    assert suggestion(engine, settings, "defecter") is None
    assert engine.search(request_from_params({"q": ["defector"]}, settings)).total == 1  # searching is unharmed
    ingest([tmp_path / "corpus"], settings)
    assert suggestion(engine, settings, "defecter") == "defector"
    engine.close()


def test_answers_read_before_the_ledgers_commit_are_forgotten_after_it(tmp_path: Path) -> None:
    """A searcher can open between the Whoosh commit and the ledger's: the batch's articles are
    there, their words not yet. Nothing in Whoosh changes after; the vocabulary does."""
    settings = write_corpus_and_ingest(tmp_path)
    ledger_sql(settings, "DELETE FROM vocabulary WHERE word = 'defector'")
    engine = Engine(settings)
    assert suggestion(engine, settings, "defecter") is None
    ledger_sql(settings, "INSERT INTO vocabulary VALUES ('defector')")
    assert suggestion(engine, settings, "defecter") == "defector"
    engine.close()
