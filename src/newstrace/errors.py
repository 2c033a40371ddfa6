"""Coded, searchable errors.

Every error newstrace reports carries a code a user can search for: ``NT1xx`` input, ``NT2xx`` cleaning,
``NT3xx`` NLP, ``NT4xx`` store, ``NT5xx`` web/report. A per-report error is recorded and counted, and
never stops the batch.

Example:
    >>> str(NewstraceError("NT102", "not a WARC file: x.warc"))
    'NT102: not a WARC file: x.warc'
"""
from __future__ import annotations

CODES: dict[str, str] = {
    "NT100": "input not found",
    "NT101": "binary or unreadable file",
    "NT102": "not a WARC file or a broken WARC record",
    "NT103": "truncated or corrupt compressed file",
    "NT104": "JSON Lines record is not valid JSON",
    "NT105": "JSON Lines record lacks a required field or has conflicting fields",
    "NT106": "empty input",
    "NT107": "text encoding could not be detected",
    "NT108": "input too large",
    "NT109": "unsupported format",
    "NT110": "WARC record skipped (not an HTML response)",
    "NT201": "no article text found",
    "NT202": "cleaning took longer than the per-document limit",
    "NT203": "HTML could not be parsed",
    "NT301": "NLP stage failed on this report",
    "NT302": "language not supported by the NLP pipeline",
    "NT303": "NLP took longer than the per-document limit",
    "NT401": "store could not be opened",
    "NT402": "store schema is newer than this newstrace",
    "NT403": "no such story or report",
    "NT404": "store is locked by another process",
    "NT405": "a story's entities could not be resolved (left out of the store view)",
    "NT406": "a story's trace (compare and provenance) could not be built; its last stored trace stays",
    "NT501": "unknown output format",
    "NT502": "web server could not start",
    "NT503": "output could not be written",
    "NT504": "web request refused: Host is not a loopback address",
}


class NewstraceError(Exception):
    """An error with a code from `CODES` and a message that says what to do.

    Args:
        code: an ``NTnnn`` code.
        message: what went wrong, naming the input.
    """

    def __init__(self, code: str, message: str) -> None:
        if code not in CODES:
            raise ValueError(f"unknown error code {code}")
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


class InputError(NewstraceError):
    """NT1xx: a file or record could not be read."""


class CleanError(NewstraceError):
    """NT2xx: cleaning failed."""


class NLPError(NewstraceError):
    """NT3xx: the NLP stage failed."""


class StoreError(NewstraceError):
    """NT4xx: the store failed."""
