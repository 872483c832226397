"""Metadata precedence: sidecar > markup > URL > the page's text > registered domain, with
provenance; the outlet table; dates in the forms pages print and URLs carry."""
from __future__ import annotations

import pytest

from search.cleaning import clean_plain_text
from search.models import CleanedText, MetadataHint, PageMetadata, RawDocument, RemovedSpan
from search.pipeline import build_article
from search.reading.dates import date_from_url, dated_line, normalise_date
from search.reading.metadata import describe
from search.reading.outlets import outlet_for_url, outlet_table, registered_domain

PROSE = ("A North Korean soldier crossed the heavily fortified border into South Korea on "
         "Monday, officials said, in the first such defection this year.")
CLEANED = CleanedText(
    title="Soldier defects",
    paragraphs=("SEOUL, Dec 21 (Reuters) - A soldier crossed.",),
    removed=(RemovedSpan("footer", "Source: Al Jazeera"),
             RemovedSpan("comments", "Bob\nPosted November 25, 2017 at 3:02 pm | Permalink\nNice"),
             RemovedSpan("comments", "Ann\nPosted November 24, 2017 at 1:00 pm | Permalink\nHi")),
)


def plain_article(text: str, url: str | None = None):
    sidecar = {"url": url} if url else {}
    return build_article(RawDocument(origin="page.txt", text=text, sidecar=sidecar))


def html_article(html: str):
    return build_article(RawDocument(origin="page.html", html=html))


def test_sidecar_beats_markup_beats_url_beats_text() -> None:
    page = PageMetadata(outlet=MetadataHint("NK News", "json-ld"), url=MetadataHint("https://www.reuters.com/2019/01/02/x", "html-meta"))
    described = describe({"outlet": "Daily NK"}, page, CLEANED)
    assert (described.outlet, described.provenance["outlet"]) == ("Daily NK", "sidecar")
    described = describe({}, page, CLEANED)
    assert (described.outlet, described.provenance["outlet"]) == ("NK News", "json-ld")
    assert (described.published, described.provenance["published"]) == ("2019-01-02", "url")
    described = describe({}, PageMetadata(url=MetadataHint("https://www.reuters.com/world/x", "html-meta")), CLEANED)
    assert (described.outlet, described.provenance["outlet"]) == ("Reuters", "url")


def test_text_clues_when_nothing_else_and_never_a_comments_date() -> None:
    described = describe({}, PageMetadata(), CLEANED)
    assert (described.outlet, described.provenance["outlet"]) == ("Al Jazeera", "text")
    assert (described.published, described.provenance["published"]) == (None, "default")
    assert (described.title, described.provenance["title"]) == ("Soldier defects", "text")
    assert (described.url, described.provenance["url"]) == (None, "default")


def test_a_bio_names_the_outlet_but_a_wire_dateline_does_not() -> None:
    bio = CleanedText("T", ("Body.",), (RemovedSpan("bio", "Editor of The Talking Democrat. He enjoys rowing."),))
    assert describe({}, PageMetadata(), bio).outlet == "The Talking Democrat"
    wire = CleanedText("T", ("SEOUL, Dec 21 (Reuters) - A soldier crossed.",))
    assert describe({}, PageMetadata(), wire).outlet is None


def test_unknown_everything_is_none_with_default_provenance() -> None:
    described = describe({}, PageMetadata(), CleanedText("Only a title", ("Text.",)))
    assert described.outlet is None and described.published is None
    assert described.provenance == {"title": "text", "outlet": "default", "published": "default", "url": "default"}


# ------------------------------------------------------------------------ outlets ---
def test_the_outlet_table_is_a_curated_data_file_of_300_outlets() -> None:
    table = outlet_table()
    assert len(table) >= 300
    assert all(o.name and o.domains and len(o.country) == 2 and o.language for o in table)
    domains = [d for o in table for d in o.domains]
    assert len(domains) == len(set(domains))
    assert {o.language for o in table} >= {"en", "ko"}


