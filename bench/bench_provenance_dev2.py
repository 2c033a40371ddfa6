"""Benchmark "provenance-dev2": claims and independent origins on the second dev gold set
(bench/data/provenance_dev2, 18 ECB+ stories outside provenance-dev's topics), scored by
../shared/eval/score_provenance.py. Nothing is tuned here: no threshold or option is chosen on this set.

Route (the real pipeline, one fresh store per gold story):
1. the story's ECB+ documents (id = doc_id, text, title) are written as an ingest JSON Lines file and ingested
   into a new temporary store by `Corpus.ingest` (read, clean, annotate, store, assign to stories);
2. every story the clustering made of them gets its dossier from `Corpus.dossier`;
3. the scorer takes, for each gold story, the dossier holding most of its documents (``pipeline``).

Beside it, in the same run and on the same ingested reports: ``gold grouping`` = one dossier per gold story built
over all of its stored reports and copies (`build_dossier`, as `Corpus.dossier` does for a stored story), which
takes the clustering out of the figures. Two reference rows reuse the pipeline's claims with the origins replaced:
every outlet an origin (as in bench_provenance.py), and every claim one origin (circular), since most claims of
this set rest on a single origin.

The tables are printed and written into BENCHMARKS.md, section "provenance-dev2" (``--no-write``: print only;
``--json`` adds the raw figures).

Usage: .venv/bin/python bench/bench_provenance_dev2.py [--json] [--stories 7ecbplus,25ecb]
"""
from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._report import SHARED, table  # noqa: E402
from bench.bench_provenance import baseline  # noqa: E402  (origins = the distinct reports carrying the claim)
from bench.provenance_dev2 import GOLD, load  # noqa: E402

ECB = SHARED / "data" / "ecbplus" / "ecbplus_docs.jsonl.gz"
SCORER = SHARED / "eval" / "score_provenance.py"
KEYS = ["claims", "found", "claim_recall", "report_recall", "origins_right", "circular_right",
        "variant_pairs_merged", "variant_false_merges"]


def score(dossiers: list[dict], gold: list[dict]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        dp, gp = Path(tmp) / "d.jsonl", Path(tmp) / "g.json"
        dp.write_text("".join(json.dumps(d) + "\n" for d in dossiers), encoding="utf-8")
        gp.write_text(json.dumps(gold), encoding="utf-8")
        out = subprocess.run([sys.executable, str(SCORER), str(dp), str(gp)], capture_output=True, text=True,
                             check=True)
    return json.loads(out.stdout)


def one_origin(dossiers: list[dict]) -> list[dict]:
    """Reference: the same claims, every one resting on a single origin (circular when 2+ reports carry it)."""
    out = []
    for d in dossiers:
        d = json.loads(json.dumps(d))
        for c in d["claims"]:
            c["independent_origins"] = 1
            c["circular"] = len(set(c["reports"])) >= 2
        out.append(d)
    return out


def ecb_docs(ids: set[str]) -> dict[str, dict]:
    with gzip.open(ECB, "rt", encoding="utf-8") as f:
        return {d["doc_id"]: d for d in (json.loads(line) for line in f) if d["doc_id"] in ids}


def run_story(story: dict, docs: dict[str, dict], tmp: Path) -> dict:
    """Ingest one gold story's documents into a fresh store; its pipeline dossiers and its gold-grouping dossier."""
    from newstrace.corpus import Corpus
    from newstrace.model import Story
    from newstrace.provenance.dossier import build_dossier

    sid = story["story"]
    src = tmp / f"{sid}.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": docs[i]["text"], "title": docs[i]["title"]}) + "\n"
                           for i in story["doc_ids"]), encoding="utf-8")
    t0 = time.perf_counter()
    with Corpus.open(tmp / f"{sid}.duckdb") as corpus:
        summary = corpus.ingest([str(src)])
        ingest_s = time.perf_counter() - t0
        found = [s for s in corpus.stories() if set(s["reports"]) & set(story["doc_ids"])]
        pipeline = [corpus.dossier(s["id"]) for s in found]
        ids = list(story["doc_ids"])
        reports = list(corpus.store.reports(ids, children=True))
        stored = {r.id: r.text for r in reports}
        grouped = build_dossier(Story(id=sid, reports=tuple(r.id for r in reports)), reports, corpus.store.copies(ids))
    # offsets of the gold index the ECB+ text: a stored text that differs would shift every wording
    changed = sorted(i for i in ids if stored.get(i) != docs[i]["text"])
    mine = set(story["doc_ids"])
    best = max(pipeline, key=lambda d: len(mine & {r["id"] for r in d["reports"]}), default=None)
    held = set() if best is None else {r["id"] for r in best["reports"]}
    return {"story": sid, "pipeline": pipeline, "grouped": grouped, "ingest_s": ingest_s,
            "stored": len(stored), "changed_texts": changed, "clusters": [len(s["reports"]) for s in found],
            "coverage": f"{len(mine & held)}/{len(mine)}",
            "ingest": {"read": summary.read, "new": summary.new, "failures": len(summary.failures)}}


