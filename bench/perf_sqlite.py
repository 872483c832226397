"""The SQLite side of the comparison: one database, queried directly (FTS5) and by Datasette.

The database holds the articles exactly as defection-search indexed them (read back from the
index's stored fields): an `articles` table, an `article_facets` table (one row per facet
value, so multi-valued routes count like the engine's), and `articles_fts`, an FTS5 table
over title and body made by `sqlite-utils enable-fts --fts5 --tokenize porter` (stemmed, as
the engine is). Datasette is given the same file, immutable.
"""
from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

FACETS = ("route", "primary_route", "crossing", "outlet", "year", "cites")
MULTI = ("route", "crossing", "cites")
TITLE_WEIGHT = 2.0


def build_database(index_dir: Path, db_path: Path) -> tuple[int, float]:
    """(articles, seconds) to load the index's stored articles and build the FTS5 table."""
    from search.storage import live_generation, open_generation  # read what the engine wrote

    db_path.unlink(missing_ok=True)
    ix = open_generation(live_generation(index_dir), index_dir)
    started = time.perf_counter()
    conn = sqlite3.connect(db_path)
    conn.executescript("""
        CREATE TABLE articles (id INTEGER PRIMARY KEY, article_id TEXT, title TEXT, body TEXT,
            outlet TEXT, published TEXT, year TEXT, month TEXT, route TEXT, primary_route TEXT,
            crossing TEXT, cites TEXT, cluster TEXT);
        CREATE TABLE article_facets (article INTEGER, facet TEXT, value TEXT);
    """)
    rows = 0
    with ix.searcher() as searcher:
        for docnum, stored in searcher.reader().iter_docs():
            rows += 1
            published = stored.get("published") or ""
            record = (rows, stored["id"], stored.get("title", ""), stored.get("body", ""),
                      stored.get("outlet"), published or None, published[:4] or None,
                      published[:7] or None, stored.get("route") or None,
                      stored.get("primary_route"), stored.get("crossing") or None,
                      stored.get("cites") or None, stored.get("cluster"))
            conn.execute("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", record)
            values = {"route": record[8], "primary_route": record[9], "crossing": record[10],
                      "outlet": record[4], "year": record[6], "cites": record[11]}
            for facet, value in values.items():
                for one in (value.split(",") if value and facet in MULTI else [value] if value else []):
                    conn.execute("INSERT INTO article_facets VALUES (?,?,?)", (rows, facet, one))
    conn.executescript("""
        CREATE INDEX facets_by_value ON article_facets (facet, value, article);
        CREATE INDEX facets_by_article ON article_facets (article, facet, value);
        CREATE INDEX articles_meta ON articles (id, published, month);
        CREATE INDEX articles_by_date ON articles (published, id);
    """)
    conn.commit()
    conn.close()
    _enable_fts(db_path)
    conn = sqlite3.connect(db_path)
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
    conn.commit()
    conn.execute("VACUUM")
    conn.close()
    return rows, time.perf_counter() - started


def _enable_fts(db_path: Path) -> None:
    tool = shutil.which("sqlite-utils")
    if tool:
        subprocess.run([tool, "enable-fts", str(db_path), "articles", "title", "body", "--fts5",
                        "--tokenize", "porter"], check=True, capture_output=True)
        return
    conn = sqlite3.connect(db_path)  # what sqlite-utils does, when it is not installed
    conn.executescript("""
        CREATE VIRTUAL TABLE articles_fts USING FTS5 (title, body, tokenize='porter',
            content=[articles], content_rowid=[id]);
        INSERT INTO articles_fts (rowid, title, body) SELECT id, title, body FROM articles;
    """)
    conn.commit()
    conn.close()


def fts_query(q: str) -> str:
    """The engine's query text as an FTS5 MATCH expression: a phrase stays one, words AND-ed."""
    q = q.strip()
    if q.startswith('"') and q.endswith('"'):
        return '"' + q.strip('"').replace('"', "") + '"'
    return " ".join('"' + w.replace('"', "") + '"' for w in q.split())


