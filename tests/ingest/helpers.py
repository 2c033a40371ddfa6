"""Test helpers: real aeb pages and WARC files built from them by hand (WARC/1.0, gzip'd per record or not)."""
from __future__ import annotations

import gzip
import itertools
import json
from pathlib import Path

from tests.conftest import DATA

AEB = DATA / "aeb" / "aeb.jsonl.gz"


def aeb_pages(n: int) -> list[dict]:
    """The first `n` aeb records (id, url, html, articleBody), streamed so the 6.5 MB file is not loaded whole."""
    with gzip.open(AEB, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in itertools.islice(f, n)]


def warc_record(n: int, *, rtype: str, uri: str | None, body: bytes, content_type: str,
                date: str = "2024-05-01T10:00:00Z") -> bytes:
    head = [
        "WARC/1.0",
        f"WARC-Type: {rtype}",
        f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{n:012d}>",
        f"WARC-Date: {date}",
    ]
    if uri:
        head.append(f"WARC-Target-URI: {uri}")
    head += [f"Content-Type: {content_type}", f"Content-Length: {len(body)}"]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body + b"\r\n\r\n"


def http_response(html: bytes, *, status: str = "200 OK", ctype: str = "text/html; charset=utf-8",
                  gzip_body: bool = False, chunked: bool = False) -> bytes:
    headers = [f"HTTP/1.1 {status}", f"Content-Type: {ctype}"]
    body = html
    if gzip_body:
        body = gzip.compress(body)
        headers.append("Content-Encoding: gzip")
    if chunked:
        half = len(body) // 2
        parts = [body[:half], body[half:]]
        body = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in parts) + b"0\r\n\r\n"
        headers.append("Transfer-Encoding: chunked")
    return ("\r\n".join(headers) + "\r\n\r\n").encode() + body


def build_warc(path: Path, pages: list[dict], *, gz: bool, extras: bool = True) -> list[bytes]:
    """Write a WARC of `pages`: a warcinfo record, then request+response per page (and a PNG response and a 404
    when `extras`). Returns the raw records, in order, so tests can cut the file at a record boundary."""
    recs = [warc_record(1, rtype="warcinfo", uri=None, body=b"software: newstrace-tests\r\n",
                        content_type="application/warc-fields")]
    for p in pages:
        n = len(recs) + 1
        req = f"GET / HTTP/1.1\r\nHost: {p['url'].split('/')[2]}\r\n\r\n".encode()
        recs.append(warc_record(n, rtype="request", uri=p["url"], body=req, content_type="application/http; msgtype=request"))
        recs.append(warc_record(n + 1, rtype="response", uri=p["url"], body=http_response(p["html"].encode("utf-8")),
                                content_type="application/http; msgtype=response"))
    if extras:
        png = http_response(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, ctype="image/png")
        recs.append(warc_record(len(recs) + 1, rtype="response", uri="https://example.org/logo.png", body=png,
                                content_type="application/http; msgtype=response"))
        gone = http_response(b"<html><body>Not found</body></html>", status="404 Not Found")
        recs.append(warc_record(len(recs) + 1, rtype="response", uri="https://example.org/gone", body=gone,
                                content_type="application/http; msgtype=response"))
    with open(path, "wb") as f:
        for r in recs:
            f.write(gzip.compress(r) if gz else r)
    return recs
