"""The ingest pipeline: one RawDocument becomes one Article.

Stages, each a small named function, run in this order and never reaching back:
  1. clean      plain text or HTML -> the article's title, paragraphs and removed spans (a
                record's text is the body as given)
  2. markup     HTML only: JSON-LD / OpenGraph / meta tags -> metadata hints
  3. describe   title, outlet, published, url with provenance (sidecar > markup > url > text)
  4. routes     route and crossing labels with the sentences that justify them
  5. sources    the agencies and institutions the article cites, in its body or its photo
                credits (never its own publisher)
  6. identify   a stable id: from the URL when known, else the normalised path
  7. language   en, ko or other: as given with the file, else identified from the title and body

iter_articles runs them in parallel worker processes, together with whatever per-article
step the caller hands it (the indexer prepares its documents there).
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import TypeVar

from search.cleaning import clean_given_body, clean_html, clean_plain_text, extract_page_metadata
from search.reading.metadata import describe
from search.language import article_language, given_language
from search.models import Article, CleanedText, InputError, PageMetadata, RawDocument
from search.readers import input_files, read_file
from search.reading.outlets import not_the_publisher
from search.reading.routes import classify_routes
from search.reading.sources import find_cited_sources

ID_HEX_CHARS = 16
PARALLEL_MIN_FILES = 64  # below this, starting worker processes costs more than it saves
PARALLEL_CHUNK_FILES = 16
# The index writer is the one serial stage: with as many workers as cores, three processes
# share two cores, and the writer, slowed by a third, set the pace (raw Reuters: 265 docs/s).
# The workers yield to it; they still have every cycle it leaves.
WORKER_NICENESS = 5

Prepared = TypeVar("Prepared")
_WARM_UP_PAGE = "A page\n\nA North Korean soldier crossed the border, officials said on Monday.\n"


def build_article(raw: RawDocument) -> Article:
    """Run the numbered stages above on one document; InputError if it has no article."""
    cleaned = clean_stage(raw)
    page = markup_stage(raw)
    described = describe(raw.sidecar, page, cleaned)
    labels = classify_routes(described.title, cleaned.paragraphs)
    cited = not_the_publisher(find_cited_sources(credited_text(cleaned), described.outlet),
                              described.outlet)
    return Article(
        id=identify(described.url, raw.relative_path or raw.origin),
        title=described.title, outlet=described.outlet, url=described.url,
        published=described.published, routes=labels.routes, crossings=labels.crossings,
        primary_route=labels.primary_route, route_evidence=labels.evidence,
        cited_sources=cited, body=cleaned.body, removed=cleaned.removed,
        provenance=described.provenance | capture_provenance(raw), origin=raw.origin,
        lang=given_language(raw.sidecar.get("lang")) or article_language(described.title, cleaned.body),
    )


def capture_provenance(raw: RawDocument) -> dict[str, str]:
    """A page from a web archive: its URL is the one it was fetched from, and when is kept."""
    return {"url": "warc", "fetched": raw.fetched} if raw.fetched else {}


def clean_stage(raw: RawDocument) -> CleanedText:
    cleaned = _cleaned(raw)
    if not cleaned.title and not cleaned.paragraphs:
        raise InputError(f"{raw.origin}: no article text found")
    return cleaned


def _cleaned(raw: RawDocument) -> CleanedText:
    """A record's given body as is; otherwise the page, cleaned by its format's cleaner."""
    if raw.body is not None:
        return clean_given_body(raw.body)
    return clean_html(raw.html) if raw.html is not None else clean_plain_text(raw.text or "")


def credited_text(cleaned: CleanedText) -> str:
    """The body plus the credit and caption lines the cleaner took out: "[Yonhap]" or
    "Jung Yeon-je/AFP" is not article text, but it does say whom the article cites."""
    credits = [span.text for span in cleaned.removed if span.kind in ("credit", "caption")]
    return "\n\n".join([cleaned.body, *credits])


def markup_stage(raw: RawDocument) -> PageMetadata:
    """The markup's metadata of an HTML page; a plain-text page has only its lines."""
    if raw.html is not None:
        return extract_page_metadata(raw.html)
    return PageMetadata(lines=tuple((raw.text or "").splitlines()))


def identify(url: str | None, path: str) -> str:
    """A short hex digest, stable across runs and machines, safe in a URL and a file name."""
    key = f"url:{normalise_url(url)}" if url else f"path:{normalise_path(path)}"
    return hashlib.blake2b(key.encode("utf-8"), digest_size=ID_HEX_CHARS // 2).hexdigest()


def normalise_url(url: str) -> str:
    """http/https, a www. prefix, a trailing slash and a fragment do not make a new article."""
    url = url.strip().split("#", 1)[0]
    url = re.sub(r"^https?://(www\.)?", "", url, flags=re.IGNORECASE)
    host, _, rest = url.partition("/")
    return f"{host.lower()}/{rest}".rstrip("/")


def normalise_path(path: str) -> str:
    return path.replace("\\", "/").strip("/").lower()


def _as_built(article: Article) -> Article:
    return article


def iter_articles(paths: list[Path], max_input_bytes: int, workers: int = 1,
                  then: Callable[[Article], Prepared] = _as_built) -> Iterator[Prepared | InputError]:
    """Articles from every input under `paths`, in order, with an InputError in place of each
    bad one; `then` is applied to each article where it is built. With workers > 1 and enough
    files, files are cleaned in a process pool: cleaning is pure Python and CPU-bound, so
    processes (not threads) are what use the other cores. `then` must be a module-level
    function, so that the pool can send it to its workers."""
    for path in paths:
        try:
            root, files = input_files(Path(path))
        except InputError as error:
            yield error
            continue
        articles_of = partial(articles_of_file, root=root, max_input_bytes=max_input_bytes, then=then)
        if workers > 1 and len(files) >= PARALLEL_MIN_FILES:
            load_readers()
            with multiprocessing.get_context("fork").Pool(workers, os.nice, (WORKER_NICENESS,)) as pool:
                for batch in pool.imap(articles_of, files, chunksize=PARALLEL_CHUNK_FILES):
                    yield from batch
        else:
            for file in files:
                yield from articles_of(file)


def load_readers() -> None:
    """Load what the first article loads (py3langid's model above all: 0.5 s and 80 MB) before
    a pool forks, so that its workers share the parent's copy instead of each loading its own."""
    build_article(RawDocument(origin="(readers warm-up)", text=_WARM_UP_PAGE))


def articles_of_file(file: Path, root: Path, max_input_bytes: int,
                     then: Callable[[Article], Prepared] = _as_built) -> list[Prepared | InputError]:
    """Read and build every article of one file (a .jsonl file holds many)."""
    built: list[Prepared | InputError] = []
    for raw in read_file(file, root, max_input_bytes):
        if isinstance(raw, InputError):
            built.append(raw)
            continue
        try:
            built.append(then(build_article(raw)))
        except InputError as error:
            built.append(error)
    return built
