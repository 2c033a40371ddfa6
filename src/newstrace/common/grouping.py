"""Grouping documents by what pins their event down: a report's signature (its names and figures), sublinear TF-IDF
cosines, and average-linkage groups. Shared by the stories stage (`stories.events`, look-alike events) and the
provenance stage (`provenance.subevents`), so it lives below both.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np
from scipy import sparse

from newstrace.common.text import quantity_tokens, sentence_spans
from newstrace.model import Report

__all__ = ["signature", "tfidf_cosines", "average_link_groups"]

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
