"""The outlet of a site the table does not know (issue 12): a blog by its own host, a
newsstand's replica by its newspaper, a mirror by the site it copies, else a name the page
prints, else the registered domain. Every page here is written for the test."""
from __future__ import annotations

import pytest

from search.models import RawDocument
from search.pipeline import build_article
from search.reading.outlets import outlet_for_url, platform_site, site_domain
from search.reading.page_names import spells_site

BODY = ("A North Korean soldier crossed the heavily fortified border into South Korea on "
        "Monday, officials said, in the first such defection this year.\n\n"
        "The soldier was taken into custody and is being questioned, the military said.")
KO_BODY = ("북한군 병사 1명이 월요일 군사분계선을 넘어 귀순했다고 합동참모본부가 밝혔다.\n\n"
           "군 당국은 이 병사의 신병을 확보해 귀순 경위를 조사하고 있다.")


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
    ("http://someone.blogspot.jp/2017/02/x.html", "someone.blogspot.com"),  # a country's address
    ("https://someone.blogspot.co.uk/2017/02/x.html", "someone.blogspot.com"),
    ("https://kxyzradio.iheart.com/content/x/", "kxyzradio.iheart.com"),  # a radio station's site
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


@pytest.mark.parametrize(("name", "site"), [
    ("Wimmera Valley Courier", "wvcourier"),  # initials, then a whole word
    ("Maple Ridge Ledger", "mapleledger"),  # a word left out
    ("The Maple Ledger-Standard", "theledger"),  # ... or a part of the last word
    ("The Harbourside Gazette", "theharbgazette"),  # a prefix of a word
    ("Harbourside News", "harbourside"),  # the whole name with a masthead's tail
    ("Coastal Delta University", "cdu"),  # the initials of all its words
    ("Bank of the Northern Coast", "bnc"),  # ... less the joiners ("of", "the")
])
def test_a_masthead_may_spell_its_host_by_parts_of_its_words(name: str, site: str) -> None:
    assert spells_site(name, frozenset({site}))


@pytest.mark.parametrize(("name", "site"), [
    ("Politics Overview", "politico"),  # the host's last word is not a whole word of the name
    ("Nothing But", "nb"),  # two initials are too few to spell a host
    ("Harbour Cannon Entertainment", "harbourcannon"),  # a company's name: the last word is left
    ("Nothing But Cake Today", "nbc"),  # initials spell a host only with all the words
    ("© mapleledger.com, 2008", "mapleledger"),  # a line of text, not a name
    ("Maple", "mapleledger"),
])
def test_a_line_that_only_shares_letters_with_the_host_does_not_spell_it(name: str,
                                                                           site: str) -> None:
    assert not spells_site(name, frozenset({site}))


def test_an_unknown_site_is_named_by_the_masthead_that_spells_its_host() -> None:
    page = f"Wimmera Valley Courier\n\nSoldier defects\n\n{BODY}"
    assert outlet_of(page, "https://www.wvcourier.com.au/news/1") == ("Wimmera Valley Courier", "text")


@pytest.mark.parametrize(("line", "name"), [
    ("Source: HARBOUR-DAILY", "HARBOUR-DAILY"),
    ("\u00a9 Coast Photo Agency / Harbour Daily", "Harbour Daily"),
])
def test_a_line_that_spells_the_site_gives_only_the_part_that_does(line: str, name: str) -> None:
    """A label or a photo agency's credit before the site's name is no part of it."""
    page = f"Six fishermen sent home\n\n{BODY}\n\n{line}"
    assert outlet_of(page, "https://harbour-daily.com/x") == (name, "text")


def test_an_unknown_site_is_named_by_the_end_of_its_page_s_title() -> None:
    page = f"Six fishermen sent home \u2013 Harbour Daily: Latest World News, Live Updates\n\n{BODY}"
    assert outlet_of(page, "https://harbourdaily.com/x") == ("Harbour Daily", "text")


@pytest.mark.parametrize("page", [
    f"[해변뉴스=김철수 기자] {KO_BODY}",
    f"해변뉴스 김철수 기자\n{KO_BODY}",
    f"{KO_BODY}\n저작권자 © 해변뉴스 - 바다 소식 1번지 무단전재 및 재배포 금지",
])
def test_a_korean_page_is_named_by_its_hangul_credit(page: str) -> None:
    assert outlet_of(page, "https://www.haebyeon.co.kr/news/articleView.html?idxno=1") == (
        "해변뉴스", "text")


@pytest.mark.parametrize("page", [
    f"(서울=연합뉴스) 김철수 기자 = {KO_BODY}",  # a wire's credit for its copy
    f"[부산=김철수 기자] {KO_BODY}",  # a place, not an outlet
    f"[사진=김철수 기자] {KO_BODY}",
    f"{KO_BODY}\n저작권자 © 시사저널 무단전재 및 재배포 금지",  # a table outlet's copy, elsewhere
])
def test_a_korean_credit_that_is_not_the_site_s_leaves_the_domain(page: str) -> None:
    assert outlet_of(page, "https://www.haebyeon.co.kr/news/articleView.html?idxno=1") == (
        "haebyeon.co.kr", "url")


def test_a_korean_page_without_a_url_takes_its_byline_s_outlet() -> None:
    article = build_article(RawDocument(origin="page.txt", text=f"[해변뉴스=김철수 기자] {KO_BODY}"))
    assert (article.outlet, article.provenance["outlet"]) == ("해변뉴스", "text")


@pytest.mark.parametrize("name", ["", "  ", "\u2014", "| \u00b7 |"])
def test_a_name_with_no_words_spells_no_site(name: str) -> None:
    assert spells_site(name, frozenset({"example", "examplenews"})) is False
