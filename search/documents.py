"""From an Article to what the index writer needs: the part of indexing that runs in the
cleaning workers.

The writer is one process, so every millisecond it spends on an article caps ingest speed,
while the cleaning workers use the other cores. Everything that needs only the article
itself is therefore done here, in the worker, before the article crosses to the writer:
its fingerprint, its MinHash signature and band keys, its distinct words for "did you
mean", and the analysis of its title and body into postings (tokenising, folding and
stemming were half of Whoosh's add_document; docs/benchmarks.md §3). What needs the index
(is it unchanged? which cluster?) stays with the writer in indexing.py.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache

from search.dedup import band_keys, has_words, minhash_signature, signature_to_bytes
from search.models import Article
from search.removal import source_file
from search.schema import SCHEMA_VERSION, AnalysedText, analyse, build_schema, distinct_words


@dataclass(frozen=True)
class PreparedArticle:
    article: Article
    fingerprint: str  # changes when the article or the schema changes
    signature: bytes  # its MinHash signature as the ledger stores it (1 KB, pickled cheaply)
    bands: tuple[str, ...]  # its MinHash band keys; none for a body without words (nobody's copy)
    words: frozenset[str]  # its distinct unstemmed words
    # Its Whoosh document but the cluster (known only in the writer): built here, in the
    # cleaning workers, so that the one writer process only adds it.
    document: dict[str, object]


def prepare_article(article: Article) -> PreparedArticle:
    """Everything the writer needs that depends on the article alone."""
    fields = _schema()
    signature = minhash_signature(article.body)
    title, body = analyse(fields["title"], article.title), analyse(fields["body"], article.body)
    return PreparedArticle(
        article=article, fingerprint=article_fingerprint(article),
        signature=signature_to_bytes(signature), bands=band_keys(signature) if has_words(article.body) else (),
        words=frozenset(distinct_words(article.title, article.body)),
        document=_document(article, title, body))


@cache
def _schema():
    return build_schema()


def article_fingerprint(article: Article) -> str:
    payload = json.dumps(article.to_json(), sort_keys=True, ensure_ascii=False)
    return hashlib.blake2b(f"{SCHEMA_VERSION}\n{payload}".encode(), digest_size=16).hexdigest()


def article_document(prepared: PreparedArticle, cluster: str) -> dict[str, object]:
    """The Whoosh document for one article in `cluster`."""
    return prepared.document | {"cluster": cluster}


def _document(article: Article, title: AnalysedText, body: AnalysedText) -> dict[str, object]:
    """The article's Whoosh fields but its cluster; facet lists are stored comma-joined."""
    document: dict[str, object] = {
        "id": article.id, "url": article.url or "", "outlet": article.outlet or "",
        "route": ",".join(article.routes), "primary_route": article.primary_route or "",
        "crossing": ",".join(article.crossings), "cites": ",".join(article.cited_sources),
        "lang": article.lang or "",
        "details": json.dumps(_details(article), ensure_ascii=False),
    }
    for name, analysed in (("title", title), ("body", body)):
        if analysed.text:  # Whoosh indexes the postings and stores the "_stored_" text
            document.update({name: analysed, f"_stored_{name}": analysed.text})
    if article.published:
        document.update(published=article.published, year=article.published[:4],
                        month=article.published[:7])
    return {key: value for key, value in document.items() if value != ""}


def _details(article: Article) -> dict[str, object]:
    full = article.to_json()
    return {key: full[key] for key in ("route_evidence", "provenance", "removed")} | {
        "origin": article.origin, "source": source_file(article.origin)}  # source: for index --sync

