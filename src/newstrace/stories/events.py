"""Split a story into the separate events its reports tell (look-alike events merged by centroid similarity).

Story clustering by centroid similarity finds *what kind of event* well and *which one* badly: two quakes on one
island, two teams' offers to one player, two coaches of one club fired years apart share a whole vocabulary. On
ECB+ (every topic holds two such look-alike events), a low join threshold yields clusters that are pure by topic
(held-out topics, leave-topics-out: B-cubed 0.989 if each cluster were then split perfectly by event), so the
remaining problem is the split. Algorithm (``events.pairs.v1``):

1. Each report gives term lists per channel: its event signature (names and figures,
   `newstrace.provenance.subevents.signature`), names only, figures only, content words, title words, and
   *when* words (weekday, month names, years).
2. For every pair of the story's reports, cosines per channel, with IDF three ways: within the story (what
   tells its reports apart), store-wide (what is rare anywhere) and second-order (the correlation of two
   reports' similarity profiles over the story: reports of one event are similar to the same others, which
   de-noises short texts; pairwise AUC on ECB+ topics 0.92 -> 0.98 for the signature channel).
3. A logistic model learned on labelled stories (`fit`) turns them into P(same event). Its training clusters
   are, per topic of related stories, the topic's reports together (pairs of different events) and each story
   alone (pairs of one event only, so a story that holds one event is not taught to split). There is no
   feature of the story's size: one fitted with it did better on ECB+, where a merged cluster is about twice a
   story's size, but that is the corpus's shape, and it would split any large real story. Also tried: adding
   the mixed clusters of a no-split rebuild of the training reports as training clusters (the clusters the
   splitter meets); leave-topics-out B-cubed fell from 0.950 to 0.936 (join 0.05) and 0.929 (joins 0.05 and 0.2).
   And every number of the text (times, years, decimals) as the figures channel instead of the signature's
   quantities: 0.950 -> 0.943. And a lead channel (the first two sentences' words): 0.950 -> 0.942.
4. Average-linkage clustering on 1 - P, cut at P = 1/2 (the model's own decision point); a group of one report
   is no evidence of a separate event and joins the group it is most like.

Example:
    >>> from newstrace.model import Report
    >>> texts = ["A quake hit Qeshm island on Sunday; Governor Alishvandi said 10 died.",
    ...          "The Qeshm quake killed 10 on Sunday, Governor Alishvandi said.",
    ...          "Alishvandi said 10 died on Qeshm island on Sunday.",
    ...          "A quake hit Zarand, Kerman, on Tuesday; Governor Karimi said 500 died.",
    ...          "The Zarand quake killed 500 on Tuesday, Governor Karimi said.",
    ...          "Karimi said 500 died in Zarand, Kerman, on Tuesday."]
    >>> terms = [channels(Report(id=str(i), text=t)) for i, t in enumerate(texts)]
    >>> split_events(terms, StoreDF.of(dict(enumerate(terms))), EventModel.default())
    [0, 0, 0, 1, 1, 1]
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..model import Report
from ..common.grouping import average_link_groups, signature, tfidf_cosines
from ..registry import Registry

event_splitters = Registry("event splitter")

#: stories larger than this are left whole: the split is O(n^2) in pairs, and a story that large is a wire flood
MAX_REPORTS = 400
#: a story needs this many reports to hold two events of two reports each
MIN_REPORTS = 4

_STOP = frozenset(
    "the a an and or of to in on at for with by from as is was were be been are that this it its he she they his "
    "her their said says would will has have had not but who which after before over more than about".split())
_WHEN = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december".split())
_WORD = re.compile(r"[a-z0-9][a-z0-9'-]+")
_CAP = re.compile(r"\b[A-Z][a-z]+\b")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")

#: channels scored with IDF within the story (and second-order), store-wide IDF, or both
CHANNELS = ("sig", "names", "figs", "words", "title", "when")
FEATURES = ("sig", "names", "figs", "words", "title", "sig2", "names2", "words2", "title2", "sigr", "wordsr",
            "figs2", "when", "when2", "gsig", "gwords", "gwhen")
GLOBAL = ("sig", "words", "when")


def channels(report: Report) -> dict[str, list[str]]:
    """A report's terms per channel (see the module docstring)."""
    sig = signature(report)
    full = f"{report.title or ''} {report.text or ''}"
    return {
        "sig": sig,
        "names": [t for t in sig if t.startswith("N:")],
        "figs": [t for t in sig if not t.startswith("N:")],
        "words": [w for w in _WORD.findall(full.lower()) if w not in _STOP],
        "title": [w for w in _WORD.findall((report.title or "").lower()) if w not in _STOP],
        "when": [w.lower() for w in _CAP.findall(full) if w.lower() in _WHEN] + _YEAR.findall(full),
    }


def _second(s: np.ndarray) -> np.ndarray:
    """Correlation of the rows of a similarity matrix: two reports alike in whom they are alike to."""
    c = s - s.mean(axis=1, keepdims=True)
    norms = np.linalg.norm(c, axis=1)
    norms[norms == 0] = 1.0
    c = c / norms[:, None]
    r = c @ c.T
    np.fill_diagonal(r, 0.0)
    return r


