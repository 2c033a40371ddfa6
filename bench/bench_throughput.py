"""Full-ingest throughput (reports/s, peak RSS) on perturbed real-shaped reports, with a profile of where the time goes
and the floor: spaCy's bare `nlp.pipe` (all components of the same model) over the same cleaned texts, same run.

Steps (each in its own child process, under `nice`):

1. `bench/perturb.py` builds N records (default 10000; ``--reports 2000`` for quick runs) in a temp dir outside the
   repository: ECB+ documents and aeb article bodies with permuted and mixed sentences, plus a share of aeb HTML
   pages with permuted paragraphs (never verbatim copies);
2. ``newstrace ingest --workers W --db fresh.duckdb`` (the CLI, end to end: read, clean, NLP, store writes, story
   assignment, the post-ingest story rebuild when the store is small enough) — timed, peak RSS of the largest process
   (getrusage of children) and of the whole process tree (sampled from /proc);
3. the same ingest of the first ``--profile-reports`` records with cProfile in the main process and in every worker
   (``NEWSTRACE_PROFILE_DIR``): the profile table (stage shares) comes from it, so profiling overhead never touches
   the timed figure;
4. the floor: the cleaned texts are read back from the store of step 2 and run through ``nlp.pipe`` of the same
   model with every component it enables by default, ``n_process=W``; and, one process over a sample, the time of
   each component alone.

Usage: .venv/bin/python bench/bench_throughput.py [--reports 10000] [--workers 2] [--profile-reports 1000]
"""
from __future__ import annotations

import argparse
import json
import os
import pstats
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._report import BENCHMARKS, machine, table, write_section  # noqa: E402

PY = sys.executable
NICE = ["nice", "-n", "10"]

# Runs the command, samples the RSS of its whole process tree, prints one JSON line (time, rc, peaks, output tail).
_WRAPPER = r"""
import json, os, resource, subprocess, sys, threading, time
cpu = {}  # pid -> utime + stime (clock ticks), the last sample of each process of the tree
def tree_rss(root):
    kids = {}
    for p in os.listdir('/proc'):
        if p.isdigit():
            try:
                with open(f'/proc/{p}/stat') as f:
                    ppid = int(f.read().rsplit(')', 1)[1].split()[1])
                kids.setdefault(ppid, []).append(int(p))
            except (OSError, IndexError, ValueError):
                pass
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(kids.get(pid, []))
        try:
            with open(f'/proc/{pid}/statm') as f:
                total += int(f.read().split()[1]) * os.sysconf('SC_PAGE_SIZE')
            with open(f'/proc/{pid}/stat') as f:
                st = f.read().rsplit(')', 1)[1].split()
                cpu[pid] = int(st[11]) + int(st[12])
        except (OSError, IndexError, ValueError):
            pass
    return total
t = time.perf_counter()
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
peak = [0]
def poll():
    while p.poll() is None:
        peak[0] = max(peak[0], tree_rss(p.pid))
        time.sleep(0.5)
th = threading.Thread(target=poll, daemon=True); th.start()
out = p.communicate()[0]
dt = time.perf_counter() - t
print(json.dumps({'rc': p.returncode, 'seconds': dt, 'out': out[-4000:], 'tree_mb': peak[0] / 2**20,
                  'max_proc_mb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                  'cpu_s': resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime + resource.getrusage(resource.RUSAGE_CHILDREN).ru_stime,
                  'tree_cpu_s': sum(cpu.values()) / os.sysconf('SC_CLK_TCK')}))
"""

# The CLI under cProfile (main process); workers profile themselves through NEWSTRACE_PROFILE_DIR.
_PROFILED_CLI = (
    "import cProfile, sys\n"
    "from newstrace.cli import main\n"
    "out = sys.argv[1]; sys.argv = ['newstrace'] + sys.argv[2:]\n"
    "prof = cProfile.Profile()\n"
    "try:\n"
    "    prof.runcall(main)\n"
    "except SystemExit:\n"
    "    pass\n"
    "finally:\n"
    "    prof.dump_stats(out)\n"
)


def _wrapped(cmd: list[str], env: dict[str, str] | None = None) -> dict:
    res = subprocess.run([*NICE, PY, "-c", _WRAPPER, *cmd], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "NO_COLOR": "1", **(env or {})})
    if res.returncode != 0 or not res.stdout.strip():
        raise RuntimeError(f"wrapper failed: {res.stderr[-2000:]}")
    d = json.loads(res.stdout.strip().splitlines()[-1])
    # getrusage only counts waited-for children: the ingest's workers are children of multiprocessing's forkserver
    # and were missed, so the CPU of the whole process tree (sampled from /proc) is used when it is larger
    d["cpu_s"] = max(d["cpu_s"], d.get("tree_cpu_s", 0.0))
    return d


