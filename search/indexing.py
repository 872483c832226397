"""Writing the index: incremental ingest with batched commits, and the atomic rebuild.

Each article is fingerprinted (its JSON form and the schema version): an unchanged article
is skipped, a changed one replaces the old version by id. Near-duplicates share a cluster,
found through MinHash band keys looked up in the index and in the batch being written.
"""
from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from whoosh.index import FileIndex

from search.dedup import assign_cluster, band_keys, minhash_signature, signature_from_text, signature_to_text
from search.models import Article, InputError
from search.pipeline import iter_articles
from search.schema import SCHEMA_VERSION, VOCABULARY_ID_PREFIX, distinct_words
from search.settings import Settings
from search.storage import create_generation, live_generation, open_generation, publish_generation, writer_lock

ProgressCallback = Callable[[str, str], None]  # (outcome, origin)
CommitCallback = Callable[[tuple[str, ...]], None]  # the ids of a batch, once it is committed


@dataclass(frozen=True)
class IngestReport:
    indexed: int
    updated: int
    unchanged: int
    failed: tuple[str, ...]  # one clear message per failed input

    def summary(self) -> str:
        return (f"indexed {self.indexed}, updated {self.updated}, unchanged {self.unchanged}, "
                f"failed {len(self.failed)}")


@dataclass
class _Tally:
    indexed: int = 0
    updated: int = 0
    unchanged: int = 0

    def report(self, failed: list[str]) -> IngestReport:
        return IngestReport(self.indexed, self.updated, self.unchanged, tuple(failed))


def ingest(paths: Iterable[Path], settings: Settings, rebuild: bool = False,
           progress: ProgressCallback | None = None,
           on_commit: CommitCallback | None = None) -> IngestReport:
    """Index every input under `paths`; with `rebuild`, into a new generation swapped in at the end.

    An article is acknowledged once its batch is committed (`on_commit` is then called with
    the batch's ids): from that moment a killed process cannot lose it.
    """
    index_dir = settings.index_dir
    with writer_lock(index_dir, settings.writer_lock_timeout_s):
        live = None if rebuild else live_generation(index_dir)
        folder, ix = (live, open_generation(live, index_dir)) if live else create_generation(index_dir)
        if live is None and not rebuild:
            publish_generation(index_dir, folder)  # a first index is visible from its first commit
        report = _write_all(ix, list(paths), settings, progress or (lambda outcome, origin: None),
                            on_commit or (lambda ids: None))
        publish_generation(index_dir, folder)
    return report


def _write_all(ix: FileIndex, paths: list[Path], settings: Settings,
               progress: ProgressCallback, on_commit: CommitCallback) -> IngestReport:
    tally, failed, batch = _Tally(), [], {}
    with ix.reader() as reader:  # the vocabulary so far, read once: a lookup per word was 7% of ingest
        known_words = {w.decode("utf-8") for w in reader.lexicon("words")}
    for item in iter_articles(paths, settings.max_input_bytes, settings.ingest_workers):
        if isinstance(item, InputError):
            failed.append(str(item))
            progress("failed", str(item))
            continue
        batch[item.id] = item
        if len(batch) >= settings.commit_batch_docs:
            _commit_batch(ix, batch, settings, tally, progress, on_commit, known_words)
            batch = {}
    _commit_batch(ix, batch, settings, tally, progress, on_commit, known_words)
    return tally.report(failed)


