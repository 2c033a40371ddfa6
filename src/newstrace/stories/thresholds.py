"""Learn the story model: the weights that combine per-field similarities, and the time window.

Nothing here is hand-picked. The logistic weights are fitted on *simulated streams*: labelled reports are fed to a
`StoryIndex` in random orders, and every candidate story the index retrieves for a report (plus the report's true
story) gives one example (features against the story's centroid as it stood then; label: is it the report's
story). The decision threshold is the model's own probability one half, and it is checked by leave-topics-out
cross-validation (`cross_validate`), which streams each held-out group of topics through a model fitted on the
others. The time window is the largest spread of publication dates seen inside one labelled story.

Run ``python -m newstrace.stories.thresholds`` to refit ``model.json`` from ``../shared/data/ecbplus``.

Example:
    >>> from newstrace.model import Report
    >>> ts = ["Quake hits Qeshm in Iran", "Qeshm quake in Iran", "Quake hits Chile", "Chile quake"] * 3
    >>> rs = [Report(id=str(i), title=t, text=t) for i, t in enumerate(ts)]
    >>> m = fit(rs, {r.id: "iran" if "Iran" in r.text else "chile" for r in rs}, orders=1)
    >>> len(m.weights)
    11
"""
from __future__ import annotations

import gzip
import json
import random
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression

from ..model import Report
from . import events
from .index import MODEL_PATH, Model, StoryIndex, phi


def stream_examples(reports: Sequence[Report], gold: dict[str, str], seed: int) -> tuple[list[list[float]], list[int]]:
    """Features and labels from one simulated stream of `reports` in a random order (seeded)."""
    order = list(reports)
    random.Random(seed).shuffle(order)
    # any model: only features, candidates and the gold state are used, never its decisions
    idx = StoryIndex(Model([0.0] * 11, 0.0))
    sid_of: dict[str, str] = {}
    X: list[list[float]] = []
    y: list[int] = []
    for r in order:
        doc, f = idx._prepare(r)
        idx.seq += 1
        if f.empty:
            continue
        idx._count(doc.keys, 1)
        g = gold[r.id]
        cands = idx.candidates(doc)
        true_sid = sid_of.get(g)
        if true_sid is not None and true_sid not in cands:
            cands.append(true_sid)  # a retrieval miss still teaches what a true story looks like
        for sid in cands:
            X.append(idx.features(doc, idx.stories_[sid]))
            y.append(int(sid == true_sid))
        if true_sid is None:
            true_sid = sid_of[g] = idx._new_story_id()
        idx.docs[r.id] = doc
        idx._attach(r.id, doc, true_sid)
    return X, y


def time_window(reports: Sequence[Report], gold: dict[str, str]) -> float | None:
    """Largest spread (days) of publication dates inside one gold story, or None when no story has two dates."""
    from .index import _date

    days: dict[str, list[float]] = {}
    for r in reports:
        d = _date(r.published)
        if d is not None:
            days.setdefault(gold[r.id], []).append(d)
    spreads = [max(v) - min(v) for v in days.values() if len(v) > 1]
    return max(spreads) if spreads else None


def fit(reports: Sequence[Report], gold: dict[str, str], orders: int = 3, seed: int = 0,
        groups: dict[str, str] | None = None) -> Model:
    """Fit the logistic combination on `orders` simulated streams, and the rebuild's event splitter.

    Args:
        reports: labelled reports.
        gold: ``{report_id: story label}``.
        orders: how many random orders to simulate (more orders: more varied story states).
        seed: base seed of the orders.
        groups: ``{report_id: topic}``: stories of one topic are look-alikes the event splitter learns to
            separate (`newstrace.stories.events.fit`); without it the rebuild does not split.

    Returns:
        The fitted `Model` (threshold 0.5).
    """
    X: list[list[float]] = []
    y: list[int] = []
    for o in range(orders):
        xo, yo = stream_examples(reports, gold, seed + o)
        X += xo
        y += yo
    A = np.array([phi(x) for x in X])
    lr = LogisticRegression(C=1.0, max_iter=5000).fit(A, np.array(y))
    model = Model([float(w) for w in lr.coef_[0]], float(lr.intercept_[0]), 0.5, time_window(reports, gold),
                  {"examples": len(y), "positives": int(sum(y)), "orders": orders})
    model.threshold = learn_threshold(model, reports, gold, seed=seed)
    if groups is not None:
        model.events = events.fit(reports, gold, groups)
    model.rebuild_threshold = learn_threshold(model, reports, gold, seed=seed, rebuild=True)
    return model


