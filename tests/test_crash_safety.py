"""Crash safety: kill -9 at random moments while indexing, and damaged index folders.

An article is acknowledged when its batch is reported committed. ingest() reports progress
per article while writing a batch, before that batch's commit, so a batch counts as committed
once the first article of the next batch is reported, and the last one once ingest returns.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC

from search import Engine, IndexUnavailable, Settings, bundled_seeds, ingest, request_from_params
from search.ledger import LEDGER_NAME
from search.pipeline import identify
from search.storage import CATALOG_NAME, LOCK_NAME, POINTER_NAME, live_generation, writer_lock

CORPUS_SIZE = 300
BATCH = 20
KILLS = 25
KILL_SEED = 20240611
CHILD = """
import sys
from pathlib import Path
from search import Settings, ingest
settings = Settings(index_dir=Path(sys.argv[1]), commit_batch_docs={batch}, writer_lock_timeout_s=5)
report = lambda outcome, origin: print(outcome, origin, flush=True)
ingest([Path(sys.argv[2])], settings, rebuild=sys.argv[3] == "rebuild", progress=report)
print("done", flush=True)
""".format(batch=BATCH)
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("crash") / "corpus"
    folder.mkdir()
    for number in range(CORPUS_SIZE):
        body = (f"A North Korean soldier, case {number}, crossed near guard post {number * 7} "
                f"and was questioned by officials about unit {number % 13}. ") * 4
        (folder / f"a{number:03d}.txt").write_text(f"Defector case {number}\n\n{body}", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def full_run_s(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> float:
    """How long one whole ingest of the corpus takes here: kills are spread over that span."""
    started = time.monotonic()
    ingest([corpus], Settings(index_dir=tmp_path_factory.mktemp("calibrate"), commit_batch_docs=BATCH))
    return time.monotonic() - started


def article_id(corpus: Path, origin: str) -> str:
    return identify(None, f"{corpus.name}/{Path(origin).name}")


def acknowledged(lines: list[str], mode: str) -> set[str]:
    """Origins reported committed: every batch before the one being written when killed."""
    if "done" in lines:
        return {line.split(" ", 1)[1] for line in lines if " " in line}
    if mode != "ingest":  # a rebuild or a first index is published only at the end
        return set()
    articles = [line.split(" ", 1)[1] for line in lines if " " in line]
    committed = (len(articles) - 1) // BATCH * BATCH if articles else 0
    return set(articles[:committed])


def run_and_kill(settings: Settings, corpus: Path, mode: str, delay_s: float, log: Path) -> list[str]:
    """Start the writer, wait until it reports its first article, then kill -9 after `delay_s`."""
    with log.open("w") as out:
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(settings.index_dir), str(corpus), mode],
                                 stdout=out, stderr=subprocess.PIPE, cwd=REPO)
    deadline = time.monotonic() + 30
    while not log.read_text() and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(delay_s)
    child.send_signal(signal.SIGKILL)
    _, stderr = child.communicate()
    assert child.returncode in (0, -signal.SIGKILL), stderr.decode()
    text = log.read_text()
    return text[: text.rfind("\n") + 1].splitlines()  # complete lines only


def visible_total(settings: Settings) -> int:
    engine = Engine(settings)
    try:
        return engine.search(request_from_params({"collapse": ["0"]}, settings)).total
    finally:
        engine.close()


def stray_files(index_dir: Path) -> list[str]:
    """Files the live table of contents does not reference, and leftovers beside CURRENT.

    Read through Whoosh's own TOC reader: an oracle independent of search.storage.
    """
    live = live_generation(index_dir)
    toc = TOC.read(FileStorage(str(live)), "MAIN")
    segments = {s.segment_id() for s in toc.segments}
    kept = {"SCHEMA_VERSION", "MAIN_WRITELOCK", f"_MAIN_{toc.generation}.toc", LEDGER_NAME, CATALOG_NAME,
            f"{LEDGER_NAME}-wal", f"{LEDGER_NAME}-shm"}  # SQLite's, beside a ledger in WAL mode
    strays = [p.name for p in live.iterdir()
              if p.name not in kept and p.name.split(".", 1)[0] not in segments]
    newer = [p.name for p in index_dir.glob("gen-*") if p.name > live.name]
    others = [p.name for p in index_dir.iterdir()
              if p.name not in (POINTER_NAME, LOCK_NAME) and not p.name.startswith("gen-")]
    return strays + newer + others


def prepare(settings: Settings, corpus: Path, mode: str) -> int:
    """The index the writer starts from, and how many articles it already holds."""
    if mode == "fresh":
        return 0
    ingest([bundled_seeds()], settings)
    return 5


@pytest.mark.slow
@pytest.mark.parametrize("round_", range(5))
def test_kill_9_while_indexing_loses_nothing_acknowledged(round_: int, corpus: Path, full_run_s: float,
                                                         tmp_path: Path) -> None:
    rng = random.Random(KILL_SEED + round_)
    for kill in range(KILLS // 5):
        mode = ("ingest", "ingest", "ingest", "rebuild", "fresh")[kill]
        settings = Settings(index_dir=tmp_path / f"index-{kill}", commit_batch_docs=BATCH,
                            writer_lock_timeout_s=0)
        base = prepare(settings, corpus, mode)
        lines = run_and_kill(settings, corpus, mode, rng.uniform(0, full_run_s), tmp_path / f"log-{kill}")
        acked = acknowledged(lines, mode)
        label = f"round {round_} kill {kill} ({mode}, {len(lines)} lines)"

        if mode == "fresh" and live_generation(settings.index_dir) is None:
            assert not acked, label
        else:
            total = visible_total(settings)
            engine = Engine(settings)
            lost = [o for o in acked if engine.article(article_id(corpus, o)) is None]
            engine.close()
            assert not lost, f"{label}: lost {len(lost)} acknowledged articles"
            if mode == "rebuild":
                assert total in (base, CORPUS_SIZE), label  # the old index or the new, never a mix
            else:
                assert (total - base) % BATCH == 0, f"{label}: a partial batch is visible ({total})"
        with writer_lock(settings.index_dir, timeout_s=0):
            pass  # the killed writer's lock died with it

        ingest([corpus], settings, rebuild=mode == "rebuild")
        expected = CORPUS_SIZE if mode != "ingest" else CORPUS_SIZE + base
        assert visible_total(settings) == expected, label
        assert stray_files(settings.index_dir) == [], label


def test_unchanged_batches_leave_no_stray_files(corpus: Path, tmp_path: Path) -> None:
    """Whoosh's cancel() leaves an empty segment behind for every unchanged batch."""
    settings = Settings(index_dir=tmp_path / "index", commit_batch_docs=100)
    ingest([corpus], settings)
    assert ingest([corpus], settings).unchanged == CORPUS_SIZE
    assert stray_files(settings.index_dir) == []


