"""Eval gates for the merged look-alike guard: provenance-dev stories built over their whole ECB+ topic (scored by
../shared/eval/score_provenance.py) and the sub-event grouping on the ECB+ topics outside provenance-dev."""
from __future__ import annotations

import pytest

from tests.gates import floor
from tests.provenance._harness import lookalike_dossiers, score, subevent_pairs


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory, shared_data) -> dict:
    return score(lookalike_dossiers(), tmp_path_factory.mktemp("look"))


@pytest.mark.gate
@pytest.mark.parametrize("gate, key", [
    ("lookalike_claim_recall", "claim_recall"),
    ("lookalike_origins_right", "origins_right"),
    ("lookalike_circular_right", "circular_right"),
])
def test_lookalike_gate(scored: dict, gate: str, key: str) -> None:
    assert scored[key] >= floor("provenance", gate), (key, scored)


@pytest.mark.gate
def test_subevent_grouping_gate(shared_data) -> None:
    """Pairwise F1 of "same sub-event" on the 26 ECB+ topics the threshold was chosen on, and the share of single
    events the guard keeps whole (the guard must not split a story that tells of one event)."""
    m = subevent_pairs()
    assert m["f1"] >= floor("provenance", "subevent_pair_f1"), m
    assert m["kept_whole"] >= floor("provenance", "subevent_kept_whole"), m
