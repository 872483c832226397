"""Korean articles: analysed like nori, found with or without particles, labelled ko, marked
as written, found from English and back; English analysis unchanged. A real on-disk index of
bench/korean_cases.json's articles (written for this project) and one English article."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter
from whoosh.fields import TEXT
from whoosh.support.charset import accent_map

from search import Engine, QueryError, Settings, ingest, iter_articles, request_from_params
from search.cli import main
from search.korean import korean_pieces, without_endings
from search.language import article_language, given_language
from search.schema import analyse, build_schema, text_analyzer

REPO = Path(__file__).resolve().parents[1]
CASES = json.loads((REPO / "bench" / "korean_cases.json").read_text("utf-8"))
SCHEMA = build_schema()
ENGLISH = ("Defector swims the Han", "A North Korean man swam across the Han River estuary to Gimpo, "
           "the Joint Chiefs of Staff said; the defector was found by thermal cameras.")
KOREAN_TEXT = st.text(alphabet=st.sampled_from(list("합참은 북한군병사가 귀순했다탈북민들을 (MDL)JSA를 .,\n1é"))
                      | st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3), max_size=80)


# --- analysis ----------------------------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(text=KOREAN_TEXT)
def test_korean_analysis_in_the_workers_gives_exactly_whooshs_postings(text: str) -> None:
    for name in ("title", "body"):
        field = SCHEMA[name]
        assert analyse(field, text).postings == tuple(TEXT.index(field, text)), name


def terms(text: str) -> list[str]:
    return [token.text for token in text_analyzer()(text)]


@pytest.mark.parametrize("with_particle, bare", [
    ("합참은", "합참"), ("신병을", "신병"), ("탈북민은", "탈북민"), ("탈북민들은", "탈북민"),
    ("귀순했다", "귀순"), ("판문점을", "판문점"), ("여성의", "여성"), ("외교관의", "외교관"),
])
def test_particles_and_endings_are_not_indexed(with_particle: str, bare: str) -> None:
    assert terms(with_particle) == terms(bare)
    assert without_endings(with_particle) == bare


def test_compounds_are_kept_whole_and_split_into_their_parts() -> None:
    assert terms("공동경비구역") == ["공동경비구역", "공동", "경비", "구역"]
    assert set(terms("분계선")) <= set(terms("군사분계선을"))  # a part finds the compound


def test_mixed_script_words_are_split_into_english_and_korean() -> None:
    assert terms("군사분계선(MDL)을") == terms("군사분계선 MDL")
    assert "jsa" in terms("JSA를") and "mdl" in terms("MDL을")


def test_a_word_whose_every_morpheme_is_dropped_is_kept_whole() -> None:
    assert terms("밝히다") == ["밝히다"]  # read as two adverbs, which nori drops
    assert terms("을") == [] and terms("MDL)을") == ["mdl"]  # a particle alone is still dropped


def test_pieces_keep_the_characters_of_the_word_as_written() -> None:
    word = "밝혔다"  # the stem 밝히 is written 밝혔
    assert [(term, word[start:end]) for term, start, end in korean_pieces(word)] == [("밝히", "밝혔")]


def test_english_analysis_is_unchanged() -> None:
    before = RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map) | StemFilter()
    text = "Panmunjŏm's guards said the defector's 3.5-km swim ended at 2 a.m.; U.S. officials crossed."
    keep = lambda tokens: [(t.text, t.pos, t.startchar, t.endchar) for t in tokens]  # noqa: E731
    assert keep(text_analyzer()(text, positions=True, chars=True)) == keep(before(text, positions=True, chars=True))


# --- language ----------------------------------------------------------------------------

@pytest.mark.parametrize("title, body, lang", [
    (ENGLISH[0], ENGLISH[1], "en"),
    ("합참, JSA 귀순 병사 신병 확보", CASES["articles"]["k11"], "ko"),
    ("脱北者が送還", "脱北者が中国で拘束され、北朝鮮に送還されたと人権団体が明らかにした。", "other"),
    ("", "", "other"),
])
def test_each_article_has_a_language(title: str, body: str, lang: str) -> None:
    assert article_language(title, body) == lang


@pytest.mark.parametrize("given, lang", [("ko", "ko"), ("ko-KR", "ko"), ("EN_gb", "en"), ("ja", "other"),
                                         ("", None), (None, None)])
def test_a_language_given_with_the_file_is_used(given: str | None, lang: str | None) -> None:
    assert given_language(given) == lang


def test_a_sidecar_language_wins_and_the_seeds_need_no_identifier(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"{ENGLISH[0]}\n\n{ENGLISH[1]}\n", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text('{"lang": "ko"}', encoding="utf-8")
    record = {"title": "귀순", "text": CASES["articles"]["k01"], "lang": "en-GB"}
    (tmp_path / "b.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    articles = {a.origin.rsplit("/", 1)[-1]: a for a in iter_articles([tmp_path], Settings().max_input_bytes)}
    assert articles["a.txt"].lang == "ko" and articles["a.txt"].to_json()["lang"] == "ko"
    assert articles["b.jsonl#1"].lang == "en"  # as given, though the text is Korean
    code = ("import sys, tempfile; from pathlib import Path; from search import Settings, bundled_seeds, ingest; "
            "ingest([bundled_seeds()], Settings(index_dir=Path(tempfile.mkdtemp()) / 'index')); "
            "import py3langid.langid as model; print(model.IDENTIFIER is not None)")  # (trafilatura imports it)
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert loaded.stdout.strip() == "False"  # a first `serve` stays small and quick


# --- search --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def korean_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    folder = tmp_path_factory.mktemp("korean-articles")
    for article_id, body in CASES["articles"].items():
        (folder / f"{article_id}.txt").write_text(f"기사 {article_id}\n\n{body}\n", encoding="utf-8")
    (folder / "english.txt").write_text(f"{ENGLISH[0]}\n\n{ENGLISH[1]}\n", encoding="utf-8")
    settings_ = Settings(index_dir=tmp_path_factory.mktemp("korean-index") / "index")
    report = ingest([folder], settings_)
    assert report.indexed == len(CASES["articles"]) + 1 and not report.failed, report
    engine = Engine(settings_)
    yield engine
    engine.close()


def search(engine: Engine, **params: str):
    return engine.search(request_from_params({k: [v] for k, v in params.items()}, engine.settings))


def found(engine: Engine, q: str, **params: str) -> set[str]:
    return {re.sub(r"^기사 ", "", hit.title) for hit in search(engine, q=q, page_size="50", **params).results}


def test_recall_on_the_korean_cases_is_at_least_0_95(korean_engine: Engine) -> None:
    pairs = [(q, article) for q, relevant in CASES["queries"] for article in relevant]
    assert len(CASES["queries"]) >= 50
    missed = [(q, a) for q, a in pairs if a not in found(korean_engine, q)]
    assert 1 - len(missed) / len(pairs) >= 0.95, missed


@pytest.mark.parametrize("with_particle, bare", [
    ("합참은", "합참"), ("신병을", "신병"), ("탈북민은", "탈북민"), ("귀순했다", "귀순"), ("JSA를", "JSA"),
    ("동기와", "동기"), ("목선을", "목선"), ("총격을", "총격"),
])
def test_a_query_with_or_without_particles_finds_the_same_articles(korean_engine: Engine, with_particle: str,
                                                                   bare: str) -> None:
    assert found(korean_engine, with_particle) == found(korean_engine, bare)


def test_korean_phrases_match_across_particles(korean_engine: Engine) -> None:
    assert found(korean_engine, '"병사의 신병을"') == found(korean_engine, '"병사 신병"') == {"k01"}
    assert found(korean_engine, '"신병 병사"') == set()  # order still counts


def test_highlights_mark_the_word_as_written(korean_engine: Engine) -> None:
    [hit] = [h for h in search(korean_engine, q="신병을").results if h.title == "기사 k01"]
    assert "<mark>신병</mark>을" in hit.snippet
    [hit] = [h for h in search(korean_engine, q="밝혔다", page_size="50").results if h.title == "기사 k01"]
    assert "<mark>밝혔</mark>다" in hit.snippet


def test_language_is_stored_and_faceted(korean_engine: Engine) -> None:
    result = search(korean_engine, q="")
    counts = {v.value: v.count for f in result.facets if f.name == "lang" for v in f.values}
    assert counts == {"ko": len(CASES["articles"]), "en": 1}
    assert {hit.lang for hit in search(korean_engine, q="", lang="en").results} == {"en"}
    assert search(korean_engine, q="", exclude_lang="ko").total == 1


def test_language_values_are_checked_and_read_in_any_case(korean_engine: Engine) -> None:
    assert search(korean_engine, q="", lang="Korean").total == len(CASES["articles"])
    assert search(korean_engine, q="lang:EN").total == 1
    with pytest.raises(QueryError, match="lang: 'xx' is not a language; use one of en, ko, other"):
        search(korean_engine, q="", lang="xx")


def test_the_cli_filters_and_prints_the_language(korean_engine: Engine, capsys: pytest.CaptureFixture) -> None:
    args = ["query", "합참은", "--lang", "ko", "--json", "--index-dir", str(korean_engine.settings.index_dir)]
    assert main(args) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["total"] == 3 and {hit["lang"] for hit in result["results"]} == {"ko"}
    lang_counts = {v["value"]: v["count"] for f in result["facets"] if f["name"] == "lang" for v in f["values"]}
    assert lang_counts == {"ko": 3, "en": 1}  # the English one is found by "Joint Chiefs of Staff"


def test_english_and_korean_find_each_other(korean_engine: Engine) -> None:
    result = search(korean_engine, q="defector", page_size="50")
    assert {"탈북민", "탈북자", "귀순자"} <= set(result.expansions[0].variants)
    assert {"기사 k03", "기사 k07", ENGLISH[0]} <= {hit.title for hit in result.results}
    assert "기사 k01" in {hit.title for hit in search(korean_engine, q="JSA").results}
    back = search(korean_engine, q="탈북민은")
    assert "defector" in back.expansions[0].variants and ENGLISH[0] in {hit.title for hit in back.results}
    name = search(korean_engine, q="Oh Chong-song")
    assert "오청성" in name.expansions[-1].variants and {h.title for h in name.results} == {"기사 k01"}
    assert not search(korean_engine, q="합참").suggestion  # no "did you mean 합참은"
    typed = search(korean_engine, q='"joint chiefs of staff"').parsed_query
    assert 'body:"joint chief of staff"' in typed and "합참" in typed  # a quoted phrase stays a phrase


def test_pages_mark_korean_text_and_load_no_font(korean_engine: Engine) -> None:
    from web import create_app
    client = create_app({"TESTING": True, "SEARCH_SETTINGS": korean_engine.settings}).test_client()
    page = client.get("/?q=신병을").get_data(as_text=True)
    assert re.search(r'<li class="hit" lang="ko">', page) and "<mark>신병</mark>을" in page
    api = client.get("/api/search?q=신병을")
    assert "기사 k01".encode() in api.get_data()  # UTF-8 text, not \uXXXX escapes
    [hit] = [h for h in api.get_json()["results"] if h["title"] == "기사 k01"]
    assert hit["lang"] == "ko"
    article = client.get(f"/articles/{hit['id']}?q=신병").get_data(as_text=True)
    assert '<h1 lang="ko">' in article and '<div class="body" lang="ko">' in article
    assert "<mark>신병</mark>을" in article
    css = client.get("/static/site.css").get_data(as_text=True)
    assert ":lang(ko)" in css and "url(" not in css and "@import" not in css and "@font-face" not in css
