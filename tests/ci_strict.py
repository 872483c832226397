"""In CI a skipped test is an error: there ../shared is present, so a skip means a test that
silently stopped running (its data moved, a dependency went missing). Locally, on a fresh
clone without ../shared, the data-bound tests still skip and say why (README, "Tests that
need data beside the repository"). An expected failure (xfail) is not a skip."""
from __future__ import annotations

import os

import pytest

CI_VALUES = ("true", "1", "yes")


def ci_forbids_skips() -> bool:
    return os.environ.get("CI", "").strip().lower() in CI_VALUES


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail") and ci_forbids_skips():
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        reason = reason.removeprefix("Skipped: ")
        report.outcome = "failed"
        report.longrepr = f"skipped in CI (CI=true), where every test must run: {reason}"
