"""Benchmark `clean-lines`: chrome-laden plain text -> article text on aeb page lines (the TEST set).

Each of the 181 aeb pages' `lines` joined by newlines is the raw text; every cleaner's `text` is scored with
../shared/eval/score_lines.py (line P/R/F1 and the article-extraction-benchmark shingle text P/R/F1). Peers
measured in the same run on the same pages: keep-everything and the C4 line rules (`lines.c4.v1`).
Speed is lines/s and pages/s on one process, single-threaded model prediction.

Reference rows (not plain-text cleaners): the HTML extractors newstrace html.v1, trafilatura 2.3.1 and
resiliparse given each page's full HTML (aeb.jsonl.gz, same pages), scored by the same scorer two ways: their
own output, and their output mapped onto the page's lines by the rule that made the gold labels (a line is kept
when the extraction would label it main, `lines_data.silver_labels`). They show how far the goal is from what
an extractor reaches when it has the page's markup, which a plain-text cleaner does not.

Usage: .venv/bin/python bench/bench_lines.py [--no-write]
"""
from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._report import SHARED, peak_rss_mb, table, write_section  # noqa: E402
from newstrace.clean.base import Extracted  # noqa: E402
from newstrace.clean.lines import MODELS, _model, reason_counts  # noqa: E402
from newstrace.clean.lines_c4 import c4_clean_lines  # noqa: E402
from newstrace.registry import line_cleaners  # noqa: E402
from newstrace.settings import Settings  # noqa: E402

GOLD = SHARED / "data" / "aeb" / "aeb_page_lines.jsonl.gz"
HTML = SHARED / "data" / "aeb" / "aeb.jsonl.gz"
SCORER = SHARED / "eval" / "score_lines.py"


def keep_everything(raw: str, *, reference_date: str | None = None) -> Extracted:
    return Extracted(text=raw)


def score(pred: list[dict]) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for row in pred:
            f.write(json.dumps(row) + "\n")
    out = subprocess.run([sys.executable, str(SCORER), f.name, str(GOLD)], capture_output=True, text=True,
                         check=True).stdout
    Path(f.name).unlink()
    return json.loads(out)


def html_references(pages: list[dict]) -> list[list]:
    """The HTML extractors on the same pages' HTML: raw output, and output mapped onto the page lines."""
    sys.path.insert(0, str(ROOT / "bench"))
    from lines_data import silver_labels  # the gold labels' derivation rule, applied to an extraction

    from bench.bench_clean import _extractor

    with gzip.open(HTML, "rt", encoding="utf-8") as f:
        html = {str(r["id"]): r for r in map(json.loads, f)}
    rows = []
    for name in ("newstrace html.v1", "trafilatura 2.3.1", "resiliparse"):
        run, _ = _extractor(name)
        texts = {str(p["id"]): run(html[str(p["id"])]["html"], html[str(p["id"])]["url"]) for p in pages}
        mapped = []
        for p in pages:
            keep = silver_labels(p["lines"], texts[str(p["id"])], [], [])
            mapped.append({"id": str(p["id"]), "text": "\n".join(x for x, k in zip(p["lines"], keep) if k)})
        for label, pred in ((f"{name}, given the HTML", [{"id": k, "text": v} for k, v in texts.items()]),
                            (f"{name}, given the HTML, mapped onto the lines", mapped)):
            res = score(pred)
            rows.append([label, res["lines"]["precision"], res["lines"]["recall"], res["lines"]["f1"],
                         res["text"]["precision"], res["text"]["recall"], res["text"]["f1"]])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-write", action="store_true", help="print only, leave BENCHMARKS.md alone")
    args = parser.parse_args()
    with gzip.open(GOLD, "rt", encoding="utf-8") as f:
        pages = [json.loads(r) for r in f if r.strip()]
    raws = [(str(p["id"]), "\n".join(p["lines"])) for p in pages]
    n_lines = sum(len(p["lines"]) for p in pages)
    rows, results = [], {}
    reasons: Counter[str] = Counter()
    # every trained line model in the package, each through its registered cleaner
    ours = [(f"newstrace {version}", line_cleaners.get(version)) for version in MODELS if _model(version) is not None]
    for _, fn in ours:
        fn("warm up\nthe model")  # load the models outside the timed loop
    best = line_cleaners.get(Settings().line_cleaner)  # the default: its dropped-line reasons are counted
    for name, fn in [*ours, ("C4 line rules (lines.c4.v1)", c4_clean_lines), ("keep everything", keep_everything)]:
        t0 = time.perf_counter()
        outs = [(pid, fn(raw)) for pid, raw in raws]
        dt = time.perf_counter() - t0
        if fn is best:
            for _, out in outs:
                reasons.update(reason_counts(out))
        res = score([{"id": pid, "text": out.text} for pid, out in outs])
        results[name] = res
        rows.append([name, res["lines"]["precision"], res["lines"]["recall"], res["lines"]["f1"],
                     res["text"]["precision"], res["text"]["recall"], res["text"]["f1"],
                     f"{n_lines / dt:,.0f}", f"{len(raws) / dt:,.1f}"])

    def dev_line(version: str) -> str:
        model = _model(version) or {}
        dev = model.get("dev") or {"lines": {"f1": float("nan")}, "text": {"f1": float("nan")}}
        script = "bench/ensemble_lines.py" if model.get("members") else "bench/train_lines.py"
        english = model.get("dev_en")
        return (f"{version}: dev score (5-fold CV on the trafilatura-eval pages, folds fixed per page, written by "
                f"{script}; training data {model.get('data', {'labeler': 'traf', 'synthetic': 'ecb'})}): "
                + "; ".join(f"against {name} silver labels line F1 {d['lines']['f1']:.4f}, text F1 {d['text']['f1']:.4f}"
                            for name, d in sorted((model.get("dev_all") or {"traf": dev}).items()))
                + (f"; English pages only line F1 {english['lines']['f1']:.4f}, text F1 {english['text']['f1']:.4f}"
                   if english else "") + ".")

    rss = peak_rss_mb()  # the plain-text cleaners' peak, before the HTML references load their libraries
    refs = html_references(pages)
    body = (
        f"aeb page lines (TEST set: {len(pages)} pages, {n_lines:,} lines), scored with "
        "`../shared/eval/score_lines.py`; one process, one thread. Goal (issue 3): line F1 >= 0.95, text F1 >= 0.96.\n\n"
        + table(["cleaner", "line P", "line R", "line F1", "text P", "text R", "text F1", "lines/s", "pages/s"], rows)
        + "\n\nReference, not plain-text cleaners: the HTML extractors given each page's full HTML (aeb.jsonl.gz), "
        "scored by the same scorer on their own output and on that output mapped onto the page's lines by the rule "
        "that made the gold labels. Even with the markup, no extractor reaches the line F1 goal.\n\n"
        + table(["extractor (with the HTML)", "line P", "line R", "line F1", "text P", "text R", "text F1"], refs)
        + "\n\n" + "\n\n".join(dev_line(name.split()[-1]) for name, _ in ours)
        + f"\n\nPeak RSS of the plain-text cleaners {rss:.0f} MB. Dropped-line reasons ({Settings().line_cleaner}, "
        "the default): "
        + ", ".join(f"{k} {v}" for k, v in reasons.most_common(12))
        + ".\n"
    )
    print(body)
    print(json.dumps(results))
    if not args.no_write:
        write_section("clean-lines", "clean-lines: chrome-laden plain text (aeb page lines)", body)


if __name__ == "__main__":
    main()
