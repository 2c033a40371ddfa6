"""The web UI over a fake read-only corpus: pages, JSON API, errors, headers, loopback-only binding."""
from __future__ import annotations

import copy
import doctest
import json
import threading
import urllib.error
import urllib.request
from pathlib import Path

import lxml.html
import pytest

from newstrace.errors import NewstraceError
from newstrace.web import app as app_mod
from newstrace.web.app import call, make_app, make_server_for

FIXTURE = Path(__file__).resolve().parents[1] / "report" / "fixtures" / "dossier.json"


class FakeCorpus:
    """Two stories; records every call so tests can check the app only reads."""

    def __init__(self) -> None:
        d = json.loads(FIXTURE.read_text(encoding="utf-8"))
        other = {"id": "S 2/ü", "title": "Eleven injured as ferry strikes pier <b>", "reports": [], "claims": []}
        self.dossiers = {"S1": d, other["id"]: other}
        self.calls: list[str] = []

    def stories(self) -> list[dict]:
        self.calls.append("stories")
        return [{"id": sid, "title": d["title"], "reports": [r["id"] for r in d.get("reports", [])],
                 "outlets": sorted({r["outlet"] for r in d.get("reports", [])}), "first_seen": "2026-11-17",
                 "last_seen": "2026-11-19"} for sid, d in self.dossiers.items()]

    def dossier(self, story_id: str) -> dict:
        self.calls.append(f"dossier:{story_id}")
        if story_id not in self.dossiers:
            raise NewstraceError("NT403", f"no story {story_id!r}")
        return copy.deepcopy(self.dossiers[story_id])


@pytest.fixture()
def corpus() -> FakeCorpus:
    return FakeCorpus()


def test_story_list_links_to_each_story(corpus: FakeCorpus) -> None:
    status, headers, body = call(make_app(corpus), "/")
    assert status == "200 OK" and headers["Content-Type"].startswith("text/html")
    doc = lxml.html.document_fromstring(body)
    links = {a.text_content(): a.get("href") for a in doc.xpath("//table/tbody//a")}
    title = "Leaked document shows ministry handed $2.4bn dam contract to Meridian Hydro without tender"
    assert links[title] == "/stories/S1"
    assert links["Eleven injured as ferry strikes pier <b>"] == "/stories/S%202%2F%C3%BC"  # escaped, not markup
    assert "<b>" not in body.split("<table", 1)[1]


def test_story_list_filter(corpus: FakeCorpus) -> None:
    _, _, body = call(make_app(corpus), "/?q=FERRY+pier")
    doc = lxml.html.document_fromstring(body)
    assert [a.get("href") for a in doc.xpath("//table/tbody//a")] == ["/stories/S%202%2F%C3%BC"]
    assert "1 story of 2 match “FERRY pier”" in doc.text_content()
    _, _, body = call(make_app(corpus), "/?q=%3Cscript%3E")
    assert "<script>" not in body and "No story matches." in body
    assert "0 stories of 2 match “&lt;script&gt;”" in body
    _, _, body = call(make_app(type("Empty", (), {"stories": lambda self: [], "dossier": dict})()), "/")
    assert "No stories yet" in body


def test_dossier_page_reuses_the_html_body(corpus: FakeCorpus) -> None:
    status, _, body = call(make_app(corpus), "/stories/S1")
    assert status == "200 OK"
    doc = lxml.html.document_fromstring(body)
    assert len(doc.find_class("claim")) == 6
    assert doc.get_element_by_id("claim-C4").find_class("nt-badge")[0].text_content() == "2 independent origins"
    assert doc.xpath("//svg") and doc.xpath("//a[@href='/']")
    # an id with a slash and non-ASCII letters round-trips through the URL
    status, _, body = call(make_app(corpus), "/stories/S%202%2F%C3%BC")
    assert status == "200 OK" and "ferry strikes pier &lt;b&gt;" in body


def test_json_api(corpus: FakeCorpus) -> None:
    app = make_app(corpus)
    status, headers, body = call(app, "/api/stories")
    assert status == "200 OK" and headers["Content-Type"] == "application/json"
    assert [s["id"] for s in json.loads(body)] == ["S1", "S 2/ü"]
    status, _, body = call(app, "/api/stories/S1")
    d = json.loads(body)
    assert d == corpus.dossiers["S1"]
    assert {"id", "title", "reports", "entities", "claims", "origins", "copies", "divergences", "framing",
            "timeline", "graph"} <= set(d)


def test_downloads(corpus: FakeCorpus) -> None:
    app = make_app(corpus)
    status, headers, body = call(app, "/stories/S1/dossier.html")
    assert status == "200 OK" and "attachment" in headers["Content-Disposition"] and body.startswith("<!DOCTYPE html>")
    status, headers, body = call(app, "/stories/S1/dossier.md")
    assert headers["Content-Type"].startswith("text/markdown") and body.startswith("# Leaked document")


