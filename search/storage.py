"""Where the index lives on disk, and the rules for opening and replacing it.

Layout of the index folder:
    CURRENT          the name of the live generation, replaced atomically (os.replace)
    WRITER.lock      held (flock) by the one process writing; others wait a bounded time
    gen-<stamp>/     a complete Whoosh index plus SCHEMA_VERSION, and the writer's ledger
                     (LEDGER.sqlite3, ledger.py; searchers read only its vocabulary), and the
                     facet catalog of its last commit (CATALOG.pickle, catalog_store.py)
A rebuild writes a new generation beside the live one and then swaps CURRENT, so a reader
never sees a half-built index; readers holding the old generation keep it until they reopen.
"""
from __future__ import annotations

import fcntl
import os
import re
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, FileIndex

from search.schema import SCHEMA_VERSION, build_schema

POINTER_NAME = "CURRENT"
LOCK_NAME = "WRITER.lock"
VERSION_NAME = "SCHEMA_VERSION"
CATALOG_NAME = "CATALOG.pickle"
INDEX_NAME = "MAIN"  # Whoosh's default index name: files MAIN_<segment>.<ext>, _MAIN_<n>.toc
_GENERATION_NAME = re.compile(r"gen-[0-9A-Za-z]{1,64}")
_SEGMENT_FILE = re.compile(rf"({INDEX_NAME}_[0-9a-z]+)\.")
_TOC_FILE = re.compile(rf"_{INDEX_NAME}_([0-9]+)\.toc(\..*)?")
_CORE_SEGMENT_EXTS = (W3Codec.TERMS_EXT, W3Codec.POSTS_EXT, "._stored" + W3Codec.COLUMN_EXT)


class IndexUnavailable(Exception):
    """The index is missing, corrupt or of another schema version; the message says how to fix it."""


class IndexLocked(Exception):
    """Another process holds the writer lock past the configured wait."""


def index_place(index_dir: Path) -> str:
    """How messages name an index: "index index: ..." read as a stutter, and a relative
    folder says little in a server's log."""
    return f"the index in {index_dir.absolute()}"


def no_index_message(index_dir: Path) -> str:
    return (f"there is no index yet in {index_dir.absolute()}; build one with: "
            f"defection-search index PATH ... --index-dir {index_dir}")


def rebuild_hint(index_dir: Path) -> str:
    return f"run: defection-search index --rebuild --index-dir {index_dir}"


def live_generation(index_dir: Path) -> Path | None:
    """The folder CURRENT names, or None when there is no index yet.

    A CURRENT that is unreadable, is not a generation name, or names a folder that is gone
    is a damaged index: IndexUnavailable, never a silent fresh start that hides the damage.
    """
    try:
        name = (index_dir / POINTER_NAME).read_bytes().decode("utf-8").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise IndexUnavailable(f"{index_place(index_dir)}: unreadable {POINTER_NAME} ({error}); "
                               f"{rebuild_hint(index_dir)}") from None
    if not _GENERATION_NAME.fullmatch(name):
        raise IndexUnavailable(f"{index_place(index_dir)}: corrupt {POINTER_NAME} file; {rebuild_hint(index_dir)}")
    folder = index_dir / name
    if not folder.is_dir():
        raise IndexUnavailable(f"{index_place(index_dir)}: {POINTER_NAME} names {name}, which is missing; "
                               f"{rebuild_hint(index_dir)}")
    return folder


# A commit that lands while a reader opens the index deletes the table of contents and the
# merged-away segments the reader was about to open: files missing then are tried again with
# the new table of contents; files still missing after that are damage.
OPEN_ATTEMPTS = 5
OPEN_RETRY_S = 0.02


def open_generation(folder: Path, index_dir: Path) -> FileIndex:
    """Open one generation, refusing a wrong schema version, a damaged table of contents or
    a segment file gone missing (Whoosh would only fail later, mid-search, or answer wrongly)."""
    version_file = folder / VERSION_NAME
    found = version_file.read_text(encoding="utf-8", errors="replace").strip() if version_file.is_file() else None
    if found != SCHEMA_VERSION:
        raise IndexUnavailable(
            f"{index_place(index_dir)}: rebuild needed (schema version {found or 'unknown'}, "
            f"this program needs {SCHEMA_VERSION}); {rebuild_hint(index_dir)}")
    problem = ""
    for attempt in range(OPEN_ATTEMPTS):
        try:
            ix = whoosh_index.open_dir(str(folder), schema=build_schema())
            missing = missing_segment_files(folder, ix)
            if not missing:
                return ix
            problem = f"missing {', '.join(missing[:3])}"
        except FileNotFoundError as error:  # maybe a commit replaced the files mid-open
            problem = f"{type(error).__name__}: {error}"
        except Exception as error:  # Whoosh raises many kinds on a damaged folder
            raise IndexUnavailable(f"{index_place(index_dir)}: corrupt ({type(error).__name__}: {error}); "
                                   f"{rebuild_hint(index_dir)}") from None
        time.sleep(OPEN_RETRY_S * (attempt + 1))
    raise IndexUnavailable(f"{index_place(index_dir)}: corrupt ({problem}); {rebuild_hint(index_dir)}")


