"""A harvest: URLs from lists, feeds and sitemaps, fetched politely, every response kept in
the archive's WARC files before anything reads it; then the WARC files not yet indexed are
ingested like any other input.

    sources -> scheduler (robots.txt, per-host delay, retries, redirects) -> fetcher
            -> archive (WARC), then ledger (SQLite) ... -> ingest(new WARC files) -> index
"""
from __future__ import annotations

import importlib
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from email.utils import parsedate_to_datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from search.harvest.archive import WarcArchive, read_stored, recover
from search.harvest.fetching import FEED_ACCEPT, PAGE_ACCEPT, Exchange, Fetcher
from search.harvest.ledger import Fetch, FetchLedger, archive_lock
from search.harvest.outcomes import RETRY_STATUSES, Tally, outcome_of
from search.harvest.robots import Robots, robots_from
from search.harvest.scheduling import HostScheduler, Job, Outcome
from search.harvest.sources import Entry, check_url, parse_feed, parse_sitemap, read_url_file
from search.models import Article, InputError
from search.settings import Settings

if TYPE_CHECKING:
    from search.indexing import IngestReport

ProgressCallback = Callable[[str, str], None]  # (outcome, URL)
USER_AGENT = "defection-search/0.1 (news research harvester{contact})"
ARCHIVE_FOLDER = "archive"


