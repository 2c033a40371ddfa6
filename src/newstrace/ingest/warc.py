"""Read WARC and WARC.gz files with fastwarc, streamed record by record.

Every record is numbered from 1 in file order (all record types count, so numbers are stable whatever is
kept). A ``response`` (or ``resource``) record whose payload is HTML becomes a report with id
``<file id>#<n>``; every other record is a `Skipped` with an NT110 reason (``warcinfo record``,
``HTTP 404``, ``Content-Type image/png``) so summaries can count them. ``WARC-Date`` is the crawl date and
goes to ``meta["crawl_date"]``, never to `published`.

Truncation: records complete before the cut still come through, then one NT103 (gzip) or NT102 (plain)
`Failure` names the cut record (or the file, when the cut falls between records). Decompression is Python's gzip (multi-member aware) behind a guard, so a cut
stream ends cleanly for fastwarc instead of aborting it.

Example:
    >>> import io
    >>> body = b"HTTP/1.1 200 OK\\r\\nContent-Type: text/html\\r\\n\\r\\n<p>Hi</p>"
    >>> rec = (b"WARC/1.0\\r\\nWARC-Type: response\\r\\nWARC-Target-URI: http://x.org/a\\r\\n"
    ...        b"WARC-Date: 2024-01-01T00:00:00Z\\r\\nContent-Length: %d\\r\\n\\r\\n" % len(body) + body + b"\\r\\n\\r\\n")
    >>> from newstrace.ingest.streams import open_bytes
    >>> [r.id for r in iter_warc(open_bytes(io.BytesIO(rec), name="w"), file_id="w.warc", name="w.warc",
    ...                          max_bytes=10**6)]
    ['w.warc#1']
"""
from __future__ import annotations

import zlib
from collections.abc import Iterator
from urllib.parse import urlsplit

from ..errors import InputError, NewstraceError
from ..model import Report
from .base import Failure, Skipped
from .html import report_from_html
from .streams import ByteSource

HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xml+html")
_KEEP = ("response", "resource")


def iter_warc(src: ByteSource, *, file_id: str, name: str, max_bytes: int) -> Iterator[Report | Failure | Skipped]:
    """Yield a `Report`, `Skipped` or `Failure` per WARC record of `src`, then a file-level failure if cut.

    Args:
        src: the opened (decompressing) byte source.
        file_id: id of the WARC file; records get ``file_id#n``.
        name: the file's name, for `Report.source` (``name#n``) and messages.
        max_bytes: largest record block accepted (NT108 beyond it, read past without loading).
    """
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    n = 0
    last: Report | Failure | Skipped | None = None
    try:
        it = ArchiveIterator(
            src.stream, record_types=WarcRecordType.any_type, parse_http=False, fsspec_args=False,
            stream_detect=False, auto_decode="none",
        )
        for rec in it:
            n += 1
            last = _record(rec, n, file_id=file_id, name=name, max_bytes=max_bytes, compressed=src.compressed)
            yield last
    except OSError as e:
        what = "not a WARC file" if n == 0 else f"broken WARC record after record {n}"
        yield Failure(name, file_id, InputError("NT102", f"{name}: {what} ({e})"))
        return
    if src.stream.error is not None and not (isinstance(last, Failure) and "record cut" in last.error.message):
        code = "NT103" if src.compressed else "NT102"
        msg = f"{name}: truncated or corrupt after record {n} ({src.stream.error}); records before it were read"
        yield Failure(name, file_id, InputError(code, msg))


