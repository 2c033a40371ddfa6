"""Read news pages from files, directories, globs, stdin, WARC(.gz) and JSON Lines(.gz) into `Report`s.

`read` streams: files are opened one at a time, WARC and JSONL record by record; a directory walk is lazy.
Every bad input becomes a coded `Failure` (``NT1xx``) or a counted `Skipped` and the batch goes on.

Report ids:

================================  =========================================================
input                             id
================================  =========================================================
``x.txt`` (a file argument)       ``x.txt`` (the path exactly as given)
``pages/`` (a directory)          ``a/b.html`` for ``pages/a/b.html`` (relative to the dir)
``pages/*/b.html`` (a glob)       ``a/b.html`` (relative to the glob's fixed prefix dir)
``crawl.warc.gz`` (WARC)          ``crawl.warc.gz#3`` (the file's id + ``#`` record number,
                                  from 1, counting every record in the file)
JSON Lines record                 its ``id``; without one ``<file id>#<line>`` (1-based)
``-`` (stdin), HTML or text       ``-``
``-`` (stdin), JSON Lines         the record's ``id``; without one ``stdin#<line>``
``-`` (stdin), WARC               ``-#<record number>``
================================  =========================================================

Example:
    >>> import io
    >>> out = list(read(["-"], stdin=io.BytesIO(b"<html><body><p>Hello</p></body></html>")))
    >>> out[0].id, out[0].raw_kind
    ('-', 'html')
"""
from __future__ import annotations

import stat
import sys
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from ..errors import InputError, NewstraceError
from ..model import Report
from ..settings import Settings
from .base import Failure, Skipped
from .detect import FORMATS, SNIFF_BYTES, detect
from .html import report_from_html
from .jsonl import iter_jsonl
from .paths import Source, expand
from .streams import ByteSource, open_bytes, read_all
from .text import report_from_text
from .warc import iter_warc

__all__ = ["read", "read_source", "Failure", "Skipped", "FORMATS"]


def read(
    paths: Sequence[str],
    *,
    format: str = "auto",
    settings: Settings | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Report | Failure | Skipped]:
    """Stream reports (and coded failures / skips) from files, directories, globs, ``-``, WARC and JSONL.

    Args:
        paths: inputs; ``-`` reads `stdin` (default: the process's binary standard input).
        format: ``auto`` (by extension: .html/.htm/.warc/.warc.gz/.jsonl/.jsonl.gz/.txt, then by sniffing
            the content) or ``html`` | ``text`` | ``warc`` | ``jsonl`` to force it for every input.
        settings: limits (``max_bytes``); defaults to `Settings()`.
        stdin: the stream ``-`` reads.

    Returns:
        An iterator of `Report` (``raw_kind`` html / raw_text / text), `Failure` and `Skipped`.

    Raises:
        InputError: NT109 only for an unknown `format` (a usage error, before anything is read).

    Example:
        >>> [type(x).__name__ for x in read(["no/such/file.html"])]
        ['Failure']
    """
    if format not in ("auto", *FORMATS):
        raise InputError("NT109", f"unknown format {format!r}; use auto, {', '.join(FORMATS)}")
    settings = settings or Settings()
    if isinstance(paths, (str, bytes)):  # read("x.html") means one path, not its characters
        paths = [paths.decode() if isinstance(paths, bytes) else paths]
    for src in expand(paths):
        if isinstance(src, Failure):
            yield src
            continue
        yield from read_source(src, format=format, max_bytes=settings.max_bytes, stdin=stdin)


def read_source(
    src: Source, *, format: str = "auto", max_bytes: int, stdin: BinaryIO | None = None
) -> Iterator[Report | Failure | Skipped]:
    """Read one expanded input; never raises for bad content (it yields a `Failure` instead)."""
    name = src.name
    opened: ByteSource | None = None
    raw: BinaryIO | None = None
    try:
        if src.path is None:
            raw = stdin if stdin is not None else sys.stdin.buffer
        else:
            # A stat before opening: refuse an oversized plain file without reading it, and never open a
            # FIFO or device met in a directory walk (reading one could block forever).
            st = src.path.stat()
            if not stat.S_ISREG(st.st_mode):
                raise InputError("NT109", f"{name} is not a regular file")
            if st.st_size == 0:
                raise InputError("NT106", f"{name} is empty")
            fmt_hint = format if format != "auto" else None
            if st.st_size > max_bytes and fmt_hint not in ("warc", "jsonl") and not _streamable(name):
                raise InputError("NT108", f"{name} is {st.st_size} bytes > max_bytes={max_bytes}; raise the limit")
            raw = open(src.path, "rb")  # noqa: SIM115 - closed below
        opened = open_bytes(raw, name=name)
        if not opened.head.strip() and len(opened.head) < SNIFF_BYTES:  # the whole input is blank
            if opened.stream.error is not None:
                raise InputError("NT103", f"{name}: truncated or corrupt compressed data")
            raise InputError("NT106", f"{name} is empty")
        fmt, _why = (format, "forced") if format != "auto" else detect(None if src.path is None else name, opened.head)
        if fmt == "binary":
            raise InputError("NT101", f"{name} is binary ({_why}), not a page; remove it from the input")
        if fmt == "warc":
            yield from iter_warc(opened, file_id=src.id, name=name, max_bytes=max_bytes)
        elif fmt == "jsonl":
            yield from _jsonl(opened, src, name, max_bytes)
        else:
            data = read_all(opened, limit=max_bytes, name=name)
            if fmt == "html":
                yield report_from_html(data, id=src.id, source=name)
            else:
                yield report_from_text(data, id=src.id, source=name)
    except NewstraceError as e:
        yield Failure(name, src.id, e)
    except (OSError, ValueError, MemoryError, RecursionError) as e:
        # Unreadable file (permissions, device, directory race) or a library refusing the bytes.
        yield Failure(name, src.id, InputError("NT101", f"{name} could not be read: {type(e).__name__}: {e}"))
    finally:
        if opened is not None and src.path is not None:
            opened.close()
        elif raw is not None and src.path is not None:
            raw.close()


def _streamable(name: str) -> bool:
    low = name.lower().removesuffix(".gz")
    return low.endswith((".warc", ".arc", ".jsonl", ".ndjson"))


def _jsonl(opened: ByteSource, src: Source, name: str, max_bytes: int) -> Iterator[Report | Failure]:
    import io

    reader = io.BufferedReader(opened.stream, buffer_size=1 << 16)
    held: Report | Failure | None = None
    for item in iter_jsonl(reader, file_id=src.id, name=name, max_bytes=max_bytes):
        if held is not None:
            yield held
        held = item
    if opened.stream.error is None:
        if held is not None:
            yield held
        return
    where = "after the last complete line"
    if isinstance(held, Failure) and held.code == "NT104":
        where = f"in line {held.source.rsplit(':', 1)[-1]}"  # the cut line is not a JSON error of its own
    elif held is not None:
        yield held
    yield Failure(name, src.id, InputError("NT103", f"{name}: truncated or corrupt compressed data {where} "
                                                    f"({opened.stream.error}); the lines before it were read"))
