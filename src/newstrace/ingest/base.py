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

# The records live in `newstrace.model` with every other record type (every stage may yield them); this module
# keeps the names where the readers have always imported them from.
from ..model import Failure, Skipped

__all__ = ["Failure", "Skipped"]