@pytest.mark.parametrize("url, outlet", [
    ("https://en.yna.co.kr/view/AEN20171113", "Yonhap"),
    ("https://www.yna.co.kr/view/AKR20240821123400504", "연합뉴스"),
    ("http://english.chosun.com/site/data/html_dir/2017/11/14/x.html", "Chosun Ilbo"),
    ("https://www.bbc.com/korean/news-41234567", "BBC 코리아"),
    ("https://www.bbc.com/news/world-asia-41234567", "BBC News"),
    ("https://www.straitstimes.com/asia/east-asia/x", "Straits Times"),
    ("https://unknown.example/x", None),
])
def test_outlets_by_url(url: str, outlet: str | None) -> None:
    assert outlet_for_url(url) == outlet


def test_an_unknown_site_is_named_by_its_registered_domain_offline() -> None:
    assert registered_domain("https://www.wtop.com/asia/2019/03/x/") == "wtop.com"
    assert registered_domain("http://news.example.co.uk/a") == "example.co.uk"
    assert registered_domain("https://someblog.blogspot.com/2017/x") == "someblog.blogspot.com"
    assert registered_domain("http://127.0.0.1:8000/x") is None
    article = plain_article(f"Soldier defects\n{PROSE}\n{PROSE}", url="https://www.wxkz.com/asia/x/")
    assert (article.outlet, article.provenance["outlet"]) == ("wxkz.com", "url")


def test_a_station_page_with_an_ap_credit_is_the_station_s() -> None:
    text = (f"WXKZ\nSoldier defects\nSEOUL, South Korea (AP) — {PROSE}\n{PROSE}\n"
            "Copyright 2019 The Associated Press. All rights reserved.")
    article = plain_article(text, url="https://wxkz.com/asia/2019/03/soldier-defects/")
    assert (article.outlet, article.provenance["outlet"]) == ("WXKZ", "text")
    assert "AP" in article.cited_sources
    # a station of the table is named by its URL, whatever wire copy it runs
    known = plain_article(text.replace("WXKZ\n", ""), url="https://wtop.com/asia/2019/03/x/")
    assert (known.outlet, known.provenance["outlet"]) == ("WTOP", "url")


def test_a_copyright_line_spelling_the_site_names_it() -> None:
    text = f"Soldier defects\n{PROSE}\n{PROSE}\n© 2020 The Daily Example. All rights reserved."
    article = plain_article(text, url="https://www.dailyexample.com/news/x")
    assert (article.outlet, article.provenance["outlet"]) == ("The Daily Example", "text")
    owner = f"Soldier defects\n{PROSE}\n{PROSE}\n© 2020 Example Media Group Inc."
    assert plain_article(owner, url="https://www.dailyexample.com/news/x").outlet == "dailyexample.com"



@pytest.mark.parametrize(("sentence", "url", "outlet"), [
    ("A source in Hyesan told Daily Example on Monday.", "https://www.dailyexample.com/x", "Daily Example"),
    ("The Example Herald has learned of the case.", "https://exampleherald.com/x", "The Example Herald"),
    ("Officials spoke to XKCN by telephone.", "https://www.xkcn.com/x", "XKCN"),
    ("Readers of NewsExample wrote in.", "https://newsexample.net/x", "NewsExample"),
    ("In an interview with The Examiner, he said so.", "https://www.theexaminer.com/x", "The Examiner"),
    ("By Example Herald Staff", "https://exampleherald.com/x", "Example Herald"),
    ("XKCN News' Jane Doe reported from Seoul.", "https://www.xkcn.com/x", "XKCN"),
    ("Daily Example's Kim Min-jun reported.", "https://www.dailyexample.com/x", "Daily Example"),
])
def test_the_site_s_name_in_its_own_text_names_it(sentence: str, url: str, outlet: str) -> None:
    article = plain_article(f"Soldier defects\n{PROSE}\n{sentence}\n{PROSE}", url=url)
    assert (article.outlet, article.provenance["outlet"]) == (outlet, "text")


