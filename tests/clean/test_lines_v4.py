"""The averaging ensembles: lines.v4 (mean of lines.v2 and lines.v3) and lines.v6 (mean of v2, v3 and v5, the
default line cleaner).

Their cleaning contract is tested with lines.v2's, parametrized over every cleaner built on v2's features, in
tests/clean/test_lines_v2.py.
"""
from __future__ import annotations

import numpy as np
import pytest

from newstrace.clean import lines as lines_module
from newstrace.clean.lines import _model, classify_lines, keep_probabilities
from newstrace.registry import line_cleaners
from newstrace.settings import Settings
from tests.clean.test_lines import ISSUE_PAGE
from tests.clean.test_lines_v2 import COMMENTS_PAGE

ENSEMBLES = {"lines.v4": ["lines.v2", "lines.v3"], "lines.v6": ["lines.v2", "lines.v3", "lines.v5"]}
EACH = pytest.mark.parametrize("version", sorted(ENSEMBLES))


def test_the_default_is_lines_v6() -> None:
    assert Settings().line_cleaner == "lines.v6"


@EACH
def test_registered_and_names_its_members(version: str) -> None:
    assert line_cleaners.get(version) is getattr(lines_module, f"clean_lines_{version.split('.')[-1]}")
    model = _model(version)
    assert model is not None and model["version"] == version
    assert model["members"] == ENSEMBLES[version] and "stage1" not in model
    assert 0.0 < model["threshold"] < 1.0


@EACH
def test_probability_is_the_mean_of_its_members(version: str) -> None:
    for page in (ISSUE_PAGE, COMMENTS_PAGE):
        lines = page.splitlines()
        members = [keep_probabilities(lines, v) for v in ENSEMBLES[version]]
        p = keep_probabilities(lines, version)
        assert p is not None and all(m is not None for m in members)
        assert not np.allclose(members[0], members[1])  # different models: the mean is not a copy of either
        np.testing.assert_allclose(p, np.mean(members, axis=0))


@EACH
def test_keeps_with_its_own_threshold(version: str) -> None:
    lines = COMMENTS_PAGE.splitlines()
    p = keep_probabilities(lines, version)
    threshold = _model(version)["threshold"]
    decisions = classify_lines(lines, version=version)
    # kept lines passed the ensemble's threshold; lines under it are dropped (the byline and title detectors may
    # drop more, never keep more)
    assert all(pi >= threshold for (keep, _), pi in zip(decisions, p) if keep)
    assert all(not keep for (keep, _), pi in zip(decisions, p) if pi < threshold)
    assert any(keep for keep, _ in decisions) and not all(keep for keep, _ in decisions)


@EACH
def test_a_missing_member_makes_the_ensemble_unavailable(version: str, monkeypatch) -> None:  # noqa: ANN001
    real = lines_module._model

    def without_v3(name: str = "lines.v1"):  # noqa: ANN202
        return None if name == "lines.v3" else real(name)

    monkeypatch.setattr(lines_module, "_model", without_v3)
    assert keep_probabilities(ISSUE_PAGE.splitlines(), version) is None
