"""defection-search's core library: the one API that the CLI, the web app and the tests use.

    settings = Settings.from_env(index_dir="index")
    report = ingest([bundled_seeds()], settings)
    engine = Engine(settings)
    result = engine.search(request_from_params({"q": ["Panmunjom"], "route": ["jsa"]}, settings))

Whoosh stays behind this API: nothing outside search/ imports it.
"""
import importlib
from importlib import resources
from pathlib import Path

from search.engine import Engine
from search.models import Article, InputError, RawDocument
from search.querying import Expansion
from search.requests import EXCLUDE_PREFIX, SORTS, QueryError, SearchRequest, request_from_params
from search.results import ArticleSummary, ArticleView, Facet, FacetValue, Hit, IndexInfo, SearchResult, TimelineBar
from search.reading.routes import CROSSINGS, ROUTES
from search.schema import FACET_FIELDS
from search.settings import Settings, setting_names
from search.storage import IndexLocked, IndexUnavailable


# The ingest side is imported on first use: the cleaning pipeline brings trafilatura, lxml
# and bs4 (0.1 s), which a server needs only to index the seeds into an empty folder, and a
# server's first answer is due within a second of its start.
_IMPORTED_ON_USE = {"IngestReport": "search.indexing", "ingest": "search.indexing",
                    "create_empty_index": "search.indexing",
                    "build_article": "search.pipeline", "iter_articles": "search.pipeline",
                    "remove": "search.removal", "RemoveReport": "search.removal"}


def __getattr__(name: str) -> object:
    if name in _IMPORTED_ON_USE:
        return getattr(importlib.import_module(_IMPORTED_ON_USE[name]), name)
    raise AttributeError(f"module 'search' has no attribute {name!r}")


def bundled_seeds() -> Path:
    """The seed corpus shipped with the package (the repo's seeds/ folder)."""
    return Path(str(resources.files("seeds")))


__all__ = [
    "EXCLUDE_PREFIX", "Article", "ArticleSummary", "ArticleView", "CROSSINGS", "Engine", "Expansion", "FACET_FIELDS", "Facet",
    "FacetValue", "Hit", "IndexInfo", "IndexLocked", "IndexUnavailable", "IngestReport",
    "InputError", "QueryError", "ROUTES", "RawDocument", "RemoveReport", "SORTS", "SearchRequest",
    "SearchResult", "Settings", "TimelineBar", "build_article", "bundled_seeds", "create_empty_index", "ingest",
    "iter_articles", "remove", "request_from_params", "setting_names",
]
