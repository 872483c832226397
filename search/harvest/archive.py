"""Writing the archive: every response, before it is cleaned, as WARC records (ISO 28500,
WARC/1.1, one gzip member per record) with the request that asked for it.

warcio (Webrecorder) builds the records, their digests and the gzip members. A 304 is kept
as a revisit record (profile server-not-modified) pointing at the stored copy. A body that
was not downloaded (over the size limit, or not HTML) is kept as a response record marked
WARC-Truncated, so that the archive shows everything the harvest saw.

Each pair is flushed and fsynced before the ledger records it, so a killed harvest leaves at worst one
cut record at the end of its last file, or records the ledger does not know yet:
`recover` cuts the former and teaches the ledger the latter.
"""
from __future__ import annotations

import io
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.recordbuilder import RecordBuilder
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from search.harvest.fetching import Exchange
from search.harvest.ledger import Fetch, FetchLedger
from search.warc import DAMAGED, tail_after

WARC_FOLDER = "warc"
NOT_MODIFIED_PROFILE = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"
SOFTWARE = "defection-search"


@dataclass(frozen=True)
class Stored:
    warc_file: str  # relative to the archive folder
    offset: int
    digest: str
    date: str


class WarcArchive:
    """The WARC files of one run, `warc/<start>-run<N>-<seq>.warc.gz`, rotated at a size."""

    def __init__(self, archive_dir: Path, ledger: FetchLedger, user_agent: str, max_file_bytes: int) -> None:
        self.dir, self.ledger, self.user_agent = archive_dir, ledger, user_agent
        self.max_file_bytes = max_file_bytes
        self._stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        self._lock = threading.Lock()
        self._handle: io.BufferedWriter | None = None
        self._name, self._sequence = "", 0
        self._writer: WARCWriter | None = None
        self._records = RecordBuilder(warc_version="1.1")

    def write(self, exchange: Exchange) -> Stored:
        """The response and its request; the place and digest of the response record."""
        response = self._response_record(exchange)
        return self._write_pair(exchange, response)

    def write_revisit(self, exchange: Exchange, stored: Fetch) -> Stored:
        """A 304: a revisit record naming the copy it confirms, and its request."""
        revisit = self._records.create_revisit_record(
            exchange.url, stored.digest, exchange.url, stored.stored_at,
            http_headers=_status_and_headers(exchange), warc_headers_dict={"WARC-Date": exchange.date})
        revisit.rec_headers.replace_header("WARC-Profile", NOT_MODIFIED_PROFILE)
        return self._write_pair(exchange, revisit)

    def _write_pair(self, exchange: Exchange, response) -> Stored:
        with self._lock:
            writer = self._current_writer()
            request = self._records.create_warc_record(
                exchange.url, "request", http_headers=_request_headers(exchange),
                warc_headers_dict={"WARC-Date": exchange.date})
            offset = self._handle.tell()
            writer.write_request_response_pair(request, response)
            self._handle.flush()  # on disk before the ledger hears of it: neither a kill nor a
            os.fsync(self._handle.fileno())  # power loss leaves the ledger naming a lost record
            return Stored(self._name, offset, response.rec_headers.get_header("WARC-Payload-Digest") or "",
                          exchange.date)

    def _response_record(self, exchange: Exchange):
        headers = {"WARC-Date": exchange.date}
        if exchange.truncated:
            headers["WARC-Truncated"] = exchange.truncated
        return self._records.create_warc_record(
            exchange.url, "response", payload=io.BytesIO(exchange.body), length=len(exchange.body),
            http_headers=_status_and_headers(exchange), warc_headers_dict=headers)

    def _current_writer(self) -> WARCWriter:
        if self._handle is None or self._handle.tell() >= self.max_file_bytes:
            self._open_next()
        return self._writer

    def _open_next(self) -> None:
        if self._handle is not None:
            self._handle.close()
        self._name = f"{WARC_FOLDER}/{self._stamp}-run{self.ledger.run}-{self._sequence:03d}.warc.gz"
        self._sequence += 1
        (self.dir / WARC_FOLDER).mkdir(parents=True, exist_ok=True)
        self.ledger.add_warc_file(self._name)  # listed before written, so a kill cannot orphan it
        self._handle = (self.dir / self._name).open("ab")
        self._writer = WARCWriter(self._handle, gzip=True, warc_version="1.1")
        self._writer.write_record(self._writer.create_warcinfo_record(self._name, {
            "software": SOFTWARE, "format": "WARC File Format 1.1",
            "http-header-user-agent": self.user_agent, "robots": "obey"}))
        self._handle.flush()

    def close(self) -> None:
        with self._lock:
            if self._handle is not None:
                self._handle.close()
                self._handle = None


def _status_and_headers(exchange: Exchange) -> StatusAndHeaders:
    return StatusAndHeaders(f"{exchange.status} {exchange.reason}".strip(), list(exchange.headers),
                            protocol=exchange.version)


def _request_headers(exchange: Exchange) -> StatusAndHeaders:
    parts = urlsplit(exchange.url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return StatusAndHeaders(f"GET {target} HTTP/1.1", list(exchange.request_headers),
                            protocol="", is_http_request=True)


def read_stored(archive_dir: Path, fetch: Fetch) -> bytes | None:
    """The body of a URL's stored copy (a feed or robots.txt answered 304), undecoded of
    transfer gzip; None when the ledger has no copy or the file lost it."""
    if not fetch.warc_file or fetch.warc_offset is None:
        return None
    try:
        with (archive_dir / fetch.warc_file).open("rb") as stream:
            stream.seek(fetch.warc_offset)
            record = next(iter(ArchiveIterator(stream)))
            return record.content_stream().read()
    except (OSError, StopIteration, *DAMAGED):
        return None


def recover(archive_dir: Path, ledger: FetchLedger, learn: Callable[[str, int, object], None]) -> int:
    """After a kill: cut each of the resumed run's files after its last whole record, and
    hand every response record the ledger lacks to `learn(file, offset, record)`. Returns
    the number of records learned."""
    learned = 0
    for name in ledger.warc_files(run=ledger.run):
        path = archive_dir / name
        if path.exists():
            learned += _recover_file(path, name, ledger, learn)
    return learned


def _recover_file(path: Path, name: str, ledger: FetchLedger, learn) -> int:
    whole_up_to, learned = 0, 0
    try:
        with path.open("rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                kind = record.rec_type
                records.read_to_end(record)
                offset = records.get_record_offset()
                whole_up_to = offset + records.get_record_length()
                if kind in ("response", "revisit") and not ledger.is_recorded_at(name, offset):
                    learn(name, offset, record)
                    learned += 1
    except DAMAGED:
        pass
    if whole_up_to < path.stat().st_size:
        with path.open("r+b") as handle:
            if tail_after(handle, whole_up_to).strip():  # not just the blank lines after a record
                handle.truncate(whole_up_to)
    return learned
