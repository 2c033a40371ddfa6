"""A server-side response cache for the web UI: whole GET responses, kept while the store stays the same.

Why it is safe: every page is a pure function of the store and the request. While ``newstrace serve`` holds the
store open, DuckDB's file lock keeps any other process from writing it, so the only writes are the server's own
dossier-cache rows. The cache still checks a cheap *token* of the store's state (the modification times of the
database file and its WAL, looked at no more than once per `recheck` seconds) and drops everything when it moves,
so a store changed under it is never served stale for longer than that.

Why it is needed: a story page renders a dossier of tens of kilobytes and every corpus call is serialised by one
lock (an embedded connection is not shared by threads), so under 50 concurrent clients the uncached server queues
(BENCHMARKS.md "web"). The browser is still told ``Cache-Control: no-store``: this cache lives in the server only.

Example:
    >>> calls = []
    >>> def app(environ, start):
    ...     calls.append(environ["PATH_INFO"])
    ...     start("200 OK", [("Content-Type", "text/plain")])
    ...     return [b"hi"]
    >>> cached = ResponseCache(app, token=lambda: 1)
    >>> env = {"REQUEST_METHOD": "GET", "PATH_INFO": "/", "QUERY_STRING": ""}
    >>> for _ in range(3):
    ...     body = b"".join(cached(env, lambda status, headers: None))
    >>> body, calls
    (b'hi', ['/'])
"""
from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

__all__ = ["ResponseCache", "store_token"]

StartResponse = Callable[[str, list[tuple[str, str]]], Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]

# A story page of a 50-report story is about 0.3 MB; 64 MB keeps a few hundred of the largest pages, and far more
# typical ones, at a small share of the memory the NLP stage alone takes at ingest.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024


def store_token(path: str | Path) -> Callable[[], object]:
    """A token of the store's state at `path`: the sizes and mtimes of the database file and its WAL."""
    files = [Path(path), Path(f"{path}.wal")]

    def token() -> object:
        out = []
        for f in files:
            try:
                st = os.stat(f)
                out.append((st.st_mtime_ns, st.st_size))
            except OSError:
                out.append(None)
        return tuple(out)

    return token


class ResponseCache:
    """WSGI middleware that remembers whole ``200`` GET responses, least recently used dropped first.

    Args:
        app: the WSGI application to wrap.
        token: returns something that changes whenever the store changes (`store_token`).
        max_bytes: upper bound on the bodies kept.
        recheck: seconds between two looks at the token.
    """

    def __init__(self, app: WSGIApp, *, token: Callable[[], object], max_bytes: int = DEFAULT_MAX_BYTES,
                 recheck: float = 1.0) -> None:
        self.app, self.token, self.max_bytes, self.recheck = app, token, max_bytes, recheck
        self._lock = threading.Lock()
        self._entries: OrderedDict[tuple[str, str, str], tuple[str, list[tuple[str, str]], bytes]] = OrderedDict()
        self._bytes = 0
        self._seen: object = token()
        self._checked = time.monotonic()
        self.hits = self.misses = 0

    def _validate(self) -> None:
        now = time.monotonic()
        if now - self._checked < self.recheck:
            return
        self._checked = now
        current = self.token()
        if current != self._seen:
            self._seen = current
            self._entries.clear()
            self._bytes = 0

    def __call__(self, environ: dict[str, Any], start: StartResponse) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD", "GET") != "GET":
            return self.app(environ, start)
        key = (environ.get("PATH_INFO") or "/", environ.get("QUERY_STRING") or "", environ.get("HTTP_HOST") or "")
        with self._lock:
            self._validate()
            hit = self._entries.get(key)
            if hit is not None:
                self._entries.move_to_end(key)
                self.hits += 1
        if hit is not None:
            start(hit[0], list(hit[1]))
            return [hit[2]]
        captured: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], *exc: Any) -> Any:
            captured["status"], captured["headers"] = status, headers
            return start(status, headers, *exc)

        body = b"".join(self.app(environ, capture))
        if captured.get("status", "").startswith("200") and len(body) <= self.max_bytes // 8:
            with self._lock:
                self.misses += 1
                old = self._entries.pop(key, None)
                if old is not None:
                    self._bytes -= len(old[2])
                self._entries[key] = (captured["status"], list(captured["headers"]), body)
                self._bytes += len(body)
                while self._bytes > self.max_bytes and self._entries:
                    _, (_, _, dropped) = self._entries.popitem(last=False)
                    self._bytes -= len(dropped)
        return [body]
