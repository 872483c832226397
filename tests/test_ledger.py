"""The writer's ledger: near-duplicates across runs, and a ledger that is behind, missing or damaged."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from search import Engine, IndexUnavailable, Settings, ingest, request_from_params
from search.ledger import LEDGER_NAME
from search.storage import live_generation


def write_article(folder: Path, name: str, place: str) -> None:
    body = (f"A North Korean soldier defected across the DMZ near {place}, officials said on Monday. "
            f"He was found by a guard post and taken in for questioning about {place}. ") * 3
    (folder / f"{name}.txt").write_text(f"Soldier crosses near {place}\n\n{body}", encoding="utf-8")


def clusters(settings: Settings) -> list[tuple[str, str]]:
    """(title, cluster) of every article in the index."""
    engine = Engine(settings)
    try:
        page = engine.search(request_from_params({"collapse": ["0"], "size": ["50"]}, settings))
        return sorted((hit.title, hit.cluster) for hit in page.results)
    finally:
        engine.close()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, place in (("a", "Gyodong island"), ("b", "the Imjin river"), ("c", "Cheorwon county")):
        write_article(folder, name, place)
    return folder


def test_a_near_duplicate_ingested_later_joins_the_earlier_cluster(corpus: Path, fresh_settings: Settings) -> None:
    ingest([corpus], fresh_settings)
    later = corpus.parent / "later"
    later.mkdir()
    original = (corpus / "a.txt").read_text(encoding="utf-8")
    (later / "a-repost.txt").write_text(original.replace("Monday", "Tuesday", 1), encoding="utf-8")
    assert ingest([later], fresh_settings).indexed == 1
    found = clusters(fresh_settings)
    gyodong = {cluster for title, cluster in found if "Gyodong" in title}
    assert len(found) == 4 and len(gyodong) == 1  # the repost shares the original's cluster
    assert len({cluster for _, cluster in found}) == 3


def test_a_ledger_one_batch_behind_is_caught_up_without_duplicates(corpus: Path, fresh_settings: Settings) -> None:
    """What a writer killed between the Whoosh commit and the ledger commit leaves."""
    ingest([corpus], fresh_settings)
    ledger = live_generation(fresh_settings.index_dir) / LEDGER_NAME
    with sqlite3.connect(ledger) as db:
        db.execute("DELETE FROM articles WHERE id IN (SELECT id FROM articles LIMIT 2)")
    again = ingest([corpus], fresh_settings)
    assert (again.indexed + again.updated, again.unchanged) == (2, 1)
    assert len(clusters(fresh_settings)) == 3
    assert ingest([corpus], fresh_settings).unchanged == 3  # and recorded again


def test_a_missing_ledger_rewrites_articles_without_duplicates(corpus: Path, fresh_settings: Settings) -> None:
    ingest([corpus], fresh_settings)
    (live_generation(fresh_settings.index_dir) / LEDGER_NAME).unlink()
    assert ingest([corpus], fresh_settings).indexed == 3
    assert len(clusters(fresh_settings)) == 3


def test_a_damaged_ledger_says_rebuild(corpus: Path, fresh_settings: Settings) -> None:
    ingest([corpus], fresh_settings)
    (live_generation(fresh_settings.index_dir) / LEDGER_NAME).write_bytes(b"not a database" * 100)
    with pytest.raises(IndexUnavailable, match="rebuild"):
        ingest([corpus], fresh_settings)
    done = subprocess.run([sys.executable, "-m", "search.cli", "index", str(corpus), "--index-dir",
                           str(fresh_settings.index_dir)], capture_output=True, text=True)
    assert done.returncode == 4 and LEDGER_NAME in done.stderr and "Traceback" not in done.stderr
    assert len(clusters(fresh_settings)) == 3  # searching never needed the ledger
    assert ingest([corpus], fresh_settings, rebuild=True).indexed == 3
