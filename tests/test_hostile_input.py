"""Hostile queries, hostile pages and hostile article ids, through the real pipeline and index."""
from __future__ import annotations

import html
import json
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from search import Engine, QueryError, Settings, build_article, ingest, request_from_params
from search.cleaning import clean_html
from search.models import RawDocument
from search.readers import iter_documents

ATTACKS = ('<script>alert(1)</script>', '<img src=x onerror="alert(2)">', '<a href="javascript:alert(3)">go</a>',
           '&lt;script&gt;alert(4)&lt;/script&gt;', '</mark><script>alert(5)</script>')
PROSE = ("A North Korean soldier defected across the DMZ near Panmunjom, officials said. "
         "He was taken in for questioning by the army. ")


class TagCollector(HTMLParser):
    """Every start and end tag, every attribute, and the text, as a browser would parse them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(attrs)))

    def handle_endtag(self, tag):
        self.tags.append(("/" + tag, ()))

    def handle_data(self, data):
        self.text.append(data)


def parsed(fragment: str) -> TagCollector:
    collector = TagCollector()
    collector.feed(fragment)
    collector.close()
    return collector


def assert_only_bare_marks(fragment: str) -> str:
    """The fragment's tags are balanced, attribute-free <mark>s; returns its text."""
    page = parsed(fragment)
    assert {tag for tag, _ in page.tags} <= {"mark", "/mark"}, page.tags
    assert all(not attrs for _, attrs in page.tags), page.tags
    opened = [tag for tag, _ in page.tags]
    assert opened == ["mark", "/mark"] * (len(opened) // 2), opened
    return "".join(page.text)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("hostile")
    corpus = root / "corpus"
    corpus.mkdir()
    for number, attack in enumerate(ATTACKS):
        text = f"Soldier defects, case {number}\n\n{PROSE}\n\nHe wrote {attack} on a wall.\n\n{PROSE}"
        (corpus / f"plain{number}.txt").write_text(text, encoding="utf-8")
        page = (f"<html><head><title>Soldier defects, page {number}</title></head><body><article>"
                f"<h1>Soldier defects, page {number}</h1><p>{PROSE}</p>"
                f"<p>He wrote {html.escape(attack)} on a wall, and {attack} again.</p>"
                f"<p>{PROSE}</p></article></body></html>")
        (corpus / f"page{number}.html").write_text(page, encoding="utf-8")
    settings = Settings(index_dir=root / "index")
    report = ingest([corpus], settings)
    assert report.indexed == 2 * len(ATTACKS) and not report.failed, report
    return settings


@pytest.fixture(scope="module")
def hostile_engine(hostile: Settings) -> Engine:
    engine = Engine(hostile)
    yield engine
    engine.close()


@pytest.mark.parametrize("q", ["soldier", "script alert", "mark", "wrote", "javascript", "onerror", "lt"])
def test_snippets_and_article_pages_hold_only_marks_from_article_text(q: str, hostile: Settings,
                                                                      hostile_engine: Engine) -> None:
    result = hostile_engine.search(request_from_params({"q": [q], "collapse": ["0"]}, hostile))
    assert result.results or q in ("mark", "lt")
    for hit in result.results:
        snippet_text = assert_only_bare_marks(hit.snippet)
        view = hostile_engine.article(hit.id, q=q)
        page_text = assert_only_bare_marks(view.body_html)
        assert page_text == view.body  # every character of the body comes back, unescaped once
        body_words = " ".join(view.body.split())
        assert all(" ".join(part.split()) in body_words for part in snippet_text.split("\u2026"))


def test_the_escaped_attack_text_round_trips(hostile: Settings, hostile_engine: Engine) -> None:
    """What the article says, including a literal "&lt;script&gt;", is shown as written."""
    result = hostile_engine.search(request_from_params({"q": ["wrote"], "collapse": ["0"]}, hostile))
    bodies = [hostile_engine.article(hit.id, q="wrote").body_html for hit in result.results]
    texts = ["".join(parsed(b).text) for b in bodies]
    assert any("<script>alert(1)</script>" in t for t in texts)
    assert any("&lt;script&gt;alert(4)&lt;/script&gt;" in t for t in texts)
    assert any("</mark><script>alert(5)</script>" in t for t in texts)


@pytest.mark.parametrize("article_id", ["../../etc/passwd", "..%2f..%2fetc%2fpasswd", "%2e%2e%2f", "a\x00b",
                                        "\x00", "x" * 65, "x" * 100_000, "/etc/passwd", "", " "])
def test_hostile_article_ids_find_nothing(article_id: str, hostile_engine: Engine) -> None:
    assert hostile_engine.article(article_id) is None
    assert hostile_engine.similar(article_id) == ()


LIMIT_BREAKERS = {
    "too long": {"q": ["defector " * 200]},
    "too many terms": {"q": [" ".join(f"w{n}" for n in range(200))]},
    "too deep": {"q": ["(" * 2000 + "a" + ")" * 2000]},
    "leading wildcard": {"q": ["*a*"]},
    "short wildcard prefix": {"q": ["de*"]},
    "regular expression": {"q": ["/de.*/"]},
    "range": {"q": ["published:[2000 TO 2020]"]},
    "unknown field": {"q": ["secret:x"]},
    "page too high": {"page": ["999999999999"]},
    "page size too big": {"page_size": ["100000"]},
    "too many facet values": {"route": [f"r{n}" for n in range(5000)]},
    "facet value too long": {"outlet": ["o" * 100_000]},
    "bad date": {"from": ["99999-99-99"]},
    "bad sort": {"sort": ["drop table"]},
}


@pytest.mark.parametrize("params", LIMIT_BREAKERS.values(), ids=LIMIT_BREAKERS.keys())
def test_each_limit_is_rejected_in_under_50_ms(params: dict, hostile: Settings, hostile_engine: Engine) -> None:
    started = time.perf_counter()
    with pytest.raises(QueryError):
        hostile_engine.search(request_from_params(params, hostile))
    assert time.perf_counter() - started < 0.05


PARAM_NAMES = ("q", "route", "exclude_route", "outlet", "cites", "year", "primary_route", "crossing",
               "from", "to", "sort", "page", "page_size", "collapse")
QUERY_PIECES = st.sampled_from(["soldier", "AND", "OR", "NOT", "(", ")", '"', "*", "?", "title:", "route:",
                                "year:", "defect*", "[", "]", "{", "}", "/", "^2", "~", ":", "\\", "-",
                                "\x00", "JSA", "Oh Chong-song", "'", "&lt;", "</mark>"])
QUERY_TEXT = st.one_of(st.text(max_size=80), st.lists(QUERY_PIECES, max_size=12).map(" ".join),
                       st.lists(st.one_of(QUERY_PIECES, st.text(max_size=4)), max_size=10).map("".join))


@pytest.mark.slow
@hypothesis_settings(max_examples=500, deadline=1000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=st.dictionaries(st.sampled_from(PARAM_NAMES), st.lists(QUERY_TEXT, min_size=1, max_size=3)))
def test_any_parameters_give_a_result_or_a_query_error(params: dict, hostile: Settings,
                                                       hostile_engine: Engine) -> None:
    try:
        request = request_from_params(params, hostile)
        result = hostile_engine.search(request)
    except QueryError:
        return
    assert result.total >= len(result.results)
    json.dumps(result.to_json())


def nested_page(depth: int) -> str:
    return ("<html><body><article><h1>Deep page</h1>" + "<div>" * depth + f"<p>{PROSE}</p>"
            + "</div>" * depth + "</article></body></html>")


def test_ten_thousand_nested_elements_are_cleaned_in_under_2_s() -> None:
    started = time.perf_counter()
    article = build_article(RawDocument(origin="deep.html", html=nested_page(10_000), relative_path="deep.html"))
    assert time.perf_counter() - started < 2
    assert "Panmunjom" in article.body or article.title == "Deep page"


def test_a_5_mb_page_is_cleaned_in_linear_time(tmp_path: Path) -> None:
    limit = Settings().max_input_bytes
    paragraph = f"<p>{PROSE}</p>"
    page = "<html><body><article><h1>Big page</h1>" + paragraph * ((limit - 200) // len(paragraph)) + "</article></body></html>"
    assert len(page.encode()) <= limit
    path = tmp_path / "big.html"
    path.write_text(page, encoding="utf-8")
    started = time.process_time()  # this process's CPU: a busy machine's other work is not the cleaner's cost
    (raw,) = list(iter_documents(path, limit))
    cleaned = clean_html(raw.html)
    # ~2 s of CPU on this 2-core machine, 2.0-2.7 s as the load beside it varies: a bound that
    # tight failed on a busy machine, so the bound catches only what a test can, a cleaner gone
    # quadratic (minutes); the time itself is a benchmark's figure, not a unit test's.
    assert time.process_time() - started < 10
    assert "Panmunjom" in cleaned.body


def test_a_page_just_over_5_mb_is_refused_as_over_size(tmp_path: Path) -> None:
    limit = Settings().max_input_bytes
    path = tmp_path / "huge.html"
    path.write_bytes(b"<html><body><p>" + b"a" * limit + b"</p></body></html>")
    (error,) = list(iter_documents(path, limit))
    assert f"over-size ({path.stat().st_size:,} bytes; the limit is {limit:,})" in str(error)
