"""The cost of the story stage (issue 13): compare + provenance run at ingest instead of on first read.

Two measurements, one run:

1. **A 500-report story** (generated: six sentence templates with varying figures, names and days, 60 outlets,
   NLP-annotated first): `build_dossier` alone (what a first read cost before the stage) against the stage's
   `trace_story` (the same build plus typed records and rows) and its store write (`Store.put_trace`).
2. **ECB+, all 681 documents** (`../shared/data/ecbplus`): `newstrace ingest --no-trace` equivalent
   (`Corpus.ingest` with ``trace_at_ingest`` off), then the stage over every story (`Corpus.trace`: what an
   ingest with the stage on adds), in one process and with the builds in two worker processes, then reading every
   dossier back from the store. The peer is the old read path, measured in the same run: `build_dossier` for every
   story, as `Corpus.dossier` did on a first read.
3. **The CLI on perturbed reports** (`bench/perturb.py`, the throughput bench's input: mostly one-report stories):
   `newstrace ingest --workers 2` with the stage on (the default) and with ``--no-trace``, fresh stores, the
   post-ingest rebuild off as in the throughput bench. This is what the stage costs issue 16's figure.

Usage: ``.venv/bin/python bench/bench_story_stage.py [--no-ecb] [--perturbed N]``
"""
from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from bench._report import SHARED, machine, table, write_section  # noqa: E402

ECB = SHARED / "data" / "ecbplus" / "ecbplus_docs.jsonl.gz"


def story_of(n: int, seed: int = 3) -> list:
    """`n` reports of one storm story (six templated sentences, four each; figures, names and days vary), as
    `tests/provenance/test_dossier.py::test_story_of_500_reports` builds its story."""
    from newstrace.model import Report

    rng = random.Random(seed)
    outlets = [f"Outlet {i}" for i in range(60)]
    templates = [
        "The storm killed {n} people in the northern province, officials said.",
        "Officials said {n} people died when the storm hit the northern province.",
        "Power was cut to {k} homes across the region, the utility said.",
        "The governor, {g}, declared a state of emergency on {d}.",
        "Schools will stay closed until further notice, according to the education ministry.",
        "Residents described roofs torn off and trees blocking roads near the coast.",
    ]
    reps = []
    for i in range(n):
        text = " ".join(t.format(n=rng.choice([12, 12, 12, 14]), k=rng.choice(["40,000", "45,000"]),
                                 g=rng.choice(["Ana Ruiz", "Governor Ana Ruiz"]), d=rng.choice(["Monday", "Tuesday"]))
                        for t in rng.sample(templates, 4))
        reps.append(Report(id=f"r{i:03d}", outlet=rng.choice(outlets), published="2026-02-04", text=text))
    return reps


def big_story(n: int) -> list[list]:
    from newstrace.model import Story
    from newstrace.nlp import annotate
    from newstrace.provenance.dossier import build_dossier
    from newstrace.provenance.stage import trace_story
    from newstrace.store import Store

    reports = list(annotate(story_of(n)))
    story = Story(id="big", reports=tuple(r.id for r in reports))
    t0 = time.perf_counter()
    d = build_dossier(story, reports)
    t_build = time.perf_counter() - t0
    t0 = time.perf_counter()
    trace = trace_story(story, reports, [], fingerprint="f")
    t_trace = time.perf_counter() - t0
    rows = trace.rows()
    store = Store(":memory:")
    t0 = time.perf_counter()
    store.put_trace("big", "f", trace.dossier, rows)
    t_put = time.perf_counter() - t0
    n_rows = sum(len(v) for v in rows.values())
    return [["`build_dossier` (the old first read; peer)", n, len(d["claims"]), f"{t_build:.2f}", ""],
            ["story stage: `trace_story` (build + records + rows)", n, len(trace.claims), f"{t_trace:.2f}",
             f"{t_trace / t_build:.2f}×"],
            [f"story stage: `Store.put_trace` ({n_rows} rows + dossier)", n, "", f"{t_put:.2f}",
             f"{(t_trace + t_put) / t_build:.2f}× (with the build)"]]


