"""Reading inputs: formats, sidecars, encodings, and one clear error per bad file."""
from __future__ import annotations

import json
from pathlib import Path

from search.models import InputError, RawDocument
from search.readers import iter_documents

LIMIT = 5 * 1024 * 1024


def read_all(path: Path) -> list[RawDocument | InputError]:
    return list(iter_documents(path, LIMIT))


def test_folder_is_read_recursively_and_sidecars_are_not_documents(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("Title\n\nBody text.", encoding="utf-8")
    (tmp_path / "a" / "one.txt.meta.json").write_text('{"outlet": "Yonhap"}', encoding="utf-8")
    (tmp_path / "two.html").write_text("<html><body><p>Hi</p></body></html>", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    docs = read_all(tmp_path)
    assert [type(d) for d in docs] == [RawDocument, RawDocument]
    assert docs[0].sidecar == {"outlet": "Yonhap"} and docs[0].text.startswith("Title")
    assert docs[1].html is not None and docs[1].text is None
    assert docs[0].relative_path == f"{tmp_path.name}/a/one.txt"


def test_folder_metadata_json_and_csv(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("T\n\nB", encoding="utf-8")
    (tmp_path / "metadata.json").write_text(json.dumps({"x.txt": {"published": "2017-12", "url": "http://a/b"}}))
    assert read_all(tmp_path / "x.txt")[0].sidecar == {"published": "2017-12", "url": "http://a/b"}
    other = tmp_path / "csv"
    other.mkdir()
    (other / "y.txt").write_text("T\n\nB", encoding="utf-8")
    (other / "metadata.csv").write_text("file,outlet,published\ny.txt,Daily NK,2019-01-02\n", encoding="utf-8")
    assert read_all(other)[0].sidecar == {"outlet": "Daily NK", "published": "2019-01-02"}


def test_legacy_encoding_is_detected_and_utf8_bom_dropped(tmp_path: Path) -> None:
    text = "Caf\u00e9 owner in Seoul says the d\u00e9fector arrived on Monday, \u201cscared\u201d. " * 5
    (tmp_path / "latin.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "bom.txt").write_bytes("\ufeffTitle\n\nBody".encode("utf-8"))
    latin, bom = read_all(tmp_path)[::-1] if read_all(tmp_path)[0].origin.endswith("bom.txt") else read_all(tmp_path)
    assert "Caf\u00e9 owner" in latin.text and "\u201cscared\u201d" in latin.text
    assert bom.text.startswith("Title")


def test_bad_files_each_give_one_error_naming_the_file_and_the_rest_carries_on(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 100)
    (tmp_path / "big.txt").write_bytes(b"a" * (LIMIT + 1))
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "good.txt").write_text("Title\n\nBody", encoding="utf-8")
    results = read_all(tmp_path)
    errors = {Path(str(e).split(":")[0]).name: str(e) for e in results if isinstance(e, InputError)}
    assert "empty file" in errors["empty.txt"]
    assert "binary" in errors["binary.txt"]
    assert "over-size" in errors["big.txt"]
    assert "malformed JSON" in errors["broken.json"]
    assert sum(isinstance(r, RawDocument) for r in results) == 1


def test_jsonl_records_with_html_or_text_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"url": "https://nknews.org/a", "title": "A", "html": "<p>x</p>"}),
        "{broken",
        json.dumps({"title": "B", "text": "Body of B"}),
        json.dumps({"title": "C"}),
    ]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines), encoding="utf-8")
    results = read_all(tmp_path / "batch.jsonl")
    assert results[0].html == "<p>x</p>" and results[0].sidecar["url"] == "https://nknews.org/a"
    assert isinstance(results[1], InputError) and "#2" in str(results[1])
    assert results[2].body == "Body of B" and results[2].text is None
    assert isinstance(results[3], InputError) and "record 4 (line 4) has neither" in str(results[3])


def test_missing_path_and_unsupported_file(tmp_path: Path) -> None:
    missing = read_all(tmp_path / "nope")
    assert "no such file" in str(missing[0])
    (tmp_path / "pic.png").write_bytes(b"\x89PNG")
    assert "unsupported file type .png" in str(read_all(tmp_path / "pic.png")[0])
