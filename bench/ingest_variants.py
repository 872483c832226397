"""Which parts of the index schema cost indexing time: one variant at a time, side by side.

Cleans N articles of one corpus folder once, then times only the Whoosh writing (one
writer, one commit, non-compound) of the same articles into the current schema and into
variants that drop or change one thing. Prints docs/s per variant; compare within one run.

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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's search/, not an installed one

from whoosh import index as whoosh_index
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.fields import TEXT, Schema
from whoosh.support.charset import accent_map

from search.indexing import article_document, article_fingerprint, band_keys, minhash_signature
from search.models import Article
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


def without_bands(schema: Schema) -> Schema:
    schema.remove("bands")
    return schema


def bare_like(schema: Schema) -> Schema:
    """Bare Whoosh's schema: default analyzer, no facets beyond outlet and dates."""
    for name in ("bands", "signature", "details", "fingerprint", "cites", "crossing", "route",
                 "cluster", "published_date", "primary_route", "words", "vocabulary"):
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


VARIANTS: dict[str, Callable[[Schema], Schema]] = {
    "current schema": lambda schema: schema,
    "body without character offsets": without_chars,
    "no MinHash band keys": without_bands,
    "a stop list": with_stop_list,
    "no stemming": without_stemming,
    "bare Whoosh's schema": bare_like,
}


def write_seconds(articles: list[Article], schema: Schema) -> float:
    folder = Path(tempfile.mkdtemp(prefix="ingest-variant-"))
    try:
        ix = whoosh_index.create_in(str(folder), schema)
        started = time.perf_counter()
        writer = ix.writer(compound=False)
        for article in articles:
            signature = minhash_signature(article.body)
            document = article_document(article, article_fingerprint(article), article.id,
                                        signature, band_keys(signature))
            writer.update_document(**{k: v for k, v in document.items() if k in schema.names()})
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
    articles = [a for f in files for a in articles_of_file(f, args.folder, 5 << 20) if isinstance(a, Article)]
    print(f"{len(articles)} articles from {args.folder}")
    for label, variant in VARIANTS.items():
        seconds = write_seconds(articles, variant(build_schema()))
        print(f"{label:34s} {len(articles) / seconds:7.1f} docs/s")


if __name__ == "__main__":
    main()
