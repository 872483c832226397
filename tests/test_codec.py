"""Segments written by the ingest codec answer exactly as Whoosh's default codec's do."""
from __future__ import annotations

import random
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.qparser import QueryParser

from search.codec import BLOCK_POSTINGS, IngestCodec
from search.schema import build_schema

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
