"""Every limit and knob of the engine, named with its unit, in one frozen record.

The web app and the CLI build a Settings from their config and hand it down; nothing else
in search/ hard-codes a limit. Each field is documented in README.md (a test checks it).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

INDEX_DIR_ENV = "DEFECTION_SEARCH_INDEX"


@dataclass(frozen=True)
class Settings:
    index_dir: Path = Path("index")
    max_input_bytes: int = 5 * 1024 * 1024
    max_query_chars: int = 512
    max_query_terms: int = 32
    max_query_nesting: int = 8
    wildcard_min_prefix_chars: int = 3
    page_max: int = 50
    page_size_default: int = 10
    page_size_max: int = 50
    facet_values_max: int = 50
    export_rows_max: int = 10_000
    snippet_chars: int = 240
    similar_max: int = 5
    match_cache_docs: int = 300_000
    writer_lock_timeout_s: float = 10.0
    commit_batch_docs: int = 500
    writer_pool_mb: int = 256
    ingest_workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    cluster_jaccard_min: float = 0.8
    cluster_candidates_max: int = 8
    harvest_delay_s: float = 2.0
    harvest_hosts_parallel: int = 16
    fetch_timeout_s: float = 30.0
    fetch_retries: int = 3
    fetch_backoff_s: float = 2.0
    retry_after_max_s: float = 300.0
    redirects_max: int = 5
    warc_file_bytes: int = 1_000_000_000

    def __post_init__(self) -> None:
        object.__setattr__(self, "index_dir", Path(self.index_dir))  # accept a str from config

    @classmethod
    def from_env(cls, **overrides: object) -> "Settings":
        """Defaults, then DEFECTION_SEARCH_INDEX, then explicit overrides (None means unset)."""
        base = cls()
        env_dir = os.environ.get(INDEX_DIR_ENV)
        if env_dir:
            base = replace(base, index_dir=Path(env_dir))
        return replace(base, **{k: v for k, v in overrides.items() if v is not None})


def setting_names() -> list[str]:
    return [f.name for f in fields(Settings)]


def is_default_index_dir(index_dir: object | None) -> bool:
    """True when neither --index-dir (or its config twin) nor $DEFECTION_SEARCH_INDEX names the
    index: only then may `serve` fill an empty index with the bundled seeds."""
    return index_dir is None and not os.environ.get(INDEX_DIR_ENV)
