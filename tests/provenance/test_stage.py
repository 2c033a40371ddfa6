"""The story stage (issue 13): compare and provenance run at ingest for the stories an ingest touched, their typed
records stored in tables of their own, and the readers only read them."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import newstrace.provenance.dossier as dossier_mod
from newstrace.corpus import Corpus
from newstrace.model import ClaimGroup, Report, Skipped, Story, Wording
from newstrace.provenance.stage import StoryTrace, records_of, trace_stories
from newstrace.settings import Settings
from newstrace.store.schema import STORY_TABLES

ROOT = Path(__file__).resolve().parents[2]

# Two small stories written for these tests: a quake told by three outlets, a strike told by two.
QUAKE = [
    ("q1", "Herald", "A strong earthquake struck the coastal town of Marisol on Monday, killing 12 people, the "
                     "regional governor Ana Ruiz said. Rescue teams were still searching collapsed houses."),
    ("q2", "Courier", "Regional governor Ana Ruiz said 12 people died when a strong earthquake struck Marisol on "
                      "Monday. Rescue teams searched collapsed houses through the night."),
    ("q3", "Gazette", "An earthquake killed 12 people in Marisol on Monday, according to governor Ana Ruiz. Rescue "
                      "teams were searching collapsed houses in the coastal town."),
]
STRIKE = [
    ("s1", "Herald", "Dock workers at the port of Velden began a 48-hour strike on Friday over pay, the dockers' "
                     "union said. Union leader Piet Maas said talks with the port authority had failed."),
    ("s2", "Courier", "A 48-hour strike by dock workers closed the port of Velden on Friday. Talks with the port "
                      "authority over pay had failed, union leader Piet Maas said."),
]


def _feed(path: Path, rows: list[tuple[str, str, str]]) -> str:
    path.write_text("".join(json.dumps({"id": i, "outlet": o, "text": t, "title": t[:40]}) + "\n"
                            for i, o, t in rows), encoding="utf-8")
    return str(path)


def _open(path: Path, **kw: Any) -> Corpus:
    return Corpus.open(path, Settings(workers=1, **kw))


def test_ingest_traces_the_touched_stories_and_readers_only_read(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    with _open(tmp_path / "s.duckdb") as c:
        summary = c.ingest([_feed(tmp_path / "a.jsonl", QUAKE + STRIKE)])
        stories = c.stories()
        assert summary.traced == len(stories) >= 2 and not summary.failures
        rows = c.store.trace_rows()
        assert {r[0] for r in rows["story_claims"]} == {s["id"] for s in stories}
        for name, cols in STORY_TABLES.items():
            assert all(len(r) == len(cols) for r in rows[name]), name
        # every claim's wordings point at their words in the report's text
        texts = {r.id: r.text for r in c.reports()}
        for _, _, rid, start, end, text, *_ in rows["story_claim_wordings"]:
            assert texts[rid][start:end] == text

        def refuse(*a: Any, **k: Any) -> Any:
            raise AssertionError("a reader built a dossier")

        monkeypatch.setattr(dossier_mod, "build_dossier", refuse)
        for s in stories:  # served from the store: nothing is built on read
            d = c.dossier(s["id"])
            assert {cl["id"] for cl in d["claims"]} == {r[1] for r in rows["story_claims"] if r[0] == s["id"]}
        assert c.trace_rows() == rows
        again = c.ingest([_feed(tmp_path / "a.jsonl", QUAKE + STRIKE)])
        assert again.unchanged == 5 and again.traced == 0  # nothing changed, nothing is built


def test_only_the_stories_an_ingest_changed_are_traced_again(tmp_path: Path) -> None:
    with _open(tmp_path / "s.duckdb", rebuild_max_reports=0) as c:
        c.ingest([_feed(tmp_path / "a.jsonl", QUAKE + STRIKE)])
        before = dict(c.store.con.execute("SELECT story_id, fingerprint FROM dossiers").fetchall())
        extra = ("q4", "Tribune", "Governor Ana Ruiz said the Marisol earthquake on Monday killed 12 people; rescue "
                                  "teams kept searching collapsed houses in the coastal town.")
        summary = c.ingest([_feed(tmp_path / "b.jsonl", [extra])])
        after = dict(c.store.con.execute("SELECT story_id, fingerprint FROM dossiers").fetchall())
        quake = c.store.story_assignments()["q4"]
        assert summary.traced == 1
        assert after[quake] != before.get(quake)
        assert {k: v for k, v in after.items() if k != quake} == {k: v for k, v in before.items() if k != quake}
        reports = {r[2] for r in c.store.trace_rows([quake])["story_claim_reports"]}
        assert "q4" in reports


def test_one_failing_story_is_counted_and_the_others_are_traced(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    real = dossier_mod.build_dossier

    def flaky(story: Story, reports: Any, copies: Any = ()) -> Any:
        if "s1" in story.reports:
            raise ValueError("broken story")
        return real(story, reports, copies)

    monkeypatch.setattr(dossier_mod, "build_dossier", flaky)
    with _open(tmp_path / "s.duckdb") as c:
        summary = c.ingest([_feed(tmp_path / "a.jsonl", QUAKE + STRIKE)])
        assert summary.new == 5
        assert [f["code"] for f in summary.failures] == ["NT406"]
        assert "broken story" in summary.failures[0]["message"]
        assert summary.traced == len(c.stories()) - 1
        assert any(f["code"] == "NT406" for f in c.failures())  # recorded in the store, as report failures are
        monkeypatch.setattr(dossier_mod, "build_dossier", real)
        strike = c.store.story_assignments()["s1"]
        assert c.dossier(strike)["claims"]  # the next read builds it
        assert c.store.trace_rows([strike])["story_claims"]


def test_without_trace_at_ingest_a_story_is_traced_on_first_read(tmp_path: Path) -> None:
    with _open(tmp_path / "s.duckdb", trace_at_ingest=False) as c:
        summary = c.ingest([_feed(tmp_path / "a.jsonl", QUAKE)])
        assert summary.traced == 0 and c.store.count("dossiers") == 0
        sid = c.stories()[0]["id"]
        d = c.dossier(sid)
        assert c.store.count("dossiers") == 1
        assert {r[1] for r in c.store.trace_rows([sid])["story_claims"]} == {cl["id"] for cl in d["claims"]}


def test_a_read_only_store_answers_stale_traces_without_writing(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with _open(db, trace_at_ingest=False) as c:
        c.ingest([_feed(tmp_path / "a.jsonl", QUAKE + STRIKE)])
    with Corpus.open(db, Settings(), read_only=True) as c:
        rows = c.trace_rows()
        assert rows["story_claims"] and c.store.count("dossiers") == 0
    with _open(db) as c:
        assert c.trace_rows() == rows  # the same rows once stored


def test_a_rebuild_drops_the_traces_of_stories_it_ended(tmp_path: Path) -> None:
    with _open(tmp_path / "s.duckdb", rebuild_max_reports=0) as c:
        c.ingest([_feed(tmp_path / "a.jsonl", QUAKE + STRIKE)])
        c.store.put_trace("gone", "f", {"claims": []}, {"story_claims": [("gone", "c1", "x", None, 0, False, None, 1)]})
        c.rebuild_stories()
        assert "gone" not in {r[0] for r in c.store.trace_rows()["story_claims"]}
        assert c.store.trace_fingerprints(["gone"]) == {}


def test_records_keep_spans_and_sourcing() -> None:
    reports = [Report(id=i, outlet=o, text=t) for i, o, t in QUAKE]
    from newstrace.nlp import annotate

    reports = list(annotate(reports))
    story = Story(id="x", reports=tuple(r.id for r in reports))
    d = dossier_mod.build_dossier(story, reports)
    t = records_of(story, "f", d)
    assert isinstance(t, StoryTrace) and all(isinstance(c, ClaimGroup) for c in t.claims)
    texts = {r.id: r.text for r in reports}
    for c in t.claims:
        assert set(c.reports) == {w.report for w in c.wordings}
        for w in c.wordings:
            assert isinstance(w, Wording) and w.span.of(texts[w.report]) == w.text
    assert [c.independent_origins for c in t.claims] == [c["independent_origins"] for c in d["claims"]]
    assert {o.name for o in t.origins} == {o["name"] for o in d["origins"]}
    assert len(t.edges) == len(d["graph"]["edges"])


def test_an_unchanged_stored_trace_is_skipped(tmp_path: Path) -> None:
    with _open(tmp_path / "s.duckdb") as c:
        c.ingest([_feed(tmp_path / "a.jsonl", STRIKE)])
        story = c.story(c.stories()[0]["id"])
        assert [type(o) for o in trace_stories([story], c.store)] == [Skipped]
        assert [type(o) for o in trace_stories([story], c.store, force=True)] == [StoryTrace]


def test_story_summaries_read_the_claims_table_as_the_dossiers_say(tmp_path: Path) -> None:
    with _open(tmp_path / "s.duckdb") as c:
        c.ingest([_feed(tmp_path / "a.jsonl", QUAKE + STRIKE)])
        got = c.story_summaries()
        assert set(got) == {s["id"] for s in c.stories()}
        assert got == c._summaries_from_dossiers()
        assert sum(v["claims"] for v in got.values()) == len(c.store.trace_rows()["story_claims"]) > 0


def _stored(c: Corpus) -> dict[str, list[str]]:
    """Every stored trace row (dossier documents included), sorted per table, to compare two stores."""
    out = {"dossiers": sorted(map(repr, c.store.con.execute("SELECT story_id, data FROM dossiers").fetchall()))}
    for name in STORY_TABLES:
        out[name] = sorted(map(repr, c.store.con.execute(f"SELECT * FROM {name}").fetchall()))
    return out


def test_the_story_stage_in_worker_processes_stores_what_it_stores_in_process(tmp_path: Path) -> None:
    feed = _feed(tmp_path / "a.jsonl", QUAKE + STRIKE)
    got = {}
    for workers in (1, 2):
        with Corpus.open(tmp_path / f"w{workers}.duckdb", Settings(workers=workers)) as c:
            summary = c.ingest([feed])
            assert summary.traced == len(c.stories()) >= 2 and not summary.failures
            got[workers] = _stored(c)
    assert got[1] == got[2] and got[1]["story_claims"]


def test_a_story_that_fails_in_a_worker_is_its_own_failure(tmp_path: Path) -> None:
    from newstrace.pipeline import open_story_runner
    from newstrace.provenance.stage import StoryJob

    good = [Report(id=i, outlet=o, text=t, title=t[:40]) for i, o, t in QUAKE]
    jobs = [StoryJob(id="bad", source="story:bad", story=Story(id="bad", reports=("x",)),
                     reports=[None], copies=[], fingerprint="f"),  # type: ignore[list-item]  # the builder fails
            StoryJob(id="ok", source="story:ok", story=Story(id="ok", reports=tuple(r.id for r in good)),
                     reports=good, copies=[], fingerprint="f")]
    with open_story_runner(Settings(workers=2)) as runner:
        bad, ok = list(runner.map(jobs))
    assert bad.error.code == "NT406" and bad.id == "bad" and "its trace could not be built" in bad.error.message
    assert isinstance(ok, StoryTrace) and ok.story.id == "ok" and ok.claims


def test_put_traces_replaces_each_storys_rows_in_one_write(tmp_path: Path) -> None:
    with _open(tmp_path / "s.duckdb") as c:
        c.ingest([_feed(tmp_path / "a.jsonl", QUAKE + STRIKE)])
        before = _stored(c)
        traces = list(trace_stories([Story(id=s["id"], reports=tuple(s["reports"])) for s in c.stories()],
                                    c.store, force=True))
        c.store.put_traces([(t.story.id, t.fingerprint, t.dossier, t.rows()) for t in traces])
        assert _stored(c) == before  # old rows removed first: nothing doubled
        with pytest.raises(ValueError):
            c.store.put_traces([(t.story.id, t.fingerprint, t.dossier, t.rows()) for t in traces[:1] * 2])


def test_no_story_worker_is_started_when_every_trace_is_current(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import newstrace.pipeline as pipeline

    with Corpus.open(tmp_path / "s.duckdb", Settings(workers=2)) as c:
        c.ingest([_feed(tmp_path / "a.jsonl", QUAKE + STRIKE)])

        def refuse(*a: Any, **k: Any) -> Any:
            raise AssertionError("a story runner was started with nothing to build")

        monkeypatch.setattr(pipeline, "open_story_runner", refuse)
        assert c.trace().traced == 0  # every story current: fingerprints only, in this process
        assert c.trace_rows()["story_claims"]
