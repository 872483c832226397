"""A harvest killed with SIGKILL mid-run and run again: nothing already written is lost,
nothing already stored is fetched again, and every WARC file reads back whole."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

import search
from search import Settings
from tests.harvest_site import Site, article_html, page_text

HOSTS, PAGES = 4, 10
ROOT = Path(__file__).resolve().parents[1]


def _harvest(tmp_path: Path, urls: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "search.cli", "harvest", "--urls", str(urls), "--delay", "0.15",
         "--index-dir", str(tmp_path / "index"), "--archive", str(tmp_path / "archive")],
        cwd=tmp_path, env=os.environ | {"PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _stored_urls(archive: Path) -> set[str]:
    urls = set()
    for path in sorted((archive / "warc").glob("*.warc.gz")):
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "response" and record.rec_headers.get_header("WARC-Target-URI").endswith(".html"):
                    urls.add(record.rec_headers.get_header("WARC-Target-URI"))
    return urls


@pytest.mark.slow
def test_a_killed_harvest_loses_nothing_and_fetches_nothing_twice(tmp_path: Path) -> None:
    sites = [Site().serve() for _ in range(HOSTS)]
    try:
        for h, site in enumerate(sites):
            for n in range(PAGES):
                site.page(f"/{n}.html", article_html(f"Story {h}-{n}", page_text(h * 100 + n)))
        expected = {f"{site.base}/{n}.html" for site in sites for n in range(PAGES)}
        urls = tmp_path / "urls.txt"
        urls.write_text("\n".join(sorted(expected)) + "\n")
        first = _harvest(tmp_path, urls)
        while sum(len(site.log) for site in sites) < HOSTS * PAGES // 2:
            assert first.poll() is None, first.communicate()
            time.sleep(0.01)
        first.send_signal(signal.SIGKILL)
        first.wait()
        stored = _stored_urls(tmp_path / "archive")
        marks = [len(site.log) for site in sites]
        assert 0 < len(stored) < len(expected)

        second = _harvest(tmp_path, urls)
        out, err = second.communicate(timeout=120)
        assert second.returncode == 0, err
        again = {f"{site.base}{hit.path}" for site, mark in zip(sites, marks) for hit in site.log[mark:]}
        assert not again & stored, "a page stored before the kill was fetched again"
        assert _stored_urls(tmp_path / "archive") == expected
        items = list(search.iter_articles([tmp_path / "archive"], 1_000_000))
        assert not [item for item in items if isinstance(item, search.InputError)]
        engine = search.Engine(Settings(index_dir=tmp_path / "index"))
        try:
            result = engine.search(search.request_from_params({"q": [""], "page_size": ["50"], "collapse": ["0"]},
                                                              engine.settings))
        finally:
            engine.close()
        assert result.total == len(expected)
    finally:
        for site in sites:
            site.close()
