"""The collection (issue 15 items 5, 6, 7): removing articles by id or URL and by a source
file that is gone (crash-safe like indexing), serving a named empty folder without seeding
it, and indexing a missing path or unsupported files reported in the summary and the exit
status. Real indexes on disk, the real CLI, a real server on 127.0.0.1."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from search import Engine, Settings, bundled_seeds, ingest, remove, request_from_params
from search.cli import main
from search.ledger import open_ledger
from search.storage import live_generation

REPO = Path(__file__).resolve().parents[1]
BREITBART_URL = ("https://www.breitbart.com/national-security/2017/11/22/"
                 "video-north-korean-soldiers-shoot-defector-border-violating-armistice/")


def _copy_seeds(folder: Path) -> Path:
    shutil.copytree(bundled_seeds(), folder, ignore=shutil.ignore_patterns("__*", "*.py"))
    return folder


def _ids(settings: Settings) -> set[str]:
    engine = Engine(settings)
    try:
        return {hit.id for hit in engine.search(request_from_params({"page_size": ["50"]}, settings)).results}
    finally:
        engine.close()


def _index(settings: Settings, *args: str) -> int:
    return main(["index", *args, "--index-dir", str(settings.index_dir)])


# --- remove (item 5) ----------------------------------------------------------------------

def test_remove_by_id_and_by_url(tmp_path: Path, fresh_settings: Settings, capsys: pytest.CaptureFixture) -> None:
    ingest([_copy_seeds(tmp_path / "seeds")], fresh_settings)
    before = _ids(fresh_settings)
    some_id = sorted(before)[0]
    assert main(["remove", some_id, BREITBART_URL.replace("https://www.", "http://"),
                 "--index-dir", str(fresh_settings.index_dir)]) == 0
    assert capsys.readouterr().out.strip() == "removed 2, not found 0"
    assert _ids(fresh_settings) == before - {some_id, "6b9dfbd94ea468cb"}


def test_remove_names_what_it_did_not_find_with_exit_1(fresh_settings: Settings, capsys: pytest.CaptureFixture) -> None:
    ingest([bundled_seeds()], fresh_settings)
    assert main(["remove", "0123456789abcdef", "not-an-id", "--index-dir", str(fresh_settings.index_dir)]) == 1
    out, err = capsys.readouterr()
    assert out.strip() == "removed 0, not found 2"
    assert "not found: 0123456789abcdef: no article in the index has this id or URL" in err
    assert "not found: not-an-id:" in err
    assert len(_ids(fresh_settings)) == 5


def test_remove_killed_between_ledger_and_index_is_completed_by_running_it_again(
        tmp_path: Path, fresh_settings: Settings) -> None:
    """The ledger forgets first: a run killed then leaves the article in the index and
    unknown to the ledger; the same remove completes it, and re-indexing adds it back."""
    seeds = _copy_seeds(tmp_path / "seeds")
    ingest([seeds], fresh_settings)
    ledger = open_ledger(live_generation(fresh_settings.index_dir), fresh_settings.index_dir)
    ledger.forget(["6b9dfbd94ea468cb"])
    ledger.commit()
    ledger.close()  # ... and the process dies here, before the index's commit
    assert "6b9dfbd94ea468cb" in _ids(fresh_settings)
    assert remove(["6b9dfbd94ea468cb"], fresh_settings).removed == ("6b9dfbd94ea468cb",)
    assert "6b9dfbd94ea468cb" not in _ids(fresh_settings)
    report = ingest([seeds], fresh_settings)
    assert (report.indexed, report.unchanged) == (1, 4)
    assert "6b9dfbd94ea468cb" in _ids(fresh_settings)


# --- index --sync (item 5) ----------------------------------------------------------------

def test_sync_removes_articles_whose_source_file_is_gone(
        tmp_path: Path, fresh_settings: Settings, capsys: pytest.CaptureFixture) -> None:
    seeds = _copy_seeds(tmp_path / "seeds")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "fog.txt").write_text("Fog on the border\n\nA soldier walked south across the line in fog.\n")
    ingest([seeds, elsewhere], fresh_settings)
    (next(seeds.glob("002_*.txt"))).unlink()
    (elsewhere / "fog.txt").unlink()  # gone too, but not under the PATH synced
    assert _index(fresh_settings, "--sync", str(seeds)) == 0
    assert capsys.readouterr().out.strip() == "indexed 0, updated 0, unchanged 4, removed 1, failed 0"
    assert len(_ids(fresh_settings)) == 5  # four seeds and fog.txt
    assert _index(fresh_settings, str(seeds)) == 0  # without --sync nothing is removed
    assert _index(fresh_settings, "--sync", str(elsewhere)) == 0
    assert "removed 1" in capsys.readouterr().out
    assert len(_ids(fresh_settings)) == 4


def test_sync_finds_gone_records_files_from_a_relative_path(
        tmp_path: Path, fresh_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("records").mkdir()
    Path("records/a.jsonl").write_text(json.dumps({"title": "Boat", "text": "A boat reached the coast."}) + "\n")
    Path("records/b.txt").write_text("Fog\n\nA soldier crossed in fog.\n")
    ingest([Path("records")], fresh_settings)
    Path("records/a.jsonl").unlink()
    monkeypatch.chdir(REPO)  # the sync runs from elsewhere, with an absolute path
    report = ingest([tmp_path / "records"], fresh_settings, sync=True)
    assert report.removed == 1 and len(_ids(fresh_settings)) == 1


def test_sync_of_a_path_that_is_missing_removes_nothing(tmp_path: Path, fresh_settings: Settings,
                                                         capsys: pytest.CaptureFixture) -> None:
    """A folder gone as a whole is more likely a typo or a disk not mounted than a deletion."""
    seeds = _copy_seeds(tmp_path / "seeds")
    ingest([seeds], fresh_settings)
    shutil.rmtree(seeds)
    assert _index(fresh_settings, "--sync", str(seeds)) == 1
    assert f"failed: {seeds}: no such file or folder" in capsys.readouterr().err
    assert len(_ids(fresh_settings)) == 5


# --- index: missing paths and unsupported files (item 7) ---------------------------------

def test_indexing_a_missing_path_fails_and_leaves_no_empty_index(
        tmp_path: Path, fresh_settings: Settings, capsys: pytest.CaptureFixture) -> None:
    assert _index(fresh_settings, str(tmp_path / "nope")) == 1
    out, err = capsys.readouterr()
    assert f"failed: {tmp_path / 'nope'}: no such file or folder" in err
    assert out.strip() == "indexed 0, updated 0, unchanged 0, failed 1"
    assert main(["query", "soldier", "--index-dir", str(fresh_settings.index_dir)]) == 4
    assert "no index yet" in capsys.readouterr().err


def test_unsupported_files_are_named_in_the_summary_and_the_exit_status(
        tmp_path: Path, fresh_settings: Settings, capsys: pytest.CaptureFixture) -> None:
    folder = _copy_seeds(tmp_path / "seeds")
    (folder / "notes.md").write_text("# my notes\n")
    (folder / "paper.pdf").write_bytes(b"%PDF-1.4")
    (folder / ".DS_Store").write_bytes(b"\0")
    assert _index(fresh_settings, str(folder)) == 1
    out, err = capsys.readouterr()
    assert out.strip() == "indexed 5, updated 0, unchanged 0, failed 0, skipped 2 (unsupported type)"
    assert f"skipped: {folder / 'notes.md'}: not indexed: .md is not a supported type" in err
    assert f"skipped: {folder / 'paper.pdf'}: not indexed: .pdf is not a supported type" in err
    assert ".DS_Store" not in err and "metadata.json" not in err


# --- serve: seeds only for the README's first command (item 6) ----------------------------

def _serve(cwd: Path, *args: str, env: dict[str, str] | None = None) -> tuple[subprocess.Popen, str]:
    env = {k: v for k, v in os.environ.items() if k != "DEFECTION_SEARCH_INDEX"} | (env or {})
    env["PYTHONPATH"] = str(REPO)
    server = subprocess.Popen([sys.executable, "-m", "search.cli", "serve", "--port", "0", *args],
                              cwd=cwd, env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    for line in server.stderr:
        found = re.search(r"on (http://127\.0\.0\.1:\d+)/", line)
        if found:
            return server, found.group(1)
        assert time.monotonic() < deadline, "the server did not start"
    raise AssertionError(f"the server exited with {server.wait()}")


def _api(base: str) -> dict:
    with urllib.request.urlopen(f"{base}/api/search", timeout=30) as answer:
        return json.load(answer)


@pytest.mark.parametrize("named_by", ["--index-dir", "DEFECTION_SEARCH_INDEX"])
def test_serving_a_named_empty_folder_serves_an_empty_search_saying_how_to_add_articles(
        tmp_path: Path, named_by: str) -> None:
    folder = tmp_path / "production"
    folder.mkdir()
    if named_by == "--index-dir":
        server, base = _serve(tmp_path, "--index-dir", str(folder))
    else:
        server, base = _serve(tmp_path, env={"DEFECTION_SEARCH_INDEX": str(folder)})
    try:
        data = _api(base)
        assert data["total"] == 0
        assert data["notices"] == [f"The index in {folder} holds no articles yet. Add some with: "
                                   f"defection-search index PATH ... --index-dir {folder}"]
        with urllib.request.urlopen(f"{base}/", timeout=30) as page:
            assert "holds no articles yet" in page.read().decode()
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_readme_first_command_seeds_the_default_index(tmp_path: Path) -> None:
    (tmp_path / "index").mkdir()
    (tmp_path / "index" / "WRITER.lock").touch()  # left by an `index` run that indexed nothing
    server, base = _serve(tmp_path)
    try:
        assert _api(base)["total"] == 5
    finally:
        server.terminate()
        server.wait(timeout=30)
