"""Read one HTML document into a `Report` (``raw_kind="html"``); cleaning happens later, in a worker.

The reader only decodes: it never parses the tree, so a 50 MB page or 100k nested ``<div>`` costs one
decode here, and the time limit for parsing is the runner's (`newstrace.scale.local.run`).

Example:
    >>> r = report_from_html(b"<html><body><p>Hi</p></body></html>", id="a.html", source="a.html")
    >>> r.raw_kind, r.meta["encoding"]
    ('html', 'utf-8')
"""
from __future__ import annotations

from typing import Any

from ..errors import InputError
from ..model import Report, content_hash
from .encoding import decode


def report_from_html(
    data: bytes,
    *,
    id: str,
    source: str,
    url: str | None = None,
    outlet: str | None = None,
    declared_charset: str | None = None,
    meta: dict[str, Any] | None = None,
) -> Report:
    """Decode an HTML page into a report whose `raw` is the page and `raw_kind` is ``html``.

    Args:
        data: the page bytes.
        id: the report id; source: where it came from; url/outlet: when known (WARC, JSONL).
        declared_charset: charset from an HTTP header, honoured before ``<meta charset>``.
        meta: extra fields for `Report.meta` (e.g. ``crawl_date``).

    Returns:
        A `Report` with `raw`, `raw_kind`, `content_hash` and ``meta["encoding"]`` / ``meta["encoding_evidence"]``.

    Raises:
        InputError: NT106 empty page, NT101 binary, NT107 undetectable encoding.
    """
    if not data.strip():
        raise InputError("NT106", f"{source} is empty")
    dec = decode(data, kind="html", declared=declared_charset, name=source)
    return _report(id, source, "html", dec.text, url, outlet, meta, dec.encoding, dec.evidence, dec.repaired)


def _report(
    id: str, source: str, kind: str, raw: str, url: str | None, outlet: str | None,
    meta: dict[str, Any] | None, encoding: str, evidence: str, repaired: bool,
) -> Report:
    m = dict(meta or {})
    m.update(encoding=encoding, encoding_evidence=evidence)
    if repaired:
        m["mojibake_repaired"] = True
    return Report(
        id=id, raw=raw, raw_kind=kind, source=source, url=url, outlet=outlet, meta=m,
        content_hash=content_hash(kind, raw, id, url, outlet, None, None),
    )