def fmt_row(name: str, r: dict) -> list:
    return [name, f"{r['found']}/{r['claims']}", r["report_recall"], r["origins_right"], r["circular_right"],
            r["variant_pairs_merged"], r["variant_false_merges"]]


HEAD = ["", "claims found", "report recall", "origins right", "circular right", "variant pairs merged", "false merges"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", action="store_true", help="also print the raw figures as JSON")
    ap.add_argument("--stories", help="comma-separated story ids (default: all; then nothing is written)")
    ap.add_argument("--no-write", action="store_true", help="print only, leave BENCHMARKS.md alone")
    args = ap.parse_args()
    gold = load(GOLD)
    if args.stories:
        keep = set(args.stories.split(","))
        gold = [s for s in gold if s["story"] in keep]
    docs = ecb_docs({i for s in gold for i in s["doc_ids"]})
    import newstrace

    runs = []
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for s in gold:
            runs.append(run_story(s, docs, Path(tmp)))
            print(f"# {s['story']}: ingested {runs[-1]['stored']} docs in {runs[-1]['ingest_s']:.1f} s, "
                  f"clusters {runs[-1]['clusters']}", file=sys.stderr, flush=True)
    secs = time.perf_counter() - t0
    pipe = [d for r in runs for d in r["pipeline"]]
    grouped = [r["grouped"] for r in runs]
    overall = {"pipeline": score(pipe, gold), "gold grouping": score(grouped, gold),
               "ref: origins = outlets (pipeline claims)": score(baseline(pipe), gold),
               "ref: one origin each (pipeline claims)": score(one_origin(pipe), gold)}
    per = []
    for s, r in zip(gold, runs):
        per.append({"story": s["story"], "docs": len(s["doc_ids"]), "coverage": r["coverage"],
                    "clusters": r["clusters"],
                    "pipeline": score(r["pipeline"], [s]), "gold grouping": score([r["grouped"]], [s]),
                    "changed_texts": r["changed_texts"]})
    import contextlib
    import io

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        _print_tables(gold, overall, per, secs, newstrace)
    print(buf.getvalue())
    if not args.no_write and not args.stories:
        from bench._report import write_section

        write_section("provenance-dev2", "Provenance on stories nobody tuned for (provenance-dev2)",
                      buf.getvalue().strip() + "\n\nThese stories were annotated blind (bench/data/provenance_dev2/"
                      "README.md). No threshold is chosen on them. Their held-out figures for the rules written on "
                      "provenance-dev were origins right 0.703, circular right 0.752 (pipeline, 2026-12-07 04:28). "
                      "The rules added since (sources.regex.v2: titles before a name, plural role and group nouns, "
                      "a name before an unnamed head, 'a spokesman for X'; origins.rules.v2: unnamed staff groups "
                      "tied by the texts to one named source) were written after reading this set's origin errors, "
                      "so the origins and circular figures above are in-sample for them; provenance-dev, which they "
                      "were not written on, kept origins right 0.857 and circular right 0.929 through the real "
                      "pipeline. The entity-variant rules of entities.story-context.v2 were partly written after "
                      "reading this set's variant misses, and v3's (the dossier's since 2026-12-07 22:00; pipeline "
                      "variants 0.484 with v2) after reading v2's: the variant figures are in-sample; the ECB+ "
                      "chains of the stories nobody read are in BENCHMARKS.md \"entities\".")
    if args.json:
        print(json.dumps({"overall": overall, "per_story": per}, indent=1))


def _print_tables(gold, overall, per, secs, newstrace) -> None:
    print(f"provenance-dev2: {len(gold)} stories, {sum(len(s['doc_ids']) for s in gold)} documents, "
          f"{sum(len(s['claims']) for s in gold)} gold claims ({GOLD.relative_to(ROOT)}); newstrace "
          f"{newstrace.__version__}; {secs:.0f} s for ingest + dossiers.\n")
    print("Overall (scorer over all stories at once: recall over gold claims, origins/circular over claims found)\n")
    print(table(HEAD, [fmt_row(k, v) for k, v in overall.items()]))
    print("\nPer story: pipeline (the clustered dossier holding most of the story's documents)\n")
    print(table(["story", "docs held", "clusters", *HEAD[1:]],
                [[p["story"], p["coverage"], " ".join(map(str, p["clusters"])), *fmt_row("", p["pipeline"])[1:]]
                 for p in per]))
    print("\nPer story: gold grouping (one dossier over all of the story's ingested documents)\n")
    print(table(["story", *HEAD[1:]], [[p["story"], *fmt_row("", p["gold grouping"])[1:]] for p in per]))
    changed = {p["story"]: p["changed_texts"] for p in per if p["changed_texts"]}
    print("\nStored texts that differ from the ECB+ text (their wordings cannot overlap the gold offsets): "
          + (json.dumps(changed) if changed else "none"))


if __name__ == "__main__":
    main()