@pytest.mark.parametrize(("sentence", "url"), [
    ("Examiner said the report was new.", "https://www.examiner.com/x"),  # one common word
    ("Examiner officials met on Monday.", "https://www.theexaminer.com/x"),  # no "The"
    ("The REPORT was published in Seoul.", "https://report.az/x"),  # not an initialism
    ("Read Example News.com for more.", "https://examplenews.com/x"),  # spelled as the domain
    ("Vortex Cannon Entertainment made the film.", "https://vortexcannon.org/x"),  # another's name
])
def test_a_common_word_or_a_domain_in_the_text_leaves_the_registered_domain(sentence: str, url: str) -> None:
    article = plain_article(f"Soldier defects\n{PROSE}\n{sentence}\n{PROSE}", url=url)
    assert (article.outlet, article.provenance["outlet"]) == (registered_domain(url), "url")

def test_a_markup_alias_of_a_known_outlet_is_given_under_the_table_s_name() -> None:
    page = PageMetadata(outlet=MetadataHint("Yonhap News Agency", "html-meta"),
                        url=MetadataHint("https://en.yna.co.kr/view/AEN1", "html-meta"))
    described = describe({}, page, CLEANED)
    assert (described.outlet, described.provenance["outlet"]) == ("Yonhap", "html-meta")


# -------------------------------------------------------------------------- dates ---
def test_dates_are_normalised_or_dropped() -> None:
    assert normalise_date("2017-12-21T08:00:00+09:00") == "2017-12-21"
    assert normalise_date("2017-12") == "2017-12"
    assert normalise_date("December 21, 2017") == "2017-12-21"
    assert normalise_date("21 Dec 2017") == "2017-12-21"
    assert normalise_date("2017년 12월 21일") == "2017-12-21"
    assert normalise_date("2017-13-40") is None and normalise_date("soon") is None


def test_a_page_s_local_date_is_never_shifted_by_its_time_zone() -> None:
    assert normalise_date("2019-11-18T23:30:00-05:00") == "2019-11-18"
    assert normalise_date("2019-11-19T01:00:00+09:00") == "2019-11-19"


@pytest.mark.parametrize("url, date", [
    ("http://www.rokdrop.net/2017/11/north-korean-soldier/", "2017-11"),
    ("https://www.aljazeera.com/news/2017/12/21/x/", "2017-12-21"),
    ("https://www.example.com/news/soldier-defects-04212017155720", "2017-04-21"),
    ("https://www.latimes.com/archives/la-xpm-1997-02-13-mn-28330-story.html", "1997-02-13"),
    ("https://www.example.jp/news/20250106-231602/", "2025-01-06"),
    ("https://www.example.com/story/defector-01032019162437.html", "2019-01-03"),
    ("https://www.yna.co.kr/view/AKR20240821123400504", "2024-08-21"),
    ("http://www.koreaherald.com/view.php?ud=20171113000123", "2017-11-13"),
    ("https://www.bbc.com/news/world-asia-42089035", None),
    ("https://www.example.com/2017/13/x", None),
    ("https://www.example.com/World/Asia/2013/0530/Laos-turns-in-defectors", "2013-05-30"),
    ("https://www.example.com/n3/2020/1019/c90000-9770534.html", "2020-10-19"),
    ("https://www.example.com/2013/1399/x", None),
])
def test_dates_in_urls(url: str, date: str | None) -> None:
    assert date_from_url(url) == date


@pytest.mark.parametrize("line, date", [
    ("Published : July 27, 2020", "2020-07-27"),
    ("Posted July. 29, 2019", "2019-07-29"),
    ("June 18, 2017", "2017-06-18"),
    ("Tue, 10/04/2011", "2011-10-04"),
    ("입력 2024-08-21 10:15", "2024-08-21"),
    ("기사입력 2019.08.21. 오후 3:12", "2019-08-21"),
    ("2024년 8월 21일 (수) 오후 3시 12분", "2024-08-21"),
    ("date 2018-02-10", "2018-02-10"),
    ("By Kim Tong-hyung | Published March 4, 2019 | 3 min read", "2019-03-04"),
    ("Nov. 13, 2017 11:02 PM EST", "2017-11-13"),
    ("December 2017", "2017-12"),
    ("He crossed on June 18, 2017.", None),
    ("Soldiers stand guard at Panmunjom on Nov. 13, 2017.", None),
    ("Copyright 2019 Example", None),
    ("Seoul (S Korea), May 25, 2016: A group of workers at a restaurant abroad defected.",
     "2016-05-25"),
    ("SEOUL, South Korea Feb. 17, 2014 -- A woman who survived a labour camp said", "2014-02-17"),
    ("15-05-2025", "2025-05-15"),
    ("05-06-2025", None),  # day first or month first: it cannot tell
])
def test_dated_lines(line: str, date: str | None) -> None:
    found = dated_line(line)
    assert (found.date if found else None) == date


