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

The writer (IngestWriter, with IngestFieldWriter) writes the same bytes as Whoosh's own
code, with less Python per posting: a merge reads the merged segments a block at a time
instead of a posting at a time, and a flush fills each block with whole lists.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import groupby, repeat

from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter, W3LeafMatcher, W3PostingsWriter, W3TermsReader
from whoosh.codec.base import OutOfOrderError
from whoosh.matching import ListMatcher
from whoosh.reading import SegmentReader
from whoosh.writing import SegmentWriter

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


class IngestFieldWriter(W3FieldWriter):
    """W3's field writer, given each term's postings a block at a time.

    Whoosh's FieldWriter.add_postings makes five calls and four type checks per posting; a
    commit writes ~150 postings an article, and a merge rewrites every posting of the merged
    segments. Here the sorted postings are grouped by term and each block is filled with
    three list extensions. The files written are the same bytes (tests/test_codec.py).
    """

    def add_postings(self, schema, lengths, items) -> None:
        if lengths is not None:  # only a codec with length_stats passes them; this one does not
            return super().add_postings(schema, lengths, items)
        last = None
        for (fieldname, btext), postings in groupby(items, key=_field_and_term):
            if last is not None and (fieldname, btext) < last:
                raise OutOfOrderError(f"Term {last!r} .. {(fieldname, btext)!r}")
            if last is None or fieldname != last[0]:
                if last is not None:
                    self.finish_field()
                self.start_field(fieldname, schema[fieldname])
            last = (fieldname, btext)
            postings = [p for p in postings if p[2] != -1]  # -1: a spelling word, not a posting
            if postings:
                self.start_term(btext)
                _add_term_postings(self._postwriter, postings)
                self.finish_term()
        if last is not None:
            self.finish_field()


def _field_and_term(posting: tuple) -> tuple[str, bytes]:
    return posting[0], posting[1]


def _add_term_postings(writer: W3PostingsWriter, postings: list[tuple]) -> None:
    """What W3PostingsWriter.add_posting does for each posting, a block at a time (no lengths:
    a value-less posting stores no value, and only a weight above 0 raises the block's max)."""
    limit = writer._blocklimit
    for start in range(0, len(postings), limit):
        if writer._ids:  # the block is full: the one before was added whole
            writer._write_block()
        block = postings[start:start + limit]
        weights = [p[3] for p in block]
        writer._ids.extend([p[2] for p in block])
        writer._weights.extend(weights)
        writer._values.extend([p[4] for p in block if p[4]])
        writer._maxweight = max(writer._maxweight, *weights)


class IngestCodec(W3Codec):
    length_stats = False

    def __init__(self) -> None:
        super().__init__(blocklimit=BLOCK_POSTINGS)

    def field_writer(self, storage, segment) -> IngestFieldWriter:
        return IngestFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile, byteids: bool = False) -> W3PostingsWriter:
        return _FullBlocksCompressed(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                                     compression=self._compression, inlinelimit=self._inlinelimit)


# ------------------------------------------------------------------------------- writer ---
class IngestWriter(SegmentWriter):
    """Whoosh's segment writer with this codec and no compound files, putting postings in its
    pool a field or a term at a time.

    A merge reads every posting of the merged segments back into the pool. Whoosh does it one
    posting at a time, through a matcher found by a hash look-up per term and five method
    calls per posting: 10 s of the 27 s that 10,000 raw Reuters stories took to ingest,
    single-threaded at the end, when the cleaning workers had nothing left to do. Here each
    term's postings come from the terms file read in order, a block at a time. The segments
    written are the same bytes (tests/test_codec.py compares every file with Whoosh's).
    """

    def __init__(self, ix, limitmb: int = 128) -> None:
        super().__init__(ix, compound=False, codec=IngestCodec(), limitmb=limitmb)

    def add_document(self, **fields) -> None:
        """Whoosh's add_document, with each field's postings put in the pool at once (a posting
        at a time, with a check and a size sum each, it was 10% of the writer's time). Fields
        with a boost, a spelling field or term vectors (this schema has none) take Whoosh's way."""
        if any(key.endswith("_boost") for key in fields) or any(
                _needs_whoosh(self.schema[name]) for name in fields if name in self.schema):
            return super().add_document(**fields)
        self._check_state()
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(self.schema, fieldnames)
        perdocwriter = self.perdocwriter
        perdocwriter.start_doc(self.docnum)
        try:
            for fieldname in fieldnames:
                value = fields[fieldname]
                if value is not None:  # what is stored may be given apart: "_stored_body"
                    self._add_field(fieldname, value, fields.get(f"_stored_{fieldname}", value))
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _add_field(self, fieldname: str, value, stored) -> None:
        field = self.schema[fieldname]
        length = self._index_field(fieldname, field, value) if field.indexed else 0
        self.perdocwriter.add_field(fieldname, field, stored if field.stored else None, length)
        if field.column_type and stored is not None:
            self.perdocwriter.add_column_value(fieldname, field.column_type, field.to_column_value(stored))

    def _index_field(self, fieldname: str, field, value) -> int:
        """Pool the field's postings; its length (the sum of their frequencies) if scorable."""
        postings = tuple(field.index(value))
        if not postings:
            return 0
        terms, frequencies, weights, values = zip(*postings)
        weights = [weight * 1.0 for weight in weights]  # Whoosh multiplies by the field boost, 1.0
        _pool_document(self.pool, fieldname, terms, self.docnum, weights, values)
        return sum(frequencies) if field.scorable else 0

    def add_reader(self, reader) -> None:
        if _is_w3_segment(reader):
            _remember_missing_length_columns(reader)
        super().add_reader(reader)

    def add_postings_to_pool(self, reader, startdoc: int, docmap: dict[int, int] | None) -> None:
        if not _is_w3_segment(reader):
            return super().add_postings_to_pool(reader, startdoc, docmap)
        pool = self.pool
        for fieldname, tbytes, ids, weights, values in segment_postings(reader):
            if docmap is None:
                ids = [startdoc + docnum for docnum in ids]
            else:  # a segment with deletions: docmap holds only its live documents
                kept = [i for i, docnum in enumerate(ids) if docnum in docmap]
                ids = [docmap[ids[i]] for i in kept]
                weights, values = [weights[i] for i in kept], [values[i] for i in kept]
            _pool_term(pool, fieldname, tbytes, ids, weights, values)


