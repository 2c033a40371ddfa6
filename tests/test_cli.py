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