def test_an_update_stamp_is_only_a_last_resort() -> None:
    assert dated_line("Updated: 2020-01-02 10:00 KST").updated
    text = f"Soldier defects\nUpdated: 2020-01-05\nPosted: 2020-01-02\n{PROSE}\n{PROSE}"
    assert plain_article(text).published == "2020-01-02"


def test_a_plain_text_page_s_date_line_is_read_and_not_its_header_or_comments() -> None:
    text = ("Monday, November 30, 2026\nHome | World\nSoldier defects\nBy Jane Roe\n"
            f"Published March 4, 2019\n{PROSE}\n{PROSE}\n3 comments\nBob says:\n"
            "March 2, 2019 at 3:02 pm\nGreat article, thank you for writing it.\nReply")
    article = plain_article(text, url="https://www.example.com/world/soldier-defects")
    assert (article.published, article.provenance["published"]) == ("2019-03-04", "text")
    only_comments = (f"Soldier defects\n{PROSE}\n{PROSE}\n3 comments\nBob says:\n"
                     "March 2, 2019 at 3:02 pm\nGreat article, thank you.\nReply")
    assert clean_plain_text(only_comments).removed  # the thread is cut...
    assert plain_article(only_comments).published is None  # ...and its dates are not the page's


def test_a_saved_page_s_byline_date_is_read_when_the_markup_has_none() -> None:
    html = ("<html><head><title>Soldier defects</title></head><body><article>"
            "<h1>Soldier defects</h1><div class='nav-meta'>Published March 4, 2019</div>"
            f"<p>{PROSE}</p><figure><img src='x.jpg'><figcaption>Guards on March 1, 2019"
            f"</figcaption></figure><p>{PROSE}</p></article><section id='comments'>"
            "<div class='comment'>Bob<br>February 28, 2019</div></section></body></html>")
    article = html_article(html)
    assert (article.published, article.provenance["published"]) == ("2019-03-04", "text")
    assert html_article(html.replace("Published March 4, 2019", "")).published is None


# ---------------------------------------------------------------- saved HTML pages ---
def saved_page(head: str, byline: str = "", url: str = "https://www.example-post.com/news/a") -> str:
    return (f"<html><head><title>Soldier defects</title><link rel='canonical' href='{url}'>{head}"
            f"</head><body><article><h1>Soldier defects</h1><div class='byline'>{byline}</div>"
            f"<p>{PROSE}</p><p>{PROSE}</p></article></body></html>")


def ld(**fields: str) -> str:
    import json
    return ("<script type='application/ld+json'>"
            + json.dumps({"@type": "NewsArticle", "headline": "Soldier defects", **fields}) + "</script>")


def test_a_wire_named_as_publisher_in_the_markup_of_another_site_is_not_its_outlet() -> None:
    head = ld(publisher={"@type": "Organization", "name": "Associated Press"}) + \
        "<meta property='og:site_name' content='Example Post'>"
    article = html_article(saved_page(head))
    assert (article.outlet, article.provenance["outlet"]) == ("Example Post", "html-meta")
    on_the_wire_s_site = html_article(saved_page(head, url="https://apnews.com/article/x"))
    assert on_the_wire_s_site.outlet == "AP"


def test_a_platform_s_name_is_not_an_outlet() -> None:
    head = ld(publisher={"name": "Blogger"}) + "<meta property='og:site_name' content='Harbour Notes | news'>"
    assert html_article(saved_page(head)).outlet == "Harbour Notes"


def test_on_a_site_of_the_table_a_section_name_gives_way_to_the_table() -> None:
    url = "https://www.reuters.com/article/us-northkorea/x"
    article = html_article(saved_page("<meta property='og:site_name' content='U.S.'>", url=url))
    assert (article.outlet, article.provenance["outlet"]) == ("Reuters", "url")
    spelled = html_article(saved_page("<meta property='og:site_name' content='TheHill'>",
                                      url="https://thehill.com/homenews/x"))
    assert (spelled.outlet, spelled.provenance["outlet"]) == ("The Hill", "html-meta")


