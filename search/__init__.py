"""defection-search's core library: the one API that the CLI, the web app and the tests use.

    settings = Settings.from_env(index_dir="index")
    report = ingest([bundled_seeds()], settings)
    engine = Engine(settings)
    result = engine.search(request_from_params({"q": ["Panmunjom"], "route": ["jsa"]}, settings))

Whoosh stays behind this API: nothing outside search/ imports it.
"""
from importlib import resources
from pathlib import Path

from search.engine import Engine
from search.indexing import IngestReport, ingest
from search.models import Article, InputError, RawDocument
from search.pipeline import build_article, iter_articles
from search.querying import Expansion
from search.requests import EXCLUDE_PREFIX, SORTS, QueryError, SearchRequest, request_from_params
from search.results import ArticleSummary, ArticleView, Facet, FacetValue, Hit, IndexInfo, SearchResult, TimelineBar
from search.routes import CROSSINGS, ROUTES
from search.schema import FACET_FIELDS
from search.settings import Settings, setting_names
from search.storage import IndexLocked, IndexUnavailable


def bundled_seeds() -> Path:
    """The seed corpus shipped with the package (the repo's seeds/ folder)."""
    return Path(str(resources.files("seeds")))


__all__ = [
    "EXCLUDE_PREFIX", "Article", "ArticleSummary", "ArticleView", "CROSSINGS", "Engine", "Expansion", "FACET_FIELDS", "Facet",
    "FacetValue", "Hit", "IndexInfo", "IndexLocked", "IndexUnavailable", "IngestReport",
    "InputError", "QueryError", "ROUTES", "RawDocument", "SORTS", "SearchRequest",
    "SearchResult", "Settings", "TimelineBar", "build_article", "bundled_seeds", "ingest",
    "iter_articles", "request_from_params", "setting_names",
]