def _summary(out: str) -> dict:
    for line in reversed(out.strip().splitlines()):
        if line.startswith("{") and '"read"' in line:
            try:
                return json.loads(line)
            except ValueError:
                pass
    # --json prints a multi-line object: find its start
    start = out.rfind('\n{\n')
    if start >= 0 or out.startswith("{\n"):
        try:
            return json.loads(out[start + 1 if start >= 0 else 0:])
        except ValueError:
            pass
    return {}


def ingest(inp: Path, db: Path, workers: int, extra_env: dict[str, str] | None = None,
           profile_to: Path | None = None) -> dict:
    args = ["ingest", "--db", str(db), "--workers", str(workers), "--json", str(inp)]
    if profile_to is None:
        cmd = [str(Path(PY).parent / "newstrace"), *args]
    else:
        cmd = [PY, "-c", _PROFILED_CLI, str(profile_to), *args]
    d = _wrapped(cmd, extra_env)
    d["summary"] = _summary(d["out"])
    return d


# ---- profile ---------------------------------------------------------------------------------------------
def _cum(st: pstats.Stats, file_part: str, func: str) -> float:
    return sum(v[3] for (f, _l, fn), v in st.stats.items() if fn == func and file_part in f)  # type: ignore[attr-defined]


def _tt(st: pstats.Stats, file_part: str, func: str = "") -> float:
    return sum(v[2] for (f, _l, fn), v in st.stats.items()  # type: ignore[attr-defined]
               if file_part in f and (not func or fn == func))


MAIN_ROWS = [
    ("read (decode, detect, hash, JSONL/HTML records)", "newstrace/ingest/__init__.py", "read"),
    ("dedupe by content hash, versions", "newstrace/store/duck.py", "known_hashes"),
    ("  (latest versions)", "newstrace/store/duck.py", "latest_versions"),
    ("waiting for the workers (runner.map)", "newstrace/scale/local.py", "map"),
    ("store writes (write_batch, incl. search index)", "newstrace/store/duck.py", "write_batch"),
    ("  of which search index", "newstrace/store/search.py", "index_reports"),
    ("story assignment, streaming (_assign, incl. copies)", "newstrace/corpus.py", "_assign"),
    ("  of which copy detection", "newstrace/corpus.py", "_copies_for"),
    ("story index save", "newstrace/corpus.py", "_save_index"),
    ("post-ingest story rebuild (rebuild_stories)", "newstrace/corpus.py", "rebuild_stories"),
]
WORKER_ROWS = [
    ("clean + NLP of a job of reports (full_batch_stage)", "newstrace/pipeline.py", "full_batch_stage"),
    ("clean (clean_stage)", "newstrace/pipeline.py", "clean_stage"),
    ("NLP (nlp.stage.annotate)", "newstrace/nlp/stage.py", "annotate"),
    ("  spaCy nlp.pipe (NER pass, and the parse pass over candidate pieces)", "spacy/language.py", "pipe"),
    ("  choosing the sentences to parse (parse_plan)", "newstrace/nlp/pipeline.py", "parse_plan"),
    ("  attribution rules on parsed chunks (extract_chunk)", "newstrace/nlp/attribution.py", "extract_chunk"),
    ("  quotes, drafts → attributions, claims (_finish)", "newstrace/nlp/stage.py", "_finish"),
    ("  language check (py3langid)", "newstrace/nlp/pipeline.py", "detect_language"),
    # jobs come off the pipe in a reader thread (cProfile sees only the worker's main thread), so the time a worker
    # waits for work is its wait on the job inbox
    ("waiting for work (the job inbox)", "~", "<method 'get' of '_queue.SimpleQueue' objects>"),
    ("sending results back (conn.send)", "multiprocessing/connection.py", "send"),
]


