"""The facet catalog saved beside the index it describes, so that a server's first answer does
not wait for it.

Building the catalog reads the postings of every facet field and two columns: about 1 s at
100,000 articles (2.7 s of a cold first query under a profiler), paid by the first query after
a start. The writer saves it once at the end of
each ingest or removal (under the writer lock, after the last commit); a reader loads it in
~0.1 s when it describes exactly the segments the reader opened, and builds it otherwise. A
missing, stale or unreadable file is never an error: the catalog is built as before.

Pickle, like Whoosh's own table of contents in the same folder: the index folder is trusted
input, and pickle loads these sets of integers several times faster than JSON.
"""
from __future__ import annotations

import os
import pickle
from pathlib import Path

from whoosh.index import FileIndex
from whoosh.reading import IndexReader

from search.catalog import Catalog, build_catalog
from search.schema import FACET_FIELDS, SCHEMA_VERSION
from search.storage import CATALOG_NAME

_FORMAT = 2  # raise when Catalog's saved fields change


def segments_key(reader: IndexReader) -> tuple:
    """What the catalog depends on: the code that builds it (its format, the schema, the facet
    fields) and each segment, its size and its live count (a deletion changes the count; an
    addition or a merge makes a new segment)."""
    return (_FORMAT, SCHEMA_VERSION, FACET_FIELDS) + tuple(
        (leaf.segment().segment_id(), leaf.doc_count_all(), leaf.doc_count())
        for leaf, _offset in reader.leaf_readers() if leaf.segment() is not None)


def save_catalog(folder: Path, ix: FileIndex) -> None:
    """Build the catalog of the latest commit and write it atomically, unless the saved one
    describes it already (an ingest that committed nothing); called by the writer."""
    with ix.reader() as reader:
        if load_catalog(folder, reader) is not None:
            return
        state = (segments_key(reader), _fields(build_catalog(reader)))
    temporary = folder / f".{CATALOG_NAME}.{os.getpid()}"
    temporary.write_bytes(pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(temporary, folder / CATALOG_NAME)


def keep_catalog(folder: Path, ix: FileIndex) -> None:
    """save_catalog for a writer: a failure (a full disk, memory) only makes the next start
    slower, and never keeps a finished ingest from being published."""
    try:
        save_catalog(folder, ix)
    except Exception:  # noqa: BLE001  whatever went wrong, the index itself is committed
        try:
            (folder / CATALOG_NAME).unlink(missing_ok=True)
        except OSError:
            pass


def load_catalog(folder: Path, reader: IndexReader) -> Catalog | None:
    """The saved catalog when it describes this reader's segments, else None."""
    try:
        key, fields = pickle.loads((folder / CATALOG_NAME).read_bytes())
        if key != segments_key(reader):
            return None
        return Catalog(*fields)
    except Exception:  # missing, half-copied or from another version: build it instead
        return None


def catalog_of(folder: Path, reader: IndexReader) -> Catalog:
    return load_catalog(folder, reader) or build_catalog(reader)


def _fields(catalog: Catalog) -> tuple:
    return (catalog.live, catalog.postings, catalog.published, catalog.cluster,
            catalog.cluster_sizes, catalog.primary_route)
