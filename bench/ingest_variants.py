"""Which parts of the index schema cost indexing time: one variant at a time, side by side.

Cleans and prepares N articles of one corpus folder once (documents.py), then times only
the Whoosh writing (one writer, one commit, non-compound) of the same articles: as the
indexer writes them (title and body analysed beforehand, in the cleaning workers) and, with
the analysis in the writer, into the current schema and variants that drop or change one
thing. Prints docs/s per variant; compare within one run.

    python bench/corpus.py --n 10000 --out /tmp/lead10k
    python bench/ingest_variants.py /tmp/lead10k/part-0002 --count 600
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's search/, not an installed one

from whoosh import index as whoosh_index
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import TEXT, Schema
from whoosh.support.charset import accent_map

from search.codec import IngestCodec
from search.documents import PreparedArticle, article_document, prepare_article
from search.pipeline import articles_of_file
from search.schema import TITLE_BOOST, build_schema, text_analyzer


def with_stop_list(schema: Schema) -> Schema:
    analyzer = (RegexTokenizer() | LowercaseFilter() | StopFilter(minsize=2) | CharsetFilter(accent_map)
                | StemFilter())
    return _text_fields(schema, analyzer, chars=True)


def without_chars(schema: Schema) -> Schema:
    return _text_fields(schema, text_analyzer(), chars=False)


def without_stemming(schema: Schema) -> Schema:
    return _text_fields(schema, RegexTokenizer() | LowercaseFilter() | StopFilter(minsize=2), chars=True)


def bare_like(schema: Schema) -> Schema:
    """Bare Whoosh's schema: default analyzer, no facets beyond outlet and dates."""
    for name in ("details", "cites", "crossing", "route", "cluster", "primary_route"):
        schema.remove(name)
    schema.remove("body"), schema.add("body", TEXT(stored=True))
    schema.remove("title"), schema.add("title", TEXT(stored=True))
    return schema


def _text_fields(schema: Schema, analyzer, chars: bool) -> Schema:
    schema.remove("body")
    schema.add("body", TEXT(analyzer=analyzer, stored=True, phrase=True, chars=chars))
    schema.remove("title")
    schema.add("title", TEXT(analyzer=analyzer, stored=True, phrase=True, field_boost=TITLE_BOOST))
    return schema


@dataclass(frozen=True)
class Variant:
    schema: Callable[[Schema], Schema] = lambda schema: schema
    codec: Callable[[], W3Codec] = IngestCodec
    preanalysed: bool = False  # title and body analysed beforehand, as the cleaning workers do


VARIANTS: dict[str, Variant] = {
    "as indexed (analysed in the workers)": Variant(preanalysed=True),
    "current schema": Variant(),
    "current schema, Whoosh's default codec": Variant(codec=W3Codec),
    "body without character offsets": Variant(without_chars),
    "a stop list": Variant(with_stop_list),
    "no stemming": Variant(without_stemming),
    "bare Whoosh's schema": Variant(bare_like),
}


def write_seconds(prepared: list[PreparedArticle], variant: Variant) -> float:
    """Only the writer's time: documents built, written and committed in one batch."""
    folder = Path(tempfile.mkdtemp(prefix="ingest-variant-"))
    try:
        schema = variant.schema(build_schema())
        ix = whoosh_index.create_in(str(folder), schema)
        started = time.perf_counter()
        writer = ix.writer(compound=False, codec=variant.codec())
        for item in prepared:
            document = article_document(item, item.article.id)
            if not variant.preanalysed:
                document.update(title=item.article.title, body=item.article.body)
            writer.update_document(**{k: v for k, v in document.items() if k.removeprefix("_stored_") in schema})
        writer.commit()
        return time.perf_counter() - started
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a corpus folder of .txt files with metadata.json")
    parser.add_argument("--count", type=int, default=600)
    args = parser.parse_args()
    files = sorted(args.folder.glob("*.txt"))[: args.count]
    prepared = [item for f in files for item in articles_of_file(f, args.folder, 5 << 20, then=prepare_article)
                if isinstance(item, PreparedArticle)]
    print(f"{len(prepared)} articles from {args.folder}")
    for label, variant in VARIANTS.items():
        seconds = write_seconds(prepared, variant)
        print(f"{label:40s} {len(prepared) / seconds:7.1f} docs/s")


if __name__ == "__main__":
    main()
