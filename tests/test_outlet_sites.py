"""The outlet of a site the table does not know (issue 12): a blog by its own host, a
newsstand's replica by its newspaper, a mirror by the site it copies, else a name the page
prints, else the registered domain. Every page here is written for the test."""
from __future__ import annotations

import pytest

from search.models import RawDocument
from search.pipeline import build_article
from search.reading.outlets import outlet_for_url, platform_site, site_domain

BODY = ("A North Korean soldier crossed the heavily fortified border into South Korea on "
        "Monday, officials said, in the first such defection this year.\n\n"
        "The soldier was taken into custody and is being questioned, the military said.")


def outlet_of(text: str, url: str) -> tuple[str | None, str]:
    article = build_article(RawDocument(origin="page.txt", text=text, sidecar={"url": url}))
    return article.outlet, article.provenance["outlet"]


@pytest.mark.parametrize(("url", "blog"), [
    ("https://someone.tistory.com/12", "someone.tistory.com"),
    ("https://m.someone.tistory.com/entry/x", "someone.tistory.com"),
    ("https://blog.naver.com/someone/223344", "blog.naver.com/someone"),
    ("https://m.blog.naver.com/someone/223344", "blog.naver.com/someone"),
    ("https://medium.com/@someone/a-post-1f2e", "medium.com/@someone"),
    ("https://someone.medium.com/a-post-1f2e", "someone.medium.com"),
    ("https://someone.substack.com/p/x", "someone.substack.com"),
    ("https://tistory.com/category", None),  # the platform's own page is no blog
    ("https://www.wtop.com/asia/x", None),
])
def test_a_platform_s_page_belongs_to_the_blog_it_hosts(url: str, blog: str | None) -> None:
    assert platform_site(url) == blog


def test_a_blog_is_named_by_its_host_even_when_its_masthead_names_it() -> None:
    page = f"Pyongyang Watcher\n\nSoldier defects\n\n{BODY}\n\n© 2019 Pyongyang Watcher"
    assert outlet_of(page, "https://pyongyangwatcher.tistory.com/77") == (
        "pyongyangwatcher.tistory.com", "url")


def test_a_site_s_own_blog_is_named_by_its_host_and_a_site_by_its_domain() -> None:
    assert site_domain("https://blog.example-notes.com/2012/10/x.html") == "blog.example-notes.com"
    assert site_domain("https://news.example-notes.com/2012/10/x.html") == "example-notes.com"
    assert outlet_of(f"Soldier defects\n\n{BODY}", "https://blog.example-notes.com/2012/x") == (
        "blog.example-notes.com", "url")


@pytest.mark.parametrize(("url", "outlet"), [
    ("http://www.pressreader.com/usa/the-washington-post/20171115/2817", "Washington Post"),
    ("https://www.pressreader.com/canada/journal-pioneer/20180802/2817", "Journal Pioneer"),
    ("https://www.pressreader.com/philippines/the-freeman/20171115/2819", "The Freeman"),
    ("https://www.pressreader.com/catalog", None),
])
def test_a_newsstand_replica_is_the_newspaper_s_page(url: str, outlet: str | None) -> None:
    assert outlet_for_url(url) == outlet


@pytest.mark.parametrize(("url", "outlet"), [
    ("https://www-bbc-com.pages.dev/news/world-asia-1", "BBC News"),
    ("https://www-nknews-org.translate.goog/2019/05/x/?_x_tr_sl=en", "NK News"),
    ("https://some-unknown-site.pages.dev/x", None),
])
def test_a_mirror_that_spells_a_known_site_is_that_site(url: str, outlet: str | None) -> None:
    assert outlet_for_url(url) == outlet
