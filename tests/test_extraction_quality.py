"""Extraction quality must not regress: F1 and precision floors on a fixed benchmark subset.

The subset is every SUBSET_STEP-th page of the sorted ground-truth ids plus the 10
comment-thread pages; the floors and the SHA-256 of the data they were measured on live in
tests/extraction_baseline.json. The metric is score.py's own (bench.extraction imports it).
To re-measure after an improvement, run this file with EXTRACTION_BASELINE_PRINT=1 and -s.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from bench.extraction import (
    VARIANTS, Score, Variant, benchmark_dir, comment_thread_ids, find_function,
    load_ground_truth, load_scorer, score_predictions,
)

REPO = Path(__file__).resolve().parents[1]
BASELINE = REPO / "tests" / "extraction_baseline.json"
BENCH = benchmark_dir(REPO.parent / "shared")
SUBSET_STEP = 5

pytestmark = pytest.mark.skipif(not BENCH.is_dir(), reason=f"benchmark data not found at {BENCH}")


def _subset_ids(ground_truth: dict) -> list[str]:
    every_kth = sorted(ground_truth)[::SUBSET_STEP]
    return every_kth + [i for i in comment_thread_ids(BENCH) if i not in every_kth]


def _input_path(variant: Variant, page_id: str) -> Path:
    folder = BENCH / variant.inputs
    return next(folder.glob(f"{page_id}.*"))


def _sha256(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _data_hashes(ids: list[str]) -> dict[str, str]:
    shared_files = [BENCH / "data" / "ground-truth.json", BENCH / "comment_pages.tsv"]
    hashes = {"ground_truth_and_comment_list": _sha256(shared_files)}
    for variant in VARIANTS:
        hashes[variant.name] = _sha256([_input_path(variant, i) for i in ids])
    return hashes


def _measure(variant: Variant, ground_truth: dict, ids: list[str]) -> dict[str, Score]:
    scorer = load_scorer(BENCH)
    clean = find_function(variant.function)
    predictions = {i: clean(scorer.read_input(str(_input_path(variant, i)))) for i in ids}
    return {
        "subset": score_predictions(scorer, ground_truth, predictions, ids),
        "comment_pages": score_predictions(scorer, ground_truth, predictions,
                                           comment_thread_ids(BENCH)),
    }


@pytest.fixture(scope="module")
def baseline() -> dict:
    return json.loads(BASELINE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def ground_truth() -> dict:
    return load_ground_truth(BENCH)


def test_benchmark_data_is_the_data_the_floors_were_measured_on(baseline, ground_truth):
    found = _data_hashes(_subset_ids(ground_truth))
    changed = sorted(k for k, v in baseline["data_sha256"].items() if found.get(k) != v)
    assert not changed, (
        f"benchmark data changed since the floors in {BASELINE.name} were measured "
        f"({', '.join(changed)}); re-measure and update the floors and hashes")


@pytest.mark.parametrize("variant", VARIANTS, ids=[v.name for v in VARIANTS])
def test_extraction_stays_above_its_floors(variant, baseline, ground_truth):
    if find_function(variant.function) is None:
        pytest.skip(f"{variant.function} does not exist yet")
    measured = _measure(variant, ground_truth, _subset_ids(ground_truth))
    if os.environ.get("EXTRACTION_BASELINE_PRINT"):
        print(variant.name, measured)
    floors = baseline["floors"][variant.name]
    for part, score in measured.items():
        for metric in ("f1", "precision"):
            floor = floors[part][metric]
            assert getattr(score, metric) >= floor, (
                f"{variant.name} {part} {metric} {getattr(score, metric):.4f} fell below "
                f"its floor {floor}")