@dataclass(slots=True)
class StoreDF:
    """Store-wide document frequencies of the `GLOBAL` channels' terms (what is rare anywhere)."""

    n: int
    df: dict[str, Counter[str]]

    @classmethod
    def of(cls, terms: Mapping[str, dict[str, list[str]]]) -> StoreDF:
        df: dict[str, Counter[str]] = {c: Counter() for c in GLOBAL}
        for t in terms.values():
            for c in GLOBAL:
                df[c].update(set(t[c]))
        return cls(len(terms), df)


def pair_features(terms: Sequence[dict[str, list[str]]], store: StoreDF) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray]]:
    """The `FEATURES` of every pair (i < j) of one story's reports; returns ``(X, (i, j))``."""
    n = len(terms)

    def local(tok: str, df: int) -> float:
        return math.log((1 + n) / df)

    m: dict[str, np.ndarray] = {}
    for c in CHANNELS:
        # within the story a term only one report has ties nothing together
        m[c] = tfidf_cosines([t[c] for t in terms], local, 2)
        m[c + "2"] = _second(m[c])
    for c in ("sig", "words"):
        # a pair's cosine relative to how alike each of the two is to the story on average
        mu = m[c].sum(axis=1) / max(n - 1, 1)
        m[c + "r"] = m[c] / np.maximum(np.add.outer(mu, mu) / 2, 1e-6)
    for c in GLOBAL:
        dfc = store.df[c]
        m["g" + c] = tfidf_cosines([t[c] for t in terms],
                              lambda tok, _df, dfc=dfc: math.log((1 + store.n) / (1 + dfc.get(tok, 0))), 1)
    iu = np.triu_indices(n, 1)
    return np.stack([m[f][iu] for f in FEATURES], axis=1), iu


@dataclass(slots=True)
class EventModel:
    """P(same event) = sigmoid(bias + weights · features) for a pair of one story's reports."""

    weights: list[float]
    bias: float

    def to_json(self) -> dict[str, Any]:
        return {"name": "events.pairs.v1", "features": list(FEATURES), "weights": self.weights, "bias": self.bias}

    @classmethod
    def from_json(cls, d: Mapping[str, Any] | None) -> EventModel | None:
        if not d:
            return None
        if list(d.get("features", [])) != list(FEATURES):
            raise ValueError("event model: its features differ from this version's; refit it")
        return cls([float(w) for w in d["weights"]], float(d["bias"]))

    @classmethod
    def default(cls) -> EventModel | None:
        """The model shipped in the stories ``model.json`` (None when it has none)."""
        from .index import Model

        return Model.load().events

    def probs(self, x: np.ndarray) -> np.ndarray:
        z = self.bias + x @ np.asarray(self.weights)
        return 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))


@event_splitters.register("events.pairs.v1")
def split_events(terms: Sequence[dict[str, list[str]]], store: StoreDF, model: EventModel) -> list[int]:
    """Group one story's reports by event.

    Args:
        terms: each report's `channels`, in the story's order.
        store: store-wide document frequencies.
        model: the fitted pair model.

    Returns:
        An event number per report (0, 1, ... by first appearance); all 0 when the story holds one event, has
        fewer than `MIN_REPORTS` or more than `MAX_REPORTS` reports.
    """
    n = len(terms)
    if n < MIN_REPORTS or n > MAX_REPORTS:
        return [0] * n
    x, iu = pair_features(terms, store)
    p = np.zeros((n, n))
    p[iu] = model.probs(x)
    # the model's own decision point: a pair is one event when P >= 1/2
    return average_link_groups(p + p.T, 0.5)


def fit(reports: Sequence[Report], gold: Mapping[str, str], groups: Mapping[str, str]) -> EventModel | None:
    """Fit the pair model on labelled reports.

    Args:
        reports: labelled reports.
        gold: report id -> story (event) label.
        groups: report id -> topic: stories of one topic are the look-alikes a cluster may merge.

    Returns:
        The model, or None when no topic holds two stories (nothing to learn a split from).
    """
    from sklearn.linear_model import LogisticRegression

    terms = {r.id: channels(r) for r in reports}
    store = StoreDF.of(terms)
    by_topic: dict[str, list[str]] = {}
    for r in reports:
        by_topic.setdefault(groups[r.id], []).append(r.id)
    xs: list[np.ndarray] = []
    ys: list[int] = []
    for ids in by_topic.values():
        stories: dict[str, list[str]] = {}
        for i in ids:
            stories.setdefault(gold[i], []).append(i)
        for cluster in [ids, *stories.values()] if len(stories) > 1 else list(stories.values()):
            if len(cluster) < 3:
                continue
            x, (a, b) = pair_features([terms[i] for i in cluster], store)
            xs.append(x)
            ys += [int(gold[cluster[i]] == gold[cluster[j]]) for i, j in zip(a, b)]
    if not xs or len(set(ys)) < 2:
        return None
    lr = LogisticRegression(C=1.0, max_iter=5000).fit(np.vstack(xs), np.array(ys))
    return EventModel([float(w) for w in lr.coef_[0]], float(lr.intercept_[0]))
