"""`defection-search clean` on the five seeds: metadata, labels and body as SOURCES.md says."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from search.cli import main
from conftest import SEEDS

EXPECTED = {
    "000": ("ROK Drop", "2017-11-13", "jsa", ["jsa"], ["defection"]),
    "001": ("Al Jazeera", "2017-12-21", "dmz", ["dmz", "jsa", "sea"], ["defection"]),
    "002": ("Breitbart", "2017-11-22", "jsa", ["jsa"], ["defection"]),
    "003": ("Why Evolution Is True", "2017-11-24", "jsa", ["jsa"], ["defection"]),
    "004": ("The Talking Democrat", "2017-12", "dmz", ["dmz", "jsa", "sea"], ["defection"]),
}
MUST_NOT = ["boyband", "Rodman", "Hitchens", "Randall Schenck", "bike riding", "Iran Bans",
            "bloggers like this", "Leave a Reply", "email address will not be published", "Getty Images",
            "Permalink", "kayaking", "US military veteran", "Source: Al Jazeera", "via AP"]
MUST_KEEP = {
    "000": ["airlifted by a United Nations Command helicopter", "pay the consequences"],
    "001": ["Se-Woong Koo", "did not return fire", "not enough sources"],
    "002": ["parasitic worms", "notified of the violation", "heavier weapons"],
    "003": ["infected with worms", "None of them are easy", "Black Hawk helicopter"],
    "004": ["K-3 light machine gun", "wants to become a lawyer", "Virtually all of them reach the South"],
}
KEYS = {"id", "title", "outlet", "url", "published", "routes", "crossings", "primary_route",
        "route_evidence", "cited_sources", "body", "removed", "provenance",
        "lang"}  # issue 16 added lang (en, ko, other); keys are added, never renamed


def clean_json(path: Path, capsys: pytest.CaptureFixture) -> dict:
    assert main(["clean", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_metadata_and_labels(prefix: str, capsys: pytest.CaptureFixture) -> None:
    article = clean_json(next(SEEDS.glob(f"{prefix}_*.txt")), capsys)
    assert set(article) == KEYS
    outlet, published, primary, routes, crossings = EXPECTED[prefix]
    assert (article["outlet"], article["published"]) == (outlet, published)
    assert (article["primary_route"], sorted(article["routes"]), sorted(article["crossings"])) == (
        primary, routes, crossings)
    assert {e["route"] for e in article["route_evidence"]} == set(routes)
    assert all(e["sentence"] in article["body"] or e["sentence"] in article["title"]
               for e in article["route_evidence"])
    assert article["provenance"]["outlet"] == "sidecar"


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_body_keeps_the_article_and_drops_the_rest(prefix: str, capsys: pytest.CaptureFixture) -> None:
    article = clean_json(next(SEEDS.glob(f"{prefix}_*.txt")), capsys)
    for phrase in MUST_NOT:
        assert phrase not in article["body"], phrase
    for phrase in MUST_KEEP[prefix]:
        assert phrase in article["body"], phrase
    assert article["title"] and article["title"] not in article["body"].split("\n\n")[0]


@pytest.mark.parametrize("prefix, cited", [
    ("000", {"Yonhap", "Korea Times", "Joint Chiefs of Staff", "UN Command"}),
    ("001", {"Yonhap", "Korea JoongAng Daily", "AFP"}),  # AFP only in a photo credit
    ("002", {"Los Angeles Times", "Reuters", "BBC", "AP"}),
    ("003", {"Washington Post"}),
    ("004", {"Yonhap", "Unification Ministry"}),
])
def test_cited_sources_include_credits_but_never_the_publisher(
        prefix: str, cited: set[str], capsys: pytest.CaptureFixture) -> None:
    article = clean_json(next(SEEDS.glob(f"{prefix}_*.txt")), capsys)
    assert cited <= set(article["cited_sources"])
    assert article["outlet"] not in article["cited_sources"]


def test_seed_ids_are_stable_and_from_url_when_known(capsys: pytest.CaptureFixture) -> None:
    first = clean_json(next(SEEDS.glob("000_*.txt")), capsys)
    again = clean_json(next(SEEDS.glob("000_*.txt")), capsys)
    assert first["id"] == again["id"] and len(first["id"]) == 16
    assert first["provenance"]["url"] == "sidecar"


def test_text_view_and_console_script(tmp_path: Path) -> None:
    seed = next(SEEDS.glob("004_*.txt"))
    done = subprocess.run([sys.executable, "-m", "search.cli", "clean", str(seed)],
                          capture_output=True, text=True, check=True)
    assert "The Talking Democrat (sidecar)" in done.stdout and "wants to become a lawyer" in done.stdout


def test_bad_inputs_fail_with_one_line_each_and_the_rest_carries_on(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.html").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "ok.txt").write_text("A defector speaks\n\nA North Korean soldier crossed the DMZ on Monday, officials said.", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "search.cli", "clean", str(tmp_path), "--json"],
                          capture_output=True, text=True)
    assert done.returncode == 1
    errors = done.stderr.strip().splitlines()
    assert len(errors) == 2 and all(line.startswith("error: ") for line in errors)
    assert "Traceback" not in done.stderr
    assert json.loads(done.stdout)["title"] == "A defector speaks"
