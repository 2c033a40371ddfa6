"""The story index persisted by row (`StoryIndex.to_rows` / `from_rows`, store migration 5) continues the stream
exactly as the whole-index blob (`to_bytes` / `from_bytes`) did, and a store holding the blob still opens and keeps
its stories."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import duckdb
import pytest

from newstrace.corpus import Corpus
from newstrace.model import Report
from newstrace.settings import Settings
from newstrace.store.schema import LATEST
from newstrace.stories.index import StoryIndex
from newstrace.store import Store
from tests.conftest import DATA, read_jsonl_gz


@pytest.fixture(scope="module")
def batches() -> list[list[Report]]:
    rows = [r for r in read_jsonl_gz(DATA / "ecbplus" / "ecbplus_docs.jsonl.gz") if r["topic"] in (1, 3, 20, 36)]
    reports = [Report(id=r["doc_id"], text=r["text"], title=r["title"], content_hash=r["doc_id"]) for r in rows]
    third = len(reports) // 3
    b1, b2, b3 = reports[:third], reports[third : 2 * third], reports[2 * third :]
    # a changed page: a new version of a report of the first batch comes with the second (removal + re-add)
    b2 = [*b2, dataclasses.replace(b1[3], text=b1[3].text + " Updated.", content_hash="v2", version=2)]
    return [b1, b2, b3]


def _state(idx: StoryIndex) -> tuple:
    return (idx.assignments(), {s: idx.members(s) for s in idx.stories_}, list(idx.stories_), idx.next_id,
            {k: list(p.items()) for k, p in idx.postings.items()})


class _Rows:
    """What the store keeps of `to_rows` (tables story_index_docs and story_index_stories)."""

    def __init__(self) -> None:
        self.docs: dict[str, tuple[str, int, bytes]] = {}
        self.stories: dict[str, int] = {}
        self.meta = b""

    def apply(self, rows: dict) -> None:
        if rows["full"]:
            self.docs.clear()
            self.stories.clear()
        for r in rows["gone_docs"]:
            self.docs.pop(r, None)
        for s in rows["gone_stories"]:
            self.stories.pop(s, None)
        self.docs.update({r: (s, p, d) for r, s, p, d in rows["docs"]})
        self.stories.update(dict(rows["stories"]))
        self.meta = rows["meta"]

    def load(self) -> StoryIndex:
        order = sorted(self.docs.items(), key=lambda kv: (self.stories[kv[1][0]], kv[1][1]))
        return StoryIndex.from_rows(self.meta, [(r, s, d) for r, (s, _p, d) in order])


def test_rows_continue_the_stream_exactly_as_the_blob(batches) -> None:
    blob_idx, rows_idx, kept = StoryIndex(), StoryIndex(), _Rows()
    for i, batch in enumerate(batches):
        if i:
            blob_idx = StoryIndex.from_bytes(blob_idx.to_bytes())
            rows_idx = kept.load()
            assert _state(rows_idx) == _state(blob_idx)  # the reload gives the same index, orders included
        a = {r.id: blob_idx.add(r) for r in batch}
        b = {r.id: rows_idx.add(r) for r in batch}
        assert a == b
        delta = rows_idx.to_rows()
        assert len(delta["docs"]) == len(batch)  # only what this batch changed is written
        kept.apply(delta)
    assert _state(kept.load()) == _state(StoryIndex.from_bytes(blob_idx.to_bytes()))
    assert len(kept.docs) == len(blob_idx.docs) and set(kept.stories) == set(blob_idx.stories_)


def test_corrupt_rows_are_a_coded_error() -> None:
    from newstrace.errors import InputError

    with pytest.raises(InputError) as e:
        StoryIndex.from_rows(b"{not json", [])
    assert e.value.code == "NT103"


def _old_store(path: Path, reports: list[Report]) -> StoryIndex:
    """A store as newstrace wrote it before migration 5: schema 4, the index as one blob in state 'stories'."""
    idx = StoryIndex()
    assignments = {r.id: idx.add(r) for r in reports}
    s = Store(path)
    s.write_batch(reports)
    s.write_stories(assignments, [], idx.to_bytes())
    s.close()
    con = duckdb.connect(str(path))
    con.execute("DROP TABLE story_index_docs")
    con.execute("DROP TABLE story_index_stories")
    con.execute("DELETE FROM schema_version WHERE version >= 5")
    con.close()
    return idx


def test_a_store_with_the_index_blob_migrates_and_continues_the_same_stream(tmp_path: Path, batches) -> None:
    path = tmp_path / "old.duckdb"
    ref = _old_store(path, batches[0])
    for batch in batches[1:]:
        ref = StoryIndex.from_bytes(ref.to_bytes())  # what the pre-migration code did between ingests
        want = {r.id: ref.add(r) for r in batch}
        with Corpus.open(path, Settings(rebuild_max_reports=0)) as c:
            c.store.write_batch(batch)
            c._assign(batch)
            c._save_index()
            got = {r.id: c.store.story_assignments()[r.id] for r in batch}
            assert c.store.state("stories") is None and c.store.state("stories.rows")  # rows replace the blob
            assert c.store.count("story_index_docs") == len(ref.docs)
        assert got == want
    with Corpus.open(path) as c:
        assert c.store.schema_version == LATEST  # migrated through every later migration too
        assert _state(c._load_index()) == _state(StoryIndex.from_bytes(ref.to_bytes()))
        assert sorted(c.store.story_assignments()) == sorted({r.id for b in batches for r in b})


def test_rebuild_writes_every_row_and_the_next_ingest_reads_them(tmp_path: Path, batches) -> None:
    with Corpus.open(tmp_path / "s.duckdb", Settings(rebuild_max_reports=0)) as c:
        c.store.write_batch(batches[0])
        c._assign(batches[0])
        c.rebuild_stories()
        rebuilt = _state(c._index)
    with Corpus.open(tmp_path / "s.duckdb") as c:
        assert _state(c._load_index()) == _state(StoryIndex.from_bytes(c._index.to_bytes()))
        assert c._index.assignments() == rebuilt[0] and c.store.story_assignments() == rebuilt[0]


def test_reports_an_interrupted_ingest_left_without_a_story_are_assigned_next_time(tmp_path: Path, batches) -> None:
    from newstrace.corpus import IngestSummary

    path = tmp_path / "s.duckdb"
    with Corpus.open(path, Settings(rebuild_max_reports=0)) as c:
        c.store.write_batch(batches[0])  # stored, then the process died before assigning them
    with Corpus.open(path, Settings(rebuild_max_reports=0)) as c:
        c._assign_unassigned(IngestSummary())
        ref = StoryIndex()
        want = {r.id: ref.add(r) for r in sorted(batches[0], key=lambda r: r.id)}  # assigned in id order
        assert c.store.story_assignments() == want and c.store.unassigned_report_ids() == []
