"""Ingest throughput (docs/s, peak RSS) on ../shared/data/aeb, next to trafilatura's own extraction.

Every configuration runs in its own child process (so its peak RSS is its own), in the same run:

- ``read`` — `newstrace.ingest.read` only (decode, detect, hash) on the 181 aeb pages as HTML files;
- ``read+clean html`` / ``read+clean warc.gz`` — read, then `newstrace.clean.clean_report` in-process;
- ``read+clean html, runner w=2`` — the same through `newstrace.scale.local.run` with 2 worker processes;
- ``newstrace ingest`` — the lead's CLI end to end (clean + NLP + stories + DuckDB) into a fresh DB file;
- ``trafilatura.extract`` — the peer: trafilatura 2.3.1's own extraction of the same HTML strings.

Extraction quality of each cleaning path is scored with ../shared/eval/score_extraction.py against the aeb
ground truth, in the same run (the HTML and WARC paths must agree: ingest must not change what is cleaned).

Usage: .venv/bin/python bench/bench_ingest.py [--repeat 1] [--no-cli]
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._report import SHARED, machine, table, write_section  # noqa: E402

AEB = SHARED / "data" / "aeb" / "aeb.jsonl.gz"
SCORER = SHARED / "eval" / "score_extraction.py"


def _pages() -> list[dict]:
    with gzip.open(AEB, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def _warc_record(n: int, rtype: str, uri: str | None, body: bytes, ctype: str) -> bytes:
    head = ["WARC/1.0", f"WARC-Type: {rtype}", f"WARC-Record-ID: <urn:uuid:bench-{n:08d}>",
            "WARC-Date: 2026-11-22T00:00:00Z"]
    if uri:
        head.append(f"WARC-Target-URI: {uri}")
    head += [f"Content-Type: {ctype}", f"Content-Length: {len(body)}"]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body + b"\r\n\r\n"


def build_inputs(tmp: Path, pages: list[dict]) -> tuple[Path, Path]:
    """aeb pages as <id>.html files, and a per-record gzip'd WARC (warcinfo + one response per page)."""
    html_dir = tmp / "html"
    html_dir.mkdir()
    for p in pages:
        (html_dir / f"{p['id']}.html").write_text(p["html"], encoding="utf-8")
    warc = tmp / "aeb.warc.gz"
    with open(warc, "wb") as f:
        f.write(gzip.compress(_warc_record(1, "warcinfo", None, b"software: bench\r\n", "application/warc-fields")))
        for n, p in enumerate(pages, start=2):
            http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + p["html"].encode("utf-8")
            f.write(gzip.compress(_warc_record(n, "response", p["url"], http, "application/http; msgtype=response")))
    return html_dir, warc


# ---- one configuration, in a child process ---------------------------------------------------------------
def _child(mode: str, html_dir: Path, warc: Path, out: Path) -> dict:
    from newstrace.ingest import read
    from newstrace.model import Report

    preds: list[dict] = []
    t = time.perf_counter()
    docs = 0
    if mode == "read":
        docs = sum(isinstance(x, Report) for x in read([str(html_dir)]))
    elif mode in ("clean-html", "clean-warc"):
        from newstrace.clean import clean_report

        for x in read([str(html_dir) if mode == "clean-html" else str(warc)]):
            if isinstance(x, Report):
                r = clean_report(x)
                docs += 1
                preds.append({"key": r.id if mode == "clean-html" else r.url, "text": r.text})
    elif mode == "clean-runner":
        from newstrace.pipeline import clean_stage
        from newstrace.scale.local import run

        for r in run(clean_stage, read([str(html_dir)]), workers=2, timeout_s=60):
            if isinstance(r, Report):
                docs += 1
                preds.append({"key": r.id, "text": r.text})
    elif mode == "trafilatura":
        import trafilatura

        for f in sorted(html_dir.iterdir()):
            text = trafilatura.extract(f.read_text(encoding="utf-8")) or ""
            docs += 1
            preds.append({"key": f.name, "text": text})
    dt = time.perf_counter() - t
    out.write_text("\n".join(json.dumps(p) for p in preds), encoding="utf-8")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rss_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"docs": docs, "seconds": dt, "rss_mb": rss, "rss_children_mb": rss_children}


