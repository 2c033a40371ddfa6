"""The real `newstrace` command on real pages from ../shared/data: every input form, re-ingest, versions,
bad input in a batch, and a kill in the middle of an ingest."""
from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import DATA, read_jsonl_gz
from tests.ingest.helpers import aeb_pages, build_warc

CLI = [sys.executable, "-m", "newstrace.cli"]


ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, cwd: Path | None = None, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=timeout, cwd=cwd, env=env)


def jsonl(text: str) -> list[dict]:
    return [json.loads(x) for x in text.splitlines() if x.strip()]


def _shingles(text: str) -> set[tuple[str, ...]]:
    import re

    toks = re.findall(r"\w+", text)
    return {tuple(toks[i : i + 4]) for i in range(max(0, len(toks) - 3))}


def _recall(got: str, gold: str) -> float:
    g = _shingles(gold)
    return len(g & _shingles(got)) / max(1, len(g))


@pytest.fixture(scope="module")
def pages() -> list[dict]:
    return aeb_pages(6)


def test_clean_json_every_input_form(tmp_path: Path, pages: list[dict]) -> None:
    (tmp_path / "site" / "sub").mkdir(parents=True)
    (tmp_path / "site" / "sub" / "a.html").write_text(pages[0]["html"], encoding="utf-8")
    (tmp_path / "site" / "b.htm").write_text(pages[1]["html"], encoding="utf-8")
    build_warc(tmp_path / "crawl.warc.gz", pages[2:4], gz=True)
    body = pages[4]["articleBody"]
    chrome = ["Skip to content", "Menu", "Home | World | Business | Sport", "Share on Facebook", "Tweet"]
    (tmp_path / "page.txt").write_text("\n".join(chrome + body.split("\n") + ["You may also like", "Most Popular"]),
                                       encoding="utf-8")
    records = [
        {"id": "j-html", "url": pages[5]["url"], "html": pages[5]["html"]},
        {"id": "j-text", "text": "Police said the man was arrested on Tuesday.", "outlet": "Daily Star"},
        {"id": "j-raw", "raw_text": "\n".join(chrome + body.split("\n"))},
    ]
    (tmp_path / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")

    res = run("clean", "--json", "site", "crawl.warc.gz", "page.txt", "feed.jsonl", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    got = {d["id"]: d for d in jsonl(res.stdout)}
    assert {"sub/a.html", "b.htm", "page.txt", "j-html", "j-text", "j-raw"} <= set(got)
    warc_ids = sorted(k for k in got if k.startswith("crawl.warc.gz#"))
    assert len(warc_ids) == 2  # two HTML responses; warcinfo, requests, PNG and 404 are skipped
    for d in got.values():
        assert set(d) >= {"id", "url", "outlet", "title", "authors", "published", "published_evidence", "language", "text"}
    assert _recall(got["sub/a.html"]["text"], pages[0]["articleBody"]) > 0.8
    assert _recall(got["b.htm"]["text"], pages[1]["articleBody"]) > 0.8
    assert _recall(got[warc_ids[0]]["text"], pages[2]["articleBody"]) > 0.8
    assert _recall(got["j-html"]["text"], pages[5]["articleBody"]) > 0.8
    assert got["j-text"]["text"] == "Police said the man was arrested on Tuesday."  # used as is
    assert got["j-text"]["outlet"] == "Daily Star"
    assert "Skip to content" not in got["page.txt"]["text"] and _recall(got["page.txt"]["text"], body) > 0.8
    assert "Share on Facebook" not in got["j-raw"]["text"]


def test_stdin(pages: list[dict]) -> None:
    res = subprocess.run([*CLI, "clean", "--json", "--format", "html", "-"], input=pages[0]["html"].encode(),
                         capture_output=True, timeout=300)
    assert res.returncode == 0, res.stderr
    (d,) = jsonl(res.stdout.decode())
    assert _recall(d["text"], pages[0]["articleBody"]) > 0.8


def _ecb_texts(n: int) -> list[dict]:
    docs = [d for d in read_jsonl_gz(DATA / "ecbplus" / "ecbplus_docs.jsonl.gz") if d["text"].strip()]
    return [{"id": d["doc_id"], "text": d["text"], "title": d["title"]} for d in docs[:n]]


def test_reingest_is_noop_and_changed_content_is_a_new_version(tmp_path: Path) -> None:
    docs = _ecb_texts(8)
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    first = run("ingest", "--db", db, "--json", str(feed))
    assert first.returncode == 0, first.stderr
    assert jsonl(first.stdout)[0]["new"] == 8
    again = jsonl(run("ingest", "--db", db, "--json", str(feed)).stdout)[0]
    assert (again["new"], again["unchanged"], again["new_versions"]) == (0, 8, 0)
    docs[0]["text"] += " A correction was appended later."
    feed.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    third = jsonl(run("ingest", "--db", db, "--json", str(feed)).stdout)[0]
    assert (third["new"], third["new_versions"], third["unchanged"]) == (0, 1, 7)
    reports = jsonl(run("reports", "--db", db, "--json").stdout)
    assert len(reports) == 8 and {r["version"] for r in reports if r["id"] == docs[0]["id"]} == {2}
    stories = jsonl(run("stories", "--db", db, "--json").stdout)
    members = [r for s in stories for r in s["reports"]]
    assert sorted(members) == sorted(d["id"] for d in docs)  # every report in exactly one story
    for s in stories:
        assert set(s) >= {"id", "title", "reports", "outlets", "first_seen", "last_seen"}


def test_bad_files_are_listed_and_the_rest_is_stored(tmp_path: Path, pages: list[dict]) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.html").write_text(pages[0]["html"], encoding="utf-8")
    (d / "empty.html").write_bytes(b"")
    (d / "binary.html").write_bytes(bytes(range(256)) * 64)
    (d / "cut.jsonl.gz").write_bytes(gzip.compress(b'{"id": "x", "text": "hello there"}\n' * 50)[:-30])
    (d / "broken.jsonl").write_text('{"id": "ok", "text": "Police said so."}\nnot json at all\n', encoding="utf-8")
    db = str(tmp_path / "s.duckdb")
    res = run("ingest", "--db", db, "--json", str(d))
    assert res.returncode == 1
    summary = jsonl(res.stdout)[0]
    codes = sorted(f["code"] for f in summary["failures"])
    assert {"NT101", "NT104", "NT106"} <= set(codes) and ("NT103" in codes)
    stored = {r["id"] for r in jsonl(run("reports", "--db", db, "--json").stdout)}
    assert {"good.html", "ok"} <= stored


_INGEST_REPORTING_BATCHES = r"""
import sys
from newstrace.corpus import Corpus
with Corpus.open(sys.argv[1]) as corpus:
    corpus.ingest([sys.argv[2]], progress=lambda n: print("committed", n, flush=True))
"""


def test_kill_mid_ingest_then_resume_without_duplicates(tmp_path: Path) -> None:
    docs = _ecb_texts(160)
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    db = tmp_path / "s.duckdb"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen([sys.executable, "-c", _INGEST_REPORTING_BATCHES, str(db), str(feed)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, start_new_session=True)
    # `progress` runs after a batch's transaction has committed: kill the whole process group right then,
    # with four of the five batches of 32 still to go.
    first = proc.stdout.readline()
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert first.startswith("committed"), first
    res = run("ingest", "--db", str(db), "--json", str(feed))
    assert res.returncode == 0, res.stderr
    summary = jsonl(res.stdout)[0]
    assert summary["new"] + summary["unchanged"] == len(docs)
    assert summary["unchanged"] >= 32 and summary["new"] > 0  # resumed: the committed batch is not redone
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*), count(DISTINCT id) FROM reports").fetchone() == (len(docs), len(docs))
    assert con.execute("SELECT count(*) FROM reports WHERE version <> 1").fetchone() == (0,)
    orphans = con.execute("SELECT count(*) FROM attributions a LEFT JOIN reports r ON a.report_id = r.id "
                          "WHERE r.id IS NULL").fetchone()
    assert orphans == (0,)
    assert con.execute("SELECT count(*) FROM story_reports").fetchone() == (len(docs),)


def test_ray_backend_stores_what_the_local_backend_stores(tmp_path: Path) -> None:
    """The same stages on Ray actors give the same reports, stories and dossier as local worker processes."""
    pytest.importorskip("ray")
    corpus = str(ROOT / "examples" / "corpus")
    out = {}
    for backend in ("local", "ray"):
        db = str(tmp_path / f"{backend}.duckdb")
        res = run("ingest", "--db", db, "--json", "--backend", backend, "--workers", "2", corpus)
        assert res.returncode == 0, res.stderr
        reports = sorted(jsonl(run("reports", "--db", db, "--json").stdout), key=lambda r: r["id"])
        stories = jsonl(run("stories", "--db", db, "--json").stdout)
        main = max(stories, key=lambda s: len(s["reports"]))
        dossier = json.loads(run("story", main["id"], "--db", db, "--format", "json").stdout)
        out[backend] = (jsonl(res.stdout)[0]["new"], reports, sorted(sorted(s["reports"]) for s in stories),
                        [(c["text"], c["independent_origins"], c["circular"]) for c in dossier["claims"]])
    assert out["local"][0] == 7 and out["local"][3]
    assert out["ray"] == out["local"]


def test_unknown_backend_is_a_usage_error(tmp_path: Path) -> None:
    res = run("ingest", "--db", str(tmp_path / "x.duckdb"), "--backend", "spark", str(ROOT / "examples" / "corpus"))
    assert res.returncode == 2 and "NT105" in res.stderr and not (tmp_path / "x.duckdb").exists()
