"""The README answers an operator's questions (issue 15 items 8, 9), and what it says works:
its reverse-proxy and systemd examples use flags the command accepts, the backup command
really keeps writers out, and the limits it quotes are the settings' own."""
from __future__ import annotations

import fcntl
import re
import shlex
from pathlib import Path

import pytest

from search import IndexLocked, Settings, bundled_seeds, ingest
from search.cli import build_parser
from search.storage import LOCK_NAME

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    return README.split(title, 1)[1].split("\n### ", 1)[0].split("\n## ", 1)[0]


def test_the_systemd_and_proxy_examples_use_flags_the_command_accepts() -> None:
    exec_start = re.search(r"^ExecStart=\S+/defection-search (.+)$", README, flags=re.MULTILINE).group(1)
    args = build_parser().parse_args(shlex.split(exec_start))
    assert args.trusted_proxy == ["127.0.0.1"] and args.url_prefix == "/research"
    assert "proxy_set_header X-Forwarded-Host" in README and "proxy_set_header X-Forwarded-Proto" in README


def test_backups_say_what_to_copy_and_whether_while_serving() -> None:
    backup = _section("**Backing up.**")
    for needed in ("CURRENT", "gen-*", "LEDGER.sqlite3", "while it serves", "index --rebuild", "WRITER.lock"):
        assert needed in backup, needed


def test_the_backup_command_keeps_writers_out(fresh_settings: Settings) -> None:
    """`flock INDEX/WRITER.lock cp ...` as the README says: a writer waits, then gives up."""
    ingest([bundled_seeds()], fresh_settings)
    with open(fresh_settings.index_dir / LOCK_NAME, "a+") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)  # what flock(1) takes for the copy
        with pytest.raises(IndexLocked):
            ingest([bundled_seeds()], fresh_settings)


def test_upgrades_say_when_a_rebuild_is_needed() -> None:
    upgrade = _section("**Upgrading.**")
    assert "SCHEMA_VERSION" in upgrade and "rebuild needed" in upgrade and "index\n--rebuild" in upgrade


def test_limits_quote_the_settings_and_the_measured_label_accuracy() -> None:
    limits = _section("**Limits.**")
    s = Settings()
    for figure in (f"{s.max_query_chars} characters", f"{s.max_query_terms} terms",
                   f"{s.max_query_nesting} levels of parentheses", f"{s.wildcard_min_prefix_chars} letters before a",
                   f"{s.facet_values_max} values per facet", f"{s.page_size_max} results a page",
                   f"page {s.page_max}", f"{s.export_rows_max:,} rows", f"{s.max_input_bytes // 2**20} MB"):
        assert figure in limits, figure
    assert "100,000" in limits and "python bench/labels.py TEXT_DIR LABELS" in limits
    assert re.search(r"route macro-F1 0\.\d+", limits) and re.search(r"primary route right on \d+ of \d+", limits)
