"""`newstrace serve`: a small local web UI over a read-only corpus (stdlib WSGI, no extra dependencies).

Pages:
    ``/``                          story list
    ``/stories/<id>``              one story's dossier (the same body as the self-contained HTML export)
    ``/stories/<id>/dossier.html`` the self-contained HTML file, as a download
    ``/stories/<id>/dossier.md``   the Markdown dossier
    ``/api/stories``               JSON list of stories
    ``/api/stories/<id>``          the dossier as JSON (the issue-6 contract)
    ``/entities``                  entities across the store: every story that names each one, every spelling
    ``/api/entities``              the same as JSON Lines records of `newstrace entities --json`, in a list

The app only calls ``corpus.stories()``, ``corpus.dossier(id)`` and, when the corpus has it,
``corpus.entities()`` (computed once per store state and kept); it never writes. It binds to loopback only
(`serve` refuses any other address), sends a Content-Security-Policy that forbids every external load, and escapes
all report text. Calls into the corpus are serialised by a lock because an embedded database connection is not
meant to be shared by threads.

Example:
    >>> class Fake:
    ...     def stories(self): return [{"id": "S1", "title": "Dam", "reports": ["a"], "outlets": ["X"],
    ...                                 "first_seen": None, "last_seen": None}]
    ...     def dossier(self, sid): return {"id": sid, "title": "Dam", "reports": [], "claims": []}
    >>> status, headers, body = call(make_app(Fake()), "/api/stories")
    >>> status, json.loads(body)[0]["id"]
    ('200 OK', 'S1')
"""
from __future__ import annotations

import html
import json
import threading
from collections.abc import Callable, Iterable
from socketserver import ThreadingMixIn
from typing import Any, Protocol
from urllib.parse import parse_qs, quote, unquote
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from ..errors import NewstraceError
from ..report.html import CSP, STYLE, render_body, render_html
from ..report.markdown import render_markdown

__all__ = ["make_app", "serve", "call", "LOOPBACK"]

LOOPBACK = ("127.0.0.1", "localhost", "::1")

