"""`defection-search harvest` against real HTTP servers on 127.0.0.1 (tests/harvest_site.py):
robots.txt, redirects, errors, retries, timeouts, size limits, non-HTML, feeds, sitemaps,
conditional reruns, the WARC files and the index they feed. Nothing leaves 127.0.0.1."""
from __future__ import annotations

import gzip
import io
from dataclasses import replace
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import search
from search import Engine, Settings, request_from_params
from search.cli import main
from search.harvest import HarvestRequest, harvest
from tests import harvest_site as fake
from tests.harvest_site import PLAIN_TEXT, Site, article_html, page_text

DELAY_S = 0.3


@pytest.fixture(scope="module")
def sites():
    """Three hosts: news (pages, robots, errors, an RSS feed), wire (Atom, sitemaps), list (CSV pages)."""
    news, wire, listed = Site().serve(), Site().serve(), Site().serve()
    news.routes["/robots.txt"] = fake.robots("User-agent: *\nDisallow: /private/\n")
    news.page("/2024/01/soldier.html", article_html("Soldier crosses the MDL", page_text(1)))
    news.page("/2024/01/budget.html", article_html("Exchange budget announced", PLAIN_TEXT))
    news.page("/private/secret.html", article_html("Secret", page_text(2)))
    news.page("/2024/01/moved.html", article_html("Moved story", page_text(3)))
    news.routes["/old.html"] = fake.redirect(f"{news.base}/2024/01/moved.html")
    news.routes["/flaky.html"] = fake.unavailable_once(article_html("Flaky story", page_text(4)), 1)
    news.routes["/slow.html"] = fake.slow(3.0)
    news.routes["/big.html"] = fake.fixed(200, "text/html", article_html("Big", page_text(5) * 400))
    news.routes["/2024/01/gzipped.html"] = fake.gzipped(article_html("Gzipped story", page_text(8)))
    news.routes["/report.pdf"] = fake.fixed(200, "application/pdf", b"%PDF-1.4 not really")
    news.routes["/feed.rss"] = fake.fixed(200, "application/rss+xml", fake.rss([
        (f"{news.base}/2024/01/soldier.html", "Mon, 15 Jan 2024 10:00:00 GMT"),
        (f"{news.base}/private/secret.html", "Mon, 15 Jan 2024 10:00:00 GMT"),
        (f"{news.base}/old.html", "Mon, 15 Jan 2024 10:00:00 GMT"),
        (f"{news.base}/flaky.html", "Mon, 15 Jan 2024 10:00:00 GMT"),
        (f"{news.base}/missing.html", "Mon, 15 Jan 2024 10:00:00 GMT"),
        (f"{news.base}/slow.html", "Mon, 15 Jan 2024 10:00:00 GMT"),
        (f"{news.base}/big.html", "Mon, 15 Jan 2024 10:00:00 GMT"),
        (f"{news.base}/report.pdf", "Mon, 15 Jan 2024 10:00:00 GMT"),
        (f"{news.base}/2024/01/budget.html", "Mon, 15 Jan 2024 10:00:00 GMT"),
        (f"{news.base}/2024/01/gzipped.html", "Mon, 15 Jan 2024 10:00:00 GMT"),
        (f"{news.base}/2019/ancient.html", "Tue, 01 Jan 2019 10:00:00 GMT"),
    ]))
    wire.page("/a/atom-story.html", article_html("Atom story", page_text(6)))
    wire.page("/s/sitemap-story.html", article_html("Sitemap story", page_text(7)))
    wire.routes["/atom.xml"] = fake.fixed(200, "application/atom+xml", fake.atom([
        (f"{wire.base}/a/atom-story.html", "2024-01-16T08:00:00Z")]))
    wire.routes["/sitemap_index.xml"] = fake.fixed(200, "application/xml", fake.sitemap_index([f"{wire.base}/news.xml"]))
    wire.routes["/news.xml"] = fake.fixed(200, "application/xml", fake.news_sitemap([
        (f"{wire.base}/s/sitemap-story.html", "2024-01-17T09:00:00+09:00"),
        (f"{wire.base}/s/too-old.html", "2018-05-01")]))
    for n in range(3):
        listed.page(f"/list/{n}.html", article_html(f"Listed story {n}", page_text(10 + n)))
    yield news, wire, listed
    for site in (news, wire, listed):
        site.close()


