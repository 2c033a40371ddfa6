"""Story-level export tables: the story stage's rows of dossiers, written by DuckDB's COPY, read back by DuckDB (parquet and csv)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from newstrace.errors import NewstraceError
from newstrace.model import Story
from newstrace.provenance.stage import records_of
from newstrace.report.tables import TABLES, VIA_SEPARATOR, story_tables
from newstrace.store import Store

# A text a CSV writer must quote: a comma, a double quote, a newline and non-ASCII.
AWKWARD = 'He said, "the dam\nwill hold" — Ünal'


def _dossier(sid: str, *, reach: bool) -> dict[str, Any]:
    claim = {"id": "c1", "text": AWKWARD, "speaker": "Ünal", "reports": ["b", "a", "a"], "origins": ["o1", "o2"],
             "independent_origins": 2, "circular": False,
             "wordings": [{"report": "a", "text": "the dam will hold", "start": 3, "end": 20, "source": "Ünal",
                           "source_kind": "named", "via": ["Paper A", "Wire B"], "origin_reason": "named"},
                          {"report": "b", "text": "dam holds", "start": 0, "end": 9, "source": None,
                           "source_kind": "own", "via": [], "origin_reason": "own voice"}]}
    if reach:
        claim["reach"] = "laundered"
    other = {"id": "c2", "text": "x", "speaker": None, "reports": ["a"], "origins": [], "independent_origins": 0,
             "circular": True, "wordings": []}
    return {
        "id": sid,
        "entities": [{"id": "e1", "name": "Ünal", "type": "PERSON", "variants": ["Ünal", "Mr Ünal", "Ünal"],
                      "reports": ["a", "b"]}],
        "claims": [claim, other],
        "origins": [{"id": "o1", "name": "Ünal", "kind": "named"}, {"id": "o2", "name": "a document", "kind": "document"}],
        "graph": {"nodes": [{"id": "report:a", "label": "A", "kind": "report"},
                            {"id": "origin:o1", "label": "Ünal", "kind": "named"}],
                  "edges": [{"source": "report:a", "target": "origin:o1", "kind": "rests_on",
                             "evidence": {"report": "a", "start": 3, "end": 20, "text": AWKWARD}},
                            {"source": "report:a", "target": "outlet:A", "kind": "published_by", "evidence": None}]},
    }


class FakeCorpus:
    """The two Corpus calls story_tables reads, over the story stage's records of hand-written dossiers (one with
    `reach`, one without)."""

    def stories(self) -> list[dict[str, Any]]:
        return [{"id": "s1", "title": "T, one", "reports": ["a", "b"], "outlets": ["A", "B"],
                 "first_seen": "2026-11-17T06:00:00+02:00", "last_seen": None},
                {"id": "s2", "title": None, "reports": ["c"], "outlets": [], "first_seen": None, "last_seen": None}]

    def trace_rows(self, ids: Any = None) -> dict[str, list[tuple[Any, ...]]]:
        out: dict[str, list[tuple[Any, ...]]] = {}
        for sid in ids:
            story = Story(id=sid, reports=("a", "b"))
            for name, rows in records_of(story, "f", _dossier(sid, reach=sid == "s1")).rows().items():
                out.setdefault(name, []).extend(rows)
        return out


def test_rows_follow_the_declared_columns_and_flatten_lists_into_link_tables() -> None:
    t = story_tables(FakeCorpus())
    assert set(t) == set(TABLES)
    for name, rows in t.items():
        assert all(len(r) == len(TABLES[name]) for r in rows), name
    assert t["stories"] == [("s1", "T, one", "2026-11-17T06:00:00+02:00", None, 2, 2), ("s2", None, None, None, 1, 0)]
    claims = {(r[0], r[1]): r for r in t["story_claims"]}
    assert claims[("s1", "c1")] == ("s1", "c1", AWKWARD, "Ünal", 2, False, "laundered", 2)
    assert claims[("s2", "c1")][6] is None  # no `reach` in that dossier: null, not a guess
    assert [r for r in t["story_claim_reports"] if r[0] == "s1"] == [("s1", "c1", "a"), ("s1", "c1", "b"), ("s1", "c2", "a")]
    assert ("s1", "c1", "a", 3, 20, "the dam will hold", "Ünal", "named", f"Paper A{VIA_SEPARATOR}Wire B", "named",
            None, None) in t["story_claim_wordings"]  # no `act` nor `position` in that dossier: null
    assert [r[2] for r in t["story_entity_variants"] if r[0] == "s1"] == ["Mr Ünal", "Ünal"]
    assert ("s1", "e1", "Ünal", "PERSON", 2, 2) in t["story_entities"]
    edges = [r for r in t["story_graph_edges"] if r[0] == "s1"]
    assert edges == [("s1", "report:a", "origin:o1", "rests_on", "a", 3, 20, AWKWARD),
                     ("s1", "report:a", "outlet:A", "published_by", None, None, None, None)]
    assert story_tables(FakeCorpus(), ["s2"])["stories"] == [("s2", None, None, None, 1, 0)]


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_duckdb_reads_the_exported_story_tables_back(tmp_path: Path, fmt: str) -> None:
    rows = story_tables(FakeCorpus())
    store = Store(":memory:")
    written = store.export(tmp_path, fmt, {n: (TABLES[n], rows[n]) for n in TABLES})
    assert {p.name for p in written} >= {f"{n}.{fmt}" for n in TABLES} | {f"claims.{fmt}", f"reports.{fmt}"}
    con = duckdb.connect(":memory:", config={"autoload_known_extensions": "false", "autoinstall_known_extensions": "false"})

    def read(name: str) -> str:
        path = (tmp_path / f"{name}.{fmt}").as_posix()
        if fmt == "parquet":
            return f"read_parquet('{path}')"
        # the declared types, as a DuckDB user reading our CSV would pass them (README lists them)
        types = ", ".join(f"'{c}': '{t}'" for c, t in TABLES[name])
        return f"read_csv('{path}', header = true, columns = {{{types}}})"

    for name in TABLES:
        back = con.execute(f"SELECT * FROM {read(name)}").fetchall()
        assert sorted(back, key=repr) == sorted(rows[name], key=repr), name
        cols = [d[0] for d in con.execute(f"SELECT * FROM {read(name)} LIMIT 0").description]
        assert cols == [c for c, _ in TABLES[name]], name
    # the relational shape answers the analyst's question in one join: which reports carry a circular claim
    got = con.execute(
        f"SELECT c.story_id, c.claim_id, list(r.report_id ORDER BY r.report_id) FROM {read('story_claims')} c "
        f"JOIN {read('story_claim_reports')} r USING (story_id, claim_id) WHERE c.circular GROUP BY ALL ORDER BY ALL"
    ).fetchall()
    assert got == [("s1", "c2", ["a"]), ("s2", "c2", ["a"])]
    if fmt == "csv":
        # auto-detection (no column types given) still reads the quoted multi-line text whole
        path = (tmp_path / "story_claims.csv").as_posix()
        texts = {r[0] for r in con.execute(f"SELECT text FROM read_csv_auto('{path}')").fetchall()}
        assert AWKWARD in texts


def test_unknown_format_is_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(NewstraceError) as e:
        Store(":memory:").export(tmp_path, "xlsx")
    assert e.value.code == "NT501"
