"""Benchmark "provenance": claim alignment and origins on ../shared/data/provenance-dev, scored by
../shared/eval/score_provenance.py, next to a naive baseline measured in the same run.

Dev harness (as the issue describes): Reports from ../shared/data/ecbplus texts (id = doc_id, text, title),
grouped by gold story, annotated by `newstrace.nlp.annotate` when it is importable (``--no-nlp`` skips it), turned
into dossiers by `build_dossier`, and scored. The claim-alignment thresholds are checked by leave-one-story-out
cross-validation over a small grid (choose on three stories, score the fourth) so the reported recall is not the
recall of thresholds picked on the same story.

Baseline: the same claims, but origins = the distinct reports carrying the claim (every outlet its own origin),
so ``circular`` is never true.

Usage: .venv/bin/python bench/bench_provenance.py [--no-nlp] [--no-write]
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _report import SHARED, table, write_section  # noqa: E402

from newstrace.compare import claims as claims_mod  # noqa: E402
from newstrace.model import Report, Story  # noqa: E402
from newstrace.provenance.dossier import build_dossier  # noqa: E402

DATA = SHARED / "data"
GOLD = DATA / "provenance-dev" / "provenance_dev.json"
SCORER = SHARED / "eval" / "score_provenance.py"
GRID = [(p, lk) for p in (0.2, 0.25, 0.3) for lk in (0.16, 0.2, 0.25, 0.3, 0.35)]


def load_reports(annotate: bool) -> tuple[list[dict], dict[str, Report], str]:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    ids = {i for s in gold for i in s["doc_ids"]}
    docs = {}
    with gzip.open(DATA / "ecbplus" / "ecbplus_docs.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["doc_id"] in ids:
                docs[d["doc_id"]] = Report(id=d["doc_id"], text=d["text"], title=d["title"])
    how = "sentences + rule-based sources (no NLP stage)"
    if annotate:
        try:
            from newstrace.nlp import annotate as nlp_annotate

            docs = {r.id: r for r in nlp_annotate(list(docs.values()))}
            how = "newstrace.nlp.annotate claims/attributions + sentences"
        except ImportError:
            pass
    return gold, docs, how


def copies_for(reports: list[Report]):
    try:
        from newstrace.stories.copies import find_copies  # the stories engineer's stage, when present
    except ImportError:
        return ()
    ordered = sorted(reports, key=lambda r: r.id)
    try:
        return tuple(c for i, r in enumerate(ordered) for c in find_copies(r, ordered[:i]))
    except Exception:
        return ()


def dossiers(gold: list[dict], docs: dict[str, Report], pair: float | None = None, link: float | None = None) -> list[dict]:
    old = claims_mod.align_claims.__defaults__
    if pair is not None:
        # the thresholds are the first two defaults; the other options keep theirs
        claims_mod.align_claims.__defaults__ = (pair, link) + tuple(old[2:])
    try:
        out = []
        for s in gold:
            reps = [docs[i] for i in s["doc_ids"]]
            out.append(build_dossier(Story(id=s["story"], reports=tuple(s["doc_ids"])), reps, copies_for(reps)))
        return out
    finally:
        claims_mod.align_claims.__defaults__ = old


def score(ds: list[dict], gold: list[dict]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        dp, gp = Path(tmp) / "d.jsonl", Path(tmp) / "g.json"
        dp.write_text("".join(json.dumps(d) + "\n" for d in ds), encoding="utf-8")
        gp.write_text(json.dumps(gold), encoding="utf-8")
        res = subprocess.run([sys.executable, str(SCORER), str(dp), str(gp)], capture_output=True, text=True, check=True)
    return json.loads(res.stdout)


def baseline(ds: list[dict]) -> list[dict]:
    out = []
    for d in ds:
        d = json.loads(json.dumps(d))
        for c in d["claims"]:
            c["independent_origins"] = len(set(c["reports"]))
            c["circular"] = False
        out.append(d)
    return out


#: constructed stories for the origin definition's cases the dev set lacks (tests/provenance/fixtures/*.json)
FIXTURE_NOTE = (
    "Constructed stories (tests/provenance/fixtures, checked by tests/provenance/test_fixtures.py) cover the origin "
    "definition's cases the dev set lacks: spokespeople of one organisation (1), principals (2), an outlet citing an "
    "outlet (1), wire copies (1), witnessing newsrooms with a wire copy (2), public record (1), unnamed sources (2), "
    "own voice (1), two interviews of one minister (2), competing scoops plus hearsay (2), a figure stated only in "
    "an aside (1), the state's media named three ways (1), a merged look-alike story (2), a figure sourced elsewhere in "
    "its report (1), a wire's unnamed officials relayed (1), outlets referred back to as 'the paper'/'the newspaper' "
    "with the report's own interview and document (2), an agent's asking price next to the club's offer of the same "
    "figures (1), a bare 'the governor' read within the claim's reports (1); {right} of {total} expectations over "
    "{stories} stories right. "
)


def fixture_cases() -> tuple[int, int, int]:
    """(right, total, stories) over the constructed stories, as tests/provenance/test_fixtures.py checks them."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.provenance._harness import FIXTURES, claim_with, fixture_dossier

    right = total = stories = 0
    for path in sorted(FIXTURES.glob("*.json")):
        fx, d = fixture_dossier(path.name)
        stories += 1
        texts = {r["id"]: r["text"] for r in fx["reports"]}
        for exp in fx["expect"]:
            total += 1
            c = claim_with(d, exp["wordings"], texts)
            right += bool(c and c["independent_origins"] == exp["independent_origins"] and c["circular"] is exp["circular"])
    return right, total, stories


