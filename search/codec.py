"""How index segments are written: Whoosh's own format (W3), with two write-time savings.

Indexing runs in one writer process, and most of its time goes to Whoosh writing postings
(docs/benchmarks.md §3). Two pieces of that work buy little:

* zlib on every posting block. Most blocks are a term's few postings in one batch, which
  compress poorly and cost a zlib setup each. Only full blocks (BLOCK_POSTINGS postings, the
  common terms, most of the bytes) are compressed; merged segments, where more blocks are
  full, end up mostly compressed. Each block records whether it is, so readers need nothing.
* Per-block minimum and maximum field lengths, looked up on disk for every posting. They
  only tighten Whoosh's upper bound on a block's score (block quality); without them the
  bound is looser but still an upper bound, so rankings are unchanged.

Segments written this way and segments written by plain W3Codec mix freely in one index.
"""
from __future__ import annotations

from whoosh.codec.whoosh3 import W3Codec, W3PostingsWriter

BLOCK_POSTINGS = 128  # Whoosh's default block size


class _FullBlocksCompressed(W3PostingsWriter):
    def _write_block(self, last: bool = False) -> None:
        compression = self._compression
        if len(self._ids) < BLOCK_POSTINGS:
            self._compression = 0
        try:
            super()._write_block(last)
        finally:
            self._compression = compression


class IngestCodec(W3Codec):
    length_stats = False

    def __init__(self) -> None:
        super().__init__(blocklimit=BLOCK_POSTINGS)

    def postings_writer(self, dbfile, byteids: bool = False) -> W3PostingsWriter:
        return _FullBlocksCompressed(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                                     compression=self._compression, inlinelimit=self._inlinelimit)
