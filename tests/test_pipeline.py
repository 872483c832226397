"""The ingest pipeline: parallel cleaning gives exactly what sequential cleaning gives."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from search import Article, InputError, iter_articles
from search.pipeline import PARALLEL_MIN_FILES, identify


def test_parallel_and_sequential_ingest_agree_in_order(tmp_path: Path) -> None:
    for number in range(PARALLEL_MIN_FILES + 6):
        body = f"A North Korean soldier crossed the DMZ at post {number} on Monday, officials said."
        (tmp_path / f"{number:03d}.txt").write_text(f"Crossing {number}\n\n{body}", encoding="utf-8")
    (tmp_path / "zz-empty.txt").write_bytes(b"")
    sequential = list(iter_articles([tmp_path], 1 << 20, workers=1))
    parallel = list(iter_articles([tmp_path], 1 << 20, workers=2))
    assert [type(a) for a in parallel] == [type(a) for a in sequential]
    assert [a.to_json() for a in parallel if isinstance(a, Article)] == \
        [a.to_json() for a in sequential if isinstance(a, Article)]
    assert isinstance(parallel[-1], InputError) and "empty file" in str(parallel[-1])
    assert parallel[0].routes == ("dmz",)


def test_ids_come_from_the_url_ignoring_scheme_www_slash_and_fragment() -> None:
    assert identify("https://www.nknews.org/a/b/#top", "x") == identify("http://nknews.org/a/b", "y")
    assert identify(None, "seeds/A.txt") == identify(None, "seeds/a.txt")
    assert identify(None, "seeds/a.txt") != identify("http://nknews.org/a", "seeds/a.txt")


HTML_PAGE = """<!doctype html><html><head><title>Soldier swims to freedom | NK Daily Wire</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Soldier swims to freedom", "datePublished": "2019-08-01T09:00:00+09:00",
 "publisher": {"@type": "Organization", "name": "NK Daily Wire"},
 "url": "https://wire.example/2019/08/01/soldier-swims"}</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Soldier swims to freedom</h1>
<p>A North Korean soldier swam across the Han River estuary to Gyodong island on Wednesday,
the Joint Chiefs of Staff said, in the latest defection across the heavily guarded border.</p>
<p>He was taken into custody by South Korean marines and is being questioned, Yonhap reported.
Officials said he had planned the crossing for months and waited for the tide to turn.</p>
<figure><img src="x.jpg"><figcaption>Gyodong island seen from the south. (AFP)</figcaption></figure>
<p>It was the second defection across the estuary this year, the ministry added in its statement.</p>
</article>
<section id="comments"><h2>3 comments</h2><div class="comment">Jim says: kayaking there is fun</div></section>
<div class="share-bar">Share this: Facebook Twitter</div></body></html>"""


def test_html_page_through_the_whole_pipeline(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(HTML_PAGE, encoding="utf-8")
    [article] = list(iter_articles([tmp_path], 1 << 20))
    assert (article.title, article.outlet, article.published) == (
        "Soldier swims to freedom", "NK Daily Wire", "2019-08-01")
    assert article.provenance == {"title": "json-ld", "outlet": "json-ld", "published": "json-ld", "url": "json-ld"}
    assert "Gyodong island on Wednesday" in article.body and "second defection" in article.body
    assert "kayaking" not in article.body and "Share this" not in article.body
    assert article.primary_route == "dmz" and "defection" in article.crossings
    assert {"Joint Chiefs of Staff", "Yonhap"} <= set(article.cited_sources)
    assert {span.kind for span in article.removed} >= {"comments"}


def test_jsonl_records_become_articles_with_record_metadata(tmp_path: Path) -> None:
    import json
    records = [{"url": "https://www.nknews.org/2020/07/x", "title": "Defector returns north",
                "outlet": "NK News", "published": "2020-07-26",
                "text": "Defector returns north\n\nA defector who had lived in the South swam back "
                        "across the border into North Korea last week, officials said."},
               {"title": "No body"}]
    (tmp_path / "batch.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    first, second = list(iter_articles([tmp_path], 1 << 20))
    assert (first.outlet, first.published, first.provenance["outlet"]) == ("NK News", "2020-07-26", "sidecar")
    assert first.id == identify("https://nknews.org/2020/07/x", "")
    assert isinstance(second, InputError) and "#2" in str(second)


def test_serving_does_not_import_the_cleaning_pipeline() -> None:
    """trafilatura, lxml and bs4 cost 0.1 s of a server's first-answer second; they load
    only when something cleans or indexes."""
    code = ("import sys, search, web.serving; "
            "print(sorted(m for m in ('trafilatura', 'bs4', 'search.pipeline') if m in sys.modules)); "
            "search.ingest; print('trafilatura' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[1])
    assert done.stdout.split("\n")[:2] == ["[]", "True"]
