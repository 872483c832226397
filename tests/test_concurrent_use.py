"""Readers while a writer commits, and two writers at once: real processes, real index."""
from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from search import Engine, IndexLocked, Settings, bundled_seeds, ingest, request_from_params
from search.storage import writer_lock

REPO = Path(__file__).resolve().parents[1]
BATCH = 10
BATCHES = 80
READERS = 8
WRITE_FOR_S = 15
SEEDS = 5
WRITER = """
import sys, time
from pathlib import Path
from search import Settings, ingest
settings = Settings(index_dir=Path(sys.argv[1]))
stop = time.monotonic() + float(sys.argv[3])
for number, folder in enumerate(sorted(Path(sys.argv[2]).iterdir()), start=1):
    ingest([folder], settings)
    print(number, flush=True)
    if time.monotonic() > stop:
        break
"""


def write_articles(folder: Path, first: int, count: int) -> None:
    folder.mkdir(parents=True)
    for number in range(first, first + count):
        body = (f"A North Korean fisherman, case {number}, drifted south past buoy {number * 3} "
                f"and asked to stay, officials of district {number % 11} said. ") * 3
        (folder / f"c{number:05d}.txt").write_text(f"Boat case {number}\n\n{body}", encoding="utf-8")


def total(engine: Engine, settings: Settings) -> int:
    """Every live article: an empty query browses the whole index."""
    return engine.search(request_from_params({"collapse": ["0"]}, settings)).total


@pytest.mark.slow
@pytest.mark.parametrize("sharing", ["one shared engine", "an engine per thread"])
def test_readers_never_see_a_partial_or_shrinking_index(sharing: str, tmp_path: Path) -> None:
    settings = Settings(index_dir=tmp_path / "index")
    ingest([bundled_seeds()], settings)
    batches = tmp_path / "batches"
    for number in range(BATCHES):
        write_articles(batches / f"b{number:03d}", number * BATCH, BATCH)
    shared = Engine(settings)
    engines = [shared if sharing == "one shared engine" else Engine(settings) for _ in range(READERS)]
    seen: list[list[int]] = [[] for _ in range(READERS)]
    errors: list[BaseException] = []
    done = threading.Event()

    def search_in_a_loop(reader: int) -> None:
        while not done.is_set():
            try:
                seen[reader].append(total(engines[reader], settings))
            except BaseException as error:  # any failure at all is what this test looks for
                errors.append(error)
                return

    threads = [threading.Thread(target=search_in_a_loop, args=(n,)) for n in range(READERS)]
    for thread in threads:
        thread.start()
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(settings.index_dir), str(batches),
                               str(WRITE_FOR_S)], stdout=subprocess.PIPE, text=True, cwd=REPO)
    acknowledged = 0
    try:
        for line in writer.stdout:
            acknowledged = int(line)
            after = Engine(settings) if sharing != "one shared engine" else shared
            assert total(after, settings) >= SEEDS + acknowledged * BATCH  # visible on the next search
    finally:
        assert writer.wait() == 0
        done.set()
        for thread in threads:
            thread.join()
    assert not errors, errors[:3]
    assert acknowledged >= 3, "the writer committed too few batches to test anything"
    for counts in seen:
        assert counts, "a reader never completed a search"
        assert counts == sorted(counts), "a count went back"
        assert all((c - SEEDS) % BATCH == 0 for c in counts), sorted(set(counts))
    assert total(shared, settings) == SEEDS + acknowledged * BATCH
    for engine in {id(e): e for e in engines}.values():
        engine.close()


@pytest.mark.slow
def test_a_second_writer_waits_then_exits_3_and_nothing_is_lost(tmp_path: Path) -> None:
    settings = Settings(index_dir=tmp_path / "index", writer_lock_timeout_s=0)
    corpus, later = tmp_path / "corpus", tmp_path / "later"
    write_articles(corpus, 0, 600)
    write_articles(later, 5000, 20)
    first = subprocess.Popen([sys.executable, "-m", "search.cli", "index", str(corpus), "--index-dir",
                              str(settings.index_dir)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, cwd=REPO)
    while first.poll() is None and not _is_locked(settings):
        time.sleep(0.02)
    assert first.poll() is None, "the first writer finished before the second could try"

    second = subprocess.Popen([sys.executable, "-m", "search.cli", "index", str(later), "--index-dir",
                               str(settings.index_dir), "--lock-timeout", "0.5"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    started = time.monotonic()
    with pytest.raises(IndexLocked, match="another process is writing"):
        ingest([later], Settings(index_dir=settings.index_dir, writer_lock_timeout_s=0.5))
    assert time.monotonic() - started >= 0.5  # it waited the configured time first
    out, err = second.communicate()
    assert first.wait() == 0, first.stderr
    assert second.returncode == 3, err
    assert "another process is writing" in err and "gave up after waiting 0.5 s" in err
    assert "Traceback" not in err and not out

    assert ingest([later], settings).indexed == 20  # the lock is free again
    engine = Engine(settings)
    assert total(engine, settings) == 620  # nothing of either writer was lost
    engine.close()


def _is_locked(settings: Settings) -> bool:
    try:
        with writer_lock(settings.index_dir, timeout_s=0):
            return False
    except IndexLocked:
        return True
