"""In headless Chromium: the story list, a click into the dossier, the claims and origin badges visible; the
self-contained HTML export opens from a file with no network request at all."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.conftest import CHROMIUM, serving
FIXTURE = Path(__file__).resolve().parents[1] / "report" / "fixtures" / "dossier.json"

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)")]


class _Corpus:
    def __init__(self) -> None:
        self.d = json.loads(FIXTURE.read_text(encoding="utf-8"))

    def stories(self) -> list[dict]:
        return [{"id": "S1", "title": self.d["title"], "reports": [r["id"] for r in self.d["reports"]],
                 "outlets": sorted({r["outlet"] for r in self.d["reports"]}), "first_seen": "2026-11-17",
                 "last_seen": "2026-11-19"}]

    def dossier(self, story_id: str) -> dict:
        from newstrace.errors import NewstraceError

        if story_id != "S1":
            raise NewstraceError("NT403", story_id)
        return self.d


@pytest.fixture()
def server_url():
    with serving(_Corpus()) as base:
        yield base


def test_list_click_into_dossier_shows_claims_and_badges(browser, server_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server_url) else None)
    page.goto(server_url + "/")
    link = page.get_by_role("link", name="Leaked document shows ministry handed")
    assert link.is_visible()
    link.click()
    page.wait_for_url(server_url + "/stories/S1")
    cards = page.locator(".nt-card.claim")
    assert cards.count() == 6
    c1 = page.locator("#claim-C1")
    assert c1.is_visible()
    assert c1.locator(".nt-badge").first.inner_text() == "1 independent origin"
    assert c1.locator(".nt-warning").is_visible()
    assert "5 reports rest on one origin" in c1.locator(".nt-warning").inner_text()
    page.locator("#claim-C4").scroll_into_view_if_needed()
    assert page.locator("#claim-C4 .nt-badge").first.inner_text() == "2 independent origins"
    assert page.locator("#claim-C4 .nt-badge").first.is_visible()
    # wordings sit side by side: same top, increasing left
    boxes = [w.bounding_box() for w in c1.locator(".nt-wording").all()]
    assert len(boxes) == 4 and len({round(b["y"]) for b in boxes}) == 1  # the wire and its copy share a box
    assert [b["x"] for b in boxes] == sorted(b["x"] for b in boxes)
    svg = page.locator(".nt-graph svg")
    svg.scroll_into_view_if_needed()
    assert svg.is_visible() and svg.bounding_box()["width"] > 400
    assert outside == []
    page.close()


def test_exported_file_opens_offline_without_requests(browser, tmp_path: Path) -> None:
    from newstrace.report.html import render_html

    d = json.loads(FIXTURE.read_text(encoding="utf-8"))
    d["title"] = "<img src=http://127.0.0.1:9/x.png> dam"
    f = tmp_path / "dossier.html"
    f.write_text(render_html(d), encoding="utf-8")
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f.as_uri())
    assert page.locator("h1").inner_text() == "<img src=http://127.0.0.1:9/x.png> dam"
    assert page.locator(".nt-card.claim").count() == 6
    assert requests == [f.as_uri()]
    page.close()


def test_real_examples_store_in_the_browser(browser, tmp_path: Path) -> None:
    """The whole chain: ingest examples/corpus into a fresh store, serve it, browse to the dam story."""
    from newstrace.corpus import Corpus

    root = Path(__file__).resolve().parents[2]
    db = tmp_path / "ex.duckdb"
    with Corpus.open(db) as corpus:
        corpus.ingest([str(root / "examples" / "corpus")])
    with Corpus.open(db, read_only=True) as corpus:
        stories = corpus.stories()
        with serving(corpus) as url:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(url + "/")
            assert page.locator("table.stories tbody tr").count() == len(stories) == 2
            main = next(s for s in stories if "nation-herald.html" in s["reports"])
            page.locator(f"a[href='/stories/{main['id']}']").click()
            page.wait_for_url(url + f"/stories/{main['id']}")
            cards = page.locator(".nt-card.claim")
            assert cards.count() >= 4
            first = cards.first
            assert first.is_visible() and first.locator(".nt-badge").first.is_visible()
            assert "independent origin" in first.locator(".nt-badge").first.inner_text()
            assert page.locator(".nt-warning").count() >= 1
            assert page.locator(".nt-graph svg").is_visible()
            page.close()
