"""lines.v3: lines.v2's features plus topical coherence with the article.

Its cleaning contract (issue page, comments, weather widget, odd pages, never raises) is tested with lines.v2's,
parametrized over both, in tests/clean/test_lines_v2.py.
"""
from __future__ import annotations

import numpy as np
import pytest

from newstrace.clean.lines import _model, clean_lines_v3
from newstrace.clean.lines_features import N_V3, page_features, page_features_v3, v3_features
from newstrace.registry import line_cleaners
from tests.clean.test_lines import ISSUE_PAGE, PARAS

# a "Most Read" teaser summary: prose, but about another story
TEASER = "Firefighters in the northern hills spent the night containing a blaze that destroyed two empty barns."


def test_registered_as_lines_v3_with_its_own_model() -> None:
    assert line_cleaners.get("lines.v3") is clean_lines_v3
    model = _model("lines.v3")
    assert model is not None and model["version"] == "lines.v3" and model["features"] == "v3"
    assert model["n_features"] == page_features_v3(["a line"]).shape[1]


def test_v3_features_tell_the_article_from_another_story() -> None:
    lines = ISSUE_PAGE.splitlines()
    at = lines.index("Most Popular")
    lines = [*lines[:at + 1], TEASER]
    X = page_features(lines)
    V = v3_features(lines, X)
    assert V.shape == (len(lines), N_V3)
    paras = [lines.index(p) for p in PARAS]
    # the first two paragraphs share "ministry" with each other (1 of their 15 and 11 content words); the third
    # shares none of its words with them (a short article's limit); the teaser shares none either
    assert V[paras, 0].tolist() == pytest.approx([1 / 15, 1 / 11, 0.0])
    assert V[-1, 0] == 0.0
    # a line's own words do not count: the lone paragraph of a page shares nothing with "the rest of the article"
    alone = ["Home", PARAS[0], "Share"]
    assert v3_features(alone, page_features(alone))[1, 0] == 0.0
    # a line with no content words has no share, and says so
    odd = ["Skip to content", "1 | 2 | 3", "of the", PARAS[0]]
    assert v3_features(odd, page_features(odd))[:, 5].tolist() == [1.0, 0.0, 0.0, 1.0]
    assert v3_features([], np.zeros((0, X.shape[1]))).shape == (0, N_V3)
