"""lines.v5: lines.v3's features plus a learned lexical view of each line (newstrace.clean.lines_lexical).

Its cleaning contract is tested with lines.v2's, parametrized, in tests/clean/test_lines_v2.py.
"""
from __future__ import annotations

import numpy as np

from newstrace.clean.lines import _model, clean_lines_v5, keep_probabilities
from newstrace.clean.lines_features import page_features_v3
from newstrace.clean.lines_lexical import N_LEXICAL, LexicalModel, lexical_columns
from newstrace.registry import line_cleaners
from tests.clean.test_lines import ISSUE_PAGE, PARAS


def test_registered_as_lines_v5_with_its_own_model_and_lexical_model() -> None:
    assert line_cleaners.get("lines.v5") is clean_lines_v5
    model = _model("lines.v5")
    assert model is not None and model["version"] == "lines.v5" and model["features"] == "v3"
    assert isinstance(model["lexical"], LexicalModel)
    # the trees read v3's columns and then the lexical ones
    assert model["n_features"] == page_features_v3(["a line"]).shape[1]
    assert model["stage1"].n_features_in_ == model["n_features"] + N_LEXICAL


def test_lexical_model_has_learned_chrome_words() -> None:
    lex = _model("lines.v5")["lexical"]
    chrome = ["Share this:", "Click to share on Facebook (Opens in new window)", "Reklama", "Anzeige",
              "Zurück zum Inhaltsverzeichnis", "Sign up for our newsletter", "All rights reserved"]
    p_chrome, p_article = lex.proba(chrome), lex.proba(PARAS)
    assert p_chrome.max() < p_article.min()


def test_lexical_columns_are_the_probability_and_its_window_means() -> None:
    p = np.array([0.0, 1.0, 0.0, 0.0, 1.0, 1.0])
    cols = lexical_columns(p)
    assert cols.shape == (6, N_LEXICAL)
    np.testing.assert_allclose(cols[:, 0], p)
    # +-2 lines around line 0: lines 0-2
    assert cols[0, 1] == np.mean(p[0:3]) and cols[3, 1] == np.mean(p[1:6])
    assert cols[0, 2] == np.mean(p[0:6])
    assert lexical_columns(np.zeros(0)).shape == (0, N_LEXICAL)


def test_probabilities_use_the_lexical_columns() -> None:
    lines = ISSUE_PAGE.splitlines()
    p = keep_probabilities(lines, "lines.v5")
    assert p is not None and p.shape == (len(lines),)
    model = _model("lines.v5")
    X = np.hstack([page_features_v3(lines), model["lexical"].columns(lines)])
    np.testing.assert_allclose(p, model["stage1"].predict_proba(X)[:, 1])
