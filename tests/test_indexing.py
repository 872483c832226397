"""Writing the index: incremental updates, the atomic rebuild, the writer lock, unusable indexes."""
from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from search import Engine, IndexLocked, IndexUnavailable, Settings, bundled_seeds, ingest, request_from_params
from search.storage import VERSION_NAME, live_generation, writer_lock


def write_article(folder: Path, name: str, words: str) -> None:
    body = (f"A North Korean soldier defected across the DMZ near {words}, officials said on Monday. "
            f"He was found by a guard post and taken in for questioning about {words}. ") * 3
    (folder / f"{name}.txt").write_text(f"Soldier crosses near {words}\n\n{body}", encoding="utf-8")


def total(engine: Engine, settings: Settings, q: str = "") -> int:
    return engine.search(request_from_params({"q": [q]}, settings)).total


def test_reindexing_unchanged_files_changes_nothing(fresh_settings: Settings) -> None:
    first = ingest([bundled_seeds()], fresh_settings)
    generation = live_generation(fresh_settings.index_dir)
    tocs = sorted(p.name for p in generation.glob("*.toc"))
    again = ingest([bundled_seeds()], fresh_settings)
    assert (first.indexed, again.indexed, again.updated, again.unchanged) == (5, 0, 0, 5)
    assert sorted(p.name for p in generation.glob("*.toc")) == tocs  # not even a new commit


def test_a_changed_file_replaces_its_old_version(tmp_path: Path, fresh_settings: Settings) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_article(corpus, "a", "Gimpo")
    ingest([corpus], fresh_settings)
    write_article(corpus, "a", "Ganghwa")
    report = ingest([corpus], fresh_settings)
    assert (report.indexed, report.updated) == (0, 1)
    engine = Engine(fresh_settings)
    assert (total(engine, fresh_settings), total(engine, fresh_settings, "Gimpo"),
            total(engine, fresh_settings, "Ganghwa")) == (1, 0, 1)
    engine.close()


def test_near_duplicates_share_a_cluster_and_collapse(tmp_path: Path, fresh_settings: Settings) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_article(corpus, "a", "Gyodong island")
    text = (corpus / "a.txt").read_text(encoding="utf-8")
    (corpus / "b.txt").write_text(text.replace("Monday", "Tuesday", 1), encoding="utf-8")
    write_article(corpus, "c", "the Imjin river and a completely different set of words")
    ingest([corpus], fresh_settings)
    engine = Engine(fresh_settings)
    collapsed = engine.search(request_from_params({"q": ["soldier"]}, fresh_settings))
    assert (collapsed.total, collapsed.total_collapsed, len(collapsed.results)) == (3, 2, 2)
    assert sorted(h.cluster_size for h in collapsed.results) == [1, 2]
    every = engine.search(request_from_params({"q": ["soldier"], "collapse": ["0"]}, fresh_settings))
    assert len(every.results) == 3
    twin = next(h for h in collapsed.results if h.cluster_size == 2)
    assert len(engine.article(twin.id).cluster_members) == 1
    assert twin.cluster not in {s.cluster for s in engine.similar(twin.id)}
    engine.close()


def test_rebuild_is_atomic_for_a_reader_searching_in_a_loop(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(60):
        write_article(corpus, f"n{number:02d}", f"place number {number} {'x' * (number % 7)}")
    settings = Settings(index_dir=tmp_path / "index", commit_batch_docs=5)
    ingest([bundled_seeds()], settings)
    engine = Engine(settings)
    seen, errors, done = set(), [], threading.Event()

    def search_in_a_loop() -> None:
        while not done.is_set():
            try:
                seen.add(total(engine, settings))
            except Exception as error:  # any failure at all is what this test looks for
                errors.append(error)

    reader = threading.Thread(target=search_in_a_loop)
    reader.start()
    try:
        ingest([bundled_seeds(), corpus], settings, rebuild=True)
        seen.add(total(engine, settings))
    finally:
        done.set()
        reader.join()
    assert not errors
    assert seen <= {5, 65} and 65 in seen
    engine.close()


def test_second_writer_waits_then_gives_up_clearly(fresh_settings: Settings) -> None:
    with writer_lock(fresh_settings.index_dir, 1.0):
        with pytest.raises(IndexLocked, match="another process is writing"):
            ingest([bundled_seeds()], fresh_settings)
        done = subprocess.run(
            [sys.executable, "-m", "search.cli", "index", "--index-dir", str(fresh_settings.index_dir),
             "--lock-timeout", "0.3"], capture_output=True, text=True)
    assert done.returncode == 3
    assert "another process is writing" in done.stderr and "Traceback" not in done.stderr
    assert ingest([bundled_seeds()], fresh_settings).indexed == 5  # nothing lost, lock freed


def test_missing_and_wrong_schema_indexes_say_rebuild(fresh_settings: Settings) -> None:
    engine = Engine(fresh_settings)
    with pytest.raises(IndexUnavailable, match="no index yet"):
        engine.search(request_from_params({}, fresh_settings))
    ingest([bundled_seeds()], fresh_settings)
    (live_generation(fresh_settings.index_dir) / VERSION_NAME).write_text("0", encoding="utf-8")
    with pytest.raises(IndexUnavailable, match="rebuild needed"):
        Engine(fresh_settings).search(request_from_params({}, fresh_settings))
    done = subprocess.run([sys.executable, "-m", "search.cli", "query", "x", "--index-dir",
                           str(fresh_settings.index_dir)], capture_output=True, text=True)
    assert done.returncode == 4 and "rebuild needed" in done.stderr and "Traceback" not in done.stderr
    assert ingest([bundled_seeds()], fresh_settings, rebuild=True).indexed == 5
    assert Engine(fresh_settings).search(request_from_params({}, fresh_settings)).total == 5


def test_each_committed_batch_is_acknowledged_with_its_ids(tmp_path: Path) -> None:
    settings = Settings(index_dir=tmp_path / "index", commit_batch_docs=2)
    batches: list[tuple[str, ...]] = []
    ingest([bundled_seeds()], settings, on_commit=batches.append)
    assert [len(b) for b in batches] == [2, 2, 1]
    engine = Engine(settings)
    listed = {hit.id for hit in engine.search(request_from_params({}, settings)).results}
    assert {i for batch in batches for i in batch} == listed
    engine.close()
    batches.clear()
    ingest([bundled_seeds()], settings, on_commit=batches.append)
    assert batches == []  # nothing changed, nothing committed
