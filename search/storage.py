"""Where the index lives on disk, and the rules for opening and replacing it.

Layout of the index folder:
    CURRENT          the name of the live generation, replaced atomically (os.replace)
    WRITER.lock      held (flock) by the one process writing; others wait a bounded time
    gen-<stamp>/     a complete Whoosh index plus SCHEMA_VERSION
A rebuild writes a new generation beside the live one and then swaps CURRENT, so a reader
never sees a half-built index; readers holding the old generation keep it until they reopen.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import FileIndex

from search.schema import SCHEMA_VERSION, build_schema

POINTER_NAME = "CURRENT"
LOCK_NAME = "WRITER.lock"
VERSION_NAME = "SCHEMA_VERSION"
GENERATIONS_KEPT = 2  # the live one and the one before, for readers still holding it


class IndexUnavailable(Exception):
    """The index is missing, corrupt or of another schema version; the message says how to fix it."""


class IndexLocked(Exception):
    """Another process holds the writer lock past the configured wait."""


def rebuild_hint(index_dir: Path) -> str:
    return f"run: defection-search index --rebuild --index-dir {index_dir}"


def live_generation(index_dir: Path) -> Path | None:
    """The folder CURRENT names, or None when there is no index yet."""
    try:
        name = (index_dir / POINTER_NAME).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise IndexUnavailable(f"index {index_dir}: unreadable ({error}); {rebuild_hint(index_dir)}")
    if not name or "/" in name or name.startswith("."):
        raise IndexUnavailable(f"index {index_dir}: corrupt {POINTER_NAME} file; {rebuild_hint(index_dir)}")
    return index_dir / name


def open_generation(folder: Path, index_dir: Path) -> FileIndex:
    """Open one generation, refusing a wrong schema version or a damaged table of contents."""
    version_file = folder / VERSION_NAME
    found = version_file.read_text(encoding="utf-8").strip() if version_file.is_file() else None
    if found != SCHEMA_VERSION:
        raise IndexUnavailable(
            f"index {index_dir}: rebuild needed (schema version {found or 'unknown'}, "
            f"this program needs {SCHEMA_VERSION}); {rebuild_hint(index_dir)}")
    try:
        return whoosh_index.open_dir(str(folder), schema=build_schema())
    except Exception as error:  # Whoosh raises many kinds on a damaged folder
        raise IndexUnavailable(
            f"index {index_dir}: corrupt ({type(error).__name__}: {error}); {rebuild_hint(index_dir)}"
        ) from None


def open_live(index_dir: Path) -> tuple[Path, FileIndex]:
    folder = live_generation(index_dir)
    if folder is None or not folder.is_dir():
        raise IndexUnavailable(f"index {index_dir}: no index yet; run: defection-search index --index-dir {index_dir}")
    return folder, open_generation(folder, index_dir)


def create_generation(index_dir: Path) -> tuple[Path, FileIndex]:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    folder = index_dir / f"gen-{stamp}"
    folder.mkdir(parents=True)
    ix = whoosh_index.create_in(str(folder), build_schema())
    (folder / VERSION_NAME).write_text(SCHEMA_VERSION, encoding="utf-8")
    return folder, ix


def publish_generation(index_dir: Path, folder: Path) -> None:
    """Point CURRENT at `folder` in one atomic rename, then drop generations nobody needs."""
    temporary = index_dir / f".{POINTER_NAME}.{os.getpid()}"
    temporary.write_text(folder.name, encoding="utf-8")
    with open(temporary, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, index_dir / POINTER_NAME)
    _drop_old_generations(index_dir, keep=folder)


def _drop_old_generations(index_dir: Path, keep: Path) -> None:
    generations = sorted(p for p in index_dir.glob("gen-*") if p.is_dir() and p != keep)
    for old in generations[: max(0, len(generations) - (GENERATIONS_KEPT - 1))]:
        shutil.rmtree(old, ignore_errors=True)


def built_at(folder: Path) -> str:
    """When the generation last changed (its newest table of contents), ISO 8601 UTC."""
    tocs = list(folder.glob("_*.toc")) or [folder]
    newest = max(p.stat().st_mtime for p in tocs)
    return datetime.fromtimestamp(newest, timezone.utc).isoformat(timespec="seconds")


@contextmanager
def writer_lock(index_dir: Path, timeout_s: float) -> Iterator[None]:
    """One writer at a time, across processes; the next waits up to `timeout_s`, then IndexLocked."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / LOCK_NAME, "a+") as handle:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise IndexLocked(
                        f"index {index_dir}: another process is writing it; "
                        f"gave up after waiting {timeout_s:g} s") from None
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
