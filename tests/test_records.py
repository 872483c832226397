"""JSON and JSONL records: a record's text is its body as given, its html is cleaned, and a bad
record is named by file and record number while the rest of the file is indexed."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from search import Article, Engine, InputError, Settings, ingest, iter_articles, request_from_params

# Short paragraphs, a headline-like first line and furniture-like lines: everything the
# page-copy cleaner would take out, and all of it the record's own words.
TWO_PARAGRAPHS = ("Lee Jin-su reached Incheon on a fishing boat after nine days adrift.\n\n"
                  "Share this")
FIRST_PARAGRAPH_IS_SHORT = ("Quokka harbour, early spring\n\n"
                            "A defector from Sinpo described the crossing to reporters on Friday. "
                            "She said the crew of five steered south through the fog for two "
                            "nights before a patrol boat found them off Sokcho.\n"
                            "Photo: Kim Soo-ah\n\n"
                            "\u201cWe did not know if we would live,\u201d she said.")


def write_records(folder: Path, name: str, records: list[object]) -> Path:
    path = folder / name
    if name.endswith(".jsonl"):
        path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    else:
        path.write_text(json.dumps(records), encoding="utf-8")
    return path


def articles_of(path: Path) -> list[Article | InputError]:
    return list(iter_articles([path], 1 << 20))


def test_text_is_the_body_exactly_as_given_and_title_the_title(tmp_path: Path) -> None:
    path = write_records(tmp_path, "two.json", [
        {"title": "Nine days adrift", "text": TWO_PARAGRAPHS},
        {"title": "Sinpo crew", "text": FIRST_PARAGRAPH_IS_SHORT}])
    two, short_first = articles_of(path)
    assert (two.title, two.body, two.removed) == ("Nine days adrift", TWO_PARAGRAPHS, ())
    assert short_first.title == "Sinpo crew"
    assert short_first.body.startswith("Quokka harbour, early spring\n\nA defector from Sinpo")
    assert "\nPhoto: Kim Soo-ah\n\n" in short_first.body  # a line the page cleaner calls a credit
    assert short_first.body.endswith('"We did not know if we would live," she said.')  # quotes straightened
    assert short_first.provenance["title"] == "sidecar"


def test_a_record_without_a_title_is_titled_by_its_first_line_which_stays_in_the_body(tmp_path: Path) -> None:
    path = write_records(tmp_path, "untitled.jsonl", [{"text": "  Adrift for nine days\n\nThe boat was found.\r\n"}])
    [article] = articles_of(path)
    assert (article.title, article.body) == ("Adrift for nine days", "Adrift for nine days\n\nThe boat was found.")
    assert article.provenance["title"] == "text"


def test_words_of_every_paragraph_can_be_found(tmp_path: Path, fresh_settings: Settings) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_records(corpus, "batch.jsonl", [
        {"url": "https://records.example/1", "title": "Sinpo crew", "text": FIRST_PARAGRAPH_IS_SHORT},
        {"url": "https://records.example/2", "title": "Nine days adrift", "text": TWO_PARAGRAPHS}])
    assert ingest([corpus], fresh_settings).indexed == 2
    engine = Engine(fresh_settings)
    try:
        for query, title in (("Quokka", "Sinpo crew"), ("Incheon adrift", "Nine days adrift")):
            result = engine.search(request_from_params({"q": [query]}, fresh_settings))
            assert [hit.title for hit in result.results] == [title], query
    finally:
        engine.close()


def test_html_goes_through_the_html_cleaner(tmp_path: Path) -> None:
    html = ("<html><body><article><h1>Guards fire warning shots</h1>"
            "<p>South Korean guards fired warning shots when a soldier from the North crossed the "
            "line in the central sector on Tuesday, the Joint Chiefs of Staff said.</p>"
            "<p>He was taken into custody after walking for an hour through a minefield.</p></article>"
            "<div class='share-bar'>Share this: Facebook Twitter</div>"
            "<section id='comments'><p>Bob says: brave man</p></section></body></html>")
    [article] = articles_of(write_records(tmp_path, "page.json", [{"title": "Shots", "html": html}]))
    assert "warning shots" in article.body and "minefield" in article.body
    assert "Share this" not in article.body and "brave man" not in article.body
    assert {"share", "comments"} <= {span.kind for span in article.removed}


def test_with_both_the_text_is_the_body_and_the_html_gives_its_markup(tmp_path: Path) -> None:
    html = ('<html><head><script type="application/ld+json">{"@type": "NewsArticle", '
            '"datePublished": "2021-03-04", "publisher": {"name": "Harbour Times"}}</script></head>'
            "<body><p>Navigation Home World</p></body></html>")
    record = {"title": "Nine days adrift", "text": TWO_PARAGRAPHS, "html": html}
    [article] = articles_of(write_records(tmp_path, "both.json", [record]))
    assert article.body == TWO_PARAGRAPHS
    assert (article.published, article.outlet) == ("2021-03-04", "Harbour Times")


def test_a_bad_record_names_the_file_and_its_number_and_the_rest_is_indexed(
        tmp_path: Path, fresh_settings: Settings) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    lines = [json.dumps({"url": "https://records.example/a", "title": "A", "text": TWO_PARAGRAPHS}),
             "",
             json.dumps({"url": "https://records.example/b", "title": "B has no body"}),
             json.dumps({"title": "C", "text": ["a list", "of paragraphs"]}),
             json.dumps({"url": "https://records.example/d", "title": "D", "text": FIRST_PARAGRAPH_IS_SHORT})]
    path = corpus / "batch.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    report = ingest([corpus], fresh_settings)
    assert report.indexed == 2
    missing, wrong_type = report.failed
    assert str(path) in missing and "record 2 (line 3)" in missing and '"text"' in missing
    assert "record 3 (line 4)" in wrong_type and '"text" is a list, expected a string' in wrong_type


def test_cli_reports_each_bad_record_and_exits_1(tmp_path: Path) -> None:
    path = write_records(tmp_path, "list.json", [{"title": "empty", "text": "   "},
                                                 {"title": "Nine days adrift", "text": TWO_PARAGRAPHS}])
    done = subprocess.run([sys.executable, "-m", "search.cli", "clean", str(path), "--json"],
                          capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1])
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{path}#1: record 1 has neither" in done.stderr
    assert json.loads(done.stdout)["body"] == TWO_PARAGRAPHS