def reach_counts(ds: list[dict]) -> list[list]:
    """Per story: claims carried by 2+ reports, how many of them are circular (the old warning), attributed,
    laundered (the new warning). No gold says which claims are laundered yet: these are counts, not scores."""
    rows = []
    for d in ds:
        multi = [c for c in d["claims"] if len(set(c["reports"])) >= 2]
        rows.append([d["id"], len(multi), sum(bool(c["circular"]) for c in multi),
                     sum(c.get("reach") == "attributed" for c in multi), sum(c.get("reach") == "laundered" for c in multi)])
    return rows


GOALS = {"claim_recall": 0.8, "origins_right": 0.8, "circular_right": 0.9}


def _pooled(rows: list[dict]) -> dict[str, float]:
    """Pool per-story scorer outputs: recall over gold claims, origins/circular over found claims."""
    claims = sum(r["claims"] for r in rows)
    found = sum(r["found"] for r in rows)
    return {
        "claim_recall": found / max(1, claims),
        "origins_right": sum(r["origins_right"] * r["found"] for r in rows) / max(1, found),
        "circular_right": sum(r["circular_right"] * r["found"] for r in rows) / max(1, found),
    }


def _objective(m: dict[str, float]) -> tuple[int, float]:
    # the targets decide: first how many of them are met, then how close the three figures come in sum
    return (sum(m[k] >= v for k, v in GOALS.items()), sum(m[k] for k in GOALS))


def cross_validate(gold: list[dict], docs: dict[str, Report]) -> tuple[dict[str, float], list[tuple[str, float, float, dict]]]:
    """Leave-one-story-out over the threshold grid: choose on three stories by `_objective`, score the fourth.

    Returns the pooled held-out figures and, per held-out story, the chosen (pair, link) and its figures.
    """
    per = {g: [score(dossiers([s], docs, *g), [s]) for s in gold] for g in GRID}
    held, rows = [], []
    for k, s in enumerate(gold):
        best = max(GRID, key=lambda g: (_objective(_pooled([r for i, r in enumerate(per[g]) if i != k])), -g[0], -g[1]))
        held.append(per[best][k])
        rows.append((s["story"], best[0], best[1], _pooled([per[best][k]])))
    chosen = max(GRID, key=lambda g: (_objective(_pooled(per[g])), -g[0], -g[1]))
    return _pooled(held) | {"chosen_on_all": chosen}, rows


