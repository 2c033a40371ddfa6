"""The CLI contract: exit codes, coded errors, JSON Lines output."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from newstrace.cli import app

runner = CliRunner()


def test_usage_errors_exit_2() -> None:
    assert runner.invoke(app, ["story"]).exit_code == 2
    assert runner.invoke(app, ["ingest", "--no-such-flag", "x"]).exit_code == 2
    assert runner.invoke(app, ["clean", "--format", "pdf", "x"]).exit_code == 2


def test_missing_store_is_a_coded_error(tmp_path) -> None:
    res = runner.invoke(app, ["stories", "--db", str(tmp_path / "none.duckdb")])
    assert res.exit_code == 1
    assert "NT401" in res.output


def test_unknown_story_is_a_coded_error(tmp_path) -> None:
    db = tmp_path / "x.duckdb"
    from newstrace.store import Store

    Store(db).close()
    res = runner.invoke(app, ["story", "nope", "--db", str(db), "--format", "json"])
    assert res.exit_code == 1 and "NT403" in res.output


def test_reports_json_on_empty_store(tmp_path) -> None:
    db = tmp_path / "x.duckdb"
    from newstrace.store import Store

    Store(db).close()
    res = runner.invoke(app, ["reports", "--db", str(db), "--json"])
    assert res.exit_code == 0 and res.output.strip() == ""
    res = runner.invoke(app, ["stories", "--db", str(db), "--json"])
    assert res.exit_code == 0 and [json.loads(x) for x in res.output.splitlines() if x.strip()] == []


def test_unwritable_output_is_a_coded_error_not_a_traceback(tmp_path) -> None:
    db, feed = tmp_path / "x.duckdb", tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "a", "text": "The minister said on Monday that the dam would open in May."})
                    + "\n", encoding="utf-8")
    assert runner.invoke(app, ["ingest", "--db", str(db), str(feed)]).exit_code == 0
    sid = json.loads(runner.invoke(app, ["stories", "--db", str(db), "--json"]).output.splitlines()[0])["id"]
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    for args in (["story", sid, "-o", str(blocker / "x.md")], ["export", str(blocker)],
                 ["export", str(blocker / "g.graphml"), "--graph", "graphml"],
                 ["export", str(blocker / "d.jsonl"), "--jsonl"]):
        res = runner.invoke(app, [*args, "--db", str(db)])
        assert res.exit_code == 1 and "NT503" in res.output, (args, res.output)
        assert res.exception is None or isinstance(res.exception, SystemExit)
    ok = runner.invoke(app, ["story", sid, "--db", str(db), "-o", str(tmp_path / "d.md")])
    assert ok.exit_code == 0 and "# " in (tmp_path / "d.md").read_text(encoding="utf-8")


LONG_TITLE = ("Minister defends dam contract before parliament as inquiry widens to three more ministries and "
              "the national water authority")


def test_piped_tables_print_whole_cells_and_exports_read_back(tmp_path) -> None:
    import duckdb

    db, feed = tmp_path / "x.duckdb", tmp_path / "feed.jsonl"
    lines = [{"id": "a", "title": LONG_TITLE, "outlet": "The Capital Times", "published": "2026-11-19",
              "text": "The dam contract was worth $2.4 billion, the minister said on Monday. Ten people were hurt."},
             {"id": "b", "title": "Dam contract row", "outlet": "Daily Courier", "published": "2026-11-19",
              "text": "The minister said the dam contract was worth $2.4 billion. Officials said ten people were hurt."}]
    feed.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    assert runner.invoke(app, ["ingest", "--db", str(db), str(feed)]).exit_code == 0
    # CliRunner's stdout is not a terminal: the title must come out whole, on the row of its report
    for cmd in ("reports", "stories"):
        res = runner.invoke(app, [cmd, "--db", str(db)])
        assert res.exit_code == 0
        assert any(LONG_TITLE in line for line in res.output.splitlines()), (cmd, res.output)
    stories = [json.loads(x) for x in runner.invoke(app, ["stories", "--db", str(db), "--json"]).output.splitlines()]
    dossiers = {s["id"]: json.loads(runner.invoke(app, ["story", s["id"], "--db", str(db), "--json"]).output)
                for s in stories}
    con = duckdb.connect(":memory:", config={"autoload_known_extensions": "false"})
    for fmt, reader in (("parquet", "read_parquet"), ("csv", "read_csv_auto")):
        out = tmp_path / fmt
        res = runner.invoke(app, ["export", str(out), "--db", str(db), "--format", fmt])
        assert res.exit_code == 0, res.output
        got = con.execute(f"SELECT story_id, claim_id, independent_origins, circular FROM {reader}('{out}/story_claims.{fmt}') "
                          "ORDER BY ALL").fetchall()
        want = sorted((sid, c["id"], c["independent_origins"], c["circular"]) for sid, d in dossiers.items()
                      for c in d["claims"])
        assert want and got == want
        n = con.execute(f"SELECT count(*) FROM {reader}('{out}/story_graph_edges.{fmt}')").fetchone()[0]
        assert n == sum(len(d["graph"]["edges"]) for d in dossiers.values())
        assert con.execute(f"SELECT count(*) FROM {reader}('{out}/stories.{fmt}')").fetchone()[0] == len(stories)
    res = runner.invoke(app, ["export", str(tmp_path / "bad"), "--db", str(db), "--format", "xlsx"])
    assert res.exit_code == 2


def test_attributions_kinds_filter(tmp_path) -> None:
    from typer.testing import CliRunner

    from newstrace.cli import app as cli_app

    src = tmp_path / "k.txt"
    src.write_text("The mayor said the bridge would reopen in May. Polls show that most voters oppose the tax. "
                   "The deal was reportedly signed on Monday.\n", encoding="utf-8")
    run = CliRunner().invoke(cli_app, ["attributions", str(src), "--attributor", "attribution.acts.v1",
                                       "--kinds", "evidence,unsourced", "--json"])
    assert run.exit_code == 0, run.output
    got = [(a["act"], a["content"]["text"]) for line in run.stdout.splitlines() if line.strip()
           for a in json.loads(line)["attributions"]]
    assert got == [("evidence", "most voters oppose the tax"), ("unsourced", "The deal was reportedly signed on Monday")]
    # an attributor that sets no act has it read from its cue: the mayor's line is speech
    run = CliRunner().invoke(cli_app, ["attributions", str(src), "--kinds", "speech", "--json"])
    acts = [a["act"] for line in run.stdout.splitlines() if line.strip() for a in json.loads(line)["attributions"]]
    assert run.exit_code == 0 and acts and set(acts) == {"speech"}, run.output
    bad = CliRunner().invoke(cli_app, ["attributions", str(src), "--kinds", "gossip"])
    assert bad.exit_code == 2 and "NT105" in bad.output


def test_attributions_acts_v2_stances_through_the_cli(tmp_path) -> None:
    from typer.testing import CliRunner

    from newstrace.cli import app as cli_app

    src = tmp_path / "s.txt"
    src.write_text("Senator Ruth Avery criticized the plan to close the Harlow rail depot. "
                   "The minister said the depot would close in June.\n", encoding="utf-8")
    run = CliRunner().invoke(cli_app, ["attributions", str(src), "--attributor", "attribution.acts.v2", "--kinds", "stance", "--json"])
    assert run.exit_code == 0, run.output
    got = [(a["act"], a["source"]["text"], a["content"]["text"]) for line in run.stdout.splitlines() if line.strip()
           for a in json.loads(line)["attributions"]]
    assert got == [("stance", "Senator Ruth Avery", "the plan to close the Harlow rail depot")]


def test_ingest_traces_stories_unless_told_not_to(tmp_path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "a", "text": "The minister said on Monday that the dam would open in May."})
                    + "\n", encoding="utf-8")
    on = runner.invoke(app, ["ingest", "--db", str(tmp_path / "on.duckdb"), "--json", str(feed)])
    off = runner.invoke(app, ["ingest", "--db", str(tmp_path / "off.duckdb"), "--no-trace", "--json", str(feed)])
    assert on.exit_code == 0 and off.exit_code == 0
    assert json.loads(on.output.splitlines()[-1])["stories_traced"] == 1
    assert json.loads(off.output.splitlines()[-1])["stories_traced"] == 0
    # the untraced story is traced on its first read, and then stored
    sid = json.loads(runner.invoke(app, ["stories", "--db", str(tmp_path / "off.duckdb"), "--json"]).output)["id"]
    res = runner.invoke(app, ["story", sid, "--db", str(tmp_path / "off.duckdb"), "--format", "json"])
    assert res.exit_code == 0 and json.loads(res.output)["id"] == sid
    from newstrace.store import Store

    store = Store(tmp_path / "off.duckdb", read_only=True)
    try:
        assert store.trace_fingerprints([sid])
    finally:
        store.close()
