"""Every input form of `newstrace.ingest.read`, on real aeb pages, and the id rules."""
from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

import pytest

from newstrace.ingest import Failure, Skipped, read
from newstrace.model import Report
from tests.ingest.helpers import aeb_pages, build_warc, http_response, warc_record


@pytest.fixture(scope="module")
def pages() -> list[dict]:
    return aeb_pages(4)


@pytest.fixture()
def tree(tmp_path: Path, pages: list[dict]) -> Path:
    """pages/a/0.html, pages/a/b/1.htm, pages/2.html, pages/3.txt (+ a hidden file that must be ignored)."""
    root = tmp_path / "pages"
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "0.html").write_text(pages[0]["html"], encoding="utf-8")
    (root / "a" / "b" / "1.htm").write_text(pages[1]["html"], encoding="utf-8")
    (root / "2.html").write_text(pages[2]["html"], encoding="utf-8")
    (root / "3.txt").write_text(pages[3]["articleBody"], encoding="utf-8")
    (root / ".hidden.html").write_text("<p>ignored</p>", encoding="utf-8")
    return root


def _reports(items) -> list[Report]:
    out = list(items)
    bad = [x for x in out if not isinstance(x, Report)]
    assert not bad, bad
    return out  # type: ignore[return-value]


def test_directory_ids_are_relative_to_the_directory(tree: Path, pages: list[dict]) -> None:
    reps = _reports(read([str(tree)]))
    assert [r.id for r in reps] == ["2.html", "3.txt", "a/0.html", "a/b/1.htm"]
    by_id = {r.id: r for r in reps}
    assert by_id["a/0.html"].raw == pages[0]["html"]
    assert by_id["a/0.html"].raw_kind == "html"
    assert by_id["3.txt"].raw_kind == "raw_text" and by_id["3.txt"].raw == pages[3]["articleBody"]
    assert by_id["a/b/1.htm"].source == str(tree / "a" / "b" / "1.htm")


def test_file_argument_keeps_the_path_as_given(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree.parent)
    reps = _reports(read(["pages/a/0.html", "pages/3.txt"]))
    assert [r.id for r in reps] == ["pages/a/0.html", "pages/3.txt"]
    monkeypatch.chdir(tree)
    assert [r.id for r in _reports(read(["3.txt"]))] == ["3.txt"]


def test_glob_ids_are_relative_to_the_fixed_prefix(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree.parent)
    assert [r.id for r in _reports(read(["pages/a/**/*.htm*"]))] == ["0.html", "b/1.htm"]
    assert [r.id for r in _reports(read(["pages/*.html"]))] == ["2.html"]
    miss = list(read(["pages/*.nothing"]))
    assert len(miss) == 1 and isinstance(miss[0], Failure) and miss[0].code == "NT100"


