"""Reading inputs: files and folders become RawDocuments, or InputErrors naming the file.

Formats: .txt (a plain-text page copy), .html/.htm (a saved page), .json/.jsonl (records with
url, title, outlet, published and text or html; a record's text is its body as given, so it
travels as RawDocument.body and is never cleaned), .warc/.warc.gz (web archives; warc.py). Metadata given beside a file (a sidecar) is
attached here so that later stages can give it precedence.
"""
from __future__ import annotations

import csv
import functools
import json
from collections.abc import Iterator
from pathlib import Path

from bs4 import UnicodeDammit

from search.models import InputError, RawDocument
from search.warc import WARC_SUFFIXES, is_warc, read_warc

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
RECORD_SUFFIXES = (".json", ".jsonl")
INPUT_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + RECORD_SUFFIXES
FOLDER_SIDECARS = ("metadata.json", "metadata.csv")
SIDECAR_SUFFIX = ".meta.json"
METADATA_FIELDS = ("title", "outlet", "published", "url", "lang")
_JSON_KINDS = {list: "a list", dict: "an object", int: "a number", float: "a number",
               bool: "true or false"}
_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or b > 13)


def iter_documents(path: Path, max_input_bytes: int) -> Iterator[RawDocument | InputError]:
    """Every document under `path` (a file or a folder, recursive), in a stable order.

    A bad file yields an InputError in its place, so one bad file never stops the rest.
    """
    try:
        root, files = input_files(Path(path))
    except InputError as error:
        yield error
        return
    for file in files:
        yield from read_file(file, root, max_input_bytes)


def input_files(path: Path) -> tuple[Path, list[Path]]:
    """The folder that names inputs (for their relative paths) and the input files under `path`."""
    if not path.exists():
        raise InputError(f"{path}: no such file or folder")
    if path.is_dir():
        return path, _input_files(path)
    return path.parent, [path]


def _input_files(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.rglob("*")
        if p.is_file() and (p.suffix.lower() in INPUT_SUFFIXES or is_warc(p)) and not _is_sidecar(p)
    )


def _is_sidecar(path: Path) -> bool:
    return path.name.endswith(SIDECAR_SUFFIX) or path.name in FOLDER_SIDECARS


def read_file(file: Path, root: Path, max_input_bytes: int) -> Iterator[RawDocument | InputError]:
    if is_warc(file):  # a web archive: the size limit applies to each record, not the file
        yield from read_warc(file, _relative_name(file, root), max_input_bytes)
        return
    try:
        suffix = _checked_suffix(file)
        text = decode_bytes(_read_bytes(file, max_input_bytes), str(file))
        relative = _relative_name(file, root)
        if suffix in RECORD_SUFFIXES:
            yield from _records(text, file, relative, suffix)
            return
        sidecar = read_sidecar(file)
        is_html = suffix in HTML_SUFFIXES
        yield RawDocument(
            origin=str(file), text=None if is_html else text, html=text if is_html else None,
            sidecar=sidecar, relative_path=relative,
        )
    except InputError as error:
        yield error


def _checked_suffix(file: Path) -> str:
    suffix = file.suffix.lower()
    if suffix not in INPUT_SUFFIXES:
        raise InputError(f"{file}: unsupported file type {suffix or '(none)'}; "
                         f"expected one of {', '.join(INPUT_SUFFIXES + WARC_SUFFIXES)}")
    return suffix


def _read_bytes(file: Path, max_input_bytes: int) -> bytes:
    try:
        size = file.stat().st_size
        if size > max_input_bytes:
            raise InputError(f"{file}: over-size ({size:,} bytes; the limit is {max_input_bytes:,})")
        return file.read_bytes()
    except OSError as error:
        raise InputError(f"{file}: unreadable ({error.strerror or error})") from None


def decode_bytes(data: bytes, origin: str) -> str:
    """UTF-8 when it is, else the encoding bs4's UnicodeDammit detects; binary is refused."""
    if not data.strip():
        raise InputError(f"{origin}: empty file")
    if _looks_binary(data):
        raise InputError(f"{origin}: binary file, not text or HTML")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    guess = UnicodeDammit(data, smart_quotes_to=None)
    if guess.unicode_markup is None or "\ufffd" in guess.unicode_markup:
        raise InputError(f"{origin}: undecodable (not UTF-8, and no other encoding fits)")
    return guess.unicode_markup