class FtsSearcher:
    """The full page the engine computes, in SQL: hits, disjunctive facet counts, timeline, top 10."""

    def __init__(self, db_path: Path):
        self.conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, check_same_thread=False)
        self.conn.execute("PRAGMA temp_store = MEMORY")

    def search(self, params: dict[str, list[str]]) -> dict:
        c = self.conn
        q = (params.get("q") or [""])[0]
        match = fts_query(q) if q else None
        date_sql, date_args = _date_clause(params)
        for table in ("base", "sel"):
            c.execute(f"DROP TABLE IF EXISTS temp.{table}")
            c.execute(f"CREATE TEMP TABLE {table} (id INTEGER PRIMARY KEY)")
        if match and date_sql:
            c.execute("INSERT INTO base SELECT f.rowid FROM articles_fts f CROSS JOIN articles a "
                      f"INDEXED BY articles_meta ON a.id = f.rowid WHERE articles_fts MATCH ?{date_sql}",
                      [match, *date_args])
        elif match:
            c.execute("INSERT INTO base SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", [match])
        else:
            c.execute(f"INSERT INTO base SELECT id FROM articles a INDEXED BY articles_meta WHERE 1{date_sql}",
                      date_args)
        masks = {f: params[f] for f in FACETS if params.get(f)}
        facets = {}
        for facet in FACETS:  # each facet ignores its own selection (disjunctive), as the engine does
            where, args = _mask_sql([m for m in masks.items() if m[0] != facet])
            facets[facet] = c.execute(
                "SELECT value, count(*) AS n FROM article_facets WHERE facet = ? AND article IN "
                f"(SELECT id FROM base){where} GROUP BY value ORDER BY n DESC, value LIMIT 50",
                [facet, *args]).fetchall()
        where, args = _mask_sql(list(masks.items()))
        c.execute(f"INSERT INTO sel SELECT id FROM base WHERE 1{where.replace('article IN', 'id IN')}", args)
        total = c.execute("SELECT count(*) FROM sel").fetchone()[0]
        timeline = c.execute("SELECT a.month, count(*) FROM sel CROSS JOIN articles a INDEXED BY "
                             "articles_meta ON a.id = sel.id GROUP BY a.month").fetchall()
        offset = (int((params.get("page") or ["1"])[0]) - 1) * 10
        if match:
            ranked = c.execute(f"SELECT f.rowid, bm25(articles_fts, {TITLE_WEIGHT}, 1.0) AS score FROM "
                               "articles_fts f JOIN sel ON sel.id = f.rowid WHERE articles_fts MATCH ? "
                               "ORDER BY score LIMIT 10 OFFSET ?", [match, offset]).fetchall()
            ids = [rowid for rowid, _ in ranked]
            marks = ",".join("?" * len(ids))
            snippets = dict(c.execute(
                "SELECT rowid, snippet(articles_fts, 1, '<mark>', '</mark>', '...', 40) FROM articles_fts "
                f"WHERE articles_fts MATCH ? AND rowid IN ({marks})", [match, *ids]).fetchall()) if ids else {}
            rows = {r[0]: r[1:] for r in c.execute(
                f"SELECT id, article_id, title, outlet, published FROM articles WHERE id IN ({marks})", ids)}
            top = [(*rows[i], snippets.get(i), score) for i, score in ranked]
        else:
            top = c.execute("SELECT article_id, title, outlet, published, substr(body, 1, 300) FROM articles "
                            "INDEXED BY articles_by_date WHERE id IN (SELECT id FROM sel) "
                            "ORDER BY published DESC LIMIT 10 OFFSET ?", [offset]).fetchall()
        return {"total": total, "facets": facets, "timeline": timeline, "top": top}

    def close(self) -> None:
        self.conn.close()


def _date_clause(params: dict[str, list[str]]) -> tuple[str, list[str]]:
    sql, args = "", []
    if params.get("from"):
        sql += " AND a.published >= ?"
        args.append(params["from"][0])
    if params.get("to"):
        sql += " AND a.published <= ?"
        args.append(params["to"][0] + "-12-31" if len(params["to"][0]) == 4 else params["to"][0])
    return sql, args


def _mask_sql(masks: list[tuple[str, list[str]]]) -> tuple[str, list[str]]:
    sql, args = "", []
    for facet, values in masks:
        sql += (" AND article IN (SELECT article FROM article_facets WHERE facet = ? AND value IN "
                f"({','.join('?' * len(values))}))")
        args += [facet, *values]
    return sql, args


# --- Datasette ---------------------------------------------------------------------------------

def datasette_command(db_path: Path, port: int) -> list[str] | None:
    tool = shutil.which("datasette")
    if not tool:
        return None
    return [tool, "serve", "-i", str(db_path), "--host", "127.0.0.1", "--port", str(port),
            "--setting", "suggest_facets", "off", "--setting", "facet_time_limit_ms", "30000",
            "--setting", "sql_time_limit_ms", "30000", "--setting", "default_cache_ttl", "0"]


def datasette_path(db_name: str, params: dict[str, list[str]]) -> str:
    """The Datasette table-view URL closest to the engine's page: FTS search, three facets, 10 rows."""
    query: list[tuple[str, str]] = [("_facet", "outlet"), ("_facet", "route"), ("_facet", "year"),
                                    ("_size", "10")]
    q = (params.get("q") or [""])[0]
    if q:
        query.append(("_search", fts_query(q)))
        query.append(("_searchmode", "raw"))
    else:
        query.append(("_sort_desc", "published"))
    routes = params.get("route") or []
    if len(routes) == 1:
        query.append(("route__contains", routes[0]))
    elif routes:
        query.append(("_where", "(" + " OR ".join(f"route LIKE '%{r}%'" for r in routes) + ")"))
    if params.get("from"):
        query.append(("published__gte", params["from"][0]))
    if params.get("to"):
        query.append(("published__lte", params["to"][0] + "-12-31"))
    return f"/{db_name}/articles.json?" + urllib.parse.urlencode(query)


if __name__ == "__main__":
    print(fts_query(sys.argv[1]))
