"""Decide an input's format: by extension first, then by sniffing its first bytes.

Formats are ``html``, ``text``, ``warc``, ``jsonl``; compression (gzip) is told by its magic bytes, never by
the name alone, so a mislabelled ``.gz`` cannot fool the reader.

Example:
    >>> detect("a/b.htm", b"")
    ('html', 'extension .htm')
    >>> detect("-", b'{"id": "1", "text": "x"}\\n')
    ('jsonl', 'sniffed: JSON object line')
"""
from __future__ import annotations

import re

from .encoding import sniff_binary

FORMATS = ("html", "text", "warc", "jsonl")
GZIP_MAGIC = b"\x1f\x8b"
_EXT = {
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".warc": "warc", ".arc": "warc",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".txt": "text", ".text": "text",
}
_JSON_LINE = re.compile(rb'^\s*\{\s*("|\})')
_HTML_TAG = re.compile(
    rb"<\s*(!doctype\s+html|html|head|body|meta|title|div|p|article|section|span|a|table|script|link|br|h[1-6])[\s>/]",
    re.I,
)
# Sniff this far: enough for a doctype plus a head full of comments, small enough to be free.
SNIFF_BYTES = 4096


def by_extension(name: str) -> str | None:
    """The format named by a file's extension (``.gz`` looked through), or None."""
    low = name.lower()
    if low.endswith(".gz"):
        low = low[:-3]
    dot = low.rfind(".")
    return _EXT.get(low[dot:]) if dot >= 0 else None


def sniff(head: bytes) -> tuple[str, str]:
    """Guess the format of (decompressed) leading bytes; ``binary`` when they are not text."""
    if head.startswith(b"WARC/"):
        return "warc", "sniffed: WARC/ header"
    kind = sniff_binary(head)
    if kind:
        return "binary", f"sniffed: {kind}"
    if _JSON_LINE.match(head):
        return "jsonl", "sniffed: JSON object line"
    if _HTML_TAG.search(head[:SNIFF_BYTES]):
        return "html", "sniffed: HTML tag"
    return "text", "sniffed: plain text"


def detect(name: str | None, head: bytes) -> tuple[str, str]:
    """Return ``(format, reason)`` for an input named `name` whose first bytes are `head`.

    Args:
        name: the file name (or None / ``-`` for stdin).
        head: the first bytes, already decompressed when the input is gzip'd.

    Returns:
        One of `FORMATS` or ``"binary"``, and why.
    """
    if name and name != "-":
        fmt = by_extension(name)
        if fmt:
            ext = name.lower().removesuffix(".gz")
            return fmt, f"extension {ext[ext.rfind('.'):]}"
    return sniff(head)