def test_a_utc_markup_date_gives_way_to_the_local_date_the_page_shows() -> None:
    head = "<meta property='article:published_time' content='2019-11-20T04:31:13+00:00'>"
    article = html_article(saved_page(head, "Jane Roe - Nov 19, 2019, 10:31 pm CST"))
    assert (article.published, article.provenance["published"]) == ("2019-11-19", "text")
    local = "<meta property='article:published_time' content='2019-11-19T06:56:43-05:00'>"
    assert html_article(saved_page(local, "Nov 18, 2019")).published == "2019-11-19"
    far = html_article(saved_page(head, "Updated Nov 25, 2019"))
    assert (far.published, far.provenance["published"]) == ("2019-11-20", "html-meta")


def test_a_date_in_a_json_ld_web_page_node_or_a_broken_block_is_read() -> None:
    graph = ("<script type='application/ld+json'>{\"@graph\": [{\"@type\": \"WebPage\", "
             "\"datePublished\": \"2018-04-18T14:39:09+02:00\"}]}</script>")
    assert html_article(saved_page(graph)).published == "2018-04-18"
    broken = "<script type='application/ld+json'>{\"datePublished\": \"2018-04-18\", }}</script>"
    assert html_article(saved_page(broken)).published == "2018-04-18"


def test_a_quoted_tweet_s_date_is_not_the_page_s() -> None:
    assert dated_line("— Jane Roe (@janeroe) November 18, 2019") is None


def test_a_copyright_holder_may_be_a_domain_name() -> None:
    text = f"Diet notes\n{PROSE}\n{PROSE}\n© vse-diety.com, 2008"
    assert plain_article(text, url="http://vse-diety.com/a.html").outlet == "vse-diety.com"


def test_a_caption_s_date_is_not_the_page_s() -> None:
    text = (f"Soldier defects\n{PROSE}\nNorth Korean soldiers stand guard at Panmunjom, Nov. 13, "
            f"2017. [Yonhap]\nPhoto: March 2, 2019\n{PROSE}")
    assert plain_article(text, url="https://www.example.com/world/soldier-defects").published is None


def test_a_korean_page_s_stamp_and_masthead_are_read() -> None:
    text = ("통일뉴스\n북한 병사 귀순\n입력 2024.08.21 10:15 | 수정 2024.08.22 09:00\n"
            "북한군 병사 1명이 21일 군사분계선을 넘어 귀순했다고 합동참모본부가 밝혔다. "
            "군 당국은 이 병사의 신병을 확보해 귀순 경위를 조사하고 있다.\n"
            "<저작권자 ⓒ 통일뉴스 무단전재 및 재배포금지>")
    article = plain_article(text)
    assert (article.published, article.provenance["published"]) == ("2024-08-21", "text")
    assert (article.outlet, article.provenance["outlet"]) == ("통일뉴스", "text")


@pytest.mark.parametrize("url", ["http://[", "[::1", "https://", "not a url", "http://localhost/x"])
def test_a_malformed_or_bare_url_names_no_outlet_and_never_raises(url: str) -> None:
    article = plain_article(f"Soldier defects\n{PROSE}\n{PROSE}", url=url)
    assert article.outlet is None and article.provenance["outlet"] == "default"


def test_the_publisher_is_not_its_own_cited_source_under_another_of_its_names() -> None:
    text = f"Soldier defects\n{PROSE} The BBC understands he is safe.\n{PROSE}"
    article = plain_article(text, url="https://www.bbc.com/news/world-asia-41234567")
    assert article.outlet == "BBC News" and "BBC" not in article.cited_sources
    other = plain_article(text, url="https://www.example-post.com/news/x")
    assert "BBC" in other.cited_sources


