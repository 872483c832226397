"""Shared fixtures: a real on-disk index of the seeds in a temporary folder, built once."""
from __future__ import annotations

from pathlib import Path

import pytest

from ci_strict import pytest_runtest_makereport  # noqa: F401  (a hook: in CI, a skip is an error)
from search import Engine, Settings, bundled_seeds, ingest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def seeded_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings = Settings(index_dir=tmp_path_factory.mktemp("seed-index") / "index")
    report = ingest([bundled_seeds()], settings)
    assert report.indexed == 5 and not report.failed, report
    return settings


@pytest.fixture(scope="session")
def engine(seeded_settings: Settings) -> Engine:
    engine = Engine(seeded_settings)
    yield engine
    engine.close()


@pytest.fixture()
def fresh_settings(tmp_path: Path) -> Settings:
    return Settings(index_dir=tmp_path / "index", writer_lock_timeout_s=0.5)
