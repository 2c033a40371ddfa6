"""Eval gates of the stories area: ECB+ story clustering (B-cubed) and copy detection (precision, recall).

The ECB+ gates run the clustering on the 681 documents as the scoreboard passes them (id, text, title; no spaCy
mentions, no dates) with the shipped model. That model was fitted on these same documents, so these are
in-sample figures: they guard against regressions; the honest figure for unseen topics is the leave-topics-out
CV in BENCHMARKS.md ("stories").
"""
from __future__ import annotations

import pytest

from bench.bench_copies import evaluate
from newstrace.stories.index import StoryIndex
from newstrace.stories.thresholds import bcubed, load_ecbplus
from tests.gates import floor


@pytest.fixture(scope="module")
def ecb():
    return load_ecbplus()


@pytest.mark.gate
def test_ecbplus_stream_bcubed_f1(ecb) -> None:
    reports, gold, _ = ecb
    assert bcubed(gold, StoryIndex().add_many(reports))["f1"] >= floor("stories", "ecbplus_stream_bcubed_f1")


@pytest.mark.gate
def test_ecbplus_rebuild_bcubed_f1(ecb) -> None:
    reports, gold, _ = ecb
    got = bcubed(gold, StoryIndex.rebuild(reports).assignments())["f1"]
    assert got >= floor("stories", "ecbplus_rebuild_bcubed_f1")


@pytest.mark.gate
def test_copy_edges_precision_recall() -> None:
    e = evaluate(per_kind=60, seed=7)
    assert e["precision"] >= floor("stories", "copies_precision")
    assert e["recall"] >= floor("stories", "copies_recall")
    assert e["flagged"] == []  # no same-story non-copy of the provenance-dev stories is flagged
