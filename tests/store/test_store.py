"""The DuckDB store: schema migrations, transactional batches, versions, read-only access, refusals."""
from __future__ import annotations

import duckdb
import pytest

from newstrace.errors import StoreError
from newstrace.model import Attribution, Claim, Copy, Hop, Mention, Report, Span
from newstrace.store import Store
from newstrace.store.schema import LATEST


def _report(rid: str = "a.html", text: str = "Police said the man was arrested.", h: str = "h1", v: int = 1) -> Report:
    r = Report(id=rid, text=text, content_hash=h, version=v, outlet="Daily Star", authors=["Staff"])
    r.mentions.append(Mention(rid, Span(0, 6), "ORG", "Police"))
    r.attributions.append(Attribution(report=rid, id=f"{rid}#a1", content=Span(12, 32), kind="indirect",
                                      source=Span(0, 6), source_name="Police", cue=Span(7, 11),
                                      via=(Hop("Reuters", None, "agency", "citing"),)))
    r.claims.append(Claim(f"{rid}#c1", rid, Span(12, 32), "the man was arrested", f"{rid}#a1", "Police"))
    return r


def test_roundtrip_keeps_children_and_offsets(tmp_path) -> None:
    s = Store(tmp_path / "x.duckdb")
    s.write_batch([_report()])
    (r,) = list(s.reports(children=True))
    assert r.attributions[0].content.of(r.text) == "the man was arrested"
    assert r.attributions[0].via[0].name == "Reuters"
    assert r.mentions[0].span.of(r.text) == "Police"
    assert r.claims[0].speaker == "Police" and r.authors == ["Staff"]
    assert s.schema_version == LATEST


def test_new_version_keeps_old_and_marks_current(tmp_path) -> None:
    s = Store(tmp_path / "x.duckdb")
    s.write_batch([_report()])
    s.write_batch([_report(text="Police said the man was released.", h="h2", v=2)])
    assert s.count() == 1
    (r,) = list(s.reports(children=True))
    assert r.version == 2 and "released" in r.text
    assert len(r.attributions) == 1  # children of version 1 are not mixed in
    assert s.known_hashes(["h1", "h2", "zz"]) == {"h1", "h2"}
    assert s.latest_versions(["a.html"]) == {"a.html": 2}


def test_failed_batch_rolls_back_whole(tmp_path) -> None:
    s = Store(tmp_path / "x.duckdb")
    bad = _report("b.html", h="hb")
    bad.mentions.append(Mention("b.html", Span(0, 1), "ORG", "P"))
    object.__setattr__(bad.mentions[-1], "span", None)  # corrupt a child: the insert must fail
    with pytest.raises(Exception):
        s.write_batch([_report(), bad])
    assert s.count() == 0 and s.count("mentions") == 0


def test_read_only_store_and_missing_store(tmp_path) -> None:
    path = tmp_path / "x.duckdb"
    with pytest.raises(StoreError) as e:
        Store(path, read_only=True)
    assert e.value.code == "NT401"
    s = Store(path)
    s.write_batch([_report()])
    s.close()
    ro = Store(path, read_only=True)
    assert [r.id for r in ro.reports()] == ["a.html"]


def test_store_from_newer_newstrace_is_refused(tmp_path) -> None:
    path = tmp_path / "x.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_version VALUES (?)", [LATEST + 5])
    con.close()
    with pytest.raises(StoreError) as e:
        Store(path)
    assert e.value.code == "NT402"


def test_not_a_database_gives_coded_error(tmp_path) -> None:
    path = tmp_path / "x.duckdb"
    path.write_bytes(b"this is not a duckdb file" * 100)
    with pytest.raises(StoreError) as e:
        Store(path)
    assert e.value.code == "NT401"


def test_extensions_are_never_autoloaded(tmp_path) -> None:
    s = Store(tmp_path / "x.duckdb")
    settings = dict(s.con.execute(
        "SELECT name, value FROM duckdb_settings() WHERE name IN "
        "('autoinstall_known_extensions', 'autoload_known_extensions')").fetchall())
    assert settings == {"autoinstall_known_extensions": "false", "autoload_known_extensions": "false"}


def test_stories_copies_state_and_parquet_export(tmp_path) -> None:
    s = Store(tmp_path / "x.duckdb")
    s.write_batch([_report(), _report("b.html", h="hb")])
    cp = Copy(a="a.html", b="b.html", share=0.9, original="a.html", passages=((Span(0, 10), Span(0, 10)),), evidence="dates")
    s.write_stories({"a.html": "s1", "b.html": "s1"}, [cp], b"state")
    assert s.story_assignments() == {"a.html": "s1", "b.html": "s1"}
    assert s.copies(["a.html", "b.html"]) == [cp]
    assert s.state("stories") == b"state"
    written = s.export_parquet(tmp_path / "pq")
    rows = duckdb.connect().execute(f"SELECT count(*) FROM '{(tmp_path / 'pq' / 'reports.parquet').as_posix()}'").fetchone()
    assert rows == (2,) and len(written) == 7


def test_attribution_act_is_stored_and_a_store_before_migration_4_still_reads(tmp_path) -> None:
    path = tmp_path / "x.duckdb"
    s = Store(path)
    import dataclasses

    r = _report()
    r.attributions[0] = dataclasses.replace(r.attributions[0], act="belief")
    s.write_batch([r, _report("b.html", h="hb")])
    got = {x.id: x.attributions[0].act for x in s.reports(children=True)}
    assert got == {"a.html": "belief", "b.html": None}
    s.close()
    # the same store as migration 3 left it (no act column), opened read-only: acts read as None, nothing fails
    con = duckdb.connect(str(path))
    con.execute("ALTER TABLE attributions DROP COLUMN act")
    con.execute("DELETE FROM schema_version WHERE version >= 4")
    con.close()
    old = Store(path, read_only=True)
    assert [x.attributions[0].act for x in old.reports(children=True)] == [None, None]
    old.close()
    again = Store(path)  # a writable open migrates it
    assert again.schema_version == LATEST and again._has_column("attributions", "act")


def test_reports_by_id_give_the_current_versions_only_in_id_order(tmp_path) -> None:
    """`reports(ids)` finds rows by row id (not by a semi-join over every column): same rows, same order."""
    s = Store(tmp_path / "x.duckdb")
    s.write_batch([_report(rid, h=f"h-{rid}") for rid in ("c", "a", "b", "d")])
    s.write_batch([_report("b", text="Police said the man was released.", h="h-b2", v=2)])
    got = [(r.id, r.version) for r in s.reports(["d", "b", "a", "zz"], children=True)]
    assert got == [("a", 1), ("b", 2), ("d", 1)]
    assert [r.id for r in s.reports([])] == []
    assert "released" in next(iter(s.reports(["b"]))).text


def test_unassigned_report_ids_are_current_reports_without_a_story(tmp_path) -> None:
    s = Store(tmp_path / "x.duckdb")
    s.write_batch([_report(rid, h=f"h-{rid}") for rid in ("c", "a", "b")])
    s.write_stories({"b": "s000001"}, [], None)
    assert s.unassigned_report_ids() == ["a", "c"]
