"""`defection-search serve`: the web app under waitress, a production WSGI server.

A first run of the README's first command (no index folder named) on an empty default index
builds it from the bundled seeds first, so that it shows a working search rather than a 503.
A folder the user named (--index-dir, $DEFECTION_SEARCH_INDEX) is never seeded: a production
index must hold only what its owner put there. A folder that holds anything is never touched:
a damaged index is reported by the pages (503) instead.
"""
from __future__ import annotations

import sys
from pathlib import Path

from waitress import create_server

import search
from search import IndexLocked, Settings, bundled_seeds
from search.storage import LOCK_NAME, live_generation
import web  # the package, not its names: web/__init__ imports this module for its CLI command
from web.views import EXTENSION


def serve(settings: Settings, host: str, port: int, threads: int, seed: bool = False,
          proxy: dict[str, object] | None = None) -> int:
    """Serve until interrupted; returns the exit status. With `seed` (the README's first
    command: no index folder named), an empty index is filled with the bundled seeds; a
    folder the user named is never seeded: it gets an empty index that says how to add articles.
    `proxy` holds TRUSTED_PROXIES and URL_PREFIX when given on the command line."""
    prepare_index(settings, seed)
    app = web.create_app({"SEARCH_SETTINGS": settings, **(proxy or {})})
    # The app decides which proxy's X-Forwarded-* to trust (web/proxy.py, TRUSTED_PROXIES), so
    # that the rule is the same under any WSGI server: waitress must pass the headers on.
    server = create_server(app, host=host, port=port, threads=threads, clear_untrusted_proxy_headers=False)
    print(f"defection-search: serving {settings.index_dir} on "
          f"http://{server.effective_host}:{server.effective_port}{app.config['URL_PREFIX']}/ (Ctrl-C stops)",
          file=sys.stderr)
    try:
        server.run()
    finally:
        server.close()
        app.extensions[EXTENSION].close()
    return 0


def prepare_index(settings: Settings, seed: bool) -> None:
    """Seed the default index when empty; give a named folder without an index an empty one."""
    if seed:
        seed_if_empty(settings)
    elif live_generation(settings.index_dir) is None:
        search.create_empty_index(settings)


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
    """Missing, or holding only dot files (the repository's index/.gitkeep) and the writer
    lock that an `index` run which indexed nothing leaves."""
    if not folder.exists():
        return True
    return folder.is_dir() and not any(not p.name.startswith(".") and p.name != LOCK_NAME
                                       for p in folder.iterdir())