def missing_segment_files(folder: Path, ix: FileIndex) -> list[str]:
    """The files the table of contents needs that are not on disk.

    Every segment has terms, postings and stored fields; a field with lengths has a length
    column; a sortable field with any term in the segment has a value column, and so has a
    column-only field (schema.StoredColumn: every article has one) in a segment of articles.
    """
    present = set(os.listdir(folder))
    missing = []
    for segment in ix._segments():
        if not segment.doc_count_all():
            continue
        needed = [segment.make_filename(ext) for ext in _CORE_SEGMENT_EXTS]
        needed += [W3Codec.column_filename(segment, f"_{name}_len")
                   for name, total in segment._fieldlengths.items() if total]
        missing += [name for name in needed if name not in present]
    if missing:
        return missing
    with ix.reader() as reader:
        for leaf, _ in reader.leaf_readers():
            for name, field in ix.schema.items():
                if field.column_type is not None and not leaf.has_column(name) and _has_values(leaf, name, field):
                    missing.append(W3Codec.column_filename(leaf.segment(), name))
    return missing


def _has_values(leaf, name: str, field) -> bool:
    if field.indexed:
        return any(True for _ in leaf.lexicon(name))
    return leaf.doc_count_all() > 0


def create_generation(index_dir: Path) -> tuple[Path, FileIndex]:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    folder = index_dir / f"gen-{stamp}"
    folder.mkdir(parents=True)
    ix = whoosh_index.create_in(str(folder), build_schema())
    (folder / VERSION_NAME).write_text(SCHEMA_VERSION, encoding="utf-8")
    return folder, ix


def publish_generation(index_dir: Path, folder: Path) -> None:
    """Point CURRENT at `folder` in one fsynced atomic rename, then tidy up.

    Called with the writer lock held, after the last commit of an ingest: that is what makes
    it safe to delete what no reader can be using (files and generations a killed writer left).
    """
    previous = _pointer_target(index_dir)
    temporary = index_dir / f".{POINTER_NAME}.{os.getpid()}"
    temporary.write_text(folder.name, encoding="utf-8")
    with open(temporary, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, index_dir / POINTER_NAME)
    _fsync_folder(index_dir)
    remove_stray_files(folder)
    _drop_old_generations(index_dir, keep=folder, previous=previous)
    for leftover in index_dir.glob(f".{POINTER_NAME}.*"):  # from a writer killed mid-publish
        leftover.unlink(missing_ok=True)


def _pointer_target(index_dir: Path) -> Path | None:
    try:
        return live_generation(index_dir)
    except IndexUnavailable:
        return None


def _fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable: the rename lives in the folder's own entry list."""
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _drop_old_generations(index_dir: Path, keep: Path, previous: Path | None) -> None:
    """Keep the live generation and the one readers may still hold; drop the rest.

    The one readers may hold is the generation live before this publish or, after an
    incremental ingest, the newest one older than the live one. When nothing was live
    before, every other generation is the work of a killed writer that nobody ever read, and
    so is a generation newer than the live one (a killed rebuild).
    """
    generations = sorted(p for p in index_dir.glob("gen-*") if p.is_dir() and p != keep)
    if previous == keep:
        older = [p for p in generations if p.name < keep.name]
        previous = older[-1] if older else None
    for old in generations:
        if old != previous:
            shutil.rmtree(old, ignore_errors=True)


def remove_stray_files(folder: Path) -> list[str]:
    """Delete the files of one generation that its table of contents does not reference.

    Whoosh leaves three kinds behind: the segment files of a cancelled writer (an unchanged
    batch) or of a writer killed before its commit, a table of contents half-written under a
    temporary name, and its temporary posting folder; a writer killed while it saved the
    facet catalog leaves its temporary file. Its own clean-up at commit handles
    the first kind only. Call with the writer lock held. Returns the names removed.
    """
    try:
        toc = TOC.read(FileStorage(str(folder)), INDEX_NAME)
    except Exception:  # no readable table of contents: nothing is known to be stray
        return []
    referenced = {segment.segment_id() for segment in toc.segments}
    removed = []
    for path in folder.iterdir():
        if _is_stray(path.name, referenced, toc.generation):
            shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)
            removed.append(path.name)
    return removed


def _is_stray(name: str, referenced: set[str], generation: int) -> bool:
    toc = _TOC_FILE.fullmatch(name)
    if toc:
        return toc[2] is not None or int(toc[1]) != generation
    segment = _SEGMENT_FILE.match(name)
    return (name == f"{INDEX_NAME}.tmp" or name.startswith(f".{CATALOG_NAME}.")  # a killed save_catalog's
            or (segment is not None and segment[1] not in referenced))


def built_at(folder: Path) -> str:
    """When the generation last changed (its newest table of contents), ISO 8601 UTC."""
    tocs = list(folder.glob("_*.toc")) or [folder]
    newest = max(p.stat().st_mtime for p in tocs)
    return datetime.fromtimestamp(newest, timezone.utc).isoformat(timespec="seconds")


@contextmanager
def writer_lock(index_dir: Path, timeout_s: float) -> Iterator[None]:
    """One writer at a time, across processes; the next waits up to `timeout_s`, then IndexLocked."""
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        handle = open(index_dir / LOCK_NAME, "a+")
    except OSError as error:
        raise IndexUnavailable(f"{index_place(index_dir)}: cannot be written ({error.strerror or error})") from None
    with handle:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise IndexLocked(
                        f"{index_place(index_dir)}: another process is writing it; "
                        f"gave up after waiting {timeout_s:g} s") from None
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def discard_generation(folder: Path) -> None:
    """Delete a generation that was never published (a first ingest that indexed nothing)."""
    shutil.rmtree(folder, ignore_errors=True)