def pipeline(db: str, gold: list[dict]) -> dict:
    """Score the CLI's dossiers on an ingested store the way ../shared/scoreboard does."""
    exe = str(Path(sys.executable).with_name("newstrace"))
    wanted = {d for s in gold for d in s["doc_ids"]}
    found = [json.loads(x) for x in subprocess.run([exe, "stories", "--db", db, "--json"], capture_output=True, text=True,
                                                   check=True).stdout.splitlines() if x.strip()]
    ds = [json.loads(subprocess.run([exe, "story", s["id"], "--db", db, "--format", "json"], capture_output=True,
                                    text=True, check=True).stdout) for s in found if wanted & set(s["reports"])]
    res = score(ds, gold)
    # how much of each gold story the scored dossier (the one holding most of its documents) holds: what the
    # clustering left to the dossier
    cover = {}
    for g in gold:
        mine = set(g["doc_ids"])
        best = max(ds, key=lambda d: len(mine & {r["id"] for r in d["reports"]}), default=None)
        ids = set() if best is None else {r["id"] for r in best["reports"]}
        cover[g["story"]] = f"{len(mine & ids)}/{len(mine)}" + (f" (+{len(ids - mine)} of other events)" if ids - mine else "")
    res["coverage"] = cover
    return res


SUB_GRID = (0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.1, 0.15)
#: the guard must keep single-event stories whole: at most 1 in 20 split
KEEP_WHOLE = 0.95