def _needs_whoosh(field) -> bool:
    return bool(field.vector) or field.separate_spelling()


def _is_w3_segment(reader) -> bool:
    return type(reader) is SegmentReader and isinstance(reader._terms, W3TermsReader)


def _remember_missing_length_columns(reader: SegmentReader) -> None:
    """Whoosh asks for every merged document's length in every field, and for a field with no
    length column (an ID, a keyword) it looks for the column's file each time: 120,000 stat()
    calls to merge 8,500 articles. Record once that the column is absent, as Whoosh records
    one it found."""
    perdoc = reader._perdoc
    for fieldname in reader.schema.names():
        column = f"_{fieldname}_len"
        if column not in perdoc._readers and not perdoc.has_column(column):
            perdoc._readers[column] = None


def _pool_term(pool, fieldname: str, tbytes: bytes, ids, weights, values) -> None:
    """PostingPool.add for one term's postings at once, with the same size accounting."""
    size = (_POSTING_BYTES + len(fieldname) + 2 * len(tbytes)) * len(ids) + sum(len(v or "") for v in values)
    _pool_append(pool, fieldname, zip(repeat(fieldname), repeat(tbytes), ids, weights, values), size)


def _pool_document(pool, fieldname: str, terms, docnum: int, weights, values) -> None:
    """PostingPool.add for one document's postings in one field at once."""
    size = (_POSTING_BYTES + len(fieldname)) * len(terms) + 2 * sum(map(len, terms)) \
        + sum(len(v or "") for v in values)
    _pool_append(pool, fieldname, zip(repeat(fieldname), terms, repeat(docnum), weights, values), size)


_POSTING_BYTES = 150  # PostingPool.add's estimate of a posting's size, less its field and term


def _pool_append(pool, fieldname: str, postings: Iterable[tuple], size: int) -> None:
    if not size:
        return
    pool.fieldnames.add(fieldname)
    pool.currentsize += size
    pool.current.extend(postings)
    if pool.currentsize > pool.limit:  # a run spilled a little later than Whoosh's: the same sort
        pool.save()


def segment_postings(reader) -> Iterator[tuple[str, bytes, list, list, list]]:
    """(field, term, ids, weights, values) of every term of a W3 segment in the schema, in the
    order of its terms file, a block at a time; deleted documents included."""
    terms, schema = reader._terms, reader.schema
    for (fieldname, tbytes), terminfo in terms.items():
        if fieldname not in schema:
            continue
        matcher = terms._codec.postings_reader(terms._postfile, terminfo, schema[fieldname].format)
        if isinstance(matcher, ListMatcher):
            yield (fieldname, tbytes) + _inlined_postings(matcher)
        else:
            yield from ((fieldname, tbytes) + block for block in _blocks(matcher))


def _inlined_postings(matcher: ListMatcher) -> tuple[list, list, list]:
    """What ListMatcher.weight() and .value() give for each posting, all at once."""
    ids = list(matcher._ids)
    weights = list(matcher._weights) if matcher._weights else [1.0] * len(ids)
    values = list(matcher._values) if matcher._values else [""] * len(ids)
    return ids, weights, values


def _blocks(matcher: W3LeafMatcher) -> Iterator[tuple[list, list, list]]:
    """Each block's ids, weights and values, decoded as W3LeafMatcher decodes them."""
    while matcher.is_active():
        matcher._read_ids(), matcher._read_weights(), matcher._read_values()
        yield list(matcher._ids), list(matcher._weights), list(matcher._values)
        matcher._next_block()
