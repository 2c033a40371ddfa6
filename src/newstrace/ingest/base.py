"""What the reader yields besides reports: a coded `Failure` or a counted `Skipped`.

A bad input never raises out of `newstrace.ingest.read`; it becomes one of these records so the rest of the
batch goes on and the CLI can list every problem with its code.

Example:
    >>> from newstrace.errors import InputError
    >>> f = Failure("x.bin", "x.bin", InputError("NT101", "binary file: x.bin"))
    >>> f.code, f.to_json()["error"]["code"]
    ('NT101', 'NT101')
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import NewstraceError


@dataclass(slots=True, frozen=True)
class Failure:
    """An input (file, WARC record, JSONL line, or a stage run on a report) that could not be used.

    Args:
        source: where it came from (path as given, ``path#n`` for a WARC record, ``path:line`` for JSONL).
        id: the report id it would have had, when known.
        error: the coded error (``error.code`` is ``NT1xx`` for input, ``NT2xx`` for cleaning ...).
    """

    source: str
    id: str | None
    error: NewstraceError

    @property
    def code(self) -> str:
        """The ``NTnnn`` code of the error."""
        return self.error.code

    def to_json(self) -> dict[str, Any]:
        """``{"source", "id", "error": {"code", "message"}}``."""
        return {"source": self.source, "id": self.id, "error": self.error.to_json()}


@dataclass(slots=True, frozen=True)
class Skipped:
    """An input deliberately not read (e.g. a WARC ``request`` record), with the reason to count.

    `reason` starts with its code (``"NT110: warcinfo record"``) so summaries can group by it.
    """

    source: str
    id: str | None
    reason: str

    @property
    def code(self) -> str:
        """The ``NTnnn`` code the reason starts with."""
        return self.reason.split(":", 1)[0]

    def to_json(self) -> dict[str, Any]:
        """``{"source", "id", "skipped"}``."""
        return {"source": self.source, "id": self.id, "skipped": self.reason}
