"""Bringing reporting in from the web: `defection-search harvest`.

Stages, one module each: sources (URL lists, feeds, sitemaps) -> scheduling (per-host
politeness) -> robots (robots.txt) -> fetching (one HTTP exchange) -> archive (WARC) ->
ledger (what was fetched, with validators). harvesting.py runs them, then hands the new
WARC files to the indexer like any other input (search/warc.py reads them).
"""
from search.harvest.harvesting import HarvestReport, HarvestRequest, default_archive_dir, harvest, user_agent

__all__ = ["HarvestReport", "HarvestRequest", "default_archive_dir", "harvest", "user_agent"]