def subevent_selection() -> tuple[float, list[list]]:
    """Re-derive `subevents.SUBEVENT_THRESHOLD` on the 26 ECB+ topics outside provenance-dev: the highest pairwise
    F1 among thresholds that keep >= KEEP_WHOLE of single events whole. Returns (chosen, table rows)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.provenance._harness import subevent_pairs

    rows, best = [], None
    for thr in SUB_GRID:
        m, d = subevent_pairs(thr), subevent_pairs(thr, dev=True)
        rows.append([thr, m["precision"], m["recall"], m["f1"], m["kept_whole"], d["f1"], d["kept_whole"]])
        if m["kept_whole"] >= KEEP_WHOLE and (best is None or m["f1"] > best[1]):
            best = (thr, m["f1"])
    return (best[0] if best else 0.0), rows


def lookalikes(gold: list[dict], annotate: bool, guard: bool = True) -> dict:
    """Robustness to a clustering merge: each gold story's dossier built over its whole ECB+ topic (the gold
    story plus the sibling event of the same kind, e.g. another quake, another polygamy arrest), scored as usual."""
    topics = {s["doc_ids"][0].split("_")[0] for s in gold}
    docs = {}
    with gzip.open(DATA / "ecbplus" / "ecbplus_docs.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            if d["doc_id"].split("_")[0] in topics:
                docs[d["doc_id"]] = Report(id=d["doc_id"], text=d["text"], title=d["title"])
    if annotate:
        try:
            from newstrace.nlp import annotate as nlp_annotate

            docs = {r.id: r for r in nlp_annotate(list(docs.values()))}
        except ImportError:
            pass
    import newstrace.provenance.dossier as dossier_mod

    res = {}
    for with_guard in ((True, False) if guard else (False,)):
        saved = dossier_mod.subevents
        if not with_guard:
            dossier_mod.subevents = lambda reps, copies=(): {}  # the peer: the same dossiers without the guard
        try:
            out = []
            for s in gold:
                t = s["doc_ids"][0].split("_")[0]
                ids = sorted(i for i in docs if i.split("_")[0] == t)
                reps = [docs[i] for i in ids]
                out.append(build_dossier(Story(id=s["story"], reports=tuple(ids)), reps, copies_for(reps)))
        finally:
            dossier_mod.subevents = saved
        res["guard" if with_guard else "no_guard"] = score(out, gold) | {
            "documents": sum(len(d["reports"]) for d in out),
            "subevents": {d["id"]: [len(g["reports"]) for g in d.get("subevents", [])] for d in out}}
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-nlp", action="store_true", help="do not run newstrace.nlp.annotate")
    ap.add_argument("--no-write", action="store_true", help="print, do not write BENCHMARKS.md")
    ap.add_argument("--pipeline-db", help="also score the real pipeline on this store (all 681 ECB+ docs ingested by "
                    "`newstrace ingest`, as ../shared/scoreboard does): stories clustering + `newstrace story --format json`")
    args = ap.parse_args()
    gold, docs, how = load_reports(not args.no_nlp)
    t0 = time.perf_counter()
    ds = dossiers(gold, docs)
    secs = time.perf_counter() - t0
    ours, base = score(ds, gold), score(baseline(ds), gold)
    reach_rows = reach_counts(ds)
    cv, cv_rows = cross_validate(gold, docs)
    pipe = pipeline(args.pipeline_db, gold) if args.pipeline_db else None
    looks = lookalikes(gold, not args.no_nlp)
    look, peer = looks["guard"], looks["no_guard"]
    chosen, sub_rows = subevent_selection()
    fx_right, fx_total, fx_stories = fixture_cases()
    print(json.dumps({"ours": ours, "baseline": base, "cv": cv, "cv_rows": cv_rows, "pipeline": pipe, "lookalikes": looks,
                      "subevent_threshold": chosen, "subevent_rows": sub_rows,
                      "fixtures": [fx_right, fx_total, fx_stories], "reach": reach_rows}, indent=1))
    pipeline_note = "" if pipe is None else (
        "Real pipeline (all 681 ECB+ documents ingested with `newstrace ingest`, the stories stage's clustering, "
        "`newstrace story ID --format json` for the stories holding the gold documents, as `../shared/scoreboard "
        f"provenance` does): claim recall **{pipe['claim_recall']:.3f}**, report recall {pipe['report_recall']:.3f}, "
        f"origins right **{pipe['origins_right']:.3f}**, circular right **{pipe['circular_right']:.3f}**, variant pairs "
        f"merged **{pipe['variant_pairs_merged']:.3f}** with false merges {pipe['variant_false_merges']:.3f}; the scored "
        "dossier of each gold story holds " + ", ".join(f"{k} {v}" for k, v in pipe["coverage"].items())
        + " of its documents (a claim's reports in another fragment are not seen; documents of other events in "
        "the same dossier are the clustering's merges). ")
    if args.no_write:
        return
    keys = ["claim_recall", "report_recall", "origins_right", "circular_right", "variant_pairs_merged", "variant_false_merges"]
    goals = {"claim_recall": ">= 0.8", "origins_right": ">= 0.8", "circular_right": ">= 0.9",
             "variant_pairs_merged": ">= 0.85", "variant_false_merges": "<= 0.05", "report_recall": "-"}
    body = (
        f"provenance-dev (4 ECB+ stories, 51 documents, 32 gold claims), scored by `../shared/eval/score_provenance.py`. "
        f"Input: {how}; dossiers for the 4 stories built in {secs:.2f} s. Baseline = same claims, origins = the distinct "
        f"reports carrying the claim (every outlet an origin).\n\n"
        + table(["figure", "newstrace", "baseline (origins = outlets)", "goal"], [[k, ours[k], base[k], goals[k]] for k in keys])
        + "\n\nLeave-one-story-out cross-validation of the two alignment thresholds (grid "
        f"{sorted({g[0] for g in GRID})} × {sorted({g[1] for g in GRID})}; chosen on three stories by the number of "
        "goals met, then the sum of the three figures; scored on the fourth): held-out claim recall "
        f"**{cv['claim_recall']:.3f}**, origins right **{cv['origins_right']:.3f}**, circular right "
        f"**{cv['circular_right']:.3f}** (per story: "
        + ", ".join(f"{s} p={p} l={lk} → {m['claim_recall']:.3f}/{m['origins_right']:.3f}/{m['circular_right']:.3f}" for s, p, lk, m in cv_rows)
        + f"). The same rule on all four stories chooses p={cv['chosen_on_all'][0]}, l={cv['chosen_on_all'][1]}; the "
        f"defaults are p={claims_mod.PAIR_THRESHOLD}, l={claims_mod.LINK_THRESHOLD}, the value most held-out folds chose. "
        + FIXTURE_NOTE.format(right=fx_right, total=fx_total, stories=fx_stories)
        + pipeline_note
        + "\n\n### Reach: attributed or laundered (issue 13)\n\n"
        "Per story, the claims two or more reports carry: how many are circular (one origin; every one of them was "
        "warned before), and how the dossier's `reach` (`provenance/reach.py`, reach.rules.v1) splits them: "
        "`attributed` (every report names the origin: no warning, shown as '1 source, named by every report') or "
        "`laundered` (some report states it in its own voice, names only an intermediary outlet, or the reports "
        "cite each other: the only claims warned now). No gold marks laundering yet, so these are counts, not scores; "
        "reach has no threshold or fitted part.\n\n"
        + table(["story", "claims (2+ reports)", "circular", "attributed", "laundered (warned)"], reach_rows)
        + "\n\n### Merged look-alike stories\n\n"
        f"Each gold story's dossier built over its whole ECB+ topic ({look['documents']} documents: the story plus the "
        "sibling event of the same kind, as a clustering merge would give), with the sub-event guard "
        "(`provenance/subevents.py`: claims align within one sub-event; role and affiliation ties are read per "
        "sub-event) and, as the peer in the same run, without it. Sub-events found per topic: "
        + ", ".join(f"{k} {v}" for k, v in look["subevents"].items()) + ".\n\n"
        + table(["figure", "with guard", "peer: no guard", "goal"],
                [[k, look[k], peer[k], goals[k]] for k in ("claim_recall", "report_recall", "origins_right", "circular_right")])
        + "\n\nThe guard separates the two events of topics 1 and 36 exactly; topics 10 (two teams' offers to one "
        "player) and 20 (two quakes on one island) share most names and figures and stay one sub-event. There a bare "
        "role (\"the governor of Qeshm island told AFP\") is now read within the claim's own reports before the "
        "story's, so it is no longer the other quake's governor (prov-3: origins 0.750, circular 0.821 on these "
        "stories). Where the two columns agree, the guard changed no scored claim: the scored claims of topics 1 "
        "and 36 were not mixed across events even without it; what it prevents is shown by the constructed merged "
        "story (tests/provenance/fixtures/merged_lookalike.json: each toll one origin, circular, with the guard; two "
        "origins, not circular, without). Its threshold is chosen on the 26 ECB+ topics outside provenance-dev "
        f"(pairs of documents of one topic; gold = its two events): the highest pairwise F1 among thresholds that keep "
        f">= {KEEP_WHOLE} of single events whole (chosen: **{chosen}**; in use: "
        f"{__import__('newstrace.provenance.subevents', fromlist=['x']).SUBEVENT_THRESHOLD}).\n\n"
        + table(["threshold", "P (26 topics)", "R", "F1", "single events kept whole", "F1 (4 dev topics)", "kept whole (dev)"], sub_rows)
        + "\n\nCaveat: only the two alignment thresholds and the sub-event threshold are chosen on held-out data; the "
        "source-reading and origin rules (`provenance/sources.py`, `provenance/origins.py` including the state-media and "
        "wire-relay rules, the aside and source-stated-elsewhere rules in `provenance/dossier.py`, date claims in "
        "`compare/claims.py`, the asking-price/offer stance in `compare/claims.py`, role ties read within the claim's "
        "reports) were written from a per-claim error analysis of these four stories and checked on the "
        "constructed stories, so the origins and circular figures above are in-sample for the rules and the hidden "
        "stories may score lower. Tried and left off: role ties read per report before the story's (\"the governor\" = "
        "the governor the report names) lowered origins right in the harness from 0.929 to 0.857 and on the merged "
        "look-alike stories from 0.750 to 0.714 (reading them within the claim's reports instead raised the look-alike "
        "figures and left the harness unchanged); irregular past forms in the stemmer (\"withdrew\" = \"withdrawn\", "
        "for the missed 'Angels withdrew their offer' claim) changed no figure: that pair's cosine is 0.19 against a "
        "threshold of 0.30, the long clause around it dilutes it. "
        "Variant figures come from the entities stage (`compare.entities.resolve_entities`) when it is installed; "
        "0.0 means no entities were produced.\n"
    )
    write_section("provenance", "Provenance: aligned claims and independent origins", body)


if __name__ == "__main__":
    main()