def test_a_board_line_with_its_label_glued_to_the_date_beats_a_date_banner() -> None:
    """'작성일2015-01-04' on a board page's author line is the post's date; a bare date at the
    top of the page is the day the page was saved."""
    assert dated_line("작성자 박연미 작성일2015-01-04 07:44 조회1,318회 댓글0건").date == "2015-01-04"
    page = ("2025년 11월 5일\n\n탈북 여성의 이야기\n\n작성자 박연미 작성일2015-01-04 07:44 조회1,318회\n\n"
            "그는 열세 살에 어머니와 함께 두만강을 건너 중국으로 갔다고 말했다. 이후 몽골을 거쳐 한국에 왔다.\n\n"
            "그는 지금 서울에서 대학에 다니며 탈북 청소년을 돕고 있다고 밝혔다.\n")
    assert plain_article(page).published == "2015-01-04"


def test_a_date_printed_just_under_the_body_dates_a_page_with_none_above() -> None:
    body = ("북한 주민 1명이 지난달 31일 한강 하구를 헤엄쳐 건너와 귀순한 것으로 뒤늦게 밝혀졌다. "
            "군 당국은 감시장비로 그를 처음 식별했다고 밝혔다.")
    page = f"헤엄쳐 귀순한 북한 주민\n\n{body}\n\n- 세계일보\n\n- 2025-08-07 10:25\n\n- 기사 전체 보기\n"
    assert plain_article(page).published == "2025-08-07"
    stamped = f"헤엄쳐 귀순한 북한 주민\n\n{body}\n\n김영석 기자\n\n다른 기사 제목\n\n관련 기사\n\n입력 2015-09-11 20:06\n"
    assert plain_article(stamped).published == "2015-09-11"
    far = (f"헤엄쳐 귀순한 북한 주민\n\n{body}\n\n오늘의 날씨\n\n구독 안내\n\n회사 소개\n\n광고 문의\n\n"
           "2024-01-02\n")
    assert plain_article(far).published is None  # a bare date far below is anyone's


@pytest.mark.parametrize("credit, outlet", [
    ("(서울=가나다뉴스) 홍길동 기자 = ", "가나다뉴스"),  # the site's own credit where a wire's stands
    ("[라마바데일리] ", "라마바데일리"),  # a bracket opening the body
    ("(서울=연합뉴스) 홍길동 기자 = ", "example-ko-news.kr"),  # a wire's credit: the copy it runs
    ("[디지털뉴스국] ", "example-ko-news.kr"),  # a newsroom's desk, not an outlet
])
def test_a_korean_site_unknown_to_the_table_is_named_by_its_own_credit(credit: str, outlet: str) -> None:
    body = (f"{credit}북한 주민 1명이 지난달 31일 한강 하구를 헤엄쳐 건너와 귀순한 것으로 뒤늦게 밝혀졌다.\n\n"
            "군 당국은 감시장비로 그를 처음 식별했다고 밝혔다.\n")
    article = plain_article(f"헤엄쳐 귀순한 북한 주민\n\n{body}", url="https://www.example-ko-news.kr/news/1")
    assert article.outlet == outlet


@pytest.mark.parametrize("line", ["Copyrights ⓒ 가나방송. 무단전재 및 재배포 금지", "Copyright © 가나방송 All rights reserved."])
def test_a_korean_copyright_line_names_a_site_unknown_to_the_table(line: str) -> None:
    page = ("헤엄쳐 귀순한 북한 주민\n\n북한 주민 1명이 지난달 31일 한강 하구를 헤엄쳐 건너와 귀순한 것으로 뒤늦게 "
            f"밝혀졌다.\n\n군 당국은 감시장비로 그를 처음 식별했다고 밝혔다.\n\n{line}\n")
    assert plain_article(page, url="https://www.example-ko-news.kr/news/1").outlet == "가나방송"


def test_a_korean_footer_s_registered_title_names_the_site() -> None:
    page = ("헤엄쳐 귀순한 북한 주민\n\n북한 주민 1명이 지난달 31일 한강 하구를 헤엄쳐 건너와 귀순한 것으로 뒤늦게 "
            "밝혀졌다. 군 당국은 감시장비로 그를 처음 식별했다고 밝혔다.\n\n"
            "법인명 : (주)사아자 | 제호 : 사아자뉴스 | 등록번호 : 서울,아00000\n")
    assert plain_article(page, url="https://www.example-ko-news.kr/news/1").outlet == "사아자뉴스"
