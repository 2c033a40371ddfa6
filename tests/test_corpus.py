"""Corpus: when an ingest re-clusters the whole store, and that listings agree with the store."""
from __future__ import annotations

import json
from pathlib import Path

from newstrace.corpus import REBUILD_PER_CHANGED_REPORT, Corpus
from tests.conftest import DATA, read_jsonl_gz


def _feed(path: Path, docs: list[dict]) -> str:
    path.write_text("".join(json.dumps({"id": d["doc_id"], "text": d["text"], "title": d["title"]}) + "\n"
                            for d in docs), encoding="utf-8")
    return str(path)


def test_rebuild_only_while_it_costs_no_more_than_the_ingest(tmp_path: Path) -> None:
    docs = [d for d in read_jsonl_gz(DATA / "ecbplus" / "ecbplus_docs.jsonl.gz") if d["text"].strip()]
    first = docs[: REBUILD_PER_CHANGED_REPORT + 5]
    with Corpus.open(tmp_path / "s.duckdb") as corpus:
        big = corpus.ingest([_feed(tmp_path / "a.jsonl", first)])
        assert big.rebuilt  # the whole store is new: the rebuild costs less than this ingest
        small = corpus.ingest([_feed(tmp_path / "b.jsonl", docs[len(first) : len(first) + 1])])
        assert small.new == 1 and not small.rebuilt  # one report into a larger store: the stream's word stands
        stories = corpus.stories()
        members = sorted(r for s in stories for r in s["reports"])
        assert members == sorted(d["doc_id"] for d in docs[: len(first) + 1])
        one = stories[0]
        assert corpus.story(one["id"]).reports == tuple(one["reports"])


def test_versions_of_one_id_in_flight_together_are_all_kept(tmp_path: Path) -> None:
    """Versions of one id that are with the workers while earlier ones are written each get their own version
    number: none overwrites another (the ingest streams, so the store does not know the ones in flight)."""
    from newstrace.settings import Settings

    feed = tmp_path / "feed.jsonl"
    # more versions than the runner keeps in flight (workers x prefetch x worker batch = 16 here)
    texts = [f"Version {i} of the statement: the minister said on Monday that {i} bridges would close." for i in range(40)]
    # back to back, so a later version is handed over while an earlier one is being written
    rows = [{"id": "a", "text": t} for t in texts]
    rows += [{"id": f"other{i}", "text": f"Unrelated report number {i} about the harbour and its {i} cranes."}
             for i in range(3)]
    rows.append({"id": "a", "text": texts[2]})  # a repeat of a version in flight or stored: unchanged
    feed.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    with Corpus.open(tmp_path / "v.duckdb", Settings(workers=1, rebuild_max_reports=0)) as c:
        summary = c.ingest([str(feed)], batch_size=1)
        got = c.store.con.execute("SELECT version, text FROM reports WHERE id = 'a' ORDER BY version").fetchall()
        current = c.store.con.execute("SELECT version FROM reports WHERE id = 'a' AND current").fetchall()
    assert [v for v, _ in got] == list(range(1, 41))
    assert [t for _, t in got] == texts
    assert current == [(40,)] and summary.unchanged == 1 and summary.new_versions == 39
