"""`newstrace serve`: a small local web UI over a read-only corpus (stdlib WSGI, no extra dependencies).

Pages:
    ``/``                          story list
    ``/stories/<id>``              one story's dossier (the same body as the self-contained HTML export)
    ``/stories/<id>/dossier.html`` the self-contained HTML file, as a download
    ``/stories/<id>/dossier.md``   the Markdown dossier
    ``/api/stories``               JSON list of stories
    ``/api/stories/<id>``          the dossier as JSON (the issue-6 contract)
    ``/?q=&outlet=&from=&to=&warning=&origins=&sort=&order=&page=``
                                   the story list searched (words of titles and texts, names in any spelling,
                                   outlets: the store's search index), filtered and sorted
    ``/reports/<id>``              one report in context: text with attributions, mentions and claim wordings
                                   marked (``#c<start>-<end>`` lands on a span), what cleaning removed and why, the
                                   metadata with its evidence
    ``/api/reports/<id>``          that report as JSON
    ``/compare?a=<id>&b=<id>``     two reports side by side: aligned claims, shared passages, framing words
    ``/entities``                  entities across the store: every story that names each one, every spelling
    ``/entities/<id>``             one entity: each spelling with the reports that write it, its stories, its claims
    ``/mention?r=<id>&at=<start>`` the entity of one mention (a redirect to its page)
    ``/api/entities``              the same as JSON Lines records of `newstrace entities --json`, in a list

The app only calls ``corpus.stories()``, ``corpus.dossier(id)`` and, when the corpus has it,
``corpus.entities()`` (computed once per store state and kept); it never writes. It binds to loopback only
(`serve` refuses any other address), sends a Content-Security-Policy that forbids every external load, and escapes
all report text. Calls into the corpus are serialised by a lock because an embedded database connection is not
meant to be shared by threads. A request whose ``Host`` header names anything but a loopback address gets
``421 Misdirected Request``: a hostile web page that points its own domain at 127.0.0.1 (DNS rebinding) cannot
read the UI through the victim's browser.

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
import re
import threading
from collections.abc import Callable, Iterable
from socketserver import ThreadingMixIn
from typing import Any, Protocol
from urllib.parse import parse_qs, quote, unquote, urlencode
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from ..errors import NewstraceError
from ..report.html import CSP, STYLE, Links, render_body, render_html
from ..report.markdown import render_markdown
from . import pages

__all__ = ["make_app", "serve", "call", "host_allowed", "LOOPBACK"]

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
            f"<title>{_e(title)} · newstrace</title><style>{STYLE}{_LIST_STYLE}{pages.PAGE_STYLE}</style></head><body>"
            '<div class="nt-top"><a href="/">newstrace</a><span>stories and their sources</span></div>'
            f"{body}</body></html>\n")


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
        trs.append(f'<tr><td><a href="{_e(pages.entity_url(str(e["id"])))}">{_e(e["name"])}</a>'
                   f'<div class="nt-meta">{_e(e["type"])}</div></td>'
                   f'<td>{len(e["reports"])}</td><td class="mono">{links}</td><td>{spellings}</td></tr>')
    body = ('<p class="nt-none">No entity matches.</p>' if not trs else
            '<div class="nt-scroll"><table class="nt stories"><thead><tr><th>entity</th><th>reports</th>'
            f'<th>stories</th><th>spellings seen</th></tr></thead><tbody>{"".join(trs)}</tbody></table></div>')
    what = "named in two or more stories" if min_stories >= 2 else "in the store"
    count = f"{len(shown)} of {total} entities {what}" + (f" match “{_e(q)}”" if q else "")
    more = '' if min_stories < 2 else (f' · <a href="/entities?{_e(urlencode({"q": q, "min": 1}))}">'
                                       'show entities of one story too</a>')
    return _page("Entities", f'<div class="nt-list"><div class="nt-actions"><a href="/">← all stories</a></div>'
                             f'<h1>Entities across the store</h1>{search}<p class="nt-facts">{count}{more}</p>'
                             f"{body}</div>")


def host_allowed(environ: dict[str, Any]) -> bool:
    """Whether the request's ``Host`` names a loopback address (any port): the DNS-rebinding guard.

    A request without ``Host`` (HTTP/1.0 from a local script) is allowed: a browser always sends one.

    Example:
        >>> host_allowed({"HTTP_HOST": "127.0.0.1:8765"}), host_allowed({"HTTP_HOST": "evil.example:8765"})
        (True, False)
        >>> host_allowed({"HTTP_HOST": "[::1]:8765"}), host_allowed({"HTTP_HOST": "localhost"})
        (True, True)
    """
    host = str(environ.get("HTTP_HOST") or "").strip().lower()
    if not host:
        return True
    if host.startswith("["):  # [::1]:port
        name = host[1:host.find("]")] if "]" in host else host
    else:
        name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
    return name.rstrip(".") in LOOPBACK


def _report_json(r: Any) -> dict[str, Any]:
    out = r.clean_json()
    out["removed"] = [{"text": x.text, "reason": x.reason} for x in r.removed]
    out["mentions"] = [{"start": m.span.start, "end": m.span.end, "label": m.label, "text": m.text}
                       for m in r.mentions]
    out["attributions"] = [{"id": a.id, "kind": a.kind, "act": getattr(a, "act", None),
                            "content": a.content.to_json(r.text),
                            "source": a.source.to_json(r.text) if a.source else None, "source_name": a.source_name,
                            "cue": a.cue.to_json(r.text) if a.cue else None, "source_kind": a.source_kind,
                            "via": [h.name for h in a.via]} for a in r.attributions]
    out["claims"] = [{"id": c.id, "start": c.span.start, "end": c.span.end, "text": c.text, "speaker": c.speaker}
                     for c in r.claims]
    return out


#: lookups kept per store state before the memo starts over (a dossier is ~50-200 KB of Python objects)
MEMO_MAX = 512


def make_app(corpus: CorpusLike, state: Callable[[], object] | None = None) -> WSGIApp:
    """Build the WSGI application over `corpus`.

    Args:
        corpus: anything with ``stories() -> list[dict]`` and ``dossier(story_id) -> dict``; the report,
            compare, entity and search pages also use ``report(id)``, ``story_of_reports()``,
            ``search_reports(q)``, ``story_summaries()`` and ``entities()`` when the corpus has them
            (`newstrace.corpus.Corpus` does), and answer 404 when it does not.
        state: a token of the store's state (`web.cache.store_token`). When given, the store-wide lookups every
            page needs (the story list, report → story, the sourcing summaries, dossiers read) are kept until it
            changes: on a 10k-report store they cost 80, 12, 42 and 50 ms a request, which made every page not yet
            in the page cache queue behind the corpus lock (bench/bench_web.py "first view" rows).

    Returns:
        A WSGI callable; serve it with `serve` or any WSGI server.

    Example:
        >>> app = make_app(type("C", (), {"stories": lambda self: [], "dossier": lambda self, s: {}})())
        >>> call(app, "/")[0]
        '200 OK'
    """
    lock = threading.Lock()
    memo: dict[Any, Any] = {}

    def remembered(key: Any, compute: Callable[[], Any]) -> Any:
        """`compute()` under the corpus lock, kept while the store's state stays the same (never without `state`)."""
        with lock:
            if state is None:
                return compute()
            now = state()
            if memo.get("__state__") != now or len(memo) > MEMO_MAX:
                memo.clear()
                memo["__state__"] = now
            if key not in memo:
                memo[key] = compute()
                # reading may write (a dossier built on first view is stored): remember under the new state
                memo["__state__"] = state()
            return memo[key]

    def stories() -> list[dict[str, Any]]:
        return list(remembered("stories", lambda: list(corpus.stories())))

    def dossier(sid: str) -> dict[str, Any]:
        # shared, not copied (a deep copy cost 19 ms a report page on a 10k store): pages only read a dossier,
        # which tests/web/test_app.py checks by rendering every page kind and comparing the dossier after
        return remembered(("dossier", sid), lambda: corpus.dossier(sid))

    def optional(name: str, *args: Any, default: Any = None) -> Any:
        fn = getattr(corpus, name, None)
        if fn is None:
            return default
        if name in ("story_of_reports", "story_summaries", "search_reports", "report"):  # pure reads of the store
            return remembered((name, *args), lambda: fn(*args))
        with lock:
            return fn(*args)

    cache: dict[str, Any] = {}

    def state_key(listed: list[dict[str, Any]]) -> str:
        return json.dumps([[s.get("id"), s.get("reports")] for s in listed])

    def entities() -> list[dict[str, Any]]:
        """Store entities, recomputed only when the stories changed (the linking reads every story)."""
        find = getattr(corpus, "entities", None)
        if find is None:
            return []
        with lock:
            listed = list(corpus.stories())
            key = state_key(listed)
            if cache.get("key") != key:
                cache["key"], cache["value"] = key, [e.to_json() if hasattr(e, "to_json") else e for e in find()]
                cache["titles"] = {str(s.get("id")): str(s.get("title") or "") for s in listed}
                spelled: dict[tuple[str, str], str] = {}
                for e in cache["value"]:
                    for rid in e.get("reports") or []:
                        for v in e.get("variants") or []:
                            spelled.setdefault((str(rid), str(v)), str(e["id"]))
                cache["spelled"] = spelled
                cache["member"] = {(str(m.get("story")), str(m.get("entity"))): str(e["id"]) for e in cache["value"]
                                   for m in e.get("story_entities") or []}
            return list(cache["value"])

    def story_of(rid: str) -> str | None:
        got = optional("story_of_reports", default={}) or {}
        return got.get(rid)

    links = Links(span=pages.report_url, entity=lambda eid: None,
                  outlet=lambda name: "/?" + urlencode({"outlet": name}))

    def mention_href(r: Any, start: int) -> str:
        return "/mention?" + urlencode({"r": r.id, "at": start})

    def respond(start: StartResponse, status: str, ctype: str, body: str | bytes,
                extra: list[tuple[str, str]] | None = None) -> list[bytes]:
        data = body.encode("utf-8") if isinstance(body, str) else body
        start(status, [("Content-Type", ctype), ("Content-Length", str(len(data))), *_HEADERS, *(extra or [])])
        return [data]

    def html_page(start: StartResponse, title: str, body: str) -> list[bytes]:
        return respond(start, "200 OK", "text/html; charset=utf-8", _page(title, body))

    def not_found(start: StartResponse, api: bool, what: str) -> list[bytes]:
        if api:
            return respond(start, "404 Not Found", "application/json",
                           json.dumps({"code": "NT403", "message": what}))
        return respond(start, "404 Not Found", "text/html; charset=utf-8",
                       _page("Not found", f'<div class="nt-list"><h1>Not found</h1><p>{_e(what)}</p>'
                                          '<p><a href="/">All stories</a></p></div>'))

    def story_list(qs: dict[str, list[str]]) -> str:
        f = pages.StoryFilter.parse(qs)
        listed = stories()
        summaries = optional("story_summaries", default={}) or {}
        term_reports = optional("search_reports", f.q, default={}) if f.q else {}
        shown = pages.filter_stories(listed, f, summaries, term_reports)
        note = "" if not f.q or getattr(corpus, "search_reports", None) else " · text search needs a store"
        return _page("Stories", pages.story_table(shown, len(listed), f, summaries, note))

    def report_view(rid: str) -> tuple[Any, dict[str, Any] | None, str | None]:
        if getattr(corpus, "report", None) is None:
            raise KeyError(rid)
        r = optional("report", rid)
        sid = story_of(rid)
        return r, (dossier(sid) if sid else None), sid

    def app(environ: dict[str, Any], start: StartResponse) -> list[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        # PATH_INFO arrives latin-1 decoded (PEP 3333); recover the UTF-8 bytes before splitting.
        raw = environ.get("PATH_INFO", "/") or "/"
        try:
            raw = raw.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
        api = raw.startswith("/api/")
        if not host_allowed(environ):
            return respond(start, "421 Misdirected Request", "text/plain; charset=utf-8",
                           "NT504: this server answers only to a loopback Host (127.0.0.1, localhost, ::1)")
        if method not in ("GET", "HEAD"):
            return respond(start, "405 Method Not Allowed", "text/plain; charset=utf-8", "read-only",
                           [("Allow", "GET, HEAD")])
        # Servers hand PATH_INFO over already percent-decoded, so a story id may itself contain "/": route on
        # prefixes and suffixes rather than on split segments.
        path = raw if raw == "/" else raw.rstrip("/")
        qs = parse_qs(environ.get("QUERY_STRING") or "")
        try:
            if path == "/":
                return respond(start, "200 OK", "text/html; charset=utf-8", story_list(qs))
            if path == "/api/entities":
                return respond(start, "200 OK", "application/json", json.dumps(entities(), ensure_ascii=False))
            if path == "/entities":
                q = qs.get("q", [""])[0][:200]
                try:
                    least = max(1, int(qs.get("min", ["2"])[0]))
                except ValueError:
                    least = 2
                found = entities()
                return respond(start, "200 OK", "text/html; charset=utf-8",
                               _entity_list(found, cache.get("titles", {}), q, least))
            if path.startswith("/entities/"):
                eid = path[len("/entities/"):]
                e = next((x for x in entities() if str(x.get("id")) == eid), None)
                if e is None:
                    return not_found(start, api, f"no entity {eid!r}: /entities lists them")
                spellings: dict[str, list[str]] = {}
                variants = set(e.get("variants") or [])
                for (rid, v), owner in cache.get("spelled", {}).items():
                    if owner == eid and v in variants:
                        spellings.setdefault(v, []).append(rid)
                # the store entity knows its reports, not which spelling each one writes: read it in the texts
                # (as written, word-bounded; up to 200 reports, so a huge entity stays quick)
                if getattr(corpus, "report", None) is not None:
                    texts = {rid: (getattr(optional("report", rid), "text", "") or "")
                             for rid in sorted({r for rs in spellings.values() for r in rs})[:200]}
                    for v, rids in spellings.items():
                        rx = re.compile(rf"(?<!\w){re.escape(v)}(?!\w)")
                        rids[:] = [r for r in rids if r not in texts or rx.search(texts[r])]
                    spellings = {v: rids for v, rids in spellings.items() if rids}
                for v in spellings.values():
                    v.sort()
                claims = []
                names = [v.casefold() for v in variants if len(v) > 2]
                for sid in list(e.get("stories") or [])[:20]:
                    for c in dossier(sid).get("claims") or []:
                        text = str(c.get("text") or "")
                        if any(n in text.casefold() for n in names):
                            claims.append((sid, str(c.get("id")), text))
                title, body = pages.entity_page(e, spellings, cache.get("titles", {}), claims)
                return html_page(start, title, body)
            if path == "/mention":
                rid, at = qs.get("r", [""])[0], qs.get("at", [""])[0]
                r = optional("report", rid) if getattr(corpus, "report", None) else None
                m = next((m for m in (r.mentions if r else []) if str(m.span.start) == at), None)
                if m is None:
                    return not_found(start, api, f"no mention at {at} in report {rid!r}")
                entities()
                eid = cache.get("spelled", {}).get((rid, m.text))
                target = pages.entity_url(eid) if eid else "/entities?" + urlencode({"q": m.text, "min": 1})
                return respond(start, "303 See Other", "text/plain; charset=utf-8", target, [("Location", target)])
            if path == "/story-entity":  # a story's entity → the store entity that links it (a redirect)
                sid, eid = qs.get("s", [""])[0], qs.get("e", [""])[0]
                entities()
                target = cache.get("member", {}).get((sid, eid))
                if target is None:
                    return not_found(start, api, f"no entity {eid!r} in story {sid!r}")
                target = pages.entity_url(target)
                return respond(start, "303 See Other", "text/plain; charset=utf-8", target, [("Location", target)])
            if path.startswith("/reports/") or path.startswith("/api/reports/"):
                rid = path[len("/api/reports/"):] if api else path[len("/reports/"):]
                r, d, sid = report_view(rid)
                if api:
                    return respond(start, "200 OK", "application/json",
                                   json.dumps(_report_json(r), ensure_ascii=False))
                title, body = pages.report_page(r, d, sid, mention_href)
                return html_page(start, title, body)
            if path == "/compare":
                a_id, b_id = qs.get("a", [""])[0], qs.get("b", [""])[0]
                if not a_id or not b_id:
                    return not_found(start, api, "compare needs two report ids: /compare?a=<id>&b=<id>")
                a, d, sid = report_view(a_id)
                b, _, _ = report_view(b_id)
                title, body = pages.compare_page(a, b, d if story_of(b_id) == sid else None, sid)
                return html_page(start, title, body)
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
                has_reports = getattr(corpus, "report", None) is not None
                entity_links = getattr(corpus, "entities", None) is not None
                story_links = Links(
                    span=links.span if has_reports else (lambda r, s, e: "#reports"),
                    entity=(lambda eid: None) if not entity_links else
                    (lambda eid, sid=rest: "/story-entity?" + urlencode({"s": sid, "e": eid})),
                    outlet=links.outlet)
                return respond(start, "200 OK", "text/html; charset=utf-8",
                               _page(str(title), actions + render_body(d, story_links)))
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
            return not_found(start, api, f"no story or report {e}")

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
    # socketserver's listen backlog is 5: with 10+ clients connecting at once the kernel drops SYNs and each
    # dropped client retries after 1 s, 3 s, 7 s (the p99 of bench/bench_web.py was 1.0 s at 10 clients and
    # 7.7 s at 50 while p50 stayed at 3-5 ms). The kernel caps it at net.core.somaxconn.
    request_queue_size = 1024


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
    path = getattr(getattr(corpus, "store", None), "path", None)
    if path is None:
        app: WSGIApp = make_app(corpus)
    else:  # a real store: whole pages are kept while it stays the same (web/cache.py says why)
        from .cache import ResponseCache, store_token

        token = store_token(path)
        app = ResponseCache(make_app(corpus, state=token), token=token)
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