def _settings(tmp_path: Path) -> Settings:
    return Settings(index_dir=tmp_path / "index", fetch_timeout_s=1.0, max_input_bytes=100_000,
                    fetch_backoff_s=0.1, ingest_workers=1, harvest_hosts_parallel=4)


def _request(tmp_path: Path, sites, **changes) -> HarvestRequest:
    news, wire, listed = sites
    urls = tmp_path / "urls.csv"
    urls.write_text("title,url\n" + "".join(f"s{n},{listed.base}/list/{n}.html\n" for n in range(3)))
    return replace(HarvestRequest(url_files=(urls,), feeds=(f"{news.base}/feed.rss", f"{wire.base}/atom.xml"),
                                  sitemaps=(f"{wire.base}/sitemap_index.xml",), archive_dir=tmp_path / "archive",
                                  since=search_date("2020-01-01"), delay_s=DELAY_S, contact="tests@example.invalid"),
                   **changes)


def search_date(text: str):
    from datetime import date
    return date.fromisoformat(text)


def _indexed_urls(settings: Settings) -> set[str]:
    engine = Engine(settings)
    try:
        result = engine.search(request_from_params({"q": [""], "page_size": ["50"], "collapse": ["0"]}, settings))
        return {hit.url for hit in result.results}
    finally:
        engine.close()


@pytest.fixture(scope="module")
def harvested(tmp_path_factory, sites):
    """One harvest shared by the tests that only look at it (each harvest takes seconds)."""
    tmp_path = tmp_path_factory.mktemp("harvest")
    settings = _settings(tmp_path)
    report = harvest(_request(tmp_path, sites), settings)
    return settings, report, tmp_path


@pytest.fixture
def first_run(harvested):
    return harvested[:2]


def test_harvest_indexes_the_right_pages_and_counts_the_rest(first_run, sites) -> None:
    settings, report = first_run
    news, wire, listed = sites
    assert _indexed_urls(settings) == {
        f"{news.base}/2024/01/soldier.html", f"{news.base}/2024/01/budget.html",
        f"{news.base}/2024/01/moved.html", f"{news.base}/flaky.html", f"{news.base}/2024/01/gzipped.html",
        f"{wire.base}/a/atom-story.html", f"{wire.base}/s/sitemap-story.html",
        *{f"{listed.base}/list/{n}.html" for n in range(3)}}
    counts, failures = report.tally.counts, report.tally.failures
    assert counts["fetched"] == 10 + 4  # 10 pages, 2 feeds, 2 sitemaps
    assert counts["robots"] == 1 and counts["not-html"] == 1 and counts["older"] == 2
    assert dict(failures) == {"http-404": 1, "timeout": 1, "oversize": 1}
    assert report.indexed.indexed == 10


def test_robots_disallowed_page_is_never_requested(first_run, sites) -> None:
    news = sites[0]
    assert news.hits("/robots.txt") and not news.hits("/private/secret.html")
    assert all("defection-search" in hit.user_agent and "tests@example.invalid" in hit.user_agent
               for hit in news.log)


def test_redirect_is_followed_and_the_final_url_recorded(first_run, sites) -> None:
    settings, _ = first_run
    news = sites[0]
    engine = Engine(settings)
    try:
        hit = engine.search(request_from_params({"q": ["Moved"]}, settings)).results[0]
        article = engine.article(hit.id)
    finally:
        engine.close()
    assert article.url == f"{news.base}/2024/01/moved.html"
    assert article.provenance["url"] == "warc" and article.provenance["fetched"].startswith("20")


