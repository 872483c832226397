"""The ingest pipeline: parallel cleaning gives exactly what sequential cleaning gives."""
from __future__ import annotations

from pathlib import Path

from search import Article, InputError, iter_articles
from search.pipeline import PARALLEL_MIN_FILES, identify


def test_parallel_and_sequential_ingest_agree_in_order(tmp_path: Path) -> None:
    for number in range(PARALLEL_MIN_FILES + 6):
        body = f"A North Korean soldier crossed the DMZ at post {number} on Monday, officials said."
        (tmp_path / f"{number:03d}.txt").write_text(f"Crossing {number}\n\n{body}", encoding="utf-8")
    (tmp_path / "zz-empty.txt").write_bytes(b"")
    sequential = list(iter_articles([tmp_path], 1 << 20, workers=1))
    parallel = list(iter_articles([tmp_path], 1 << 20, workers=2))
    assert [type(a) for a in parallel] == [type(a) for a in sequential]
    assert [a.to_json() for a in parallel if isinstance(a, Article)] == \
        [a.to_json() for a in sequential if isinstance(a, Article)]
    assert isinstance(parallel[-1], InputError) and "empty file" in str(parallel[-1])
    assert parallel[0].routes == ("dmz",)


def test_ids_come_from_the_url_ignoring_scheme_www_slash_and_fragment() -> None:
    assert identify("https://www.nknews.org/a/b/#top", "x") == identify("http://nknews.org/a/b", "y")
    assert identify(None, "seeds/A.txt") == identify(None, "seeds/a.txt")
    assert identify(None, "seeds/a.txt") != identify("http://nknews.org/a", "seeds/a.txt")
