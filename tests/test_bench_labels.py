"""bench/labels.py scores the project against hand labels: on a folder written here, with
labels that the project meets in part, every figure is the one counted by hand."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
import labels  # noqa: E402

ARTICLES = {
    "jsa.txt": "Soldier runs across Panmunjom\n\nA North Korean soldier ran across the Joint "
               "Security Area at Panmunjom on Monday and defected to the South, officials said.\n",
    "summit.txt": "Leaders meet for summit\n\nThe two leaders met for talks on sanctions and "
                  "missiles on Tuesday, officials said.\n",
}
LABELS = [
    {"file": "jsa.txt", "url": "https://www.example-news.com/2017/11/13/soldier/",
     "routes": ["jsa"], "primary_route": "jsa", "crossings": ["defection"],
     "outlet": "Example Outlet", "published": "2017-11-13"},
    # Labelled as a sea story on purpose: the project's jsa answer must count as a miss.
    {"file": "summit.txt", "routes": ["sea"], "primary_route": "sea", "crossings": ["defection"],
     "split": "heldout"},
    {"file": "gone.txt", "routes": [], "primary_route": None, "crossings": []},
]


@pytest.fixture()
def labelled(tmp_path: Path) -> tuple[Path, Path]:
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    labels_file = tmp_path / "labels.jsonl"
    labels_file.write_text("\n".join(json.dumps(item) for item in LABELS) + "\n", encoding="utf-8")
    return tmp_path, labels_file


def _report(folder: Path, labels_file: Path) -> labels.Report:
    expected = labels.read_labels(labels_file)
    return labels.score((item, labels.answer(folder, item)) for item in expected)


def test_figures_are_counted_per_article(labelled: tuple[Path, Path]) -> None:
    report = _report(*labelled)
    figures = labels.summary(report)
    assert figures["articles"] == 3 and figures["unreadable"] == 1
    assert figures["counts"]["primary_accuracy"] == [2, 3]  # jsa right, sea wrong, gone right
    assert figures["per_route"]["jsa"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1}
    assert figures["per_route"]["sea"]["recall"] == 0.0
    assert figures["counts"]["date_accuracy"] == [1, 1]
    assert figures["counts"]["outlet_accuracy"] == [0, 1]  # a site the table does not know
    assert {miss.field for miss in report.misses} >= {"primary_route", "unreadable", "outlet"}


def test_outlets_compare_without_case_punctuation_or_the() -> None:
    assert labels.same_outlet("The Korea Herald", "korea herald")
    assert labels.same_outlet("NK News", "NK-News")
    assert not labels.same_outlet("Yonhap", None)
    assert not labels.same_outlet("Yonhap", "AP")


def test_command_scores_one_split_and_rejects_a_bad_label(labelled: tuple[Path, Path]) -> None:
    folder, labels_file = labelled
    run = [sys.executable, str(REPO / "bench" / "labels.py"), str(folder), str(labels_file)]
    heldout = json.loads(subprocess.run(run + ["--split", "heldout", "--json"], check=True,
                                        capture_output=True, text=True).stdout)
    assert heldout["articles"] == 1 and heldout["primary_accuracy"] == 0.0
    labels_file.write_text('{"file": "jsa.txt", "routes": ["boat"]}\n', encoding="utf-8")
    bad = subprocess.run(run, capture_output=True, text=True)
    assert bad.returncode != 0 and "line 1" in bad.stderr and "boat" in bad.stderr


def test_a_korean_outlet_counts_in_either_spelling() -> None:
    both = {"file": "k.txt", "outlet": "Yonhap", "outlet_ko": "연합뉴스"}
    counts = [labels.summary(labels.score([(labels._expected(both), labels.Answer(outlet=got))]))
              ["counts"]["outlet_accuracy"] for got in ("연합뉴스", "Yonhap", "뉴시스")]
    assert counts == [[1, 1], [1, 1], [0, 1]]
