"""Read one plain-text file into a `Report` (``raw_kind="raw_text"``: it may still carry page chrome, so the
cleaning stage removes menus and footers before `text` is set).

Example:
    >>> r = report_from_text("Ménu\\nLe président a parlé.".encode("cp1252"), id="x.txt", source="x.txt")
    >>> r.raw_kind, r.raw.splitlines()[0]
    ('raw_text', 'Ménu')
"""
from __future__ import annotations

from ..errors import InputError
from ..model import Report
from .encoding import decode
from .html import _report


def report_from_text(data: bytes, *, id: str, source: str) -> Report:
    """Decode a text file (charset detected, mojibake repaired) into a ``raw_text`` report.

    Raises:
        InputError: NT106 empty, NT101 binary, NT107 undetectable encoding.
    """
    if not data.strip():
        raise InputError("NT106", f"{source} is empty")
    dec = decode(data, kind="text", name=source)
    if not dec.text.strip():
        raise InputError("NT106", f"{source} has no text")
    return _report(id, source, "raw_text", dec.text, None, None, None, dec.encoding, dec.evidence, dec.repaired)
