"""Taking articles out of the index: by id or URL (`remove`), and those whose source file
is gone (`index --sync`).

Crash-safe like indexing: the ledger forgets the articles first, then the index deletes
them in one commit. A process killed between the two leaves articles the ledger no longer
knows: running the same command again deletes them, and indexing their files again adds
them back as new (never skipped as "unchanged" while absent from the index).
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from whoosh.index import FileIndex

from search.catalog_store import keep_catalog
from search.codec import IngestWriter
from search.ledger import Ledger, open_ledger
from search.settings import Settings
from search.storage import IndexUnavailable, live_generation, no_index_message, open_generation, writer_lock

_ARTICLE_ID = re.compile(r"[0-9a-f]{16}")
_RECORD_NUMBER = re.compile(r"#[0-9]+$")  # a .json/.jsonl record: "file.jsonl#3"


@dataclass(frozen=True)
class RemoveReport:
    removed: tuple[str, ...]  # article ids
    not_found: tuple[str, ...]  # the ids or URLs given that name no indexed article

    def summary(self) -> str:
        return f"removed {len(self.removed)}, not found {len(self.not_found)}"


def article_id_of(target: str) -> str | None:
    """An article id as given, or the id of a URL; None when it is neither."""
    target = target.strip()
    if _ARTICLE_ID.fullmatch(target):
        return target
    if "://" in target or target.lower().startswith("www."):
        from search.pipeline import identify  # the ingest side, imported on use
        return identify(target, "")
    return None


def remove(targets: Iterable[str], settings: Settings) -> RemoveReport:
    """Remove the articles named by id or URL; each name that matches none is reported."""
    index_dir = settings.index_dir
    with writer_lock(index_dir, settings.writer_lock_timeout_s):
        folder = live_generation(index_dir)
        if folder is None:
            raise IndexUnavailable(no_index_message(index_dir))
        ix = open_generation(folder, index_dir)
        ids = {target: article_id_of(target) for target in targets}
        with ix.searcher() as searcher:
            present = {i for i in ids.values() if i and searcher.document_number(id=i) is not None}
        ledger = open_ledger(folder, index_dir)
        try:
            delete_articles(ix, ledger, sorted(present))
        finally:
            ledger.close()
        if present:
            keep_catalog(folder, ix)
    return RemoveReport(tuple(sorted(present)), tuple(t for t, i in ids.items() if i not in present))


def delete_articles(ix: FileIndex, ledger: Ledger, ids: list[str]) -> None:
    """Forget, then delete, in this order (see the module's note); called with the lock held."""
    if not ids:
        return
    ledger.forget(ids)
    ledger.commit()
    writer = IngestWriter(ix)
    try:
        for article_id in ids:
            writer.delete_by_term("id", article_id)
        writer.commit()
    except BaseException:
        writer.cancel()
        raise


def articles_with_gone_sources(ix: FileIndex, roots: list[Path]) -> list[str]:
    """Ids of the articles whose source file lies under one of `roots` and no longer exists."""
    resolved = [root.resolve() for root in roots]
    with ix.searcher() as searcher:
        return sorted(stored["id"] for stored in _articles(searcher)
                      if _is_gone_under(_source_file(stored), resolved))


def _articles(searcher) -> Iterator[dict]:
    for docnum in searcher.reader().all_doc_ids():
        stored = searcher.stored_fields(docnum)
        if stored:
            yield stored


def _source_file(stored: dict) -> Path:
    """The file an article came from: `source` (absolute) when recorded, else its origin."""
    details = json.loads(stored.get("details") or "{}")
    source = details.get("source") or _RECORD_NUMBER.sub("", details.get("origin", ""))
    return Path(source).resolve() if source else Path()


def _is_gone_under(source: Path, roots: list[Path]) -> bool:
    if source == Path() or source.exists():
        return False
    return any(source == root or root in source.parents for root in roots)


def source_file(origin: str) -> str:
    """The absolute path of an article's source file, from its origin ("path" or "path#N")."""
    return str(Path(_RECORD_NUMBER.sub("", origin)).resolve()) if origin else ""