StartResponse = Callable[[str, list[tuple[str, str]]], Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


class CorpusLike(Protocol):
    """What the web UI needs from a corpus (``newstrace.corpus.Corpus`` or a test double)."""

    def stories(self) -> list[dict[str, Any]]: ...

    def dossier(self, story_id: str) -> dict[str, Any]: ...


# The exported file forbids forms; the app's own search form posts back to itself (GET), nothing else loads.
WEB_CSP = CSP.replace("form-action 'none'", "form-action 'self'")

_HEADERS = [
    ("Content-Security-Policy", WEB_CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    ("Cache-Control", "no-store"),
]

_LIST_STYLE = """
.nt-list{max-width:1200px;margin:0 auto;padding:20px 24px 60px}
.nt-top{background:#1d2433;color:#fff;padding:10px 24px;font-weight:600}
.nt-top a{color:#fff;text-decoration:none}
.nt-top span{font-weight:400;color:#c6cbd6;margin-left:10px}
.nt-list h1{font-size:1.5em}
.nt-list td a{font-weight:600;color:#2d5ea8;text-decoration:none}
.nt-actions{max-width:1200px;margin:10px auto 0;padding:0 24px;font-size:.9em}
.nt-actions a{color:#2d5ea8;margin-right:14px}
.nt-search{margin:0 0 10px}
.nt-search input{width:min(420px,70%);padding:6px 8px;border:1px solid #c9cfd9;border-radius:6px}
.nt-search button{padding:6px 12px;margin-left:6px;border:1px solid #c9cfd9;border-radius:6px;background:#eef1f6}
"""


def _e(v: Any) -> str:
    return html.escape("" if v is None else str(v), quote=True)


def _page(title: str, body: str) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f'<meta http-equiv="Content-Security-Policy" content="{WEB_CSP}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(title)} · newstrace</title><style>{STYLE}{_LIST_STYLE}</style></head><body>"
            '<div class="nt-top"><a href="/">newstrace</a><span>stories and their sources</span></div>'
            f"{body}</body></html>\n")


def _matches(s: dict[str, Any], q: str) -> bool:
    hay = " ".join([str(s.get("id") or ""), str(s.get("title") or ""), *map(str, s.get("outlets") or [])])
    return all(word in hay.casefold() for word in q.casefold().split())


def _story_list(stories: list[dict[str, Any]], q: str = "") -> str:
    total = len(stories)
    if q:
        stories = [s for s in stories if _matches(s, q)]
    search = (f'<form class="nt-search" method="get" action="/"><input type="search" name="q" value="{_e(q)}" '
              'placeholder="filter by words in title, outlet or id" aria-label="filter stories">'
              '<button type="submit">Filter</button></form>')
    if not stories:
        rows = ('<p class="nt-none">No story matches.</p>' if total else
                '<p class="nt-none">No stories yet: run <code>newstrace ingest PATH</code> first.</p>')
    else:
        trs = []
        for s in stories:
            sid = str(s.get("id"))
            title = s.get("title") or f"Story {sid}"
            first, last = str(s.get("first_seen") or "")[:10], str(s.get("last_seen") or "")[:10]
            dates = " – ".join(x for x in (first, last) if x)
            trs.append(f'<tr><td><a href="/stories/{quote(sid, safe="")}">{_e(title)}</a>'
                       f'<div class="nt-meta mono">{_e(sid)}</div></td>'
                       f"<td>{len(s.get('reports') or [])}</td>"
                       f"<td>{_e(', '.join(map(str, s.get('outlets') or [])))}</td>"
                       f"<td>{_e(dates)}</td></tr>")
        rows = ('<div class="nt-scroll"><table class="nt stories"><thead><tr><th>story</th><th>reports</th>'
                f'<th>outlets</th><th>dates</th></tr></thead><tbody>{"".join(trs)}</tbody></table></div>')
    n = len(stories)
    count = f'{n} {"story" if n == 1 else "stories"}' + (f" of {total} match “{_e(q)}”" if q else "")
    return _page("Stories", f'<div class="nt-list"><h1>Stories</h1>{search}<p class="nt-facts">{count} · '
                            f'<a href="/entities">entities across the store</a></p>{rows}</div>')


def _entity_list(found: list[dict[str, Any]], titles: dict[str, str], q: str = "", min_stories: int = 2) -> str:
    total = len(found)
    shown = [e for e in found if len(e["stories"]) >= min_stories
             and (not q or any(q.casefold() in v.casefold() for v in (e["name"], *e["variants"])))]
    search = (f'<form class="nt-search" method="get" action="/entities"><input type="search" name="q" value="{_e(q)}" '
              'placeholder="a name or any spelling of it" aria-label="filter entities">'
              f'<input type="hidden" name="min" value="{min_stories}"><button type="submit">Filter</button></form>')
    trs = []
    for e in shown[:500]:
        links = " ".join(f'<a href="/stories/{quote(s, safe="")}" title="{_e(titles.get(s, s))}">{_e(s)}</a>'
                         for s in e["stories"])
        spellings = ", ".join(_e(v) for v in e["variants"] if v != e["name"])
        trs.append(f'<tr><td>{_e(e["name"])}<div class="nt-meta">{_e(e["type"])}</div></td>'
                   f'<td>{len(e["reports"])}</td><td class="mono">{links}</td><td>{spellings}</td></tr>')
    body = ('<p class="nt-none">No entity matches.</p>' if not trs else
            '<div class="nt-scroll"><table class="nt stories"><thead><tr><th>entity</th><th>reports</th>'
            f'<th>stories</th><th>spellings seen</th></tr></thead><tbody>{"".join(trs)}</tbody></table></div>')
    what = "named in two or more stories" if min_stories >= 2 else "in the store"
    count = f"{len(shown)} of {total} entities {what}" + (f" match “{_e(q)}”" if q else "")
    more = '' if min_stories < 2 else ' · <a href="/entities?min=1">show entities of one story too</a>'
    return _page("Entities", f'<div class="nt-list"><div class="nt-actions"><a href="/">← all stories</a></div>'
                             f'<h1>Entities across the store</h1>{search}<p class="nt-facts">{count}{more}</p>'
                             f"{body}</div>")


def make_app(corpus: CorpusLike) -> WSGIApp:
    """Build the WSGI application over `corpus`.

    Args:
        corpus: anything with ``stories() -> list[dict]`` and ``dossier(story_id) -> dict``.

    Returns:
        A WSGI callable; serve it with `serve` or any WSGI server.

    Example:
        >>> app = make_app(type("C", (), {"stories": lambda self: [], "dossier": lambda self, s: {}})())
        >>> call(app, "/")[0]
        '200 OK'
    """
    lock = threading.Lock()

    def stories() -> list[dict[str, Any]]:
        with lock:
            return list(corpus.stories())

    def dossier(sid: str) -> dict[str, Any]:
        with lock:
            return corpus.dossier(sid)

    cache: dict[str, Any] = {}

    def entities() -> list[dict[str, Any]]:
        """Store entities, recomputed only when the stories changed (the linking reads every story)."""
        find = getattr(corpus, "entities", None)
        if find is None:
            return []
        with lock:
            listed = list(corpus.stories())
            key = json.dumps([[s.get("id"), s.get("reports")] for s in listed])
            if cache.get("key") != key:
                cache["key"], cache["value"] = key, [e.to_json() if hasattr(e, "to_json") else e for e in find()]
                cache["titles"] = {str(s.get("id")): str(s.get("title") or "") for s in listed}
            return list(cache["value"])

    def respond(start: StartResponse, status: str, ctype: str, body: str | bytes,
                extra: list[tuple[str, str]] | None = None) -> list[bytes]:
        data = body.encode("utf-8") if isinstance(body, str) else body
        start(status, [("Content-Type", ctype), ("Content-Length", str(len(data))), *_HEADERS, *(extra or [])])
        return [data]

    def not_found(start: StartResponse, api: bool, what: str) -> list[bytes]:
        if api:
            return respond(start, "404 Not Found", "application/json",
                           json.dumps({"code": "NT403", "message": what}))
        return respond(start, "404 Not Found", "text/html; charset=utf-8",
                       _page("Not found", f'<div class="nt-list"><h1>Not found</h1><p>{_e(what)}</p>'
                                          '<p><a href="/">All stories</a></p></div>'))

    def app(environ: dict[str, Any], start: StartResponse) -> list[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        # PATH_INFO arrives latin-1 decoded (PEP 3333); recover the UTF-8 bytes before splitting.
        raw = environ.get("PATH_INFO", "/") or "/"
        try:
            raw = raw.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
        api = raw.startswith("/api/")
        if method not in ("GET", "HEAD"):
            return respond(start, "405 Method Not Allowed", "text/plain; charset=utf-8", "read-only",
                           [("Allow", "GET, HEAD")])
        # Servers hand PATH_INFO over already percent-decoded, so a story id may itself contain "/": route on
        # prefixes and suffixes rather than on split segments.
        path = raw if raw == "/" else raw.rstrip("/")
        try:
            if path == "/":
                q = parse_qs(environ.get("QUERY_STRING") or "").get("q", [""])[0][:200]
                return respond(start, "200 OK", "text/html; charset=utf-8", _story_list(stories(), q))
            if path == "/api/entities":
                return respond(start, "200 OK", "application/json", json.dumps(entities(), ensure_ascii=False))
            if path == "/entities":
                qs = parse_qs(environ.get("QUERY_STRING") or "")
                q = qs.get("q", [""])[0][:200]
                try:
                    least = max(1, int(qs.get("min", ["2"])[0]))
                except ValueError:
                    least = 2
                found = entities()
                return respond(start, "200 OK", "text/html; charset=utf-8",
                               _entity_list(found, cache.get("titles", {}), q, least))
            if path == "/api/stories":
                return respond(start, "200 OK", "application/json", json.dumps(stories(), ensure_ascii=False))
            if path.startswith("/api/stories/"):
                sid = path[len("/api/stories/"):]
                return respond(start, "200 OK", "application/json", json.dumps(dossier(sid), ensure_ascii=False))
            if path.startswith("/stories/"):
                rest = path[len("/stories/"):]
                fname = "dossier-" + "".join(c if c.isalnum() else "_" for c in rest)[:60]
                if rest.endswith("/dossier.html"):
                    d = dossier(rest[: -len("/dossier.html")])
                    return respond(start, "200 OK", "text/html; charset=utf-8", render_html(d),
                                   [("Content-Disposition", f'attachment; filename="{fname}.html"')])
                if rest.endswith("/dossier.md"):
                    d = dossier(rest[: -len("/dossier.md")])
                    return respond(start, "200 OK", "text/markdown; charset=utf-8", render_markdown(d))
                d = dossier(rest)
                title = d.get("title") or f"Story {rest}"
                q = quote(rest, safe="")
                actions = (f'<div class="nt-actions"><a href="/">← all stories</a>'
                           f'<a href="/stories/{q}/dossier.html">self-contained HTML</a>'
                           f'<a href="/stories/{q}/dossier.md">Markdown</a>'
                           f'<a href="/api/stories/{q}">JSON</a></div>')
                return respond(start, "200 OK", "text/html; charset=utf-8", _page(str(title), actions + render_body(d)))
            return not_found(start, api, f"no page at {raw}")
        except NewstraceError as e:
            if e.code == "NT403":
                return not_found(start, api, str(e))
            status = "500 Internal Server Error"
            if api:
                return respond(start, status, "application/json", json.dumps(e.to_json()))
            return respond(start, status, "text/html; charset=utf-8",
                           _page("Error", f'<div class="nt-list"><h1>Error</h1><p>{_e(e)}</p></div>'))
        except KeyError as e:  # a corpus double that signals "unknown story" with KeyError
            return not_found(start, api, f"no story {e}")

    def head_aware(environ: dict[str, Any], start: StartResponse) -> list[bytes]:
        body = app(environ, start)
        # HEAD: same status and headers (Content-Length included), no body.
        return [] if environ.get("REQUEST_METHOD") == "HEAD" else body

    return head_aware


def call(app: WSGIApp, path: str, method: str = "GET") -> tuple[str, dict[str, str], str]:
    """Call a WSGI app in-process (for tests and scripts): returns (status, headers, body text)."""
    got: dict[str, Any] = {}

    def start(status: str, headers: list[tuple[str, str]]) -> None:
        got["status"], got["headers"] = status, dict(headers)

    path_only, _, query = path.partition("?")
    env = {"REQUEST_METHOD": method, "PATH_INFO": unquote(path_only).encode("utf-8").decode("latin-1"),
           "QUERY_STRING": query, "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "0", "wsgi.url_scheme": "http"}
    body = b"".join(app(env, start))
    return got["status"], got["headers"], body.decode("utf-8")


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass


def make_server_for(corpus: CorpusLike, host: str = "127.0.0.1", port: int = 8765) -> WSGIServer:
    """A ready (not yet serving) threaded server on loopback; port 0 picks a free port.

    Raises:
        NewstraceError: NT502 when `host` is not a loopback address.
    """
    if host not in LOOPBACK:
        raise NewstraceError("NT502", f"newstrace serve binds to loopback only (127.0.0.1, localhost, ::1), "
                                      f"not {host!r}; put a reverse proxy in front if you must share it")
    server_cls = _Server
    if host == "::1":
        import socket

        server_cls = type("_Server6", (_Server,), {"address_family": socket.AF_INET6})
    app: WSGIApp = make_app(corpus)
    path = getattr(getattr(corpus, "store", None), "path", None)
    if path is not None:  # a real store: whole pages are kept while it stays the same (web/cache.py says why)
        from .cache import ResponseCache, store_token

        app = ResponseCache(app, token=store_token(path))
    return make_server(host, port, app, server_class=server_cls, handler_class=_QuietHandler)


def serve(corpus: CorpusLike, host: str = "127.0.0.1", port: int = 8765) -> None:
    """Serve the web UI until interrupted.

    Args:
        corpus: the read-only corpus (``Corpus.open(path)``).
        host: a loopback address.
        port: TCP port.

    Raises:
        NewstraceError: NT502 for a non-loopback host.
        OSError: when the port cannot be bound.
    """
    server = make_server_for(corpus, host, port)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