def test_retry_after_is_honoured(first_run, sites) -> None:
    first, second = sites[0].hits("/flaky.html")[:2]
    assert (first.status, second.status) == (503, 200)
    assert second.at - first.at >= 1.0


def test_one_host_is_asked_one_request_at_a_time_with_the_delay(first_run, sites) -> None:
    for site in sites:
        times = sorted(hit.at for hit in site.log)
        gaps = [b - a for a, b in zip(times, times[1:])]
        assert gaps and min(gaps) >= DELAY_S * 0.95


def test_rerun_makes_only_conditional_requests(harvested, sites) -> None:
    settings, _, tmp_path = harvested
    marks = [len(site.log) for site in sites]
    report = harvest(_request(tmp_path, sites), settings)
    rerun = [hit for site, mark in zip(sites, marks) for hit in site.log[mark:]]
    full = sorted(hit.path for hit in rerun if hit.status == 200)
    # flaky.html sends no validators; big.html is refused by its Content-Length, never read
    assert full == ["/big.html", "/flaky.html", "/slow.html"]  # slow.html: the server's 200 came too late
    assert all(hit.conditional for hit in rerun if hit.status == 304)
    assert report.tally.counts["fetched"] == 1 and report.tally.counts["unchanged"] == 14


def test_warc_files_read_back_byte_for_byte(harvested, sites) -> None:
    news, tmp_path = sites[0], harvested[2]
    records = []
    for path in sorted((tmp_path / "archive" / "warc").glob("*.warc.gz")):
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                records.append((record.rec_type, record.rec_headers.get_header("WARC-Target-URI"),
                                record.rec_headers.get_header("WARC-Concurrent-To"),
                                record.rec_headers.get_header("WARC-Truncated"),
                                record.content_stream().read()))
    responses = {uri: body for kind, uri, _, truncated, body in records if kind == "response" and not truncated}
    assert responses[f"{news.base}/2024/01/soldier.html"] == article_html("Soldier crosses the MDL", page_text(1))
    assert responses[f"{news.base}/2024/01/gzipped.html"] == article_html("Gzipped story", page_text(8))
    with min((tmp_path / "archive" / "warc").glob("*.warc.gz")).open("rb") as stream:  # the first run's: kept as sent
        raw = next(r.raw_stream.read() for r in ArchiveIterator(stream)
                   if r.rec_type == "response" and r.rec_headers.get_header("WARC-Target-URI").endswith("gzipped.html"))
    assert raw == gzip.compress(article_html("Gzipped story", page_text(8)), mtime=0)
    requests = [r for r in records if r[0] == "request"]
    assert len(requests) == sum(1 for r in records if r[0] in ("response", "revisit")) and all(r[2] for r in requests)
    assert {uri for kind, uri, _, truncated, _ in records if truncated} == {
        f"{news.base}/big.html", f"{news.base}/report.pdf"}


def test_only_crossings_indexes_only_articles_with_a_crossing(tmp_path: Path, sites) -> None:
    settings = _settings(tmp_path)
    report = harvest(_request(tmp_path, sites, only_crossings=True), settings)
    news = sites[0]
    urls = _indexed_urls(settings)
    assert f"{news.base}/2024/01/soldier.html" in urls and f"{news.base}/2024/01/budget.html" not in urls
    assert report.indexed.passed_over == 1


def test_index_reads_a_warc_made_elsewhere(tmp_path: Path) -> None:
    path = tmp_path / "elsewhere.warc"
    html = article_html("From an archive", page_text(20))
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        for uri, content_type in (("https://news.example/a.html", "text/html; charset=utf-8"),
                                  ("https://news.example/b.pdf", "application/pdf")):
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(html),
                                                          length=len(html), http_headers=headers))
    articles = list(search.iter_articles([path], 1_000_000))
    assert [a.url for a in articles] == ["https://news.example/a.html"]
    assert articles[0].provenance["url"] == "warc" and "fetched" in articles[0].provenance


