"""Segments written by the ingest codec answer exactly as Whoosh's default codec's do."""
from __future__ import annotations

import random
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter
from whoosh.qparser import QueryParser

from whoosh.reading import SegmentReader
from whoosh.writing import SegmentWriter

from search.codec import BLOCK_POSTINGS, IngestCodec, IngestFieldWriter, IngestWriter, segment_postings
from search.schema import analyse, build_schema

WORDS = ("soldier defector border river china boat guard night crossed fled the a of and to "
         "ministry unification officials said navy coast patrol").split()


def write_index(folder: Path, codec_factory) -> whoosh_index.FileIndex:
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), build_schema())
    rng = random.Random(7)
    for batch in range(3):  # several segments, then a merge of all of them
        writer = ix.writer(compound=False, codec=codec_factory())
        for n in range(BLOCK_POSTINGS + 40):  # common words get full blocks, rare ones short
            body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 60)))
            writer.add_document(id=f"{batch}-{n}", title=f"Report {n}", body=body)
        writer.commit(optimize=batch == 2)
    return ix


def answers(ix: whoosh_index.FileIndex, text: str) -> list[tuple[str, float, str]]:
    with ix.searcher() as searcher:
        query = QueryParser("body", ix.schema).parse(text)
        hits = searcher.search(query, limit=None, terms=True)
        return [(hit["id"], round(hit.score, 9), hit.highlights("body")) for hit in hits]


def test_the_ingest_codec_changes_no_answer(tmp_path: Path) -> None:
    ours = write_index(tmp_path / "ours", IngestCodec)
    theirs = write_index(tmp_path / "theirs", W3Codec)
    for text in ("the", "soldier", "river AND china", '"the soldier"', "navy OR coast", "fled -night"):
        assert answers(ours, text) == answers(theirs, text), text
    assert len(answers(ours, "the")) > BLOCK_POSTINGS


def postings_bytes(folder: Path, codec_factory) -> int:
    write_index(folder, codec_factory)
    return sum(p.stat().st_size for p in folder.glob("*.pst"))


def test_only_full_blocks_are_compressed(tmp_path: Path) -> None:
    ours = postings_bytes(tmp_path / "ours", IngestCodec)
    raw = postings_bytes(tmp_path / "raw", lambda: W3Codec(compression=0))
    zipped = postings_bytes(tmp_path / "zipped", W3Codec)
    assert zipped < ours < raw


# --- the ingest writer: merges and flushes a block at a time, the same bytes as Whoosh's ---

def write_with_ingest_writer(folder: Path) -> None:
    """Four commits with merges between them, replaced articles (a merged segment with
    deletions), Korean and English text, keyword and ID fields."""
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), build_schema())
    rng = random.Random(11)
    korean = "군사분계선을 넘어 귀순했다 합참은 병사를 신병을 확보했다".split()
    for batch in range(4):
        writer = IngestWriter(ix)
        for n in range(BLOCK_POSTINGS + 40):
            words = WORDS + (korean if n % 5 == 0 else [])
            body = " ".join(rng.choice(words) for _ in range(rng.randint(5, 60)))
            add = writer.update_document if batch == 2 and n % 3 == 0 else writer.add_document
            texts = {"title": f"Report {n}", "body": body}
            if n % 2:  # as the cleaning workers send them: analysed, with the text to store
                texts = {name: analyse(ix.schema[name], text) for name, text in texts.items()} | {
                    f"_stored_{name}": text for name, text in texts.items()}
            add(id=f"{0 if add == writer.update_document else batch}-{n}", **texts,
                route="china,sea" if n % 7 == 0 else "dmz", outlet=f"Outlet {n % 4}",
                cites=",".join(sorted(set(body.split()))), published=f"2017-0{1 + n % 9}-01")
        writer.commit(optimize=batch == 3)


def segment_files(folder: Path) -> list[tuple[str, bytes]]:
    """Every segment file's bytes by its extension (segment names are random)."""
    return sorted((path.name.partition(".")[2], path.read_bytes())
                  for path in folder.iterdir() if path.name.startswith("MAIN_"))


def test_the_ingest_writer_writes_the_bytes_whooshs_own_code_writes(tmp_path: Path, monkeypatch) -> None:
    write_with_ingest_writer(tmp_path / "ours")
    monkeypatch.setattr(IngestWriter, "add_document", SegmentWriter.add_document)
    monkeypatch.setattr(IngestFieldWriter, "add_postings", W3FieldWriter.add_postings)
    monkeypatch.setattr(IngestWriter, "add_postings_to_pool", SegmentWriter.add_postings_to_pool)
    monkeypatch.setattr(IngestWriter, "add_reader", SegmentWriter.add_reader)
    write_with_ingest_writer(tmp_path / "whoosh")
    ours, whoosh = segment_files(tmp_path / "ours"), segment_files(tmp_path / "whoosh")
    assert [name for name, _ in ours] == [name for name, _ in whoosh]
    assert any(name == "pst" for name, _ in ours)
    for (name, mine), (_, theirs) in zip(ours, whoosh):
        assert mine == theirs, name


def test_segment_postings_are_whooshs_postings(tmp_path: Path) -> None:
    write_with_ingest_writer(tmp_path / "ix")
    ix = whoosh_index.open_dir(str(tmp_path / "ix"))
    (segment,) = ix._segments()
    reader = SegmentReader(ix.storage, ix.schema, segment)
    flat = [(f, t, i, w, v) for f, t, ids, ws, vs in segment_postings(reader) for i, w, v in zip(ids, ws, vs)]
    assert flat == list(reader.iter_postings())
    assert {f for f, *_ in flat} >= {"body", "title", "route", "cites", "outlet"}