def damaged_toc_truncated(generation: Path) -> None:
    toc = next(generation.glob("_MAIN_*.toc"))
    toc.write_bytes(toc.read_bytes()[:40])


def damaged_toc_deleted(generation: Path) -> None:
    for toc in generation.glob("_MAIN_*.toc"):
        toc.unlink()


def damaged_segment_deleted(suffix: str):
    def damage(generation: Path) -> None:
        max(generation.glob(f"MAIN_*{suffix}"), key=lambda p: p.stat().st_size).unlink()
    damage.__name__ = f"deleted {suffix}"
    return damage


def damaged_current_garbage(generation: Path) -> None:
    (generation.parent / POINTER_NAME).write_bytes(os.urandom(64) + b"\x00/..")


def damaged_current_missing_folder(generation: Path) -> None:
    (generation.parent / POINTER_NAME).write_text("gen-20990101T000000000000Z", encoding="utf-8")


def damaged_schema(generation: Path) -> None:
    (generation / "SCHEMA_VERSION").write_text("0", encoding="utf-8")


DAMAGE = [damaged_toc_truncated, damaged_toc_deleted, damaged_current_garbage,
          damaged_current_missing_folder, damaged_schema,
          *(damaged_segment_deleted(s) for s in (".trm", ".pst", "._stored.col", "._body_len.col", ".cluster.col"))]


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "search.cli", *args], capture_output=True, text=True, cwd=REPO)


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda d: d.__name__)
def test_a_damaged_index_is_refused_with_the_rebuild_command(damage, fresh_settings: Settings) -> None:
    index_dir = fresh_settings.index_dir
    ingest([bundled_seeds()], fresh_settings)
    damage(live_generation(index_dir))
    with pytest.raises(IndexUnavailable, match="rebuild"):
        Engine(fresh_settings).search(request_from_params({"q": ["soldier"]}, fresh_settings))
    for command in (("query", "soldier"), ("query", ""), ("index", str(bundled_seeds()))):
        done = cli(*command, "--index-dir", str(index_dir))
        assert done.returncode == 4, (command, done.stderr)
        assert f"defection-search index --rebuild --index-dir {index_dir}" in done.stderr
        assert "Traceback" not in done.stderr and not done.stdout
    assert cli("index", "--rebuild", "--index-dir", str(index_dir)).returncode == 0
    assert visible_total(fresh_settings) == 5
    assert stray_files(index_dir) == []


@pytest.mark.parametrize("make", ["missing", "empty"])
def test_no_index_yet_says_how_to_build_one(make: str, fresh_settings: Settings) -> None:
    if make == "empty":
        fresh_settings.index_dir.mkdir()
    done = cli("query", "soldier", "--index-dir", str(fresh_settings.index_dir))
    assert done.returncode == 4 and "no index yet" in done.stderr and "Traceback" not in done.stderr
    assert f"build one with: defection-search index PATH ... --index-dir {fresh_settings.index_dir}" in done.stderr
    assert cli("index", "--index-dir", str(fresh_settings.index_dir)).returncode == 0
    assert visible_total(fresh_settings) == 5
