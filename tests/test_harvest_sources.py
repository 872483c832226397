"""The harvest's sources read without a network: URL lists, CSV exports, feeds, sitemaps,
and the waits a server asks for."""
from __future__ import annotations

import gzip
from datetime import date
from pathlib import Path

import pytest

from search.harvest.fetching import Exchange
from search.harvest.harvesting import _retry_wait_s
from search.harvest.robots import robots_from
from search.harvest.sources import Entry, parse_feed, parse_sitemap, read_url_file
from search.models import InputError
from tests import harvest_site as fake


def _read(path: Path) -> list[Entry | str]:
    return [str(item) if isinstance(item, InputError) else item for item in read_url_file(path)]


def test_a_url_list_skips_blanks_and_comments_and_names_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "urls.txt"
    path.write_text("https://a.example/1\n\n# note\nftp://b.example/x\nhttps://a.example/2 \n")
    assert _read(path) == [Entry("https://a.example/1"),
                           f"{path}, line 4: invalid URL 'ftp://b.example/x' (expected an http:// or https:// address)",
                           Entry("https://a.example/2")]


@pytest.mark.parametrize("header, row", [
    ("stories_id,publish_date,title,url", "1,2024-01-02,T,https://a.example/1"),  # Media Cloud
    ("GLOBALEVENTID\tSQLDATE\tSOURCEURL", "1\t20240102\thttps://a.example/1"),  # GDELT events, with a header
])
def test_csv_exports_are_read_by_their_url_column(tmp_path: Path, header: str, row: str) -> None:
    path = tmp_path / "export.csv"
    path.write_text(f"{header}\n{row}\n")
    assert _read(path) == [Entry("https://a.example/1")]


def test_a_csv_without_a_url_column_is_named(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("id,title\n1,T\n")
    assert _read(path) == [f"{path}: no url column (columns: id, title)"]


def test_an_unreadable_url_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "binary.txt"
    path.write_bytes(b"\xff\xfe\x00bad")
    assert _read(path) == [f"{path}: unreadable URL file (not UTF-8 text)"]


def test_feeds_give_links_and_dates() -> None:
    rss = fake.rss([("https://a.example/1", "Mon, 15 Jan 2024 23:30:00 GMT")])
    atom = fake.atom([("https://a.example/2", "2024-01-16T08:00:00Z")])
    assert parse_feed(rss, "https://a.example/rss") == [Entry("https://a.example/1", date(2024, 1, 15))]
    assert parse_feed(atom, "https://a.example/atom") == [Entry("https://a.example/2", date(2024, 1, 16))]


def test_a_page_is_not_a_feed() -> None:
    with pytest.raises(InputError, match=r"https://a.example/page: not a feed"):
        parse_feed(b"<html><body><p>hello</p></body></html>", "https://a.example/page")


def test_sitemaps_index_news_and_gzip() -> None:
    index = parse_sitemap(fake.sitemap_index(["https://a.example/news.xml"]), "https://a.example/s")
    assert index.sitemaps == (Entry("https://a.example/news.xml"),) and not index.pages
    news = fake.news_sitemap([("https://a.example/1", "2024-01-17T09:00:00+09:00")])
    assert parse_sitemap(gzip.compress(news), "https://a.example/n.xml.gz").pages == (
        Entry("https://a.example/1", date(2024, 1, 17)),)


@pytest.mark.parametrize("body, reason", [
    (b"<html><body>no</body></html>", "root element <html>"), (b"not xml", "not XML"),
    (b"\x1f\x8b\x08\x00cut", "damaged gzip")])
def test_what_is_not_a_sitemap_is_named(body: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        parse_sitemap(body, "https://a.example/sitemap.xml")


def test_retry_after_in_seconds_or_as_a_date_else_doubling_backoff() -> None:
    def answer(value: str | None) -> Exchange:
        return Exchange("https://a.example/", (), "", 503, headers=(("Retry-After", value),) if value else ())
    assert _retry_wait_s(answer("7"), 0, 2.0) == 7.0
    assert 50 < _retry_wait_s(answer(_in_s(60)), 0, 2.0) <= 60
    assert [_retry_wait_s(answer(None), attempt, 2.0) for attempt in range(3)] == [2.0, 4.0, 8.0]


def _in_s(seconds: int) -> str:
    import time
    from email.utils import formatdate
    return formatdate(time.time() + seconds, usegmt=True)


def test_robots_answers_follow_rfc_9309() -> None:
    rules = robots_from(200, b"User-agent: *\nDisallow: /private/\nCrawl-delay: 5\n")
    assert not rules.allows("https://a.example/private/x") and rules.allows("https://a.example/news/x")
    assert rules.crawl_delay_s() == 5.0
    assert robots_from(404, b"").allows("https://a.example/private/x")  # no robots.txt: no rules
    assert not robots_from(503, b"").allows("https://a.example/news/x")  # unreachable: nothing
    assert not robots_from(None, b"").allows("https://a.example/news/x")
