"""Story clustering on ECB+ (681 docs, 60 stories): B-cubed F1 from ../shared/eval/score_clusters.py.

Figures, all in one run: the shipped model streamed over the documents in file order and in 5 random orders,
`StoryIndex.rebuild` (with and without its event splitter, and with a perfect split as the bound), leave-topics-out cross-validation (5 folds over topics; the model is refitted on the other
folds, which is the honest figure for unseen topics), order dependence (B-cubed F1 between the clusterings of
two orders), and the peer: TF-IDF + average linkage with the best threshold chosen on the answers.
Reports carry only id, text and title (no spaCy mentions, no dates), as the scoreboard passes them.

Usage: .venv/bin/python bench/bench_stories.py [--no-cv] [--no-write]
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench._report import SHARED, table, write_section  # noqa: E402
from newstrace.stories.index import Model, StoryIndex  # noqa: E402
from newstrace.stories.thresholds import bcubed, cross_validate, load_ecbplus  # noqa: E402

GOLD = SHARED / "data" / "ecbplus" / "ecbplus_docs.jsonl.gz"


def score(pred: dict[str, str]) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for d, c in pred.items():
            f.write(json.dumps({"doc_id": d, "cluster": c}) + "\n")
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "score_clusters.py"), f.name, str(GOLD)],
                         capture_output=True, text=True, check=True).stdout
    Path(f.name).unlink()
    return json.loads(out)


def peer(reports) -> tuple[dict[str, str], float]:
    """TF-IDF (title + text) + average linkage, threshold chosen on the answers (the issue's 0.866 baseline)."""
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform
    from sklearn.feature_extraction.text import TfidfVectorizer

    X = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(
        [f"{r.title or ''} {r.text}" for r in reports])
    D = np.clip(1 - (X @ X.T).toarray(), 0, None)
    np.fill_diagonal(D, 0)
    Z = linkage(squareform(D, checks=False), "average")
    best = ({}, -1.0, 0.0)
    for t in np.arange(0.5, 1.0, 0.02):
        lab = fcluster(Z, t, "distance")
        pred = {r.id: str(lab[i]) for i, r in enumerate(reports)}
        f = score(pred)["bcubed"]["f1"]
        if f > best[1]:
            best = (pred, f, float(t))
    return best[0], best[2]


PERTURBED = 3000


def perturbed_rows(shipped: Model) -> list[list]:
    """Rebuild a perturbed store with the shipped model, without its event splitter, and at the old threshold."""
    import gzip
    from collections import Counter

    from bench.bench_scale import Perturber

    with gzip.open(GOLD, "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    pert = Perturber(rows, 11)
    reps, gold, real = [], {}, {}
    for k in range(PERTURBED // 10):
        var = pert.variant()
        for j in range(10):
            r = pert.report(f"p{k}_{j}", var)
            reps.append(r)
            gold[r.id] = f"v{k}"
            real[r.id] = var[0]
    out = []
    for name, m in [(f"shipped (join {shipped.rebuild_threshold}, event splitter)", shipped),
                    ("without the event splitter", Model.from_json({**shipped.to_json(), "events": None})),
                    ("previous operating point (join 0.45), no splitter",
                     Model.from_json({**shipped.to_json(), "events": None, "rebuild_threshold": 0.45}))]:
        t = time.perf_counter()
        a = StoryIndex.rebuild(reps, m).assignments()
        secs = time.perf_counter() - t
        b = bcubed(gold, a)
        sizes = sorted(Counter(a.values()).values(), reverse=True)
        sources: dict[str, set[str]] = {}
        for rid, sid in a.items():
            sources.setdefault(sid, set()).add(real[rid])
        mixed = sum(len(v) > 1 for v in sources.values())
        out.append([name, b["precision"], b["recall"], b["f1"], len(sizes), ", ".join(map(str, sizes[:3])), mixed,
                    f"{secs:.0f}"])
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-cv", action="store_true")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--no-perturbed", action="store_true", help="skip the perturbed-store check (~2 min)")
    args = ap.parse_args()
    reports, gold, topic = load_ecbplus()
    rows = []
    t0 = time.perf_counter()
    file_order = StoryIndex().add_many(reports)
    dt = (time.perf_counter() - t0) / len(reports)
    s = score(file_order)
    rows.append(["stream, file order (shipped model)", s["bcubed"]["precision"], s["bcubed"]["recall"],
                 s["bcubed"]["f1"], s["clusters"]])
    orders = []
    for seed in range(5):
        rs = list(reports)
        random.Random(seed).shuffle(rs)
        orders.append(StoryIndex().add_many(rs))
    f1s = [score(p)["bcubed"]["f1"] for p in orders]
    rows.append([f"stream, 5 random orders (mean; min {min(f1s):.4f}, max {max(f1s):.4f})", "", "",
                 sum(f1s) / len(f1s), ""])
    agree = [bcubed(orders[0], orders[i])["f1"] for i in range(1, 5)]
    rb = StoryIndex.rebuild(reports).assignments()
    s = score(rb)
    rows.append(["rebuild (canonical order + reassignment)", s["bcubed"]["precision"], s["bcubed"]["recall"],
                 s["bcubed"]["f1"], s["clusters"]])
    # the event splitter's share: the same rebuild without it, and with a perfect split (gold events) as the bound
    shipped = Model.load()
    nosplit = StoryIndex.rebuild(reports, Model.from_json({**shipped.to_json(), "events": None})).assignments()
    s = score(nosplit)
    rows.append([f"rebuild without the event splitter (same join threshold {shipped.rebuild_threshold})",
                 s["bcubed"]["precision"], s["bcubed"]["recall"], s["bcubed"]["f1"], s["clusters"]])
    s = score({r: f"{c}|{gold[r]}" for r, c in nosplit.items()})
    rows.append(["bound: that rebuild with each story split perfectly by gold event", s["bcubed"]["precision"],
                 s["bcubed"]["recall"], s["bcubed"]["f1"], s["clusters"]])
    rs = list(reports)
    random.Random(99).shuffle(rs)
    rb2 = StoryIndex.rebuild(rs).assignments()
    rebuild_same = rb == rb2
    if not args.no_cv:
        cvs = cross_validate(reports, gold, topic, both=True)
        for rebuild in (False, True):
            s = score(cvs[rebuild])
            rows.append([f"leave-topics-out CV (5 folds), {'rebuild' if rebuild else 'stream'}",
                         s["bcubed"]["precision"], s["bcubed"]["recall"], s["bcubed"]["f1"], s["clusters"]])
    pp, thr = peer(reports)
    s = score(pp)
    rows.append([f"peer: TF-IDF + average linkage, best threshold on the answers ({thr:.2f})",
                 s["bcubed"]["precision"], s["bcubed"]["recall"], s["bcubed"]["f1"], s["clusters"]])
    robust = [] if args.no_perturbed else perturbed_rows(shipped)
    body = "\n".join([
        "ECB+ 681 documents (60 gold stories), reports with id/text/title only; scorer: "
        "../shared/eval/score_clusters.py (B-cubed). Goal: F1 >= 0.95.", "",
        table(["method", "B3 precision", "B3 recall", "B3 F1", "clusters"], rows), "",
        f"- order dependence of the plain stream: B-cubed F1 between the clustering of order 0 and orders 1-4: "
        f"{', '.join(f'{a:.4f}' for a in agree)}",
        f"- rebuild from a shuffled input gives identical stories and ids: {rebuild_same}",
        f"- stream assignment time on this corpus: {dt * 1e3:.2f} ms per report",
        *([] if not robust else [
            "",
            "A store unlike ECB+ (its topics are far apart, so a low join threshold there merges only look-alikes): "
            f"{PERTURBED} perturbed ECB+ reports, 10 per synthetic story, where sibling stories are one real story "
            "with other names and shifted figures (bench/bench_scale.py's Perturber, seed 11). The low join "
            "threshold must not chain the store into a few large stories: the column *mixed* counts stories holding "
            "reports made from two different real ECB+ stories. It does cost here: siblings differ only in their names, while two reports of one "
            "synthetic story drawn from different source articles share little but those names (their figures "
            "are jittered per report), so the splitter, learned on real events, groups some by source article "
            "instead. Reported as measured, not tuned away:", "",
            table(["rebuild", "B3 precision", "B3 recall", "B3 F1", "stories", "largest 3", "mixed", "seconds"],
                  robust)]),
    ])
    print(body)
    if not args.no_write:
        write_section("stories", "stories", body)


if __name__ == "__main__":
    main()