def _commit_batch(ix: FileIndex, batch: dict[str, Article], settings: Settings,
                  tally: _Tally, progress: ProgressCallback, on_commit: CommitCallback,
                  known_words: set[str]) -> None:
    """Write one batch and commit it: once this returns, the batch is acknowledged."""
    writer = ix.writer(compound=False)
    try:
        reader = writer.reader()
        pending: dict[str, list[tuple[str, tuple[int, ...]]]] = {}
        written_ids: set[str] = set()
        for article in batch.values():
            fingerprint = article_fingerprint(article)
            if reader.doc_frequency("fingerprint", fingerprint):
                tally.unchanged += 1
                progress("unchanged", article.origin)
                continue
            existed = bool(reader.doc_frequency("id", article.id))
            _write_article(writer, reader, article, fingerprint, pending, settings)
            written_ids.add(article.id)
            tally.updated += existed
            tally.indexed += not existed
            progress("updated" if existed else "indexed", article.origin)
        if written_ids:
            _add_vocabulary(writer, known_words, [a for a in batch.values() if a.id in written_ids])
            writer.commit()
            on_commit(tuple(batch))
        else:
            writer.cancel()  # an unchanged batch leaves the index exactly as it was
    except BaseException:
        writer.cancel()
        raise


def _add_vocabulary(writer, known_words: set[str], articles: list[Article]) -> None:
    """One document holding the batch's words that the index has not seen before."""
    new = sorted(set().union(*(distinct_words(a.title, a.body) for a in articles)) - known_words)
    known_words.update(new)  # assumed committed; if the commit fails, the ingest fails too
    if new:
        writer.add_document(id=f"{VOCABULARY_ID_PREFIX}{uuid.uuid4().hex}", vocabulary="1",
                            words=" ".join(new))


def article_fingerprint(article: Article) -> str:
    payload = json.dumps(article.to_json(), sort_keys=True, ensure_ascii=False)
    return hashlib.blake2b(f"{SCHEMA_VERSION}\n{payload}".encode(), digest_size=16).hexdigest()


def _write_article(writer, reader, article: Article, fingerprint: str,
                   pending: dict[str, list[tuple[str, tuple[int, ...]]]], settings: Settings) -> None:
    signature = article.signature or minhash_signature(article.body)
    bands = band_keys(signature)
    candidates = _indexed_candidates(reader, bands) + [c for b in bands for c in pending.get(b, [])]
    cluster = assign_cluster(signature, candidates, article.id, settings.cluster_jaccard_min)
    for band in bands:
        pending.setdefault(band, []).append((cluster, signature))
    writer.update_document(**article_document(article, fingerprint, cluster, signature, bands))


def _indexed_candidates(reader, bands: tuple[str, ...]) -> list[tuple[str, tuple[int, ...]]]:
    docnums = {docnum for band in bands if reader.doc_frequency("bands", band)
               for docnum in reader.postings("bands", band).all_ids()}
    stored = (reader.stored_fields(docnum) for docnum in docnums if not reader.is_deleted(docnum))
    return [(fields["cluster"], signature_from_text(fields["signature"])) for fields in stored]


def article_document(article: Article, fingerprint: str, cluster: str,
                     signature: tuple[int, ...], bands: tuple[str, ...]) -> dict[str, object]:
    """The Whoosh document for one article; facet lists are stored comma-joined."""
    document: dict[str, object] = {
        "id": article.id, "fingerprint": fingerprint, "title": article.title, "body": article.body,
        "url": article.url or "", "outlet": article.outlet or "",
        "route": ",".join(article.routes), "primary_route": article.primary_route or "",
        "crossing": ",".join(article.crossings), "cites": ",".join(article.cited_sources),
        "cluster": cluster, "bands": ",".join(bands), "signature": signature_to_text(signature),
        "details": json.dumps(_details(article), ensure_ascii=False),
    }
    if article.published:
        document.update(published=article.published, year=article.published[:4],
                        month=article.published[:7], published_date=_as_datetime(article.published))
    return {key: value for key, value in document.items() if value != ""}


def _details(article: Article) -> dict[str, object]:
    full = article.to_json()
    return {key: full[key] for key in ("route_evidence", "provenance", "removed")} | {"origin": article.origin}


def _as_datetime(published: str) -> datetime:
    parts = [int(p) for p in published.split("-")] + [1, 1]
    return datetime(parts[0], parts[1], parts[2])
