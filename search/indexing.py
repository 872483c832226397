"""Writing the index: incremental ingest with batched commits, and the atomic rebuild.

Each article is fingerprinted (its JSON form and the schema version): an unchanged article
is skipped, a changed one replaces the old version by id. Near-duplicates share a cluster,
found through MinHash band keys. Both checks ask the writer's ledger (ledger.py), not the
index; what the writer needs from each article alone was prepared in the cleaning workers
(documents.py).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from whoosh.index import FileIndex

from search.catalog_store import keep_catalog
from search.codec import IngestWriter
from search.dedup import assign_cluster
from search.documents import PreparedArticle, article_document, prepare_article
from search.ledger import Ledger, open_ledger
from search.models import Article, InputError
from search.pipeline import iter_articles
from search.readers import FOLDER_SIDECARS, INPUT_SUFFIXES, SIDECAR_SUFFIX
from search.warc import WARC_SUFFIXES, is_warc
from search.removal import articles_with_gone_sources, delete_articles
from search.settings import Settings
from search.storage import (
    create_generation, discard_generation, live_generation, open_generation, publish_generation, writer_lock,
)

ProgressCallback = Callable[[str, str], None]  # (outcome, origin)
Admission = Callable[[Article], bool]  # whether an article is to be indexed
CommitCallback = Callable[[tuple[str, ...]], None]  # the ids of a batch, once it is committed


@dataclass(frozen=True)
class IngestReport:
    indexed: int
    updated: int
    unchanged: int
    failed: tuple[str, ...]  # one clear message per failed input
    removed: int = 0  # articles whose source file is gone (sync)
    skipped: tuple[str, ...] = ()  # one message per file of a type that is not read
    joined: int = 0  # of those indexed or updated: put in a cluster another article started
    passed_over: int = 0  # articles `admit` turned away (harvest --only-crossings)

    def summary(self) -> str:
        parts = [f"indexed {self.indexed}", f"updated {self.updated}", f"unchanged {self.unchanged}"]
        parts += [f"removed {self.removed}"] if self.removed else []
        parts += [f"failed {len(self.failed)}"]
        parts += [f"skipped {len(self.skipped)} (unsupported type)"] if self.skipped else []
        joined = f"; {self.joined} joined an existing cluster" if self.joined else ""
        return ", ".join(parts) + joined


@dataclass
class _Tally:
    indexed: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    joined: int = 0
    passed_over: int = 0

    def report(self, failed: list[str]) -> IngestReport:
        return IngestReport(self.indexed, self.updated, self.unchanged, tuple(failed), self.removed,
                            joined=self.joined, passed_over=self.passed_over)


def ingest(paths: Iterable[Path], settings: Settings, rebuild: bool = False,
           progress: ProgressCallback | None = None,
           on_commit: CommitCallback | None = None, sync: bool = False,
           admit: Admission | None = None) -> IngestReport:
    """Index every input under `paths`; with `rebuild`, into a new generation swapped in at the end;
    with `sync`, also remove the articles whose source file under `paths` is gone.

    An article is acknowledged once its batch is committed (`on_commit` is then called with
    the batch's ids): from that moment a killed process cannot lose it. Paths that do not
    exist are failures; they never leave an empty index behind, nor does a run that indexes
    nothing into a folder without an index. With `admit`, only the articles it accepts are
    indexed; the others are counted as passed over.
    """
    paths = [Path(p) for p in paths]
    skipped = tuple(message for path in paths for message in unsupported_files(path))
    index_dir = settings.index_dir
    with writer_lock(index_dir, settings.writer_lock_timeout_s):
        live = None if rebuild else live_generation(index_dir)
        folder, ix = (live, open_generation(live, index_dir)) if live else create_generation(index_dir)
        first = live is None and not rebuild  # a first index is visible from its first commit
        session = _Session(ix, open_ledger(folder, index_dir), settings,
                           progress or (lambda outcome, origin: None), on_commit or (lambda ids: None),
                           on_first_commit=(lambda: publish_generation(index_dir, folder)) if first else None,
                           admit=admit or (lambda article: True))
        try:
            report = session.write_all(paths)
            if sync and live is not None:  # a PATH that is missing (a typo, a disk not mounted) removes nothing
                session.remove_gone([path for path in paths if path.exists()])
                report = session.tally.report(list(report.failed))
        finally:
            session.ledger.close()
        if first and not session.committed:
            discard_generation(folder)  # nothing was indexed: no empty index that hides "no index yet"
        else:
            keep_catalog(folder, ix)
            publish_generation(index_dir, folder)
    return replace(report, skipped=skipped)


def create_empty_index(settings: Settings) -> bool:
    """An index with no articles where there is none yet (to serve a folder the user named);
    says whether it made one."""
    index_dir = settings.index_dir
    with writer_lock(index_dir, settings.writer_lock_timeout_s):
        if live_generation(index_dir) is not None:
            return False
        folder, ix = create_generation(index_dir)
        open_ledger(folder, index_dir).close()
        keep_catalog(folder, ix)
        publish_generation(index_dir, folder)
    return True


def unsupported_files(path: Path) -> list[str]:
    """One message per file under a folder that indexing does not read: never skipped silently.
    Sidecars and hidden files (.gitkeep) are not inputs, so not reported."""
    if not path.is_dir():
        return []
    return [f"{file}: not indexed: {file.suffix or 'files without a suffix'} is not a supported type "
            f"(supported: {', '.join(INPUT_SUFFIXES + WARC_SUFFIXES)})"
            for file in sorted(path.rglob("*"))
            if file.is_file() and file.suffix.lower() not in INPUT_SUFFIXES and not is_warc(file)
            and not _is_metadata(file, path)]


def _is_metadata(file: Path, root: Path) -> bool:
    """Sidecars, hidden files (.gitkeep), and a package's own files (the bundled seeds' __init__.py)."""
    hidden = any(part.startswith((".", "__")) for part in file.relative_to(root).parts)
    return hidden or file.name.endswith(SIDECAR_SUFFIX) or file.name in FOLDER_SIDECARS


@dataclass
class _Session:
    """One ingest's writing state, from the first batch to the last."""

    ix: FileIndex
    ledger: Ledger
    settings: Settings
    progress: ProgressCallback
    on_commit: CommitCallback
    on_first_commit: Callable[[], None] | None = None
    admit: Admission = lambda article: True
    tally: _Tally = field(default_factory=_Tally)
    committed: bool = False
    known_words: set[str] = field(default_factory=set)  # the index's vocabulary
    # The ledger records every article the index holds (it is never ahead of the index, so
    # equal counts mean the same articles): an id it lacks is new, and is added without
    # Whoosh's look-up of the id in every segment (update_document: 10% of the writer's time).
    # A ledger left behind by a killed writer or lost is not complete: every write replaces.
    ledger_complete: bool = False

    def write_all(self, paths: list[Path]) -> IngestReport:
        failed: list[str] = []
        batch: dict[str, PreparedArticle] = {}  # by id: a later copy of an id replaces an earlier one
        with self.ix.reader() as reader:
            self.ledger_complete = self.ledger.article_count() == reader.doc_count()
        self.known_words = self.ledger.words()  # read once: a lookup per word was 7% of ingest
        for item in iter_articles(paths, self.settings.max_input_bytes, self.settings.ingest_workers,
                                  then=prepare_article):
            if isinstance(item, InputError):
                failed.append(str(item))
                self.progress("failed", str(item))
                continue
            if not self.admit(item.article):
                self.tally.passed_over += 1
                continue
            batch[item.article.id] = item
            if len(batch) >= self.settings.commit_batch_docs:
                self.commit_batch(batch)
                batch = {}
        self.commit_batch(batch)
        return self.tally.report(failed)

    def commit_batch(self, batch: dict[str, PreparedArticle]) -> None:
        """Write one batch and commit it: once this returns, the batch is acknowledged."""
        writer = IngestWriter(self.ix, limitmb=self.settings.writer_pool_mb)
        try:
            written = [prepared for prepared in batch.values() if self._write(writer, prepared)]
            if written:
                self._add_words(written)
                writer.commit()
                self.ledger.commit()
                self._committed()
                self.on_commit(tuple(batch))
            else:
                writer.cancel()  # an unchanged batch leaves the index exactly as it was
        except BaseException:
            writer.cancel()
            self.ledger.rollback()
            raise

    def _add_words(self, written: list[PreparedArticle]) -> None:
        """The batch's words that the vocabulary lacks, recorded with the batch's articles."""
        new = set().union(*(prepared.words for prepared in written)) - self.known_words
        self.ledger.add_words(new)
        self.known_words |= new  # assumed committed; if the commit fails, the ingest fails too

    def _committed(self) -> None:
        if not self.committed and self.on_first_commit is not None:
            self.on_first_commit()
        self.committed = True

    def remove_gone(self, roots: list[Path]) -> None:
        """Delete the articles whose source file under `roots` no longer exists."""
        gone = articles_with_gone_sources(self.ix, roots)
        delete_articles(self.ix, self.ledger, gone)
        self.tally.removed += len(gone)
        for article_id in gone:
            self.progress("removed", article_id)

    def _write(self, writer, prepared: PreparedArticle) -> bool:
        """Write one article unless the index has it unchanged; say whether it was written."""
        article = prepared.article
        known = self.ledger.fingerprint(article.id)
        if known == prepared.fingerprint:
            self.tally.unchanged += 1
            self.progress("unchanged", article.origin)
            return False
        candidates = self.ledger.candidates(prepared.bands, self.settings.cluster_candidates_max)
        cluster = assign_cluster(prepared.signature, candidates, article.id, self.settings.cluster_jaccard_min)
        add = writer.add_document if known is None and self.ledger_complete else writer.update_document
        add(**article_document(prepared, cluster))
        self.ledger.record(article.id, prepared.fingerprint, cluster, prepared.signature, prepared.bands)
        self.tally.updated += known is not None
        self.tally.indexed += known is None
        self.tally.joined += cluster != article.id
        self.progress("indexed" if known is None else "updated", article.origin)
        return True
