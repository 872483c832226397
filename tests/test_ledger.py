"""The writer's ledger: near-duplicates across runs, and a ledger that is behind, missing or damaged."""
from __future__ import annotations

import json
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from search import Engine, IndexUnavailable, Settings, ingest, remove, request_from_params
from search.documents import prepare_article
from search.ledger import LEDGER_NAME, Ledger, open_ledger
from search.pipeline import iter_articles
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


# --- syndicated copies: one representative per cluster, capped candidates (issue 13) ---------

VOCABULARY = [f"term{i}" for i in range(2000)]


def story_words(seed: int, count: int = 300) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(VOCABULARY) for _ in range(count)]


def write_copy(folder: Path, name: str, words: list[str], copy: int) -> Path:
    """A light edit of a story: its own headline and lead word, two words swapped for others."""
    rng = random.Random(f"{name}:{copy}")
    edited = list(words)
    for at in rng.sample(range(1, len(edited)), 2):
        edited[at] = f"edit{copy}x{at}"
    path = folder / f"{name}.txt"
    path.write_text(f"Headline {name}\n\nLead{copy} {' '.join(edited[1:])}.", encoding="utf-8")
    return path


def write_stories(folder: Path) -> list[Path]:
    """Story A in 6 copies, story B in 4, and 5 stories of their own: 7 clusters."""
    folder.mkdir()
    paths = [write_copy(folder, f"a{copy}", story_words(1), copy) for copy in range(6)]
    paths += [write_copy(folder, f"b{copy}", story_words(2), copy) for copy in range(4)]
    return paths + [write_copy(folder, f"own{n}", story_words(10 + n), 0) for n in range(5)]


def partition(settings: Settings) -> set[frozenset[str]]:
    """The clusters as sets of titles, whatever each cluster's id."""
    engine = Engine(settings)
    try:
        page = engine.search(request_from_params({"collapse": ["0"], "page_size": ["50"]}, settings))
        groups: dict[str, set[str]] = {}
        for hit in page.results:
            groups.setdefault(hit.cluster, set()).add(hit.title)
        return {frozenset(group) for group in groups.values()}
    finally:
        engine.close()


def test_clusters_do_not_depend_on_the_order_of_arrival(tmp_path: Path) -> None:
    paths = write_stories(tmp_path / "stories")
    seen = []
    for order in range(4):
        shuffled = list(paths)
        random.Random(order).shuffle(shuffled)
        settings = Settings(index_dir=tmp_path / f"index-{order}", commit_batch_docs=4)
        report = ingest(shuffled, settings)
        assert (report.indexed, report.joined) == (15, 8)
        seen.append(partition(settings))
    assert all(found == seen[0] for found in seen)
    assert sorted(len(group) for group in seen[0]) == [1, 1, 1, 1, 1, 4, 6]
    assert {f"Headline a{copy}" for copy in range(6)} in seen[0]


def test_a_cluster_keeps_one_representative_in_the_band_table(tmp_path: Path, fresh_settings: Settings) -> None:
    """So each new copy is compared with one signature, however many copies came before."""
    paths = write_stories(tmp_path / "stories")
    ingest(paths, fresh_settings)
    ledger_path = live_generation(fresh_settings.index_dir) / LEDGER_NAME
    with sqlite3.connect(ledger_path) as db:
        represented = db.execute("SELECT COUNT(DISTINCT article), COUNT(*) FROM bands").fetchone()
    assert represented == (7, 7 * 32)
    later = tmp_path / "later"
    later.mkdir()
    prepared = prepare_article(next(iter_articles([write_copy(later, "a9", story_words(1), 9)], 10**6)))
    ledger = open_ledger(live_generation(fresh_settings.index_dir), fresh_settings.index_dir)
    try:
        candidates = ledger.candidates(prepared.bands, fresh_settings.cluster_candidates_max)
    finally:
        ledger.close()
    assert len(candidates) == 1
    report = ingest([later], fresh_settings)
    assert (report.indexed, report.joined) == (1, 1)
    assert "1 joined an existing cluster" in report.summary()


def test_candidates_are_capped_most_shared_bands_first_whatever_the_order(tmp_path: Path) -> None:
    """Twenty founders share band keys with a newcomer, one to twenty keys each."""
    bands = [f"{band:02x}{band:012x}" for band in range(32)]
    founders = [(f"f{n:02d}", bands[:n + 1]) for n in range(20)]
    answers = []
    for order in (founders, founders[::-1]):
        folder = tmp_path / f"ledger-{len(answers)}"
        folder.mkdir()
        ledger = Ledger(folder)
        for article_id, keys in order:
            ledger.record(article_id, "fingerprint", article_id, bytes(1024), keys)
        answers.append([cluster for cluster, _ in ledger.candidates(bands, 8)])
        ledger.close()
    assert answers[0] == answers[1] == [f"f{n:02d}" for n in range(19, 11, -1)]


def test_articles_without_body_words_are_nobodys_copies(tmp_path: Path, fresh_settings: Settings) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    for name in ("x", "y", "z"):  # a title, and a body without a word
        record = {"title": f"Brief {name}", "text": "* * *", "url": f"https://e.example/{name}"}
        (folder / f"{name}.json").write_text(json.dumps(record), encoding="utf-8")
    report = ingest([folder], fresh_settings)
    assert (report.indexed, report.joined) == (3, 0), report
    assert len(partition(fresh_settings)) == 3


def test_the_index_command_says_how_many_joined_an_existing_cluster(tmp_path: Path) -> None:
    stories = tmp_path / "stories"
    write_stories(stories)
    done = subprocess.run([sys.executable, "-m", "search.cli", "index", str(stories), "--index-dir",
                           str(tmp_path / "index")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "indexed 15, updated 0, unchanged 0, failed 0; 8 joined an existing cluster"


def test_a_cluster_outlives_the_removal_of_the_article_that_started_it(tmp_path: Path,
                                                                       fresh_settings: Settings) -> None:
    paths = write_stories(tmp_path / "stories")
    ingest(paths, fresh_settings)
    engine = Engine(fresh_settings)
    try:
        page = engine.search(request_from_params({"collapse": ["0"], "page_size": ["50"]}, fresh_settings))
        first = next(hit for hit in page.results if hit.title == "Headline a0")
    finally:
        engine.close()
    assert first.cluster == first.id  # a0 arrived first: it represents story A
    assert remove([first.id], fresh_settings).removed == (first.id,)
    later = tmp_path / "later"
    later.mkdir()
    write_copy(later, "a9", story_words(1), 9)
    assert ingest([later], fresh_settings).joined == 1
    story_a = {group for group in partition(fresh_settings) if "Headline a1" in group}
    assert story_a == {frozenset(f"Headline a{copy}" for copy in (1, 2, 3, 4, 5, 9))}


def test_a_cluster_outlives_its_first_article_turning_into_another_story(tmp_path: Path,
                                                                        fresh_settings: Settings) -> None:
    paths = write_stories(tmp_path / "stories")
    ingest(paths, fresh_settings)
    write_copy(tmp_path / "stories", "a0", story_words(2), 7)  # a0 now carries story B
    again = ingest([paths[0]], fresh_settings)
    assert (again.updated, again.joined) == (1, 1)
    later = tmp_path / "later"
    later.mkdir()
    write_copy(later, "a9", story_words(1), 9)
    assert ingest([later], fresh_settings).joined == 1
    groups = partition(fresh_settings)
    assert frozenset(f"Headline a{copy}" for copy in (1, 2, 3, 4, 5, 9)) in groups
    assert frozenset(["Headline a0"] + [f"Headline b{copy}" for copy in range(4)]) in groups