def test_errors_and_read_only(corpus: FakeCorpus) -> None:
    app = make_app(corpus)
    status, _, body = call(app, "/api/stories/nope")
    assert status == "404 Not Found" and json.loads(body)["code"] == "NT403"
    assert call(app, "/stories/nope")[0] == "404 Not Found"
    assert call(app, "/etc/passwd")[0] == "404 Not Found"
    assert call(app, "/stories/S1/../../x")[0] == "404 Not Found"
    status, headers, _ = call(app, "/api/stories", method="POST")
    assert status == "405 Method Not Allowed" and headers["Allow"] == "GET, HEAD"
    status, headers, body = call(app, "/stories/S1", method="HEAD")
    assert status == "200 OK" and int(headers["Content-Length"]) > 1000 and body == ""
    assert all(c == "stories" or c.startswith("dossier:") for c in corpus.calls)


def test_security_headers(corpus: FakeCorpus) -> None:
    _, headers, _ = call(make_app(corpus), "/stories/S1")
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_binds_loopback_only(corpus: FakeCorpus) -> None:
    for host in ("0.0.0.0", "192.168.1.10", "::"):
        with pytest.raises(NewstraceError) as e:
            make_server_for(corpus, host, 0)
        assert e.value.code == "NT502"


def test_real_server_on_loopback(corpus: FakeCorpus) -> None:
    server = make_server_for(corpus, "127.0.0.1", 0)
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    try:
        host, port = server.server_address[:2]
        assert host == "127.0.0.1"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stories", timeout=10) as r:
            assert json.loads(r.read())[0]["id"] == "S1"
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stories/missing", timeout=10)
        assert e.value.code == 404
    finally:
        server.shutdown()
        server.server_close()
        t.join(5)


def test_docstring_examples() -> None:
    assert doctest.testmod(app_mod).failed == 0


def test_entities_page_and_api_compute_once_per_store_state() -> None:
    class WithEntities(FakeCorpus):
        def __init__(self) -> None:
            super().__init__()
            self.linked = 0

        def entities(self) -> list[dict]:
            self.linked += 1
            return [{"id": "sent-1", "name": "Meridian Hydro Holdings", "type": "ORG", "stories": ["S 2/ü", "S1"],
                     "variants": ["Meridian", "Meridian Hydro <Holdings>"], "reports": ["a", "b"], "mentions": 4},
                    {"id": "sent-2", "name": "Tarek Mansour", "type": "PERSON", "stories": ["S1"],
                     "variants": ["Mansour"], "reports": ["a"], "mentions": 2}]

    corpus = WithEntities()
    app = make_app(corpus)
    status, _, body = call(app, "/entities")
    assert status == "200 OK" and "Meridian Hydro Holdings" in body and "Tarek Mansour" not in body
    assert "&lt;Holdings&gt;" in body and "<Holdings>" not in body
    links = lxml.html.fromstring(body).xpath("//table/tbody//a/@href")
    assert "/stories/S%202%2F%C3%BC" in links and "/stories/S1" in links
    assert "Tarek Mansour" in call(app, "/entities?min=1")[2]
    cells = lxml.html.fromstring(call(app, "/entities?min=1&q=mansour")[2]).xpath("//tbody/tr/td[1]")
    assert [c.xpath("string(.//a)") for c in cells] == ["Tarek Mansour"]
    assert cells[0].xpath(".//a/@href") == ["/entities/sent-2"]  # a name is a link to its entity page
    status, _, body = call(app, "/api/entities")
    assert status == "200 OK" and [e["id"] for e in json.loads(body)] == ["sent-1", "sent-2"]
    assert corpus.linked == 1  # the store did not change: linked once
    assert call(app, "/entities?min=x")[0] == "200 OK"
    # a corpus without a store view still serves an (empty) page
    assert "0 of 0 entities" in call(make_app(FakeCorpus()), "/entities")[2]


def test_store_lookups_are_kept_per_store_state(corpus: FakeCorpus) -> None:
    """With a state token, the story list is read once per store state, and again as soon as the state changes."""
    token = [1]
    app = make_app(corpus, state=lambda: token[0])
    call(app, "/")
    call(app, "/?q=ferry")
    assert corpus.calls.count("stories") == 1
    call(app, "/stories/S1")
    call(app, "/stories/S1?format=md")
    assert corpus.calls.count("dossier:S1") == 1
    token[0] = 2  # the store changed: nothing read before may be served again
    corpus.dossiers["S1"]["title"] = "A new title"
    assert "A new title" in call(app, "/stories/S1")[2]
    assert corpus.calls.count("stories") >= 1 and corpus.calls.count("dossier:S1") == 2
    # without a token every request reads the corpus
    plain, before = make_app(corpus), corpus.calls.count("stories")
    call(plain, "/")
    call(plain, "/")
    assert corpus.calls.count("stories") == before + 2


def test_pages_never_change_the_dossier_they_render(corpus: FakeCorpus) -> None:
    """The served app shares one dossier object between requests: no page may modify it."""
    class Shared(FakeCorpus):
        def dossier(self, story_id: str) -> dict:  # the same object every time, as the app's memo holds it
            return self.dossiers[story_id]

    corpus = Shared()
    app = make_app(corpus, state=lambda: 1)
    before = json.dumps(corpus.dossiers["S1"], sort_keys=True)
    for path in ("/stories/S1", "/stories/S1?format=md", "/api/stories/S1", "/", "/?q=dam", "/?sort=origins",
                 "/?warning=laundered", "/entities"):
        assert call(app, path)[0].startswith(("200", "404")), path
    assert json.dumps(corpus.dossiers["S1"], sort_keys=True) == before