def _record(rec: object, n: int, *, file_id: str, name: str, max_bytes: int,
            compressed: bool) -> Report | Failure | Skipped:
    rid, where = f"{file_id}#{n}", f"{name}#{n}"
    headers = rec.headers  # type: ignore[attr-defined]
    rtype = str(headers.get("WARC-Type") or "").lower()
    if rtype not in _KEEP:
        return Skipped(where, rid, f"NT110: {rtype or 'untyped'} record")
    declared_len = headers.get("Content-Length")
    if declared_len is None or not declared_len.strip().isdigit():
        return Failure(where, rid, InputError("NT102", f"{where}: record header cut or without Content-Length"))
    length = int(declared_len)
    if length > max_bytes:
        return Failure(where, rid, InputError("NT108", f"{where}: record of {length} bytes > max_bytes={max_bytes}"))
    block = rec.reader.read(length + 1)  # type: ignore[attr-defined]
    if len(block) < length:
        code = "NT103" if compressed else "NT102"
        msg = f"{where}: record cut after {len(block)} of {length} bytes (file truncated); records before it were read"
        return Failure(where, rid, InputError(code, msg))
    uri = (headers.get("WARC-Target-URI") or "").strip("<> ") or None
    meta = {"crawl_date": headers.get("WARC-Date"), "warc_record_id": headers.get("WARC-Record-ID"),
            "warc_type": rtype}
    ctype = (headers.get("Content-Type") or "").lower()
    charset = None
    try:
        if rtype == "response" and "application/http" in ctype:
            status, http, body = parse_http(block)
            meta["http_status"] = status
            if not 200 <= status < 300:
                return Skipped(where, rid, f"NT110: HTTP {status}")
            ctype = http.get("content-type", "").lower()
            body = decode_body(body, http, where, max_bytes)
        else:
            body = block
        if not any(t in ctype for t in HTML_TYPES):
            return Skipped(where, rid, f"NT110: Content-Type {ctype.split(';')[0].strip() or 'missing'}")
        charset = _charset(ctype)
        # The host enters the content hash (as it always has, so re-ingesting a crawl stays a no-op) but is
        # not the outlet: the page's own site name ("Gulf Observer", og:site_name) comes first, and the
        # cleaner falls back to the host only when the page names no site.
        report = report_from_html(body, id=rid, source=where, url=uri, outlet=_host(uri), declared_charset=charset,
                                  meta=meta)
        report.outlet = None
        return report
    except NewstraceError as e:
        return Failure(where, rid, e)


def _charset(ctype: str) -> str | None:
    for part in ctype.split(";")[1:]:
        k, _, v = part.partition("=")
        if k.strip() == "charset" and v.strip():
            return v.strip().strip("\"'")
    return None


def _host(uri: str | None) -> str | None:
    if not uri:
        return None
    host = (urlsplit(uri).hostname or "").lower()
    return host.removeprefix("www.") or None


def parse_http(block: bytes) -> tuple[int, dict[str, str], bytes]:
    """Split an HTTP response into status, lower-cased headers and body.

    Raises:
        InputError: NT102 when the status line or header block is malformed.

    Example:
        >>> parse_http(b"HTTP/1.1 200 OK\\r\\nContent-Type: text/html\\r\\n\\r\\nbody")
        (200, {'content-type': 'text/html'}, b'body')
    """
    head, sep, body = block.partition(b"\r\n\r\n")
    if not sep:
        head, sep, body = block.partition(b"\n\n")
    lines = head.decode("latin-1").splitlines()
    if not sep or not lines or not lines[0].startswith("HTTP/"):
        raise InputError("NT102", "response record without a valid HTTP header")
    parts = lines[0].split(None, 2)
    if len(parts) < 2 or not parts[1].isdigit():
        raise InputError("NT102", f"bad HTTP status line {lines[0][:80]!r}")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        k, colon, v = line.partition(":")
        if colon:
            headers[k.strip().lower()] = v.strip()
    return int(parts[1]), headers, body


def decode_body(body: bytes, headers: dict[str, str], where: str, max_bytes: int) -> bytes:
    """Undo ``Transfer-Encoding: chunked`` and ``Content-Encoding: gzip/deflate`` (bounded by `max_bytes`).

    Raises:
        InputError: NT109 for an encoding we cannot undo, NT103 for a corrupt compressed body, NT108 if the
            decompressed body exceeds `max_bytes`.
    """
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = _dechunk(body)
    enc = headers.get("content-encoding", "").lower().strip()
    if enc in ("", "identity", "none"):
        return body
    if enc not in ("gzip", "x-gzip", "deflate"):
        raise InputError("NT109", f"{where}: unsupported Content-Encoding {enc!r}")
    wbits = 47 if enc != "deflate" else zlib.MAX_WBITS  # 47 = auto-detect gzip/zlib header
    try:
        d = zlib.decompressobj(wbits)
        out = d.decompress(body, max_bytes + 1)
    except zlib.error:
        try:
            out = zlib.decompressobj(-zlib.MAX_WBITS).decompress(body, max_bytes + 1)  # raw deflate
        except zlib.error as e:
            raise InputError("NT103", f"{where}: corrupt {enc} body ({e})") from None
    if len(out) > max_bytes:
        raise InputError("NT108", f"{where}: decompressed body larger than max_bytes={max_bytes}")
    return out


def _dechunk(body: bytes) -> bytes:
    out, pos = [], 0
    while pos < len(body):
        nl = body.find(b"\r\n", pos)
        if nl < 0:
            break
        size_s = body[pos:nl].split(b";")[0].strip()
        try:
            size = int(size_s, 16)
        except ValueError:
            # Not actually chunked (crawlers often keep the header after de-chunking): use as is.
            return body if not out else b"".join(out)
        if size == 0:
            break
        out.append(body[nl + 2 : nl + 2 + size])
        pos = nl + 2 + size + 2
    return b"".join(out)
