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
        stored: set[str] = set()
        for kill_at in (HOSTS * PAGES // 3, 2 * HOSTS * PAGES // 3):  # killed twice, at different points
            marks = [len(site.log) for site in sites]
            killed = _harvest(tmp_path, urls)
            while sum(len(site.log) for site in sites) < kill_at:
                assert killed.poll() is None, killed.communicate()
                time.sleep(0.01)
            killed.send_signal(signal.SIGKILL)
            killed.wait()
            again = {f"{site.base}{hit.path}" for site, mark in zip(sites, marks) for hit in site.log[mark:]}
            assert not again & stored, "a page stored before a kill was fetched again"
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


def test_recovery_cuts_a_half_written_record_and_learns_what_the_ledger_missed(tmp_path: Path) -> None:
    """The kill that lands between writing a record and recording it, while the next record
    is half written: the rerun keeps the whole record, cuts the half one, and skips the URL."""
    from search.harvest.archive import WarcArchive, recover
    from search.harvest.fetching import Exchange
    from search.harvest.harvesting import learn_record
    from search.harvest.ledger import FetchLedger

    ledger = FetchLedger(tmp_path)
    archive = WarcArchive(tmp_path, ledger, "defection-search/test", 10**9)
    html = article_html("Kept", page_text(1))
    stored = archive.write(Exchange("https://a.example/kept.html", (("Host", "a.example"),), "2026-01-01T00:00:00Z",
                                    200, "OK", headers=(("Content-Type", "text/html"), ("ETag", '"k"')), body=html))
    archive.close()
    path = tmp_path / stored.warc_file
    whole = path.stat().st_size
    with path.open("ab") as handle:
        handle.write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00half a record")
    ledger.close()

    resumed = FetchLedger(tmp_path)
    assert resumed.resumed and not resumed.done_this_run("https://a.example/kept.html")
    assert recover(tmp_path, resumed, lambda *args: learn_record(resumed, *args)) == 1
    assert path.stat().st_size == whole
    assert resumed.done_this_run("https://a.example/kept.html")
    known = resumed.get("https://a.example/kept.html")
    assert (known.warc_file, known.warc_offset, known.etag) == (stored.warc_file, stored.offset, '"k"')
    resumed.close()
