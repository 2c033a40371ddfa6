"""Build examples/corpus/crawl.warc.gz from the HTML pages in examples/warc_src/.

The WARC mimics a small crawl: a ``warcinfo`` record, two HTTP ``response`` records carrying HTML news pages and,
between them, a ``response`` record carrying a JPEG (a non-HTML record that ingest must skip).  Each record is its
own gzip member, as crawlers write them, so readers can seek record by record.

Record numbers (used in report ids, ``crawl.warc.gz#<n>``) count every record from 1 in file order, including the
warcinfo record and skipped records:

    #1 warcinfo   #2 response text/html (Gulf Observer)   #3 response image/jpeg   #4 response text/html (Coast Weekly)

The output is byte-for-byte reproducible (fixed dates, name-based record ids, gzip mtime 0), so re-running this
script never makes ingest see a "changed" file.

Usage:
    python examples/make_warc.py            # writes examples/corpus/crawl.warc.gz
    python examples/make_warc.py OUT.warc.gz
"""
from __future__ import annotations

import base64
import gzip
import hashlib
import sys
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "warc_src"
DEFAULT_OUT = HERE / "corpus" / "crawl.warc.gz"

# (kind, target URI, fetch date, source file or None, content type)
PAGES: list[tuple[str, str, str, str | None, str]] = [
    ("response", "https://gulfobserver.example/region/dam-contract-awarded-without-tender-report-says",
     "2026-11-22T05:12:09Z", "gulf-observer.html", "text/html; charset=utf-8"),
    ("response", "https://gulfobserver.example/img/2026/11/dam-site-thumb.jpg",
     "2026-11-22T05:12:10Z", None, "image/jpeg"),
    ("response", "https://coastweekly.example/news/ferry-pier-inquiry",
     "2026-11-22T05:13:41Z", "coast-weekly.html", "text/html; charset=utf-8"),
]

# A tiny but well-formed JPEG (SOI, JFIF APP0, EOI): enough for a content sniffer to call it an image.
TINY_JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9")


def _digest(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def _record(kind: str, uri: str | None, date: str, block: bytes, content_type: str, payload: bytes | None) -> bytes:
    rid = uuid.uuid5(uuid.NAMESPACE_URL, f"{kind}:{uri}:{date}")
    headers = [
        "WARC/1.0",
        f"WARC-Type: {kind}",
        f"WARC-Record-ID: <urn:uuid:{rid}>",
        f"WARC-Date: {date}",
    ]
    if uri:
        headers.append(f"WARC-Target-URI: {uri}")
    headers.append(f"Content-Type: {content_type}")
    headers.append(f"WARC-Block-Digest: {_digest(block)}")
    if payload is not None:
        headers.append(f"WARC-Payload-Digest: {_digest(payload)}")
    headers.append(f"Content-Length: {len(block)}")
    raw = ("\r\n".join(headers) + "\r\n\r\n").encode("utf-8") + block + b"\r\n\r\n"
    return gzip.compress(raw, mtime=0)


def _http_response(body: bytes, content_type: str) -> bytes:
    head = (
        "HTTP/1.1 200 OK\r\n"
        f"Content-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\n"
        "Server: nginx\r\n"
        "\r\n"
    )
    return head.encode("ascii") + body


def build(out: Path = DEFAULT_OUT) -> Path:
    """Write the example WARC to `out` and return its path."""
    info = (
        "software: newstrace examples/make_warc.py\r\n"
        "format: WARC File Format 1.0\r\n"
        "description: Example crawl for the newstrace demo corpus (fictional pages)\r\n"
    ).encode("utf-8")
    parts = [_record("warcinfo", None, "2026-11-22T05:12:00Z", info, "application/warc-fields", None)]
    for kind, uri, date, src, ctype in PAGES:
        body = (SRC / src).read_bytes() if src else TINY_JPEG
        block = _http_response(body, ctype)
        parts.append(_record(kind, uri, date, block, "application/http; msgtype=response", body))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(b"".join(parts))
    return out


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT))