@dataclass(frozen=True)
class HarvestRequest:
    url_files: tuple[Path, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    archive_dir: Path | None = None  # default: `archive` beside the index folder
    since: date | None = None
    only_crossings: bool = False
    delay_s: float | None = None  # default: settings.harvest_delay_s
    contact: str | None = None
    index: bool = True


@dataclass
class HarvestReport:
    tally: Tally
    indexed: IngestReport | None = None  # what the indexing step did
    archive_dir: Path = Path(ARCHIVE_FOLDER)

    @property
    def failed(self) -> bool:
        ingest_failed = bool(self.indexed.failed) if self.indexed is not None else False
        return bool(self.tally.errors or self.tally.failures or ingest_failed)

    def summary(self) -> str:
        counts = self.tally.counts
        failures = ", ".join(f"{reason} {n}" for reason, n in sorted(self.tally.failures.items()))
        parts = [f"fetched {counts['fetched']}", f"unchanged {counts['unchanged']}",
                 f"skipped by robots {counts['robots']}", f"not HTML {counts['not-html']}",
                 f"failed {sum(self.tally.failures.values())}" + (f" ({failures})" if failures else "")]
        if self.tally.errors:
            parts.append(f"bad input {len(self.tally.errors)}")
        if counts["resumed"]:
            parts.append(f"already stored {counts['resumed']}")
        if counts["older"]:
            parts.append(f"older than --since {counts['older']}")
        if self.indexed is not None:
            ingest = self.indexed
            parts += [f"indexed {ingest.indexed}", f"updated {ingest.updated}",
                      f"not articles {len(ingest.failed)}", f"clusters joined {ingest.joined}"]
            if ingest.passed_over:
                parts.append(f"without a crossing {ingest.passed_over}")
        return ", ".join(parts)


def default_archive_dir(settings: Settings) -> Path:
    return Path(settings.index_dir).parent / ARCHIVE_FOLDER


def user_agent(contact: str | None) -> str:
    return USER_AGENT.format(contact=f"; contact: {contact.strip()}" if contact and contact.strip() else "")


def harvest(request: HarvestRequest, settings: Settings,
            progress: ProgressCallback | None = None) -> HarvestReport:
    """Fetch every source's pages into the archive, then index what is new there."""
    archive_dir = Path(request.archive_dir or default_archive_dir(settings))
    if request.index:  # importing the cleaning pipeline takes a second: do it while fetches wait
        threading.Thread(target=importlib.import_module, args=("search.indexing",), daemon=True).start()
    with archive_lock(archive_dir):
        ledger = FetchLedger(archive_dir)
        try:
            tally = _fetch_all(request, settings, archive_dir, ledger, progress or (lambda o, u: None))
            report = HarvestReport(tally, archive_dir=archive_dir)
            if request.index:
                report.indexed = _index_new(archive_dir, ledger, settings, request.only_crossings, progress)
            ledger.finish_run()
            return report
        finally:
            ledger.close()


def _fetch_all(request: HarvestRequest, settings: Settings, archive_dir: Path, ledger: FetchLedger,
               progress: ProgressCallback) -> Tally:
    agent = user_agent(request.contact)
    archive = WarcArchive(archive_dir, ledger, agent, settings.warc_file_bytes)
    fetcher = Fetcher(agent, settings.fetch_timeout_s, settings.max_input_bytes, settings.harvest_hosts_parallel)
    harvester = _Harvester(request, settings, archive_dir, ledger, archive, fetcher, progress)
    try:
        if ledger.resumed:
            recover(archive_dir, ledger, partial(learn_record, ledger))
        harvester.run()
    finally:
        archive.close()
        fetcher.close()
    return harvester.tally


def _index_new(archive_dir: Path, ledger: FetchLedger, settings: Settings, only_crossings: bool,
               progress: ProgressCallback | None) -> IngestReport:
    """Ingest the WARC files not indexed yet (a killed run's too); mark them once done."""
    from search.indexing import IngestReport, ingest  # the cleaning pipeline is imported only when needed
    names = ledger.warc_files(indexed=False)
    if not names:  # nothing new: leave the index (and its writer lock) alone
        return IngestReport(0, 0, 0, ())
    report = ingest([archive_dir / name for name in names], settings,
                    progress=progress, admit=has_crossing if only_crossings else None)
    ledger.mark_indexed(names)
    return report


def learn_record(ledger: FetchLedger, warc_file: str, offset: int, record) -> None:
    """A record a killed run archived but did not get to tell the ledger about."""
    http = record.http_headers
    url = record.rec_headers.get_header("WARC-Target-URI")
    if http is None or not url:
        return
    status = 304 if record.rec_type == "revisit" else int(http.get_statuscode() or 0)
    outcome, location = outcome_of(url, status, http.get_header, record.rec_headers.get_header("WARC-Truncated"))
    if outcome == "fetched":
        ledger.record(Fetch(url, outcome, status, None, http.get_header("ETag"), http.get_header("Last-Modified"),
                            warc_file, offset, record.rec_headers.get_header("WARC-Payload-Digest"),
                            record.rec_headers.get_header("WARC-Date")))
    else:
        ledger.record(Fetch(url, outcome, status, location))


def has_crossing(article: Article) -> bool:
    return bool(article.crossings)


@dataclass
class _Harvester:
    request: HarvestRequest
    settings: Settings
    archive_dir: Path
    ledger: FetchLedger
    archive: WarcArchive
    fetcher: Fetcher
    progress: ProgressCallback
    tally: Tally = field(default_factory=Tally)
    robots: dict[str, Robots] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)
    seen_lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.delay_s = self.settings.harvest_delay_s if self.request.delay_s is None else self.request.delay_s
        self.scheduler = HostScheduler(self.settings.harvest_hosts_parallel, self.host_delay_s)

    def run(self) -> None:
        for job in self._first_jobs():
            self.scheduler.add(job)
        self.scheduler.run(self.handle)

    def _first_jobs(self) -> list[Job]:
        jobs = []
        for kind, urls in (("feed", self.request.feeds), ("sitemap", self.request.sitemaps)):
            for url in urls:
                try:
                    jobs += self._new(Job(check_url(url, f"--{kind}"), kind))
                except InputError as error:
                    self._error(error)
        for path in self.request.url_files:
            for entry in read_url_file(Path(path)):
                if isinstance(entry, InputError):
                    self._error(entry)
                else:
                    jobs += self._new(Job(entry.url))
        return jobs

    def _new(self, job: Job) -> list[Job]:
        """The job unless its URL is already on its way this run (one list, many feeds)."""
        with self.seen_lock:  # feeds are read in several fetching threads at once
            if job.url in self.seen:
                return []
            self.seen.add(job.url)
            return [job]

    def _error(self, error: InputError) -> None:
        self.tally.errors.append(str(error))
        self.progress("error", str(error))

    def host_delay_s(self, host: str) -> float:
        robots = self.robots.get(host)
        return max(self.delay_s, robots.crawl_delay_s() if robots else 0.0)

    # --- one job -------------------------------------------------------------------------

    def handle(self, job: Job) -> Outcome:
        if job.host not in self.robots:
            self.robots[job.host], asked = self._load_robots(job.host)
            return Outcome(requested=asked, follow=(job,), retry_first=True)
        if not self.robots[job.host].allows(job.url):
            self._done(job, Fetch(job.url, "robots"))
            return Outcome(requested=False)
        if self.ledger.resumed and self.ledger.done_this_run(job.url):
            return Outcome(requested=False, follow=self._resumed(job))
        known = self.ledger.get(job.url)
        accept = PAGE_ACCEPT if job.kind == "page" else FEED_ACCEPT
        exchange = self.fetcher.get(job.url, _validators(known), accept=accept, html_only=job.kind == "page")
        return self._answered(job, exchange, known)

    def _load_robots(self, host: str) -> tuple[Robots, bool]:
        """The host's robots.txt, asked for conditionally like any page and archived too; and
        whether a request was sent."""
        url = f"{host}/robots.txt"
        known = self.ledger.get(url)
        if self.ledger.resumed and self.ledger.answered_this_run(url):  # the killed run read it
            status = 200 if known.status == 304 else known.status
            return robots_from(status, read_stored(self.archive_dir, known) or b""), False
        exchange = self.fetcher.get(url, _validators(known), accept="text/plain,*/*;q=0.1", robots=True)
        if exchange.status == 304 and (body := read_stored(self.archive_dir, known)) is not None:
            self._store(exchange, known)
            return robots_from(200, body), True
        if exchange.status is not None:
            self._store(exchange, known)
        return robots_from(exchange.status, _decoded(exchange)), True

    def _answered(self, job: Job, exchange: Exchange, known: Fetch | None) -> Outcome:
        if exchange.error is not None:
            self.ledger.record(Fetch(job.url, f"failed:{exchange.error}"))
            self._done(job, Fetch(job.url, f"failed:{exchange.error}"))
            return Outcome(requested=True)
        fetch = self._store(exchange, known)
        if exchange.status in RETRY_STATUSES:
            return Outcome(requested=True, follow=self._retry(job, exchange), retry_first=True)
        self._done(job, fetch)
        if fetch.outcome == "redirect":
            return Outcome(requested=True, follow=self._redirected(job, fetch.location))
        if job.kind != "page" and fetch.outcome in ("fetched", "unchanged"):
            body = _decoded(exchange) if fetch.outcome == "fetched" else read_stored(self.archive_dir, known)
            return Outcome(requested=True, follow=self._discovered(job, body))
        return Outcome(requested=True)

    def _store(self, exchange: Exchange, known: Fetch | None) -> Fetch:
        """Archive the answer, then tell the ledger: the order that makes a kill lose nothing."""
        outcome, location = outcome_of(exchange.url, exchange.status, exchange.header, exchange.truncated)
        validators = dict(etag=exchange.header("ETag"), last_modified=exchange.header("Last-Modified"))
        if outcome == "unchanged" and known is not None and known.digest:
            self.archive.write_revisit(exchange, known)
            fetch = Fetch(exchange.url, outcome, 304, **validators)
        elif outcome == "fetched":
            stored = self.archive.write(exchange)
            fetch = Fetch(exchange.url, outcome, 200, None, **validators, warc_file=stored.warc_file,
                          warc_offset=stored.offset, digest=stored.digest, stored_at=stored.date)
        else:  # validators of a non-HTML answer too: a rerun asks for it conditionally
            self.archive.write(exchange)
            kept = validators if outcome in ("not-html", "unchanged") else {}
            fetch = Fetch(exchange.url, outcome, exchange.status, location, **kept)
        self.ledger.record(fetch)
        return fetch

    def _done(self, job: Job, fetch: Fetch) -> None:
        if fetch.outcome == "robots":
            self.ledger.record(fetch)
        self.tally.add(fetch.outcome)
        self.progress(fetch.outcome, job.url)

    def _retry(self, job: Job, exchange: Exchange) -> tuple[Job, ...]:
        wait_s = _retry_wait_s(exchange, job.attempt, self.settings.fetch_backoff_s)
        if job.attempt >= self.settings.fetch_retries or wait_s > self.settings.retry_after_max_s:
            self._done(job, Fetch(job.url, f"failed:http-{exchange.status}"))
            return ()
        self.progress("retry", job.url)
        return (job.again(attempt=job.attempt + 1, not_before=time.monotonic() + wait_s),)

    def _redirected(self, job: Job, location: str) -> tuple[Job, ...]:
        if job.hops >= self.settings.redirects_max:
            self.tally.add("failed:too-many-redirects")
            return ()
        try:
            target = check_url(location, f"{job.url}: redirect")
        except InputError:
            self.tally.add("failed:bad-redirect")
            return ()
        return tuple(self._new(job.again(url=target, hops=job.hops + 1, via=job.via or job.url, attempt=0)))

    def _resumed(self, job: Job) -> tuple[Job, ...]:
        """A URL the killed run already stored: not fetched again, but followed as it was."""
        fetch = self.ledger.get(job.url)
        self.tally.add("resumed")
        self.progress("resumed", job.url)
        if fetch.outcome == "redirect" and fetch.location:
            return self._redirected(job, fetch.location)
        if job.kind != "page":
            return self._discovered(job, read_stored(self.archive_dir, fetch))
        return ()

    def _discovered(self, job: Job, body: bytes | None) -> tuple[Job, ...]:
        """A feed's or a sitemap's pages (and a sitemap index's sitemaps), newer than --since."""
        try:
            if body is None:
                raise InputError(f"{job.url}: its stored copy is missing from the archive")
            if job.kind == "feed":
                found = [(entry, "page") for entry in parse_feed(body, job.url)]
            else:
                links = parse_sitemap(body, job.url)
                found = [(e, "page") for e in links.pages] + [(e, "sitemap") for e in links.sitemaps]
        except InputError as error:
            self._error(error)
            return ()
        return tuple(j for entry, kind in found if self._recent(entry)
                     for j in self._new(Job(entry.url, kind, published=entry.published)))

    def _recent(self, entry: Entry) -> bool:
        since = self.request.since
        if since is None or entry.published is None or entry.published >= since:
            return True
        self.tally.add("older")
        return False


def _validators(known: Fetch | None) -> dict[str, str]:
    """Conditional headers for a URL whose copy is in the archive, or that was not HTML
    (its body is never downloaded, but asking again should cost no more than a 304)."""
    if known is None or not (known.warc_file or known.outcome == "not-html"):
        return {}
    return {"etag": known.etag or "", "last_modified": known.last_modified or ""}


def _retry_wait_s(exchange: Exchange, attempt: int, backoff_s: float) -> float:
    """Retry-After when the server gives it (seconds or an HTTP date), else backoff doubling."""
    given = (exchange.header("Retry-After") or "").strip()
    if given.isdigit():
        return float(given)
    if given:
        try:
            return max(0.0, parsedate_to_datetime(given).timestamp() - time.time())
        except (TypeError, ValueError):
            pass
    return backoff_s * (2 ** attempt)


def _decoded(exchange: Exchange) -> bytes:
    """The body without its transfer gzip (the archive keeps it as sent)."""
    if (exchange.header("Content-Encoding") or "").lower() not in ("gzip", "x-gzip"):
        return exchange.body
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(exchange.body, 50 * 1024 * 1024)
    except zlib.error:
        return b""
