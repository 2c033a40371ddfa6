"""An ingest killed halfway resumes where it stopped: no report lost, none stored twice, none redone."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb

from newstrace.corpus import Corpus
from newstrace.settings import Settings
from tests.conftest import DATA, read_jsonl_gz

ROOT = Path(__file__).resolve().parents[2]
N, BATCH = 72, 8

# Ingests in batches of BATCH and says after each committed batch how many reports it has committed; the test
# kills the process group at a random point of the second half of the feed (between or inside batches).
_INGEST = r"""
import sys
from newstrace.corpus import Corpus
from newstrace.settings import Settings
done = 0
def progress(n):
    global done
    done += n
    print("committed", done, flush=True)
with Corpus.open(sys.argv[1], Settings(workers=1, rebuild_max_reports=0)) as corpus:
    corpus.ingest([sys.argv[2]], progress=progress, batch_size=int(sys.argv[3]))
"""


def _feed(path: Path) -> list[str]:
    docs = [d for d in read_jsonl_gz(DATA / "ecbplus" / "ecbplus_docs.jsonl.gz") if d["text"].strip()][:N]
    path.write_text("".join(json.dumps({"id": d["doc_id"], "text": d["text"], "title": d["title"]}) + "\n"
                            for d in docs), encoding="utf-8")
    return [d["doc_id"] for d in docs]


def _rows(db: Path) -> dict[str, object]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        q = lambda sql: con.execute(sql).fetchall()  # noqa: E731
        return {
            "reports": q("SELECT id, version, content_hash, text FROM reports ORDER BY id, version"),
            "mentions": q('SELECT report_id, start, "end", label FROM mentions ORDER BY ALL'),
            "attributions": q("SELECT report_id, id, content_start, content_end FROM attributions ORDER BY ALL"),
            "claims": q("SELECT report_id, id, start, \"end\" FROM claims ORDER BY ALL"),
            "search": q("SELECT report_id, count(*) FROM search_words GROUP BY report_id ORDER BY report_id"),
            "assigned": q("SELECT report_id FROM story_reports ORDER BY report_id"),
        }
    finally:
        con.close()


def test_killed_halfway_then_rerun_continues(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    ids = _feed(feed)
    db = tmp_path / "killed.duckdb"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen([sys.executable, "-c", _INGEST, str(db), str(feed), str(BATCH)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, start_new_session=True)
    committed = 0
    assert proc.stdout is not None
    for line in proc.stdout:
        committed = int(line.split()[1])
        if committed >= N // 2:
            break
    os.killpg(proc.pid, signal.SIGKILL)  # the whole group: the ingest and its worker
    proc.wait()
    assert N // 2 <= committed < N, committed
    con = duckdb.connect(str(db), read_only=True)
    stored = con.execute("SELECT count(*) FROM reports").fetchone()[0]
    con.close()
    assert committed <= stored < N  # what was committed is there; the rest is not

    with Corpus.open(db, Settings(workers=1, rebuild_max_reports=0)) as corpus:
        summary = corpus.ingest([str(feed)], batch_size=BATCH)
    assert summary.unchanged == stored and summary.new == N - stored  # continues where it stopped
    assert not summary.failures

    clean = tmp_path / "clean.duckdb"
    with Corpus.open(clean, Settings(workers=1, rebuild_max_reports=0)) as corpus:
        corpus.ingest([str(feed)], batch_size=BATCH)
    resumed, whole = _rows(db), _rows(clean)
    assert [r[0] for r in resumed["reports"]] == sorted(ids)  # every report once, version 1
    assert {r[1] for r in resumed["reports"]} == {1}
    for table in ("reports", "mentions", "attributions", "claims", "search", "assigned"):
        assert resumed[table] == whole[table], table  # the same rows as an ingest that was never interrupted
