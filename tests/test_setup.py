"""The README's setup works as written: its commands use a virtual environment (Debian 12's
system Python refuses `pip install`), .ci/run runs exactly its test command, every test that
needs data outside the repository is named there, and in CI a skipped test is an error."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def _fresh_machine_commands() -> list[str]:
    section = README.split("## On a fresh machine", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^```sh\n(.+?)\n```$", section, flags=re.MULTILINE)


def test_both_readme_commands_create_and_use_a_virtual_environment() -> None:
    commands = _fresh_machine_commands()
    assert len(commands) == 2, commands
    for command in commands:
        steps = [s.strip() for s in command.split("&&")]
        venv_at = next(i for i, s in enumerate(steps) if s.startswith("python3 -m venv .venv"))
        later = steps[venv_at + 1:]
        assert later and all(s.startswith(".venv/bin/") for s in later), command
        assert not any(re.match(r"(python3? -m )?pip install", s) for s in steps), command
        assert "apt-get install -y" in command and "python3-venv" in command  # Debian's venv needs it
    assert commands[1].endswith(".venv/bin/python -m pytest")


def test_ci_runs_exactly_the_readme_test_command() -> None:
    printed = subprocess.run(["bash", str(REPO / ".ci" / "run"), "--print"], capture_output=True,
                             text=True, check=True).stdout.strip()
    assert printed == _fresh_machine_commands()[1]


def test_readme_names_every_test_that_needs_shared_data() -> None:
    needing = sorted(p.name for p in (REPO / "tests").glob("test_*.py")
                     if re.search(r"skipif\(not [A-Z_]+\.is_dir\(\)", p.read_text(encoding="utf-8")))
    assert needing, "no data-bound test found: the check itself is broken"
    missing = [name for name in needing if f"tests/{name}" not in README]
    assert not missing, f"README does not say what data these need: {missing}"


SKIPPING_TEST = '''
import pytest

def test_runs():
    assert True

@pytest.mark.skip(reason="data not here")
def test_skips():
    pass

@pytest.mark.xfail(reason="known", strict=True)
def test_expected_failure():
    assert False
'''


def _run_pytest(folder: Path, ci: str | None) -> subprocess.CompletedProcess:
    (folder / "test_sample.py").write_text(SKIPPING_TEST, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CI"} | {"PYTHONPATH": str(REPO / "tests")}
    if ci is not None:
        env["CI"] = ci
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "ci_strict", "-q", "-rs",
                           "-p", "no:cacheprovider", "--rootdir", str(folder), str(folder)],
                          capture_output=True, text=True, env=env, cwd=folder, timeout=120)


def test_in_ci_a_skipped_test_is_an_error(tmp_path: Path) -> None:
    run = _run_pytest(tmp_path, ci="true")
    assert run.returncode != 0, run.stdout
    assert "1 passed" in run.stdout and "1 xfailed" in run.stdout and "1 error" in run.stdout, run.stdout
    assert "skipped in CI (CI=true), where every test must run: data not here" in run.stdout


def test_outside_ci_a_skip_stays_a_skip(tmp_path: Path) -> None:
    run = _run_pytest(tmp_path, ci=None)
    assert run.returncode == 0, run.stdout
    assert "1 skipped" in run.stdout and "data not here" in run.stdout
