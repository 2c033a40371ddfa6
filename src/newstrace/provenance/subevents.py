"""Sub-events inside one story: which reports tell of the same happening, so a claim never mixes two of them.

A clustering stage sometimes merges look-alike stories: two quakes, two arrests, two celebrity rehab stays. Their
reports share the event type and most common words, but not the names, places, figures and dates that pin an
event down. Algorithm (``subevents.names.v1``): each report becomes a TF-IDF vector (IDF within the story) over
its capitalised names (not sentence-initial), its title's names and its quantity tokens; reports are grouped by
average-linkage clustering on cosine distance, cut at `SUBEVENT_THRESHOLD`; copies are always one sub-event. Only
groups of two or more reports are sub-events (a claim needs two reports; a report that shares little with the
others is no evidence of a second event): a lone report joins the group it is most like.
Claim alignment then keeps each claim inside one sub-event.

`SUBEVENT_THRESHOLD` is chosen on ECB+ (every topic of ../shared/data/ecbplus holds two look-alike events) on the
26 topics outside provenance-dev, by pairwise F1 of "same sub-event" (bench/bench_provenance.py re-derives it);
it is not tuned on the provenance-dev stories.

Example:
    >>> from newstrace.model import Report
    >>> a = Report(id="a", text="A quake hit Qeshm island on Sunday. Governor Heydar Alishvandi said 10 died.")
    >>> b = Report(id="b", text="The Qeshm quake killed 10, Governor Alishvandi said on Sunday.")
    >>> c = Report(id="c", text="A quake hit Zarand in Kerman province. Governor Mohammad Karimi said 500 died.")
    >>> d = Report(id="d", text="In Zarand, Kerman, the quake killed 500, Karimi told reporters.")
    >>> subevents([a, b, c, d])
    {'a': 0, 'b': 0, 'c': 1, 'd': 1}
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np
from scipy import sparse

from newstrace.model import Copy, Report
from newstrace.provenance.text import quantity_tokens, sentence_spans
from newstrace.registry import Registry

subevent_groupers = Registry("sub-event grouper")

#: minimum average cosine between two groups of reports of one sub-event (chosen on ECB+ topics outside
#: provenance-dev by pairwise F1; see the module docstring). Measured 2026-11-23 (prov-3).
SUBEVENT_THRESHOLD = 0.06
#: above this many reports the O(n^2) clustering is skipped (one sub-event): a story that large is a wire flood
MAX_REPORTS = 3000

_NAME = re.compile(r"\b[A-Z][a-zA-Z'’-]+(?:\s+[A-Z][a-zA-Z'’-]+)*")
_SKIP = {"the", "a", "an", "in", "on", "at", "he", "she", "it", "they", "we", "i", "but", "and", "this", "that", "his",
         "her", "their", "its", "mr", "mrs", "ms", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
         "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
         "november", "december", "us", "u.s", "said", "says", "according", "after", "before", "when", "while"}


def signature(report: Report) -> list[str]:
    """The features that pin a report's event down: its names (title included) and its figures."""
    text = report.text or ""
    feats: list[str] = []
    starts = {s.start for s in sentence_spans(text)}
    for m in _NAME.finditer(text):
        words = m.group(0).split()
        if m.start() in starts and len(words) == 1:
            continue  # a sentence-initial capital is not evidence of a name
        feats += ["N:" + w.lower().strip("'’") for w in words if w.lower() not in _SKIP]
    for m in _NAME.finditer(report.title or ""):
        feats += ["N:" + w.lower().strip("'’") for w in m.group(0).split() if w.lower() not in _SKIP]
    feats += sorted(quantity_tokens(text))
    return feats


@subevent_groupers.register("subevents.names.v1")
def subevents(reports: Sequence[Report], copies: Sequence[Copy] = (), threshold: float = SUBEVENT_THRESHOLD) -> dict[str, int]:
    """Group the reports of one story into sub-events.

    Args:
        reports: the story's reports.
        copies: copy relations; a copy is always in its original's sub-event.
        threshold: minimum average cosine between merged groups (average linkage).

    Returns:
        report id → sub-event number (0, 1, ... in order of each sub-event's first report id).

    Raises:
        Nothing: a story of one report, or one too large to cluster, is one sub-event.
    """
    ids = sorted({r.id for r in reports})
    if len(ids) <= 2 or len(ids) > MAX_REPORTS:
        return {i: 0 for i in ids}
    by_id = {r.id: r for r in reports}
    n = len(ids)
    # a feature no other report shares cannot tie reports together (min_df 2)
    sim = tfidf_cosines([signature(by_id[i]) for i in ids], lambda _tok, df: float(np.log((1 + n) / df)), 2)
    pos = {i: k for k, i in enumerate(ids)}
    for c in copies:
        if c.a in pos and c.b in pos:
            sim[pos[c.a], pos[c.b]] = sim[pos[c.b], pos[c.a]] = 1.0
    return dict(zip(ids, average_link_groups(sim, threshold)))


def tfidf_cosines(terms: Sequence[list[str]], idf: Callable[[str, int], float], min_df: int) -> np.ndarray:
    """Pairwise cosines of sublinear TF-IDF vectors, diagonal 0.

    Args:
        terms: one term list per document.
        idf: weight of a term from the term and its document frequency among `terms`.
        min_df: terms in fewer documents are dropped.
    """
    df: Counter[str] = Counter()
    for t in terms:
        df.update(set(t))
    vocab = {t: k for k, t in enumerate(sorted(t for t, c in df.items() if c >= min_df))}
    rows, cols, vals = [], [], []
    for i, t in enumerate(terms):
        for tok, tf in Counter(t).items():
            if tok in vocab:
                rows.append(i)
                cols.append(vocab[tok])
                vals.append((1.0 + np.log(tf)) * idf(tok, df[tok]))
    n = len(terms)
    # sparse: a large story has a large vocabulary, and only the n x n similarities need to be dense
    x = sparse.csr_matrix((vals, (rows, cols)), shape=(n, max(1, len(vocab))))
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    x = sparse.diags(1.0 / norms) @ x
    sim = (x @ x.T).toarray()
    np.fill_diagonal(sim, 0.0)
    return sim


def average_link_groups(sim: np.ndarray, threshold: float) -> list[int]:
    """Average-linkage groups of documents whose mean pairwise similarity is at least `threshold`.

    Only groups of two or more are kept: a document that shares too little with any group is no evidence of
    another one, so it joins the group it is most like (else the largest). Fewer than two such groups: all 0.

    Returns:
        A group number per document, 0, 1, ... in order of first appearance.
    """
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    n = len(sim)
    if n < 2:
        return [0] * n
    dist = np.clip(1.0 - sim, 0.0, None)
    np.fill_diagonal(dist, 0.0)
    labels = fcluster(linkage(squareform(dist, checks=False), method="average"), t=1.0 - threshold,
                      criterion="distance")
    size = Counter(labels.tolist())
    groups = sorted((int(g) for g in size if size[g] >= 2), key=lambda g: (-size[g], g))
    if len(groups) < 2:
        return [0] * n
    for k, lab in enumerate(labels):
        if size[lab] < 2:
            means = [sim[k, labels == g].mean() for g in groups]
            labels[k] = groups[int(np.argmax(means))] if max(means) > 0 else groups[0]
    order: dict[int, int] = {}
    return [order.setdefault(int(lab), len(order)) for lab in labels]