def test_a_damaged_warc_is_named_and_the_records_before_it_kept(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc.gz"
    html = article_html("Before the damage", page_text(21))
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://news.example/c.html", "response",
                                                      payload=io.BytesIO(html), length=len(html), http_headers=headers))
        handle.write(b"\x1f\x8b\x08\x00garbage")
    items = list(search.iter_articles([path], 1_000_000))
    assert items[0].url == "https://news.example/c.html"
    assert isinstance(items[1], search.InputError) and "cut.warc.gz: damaged WARC" in str(items[1])


def test_bad_sources_are_named_and_the_rest_carries_on(tmp_path: Path, sites, capsys) -> None:
    news, _, listed = sites
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{listed.base}/list/0.html\nnot a url\n\n# a comment\n{listed.base}/list/1.html\n")
    status = main(["harvest", "--urls", str(urls), "--urls", str(tmp_path / "absent.txt"),
                   "--feed", f"{news.base}/2024/01/budget.html", "--delay", "0",
                   "--index-dir", str(tmp_path / "index"), "--archive", str(tmp_path / "archive")])
    out, err = capsys.readouterr()
    assert status == 1
    assert out.count("\n") == 1 and out.startswith("fetched 3, ")  # two pages and the HTML "feed"
    assert "bad input 3" in out
    assert f"{urls}, line 2: invalid URL 'not a url'" in err
    assert "absent.txt: unreadable URL file" in err
    assert f"{news.base}/2024/01/budget.html: not a feed" in err
    assert {f"{listed.base}/list/{n}.html" for n in range(2)} <= _indexed_urls(Settings(index_dir=tmp_path / "index"))


@pytest.mark.parametrize("argv, message", [
    (["harvest"], "at least one source"),
    (["harvest", "--feed", "http://127.0.0.1:9/f", "--since", "yesterday"], "--since: 'yesterday' is not a date"),
    (["harvest", "--feed", "http://127.0.0.1:9/f", "--delay", "-1"], "--delay"),
])
def test_usage_errors_exit_2(argv: list[str], message: str, capsys) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err



def test_a_second_harvest_on_the_same_archive_exits_3(tmp_path: Path, capsys) -> None:
    from search.harvest.ledger import archive_lock
    with archive_lock(tmp_path / "archive"):
        status = main(["harvest", "--feed", "http://127.0.0.1:9/feed", "--archive", str(tmp_path / "archive"),
                       "--index-dir", str(tmp_path / "index")])
    assert status == 3 and "another harvest is using it" in capsys.readouterr().err


def test_crawl_delay_and_a_too_long_retry_after(tmp_path: Path) -> None:
    """robots.txt's Crawl-delay outranks a shorter --delay; a Retry-After past
    retry_after_max_s gives the URL up for this run instead of stalling the host."""
    site = Site().serve()
    try:
        site.routes["/robots.txt"] = fake.robots("User-agent: *\nCrawl-delay: 1\n")
        for n in range(2):
            site.page(f"/{n}.html", article_html(f"Story {n}", page_text(30 + n)))
        site.routes["/busy.html"] = fake.unavailable_once(article_html("Busy", page_text(40)), 3600)
        urls = tmp_path / "urls.txt"
        urls.write_text("".join(f"{site.base}/{path}\n" for path in ("0.html", "busy.html", "1.html")))
        report = harvest(HarvestRequest(url_files=(urls,), archive_dir=tmp_path / "archive", delay_s=0.05),
                         replace(_settings(tmp_path), retry_after_max_s=60.0))
        times = [hit.at for hit in site.log]
        assert len(times) == 4 and min(b - a for a, b in zip(times, times[1:])) >= 0.95
        assert report.tally.failures == {"http-503": 1} and report.indexed.indexed == 2
    finally:
        site.close()