def profile_tables(pdir: Path, main_prof: Path) -> tuple[str, dict]:
    main = pstats.Stats(str(main_prof))
    total = _cum(main, "newstrace/cli.py", "main")
    rows = [["main process total (`newstrace ingest`)", f"{total:.1f}", "100%"]]
    figures = {"main_total": total}
    for label, f, fn in MAIN_ROWS:
        v = _cum(main, f, fn)
        figures[label] = v
        rows.append([label, f"{v:.1f}", f"{100 * v / total:.0f}%" if total else "-"])
    wfiles = sorted(pdir.glob("worker-*.prof"))
    wrows: list[list[object]] = []
    if wfiles:
        ws = pstats.Stats(*[str(p) for p in wfiles])
        wtotal = _cum(ws, "newstrace/scale/local.py", "_worker_loop")
        wrows.append([f"worker total ({len(wfiles)} workers, summed)", f"{wtotal:.1f}", "100%"])
        for label, f, fn in WORKER_ROWS:
            v = _cum(ws, f, fn)
            figures[label] = v
            wrows.append([label, f"{v:.1f}", f"{100 * v / wtotal:.0f}%" if wtotal else "-"])
        figures["worker_total"] = wtotal
    text = table(["main process", "s (cumulative)", "share"], rows)
    if wrows:
        text += "\n\n" + table(["workers", "s (cumulative, summed over workers)", "share"], wrows)
    return text, figures


# ---- floor: bare spaCy ------------------------------------------------------------------------------------
_FLOOR = r"""
import json, sys, time, duckdb, spacy
from newstrace.nlp.pipeline import MODEL
db, workers, sample = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
con = duckdb.connect(db, read_only=True, config={'autoinstall_known_extensions': 'false', 'autoload_known_extensions': 'false'})
texts = [t for (t,) in con.execute("SELECT text FROM reports WHERE current AND length(text) > 0 ORDER BY id").fetchall()]
con.close()
nlp = spacy.load(MODEL)
words = sum(len(t.split()) for t in texts)
t = time.perf_counter()
n = sum(1 for _ in nlp.pipe(texts, batch_size=64, n_process=workers))
dt = time.perf_counter() - t
# one process, each component alone over a sample (tokenizer first; docs passed along)
sub = texts[:sample]
comp = {}
t0 = time.perf_counter(); docs = [nlp.make_doc(x) for x in sub]; comp['tokenizer'] = time.perf_counter() - t0
for name, proc in nlp.pipeline:
    t0 = time.perf_counter()
    docs = list(proc.pipe(docs, batch_size=64)) if hasattr(proc, 'pipe') else [proc(d) for d in docs]
    comp[name] = time.perf_counter() - t0
print(json.dumps({'docs': n, 'seconds': dt, 'words': words, 'components': comp, 'sample': len(sub),
                  'pipes': nlp.pipe_names}))
"""


def floor(db: Path, workers: int, sample: int) -> dict:
    d = _wrapped([PY, "-c", _FLOOR, str(db), str(workers), str(sample)])
    if d["rc"] != 0:
        raise RuntimeError(d["out"][-2000:])
    res = json.loads(d["out"].strip().splitlines()[-1])
    res["tree_mb"], res["max_proc_mb"], res["cpu_s"] = d["tree_mb"], d["max_proc_mb"], d["cpu_s"]
    return res


# ---- incremental cost ------------------------------------------------------------------------------------
_GROW = r"""
import sys, duckdb
db, copies = sys.argv[1], int(sys.argv[2])
con = duckdb.connect(db, config={'autoinstall_known_extensions': 'false', 'autoload_known_extensions': 'false'})
cols = [r[0] for r in con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'reports' ORDER BY ordinal_position").fetchall()]
def sel(table, idcol, extra=None):
    cs = [r[0] for r in con.execute(f"SELECT column_name FROM information_schema.columns WHERE table_name = '{table}' ORDER BY ordinal_position").fetchall()]
    out = []
    for c in cs:
        if c == idcol:
            out.append(f"{c} || '~g' || k.k")
        elif extra and c in extra:
            out.append(extra[c])
        else:
            out.append(f'"{c}"')
    return ", ".join(out)
con.execute("BEGIN")
con.execute(f"CREATE TEMP TABLE k AS SELECT range AS k FROM range(1, {copies + 1})")
rsel = sel('reports', 'id', {'content_hash': 'md5(content_hash || k.k)'})
con.execute(f"INSERT INTO reports SELECT {rsel} FROM reports, k")
for t in ('mentions', 'attributions', 'claims', 'search_words', 'search_names'):
    con.execute(f"INSERT INTO {t} SELECT {sel(t, 'report_id')} FROM {t}, k")
con.execute("INSERT INTO story_reports SELECT report_id || '~g' || k.k, story_id FROM story_reports, k")
con.execute("COMMIT")
print(con.execute("SELECT count(*) FROM reports").fetchone()[0])
"""