@pytest.mark.parametrize("gz", [False, True])
def test_warc_response_records_become_reports(tmp_path: Path, pages: list[dict], gz: bool,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = Path("crawl.warc.gz" if gz else "crawl.warc")
    build_warc(path, pages, gz=gz)
    out = list(read([str(path)]))
    reps = [x for x in out if isinstance(x, Report)]
    skipped = [x for x in out if isinstance(x, Skipped)]
    assert not [x for x in out if isinstance(x, Failure)]
    # record 1 warcinfo, then request/response pairs: responses are records 3, 5, 7, 9
    assert [r.id for r in reps] == [f"{path.name}#{n}" for n in (3, 5, 7, 9)]
    assert [r.raw for r in reps] == [p["html"] for p in pages]
    assert [r.url for r in reps] == [p["url"] for p in pages]
    r = reps[0]
    assert r.published is None and r.meta["crawl_date"] == "2024-05-01T10:00:00Z"
    # the reader names no outlet: the page's own site name comes first when cleaned, then the host
    assert r.outlet is None
    from newstrace.clean import clean_report
    from newstrace.clean.metadata import extract_metadata

    site = extract_metadata(r.raw, url=r.url).outlet
    assert site and clean_report(r).outlet == site
    assert clean_report(Report(id="x", raw="<html><body><p>Text.</p></body></html>", raw_kind="html",
                               url=r.url)).outlet == pages[0]["url"].split("/")[2].removeprefix("www.")
    assert r.source == f"{path}#3"
    reasons = sorted(s.reason for s in skipped)
    assert reasons == sorted(["NT110: warcinfo record"] + ["NT110: request record"] * 4
                             + ["NT110: Content-Type image/png", "NT110: HTTP 404"])


def test_warc_http_gzip_and_chunked_bodies_and_declared_charset(tmp_path: Path) -> None:
    html = "<html><body><p>Le président a déclaré</p></body></html>"
    recs = [
        warc_record(1, rtype="response", uri="https://a.example/1", content_type="application/http; msgtype=response",
                    body=http_response(html.encode(), gzip_body=True, chunked=True)),
        warc_record(2, rtype="response", uri="https://a.example/2", content_type="application/http; msgtype=response",
                    body=http_response(html.encode("cp1252"), ctype="text/html; charset=windows-1252")),
        warc_record(3, rtype="resource", uri="file:///x.html", content_type="text/html", body=html.encode()),
    ]
    path = tmp_path / "x.warc"
    path.write_bytes(b"".join(recs))
    reps = _reports(read([str(path)]))
    assert [r.raw for r in reps] == [html] * 3
    assert reps[1].meta["encoding_evidence"] == "declared:http"


def test_jsonl_fields_and_kinds(tmp_path: Path, pages: list[dict]) -> None:
    recs = [
        {"id": "h", "url": pages[0]["url"], "outlet": "WSJ", "title": "T", "published": "2019-11-19", "html": pages[0]["html"]},
        {"id": "r", "raw_text": "Menu\n" + pages[1]["articleBody"] + "\nSubscribe"},
        {"id": "t", "text": pages[2]["articleBody"]},
        {"id": 42, "text": "numeric ids become strings"},
    ]
    path = tmp_path / "in.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r) + "\n")
    reps = _reports(read([str(path)]))
    assert [r.id for r in reps] == ["h", "r", "t", "42"]
    h, r, t, _ = reps
    assert (h.raw_kind, h.raw, h.url, h.outlet, h.title, h.published) == (
        "html", pages[0]["html"], pages[0]["url"], "WSJ", "T", "2019-11-19")
    assert r.raw_kind == "raw_text" and r.raw.startswith("Menu\n") and r.text == ""
    # `text` is used as is: offsets into it must stay valid, so it is neither repaired nor normalised
    assert t.raw_kind == "text" and t.text == pages[2]["articleBody"] and t.raw is None
    assert len({x.content_hash for x in reps}) == 4


def test_content_hash_is_stable_and_changes_with_content(tmp_path: Path, pages: list[dict]) -> None:
    p = tmp_path / "a.html"
    p.write_text(pages[0]["html"], encoding="utf-8")
    h1 = _reports(read([str(p)]))[0].content_hash
    assert _reports(read([str(p)]))[0].content_hash == h1
    p.write_text(pages[0]["html"].replace("</body>", "<p>Update.</p></body>"), encoding="utf-8")
    assert _reports(read([str(p)]))[0].content_hash != h1


def test_stdin_html_jsonl_and_warc(tmp_path: Path, pages: list[dict]) -> None:
    one = _reports(read(["-"], stdin=io.BytesIO(pages[0]["html"].encode("utf-8"))))
    assert [(r.id, r.raw_kind, r.raw) for r in one] == [("-", "html", pages[0]["html"])]
    lines = b'{"id": "x", "text": "A."}\n{"text": "B."}\n'
    assert [r.id for r in _reports(read(["-"], stdin=io.BytesIO(lines)))] == ["x", "stdin#2"]
    path = tmp_path / "s.warc.gz"
    build_warc(path, pages[:1], gz=True, extras=False)
    reps = [x for x in read(["-"], stdin=io.BytesIO(path.read_bytes())) if isinstance(x, Report)]
    assert [r.id for r in reps] == ["-#3"] and reps[0].raw == pages[0]["html"]


def test_format_override_and_sniffing(tmp_path: Path, pages: list[dict]) -> None:
    odd = tmp_path / "page.data"
    odd.write_text(pages[0]["html"], encoding="utf-8")
    assert _reports(read([str(odd)]))[0].raw_kind == "html"  # sniffed
    assert _reports(read([str(odd)], format="text"))[0].raw_kind == "raw_text"  # forced
    j = tmp_path / "records.dat"
    j.write_text('{"id": "1", "text": "x"}\n', encoding="utf-8")
    assert _reports(read([str(j)]))[0].id == "1"
    w = tmp_path / "crawl.bin"
    build_warc(w, pages[:1], gz=True, extras=False)
    assert [r.id for r in read([str(w)]) if isinstance(r, Report)] == [f"{w}#3"]
    with pytest.raises(Exception) as e:
        list(read([str(odd)], format="pdf"))
    assert "NT109" in str(e.value)


def test_read_streams_lazily(tmp_path: Path) -> None:
    # The first report arrives before later inputs are touched: a missing later file is only noticed later.
    (tmp_path / "a.txt").write_text("first", encoding="utf-8")
    it = read([str(tmp_path / "a.txt"), str(tmp_path / "later.txt")])
    assert next(it).id.endswith("a.txt")
    (tmp_path / "later.txt").write_text("made after the first report", encoding="utf-8")
    assert isinstance(next(it), Report)


def test_missing_input_is_nt100_and_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Fine text.", encoding="utf-8")
    out = list(read([str(tmp_path / "nope.html"), str(tmp_path / "ok.txt")]))
    assert isinstance(out[0], Failure) and out[0].code == "NT100"
    assert isinstance(out[1], Report)


def test_unreadable_file_is_a_failure(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read any file")
    p = tmp_path / "locked.html"
    p.write_text("<p>x</p>")
    p.chmod(0)
    out = list(read([str(p)]))
    assert isinstance(out[0], Failure) and out[0].code == "NT101"
