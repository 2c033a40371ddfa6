"""The analyst workbench in headless Chromium, over a real store built from the example corpus (issue 15).

Clicks list → story → a graph node → the report page at an evidence span → back; searches "al-Kadi" (a spelling
the texts never use: they write "al-Qadi") and finds the story; sorts and filters; opens an entity page and a
side-by-side comparison. Screenshots go to ``build/screenshots/`` (gitignored) so a person can look at them.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest

from newstrace.corpus import Corpus

ROOT = Path(__file__).resolve().parents[2]
from tests.e2e.conftest import CHROMIUM, serving
SHOTS = ROOT / "build" / "screenshots"

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)")]


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory):
    db = tmp_path_factory.mktemp("wb") / "store.duckdb"
    with Corpus.open(str(db)) as c:
        c.ingest([str(ROOT / "examples" / "corpus")])
    corpus = Corpus.open(str(db))
    with serving(corpus) as base:
        yield base
    corpus.close()


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def test_list_story_graph_node_report_span_and_back(browser, url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url + "/")
    _shot(page, "1-story-list")
    page.click("table.stories tbody tr:first-child td a")
    page.wait_for_selector("h2#graph")
    story_url = page.url
    assert "/stories/" in story_url
    _shot(page, "2-story")
    # a report node of the provenance graph is a link to that report's page
    node = page.locator("svg a.nt-node-link").filter(has=page.locator("g.k-report")).first
    node.scroll_into_view_if_needed()
    node.click()
    page.wait_for_selector("div.nt-text")
    assert "/reports/" in page.url
    page.go_back()
    page.wait_for_selector("h2#graph")
    assert page.url == story_url
    # a wording's span link lands on that span of the report, highlighted as :target
    link = page.locator(".nt-wording .rid a").first
    href = link.get_attribute("href") or ""
    m = re.search(r"#(c\d+-\d+)$", href)
    assert m, href
    link.click()
    page.wait_for_selector("div.nt-text")
    target = page.locator(f"[id='{m.group(1)}']")
    assert target.count() == 1
    assert page.evaluate("() => document.querySelector(':target') && document.querySelector(':target').id") \
        == m.group(1)
    bg = page.evaluate("() => getComputedStyle(document.querySelector(':target')).backgroundColor")
    assert bg == "rgb(255, 224, 138)"  # the :target highlight
    # the cleaned text carries attribution, entity and claim marks; cleaning's removals are listed with reasons
    assert page.locator(".nt-text .m-content").count() > 0
    assert page.locator(".nt-text .m-ent").count() > 0
    assert page.locator(".nt-text .m-claim").count() > 0
    _shot(page, "3-report-at-span")
    page.go_back()
    page.wait_for_selector("h2#graph")
    assert all(r.startswith(url) for r in requests), [r for r in requests if not r.startswith(url)]
    page.close()


def test_search_sort_filter_entity_and_compare(browser, url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url + "/")
    page.fill("input[name=q]", "al-Kadi")
    page.click("form.nt-filters button")
    page.wait_for_selector("table.stories")
    titles = page.locator("table.stories tbody tr td:first-child a").all_inner_texts()
    assert len(titles) == 1 and "dam contract" in titles[0].lower(), titles
    _shot(page, "4-search-al-Kadi")
    # sort by reports, ascending then descending
    page.goto(url + "/")
    page.click("th a:has-text('reports')")
    first_sorted = page.locator("table.stories tbody tr td:nth-child(2)").all_inner_texts()
    page.click("th a:has-text('reports')")
    second_sorted = page.locator("table.stories tbody tr td:nth-child(2)").all_inner_texts()
    assert [int(x) for x in first_sorted] != [int(x) for x in second_sorted]
    assert sorted(int(x) for x in second_sorted) in ([int(x) for x in second_sorted],
                                                      [int(x) for x in second_sorted][::-1])
    # filter by outlet and by a date range that holds no story
    page.goto(url + "/?outlet=Port")
    assert page.locator("table.stories tbody tr").count() == 1
    page.goto(url + "/?from=2030-01-01")
    assert "No story matches" in page.inner_text("body")
    # an entity page from the entities list, with the reports that write each spelling
    page.goto(url + "/entities")
    page.click("table.stories tbody tr:first-child td:first-child a")
    page.wait_for_selector("h2#variants")
    assert "/entities/" in page.url
    assert page.locator("h2#variants + table a").count() > 0
    # each spelling lists only the reports whose text writes it as such
    for row in page.locator("h2#variants + table tbody tr").all():
        spelling = row.locator("td").first.inner_text().strip()
        for rid in [a.inner_text().strip() for a in row.locator("a").all()]:
            text = page.context.request.get(url + "/api/reports/" + quote(rid, safe="")).json()["text"]
            assert spelling in text, (spelling, rid)
    _shot(page, "5-entity")
    # two reports side by side, from a report page
    page.goto(url + "/reports/daily-courier.txt")
    page.click("text=Compare side by side with: >> xpath=.. >> a >> nth=0")
    page.wait_for_selector("div.nt-two")
    assert page.locator(".nt-two .nt-text").count() == 2
    _shot(page, "6-compare")
    page.close()


def test_wrong_host_is_refused(url: str) -> None:
    import http.client

    host, port = url.removeprefix("http://").split(":")
    for bad, want in (("evil.example", 421), ("127.0.0.1.evil.example", 421)):
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        conn.request("GET", "/", headers={"Host": bad})
        assert conn.getresponse().status == want
        conn.close()
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    conn.request("GET", "/", headers={"Host": f"localhost:{port}"})
    assert conn.getresponse().status == 200
    conn.close()