def incremental(tmp: Path, base_db: Path, base_n: int, n: int, seed: int, workers: int, html_share: float,
                grow_to: int) -> list[list[object]]:
    """`n` new reports into: a fresh store, the store of the timed run, and that store grown by SQL copies."""
    import shutil

    inp = tmp / "new.jsonl"
    subprocess.run([PY, str(ROOT / "bench" / "perturb.py"), "--reports", str(n), "--out", str(inp),
                    "--seed", str(seed + 1000), "--html-share", str(html_share)], check=True, cwd=ROOT)
    env = {"NEWSTRACE_REBUILD_MAX_REPORTS": "0"}  # the stream's cost only (the rebuild is a separate choice)
    rows = []
    targets = [("fresh store", None, 0)]
    big = tmp / "big.duckdb"
    shutil.copy(base_db, big)
    targets.append((f"store of the timed run ({base_n} reports)", big, base_n))
    if grow_to > base_n:
        grown = tmp / "grown.duckdb"
        shutil.copy(base_db, grown)
        copies = max(1, round(grow_to / base_n) - 1)
        res = subprocess.run([*NICE, PY, "-c", _GROW, str(grown), str(copies)], capture_output=True, text=True,
                             check=True, cwd=ROOT)
        size = int(res.stdout.strip().splitlines()[-1])
        targets.append((f"that store grown to {size} reports by SQL copies (story index: {base_n})", grown, size))
    for label, db, size in targets:
        target = db or tmp / "fresh-inc.duckdb"
        d = ingest(inp, target, workers, env)
        sm = d["summary"]
        rows.append([label, size, sm.get("new"), f"{d['seconds']:.1f}", f"{sm.get('new', 0) / d['seconds']:.1f}",
                     f"{1000 * d['cpu_s'] / max(1, sm.get('new') or 1):.0f}"])
        print("incremental:", rows[-1], flush=True)
    return rows


def incremental_text(args: argparse.Namespace, inc: list[list[object]]) -> str:
    return (f"Incremental cost: {args.incremental} new perturbed reports (another seed) ingested with "
            "`--workers {w}` into stores of growing size, the post-ingest rebuild off "
            "(`NEWSTRACE_REBUILD_MAX_REPORTS=0`) so the rows show the stream's cost. The grown store copies the "
            "rows of every table (reports, children, search index, story assignments) under new ids and content "
            "hashes; its story index stays that of the timed run, so it shows the cost of store size, not of "
            "story-index size:\n\n".format(w=args.workers)
            + table(["into", "stored before", "new", "s wall", "reports/s", "CPU ms/report"], inc))


_INC = re.compile(r"Incremental cost: [^\n]*\n\n(?:\|[^\n]*\|\n)+")


def incremental_only(args: argparse.Namespace) -> None:
    """Only the incremental table: build the store of `--reports` records (untimed; or copy `--base-db`), run the
    incremental ingests, and replace that table in the existing section, keeping its other rows with their date."""
    import shutil

    renv = {"NEWSTRACE_REBUILD_MAX_REPORTS": str(args.rebuild_max if args.rebuild_max is not None else 0)}
    with tempfile.TemporaryDirectory(prefix="nt-bench-throughput-") as td:
        tmp = Path(td)
        db = tmp / "bench.duckdb"
        if args.base_db:
            shutil.copy(args.base_db, db)
            n = subprocess.run([PY, "-c", "import sys, duckdb; print(duckdb.connect(sys.argv[1], read_only=True)"
                                ".execute('SELECT count(*) FROM reports WHERE current').fetchone()[0])", str(db)],
                               capture_output=True, text=True, check=True).stdout.strip()
            base_n, built = int(n), f"copied from `{args.base_db}`"
        else:
            inp = tmp / "perturbed.jsonl"
            subprocess.run([PY, str(ROOT / "bench" / "perturb.py"), "--reports", str(args.reports), "--out", str(inp),
                            "--seed", str(args.seed), "--html-share", str(args.html_share)], check=True, cwd=ROOT)
            run = ingest(inp, db, args.workers, renv)
            if run["rc"] not in (0, 1) or not run["summary"]:
                raise SystemExit(f"ingest failed (exit {run['rc']}): {run['out'][-3000:]}")
            base_n = run["summary"].get("new") or args.reports
            built = f"built by this code in the same run ({run['seconds']:.0f} s, not a figure of this table)"
            print("base store:", built, flush=True)
        inc = incremental(tmp, db, base_n, args.incremental, args.seed, args.workers, args.html_share, args.grow_to)
    replace_incremental(args, inc, base_n, built, time.strftime("%Y-%m-%d %H:%M"))


