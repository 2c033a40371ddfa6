"""Byte streams for the readers: transparent gzip, a peekable head, bounded reads, and truncation that
turns into a coded error instead of an exception deep inside a parser.

Example:
    >>> import io, gzip
    >>> s = open_bytes(io.BytesIO(gzip.compress(b"hello")), name="x")
    >>> s.compressed, s.head[:5], read_all(s, limit=100, name="x")
    (True, b'hello', b'hello')
"""
from __future__ import annotations

import gzip
import io
import zlib
from dataclasses import dataclass, field
from typing import BinaryIO

from ..errors import InputError
from .detect import GZIP_MAGIC, SNIFF_BYTES

# Errors a (possibly truncated or corrupt) gzip stream raises while reading.
GZIP_ERRORS = (EOFError, gzip.BadGzipFile, zlib.error)


class GuardedReader(io.RawIOBase):
    """A forward-only raw stream that turns read errors into EOF and remembers them.

    fastwarc's Rust reader would otherwise abort on the first exception and drop records it had already
    buffered; with the guard it sees a clean end, yields what was complete, and the caller reports `error`.
    `read1` is used on the inner stream so data decompressed before a truncation point is never lost.
    """

    def __init__(self, inner: BinaryIO, head: bytes = b"") -> None:
        super().__init__()
        self._inner = inner
        self._head = head
        self.error: BaseException | None = None
        self.pos = 0

    def readable(self) -> bool:
        return True

    def unread(self, data: bytes) -> None:
        """Give back `data` (just read) so the next reads start with it."""
        self._head = data + self._head
        self.pos -= len(data)

    def seekable(self) -> bool:
        # fastwarc probes the position; forward no-op seeks are all it needs.
        return True

    def tell(self) -> int:
        return self.pos

    def seek(self, offset: int, whence: int = 0) -> int:
        target = offset if whence == 0 else self.pos + offset if whence == 1 else -1
        if target < self.pos:
            raise io.UnsupportedOperation("backward seek on a forward-only stream")
        while self.pos < target and self.read(min(target - self.pos, 1 << 16)):
            pass
        return self.pos

    def read(self, n: int | None = -1) -> bytes:
        if n is None or n < 0:
            chunks = []
            while chunk := self.read(1 << 20):
                chunks.append(chunk)
            return b"".join(chunks)
        if self._head:
            out, self._head = self._head[:n], self._head[n:]
            self.pos += len(out)
            return out
        if self.error is not None or n == 0:
            return b""
        try:
            read1 = getattr(self._inner, "read1", None)
            out = read1(n) if read1 else self._inner.read(n)
        except GZIP_ERRORS as e:
            self.error = e
            return b""
        except OSError as e:
            self.error = e
            return b""
        self.pos += len(out)
        return out

    def readinto(self, b: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.read(len(b))
        b[: len(data)] = data
        return len(data)


@dataclass(slots=True)
class ByteSource:
    """An opened input: `stream` yields the (decompressed) bytes from the start; `head` are its first bytes."""

    stream: GuardedReader
    head: bytes
    compressed: bool
    closers: list[BinaryIO] = field(default_factory=list)

    def close(self) -> None:
        for c in reversed(self.closers):
            try:
                c.close()
            except Exception:  # noqa: BLE001 - closing must never mask the real outcome
                pass


def open_bytes(raw: BinaryIO, *, name: str) -> ByteSource:
    """Wrap a binary stream: detect gzip by magic bytes and read a head for sniffing, without seeking.

    Raises:
        InputError: NT103 when the gzip header itself is corrupt.
    """
    first = raw.read(2)
    closers: list[BinaryIO] = [raw]
    if first == GZIP_MAGIC:
        inner: BinaryIO = gzip.GzipFile(fileobj=_Prefixed(first, raw), mode="rb")  # type: ignore[assignment]
        closers.append(inner)
        compressed = True
        prefix = b""
    else:
        inner, compressed, prefix = raw, False, first
    guard = GuardedReader(inner, prefix)
    head = _read_exact(guard, SNIFF_BYTES)
    if guard.error is not None and not head:
        raise InputError("NT103", f"{name}: corrupt or truncated gzip data ({guard.error})")
    guard.unread(head)
    return ByteSource(guard, head, compressed, closers)


def _read_exact(s: GuardedReader, n: int) -> bytes:
    parts, got = [], 0
    while got < n:
        chunk = s.read(n - got)
        if not chunk:
            break
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)


def read_all(src: ByteSource, *, limit: int, name: str) -> bytes:
    """Read the whole (decompressed) input, at most `limit` bytes.

    Raises:
        InputError: NT108 when it is larger than `limit`; NT103 when the compressed stream is truncated.
    """
    data = _read_exact(src.stream, limit + 1)
    if len(data) > limit:
        raise InputError("NT108", f"{name} is larger than max_bytes={limit}; raise the limit or split it")
    err = src.stream.error
    if err is not None:
        raise InputError("NT103", f"{name}: truncated or corrupt compressed data ({err})")
    return data


class _Prefixed(io.RawIOBase):
    """`prefix` followed by the rest of `raw` (to give back bytes consumed while sniffing)."""

    def __init__(self, prefix: bytes, raw: BinaryIO) -> None:
        super().__init__()
        self._prefix = prefix
        self._raw = raw

    def readable(self) -> bool:
        return True

    def readinto(self, b: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._prefix:
            n = min(len(b), len(self._prefix))
            b[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        data = self._raw.read(len(b))
        b[: len(data)] = data
        return len(data)
