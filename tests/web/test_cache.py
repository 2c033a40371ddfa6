"""The server-side response cache: hits, store changes, non-200 and non-GET pass-through, the byte bound."""
from __future__ import annotations

from newstrace.web.cache import ResponseCache, store_token


def _app(calls: list[str], status: str = "200 OK", size: int = 2):
    def app(environ, start):
        calls.append(environ["PATH_INFO"])
        start(status, [("Content-Type", "text/plain")])
        return [b"x" * size]
    return app


def _get(app, path: str = "/", method: str = "GET", host: str = "127.0.0.1:1") -> tuple[str, bytes]:
    seen: dict[str, str] = {}
    body = b"".join(app({"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": "", "HTTP_HOST": host},
                        lambda status, headers, *exc: seen.setdefault("status", status)))
    return seen["status"], body


def test_second_get_is_served_from_the_cache():
    calls: list[str] = []
    app = ResponseCache(_app(calls), token=lambda: 1)
    assert _get(app) == _get(app) == ("200 OK", b"xx")
    assert calls == ["/"] and app.hits == 1


def test_a_changed_store_drops_the_cache():
    calls: list[str] = []
    state = {"v": 1}
    app = ResponseCache(_app(calls), token=lambda: state["v"], recheck=0)
    _get(app)
    state["v"] = 2
    _get(app)
    assert calls == ["/", "/"]


def test_errors_heads_and_other_hosts_are_not_served_from_the_cache():
    calls: list[str] = []
    app = ResponseCache(_app(calls, status="404 Not Found"), token=lambda: 1)
    _get(app), _get(app)
    assert calls == ["/", "/"]
    ok: list[str] = []
    app = ResponseCache(_app(ok), token=lambda: 1)
    _get(app, method="HEAD"), _get(app, method="HEAD")
    _get(app, host="a:1"), _get(app, host="b:1")
    assert ok == ["/", "/", "/", "/"]


def test_the_byte_bound_drops_the_least_recently_used():
    calls: list[str] = []
    app = ResponseCache(_app(calls, size=100), token=lambda: 1, max_bytes=800)
    for p in ("/a", "/b", "/c", "/d", "/e", "/f", "/g", "/h", "/i"):  # 9 x 100 bytes > 800
        _get(app, p)
    _get(app, "/a")  # the oldest was dropped
    _get(app, "/i")  # the newest is kept
    assert calls.count("/a") == 2 and calls.count("/i") == 1


def test_store_token_moves_when_the_file_changes(tmp_path):
    db = tmp_path / "s.duckdb"
    db.write_bytes(b"1")
    token = store_token(db)
    before = token()
    db.write_bytes(b"22")
    assert token() != before
