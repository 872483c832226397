"""Reading web archives: each HTML response record of a WARC file (ISO 28500; .warc, or
.warc.gz with one gzip member per record) becomes a RawDocument with the URL it was fetched
from and the time it was fetched.

warcio (the Webrecorder project's reader, which also reads what Browsertrix and the
Internet Archive write) parses the records and undoes chunking and gzip transfer. Records
that are not a complete 200 HTML response (requests, revisits, redirects, PDFs, records
marked WARC-Truncated) are not articles and are passed over without a message.
"""
from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from search.models import InputError, RawDocument

WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
DAMAGED = (ArchiveLoadFailed, EOFError, zlib.error, ValueError)  # what warcio raises on a damaged file


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def read_warc(file: Path, relative: str, max_record_bytes: int) -> Iterator[RawDocument | InputError]:
    """Every HTML response of one WARC file, in file order; a damaged file yields the records
    before the damage and then one error naming the file and the offset."""
    offset = end = 0
    try:
        with file.open("rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                document = _document(record, file, relative, max_record_bytes) if is_html_response(record) else None
                records.read_to_end(record)
                offset = records.get_record_offset()
                end = offset + records.get_record_length()
                if document is not None:
                    yield _placed(document, offset)
            size = file.stat().st_size
            cut = end < size and bool(tail_after(stream, end).strip())  # warcio stops quietly at a cut record
    except OSError as error:
        yield InputError(f"{file}: unreadable ({error.strerror or error})")
        return
    except DAMAGED as error:
        yield InputError(f"{file}: damaged WARC after offset {offset} ({error})")
        return
    if cut:
        yield InputError(f"{file}: damaged WARC after offset {end} ({size - end:,} bytes that are not a whole record)")


def tail_after(stream, end: int) -> bytes:
    """What follows the last whole record: blank lines, or the start of a cut one."""
    stream.seek(end)
    return stream.read(64)


def is_html_response(record: ArcWarcRecord) -> bool:
    """A complete 200 response whose body is HTML."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    if record.rec_headers.get_header("WARC-Truncated"):
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return record.http_headers.get_statuscode() == "200" and content_type.startswith(HTML_TYPES)


def _document(record: ArcWarcRecord, file: Path, relative: str,
              max_record_bytes: int) -> RawDocument | InputError:
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    body = record.content_stream().read(max_record_bytes + 1)
    if len(body) > max_record_bytes:
        return InputError(f"{file}: {url}: over-size response ({len(body):,}+ bytes; "
                          f"the limit is {max_record_bytes:,})")
    try:
        html = decode_html(body, _charset(record), f"{file}: {url}")
    except InputError as error:
        return error
    return RawDocument(origin=str(file), html=html, sidecar={"url": url} if url else {},
                       relative_path=relative, fetched=record.rec_headers.get_header("WARC-Date"))


def _placed(document: RawDocument | InputError, offset: int) -> RawDocument | InputError:
    """The record's offset names it in messages and, for a record without a URL, in its id."""
    if isinstance(document, InputError):
        return document
    return replace(document, origin=f"{document.origin}#{offset}",
                   relative_path=f"{document.relative_path}#{offset}")


def _charset(record: ArcWarcRecord) -> str | None:
    content_type = record.http_headers.get_header("Content-Type") or ""
    for part in content_type.split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.lower() == "charset" and value.strip('"\' '):
            return value.strip('"\' ')
    return None


def decode_html(body: bytes, charset: str | None, origin: str) -> str:
    """The charset the server declared when it decodes the body; else what readers detect."""
    from search.readers import decode_bytes  # readers imports this module
    if charset:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(body, origin)
