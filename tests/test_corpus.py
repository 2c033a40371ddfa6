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
