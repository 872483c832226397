"""`defection-search serve`: the web app under waitress, a production WSGI server.

A first run on an empty index folder builds the index from the bundled seeds first, so that
`pip install . && defection-search serve` shows a working search rather than a 503. A folder
that holds anything is never touched: a damaged index is reported by the pages (503) instead.
"""
from __future__ import annotations

import sys
from pathlib import Path

from waitress import create_server

import search
from search import IndexLocked, Settings, bundled_seeds
import web  # the package, not its names: web/__init__ imports this module for its CLI command
from web.views import EXTENSION


def serve(settings: Settings, host: str, port: int, threads: int) -> int:
    """Serve until interrupted; returns the exit status."""
    seed_if_empty(settings)
    app = web.create_app({"SEARCH_SETTINGS": settings})
    server = create_server(app, host=host, port=port, threads=threads)
    print(f"defection-search: serving {settings.index_dir} on "
          f"http://{server.effective_host}:{server.effective_port}/ (Ctrl-C stops)", file=sys.stderr)
    try:
        server.run()
    finally:
        server.close()
        app.extensions[EXTENSION].close()
    return 0


def seed_if_empty(settings: Settings) -> bool:
    """Build the index from the bundled seeds when its folder is missing or empty."""
    if not _is_empty(settings.index_dir):
        return False
    print(f"defection-search: {settings.index_dir} is empty; indexing the bundled seeds",
          file=sys.stderr)
    try:
        report = search.ingest([bundled_seeds()], settings)
    except IndexLocked:
        print("defection-search: another process is building the index; serving meanwhile",
              file=sys.stderr)
        return False
    print(f"defection-search: indexed {report.indexed} seed articles", file=sys.stderr)
    return True


def _is_empty(folder: Path) -> bool:
    """Missing, or holding only dot files (the repository's index/.gitkeep)."""
    if not folder.exists():
        return True
    return folder.is_dir() and not any(not p.name.startswith(".") for p in folder.iterdir())