def _run_child(mode: str, html_dir: Path, warc: Path, tmp: Path) -> tuple[dict, Path]:
    out = tmp / f"pred-{mode}.jsonl"
    res = subprocess.run([sys.executable, __file__, "--child", mode, str(html_dir), str(warc), str(out)],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(res.stdout.strip().splitlines()[-1]), out


_RSS_WRAPPER = (
    "import json, resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
    "print(json.dumps({'rc': r.returncode, 'seconds': time.perf_counter() - t, 'out': r.stdout + r.stderr,\n"
    "                  'rss_kb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))\n"
)


def _run_cli(html_dir: Path, tmp: Path) -> dict:
    """`newstrace ingest` into a fresh DB, under a wrapper process so peak RSS is the CLI's alone."""
    db = tmp / "bench.duckdb"
    exe = Path(sys.executable).parent / "newstrace"
    res = subprocess.run([sys.executable, "-c", _RSS_WRAPPER, str(exe), "ingest", "--db", str(db), "--workers", "1",
                          "--json", str(html_dir)], capture_output=True, text=True, cwd=tmp,
                         env={**os.environ, "NO_COLOR": "1"})
    d = json.loads(res.stdout.strip().splitlines()[-1])
    out = d["out"]
    coded = re.findall(r"NT[1-5]\d\d", out)
    summary = {}
    for line in reversed(out.strip().splitlines()):
        if line.startswith("{") and '"read"' in line:
            summary = json.loads(line)
            break
    return {"seconds": d["seconds"], "rc": d["rc"], "rss_mb": d["rss_kb"] / 1024, "codes": coded,
            "summary": summary, "tail": out.strip().splitlines()[-3:]}


def _score(pred: Path, pages: list[dict], key: str, tmp: Path) -> dict:
    by_key = {}
    for line in pred.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            by_key[d["key"]] = d["text"]
    rows, gold = [], []
    for p in pages:
        k = f"{p['id']}.html" if key == "file" else p["url"]
        rows.append({"id": p["id"], "text": by_key.get(k, "")})
        gold.append({"id": p["id"], "articleBody": p["articleBody"]})
    pp, gp = tmp / f"{pred.stem}.scored.jsonl", tmp / "gold.jsonl"
    pp.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    gp.write_text("\n".join(json.dumps(r) for r in gold), encoding="utf-8")
    res = subprocess.run([sys.executable, str(SCORER), str(pp), str(gp)], capture_output=True, text=True, check=True)
    return json.loads(res.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-cli", action="store_true", help="skip the `newstrace ingest` end-to-end run")
    ap.add_argument("--child", nargs=4, metavar=("MODE", "HTML_DIR", "WARC", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        mode, h, w, o = args.child
        print(json.dumps(_child(mode, Path(h), Path(w), Path(o))))
        return
    pages = _pages()
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as td:
        tmp = Path(td)
        html_dir, warc = build_inputs(tmp, pages)
        mb = sum(len(p["html"].encode()) for p in pages) / 2**20
        configs = [("read", "newstrace read (HTML files)", None),
                   ("clean-html", "newstrace read+clean (HTML files)", "file"),
                   ("clean-warc", "newstrace read+clean (WARC.gz)", "url"),
                   ("clean-runner", "newstrace read+clean, local runner w=2", "file"),
                   ("trafilatura", "peer: trafilatura.extract 2.3.1 (same HTML)", "file")]
        for mode, label, key in configs:
            res, pred = _run_child(mode, html_dir, warc, tmp)
            f1 = _score(pred, pages, key, tmp)["f1"] if key else None
            rss = res["rss_mb"] if mode != "clean-runner" else max(res["rss_mb"], res["rss_children_mb"])
            rows.append([label, res["docs"], f"{res['docs'] / res['seconds']:.1f}", f"{mb / res['seconds']:.2f}",
                         f"{rss:.0f}", "-" if f1 is None else f"{f1:.4f}"])
            print(rows[-1], flush=True)
        cli_note = "not run (--no-cli)"
        if not args.no_cli:
            cli = _run_cli(html_dir, tmp)
            if cli["rc"] in (0, 1):
                rows.append(["`newstrace ingest --workers 1` (clean+NLP+stories+DuckDB)", len(pages),
                             f"{len(pages) / cli['seconds']:.1f}", f"{mb / cli['seconds']:.2f}",
                             f"{cli['rss_mb']:.0f}", "-"])
                sm = cli["summary"]
                cli_note = f"exit code {cli['rc']}"
                if sm:
                    cli_note += (f"; its summary: read {sm.get('read')}, new {sm.get('new')}, failed {sm.get('failed')}"
                                 f", notes {sm.get('notes')}")
                elif cli["codes"]:
                    cli_note += f"; codes in its output: {', '.join(sorted(set(cli['codes'])))}"
            else:
                cli_note = f"failed (exit {cli['rc']}): {' / '.join(cli['tail'])}"
            print(cli_note, flush=True)
    body = (
        f"{len(pages)} aeb pages ({mb:.1f} MB of HTML); the WARC.gz (one gzip member per record) is built from them "
        "at bench time. Each row runs in its own process (peak RSS is that process's; for the runner row the "
        "largest worker's). F1: ../shared/eval/score_extraction.py against the aeb ground truth, same run.\n\n"
        + table(["configuration", "docs", "docs/s", "MB/s", "peak RSS MB", "F1 (aeb)"], rows)
        + f"\n\n`newstrace ingest`: {cli_note}. Machine: {machine()}; 2 cores shared with other jobs, so "
        "absolute figures vary run to run; compare rows of the same run."
    )
    write_section("ingest", "Ingest throughput (aeb)", body)
    print(body)


if __name__ == "__main__":
    main()
