"""The performance harness runs end to end on a small corpus (no timed assertions)."""
from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
REUTERS = REPO.parent / "shared" / "corpora" / "reuters21578"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not REUTERS.is_dir(), reason="needs ../shared/corpora/reuters21578"),
]


def _corpus_module():
    spec = importlib.util.spec_from_file_location("bench_corpus", REPO / "bench" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_corpus_is_deterministic_and_classifiable(tmp_path: Path) -> None:
    corpus = _corpus_module()
    first = corpus.build_corpus(tmp_path / "a", 60, seed=5, jobs=1)
    subprocess.run([sys.executable, str(REPO / "bench" / "corpus.py"), "--n", "60", "--seed", "5",
                    "--jobs", "2", "--out", str(tmp_path / "b")], check=True, capture_output=True)
    second = corpus.build_corpus(tmp_path / "b", 60, seed=5, jobs=1)  # reads the manifest back
    assert first["sha256"] == second["sha256"]
    assert (tmp_path / "a" / "part-0000" / "000042.txt").read_bytes() == \
        (tmp_path / "b" / "part-0000" / "000042.txt").read_bytes()
    assert corpus.build_corpus(tmp_path / "c", 60, seed=6, jobs=1)["sha256"] != first["sha256"]

    from search.reading.routes import classify_routes
    for route, templates in corpus.ROUTE_SENTENCES.items():
        for template in templates:
            sentence = template.format(soldier="A North Korean soldier", civilian="A North Korean man",
                                       when="on Monday", cited="Yonhap reported")
            assert classify_routes("Markets", [sentence]).primary_route == route, sentence


def test_perf_quick_prints_the_table(tmp_path: Path) -> None:
    args = [sys.executable, str(REPO / "bench" / "perf.py"), "--quick", "--n", "300", "--queries", "20",
            "--http-seconds", "3", "--corpus-dir", str(tmp_path / "corpus"), "--work-dir", str(tmp_path / "work")]
    if shutil.which("datasette") is None:
        args.append("--skip-datasette")
    done = subprocess.run(args, cwd=REPO, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    assert "| measure" in out and "ingest docs/s (end to end)" in out, out
    assert "bare Whoosh" in out and "SQLite FTS5" in out
    assert "library full page (2 routes OR-ed + dates) p95 ms" in out
    assert "HTTP" in out  # measured rows, or a clear "web not available" / skipped row
    assert (tmp_path / "work" / "results.json").is_file()


def test_duplication_heavy_corpora(tmp_path: Path) -> None:
    """--syndicated K: exactly K copies of one story; --raw-reuters: the stories as they are."""
    corpus = _corpus_module()
    manifest = corpus.build_corpus(tmp_path / "syn", 60, seed=5, jobs=1, syndicated=12)
    assert (manifest["syndicated"], manifest["raw_reuters"]) == (12, False)
    texts = [p.read_text(encoding="utf-8") for p in sorted((tmp_path / "syn").glob("part-*/*.txt"))]
    generator = corpus.Generator(corpus.load_reuters(), 5, 60, 12)
    _, story = generator.syndicated_story
    middle = story[len(story) // 2]  # a paragraph the light edits most likely leave whole
    copies = [text for text in texts if story[1][:60] in text or middle in text]
    datelines = [line[:60] for text in copies for line in text.splitlines()
                 if line.startswith(tuple(corpus.DATELINES))]
    assert len(copies) == len(set(datelines)) == 12  # each copy has a first line of its own
    sidecar = json.loads((tmp_path / "syn" / "part-0000" / "metadata.json").read_text(encoding="utf-8"))
    story_title = generator.syndicated_story[0]
    headlines = {meta["title"] for meta in sidecar.values() if story_title in meta["title"]}
    assert len(headlines) >= 4  # headlines of their own, from the story's title

    corpus.build_corpus(tmp_path / "raw", 30, jobs=1, raw=True)
    stories = corpus.load_reuters_raw()
    first = (tmp_path / "raw" / "part-0000" / "000000.txt").read_text(encoding="utf-8")
    assert first == f"{stories[0][0]}\n\n{stories[0][1]}\n"
    with pytest.raises(SystemExit, match="--syndicated"):
        corpus.build_corpus(tmp_path / "bad", 10, jobs=1, syndicated=11)


def test_dedup_scaling_prints_both_layouts() -> None:
    done = subprocess.run([sys.executable, str(REPO / "bench" / "dedup_scaling.py"), "--sizes", "50", "--copies", "30",
                           "--probes", "10", "--before"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    rows = [line for line in done.stdout.splitlines() if line.startswith("| now") or line.startswith("| before")]
    assert len(rows) == 2 and all(len(row.split("|")) == 7 for row in rows), done.stdout


def test_ingest_timeline_prints_a_line_per_commit(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _corpus_module().build_corpus(corpus, 120, seed=3, jobs=1)
    done = subprocess.run([sys.executable, str(REPO / "bench" / "ingest_timeline.py"), str(corpus),
                           "--index", str(tmp_path / "index")], cwd=REPO, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    commits = [line for line in done.stdout.splitlines() if line.startswith("commit ")]
    assert commits and all("waited" in line and "CPU)" in line for line in commits), done.stdout
    assert "indexed 120" in done.stdout and "writer CPU" in done.stdout, done.stdout


def test_perf_repeat_reports_the_median_of_alternating_pairs(tmp_path: Path) -> None:
    args = [sys.executable, str(REPO / "bench" / "perf.py"), "--n", "80", "--ingest-only", "--repeat", "3",
            "--corpus-dir", str(tmp_path / "corpus"), "--work-dir", str(tmp_path / "work")]
    done = subprocess.run(args, cwd=REPO, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    row = next(line for line in done.stdout.splitlines() if "median of 3 alternating pairs" in line)
    ratios = row.split("|")[4].split()
    assert len(ratios) == 3 and ratios == sorted(ratios), row
    assert f"{float(ratios[1]):.2f}x" in row.split("|")[5], row  # the median pair's ratio
    assert done.stderr.count("pair ") == 2, done.stderr
    refused = subprocess.run(args[:-4] + ["--repeat", "0"], cwd=REPO, capture_output=True, text=True)
    assert refused.returncode == 2 and "--repeat must be 1 or more" in refused.stderr
    refused = subprocess.run(args + ["--reuse"], cwd=REPO, capture_output=True, text=True)
    assert refused.returncode == 2 and "cannot go with --distinct-from or --reuse" in refused.stderr
