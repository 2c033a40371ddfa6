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

from collections.abc import Sequence

import numpy as np

from newstrace.common.grouping import average_link_groups, signature, tfidf_cosines
from newstrace.model import Copy, Report
from newstrace.registry import Registry

__all__ = ["subevents", "signature", "tfidf_cosines", "average_link_groups", "SUBEVENT_THRESHOLD"]

subevent_groupers = Registry("sub-event grouper")

#: minimum average cosine between two groups of reports of one sub-event (chosen on ECB+ topics outside
#: provenance-dev by pairwise F1; see the module docstring). Measured 2026-11-23 (prov-3).
SUBEVENT_THRESHOLD = 0.06
#: above this many reports the O(n^2) clustering is skipped (one sub-event): a story that large is a wire flood
MAX_REPORTS = 3000

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
