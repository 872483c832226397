"""Korean rows of the outlet table (issue 16): a site's own edition on a subdomain beats its
parent's row, and a publisher's short-link domain names the publisher. URLs written for the test."""
from __future__ import annotations

import pytest

from search.reading.outlets import known_outlet, outlet_for_url


@pytest.mark.parametrize(("url", "outlet"), [
    ("http://tvdaily.asiae.co.kr/read.php3?aid=1", "티브이데일리"),  # not its parent 아시아경제
    ("https://www.asiae.co.kr/article/2020010100000000001", "아시아경제"),
    ("https://biz.sbs.co.kr/article/20000000001", "SBS Biz"),  # not SBS
    ("https://news.sbs.co.kr/news/endPage.do?news_id=N1", "SBS"),
    ("http://www.futurekorea.co.kr/news/articleView.html?idxno=1", "미래한국"),
    ("http://yna.kr/AKR20200101000100504", "연합뉴스"),  # Yonhap's short links
])
def test_korean_sites_are_named_by_their_own_rows(url: str, outlet: str) -> None:
    assert outlet_for_url(url) == outlet


def test_an_english_alias_finds_the_korean_row() -> None:
    found = known_outlet("TV Daily")
    assert found is not None and found.name == "티브이데일리"
