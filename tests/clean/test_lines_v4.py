"""lines.v4: the mean of the lines.v2 and lines.v3 classifiers' probabilities (the default line cleaner).

Its cleaning contract is tested with lines.v2's, parametrized over v2, v3 and v4, in tests/clean/test_lines_v2.py.
"""
from __future__ import annotations

import numpy as np

from newstrace.clean import lines as lines_module
from newstrace.clean.lines import _model, classify_lines, clean_lines_v4, keep_probabilities
from newstrace.registry import line_cleaners
from newstrace.settings import Settings
from tests.clean.test_lines import ISSUE_PAGE
from tests.clean.test_lines_v2 import COMMENTS_PAGE


def test_registered_as_lines_v4_the_default_and_names_its_members() -> None:
    assert line_cleaners.get("lines.v4") is clean_lines_v4
    assert Settings().line_cleaner == "lines.v4"
    model = _model("lines.v4")
    assert model is not None and model["version"] == "lines.v4"
    assert model["members"] == ["lines.v2", "lines.v3"] and "stage1" not in model
    assert 0.0 < model["threshold"] < 1.0


def test_probability_is_the_mean_of_its_members() -> None:
    for page in (ISSUE_PAGE, COMMENTS_PAGE):
        lines = page.splitlines()
        p2, p3, p4 = (keep_probabilities(lines, v) for v in ("lines.v2", "lines.v3", "lines.v4"))
        assert p2 is not None and p3 is not None and p4 is not None
        assert not np.allclose(p2, p3)  # two different models: the mean is not a copy of either
        np.testing.assert_allclose(p4, (p2 + p3) / 2)


def test_keeps_with_its_own_threshold() -> None:
    lines = COMMENTS_PAGE.splitlines()
    p = keep_probabilities(lines, "lines.v4")
    threshold = _model("lines.v4")["threshold"]
    decisions = classify_lines(lines, version="lines.v4")
    # kept lines passed the ensemble's threshold; lines under it are dropped (the byline and title detectors may
    # drop more, never keep more)
    assert all(pi >= threshold for (keep, _), pi in zip(decisions, p) if keep)
    assert all(not keep for (keep, _), pi in zip(decisions, p) if pi < threshold)
    assert any(keep for keep, _ in decisions) and not all(keep for keep, _ in decisions)


def test_a_missing_member_makes_the_ensemble_unavailable(monkeypatch) -> None:  # noqa: ANN001
    real = lines_module._model

    def without_v3(version: str = "lines.v1"):  # noqa: ANN202
        return None if version == "lines.v3" else real(version)

    monkeypatch.setattr(lines_module, "_model", without_v3)
    assert keep_probabilities(ISSUE_PAGE.splitlines(), "lines.v4") is None