def _looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes: text encodings other than UTF-16/32 never have them."""
    sample = data[:8192]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 with a byte-order mark: UnicodeDammit decodes it
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return b"\x00" in sample or controls > len(sample) // 20


def _relative_name(file: Path, root: Path) -> str:
    """The folder's own name plus the path inside it: stable whatever the working directory."""
    try:
        inner = file.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        inner = file.name
    return f"{root.resolve().name}/{inner}"


def read_sidecar(file: Path) -> dict[str, str]:
    """NAME.meta.json beside the file wins over the folder's metadata.json / metadata.csv."""
    for candidate in (file.with_name(file.name + SIDECAR_SUFFIX), file.with_suffix(SIDECAR_SUFFIX)):
        if candidate.is_file():
            return _metadata_fields(_load_json(candidate), candidate)
    folder_json = file.parent / "metadata.json"
    if folder_json.is_file():
        return _metadata_fields(_folder_metadata(folder_json).get(file.name, {}), folder_json)
    folder_csv = file.parent / "metadata.csv"
    if folder_csv.is_file():
        return _csv_row(folder_csv, file.name)
    return {}


def _folder_metadata(path: Path) -> dict:
    """A folder's metadata.json, parsed once per version of the file, not once per article."""
    stat = path.stat()
    return _load_json_version(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=16)
def _load_json_version(path: Path, mtime_ns: int, size: int) -> dict:
    return _load_json(path)


def _load_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"{path}: malformed metadata sidecar ({error})") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: malformed metadata sidecar (expected a JSON object)")
    return data


def _metadata_fields(record: object, origin: Path | str) -> dict[str, str]:
    if not isinstance(record, dict):
        raise InputError(f"{origin}: malformed metadata (expected an object of fields)")
    return {k: str(record[k]).strip() for k in METADATA_FIELDS
            if isinstance(record.get(k), (str, int)) and str(record[k]).strip()}


def _csv_row(path: Path, name: str) -> dict[str, str]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                if (row.get("file") or "").strip() == name:
                    return _metadata_fields(row, path)
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise InputError(f"{path}: malformed metadata sidecar ({error})") from None
    return {}


def _records(text: str, file: Path, relative: str, suffix: str) -> Iterator[RawDocument | InputError]:
    """A .json file holds one record or a list; a .jsonl file one record a line. A bad record
    gives an error naming the file and its record number (and line), and the rest are read."""
    if suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            yield InputError(f"{file}: malformed JSON ({error})")
            return
        records = data if isinstance(data, list) else [data]
        items = [(number, number, item) for number, item in enumerate(records, start=1)]
    else:
        items = list(_jsonl_items(text, file))
    for number, key, item in items:
        where = f"record {number}" + (f" (line {key})" if suffix == ".jsonl" else "")
        yield _record_document(item, f"{file}#{key}", f"{relative}#{key}", where)


def _jsonl_items(text: str, file: Path) -> Iterator[tuple[int, int, object]]:
    """(record number, line number, the parsed record or the error of its line)."""
    lines = ((n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip())
    for number, (line_number, line) in enumerate(lines, start=1):
        try:
            yield number, line_number, json.loads(line)
        except json.JSONDecodeError as error:
            yield number, line_number, InputError(
                f"{file}#{line_number}: record {number} (line {line_number}): "
                f"malformed JSON line ({error.msg})")


def _record_document(item: object, origin: str, relative: str, where: str) -> RawDocument | InputError:
    """A record's text is its body as given; its html is cleaned, or only read for its
    markup when the record has a text too."""
    if isinstance(item, InputError):
        return item
    try:
        if not isinstance(item, dict):
            raise InputError(f"{origin}: {where}: malformed record (expected a JSON object)")
        text, html = (_record_string(item, key, origin, where) for key in ("text", "html"))
        if text is None and html is None:
            raise InputError(f"{origin}: {where} has neither a \"text\" nor an \"html\" "
                             f"field with words in it")
        sidecar = _metadata_fields(item, origin)
    except InputError as error:
        return error
    return RawDocument(origin=origin, html=html, body=text, sidecar=sidecar, relative_path=relative)


def _record_string(record: dict, key: str, origin: str, where: str) -> str | None:
    """The record's `key` when it is a string with words in it; None when absent or blank."""
    value = record.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        kind = _JSON_KINDS.get(type(value), type(value).__name__)
        raise InputError(f"{origin}: {where}: \"{key}\" is {kind}, expected a string")
    return value