def learn_threshold(model: Model, reports: Sequence[Report], gold: dict[str, str], seed: int = 0,
                    grid: Sequence[float] | None = None, rebuild: bool = False) -> float:
    """The join threshold that maximises B-cubed F1 when the (training) reports are streamed in a random order.

    The logistic probability is fitted against the *true* story states; real streams see fragmented early
    stories, so the best operating point is lower than one half. It is chosen on the training reports only.

    Args:
        rebuild: choose `StoryIndex.rebuild`'s operating point instead (over 0.05-0.5: with an event splitter
            the rebuild can join at a low threshold, where stories merge only with their look-alikes, and let
            the splitter separate those).
    """
    if grid is None:
        grid = tuple(round(0.05 * i, 2) for i in (range(1, 11) if rebuild else range(1, 13)))
    order = list(reports)
    random.Random(seed + 101).shuffle(order)
    best_t, best_f = 0.5, -1.0
    for t in grid:
        m = Model(model.weights, model.bias, t, model.time_window_days, events=model.events)
        pred = StoryIndex.rebuild(order, m).assignments() if rebuild else StoryIndex(m).add_many(order)
        f = bcubed({r: gold[r] for r in pred}, pred)["f1"]
        if f > best_f + 1e-9:
            best_t, best_f = t, f
    return best_t


def bcubed(gold: dict[str, str], pred: dict[str, str]) -> dict[str, float]:
    """B-cubed precision, recall and F1 (the same definition as ../shared/eval/score_clusters.py)."""
    from collections import Counter

    pairs = Counter((pred[d], gold[d]) for d in gold)
    gs, ps = Counter(gold.values()), Counter(pred[d] for d in gold)
    p = sum(pairs[pred[d], gold[d]] / ps[pred[d]] for d in gold) / len(gold)
    r = sum(pairs[pred[d], gold[d]] / gs[gold[d]] for d in gold) / len(gold)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def cross_validate(reports: Sequence[Report], gold: dict[str, str], group: dict[str, str], folds: int = 5,
                   seed: int = 0, rebuild: bool = False, both: bool = False) -> Any:
    """Leave-groups-out predictions: each fold's reports are clustered by a model fitted on the other folds.

    Args:
        group: ``{report_id: topic}``; whole topics are held out together (both look-alike stories).
        rebuild: score `StoryIndex.rebuild` instead of the plain stream (in the given order).
        both: return ``(stream predictions, rebuild predictions)`` from the same fitted models.

    Returns:
        ``{report_id: cluster}`` over all reports (cluster ids prefixed with the fold).
    """
    topics = sorted(set(group.values()), key=str)
    random.Random(seed).shuffle(topics)
    pred: dict[str, str] = {}
    pred_rb: dict[str, str] = {}
    for k in range(folds):
        held = set(topics[k::folds])
        train = [r for r in reports if group[r.id] not in held]
        test = [r for r in reports if group[r.id] in held]
        model = fit(train, gold, seed=seed, groups=group)
        if rebuild or both:
            a = StoryIndex.rebuild(test, model).assignments()
            pred_rb.update({rid: f"{k}:{sid}" for rid, sid in a.items()})
        if not rebuild or both:
            a = StoryIndex(model).add_many(test)
            pred.update({rid: f"{k}:{sid}" for rid, sid in a.items()})
    if both:
        return pred, pred_rb
    return pred_rb if rebuild else pred


def load_ecbplus(path: Path | None = None) -> tuple[list[Report], dict[str, str], dict[str, str]]:
    """ECB+ documents as reports with `id`, `text` and `title` only (what the scoreboard passes)."""
    path = path or Path(__file__).resolve().parents[3].parent / "shared" / "data" / "ecbplus" / "ecbplus_docs.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    reports = [Report(id=r["doc_id"], text=r["text"] or "", title=r.get("title")) for r in rows]
    return reports, {r["doc_id"]: r["story"] for r in rows}, {r["doc_id"]: str(r["topic"]) for r in rows}


def main(argv: list[str] | None = None) -> None:
    """Refit ``model.json`` on every ECB+ document in ../shared/data and print the CV figure."""
    argv = sys.argv[1:] if argv is None else argv
    reports, gold, topic = load_ecbplus()
    model = fit(reports, gold, groups=topic)
    model.meta.update({"trained_on": "ecbplus_docs.jsonl.gz (681 docs, id/text/title only)"})
    if "--cv" in argv:
        model.meta["cv_bcubed_f1_stream"] = round(bcubed(gold, cross_validate(reports, gold, topic))["f1"], 4)
    MODEL_PATH.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
    print(json.dumps(model.to_json()))


if __name__ == "__main__":
    main()