def replace_incremental(args: argparse.Namespace, inc: list[list[object]], base_n: int, built: str, date: str) -> None:
    """Put `inc` in place of the incremental table of the throughput section, with a note on its run."""
    text = BENCHMARKS.read_text(encoding="utf-8")
    m = re.search(r"<!-- bench:throughput -->\n## [^\n]*\n\n(_[^\n]*_)\n\n(.*?)\n<!-- /bench:throughput -->", text, re.S)
    if not m or not _INC.search(m.group(2)):
        raise SystemExit("no throughput section with an incremental table to update: run the whole bench")
    old_stamp, old_body = m.group(1).strip("_"), m.group(2)
    old_body = re.sub(r"\n\n_The incremental table is from .*?_(?=\n\n)", "", old_body, flags=re.S)
    note = (f"_The incremental table is from a later run ({date}, `bench_throughput.py --incremental-only`, base "
            f"store of {base_n} reports {built}); every other figure of this section is from the run stamped "
            f"above it ({old_stamp.split(' · ')[0]})._\n\n")
    body = _INC.sub(lambda _m: note + incremental_text(args, inc) + "\n", old_body, count=1)
    if args.no_write:
        print(body)
        return
    # keep the section's own stamp (its other figures' run); the note says which run the incremental rows are from
    new = f"<!-- bench:throughput -->\n## Full-ingest throughput (perturbed reports)\n\n_{old_stamp}_\n\n{body}\n<!-- /bench:throughput -->"
    BENCHMARKS.write_text(text[: m.start()] + new + text[m.end():], encoding="utf-8")
    print(body)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reports", type=int, default=10_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--profile-reports", type=int, default=1000, help="records of the profiled run (0: skip it)")
    ap.add_argument("--html-share", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--sample", type=int, default=500, help="texts of the per-component floor timing")
    ap.add_argument("--no-write", action="store_true", help="print, do not write BENCHMARKS.md")
    ap.add_argument("--rebuild-max", type=int, default=None,
                    help="NEWSTRACE_REBUILD_MAX_REPORTS for the profiled and timed runs (default: the setting's own)")
    ap.add_argument("--incremental", type=int, default=1000, help="new reports of the incremental runs (0: skip)")
    ap.add_argument("--grow-to", type=int, default=100_000, help="store size of the last incremental run")
    ap.add_argument("--incremental-only", action="store_true",
                    help="only the incremental table (builds the store of --reports records untimed, or copies "
                         "--base-db); the section's other figures are kept with their date")
    ap.add_argument("--base-db", type=Path, default=None, help="with --incremental-only: the store to grow from")
    args = ap.parse_args()
    if args.incremental_only:
        incremental_only(args)
        return
    renv = {} if args.rebuild_max is None else {"NEWSTRACE_REBUILD_MAX_REPORTS": str(args.rebuild_max)}
    with tempfile.TemporaryDirectory(prefix="nt-bench-throughput-") as td:
        tmp = Path(td)
        inp = tmp / "perturbed.jsonl"
        subprocess.run([PY, str(ROOT / "bench" / "perturb.py"), "--reports", str(args.reports), "--out", str(inp),
                        "--seed", str(args.seed), "--html-share", str(args.html_share)], check=True, cwd=ROOT)
        recs = [json.loads(x) for x in inp.read_text(encoding="utf-8").split("\n") if x.strip()]
        n_html = sum("html" in r for r in recs)
        words_in = sum(len((r.get("text") or r.get("raw_text") or "").split()) for r in recs if "html" not in r)
        del recs
        prof_text, figs = "", {}
        if args.profile_reports:
            pin = tmp / "profile.jsonl"
            with open(inp, encoding="utf-8") as f, open(pin, "w", encoding="utf-8") as g:
                for i, line in enumerate(f):
                    if i >= args.profile_reports:
                        break
                    g.write(line)
            pdir = tmp / "prof"
            pdir.mkdir()
            p = ingest(pin, tmp / "profile.duckdb", args.workers, {"NEWSTRACE_PROFILE_DIR": str(pdir), **renv},
                       profile_to=tmp / "main.prof")
            print("profiled run:", p["rc"], f"{p['seconds']:.1f}s", flush=True)
            prof_text, figs = profile_tables(pdir, tmp / "main.prof")
            print(prof_text, flush=True)
        db = tmp / "bench.duckdb"
        run = ingest(inp, db, args.workers, renv)
        sm = run["summary"]
        print("timed run:", run["rc"], f"{run['seconds']:.1f}s", {k: sm.get(k) for k in ("read", "new", "failed")},
              flush=True)
        if run["rc"] not in (0, 1) or not sm:
            raise SystemExit(f"ingest failed (exit {run['rc']}): {run['out'][-3000:]}")
        fl = floor(db, args.workers, args.sample)
        print("floor:", fl, flush=True)
        inc = incremental(tmp, db, sm.get("new") or args.reports, args.incremental, args.seed, args.workers,
                          args.html_share, args.grow_to) if args.incremental else []
    n = args.reports
    rate = n / run["seconds"]
    frate = fl["docs"] / fl["seconds"]
    comp = fl["components"]
    ctotal = sum(comp.values())
    rows = [
        [f"`newstrace ingest --workers {args.workers}` (read → clean → NLP → store → stories)", n,
         f"{run['seconds']:.1f}", f"{rate:.1f}", f"{run['cpu_s']:.0f}", f"{1000 * run['cpu_s'] / n:.0f}",
         f"{run['max_proc_mb']:.0f}", f"{run['tree_mb']:.0f}"],
        [f"floor: spaCy `nlp.pipe` ({', '.join(fl['pipes'])}), n_process={args.workers}, same cleaned texts",
         fl["docs"], f"{fl['seconds']:.1f}", f"{frate:.1f}", f"{fl['cpu_s']:.0f}", f"{1000 * fl['cpu_s'] / fl['docs']:.0f}",
         f"{fl['max_proc_mb']:.0f}", f"{fl['tree_mb']:.0f}"],
    ]
    comp_rows = [[k, f"{v:.2f}", f"{100 * v / ctotal:.0f}%"] for k, v in comp.items()]
    body = (
        f"{n} perturbed reports (`bench/perturb.py --seed {args.seed} --html-share {args.html_share}`: {n - n_html} "
        f"clean-text records (JSONL `text`, used as is), {words_in / max(1, n - n_html):.0f} words on average, from ECB+ documents and aeb article "
        f"bodies with permuted and mixed sentences; {n_html} aeb HTML pages with permuted paragraphs). Fresh store; the "
        "CLI in a child process under `nice`. Peak RSS: the largest process (getrusage of children) and the whole "
        "process tree (sampled from /proc every 0.5 s). Summary of the timed run: "
        f"read {sm.get('read')}, new {sm.get('new')}, failed {sm.get('failed')}, stories rebuilt "
        f"{sm.get('stories_rebuilt')}"
        + (f" (`NEWSTRACE_REBUILD_MAX_REPORTS={args.rebuild_max}` in the profiled and timed runs)" if renv else "")
        + ".\n\n"
        + table(["run", "reports", "s wall", "reports/s", "CPU s", "CPU ms/report", "peak RSS MB (largest process)",
                 "peak RSS MB (tree)"], rows)
        + f"\n\nIngest / floor (reports/s): {rate / frate:.2f}. Floor words/s: {fl['words'] / fl['seconds']:.0f}. CPU s: user + "
        "system of every process of the run's process tree, workers included (sampled from /proc every 0.5 s, the last "
        "sample of each process; less sensitive than wall time to the other jobs on the machine; the floor's includes "
        "loading the model in each process). Runs before 2026-12-07 09:10 counted only getrusage of waited children, "
        "which missed the ingest's worker processes.\n\n"
        + f"Where spaCy's time goes (one process, each component alone over the first {fl['sample']} cleaned texts, "
        "same run):\n\n" + table(["component", "s", "share"], comp_rows)
    )
    if inc:
        body += "\n\n" + incremental_text(args, inc)
    if prof_text:
        body += (f"\n\nWhere the ingest's time goes: cProfile of `newstrace ingest --workers {args.workers}` on the first "
                 f"{args.profile_reports} records (main process and each worker profiled; cumulative seconds, so "
                 "nested rows are parts of the row above; profiling slows Python-heavy code, so read shares, not "
                 "speeds):\n\n" + prof_text)
    body += (f"\n\nMachine: {machine()}; its 2 cores may be shared with other jobs (the session's own editing and tests), "
             "so absolute figures vary run to run; compare rows of the same run.")
    if not args.no_write:
        write_section("throughput", "Full-ingest throughput (perturbed reports)", body)
    print(body)


if __name__ == "__main__":
    main()