def ecb() -> tuple[list[list], str]:
    from newstrace.corpus import Corpus
    from newstrace.model import Story
    from newstrace.provenance.dossier import build_dossier
    from newstrace.settings import Settings

    with gzip.open(ECB, "rt", encoding="utf-8") as f:
        docs = [json.loads(line) for line in f]
    docs = [d for d in docs if d["text"].strip()]
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "ecb.jsonl"
        src.write_text("".join(json.dumps({"id": d["doc_id"], "text": d["text"], "title": d["title"]}) + "\n"
                               for d in docs), encoding="utf-8")
        with Corpus.open(Path(tmp) / "ecb.duckdb", Settings(workers=1, trace_at_ingest=False)) as c:
            t0 = time.perf_counter()
            summary = c.ingest([str(src)])
            t_ingest = time.perf_counter() - t0
            stories = c.stories()
            t0 = time.perf_counter()
            for s in stories:  # the peer: the old first read of every story
                reports = list(c.store.reports(s["reports"], children=True))
                build_dossier(Story(id=s["id"], reports=tuple(s["reports"])), reports, c.store.copies(s["reports"]))
            t_peer = time.perf_counter() - t0
            t0 = time.perf_counter()
            traced = c.trace().traced
            t_trace = time.perf_counter() - t0
            t0 = time.perf_counter()
            for s in stories:
                c.dossier(s["id"])
            t_read = time.perf_counter() - t0
            t0 = time.perf_counter()
            again = c.trace().traced
            t_again = time.perf_counter() - t0
            # the same stage with the builds in two worker processes (what `ingest --workers 2` runs)
            c.store.drop_traces([])
            c.settings = dataclasses.replace(c.settings, workers=2)
            t0 = time.perf_counter()
            traced2 = c.trace().traced
            t_trace2 = time.perf_counter() - t0
    sizes = sorted((len(s["reports"]) for s in stories), reverse=True)
    rows = [["ingest with the stage off (clean + NLP + store + stories)", summary.new, f"{t_ingest:.1f}", ""],
            ["old first read: `build_dossier` of every story (peer)", len(stories), f"{t_peer:.1f}", ""],
            ["story stage over every story (`Corpus.trace`: build + records + store)", traced, f"{t_trace:.1f}",
             f"+{t_trace / t_ingest:.0%} of the ingest"],
            ["the same, builds in 2 worker processes (`workers = 2`)", traced2, f"{t_trace2:.1f}",
             f"{t_trace / t_trace2:.2f}× faster than in one process"],
            ["reading every dossier back (`Corpus.dossier`)", len(stories), f"{t_read:.2f}", ""],
            ["the stage again, nothing changed (fingerprints only)", again, f"{t_again:.2f}", ""]]
    note = f"{len(stories)} stories, largest {sizes[:3]} reports"
    return rows, note


def perturbed(n: int, seed: int = 16) -> list[list]:
    py = sys.executable
    cli = str(Path(py).parent / "newstrace")
    root = Path(__file__).resolve().parents[1]
    rows = []
    with tempfile.TemporaryDirectory(prefix="nt-bench-stage-") as d:
        inp = Path(d) / "perturbed.jsonl"
        subprocess.run([py, str(root / "bench" / "perturb.py"), "--reports", str(n), "--seed", str(seed),
                        "--out", str(inp)], check=True, cwd=root, capture_output=True)
        env = {**os.environ, "NO_COLOR": "1", "NEWSTRACE_REBUILD_MAX_REPORTS": "0"}
        times = {}
        for flag in ("--trace", "--no-trace"):
            db = Path(d) / f"{flag[2:]}.duckdb"
            t0 = time.perf_counter()
            res = subprocess.run(["nice", "-n", "10", cli, "ingest", "--db", str(db), "--workers", "2", flag,
                                  "--json", str(inp)], capture_output=True, text=True, env=env, cwd=root)
            times[flag] = time.perf_counter() - t0
            if res.returncode not in (0, 1):
                raise SystemExit(f"ingest {flag} failed: {res.stderr[-2000:]}")
            summary = json.loads(res.stdout.strip().splitlines()[-1])
            rows.append([f"`newstrace ingest --workers 2 {flag}`", summary["new"], summary["stories_touched"],
                         summary["stories_traced"], f"{times[flag]:.1f}", f"{summary['new'] / times[flag]:.1f}"])
        rows[0].append(f"{times['--trace'] / times['--no-trace']:.2f}× the wall time of --no-trace")
        rows[1].append("")
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-ecb", action="store_true", help="only the 500-report story")
    ap.add_argument("--size", type=int, default=500)
    ap.add_argument("--perturbed", type=int, default=1000, help="perturbed reports of the CLI runs (0: skip)")
    args = ap.parse_args()
    body = ("### One story of {n} reports\n\n".format(n=args.size)
            + table(["", "reports", "claims", "seconds", "vs peer"], big_story(args.size)))
    if not args.no_ecb:
        rows, note = ecb()
        body += ("\n\n### ECB+, all documents, one process\n\n" + table(["", "count", "seconds", ""], rows)
                 + f"\n\n{note}. The stage's cost is the dossier build it moves from the first read to the ingest, "
                 "plus its rows; an unchanged story costs a fingerprint.")
    if args.perturbed:
        body += (f"\n\n### The CLI, {args.perturbed} perturbed reports (`bench/perturb.py --seed 16`), fresh stores\n\n"
                 + table(["", "new", "stories touched", "traced", "s wall", "reports/s", ""], perturbed(args.perturbed)))
    body += f"\n\nMachine: {machine()}; 2 cores shared with other jobs, so timings are indicative."
    print(body)
    write_section("story-stage", "Story stage cost (issue 13)", body)


if __name__ == "__main__":
    main()
